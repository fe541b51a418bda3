import {
  FLOAT32_EXP_MAX,
  FLOAT64_EXP_MAX,
  logSumExp,
  naiveSoftmax,
  type Precision,
  rangeError,
  softmax,
} from '@numcomp/core';
import {
  defineExperiment,
  including,
  type Json,
  linspace,
  type Params,
  type ReportSection,
  type RunRecord,
  values,
} from '@numcomp/runner/experiment';

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
  throw rangeError('input', input, 'expected "constant" or "ramp"');
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

/** Decimal digits a precision carries: −log10 of its unit roundoff (2^-53 or 2^-24). */
const MAX_DIGITS: Readonly<Record<Precision, number>> = {
  float64: 53 * Math.log10(2),
  float32: 24 * Math.log10(2),
};

/**
 * Correct decimal digits of a result with relative error `err`: −log10(err), at most what the precision
 * carries (an exact result), and 0 for an error of 1 or more, ∞ or NaN (an overflow, an underflow to 0).
 */
function digits(err: number, precision: Precision): number {
  if (!(err < 1)) return 0;
  return Math.min(MAX_DIGITS[precision], -Math.log10(err));
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
  const naiveError = maxRelError(naive, ref);
  const stableError = maxRelError(stable, ref);
  const lseNaiveError = Math.abs(lseNaive - lseRef) / scale;
  const lseStableError = Math.abs(lseStable - lseRef) / scale;
  return {
    x,
    exp: x.map((v) => (f32 ? Math.fround(Math.exp(Math.fround(v))) : Math.exp(v))),
    z: x.map((v) => v - m),
    naive: Array.from(naive),
    stable: Array.from(stable),
    naiveNaN: countNaN(naive),
    stableNaN: countNaN(stable),
    naiveError,
    stableError,
    naiveDigits: digits(naiveError, precision),
    stableDigits: digits(stableError, precision),
    lseNaive,
    lseStable,
    lseNaiveError,
    lseStableError,
    lseNaiveDigits: digits(lseNaiveError, precision),
    lseStableDigits: digits(lseStableError, precision),
  };
}

/** A relative error at most this counts as right (5 digits: float32 rounding leaves about 7). */
const RIGHT = 1e-5;

/** Per input and precision: where the naive softmax is right, NaN, or finite but wrong. */
function whereNaiveWorks(records: readonly RunRecord[]): ReportSection {
  interface Group {
    input: string;
    precision: string;
    lo: number;
    hi: number;
    nan: number;
    wrong: number;
    stableWrong: number;
  }
  const groups = new Map<string, Group>();
  for (const r of records) {
    if (r.status !== 'ok' || r.values === undefined) continue;
    const input = r.params.input as string;
    const precision = r.params.precision as string;
    const key = `${input}/${precision}`;
    let g = groups.get(key);
    if (g === undefined) {
      g = {
        input,
        precision,
        lo: Number.POSITIVE_INFINITY,
        hi: Number.NEGATIVE_INFINITY,
        nan: 0,
        wrong: 0,
        stableWrong: 0,
      };
      groups.set(key, g);
    }
    const c = r.params.c as number;
    const v = r.values;
    if ((v.naiveError as number) <= RIGHT) {
      g.lo = Math.min(g.lo, c);
      g.hi = Math.max(g.hi, c);
    } else if ((v.naiveNaN as number) > 0) g.nan++;
    else g.wrong++;
    if (!((v.stableError as number) <= RIGHT)) g.stableWrong++;
  }
  return {
    title: 'Where the naive softmax is right',
    text:
      `Smallest and largest c of the grid at which exp(x) / Σ exp(x) is right to a relative ${RIGHT}, and at how many ` +
      'grid values of c it gives NaN, or a finite but wrong answer (in float32 the sum of five exponentials can ' +
      'overflow while each term is finite: every entry is then finite/∞ = 0). The stable softmax is right ' +
      `everywhere. In float64 exp overflows for x > ${FLOAT64_EXP_MAX.toFixed(2)} and is exactly 0 for ` +
      `x < ${FLOAT64_EXP_ZERO.toFixed(2)}; in float32 the limits are ${FLOAT32_EXP_MAX.toFixed(2)} and ` +
      `${FLOAT32_EXP_ZERO.toFixed(2)}.`,
    table: {
      columns: [
        'input',
        'precision',
        'lowest c right',
        'highest c right',
        'c giving NaN',
        'c giving wrong numbers',
        'stable: c wrong',
      ],
      rows: [...groups.values()].map((g) => [
        g.input,
        g.precision,
        g.lo,
        g.hi,
        g.nan,
        g.wrong,
        g.stableWrong,
      ]),
    },
  };
}

/**
 * NumPy-like display of a vector: 8 decimals, as the notebook prints arrays, and `[v]*5` for five equal
 * entries (as the notebook builds them, np.full((1, 5), c)).
 */
function show(v: Json | undefined): string {
  if (!Array.isArray(v)) return String(v);
  const cell = (e: Json): string => {
    const n = typeof e === 'number' ? e : Number(e);
    if (Number.isNaN(n)) return 'nan';
    if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
    return Number.isInteger(n) ? `${n}.` : Number(n.toFixed(8)).toString();
  };
  const cells = v.map(cell);
  return cells.every((c) => c === cells[0]) ? `[${cells[0]}]*${cells.length}` : `[${cells.join(', ')}]`;
}

/** The notebook's printed arrays next to the same expressions evaluated here (float64). */
function notebookArrays(records: readonly RunRecord[]): ReportSection {
  const at = (input: string, c: number): Params =>
    records.find((r) => r.params.input === input && r.params.c === c && r.params.precision === 'float64')
      ?.values ?? {};
  const p5 = '[0.01165623, 0.03168492, 0.08612854, 0.23412166, 0.63640865]';
  const rows: [string, string, Json | undefined][] = [
    ['c = 10: np.exp(x)', '[22026.46579481]*5', at('constant', 10).exp],
    ['c = 10: exp(x) / Σ exp(x)', '[0.2]*5', at('constant', 10).naive],
    ['c = 1000: np.exp(x)', '[inf]*5', at('constant', 1000).exp],
    ['c = 1000: exp(x) / Σ exp(x)', '[nan]*5', at('constant', 1000).naive],
    ['c = −1000: np.exp(x)', '[0.]*5', at('constant', -1000).exp],
    ['c = −1000: exp(x) / Σ exp(x)', '[nan]*5', at('constant', -1000).naive],
    ['c = 1000: z = x − x.max()', '[0.]*5', at('constant', 1000).z],
    ['c = 1000: softmax(z)', '[0.2]*5', at('constant', 1000).stable],
    ['c = −1000: softmax(z)', '[0.2]*5', at('constant', -1000).stable],
    ['x = [1, …, 5]: z = x − x.max()', '[-4., -3., -2., -1., 0.]', at('ramp', 0).z],
    ['x = [1, …, 5]: exp(x) / Σ exp(x)', p5, at('ramp', 0).naive],
    ['x = [1, …, 5]: softmax(z)', p5, at('ramp', 0).stable],
  ];
  return {
    title: 'The notebook’s arrays',
    text:
      'Each array the notebook prints next to the same expression evaluated by numcomp in float64, shown as NumPy ' +
      'prints it (8 decimals; [v]*5 for five equal entries). z = x − x.max() makes softmax(z) stable.',
    table: {
      columns: ['expression', 'the notebook prints', 'numcomp (float64)'],
      rows: rows.map(([e, nb, v]) => [e, nb, show(v) === nb ? 'the same' : show(v)]),
    },
  };
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
      title: 'Correct digits of softmax([c]*5)',
      caption:
        'Correct decimal digits (−log10 of the relative error; 0 for NaN or a wrong answer) of the naive ' +
        'exp(x) / Σ exp(x) and of the stable softmax(x − max x). The naive one drops to 0 where exp(c) overflows ' +
        '(∞/∞) or underflows to 0 (0/0): beyond about ±100 in float32 and 710 / −745 in float64 (dashed: the ' +
        'overflow and underflow points of exp). The stable one keeps every digit the precision has (the two lines ' +
        'coincide where both are exact).',
      where: { input: 'constant' },
      x: 'c',
      y: ['naiveDigits', 'stableDigits'],
      series: 'precision',
      xLabel: 'c',
      yLabel: 'correct digits',
      overlays: [
        { type: 'vline', x: FLOAT64_EXP_ZERO, label: '−745.1' },
        { type: 'vline', x: FLOAT32_EXP_ZERO, label: '−104.0' },
        { type: 'vline', x: FLOAT32_EXP_MAX, label: '88.7' },
        { type: 'vline', x: FLOAT64_EXP_MAX, label: '709.8' },
      ],
    },
    {
      type: 'line',
      title: 'Correct digits of softmax([1, 2, 3, 4, 5] + c)',
      caption:
        'Unequal entries: just before total underflow the exponentials are subnormal and carry few digits, so the ' +
        'naive result degrades gradually (c from about −708 in float64, −87 in float32) before it turns into NaN; at ' +
        'the top, the largest terms overflow first. The stable form is unaffected by c.',
      where: { input: 'ramp' },
      x: 'c',
      y: ['naiveDigits', 'stableDigits'],
      series: 'precision',
      xLabel: 'c',
      yLabel: 'correct digits',
    },
    {
      type: 'line',
      title: 'Correct digits of log-sum-exp([c]*5)',
      caption:
        'log Σ exp(xᵢ) evaluated as written overflows to ∞ or underflows to log 0 = −∞; m + log Σ exp(xᵢ − m) ' +
        'stays within rounding of c + log 5.',
      where: { input: 'constant' },
      x: 'c',
      y: ['lseNaiveDigits', 'lseStableDigits'],
      series: 'precision',
      xLabel: 'c',
      yLabel: 'correct digits',
    },
  ],
  report: (records) => [notebookArrays(records), whereNaiveWorks(records)],
});
