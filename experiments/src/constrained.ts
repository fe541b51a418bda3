import { rangeError, type TestFunction } from '@numcomp/core';
import type { Constraint } from '@numcomp/optimizers';
import {
  defineExperiment,
  type Json,
  type Params,
  type PlotSpec,
  param,
  type ReportSection,
  type RunRecord,
  values,
} from '@numcomp/runner/experiment';
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
    feasible: 'x + y ≥ 1',
    name: 'x² + y² s.t. x + y ≥ 1',
    fn: 'sphere',
    constraints: HALFSPACE,
    lr: 0.1,
    solution: [0.5, 0.5],
    multipliers: [1],
  },
  {
    id: 'box',
    feasible: '[−1, 1]²',
    name: '(x − 2)² + (y − 2)² in the box [−1, 1]²',
    fn: 'shifted',
    constraints: BOX,
    lr: 0.1,
    solution: [1, 1],
    multipliers: [0, 0, 2, 2],
  },
  {
    id: 'disc',
    feasible: '‖x‖ ≤ 1',
    name: '(x − 2)² + (y − 2)² in the unit disc',
    fn: 'shifted',
    constraints: BALL,
    lr: 0.1,
    solution: [S, S],
    multipliers: [2 * (2 * Math.SQRT2 - 1)],
  },
  {
    id: 'corner',
    feasible: 'x + y ≥ 1, x ≤ 0.3',
    name: 'x² + y² s.t. x + y ≥ 1 and x ≤ 0.3',
    fn: 'sphere',
    constraints: CORNER,
    lr: 0.1,
    solution: [0.3, 0.7],
    multipliers: [1.4, 0, 0, 0.8, 0],
  },
  {
    id: 'rosenbrock-disc',
    feasible: '‖x‖ ≤ 1',
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

/** The box every contour plot shows. */
const DOMAIN = [
  [-2.5, 2.5],
  [-2.5, 2.5],
] as const;

type Point = readonly [number, number];

/** Half-planes a·x ≥ b bounding a constraint set; a ball is cut by the chords of a 256-gon inscribed in it. */
function halfPlanes(c: Constraint): (readonly [number, number, number])[] {
  if (c.type === 'halfspace') return [[c.a[0]!, c.a[1]!, c.b]];
  if (c.type === 'box') {
    return [
      [1, 0, c.lower[0]!],
      [0, 1, c.lower[1]!],
      [-1, 0, -c.upper[0]!],
      [0, -1, -c.upper[1]!],
    ];
  }
  const n = 256;
  const [cx, cy] = [c.center?.[0] ?? 0, c.center?.[1] ?? 0];
  const d = c.radius * Math.cos(Math.PI / n);
  return Array.from({ length: n }, (_, k) => {
    const t = (2 * Math.PI * (k + 0.5)) / n;
    const [u, v] = [Math.cos(t), Math.sin(t)];
    return [-u, -v, -(d + u * cx + v * cy)] as const;
  });
}

/**
 * The feasible part of the plotted box [−2.5, 2.5]², as a polygon: the box cut by every half-plane of
 * the (convex) constraint sets (Sutherland–Hodgman).
 *
 * @param cs - Box, ball and half-space constraints in 2-D.
 * @returns The vertices of the feasible polygon, counter-clockwise (empty if nothing is feasible).
 * @example
 * ```ts
 * feasibleRegion([{ type: 'halfspace', a: [1, 1], b: 1 }]); // [[2.5, −1.5], [2.5, 2.5], [−1.5, 2.5]]
 * ```
 */
export function feasibleRegion(cs: readonly Constraint[]): Point[] {
  let poly: Point[] = [
    [DOMAIN[0][0], DOMAIN[1][0]],
    [DOMAIN[0][1], DOMAIN[1][0]],
    [DOMAIN[0][1], DOMAIN[1][1]],
    [DOMAIN[0][0], DOMAIN[1][1]],
  ];
  for (const [a0, a1, b] of cs.flatMap(halfPlanes)) {
    const side = (p: Point): number => a0 * p[0] + a1 * p[1] - b;
    const out: Point[] = [];
    poly.forEach((q, i) => {
      const p = poly[(i + poly.length - 1) % poly.length]!;
      const [sp, sq] = [side(p), side(q)];
      if (sp >= 0 !== sq >= 0) {
        const t = sp / (sp - sq);
        out.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
      }
      if (sq >= 0) out.push(q);
    });
    poly = out;
  }
  return poly;
}

/** Per problem: the known solution and multipliers against the worst of the runs. */
function check(records: readonly RunRecord[]): readonly ReportSection[] {
  const rows: Json[][] = PROBLEMS.map((p) => {
    const runs = records.filter((r) => param(r.params, 'problem') === p.id && r.x !== undefined);
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
    'Contours of f; the infeasible region is faded and the boundary of the feasible set drawn solid. Trajectories ' +
    'start from the projection of x0 onto the feasible set.',
  where: { problem: p.id },
  label: ['x0'],
  scale: p.fn === 'rosenbrock' ? 'log' : 'linear',
  domain: DOMAIN,
  overlays: [{ type: 'region', points: feasibleRegion(p.constraints), label: p.feasible, fade: 'outside' }],
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
  cases: PROBLEMS.map((p) => ({ problem: p.id, constraints: p.constraints, lr: p.lr })),
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
