import {
  FLOAT32_EXP_MAX,
  FLOAT64_EXP_MAX,
  logSumExp,
  naiveSoftmax,
  type Precision,
  softmax,
} from '@numcomp/core';
import {
  defineExperiment,
  type Json,
  linspace,
  type Params,
  type ReportSection,
  type RunRecord,
  values,
} from '@numcomp/runner';
import { including } from './_grid.js';

/** Below this `Math.exp(x)` is exactly 0 in float64 (it rounds below half the smallest subnormal, 2^-1075). */
const FLOAT64_EXP_ZERO = -745.1332191019412;
/** Below this the float32 `exp` is 0 (under half the smallest float32 subnormal, 2^-150). */
const FLOAT32_EXP_ZERO = -103.97207708399179;

const RAMP = [1, 2, 3, 4, 5];
const RAMP_SOFTMAX = softmax(RAMP);
const RAMP_LSE = logSumExp(RAMP);

/** The input vector of a run: the notebook's `[c]*5`, or its `[1, 2, 3, 4, 5]` shifted by `c`. */
function inputOf(input: string, c: number): number[] {
  if (input === 'constant') return [c, c, c, c, c];
  if (input === 'ramp') return RAMP.map((v) => v + c);
  throw new RangeError(`invalid input: ${JSON.stringify(input)} (expected "constant" or "ramp")`);
}

/** `log Σ exp(x)` as written, in float64 or with every operation rounded to float32. */
function naiveLogSumExp(x: readonly number[], f32: boolean): number {
  const r = f32 ? Math.fround : (v: number) => v;
  let s = 0;
  for (const v of x) s = r(s + r(Math.exp(r(v))));
  return r(Math.log(s));
}

/** Largest relative error of `p` against `ref`; NaN when `p` holds a NaN (a line plot leaves a gap). */
function maxRelError(p: Float64Array, ref: ArrayLike<number>): number {
  let e = 0;
  for (let i = 0; i < p.length; i++) {
    const d = Math.abs(p[i]! - ref[i]!) / ref[i]!;
    if (Number.isNaN(d)) return Number.NaN;
    if (d > e) e = d;
  }
  return e;
}

function countNaN(p: Float64Array): number {
  let n = 0;
  for (const v of p) if (Number.isNaN(v)) n++;
  return n;
}

function run(point: Params): Params {
  const c = point.c as number;
  const input = point.input as string;
  const precision = point.precision as Precision;
  const f32 = precision === 'float32';
  const x = inputOf(input, c);
  const opts = { precision };
  const naive = naiveSoftmax(x, opts);
  const stable = softmax(x, opts);
  // Exact answers: softmax is shift-invariant, so [c]*5 gives 1/5 each and [1..5] + c gives softmax([1..5]).
  const ref = input === 'constant' ? [0.2, 0.2, 0.2, 0.2, 0.2] : RAMP_SOFTMAX;
  const lseRef = input === 'constant' ? c + Math.log(5) : c + RAMP_LSE;
  const scale = Math.max(1, Math.abs(lseRef));
  const lseNaive = naiveLogSumExp(x, f32);
  const lseStable = logSumExp(x, opts);
  const m = Math.max(...x);
  return {
    x,
    exp: x.map((v) => (f32 ? Math.fround(Math.exp(Math.fround(v))) : Math.exp(v))),
    z: x.map((v) => v - m),
    naive: Array.from(naive),
    stable: Array.from(stable),
    naiveNaN: countNaN(naive),
    stableNaN: countNaN(stable),
    naiveError: maxRelError(naive, ref),
    stableError: maxRelError(stable, ref),
    lseNaive,
    lseStable,
    lseNaiveError: Math.abs(lseNaive - lseRef) / scale,
    lseStableError: Math.abs(lseStable - lseRef) / scale,
  };
}

/** Per input and precision: the range of c over which the naive softmax gives no NaN. */
function safeRanges(records: readonly RunRecord[]): readonly ReportSection[] {
  interface Group {
    input: string;
    precision: string;
    lo: number;
    hi: number;
    naiveBad: number;
    stableBad: number;
  }
  const groups = new Map<string, Group>();
  for (const r of records) {
    if (r.status !== 'ok' || r.values === undefined) continue;
    const input = r.params.input as string;
    const precision = r.params.precision as string;
    const key = `${input}/${precision}`;
    let g = groups.get(key);
    if (g === undefined) {
      g = { input, precision, lo: Number.POSITIVE_INFINITY, hi: Number.NEGATIVE_INFINITY, naiveBad: 0, stableBad: 0 };
      groups.set(key, g);
    }
    const c = r.params.c as number;
    if (r.values.naiveNaN === 0) {
      g.lo = Math.min(g.lo, c);
      g.hi = Math.max(g.hi, c);
    } else g.naiveBad++;
    if (r.values.stableNaN !== 0) g.stableBad++;
  }
  const rows: Json[][] = [...groups.values()].map((g) => [g.input, g.precision, g.lo, g.hi, g.naiveBad, g.stableBad]);
  return [
    {
      title: 'Where the naive softmax works',
      text:
        'Smallest and largest c of the grid at which exp(x) / Σ exp(x) gives no NaN, and at how many grid values of ' +
        'c it gives NaN; the stable softmax gives NaN nowhere. In float64 exp overflows for x > ' +
        `${FLOAT64_EXP_MAX.toFixed(2)} and is exactly 0 for x < ${FLOAT64_EXP_ZERO.toFixed(2)}; in float32 the ` +
        `limits are ${FLOAT32_EXP_MAX.toFixed(2)} and ${FLOAT32_EXP_ZERO.toFixed(2)}.`,
      table: {
        columns: ['input', 'precision', 'lowest c without NaN', 'highest c without NaN', 'naive: c with NaN', 'stable: c with NaN'],
        rows,
      },
    },
  ];
}

const notebookCs = [10, 1000, -1000, 0];

/**
 * Overflow and underflow (Deep Learning §4.1): the naive softmax and log-sum-exp fail for inputs of
 * large magnitude, the max-shifted ones never do, in float64 and (much earlier) in float32.
 */
export default defineExperiment({
  id: 'overflow-underflow',
  order: 1,
  title: 'Overflow and underflow: naive versus stable softmax',
  description: [
    'Deep Learning §4.1 (Overflow and Underflow). The fundamental difficulty of continuous math on a digital ' +
      'computer is that infinitely many real numbers must be represented with a finite number of bit patterns, ' +
      'so almost every real number is approximated, and the rounding errors can pile up: an algorithm that ' +
      'works in theory can fail in practice if it is not designed to keep them small. Underflow (a tiny number ' +
      'rounded to zero) and overflow (a large number turned into ∞) are the most damaging.',
    'The softmax shows both. Let every xᵢ equal a constant c: the answer is 1/5 for each of the five entries ' +
      'whatever c is. For c = 10 the formula exp(x) / Σ exp(x) gives 0.2. For large c, exp(c) overflows and ' +
      'the formula is ∞/∞, undefined (NaN); for very negative c, exp(c) underflows to 0 and it is 0/0, NaN again. ' +
      'Evaluating softmax(z) with z = x − maxᵢ xᵢ instead gives the same value analytically, but the largest ' +
      'exponent is now 0, so nothing overflows, and the denominator is at least 1, so nothing divides by zero. ' +
      'The notebook checks this for c = ±1000 and for x = [1, 2, 3, 4, 5], where both forms agree. ' +
      'log-sum-exp, log Σ exp(xᵢ) = m + log Σ exp(xᵢ − m), is stabilised the same way.',
    'The sweep runs c over [−1000, 1000] (every 5, every 2.5 in [−120, 120]) for the notebook’s [c]*5 ' +
      '("constant") and for [1, 2, 3, 4, 5] + c ("ramp"; c = 0 is the notebook’s example), in float64 and in ' +
      `emulated float32. Float64 exp overflows above x ≈ ${FLOAT64_EXP_MAX.toFixed(1)} and underflows to 0 below ` +
      `≈ ${FLOAT64_EXP_ZERO.toFixed(1)}; float32, the precision deep learning trains in, overflows already above ` +
      `≈ ${FLOAT32_EXP_MAX.toFixed(1)} and underflows below ≈ ${FLOAT32_EXP_ZERO.toFixed(1)}. Just before total ` +
      'underflow the exponentials are subnormal and carry few digits, so the naive result loses accuracy before ' +
      'it turns into NaN. The stable forms stay at rounding level everywhere.',
    'As the notebook remarks, such tricks are usually needed, but the book does not spell out every numerical ' +
      'consideration of every algorithm: developers of low-level libraries (Theano then, numcomp here) must keep ' +
      'them in mind, and most users can rely on those libraries.',
  ].join('\n\n'),
  notebook:
    '計算機上で連続的な計算を実行する際の基本的な困難さは、有限長のビットパターンで無限に多くの実数を表現する必要があることである. ' +
    '… c がデカイと exp(c) がオーバーフローし,softmax は ∞/∞ で undefined. c が小さいと exp(c) がアンダーフローし,softmax は 0/0 で undefined. ' +
    '普通はこういうトリックが必要だが,… Theano など低レベルライブラリの開発者は,deep learning アルゴリズムを実装する際に数値問題を念頭に置くべき.',
  grid: {
    input: values('constant', 'ramp'),
    precision: values('float64', 'float32'),
    c: including(linspace(-1000, 1000, 401), ...linspace(-120, 120, 97), ...notebookCs),
  },
  run,
  plots: [
    {
      type: 'line',
      title: 'NaN entries of the naive softmax of [c]*5 (of 5)',
      caption:
        'The naive softmax of [c]*5 is all NaN once exp(c) overflows (∞/∞) or underflows to 0 (0/0); the stable ' +
        'one (stableNaN) is never NaN. Float32 fails for |c| beyond about 90–100, float64 beyond about 710–745.',
      where: { input: 'constant' },
      x: 'c',
      y: ['values.naiveNaN', 'values.stableNaN'],
      series: 'precision',
      xLabel: 'c',
      yLabel: 'NaN entries',
      overlays: [
        { type: 'vline', x: FLOAT64_EXP_MAX, label: 'float64 overflow' },
        { type: 'vline', x: FLOAT64_EXP_ZERO, label: 'float64 underflow' },
        { type: 'vline', x: FLOAT32_EXP_MAX, label: 'float32 overflow' },
        { type: 'vline', x: FLOAT32_EXP_ZERO, label: 'float32 underflow' },
      ],
    },
    {
      type: 'line',
      title: 'NaN entries of the naive softmax of [1, 2, 3, 4, 5] + c',
      caption:
        'With unequal entries overflow is gradual: once the largest exponentials are ∞, those entries are ∞/∞ = NaN ' +
        'and the others finite/∞ = 0, so the count climbs from 1 to 5 over a few units of c.',
      where: { input: 'ramp' },
      x: 'c',
      y: ['values.naiveNaN', 'values.stableNaN'],
      series: 'precision',
      xLabel: 'c',
      yLabel: 'NaN entries',
    },
    {
      type: 'line',
      title: 'Relative error of softmax([1, 2, 3, 4, 5] + c)',
      caption:
        'Largest relative error of the five probabilities against the exact softmax([1, 2, 3, 4, 5]). The naive ' +
        'form degrades in the subnormal range just before it fails (gaps are NaN); the stable form stays at ' +
        'rounding level (about 1e-16 in float64, 1e-7 in float32). Zero errors are not drawn on the log axis.',
      where: { input: 'ramp' },
      x: 'c',
      y: ['values.naiveError', 'values.stableError'],
      series: 'precision',
      logY: true,
      xLabel: 'c',
      yLabel: 'max relative error',
    },
    {
      type: 'line',
      title: 'Error of log-sum-exp of [c]*5',
      caption:
        'log Σ exp(xᵢ) evaluated as written overflows to ∞ or underflows to log 0 = −∞ (gaps); m + log Σ exp(xᵢ − m) ' +
        'stays within rounding of c + log 5.',
      where: { input: 'constant' },
      x: 'c',
      y: ['values.lseNaiveError', 'values.lseStableError'],
      series: 'precision',
      logY: true,
      xLabel: 'c',
      yLabel: '|error| / max(1, |exact|)',
    },
    {
      type: 'table',
      title: 'The notebook’s arrays',
      caption:
        'The notebook prints x, np.exp(x), the naive softmax, z = x − max(x) and softmax(z) for c = 10, 1000, −1000 and ' +
        'for [1, 2, 3, 4, 5] (the ramp at c = 0): [0.2]*5 for c = 10; NaN and 0.2 for c = ±1000; ' +
        '[0.01165623, 0.03168492, 0.08612854, 0.23412166, 0.63640865] both ways for [1, …, 5].',
      where: { c: { in: notebookCs }, precision: 'float64' },
      columns: ['input', 'c', 'values.x', 'values.exp', 'values.naive', 'values.z', 'values.stable'],
      sort: 'input',
    },
  ],
  report: safeRanges,
});
