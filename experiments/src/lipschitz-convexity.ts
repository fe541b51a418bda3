import { lipschitzEstimate, type Matrix, mulberry32 } from '@numcomp/core';
import { minimize } from '@numcomp/optimizers';
import {
  type DataFigure,
  defineExperiment,
  including,
  type Json,
  linspace,
  logspace,
  type Params,
  type ReportSection,
  type RunRecord,
} from '@numcomp/runner/experiment';

/**
 * f_a(t) = ½t² − a·log cosh t: f′ = t − a·tanh t, f″ = 1 − a·sech²t ∈ [1 − a, 1). Convex for a ≤ 1 (a = ½:
 * f″ ≥ ½, one minimum at 0); for a = 2, f″(0) = −1: a maximum at 0 between two minima ±t*, t* = 2 tanh t*.
 * Both have |f″| ≤ 1: their gradients are 1-Lipschitz, L = 1, and gradient descent is guaranteed to converge
 * for every start when ε < 2/L = 2.
 */
function logcosh(a: number, t: number): [number, number, number] {
  const th = Math.tanh(t);
  const abs = Math.abs(t);
  // log cosh t to rounding: log1p(2 sinh²(t/2)) (cosh t − 1 = 2 sinh²(t/2), no cancellation near 0), and
  // |t| + log1p(e^{−2|t|}) − log 2 where cosh would overflow.
  const sh = Math.sinh(0.5 * t);
  const lc = abs < 20 ? Math.log1p(2 * sh * sh) : abs + Math.log1p(Math.exp(-2 * abs)) - Math.LN2;
  return [0.5 * t * t - a * lc, t - a * th, 1 - a * (1 - th * th)];
}

/** The two functions compared, by name: a. */
const FUNCTIONS: Readonly<Record<string, number>> = {
  'convex: ½t² − ½·log cosh t': 0.5,
  'non-convex: ½t² − 2·log cosh t': 2,
};

/** f_a as a problem for `minimize`. */
function problem(a: number) {
  return {
    dim: 1,
    f: (x: Float64Array): number => logcosh(a, x[0]!)[0],
    grad: (x: Float64Array, out: Float64Array = new Float64Array(1)): Float64Array => {
      out[0] = logcosh(a, x[0]!)[1];
      return out;
    },
    hess: (x: Float64Array): Matrix => ({ rows: 1, cols: 1, data: Float64Array.of(logcosh(a, x[0]!)[2]) }),
  };
}

/** t* = 2 tanh t*, the non-convex function's minima ±t* (fixed-point iteration, converged to the bit). */
const T_STAR = ((): number => {
  let t = 2;
  for (let k = 0; k < 200; k++) t = 2 * Math.tanh(t);
  return t;
})();

/** Starts of the outcome maps: 80 points of [−4, 4] (none at 0, the non-convex function's maximum). */
const STARTS = linspace(-4, 4, 80);
/** Learning rates of the maps: 10^−1 … 6, with the bound 2/L = 2. */
const RATES = including(logspace(-1, Math.log10(6), 40), 2);
/** The bound for L = 1. */
const BOUND = 2;

/** Where a run from t0 ends. */
function endOf(a: number, status: string, t: number): string {
  if (status === 'diverged' || status === 'non-finite') return 'diverged';
  if (status !== 'converged') return 'max-iter';
  if (a < 1) return 'minimum at 0';
  if (Math.abs(t - T_STAR) < 1e-6) return 'minimum at +t*';
  if (Math.abs(t + T_STAR) < 1e-6) return 'minimum at −t*';
  return 'max-iter';
}

/** Runs gradient descent with learning rate `lr` from every start (one row of a map). */
function mapRow(a: number, lr: number): Params {
  const p = problem(a);
  const ends: string[] = [];
  let converged = 0;
  let monotone = 0;
  for (const t0 of STARTS) {
    // Whether f falls (or stays, to rounding) at every step: f(x₀) first, then each iterate's.
    let prev = p.f(Float64Array.of(t0));
    let falls = true;
    const r = minimize(p, [t0], {
      method: 'gradient-descent',
      lr,
      tol: 1e-10,
      maxIter: 2000,
      callback: (s) => {
        if (s.fun > prev + 1e-14 * Math.abs(prev)) falls = false;
        prev = s.fun;
        return undefined;
      },
    });
    const e = endOf(a, r.status, r.x[0]!);
    ends.push(e);
    if (e.startsWith('minimum')) converged++;
    if (falls) monotone++;
  }
  return { ends, converged, monotone };
}

/** An estimate of L from the gradients at n uniform samples of [−4, 4] (seed k). */
function estimate(a: number, n: number, k: number): Params {
  const rand = mulberry32(1000 * n + k);
  const samples = Array.from({ length: n }, () => [8 * rand() - 4]);
  const e = lipschitzEstimate(problem(a).grad, samples);
  return { L: e.L, pairs: e.pairs };
}

function run(point: Params): Params {
  const a = FUNCTIONS[point.fn as string]!;
  if (point.part === 'curve') {
    const [f, d1, d2] = logcosh(a, point.t as number);
    return { f, 'f′': d1, 'f″': d2 };
  }
  if (point.part === 'estimate') return estimate(a, point.samples as number, point.seed as number);
  return mapRow(a, point.lr as number);
}

const NAMES = Object.keys(FUNCTIONS);
const SAMPLES = [3, 10, 30, 100, 300, 1000];
const cases: Params[] = [
  ...NAMES.flatMap((fn) => linspace(-4, 4, 81).map((t) => ({ part: 'curve', fn, t }))),
  ...NAMES.flatMap((fn) =>
    SAMPLES.flatMap((samples) => [0, 1, 2, 3, 4].map((seed) => ({ part: 'estimate', fn, samples, seed }))),
  ),
  ...NAMES.flatMap((fn) => RATES.map((lr) => ({ part: 'map', fn, lr }))),
];

/** The outcome maps (learning rate × start, per function) and the share of starts that converge per band. */
function maps(records: readonly RunRecord[]): readonly ReportSection[] {
  const rows = records.filter((r) => r.params.part === 'map' && r.values !== undefined);
  const data: Params[] = [];
  for (const r of rows) {
    const ends = r.values!.ends as string[];
    ends.forEach((end, i) => {
      data.push({ function: r.params.fn as string, lr: r.params.lr as number, start: STARTS[i]!, end });
    });
  }
  const figure: DataFigure = {
    type: 'heatmap',
    x: 'lr',
    y: 'start',
    value: 'end',
    facet: 'function',
    logX: true,
    overlays: [{ type: 'vline', x: BOUND, label: '2/L = 2' }],
    caption:
      'Left of 2/L every start converges, on both functions. Right of it the convex function still converges ' +
      'from starts near its minimum, where f″ = ½ (up to ε < 2/f″(0) = 4), and the band of such starts narrows as ' +
      'ε grows; the non-convex one converges up to ε < 2/f″(t*) = 2.40, and a few starts near ±4 then reach the ' +
      'minimum on the other side.',
    data,
  };
  const band = (fn: string, lo: number, hi: number): Json => {
    const rs = rows.filter(
      (r) => r.params.fn === fn && (r.params.lr as number) >= lo && (r.params.lr as number) < hi,
    );
    const n = rs.length * STARTS.length;
    const c = rs.reduce((s, r) => s + (r.values!.converged as number), 0);
    const m = rs.reduce((s, r) => s + (r.values!.monotone as number), 0);
    return n === 0
      ? '—'
      : `${((100 * c) / n).toFixed(1)} % converge, ${((100 * m) / n).toFixed(1)} % with f falling at every step`;
  };
  return [
    {
      title: 'Outcome maps: learning rate × start, with the bound ε < 2/L',
      text:
        'Gradient descent from 80 starts in [−4, 4] for each of 41 learning rates from 0.1 to 6 (to |f′| ≤ 1e-10, at ' +
        'most 2,000 steps), on the convex and the non-convex function: the same sweep, different basins. The ' +
        'guarantee ε < 2/L holds for every start of both, and f decreases at every step there (ε(1 − εL/2)|f′|² ' +
        'each time); it is sufficient, not necessary, since the curvature at the minima is below L.',
      figures: [figure],
      table: {
        columns: ['learning rate', ...NAMES],
        rows: [
          ['ε < 2 = 2/L', ...NAMES.map((fn) => band(fn, 0, BOUND))],
          ['2 ≤ ε < 2.4', ...NAMES.map((fn) => band(fn, BOUND, 2.4))],
          ['2.4 ≤ ε < 4', ...NAMES.map((fn) => band(fn, 2.4, 4))],
          ['ε ≥ 4', ...NAMES.map((fn) => band(fn, 4, Number.POSITIVE_INFINITY))],
        ],
      },
    },
  ];
}

/** Lipschitz continuity, the step bound ε < 2/L, and a convex against a non-convex function. */
export default defineExperiment({
  id: 'lipschitz-convexity',
  order: 17,
  title: 'Lipschitz continuity, the guarantee ε < 2/L, and convexity',
  description: [
    'Deep Learning §4.3.1. “In the context of deep learning, we sometimes gain some guarantees by restricting ' +
      'ourselves to functions that are either Lipschitz continuous or have Lipschitz continuous derivatives. A ' +
      'Lipschitz continuous function is a function f whose rate of change is bounded by a Lipschitz constant L: ' +
      '∀x, ∀y, |f(x) − f(y)| ≤ L‖x − y‖₂. This property is useful because it enables us to quantify our assumption ' +
      'that a small change in the input made by an algorithm such as gradient descent will have a small change in ' +
      'the output.” For the gradient, L bounds the curvature (|f″| ≤ L), and gradient descent with a fixed step ' +
      'ε < 2/L decreases f at every step by at least ε(1 − εL/2)‖∇f‖², from any start.',
    '“Convex optimization algorithms are able to provide many more guarantees by making stronger restrictions. ' +
      'Convex optimization algorithms are applicable only to convex functions—functions for which the Hessian is ' +
      'positive semidefinite everywhere. Such functions are well-behaved because they lack saddle points, and all ' +
      'of their local minima are necessarily global minima.”',
    'Two non-quadratic functions with the same Lipschitz constant of the gradient, L = 1: f(t) = ½t² − a·log cosh t ' +
      'with a = ½ (convex: f″ = 1 − ½sech²t ∈ [½, 1)) and a = 2 (non-convex: f″(0) = −1, a maximum at 0 between two ' +
      `minima ±t*, t* = ${T_STAR.toFixed(6)}). numcomp’s lipschitzEstimate estimates L from the gradients at n ` +
      'random samples of [−4, 4] (the largest slope |f′(s) − f′(u)|/|s − u| over all pairs), approaching the constant ' +
      'over the box from below (0.99933 for a = ½, where |f″| peaks at the ends; 1 for a = 2, at t = 0). The ' +
      'outcome maps sweep the learning rate and the start for both: the same sweep, different basins.',
  ].join('\n\n'),
  labels: { lr: 'learning rate ε', start: 'start t₀', L: 'estimate of L', samples: 'samples', fn: 'f' },
  cases,
  run,
  plots: [
    {
      type: 'line',
      title: 'A convex and a non-convex function with the same L = 1',
      caption:
        'The convex one has a single minimum, at 0; the non-convex one a maximum at 0 and two minima at ±t*, one basin ' +
        'each side.',
      where: { part: 'curve' },
      x: 't',
      y: 'f',
      series: 'fn',
      xLabel: 't',
      yLabel: 'f(t)',
    },
    {
      type: 'line',
      title: 'Their second derivatives: |f″| ≤ L = 1',
      caption:
        'f″ = 1 − a·sech²t: ≥ ½ everywhere for a = ½ (convex), down to −1 at 0 for a = 2 (negative curvature). Both ' +
        'stay within ±1, so both gradients are 1-Lipschitz.',
      where: { part: 'curve' },
      x: 't',
      y: 'f″',
      series: 'fn',
      xLabel: 't',
      yLabel: 'f″(t)',
      overlays: [
        { type: 'hline', y: 1, label: 'L = 1' },
        { type: 'hline', y: -1, label: '−L' },
      ],
    },
    {
      type: 'scatter',
      title: 'lipschitzEstimate from n random gradients, five draws per n',
      caption:
        'The largest pairwise slope never exceeds the constant over the box and approaches it as the samples fill ' +
        'it: pairs close together near t = ±4 (a = ½) or t = 0 (a = 2), where |f″| is largest.',
      where: { part: 'estimate' },
      x: 'samples',
      y: 'L',
      series: 'fn',
      logX: true,
      xLabel: 'samples n',
      yLabel: 'estimate of L',
      overlays: [{ type: 'hline', y: 1, label: 'L = 1' }],
    },
  ],
  report: maps,
});
