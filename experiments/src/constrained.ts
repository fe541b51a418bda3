import { rangeError, type TestFunction } from '@numcomp/core';
import type { Constraint } from '@numcomp/optimizers';
import {
  defineExperiment,
  type Json,
  type Params,
  type PlotSpec,
  type ProblemWithDim,
  type ReportSection,
  type RunRecord,
  values,
} from '@numcomp/runner';
import { namedProblem } from './_problems.js';

const HALFSPACE: Constraint[] = [{ type: 'halfspace', a: [1, 1], b: 1 }];
const BOX: Constraint[] = [{ type: 'box', lower: [-1, -1], upper: [1, 1] }];
const BALL: Constraint[] = [{ type: 'ball', radius: 1 }];
const CORNER: Constraint[] = [
  { type: 'halfspace', a: [1, 1], b: 1 },
  { type: 'box', lower: [-3, -3], upper: [0.3, 3] },
];

const S = Math.SQRT1_2;

/** The problems, each with its known solution and KKT multipliers (one per scalar constraint). */
const PROBLEMS = [
  {
    id: 'halfspace',
    name: 'x² + y² s.t. x + y ≥ 1',
    fn: 'sphere',
    constraints: HALFSPACE,
    lr: 0.1,
    solution: [0.5, 0.5],
    multipliers: [1],
  },
  {
    id: 'box',
    name: '(x − 2)² + (y − 2)² in the box [−1, 1]²',
    fn: 'shifted',
    constraints: BOX,
    lr: 0.1,
    solution: [1, 1],
    multipliers: [0, 0, 2, 2],
  },
  {
    id: 'disc',
    name: '(x − 2)² + (y − 2)² in the unit disc',
    fn: 'shifted',
    constraints: BALL,
    lr: 0.1,
    solution: [S, S],
    multipliers: [2 * (2 * Math.SQRT2 - 1)],
  },
  {
    id: 'corner',
    name: 'x² + y² s.t. x + y ≥ 1 and x ≤ 0.3',
    fn: 'sphere',
    constraints: CORNER,
    lr: 0.1,
    solution: [0.3, 0.7],
    multipliers: [1.4, 0, 0, 0.8, 0],
  },
  {
    id: 'rosenbrock-disc',
    name: 'Rosenbrock in the unit disc',
    fn: 'rosenbrock',
    constraints: BALL,
    lr: 1e-3,
    // On the circle x = (cos t, sin t) where df/dt = 0 (SciPy brentq); λ = −∂f/∂x / x.
    solution: [0.7864151541684278, 0.6176983125233936],
    multipliers: [0.24299311399866672],
  },
] as const;

type Problem = (typeof PROBLEMS)[number];

function problemOf(params: Params): Problem {
  const p = PROBLEMS.find((q) => q.id === params.problem);
  if (p === undefined) {
    throw rangeError('problem', params.problem, `expected one of ${PROBLEMS.map((q) => q.id).join(', ')}`);
  }
  return p;
}

/** The objective of a run: the test function its problem names. */
function objective(params: Params): TestFunction {
  return namedProblem({ fn: problemOf(params).fn });
}

/** Is x in every constraint set? (Up to a rounding tolerance.) */
function feasible(cs: readonly Constraint[], x: Float64Array): boolean {
  const tol = 1e-12;
  return cs.every((c) => {
    if (c.type === 'box') return x.every((v, i) => v >= c.lower[i]! - tol && v <= c.upper[i]! + tol);
    if (c.type === 'ball') return Math.hypot(x[0]!, x[1]!) <= c.radius + tol;
    return c.a[0]! * x[0]! + c.a[1]! * x[1]! >= c.b - tol;
  });
}

/** The box every contour plot shows. */
const DOMAIN = [
  [-2.5, 2.5],
  [-2.5, 2.5],
] as const;

/**
 * f on the feasible set, and outside it the largest value of f over the plotted box: the contour plot
 * shades the infeasible region in its top colour, and the boundary of the feasible set shows as an edge.
 */
function onFeasibleSet(params: Params): ProblemWithDim {
  const p = problemOf(params);
  const f = namedProblem({ fn: p.fn }).f;
  let top = Number.NEGATIVE_INFINITY;
  const x = new Float64Array(2);
  for (let i = 0; i <= 50; i++) {
    for (let j = 0; j <= 50; j++) {
      x[0] = DOMAIN[0][0] + ((DOMAIN[0][1] - DOMAIN[0][0]) * i) / 50;
      x[1] = DOMAIN[1][0] + ((DOMAIN[1][1] - DOMAIN[1][0]) * j) / 50;
      top = Math.max(top, f(x));
    }
  }
  return { dim: 2, f: (y) => (feasible(p.constraints, y) ? f(y) : top) };
}

/** Per problem: the known solution and multipliers against the worst of the runs. */
function check(records: readonly RunRecord[]): readonly ReportSection[] {
  const rows: Json[][] = PROBLEMS.map((p) => {
    const runs = records.filter((r) => r.params.problem === p.id && r.x !== undefined);
    let dx = 0;
    let dl = 0;
    let res = 0;
    for (const r of runs) {
      dx = Math.max(dx, Math.hypot(r.x![0]! - p.solution[0], r.x![1]! - p.solution[1]));
      res = Math.max(res, r.kkt?.residual ?? Number.NaN);
      r.kkt?.multipliers.forEach((m, i) => {
        dl = Math.max(dl, Math.abs(m - (p.multipliers[i] ?? Number.NaN)));
      });
    }
    return [p.id, [...p.solution], [...p.multipliers], runs.length, dx, dl, res];
  });
  return [
    {
      title: 'KKT check',
      text:
        'For each problem: the known solution x* and multipliers λ* (one per scalar constraint; a box gives its ' +
        'lower bounds, then its upper bounds), and over the runs from every start the largest distance to x*, the ' +
        'largest error of the estimated multipliers and the largest KKT residual (stationarity, feasibility and ' +
        'complementary slackness, ∞-norm).',
      table: {
        columns: ['problem', 'x*', 'λ*', 'runs', 'max ‖x − x*‖', 'max |λ − λ*|', 'max KKT residual'],
        rows,
      },
    },
  ];
}

const contours: PlotSpec[] = PROBLEMS.map((p) => ({
  type: 'contour',
  title: p.name,
  caption:
    'Contours of f on the feasible set; the infeasible region is shaded in the top colour. Trajectories start from ' +
    'the projection of x0 onto the feasible set.',
  where: { problem: p.id },
  objective: { name: 'feasible-set', params: { problem: p.id }, problem: onFeasibleSet },
  label: ['x0'],
  scale: p.fn === 'rosenbrock' ? 'log' : 'linear',
  domain: DOMAIN,
}));

/**
 * Constrained optimization by projected gradient: box, ball and half-space constraints (and an
 * intersection), with the KKT multipliers and residual of each solution.
 */
export default defineExperiment({
  id: 'constrained',
  order: 10,
  title: 'Constrained optimization: projected gradient and the KKT conditions',
  description: [
    'Deep Learning §4.4 (Constrained Optimization). Sometimes we wish to minimize f(x) only over a set 𝕊 of ' +
      'feasible points. A simple approach is to modify gradient descent to take the constraint into account: ' +
      'take a gradient step, then project the result back into 𝕊 (projected gradient, x ← P𝕊(x − ε∇f(x))). The ' +
      'projection is cheap for a box (clip each coordinate), a ball (rescale towards the centre) and a half-space ' +
      '(move along its normal).',
    'The Karush–Kuhn–Tucker (KKT) approach characterizes the solutions: with constraints cⱼ(x) ≥ 0, the ' +
      'generalized Lagrangian L(x, λ) = f(x) − Σⱼ λⱼcⱼ(x) is stationary at a solution x*, and there the ' +
      'multipliers satisfy λⱼ ≥ 0, every constraint holds, and λⱼcⱼ(x*) = 0 (complementary slackness: an ' +
      'inactive constraint has λⱼ = 0). For min x² + y² subject to x + y ≥ 1 the solution is (½, ½): there ' +
      '∇f = (1, 1) = λ·(1, 1), so λ = 1.',
    'Each problem runs from three starting points (projected first), until the gradient mapping ' +
      '‖x − P𝕊(x − ε∇f)‖/ε ≤ 1e-8; the report estimates the multipliers at the final point (a non-negative ' +
      'least-squares fit of ∇f by the gradients of the active constraints) and the KKT residual. The problems: ' +
      'the half-space example above; (x − 2)² + (y − 2)² in the box [−1, 1]² (solution (1, 1), λ = 2 on both upper ' +
      'bounds) and in the unit disc (solution (1/√2, 1/√2), λ = 2(2√2 − 1) ≈ 3.657); the half-space together with ' +
      'x ≤ 0.3 (two active constraints: (0.3, 0.7), λ = 1.4 and 0.8); and Rosenbrock in the unit disc ' +
      '(≈ (0.7864, 0.6177), λ ≈ 0.2430).',
  ].join('\n\n'),
  objective: { name: 'constrained', params: { problem: 'halfspace' }, problem: objective },
  optimizer: { method: 'projected-gradient', gradient: 'analytic', tol: 1e-8, maxIter: 50_000 },
  cases: PROBLEMS.map((p) => ({ problem: p.id, constraints: p.constraints as unknown as Json, lr: p.lr })),
  grid: { x0: values([-2, -1.5], [2, -2], [-1.5, 2]) },
  plots: [
    {
      type: 'table',
      title: 'Solutions and KKT multipliers',
      caption: 'x: final point; kkt: residual and multipliers (one per scalar constraint).',
      columns: ['problem', 'x0', 'status', 'nit', 'x', 'fun', 'kkt.residual', 'kkt.multipliers'],
    },
    ...contours,
  ],
  report: check,
});
