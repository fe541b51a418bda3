import { saddle } from '@numcomp/core';
import { minimize, type OptimizeResult } from '@numcomp/optimizers';
import {
  type DataFigure,
  defineExperiment,
  type Json,
  type Params,
  pointsGrid,
  type ReportSection,
  type RunRecord,
} from '@numcomp/runner/experiment';
import { pureNewton } from './_pureNewton.js';

/** f(x) = x₀² − x₁² + (x₀⁴ + x₁⁴)/4: the saddle point at the origin, minima (0, ±√2) with f = −1. */
const Q = 0.25;
const F = saddle(Q);
const ROOT2 = Math.SQRT2;

/** The four methods compared. */
const METHODS = ['gradient descent', 'Newton', 'modified Newton', 'saddle-free Newton'] as const;
type MethodName = (typeof METHODS)[number];

/** Where a run ends, by the critical point it reached (the names sort minima first, for the colours). */
const MIN_UP = 'minimum (0, +√2)';
const MIN_DOWN = 'minimum (0, −√2)';
const SADDLE = 'saddle point (0, 0)';
const UNSETTLED = 'unsettled';

/**
 * Gradient tolerance and step limit of every run. The test ‖∇f‖ ≤ tol cannot tell a saddle point from a
 * minimum: near the saddle ‖∇f‖ ≈ 2|x|, so with tol = 1e-8 saddle-free Newton from (0.5, 10⁻¹⁰) would stop,
 * 'converged', at (0, 8·10⁻¹⁰) after 3 steps. 1e-13 lets every run that starts 10⁻¹² off the axis go on.
 */
const TOL = 1e-13;
const MAX_ITER = 2000;
/** Gradient descent's learning rate: stable at the minima (λmax = 4 there: 0.1 < 2/4). */
const LR = 0.1;

/** The critical point nearest to x, if within 1e-4. */
function endOf(x: ArrayLike<number>, converged: boolean): string {
  if (!converged) return UNSETTLED;
  const near = (a: number, b: number) => Math.abs(x[0]! - a) < 1e-4 && Math.abs(x[1]! - b) < 1e-4;
  if (near(0, ROOT2)) return MIN_UP;
  if (near(0, -ROOT2)) return MIN_DOWN;
  if (near(0, 0)) return SADDLE;
  return UNSETTLED;
}

/** Runs one method from x0 (every iterate recorded when `record`). */
function solve(
  method: MethodName,
  x0: readonly number[],
  record: boolean,
): {
  x: ArrayLike<number>;
  nit: number;
  converged: boolean;
  path: number[][] | undefined;
} {
  if (method === 'Newton') {
    const r = pureNewton(F, x0, TOL, MAX_ITER, record);
    return { x: r.x, nit: r.nit, converged: r.status === 'converged', path: r.path };
  }
  const common = { tol: TOL, maxIter: MAX_ITER, ...(record ? { record: true } : {}) };
  let r: OptimizeResult;
  if (method === 'gradient descent') r = minimize(F, x0, { method: 'gradient-descent', lr: LR, ...common });
  else if (method === 'modified Newton') r = minimize(F, x0, { method: 'newton', ...common });
  else r = minimize(F, x0, { method: 'saddle-free-newton', ...common });
  return { x: r.x, nit: r.nit, converged: r.status === 'converged', path: r.trajectory?.x };
}

/** One start of one method: where it ends, in how many steps, and when it left the saddle's neighbourhood. */
function run(point: Params): Params {
  const method = point.method as MethodName;
  const x0 = point.x0 as number[];
  const path = point.part !== 'map';
  const r = solve(method, x0, path);
  const out: Record<string, Json> = {
    end: endOf(r.x, r.converged),
    steps: r.nit,
    x0End: r.x[0]!,
    x1End: r.x[1]!,
    f: F.f(Float64Array.from(r.x)),
  };
  if (r.path !== undefined) {
    // The first step at which |x₁| ≥ 1: out of the saddle's neighbourhood (NaN: never).
    const k = r.path.findIndex((p) => Math.abs(p[1]!) >= 1);
    out.escape = k < 0 ? Number.NaN : k;
    if (point.part === 'path') out.path = r.path.map((p) => [p[0]!, p[1]!]);
  }
  return out;
}

/** The outcome map's starts: 20 × 20 over [−1, 1]², none on the axis x₁ = 0 (an even count). */
const MAP = pointsGrid(
  [
    [-1, 1],
    [-1, 1],
  ],
  20,
);
/** Starts ever closer to the saddle's attracting axis: x₁(0) = 10⁻ᵏ. */
const NEAR = Array.from({ length: 12 }, (_, k) => [0.5, Number(`1e-${k + 1}`)]);
/** The starts whose paths are drawn. */
const PATHS = [
  [0.9, 0.05],
  [-0.8, -0.3],
  [-0.5, 0.002],
  [0.3, 0.95],
];

const cases: Params[] = [
  ...METHODS.flatMap((method) => MAP.map((x0) => ({ part: 'map', method, x0 }))),
  ...METHODS.flatMap((method) => NEAR.map((x0) => ({ part: 'near', method, x0 }))),
  ...METHODS.flatMap((method) => PATHS.map((x0) => ({ part: 'path', method, x0 }))),
];

/** An acceptance table: per method, how many of the map's starts end where. */
function tally(records: readonly RunRecord[]): ReportSection {
  const rows: Json[][] = METHODS.map((m) => {
    const rs = records.filter((r) => r.params.part === 'map' && r.params.method === m);
    const count = (end: string) => rs.filter((r) => r.values?.end === end).length;
    const steps = rs
      .filter((r) => r.values?.end !== SADDLE)
      .map((r) => r.values?.steps as number)
      .sort((a, b) => a - b);
    const median = steps.length > 0 ? steps[Math.floor(steps.length / 2)]! : null;
    return [m, rs.length, count(MIN_UP) + count(MIN_DOWN), count(SADDLE), count(UNSETTLED), median];
  });
  return {
    title: 'Where each method ends, from the 400 starts of the map',
    text:
      'Saddle-free Newton reaches a minimum from every start, including every start from which Newton converges ' +
      'to the saddle point. Steps: the median number of steps of the runs that reach a minimum.',
    table: {
      columns: ['method', 'starts', 'reach a minimum', 'end at the saddle', 'unsettled', 'median steps'],
      rows,
    },
  };
}

/** What each method's paths show. */
const PATH_CAPTIONS: Readonly<Record<MethodName, string>> = {
  'gradient descent':
    'gradient descent (ε = 0.1): down to x₀ ≈ 0, then out along x₁, slowly from near the axis.',
  Newton: 'Newton (x ← x − H⁻¹∇f): three of the four starts converge to the saddle point.',
  'modified Newton':
    'modified Newton (H + τI, steps bounded by a trust radius): away from the saddle at once.',
  'saddle-free Newton':
    'saddle-free Newton (|H| = V|Λ|Vᵀ, strong-Wolfe steps): away from the saddle at once.',
};

/** The drawn paths, one contour per method, as overlays. */
function paths(records: readonly RunRecord[]): ReportSection {
  const figures: DataFigure[] = METHODS.map((m) => {
    const rs = records.filter((r) => r.params.part === 'path' && r.params.method === m);
    return {
      type: 'contour',
      caption: `Above: ${PATH_CAPTIONS[m]}`,
      objective: { name: 'saddle', params: { q: Q } },
      trajectories: false,
      scale: 'linear',
      domain: [
        [-1.6, 1.6],
        [-1.6, 1.6],
      ],
      overlays: rs.map((r) => ({
        type: 'curve' as const,
        points: (r.values!.path as [number, number][]).map((p) => [
          Math.max(-1.6, Math.min(1.6, p[0])),
          Math.max(-1.6, Math.min(1.6, p[1])),
        ]) as [number, number][],
        label: r.values!.end === SADDLE ? '→ saddle' : '',
      })),
      data: [{ method: m }],
    };
  });
  return {
    title: 'Paths from four starts, on the contours of f',
    text:
      'From (0.9, 0.05), (−0.8, −0.3), (−0.5, 0.002) and (0.3, 0.95), each method’s iterates, dashed (clipped to ' +
      'the frame). Gradient descent slides down towards x₀ = 0 and then, slowly when it starts near the axis ' +
      'x₁ = 0, out along x₁; Newton jumps to the saddle point from the three starts with |x₁| < 0.63 and reaches a ' +
      'minimum only from (0.3, 0.95); the modified and saddle-free Newton methods turn away from the saddle at ' +
      'once.',
    figures,
  };
}

/** Gradient descent, Newton, modified Newton and saddle-free Newton near a saddle point. */
export default defineExperiment({
  id: 'saddle-points',
  order: 15,
  figures: ['4.5'],
  title: 'Saddle points: gradient descent escapes, Newton is attracted, saddle-free Newton escapes fast',
  description: [
    'Deep Learning §4.3.1 (and §8.2.3). A saddle point (Figure 4.5) is a critical point whose Hessian has ' +
      'eigenvalues of both signs. Gradient descent is not attracted to it: near the saddle of f = x₀² − x₁² the ' +
      'step x ← x − ε∇f multiplies x₁ by 1 + 2ε, so any start off the axis x₁ = 0 drifts away along the negative ' +
      'curvature — slowly, since the gradient is small near a critical point. Newton’s method, x ← x − H⁻¹∇f, ' +
      'jumps to the critical point of the local quadratic model, whatever its kind: “Newton’s method is ' +
      'appropriate only when the nearby critical point is a minimum (all the eigenvalues of the Hessian are ' +
      'positive), whereas gradient descent is not attracted to saddle points unless the gradient points toward ' +
      'them.” In high dimensions saddle points outnumber minima, which is why second-order methods have not ' +
      'replaced gradient descent for neural networks (Dauphin et al., 2014).',
    'The objective is the saddle bounded below by a quartic term, f(x) = x₀² − x₁² + (x₀⁴ + x₁⁴)/4 (core’s ' +
      'saddle(0.25)): the saddle point (0, 0), f = 0, with H = diag(2, −2), and two minima (0, ±√2), f = −1. Four ' +
      'methods start from a 20 × 20 grid over [−1, 1]² (none on the axis x₁ = 0, the saddle’s attracting ' +
      'manifold, where ∂f/∂x₁ = 0 for ever and no gradient-based method can leave) and run to ‖∇f‖ ≤ 1e-13 (a looser tolerance stops any method next to the saddle, where the gradient is that small): ' +
      'gradient descent (ε = 0.1); Newton as the book writes it (unit steps, H⁺ by SVD); numcomp’s newton, which ' +
      'adds τI to an indefinite H (Nocedal & Wright §3.4) and so turns away; and saddle-free Newton ' +
      "(method: 'saddle-free-newton'), which replaces H by |H| = V|Λ|Vᵀ from its eigen-decomposition: along the " +
      'negative-curvature eigenvector it keeps Newton’s step length but flips its sign, so it moves away from the ' +
      'saddle as fast as Newton moves towards it. Newton converges to the saddle from every start with ' +
      '|x₁| < √(2/5) ≈ 0.63 (there x₁ ← 2x₁³/(3x₁² − 2) shrinks); saddle-free Newton escapes from all 400.',
  ].join('\n\n'),
  labels: {
    'x0[0]': 'x₀ of the start',
    'x0[1]': 'x₁ of the start',
    end: 'where the run ends',
    escape: 'step at which |x₁| ≥ 1',
  },
  cases,
  run,
  plots: [
    {
      type: 'heatmap',
      title: 'Where each method ends, from each start of [−1, 1]²',
      caption:
        'Gradient descent and both safeguarded Newton methods reach a minimum from every start (which one: the sign ' +
        'of x₁ at the start, mostly); Newton ends at the saddle point from the band |x₁| < 0.63 around its attracting ' +
        'axis, and outside it lands on either minimum. Saddle-free Newton escapes from every start.',
      where: { part: 'map' },
      x: 'x0[0]',
      y: 'x0[1]',
      value: 'end',
      facet: 'method',
    },
    {
      type: 'heatmap',
      title: 'Steps to ‖∇f‖ ≤ 1e-13',
      caption:
        'Gradient descent needs 125–136 steps: x₀ contracts by 1 − 2ε = 0.8 per step all along (which sets the ' +
        'columns), while x₁ grows by 1 + 2ε = 1.2 per step near the saddle and then contracts by 1 − 4ε = 0.6 at the ' +
        'minimum. The Newton methods converge quadratically once near a critical point: Newton 3–10 steps, ' +
        'modified Newton 4–7, saddle-free Newton 4–8.',
      where: { part: 'map' },
      x: 'x0[0]',
      y: 'x0[1]',
      value: 'steps',
      facet: 'method',
    },
    {
      type: 'line',
      title: 'Escaping from ever closer to the saddle: steps until |x₁| ≥ 1, from (0.5, 10⁻ᵏ)',
      caption:
        'Gradient descent multiplies the distance to the axis by 1 + 2ε = 1.2 per step: about ln(1/x₁)/ln 1.2 steps, ' +
        'a straight line on the log axis (12.6 more steps per decade). Saddle-free Newton at least doubles it per ' +
        'step, and its strong-Wolfe line search stretches the step much further: 2 to 5 steps from 10⁻¹ to 10⁻¹². ' +
        'Newton never escapes: it converges to the saddle from all 12 starts, so it has no point here.',
      where: { part: 'near' },
      x: 'x0[1]',
      y: 'escape',
      series: 'method',
      logX: true,
      xLabel: 'x₁ of the start (x₀ = 0.5)',
      yLabel: 'steps until |x₁| ≥ 1',
    },
    {
      type: 'table',
      title: 'From (0.5, 10⁻ᵏ): where each method ends',
      where: { part: 'near' },
      columns: ['method', 'x0[1]', 'end', 'steps', 'escape', { value: 'f', digits: 6 }],
    },
  ],
  report: (records) => [tally(records), paths(records)],
});
