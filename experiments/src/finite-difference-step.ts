import { type DiffMethod, function1, numericalDiffWithError, rangeError } from '@numcomp/core';
import {
  defineExperiment,
  including,
  type Json,
  logspace,
  type Params,
  type ReportSection,
  type RunRecord,
  values,
} from '@numcomp/runner/experiment';

const EPS = Number.EPSILON;
const NOTEBOOK_H = 1e-4;
const FUNCTION_1 = function1();

interface Fn {
  readonly f: (x: number) => number;
  /** f and its first three derivatives at x. */
  readonly d: (x: number) => readonly [number, number, number, number];
  readonly label: string;
}

/** The functions differentiated: smooth ones and the notebook's quadratics. */
const FUNCTIONS: Readonly<Record<string, Fn>> = {
  exp: { f: Math.exp, d: (x) => [Math.exp(x), Math.exp(x), Math.exp(x), Math.exp(x)], label: 'exp' },
  sin: { f: Math.sin, d: (x) => [Math.sin(x), Math.cos(x), -Math.sin(x), -Math.cos(x)], label: 'sin' },
  // The notebook's function_1, 0.01·x² + 0.1·x, in its operation order.
  'function-1': {
    f: (x) => FUNCTION_1.f(Float64Array.of(x)),
    d: (x) => [0.01 * x ** 2 + 0.1 * x, 0.02 * x + 0.1, 0.02, 0],
    label: 'function_1',
  },
  // The notebook's function_tmp1 / function_tmp2: x² with the other coordinate fixed.
  square: { f: (x) => x ** 2, d: (x) => [x ** 2, 2 * x, 2, 0], label: 'x²' },
};

function fnOf(name: Json | undefined): Fn {
  const fn = typeof name === 'string' && Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
  if (fn === undefined) {
    throw rangeError('fn', name, `expected one of ${Object.keys(FUNCTIONS).join(', ')}`);
  }
  return fn;
}

function run(point: Params): Params {
  const fn = fnOf(point.fn);
  const x = point.x as number;
  const h = point.h as number;
  const method = point.method as DiffMethod;
  const exact = fn.d(x)[1];
  const { value, error } = numericalDiffWithError(fn.f, x, { h, method });
  return {
    estimate: value,
    exact,
    error: Math.abs(value - exact),
    relError: Math.abs(value - exact) / Math.abs(exact),
    errorEstimate: error,
  };
}

/** h at which the error model `truncation(h) + rounding(h)` is drawn. */
const MODEL_H = logspace(-16, 0, 65);

/**
 * Error models of forward and central differences at (f, x): truncation |f''|h/2 plus rounding 2ε|f|/h,
 * and truncation |f'''|h²/6 plus rounding ε|f|/h.
 */
function models(name: string, x: number): { forward: [number, number][]; central: [number, number][] } {
  const [f0, , f2, f3] = fnOf(name).d(x);
  return {
    forward: MODEL_H.map((h) => [h, (Math.abs(f2) * h) / 2 + (2 * EPS * Math.abs(f0)) / h]),
    central: MODEL_H.map((h) => [h, (Math.abs(f3) * h * h) / 6 + (EPS * Math.abs(f0)) / h]),
  };
}

/** Per function and method: the best h of the grid and the error there, and the error at the notebook's h. */
function bestSteps(records: readonly RunRecord[]): readonly ReportSection[] {
  const best = new Map<
    string,
    { fn: string; x: number; method: string; h: number; error: number; at: number }
  >();
  for (const r of records) {
    if (r.values === undefined) continue;
    const key = `${r.params.fn}@${r.params.x}/${r.params.method}`;
    const e = r.values.error as number;
    let b = best.get(key);
    if (b === undefined) {
      b = {
        fn: r.params.fn as string,
        x: r.params.x as number,
        method: r.params.method as string,
        h: Number.NaN,
        error: Number.POSITIVE_INFINITY,
        at: Number.NaN,
      };
      best.set(key, b);
    }
    if (e < b.error) {
      b.error = e;
      b.h = r.params.h as number;
    }
    if (r.params.h === NOTEBOOK_H) b.at = e;
  }
  return [
    {
      title: 'Best step per method',
      text:
        'The step of the grid with the smallest error, that error, and the error at the notebook’s h = 1e-4. Theory: ' +
        'forward differences balance truncation and rounding at h ≈ √ε ≈ 1.5e-8 (error ≈ 1e-8), central ones at ' +
        'h ≈ ε^(1/3) ≈ 6e-6 (error ≈ 1e-11); Ridders’ extrapolation (richardson) wants a large first step and ' +
        'reaches about 1e-15. For the quadratics the central difference has no truncation error, only rounding.',
      table: {
        columns: ['fn', 'x', 'method', 'best h', 'error at best h', 'error at h = 1e-4'],
        rows: [...best.values()].map((b) => [b.fn, b.x, b.method, b.h, b.error, b.at]),
      },
    },
  ];
}

/** The notebook's two numerical_diff values, to the last digit. */
function notebookValues(records: readonly RunRecord[]): ReportSection {
  const at = (x: number) =>
    records.find(
      (r) =>
        r.params.fn === 'square' &&
        r.params.x === x &&
        r.params.method === 'central' &&
        r.params.h === NOTEBOOK_H,
    )?.values?.estimate;
  return {
    title: 'The notebook’s numerical_diff values',
    text:
      'Central differences with h = 1e-4 on x² (the notebook’s function_tmp1 at 3 and function_tmp2 at 4). The ' +
      'central difference of a quadratic has no truncation error: what separates these values from 6 and 8 is ' +
      'rounding, amplified by 1/2h.',
    table: {
      columns: [
        'expression',
        { label: 'notebook', digits: 'full' },
        { label: 'numcomp', digits: 'full' },
        { label: 'exact', digits: 'full' },
      ],
      rows: [
        ['numerical_diff(function_tmp1, 3.0)', 6.000000000012662, at(3) ?? null, 6],
        ['numerical_diff(function_tmp2, 4.0)', 7.999999999999119, at(4) ?? null, 8],
      ],
    },
  };
}

const cases = [
  { fn: 'exp', x: 1 },
  { fn: 'sin', x: 1 },
  { fn: 'function-1', x: 5 },
  { fn: 'square', x: 3 },
  { fn: 'square', x: 4 },
];

function errorPlot(fn: string, x: number, title: string, caption: string) {
  const m = models(fn, x);
  return {
    type: 'line' as const,
    title,
    caption,
    where: { fn, x },
    x: 'h',
    y: 'error',
    series: 'method',
    logX: true,
    logY: true,
    xLabel: 'step h',
    yLabel: '|estimate − f′(x)|',
    overlays: [
      { type: 'vline' as const, x: NOTEBOOK_H, label: 'notebook h = 1e-4' },
      { type: 'curve' as const, points: m.forward, label: 'forward model' },
      { type: 'curve' as const, points: m.central, label: 'central model' },
    ],
  };
}

/**
 * Finite-difference step size: the error of forward, central and extrapolated (Ridders)
 * differences against h, the V of truncation against rounding error, with the notebook's h = 1e-4.
 */
export default defineExperiment({
  id: 'finite-difference-step',
  order: 3,
  title: 'Numerical differentiation: the step size h',
  description: [
    'Deep Learning §4.3 (Gradient-Based Optimization) uses the derivative f′(x) = lim_{h→0} (f(x + h) − f(x)) / h; ' +
      'the notebook follows “Deep Learning from Scratch” (ゼロから作るディープラーニング) §4.3 and computes it ' +
      'numerically with the central difference (f(x + h) − f(x − h)) / 2h and h = 1e-4: numerical_diff of x² ' +
      'at 3 prints 6.000000000012662, at 4 prints 7.999999999999119.',
    'Why 1e-4 and not smaller? Two errors compete. Truncation error comes from replacing the limit by a finite ' +
      'h: about |f″|h/2 for the forward difference, |f‴|h²/6 for the central one. Rounding error comes from ' +
      'subtracting two nearly equal values of f, each rounded to about ε|f| (ε ≈ 2.2e-16), and dividing by h: ' +
      'about ε|f|/h. Their sum is a V on a log-log plot: the rounding branch has slope −1, the truncation branch ' +
      'slope +1 (forward) or +2 (central), and the bottom sits near h ≈ √ε for forward and ε^(1/3) for central ' +
      'differences. Below h ≈ 1e-16·|x| the step vanishes in x + h and the estimate is 0 or garbage.',
    'The sweep evaluates forward and central differences and Ridders’ Richardson extrapolation ' +
      '(central differences at h, h/1.4, h/1.4², … extrapolated to h → 0; here h is its first, largest step) ' +
      'for h = 10⁻¹⁶ … 1 on exp and sin at x = 1, on the notebook’s function_1 at 5 (where it draws the tangent) ' +
      'and on x² at 3 and 4 (the notebook’s partial derivatives). The dashed curves are the error models above. ' +
      'On the quadratics the central difference has no truncation error at all: only the rounding branch is left, ' +
      'which is why the notebook sees 6.000000000012662 rather than 6.',
  ].join('\n\n'),
  notebook:
    'def numerical_diff(f, x): h = 1e-4; return (f(x+h) - f(x-h)) / (2*h) … numerical_diff(function_tmp1, 3.0) → 6.000000000012662, ' +
    'numerical_diff(function_tmp2, 4.0) → 7.999999999999119',
  cases,
  grid: {
    method: values('forward', 'central', 'richardson'),
    h: including(logspace(-16, 0, 161), NOTEBOOK_H),
  },
  run,
  plots: [
    errorPlot(
      'exp',
      1,
      'Error of f′(1) for f = exp against h',
      'The V: rounding error ε|f|/h on the left, truncation on the right (slope 1 forward, 2 central). ' +
        'The notebook’s h = 1e-4 is on the truncation side for central differences, within 1e-8 of the best.',
    ),
    errorPlot(
      'sin',
      1,
      'Error of f′(1) for f = sin against h',
      'The same V for sin. Ridders’ extrapolation (richardson) reaches rounding level from any first step above ~1e-3.',
    ),
    errorPlot(
      'function-1',
      5,
      'Error of f′(5) for the notebook’s function_1 against h',
      'function_1 is quadratic: the central difference is exact up to rounding, so its error only falls as h grows; ' +
        'the forward difference keeps its truncation error 0.01·h.',
    ),
  ],
  report: (records) => [notebookValues(records), ...bestSteps(records)],
});
