import { minimizeLockstep } from '@numcomp/optimizers/lockstep';
import {
  arange,
  defineExperiment,
  type GridFigure,
  type Overlay,
  type Params,
  type ReportSection,
  type RunRecord,
  values,
} from '@numcomp/runner/experiment';
import { boxDimension } from './_fractal.js';

// ---- the model: one tanh unit, y = v·tanh(w·x), on four points ----

const XS = [1, -0.5, 2, 0.3];
const YS = [0.6, -0.2, 0.9, 0.1];
const K = XS.length;

/** ½ Σᵢ (v·tanh(w·xᵢ) − yᵢ)² at (w, v). */
function loss(w: number, v: number): number {
  let s = 0;
  for (let i = 0; i < K; i++) {
    const r = v * Math.tanh(w * XS[i]!) - YS[i]!;
    s += r * r;
  }
  return 0.5 * s;
}

/**
 * The mean squared error of the tanh unit on its four points, as a problem with batched forms (f and ∇f
 * at a block of points, struct-of-arrays): w is the first layer's weight, v the second's.
 */
export const TANH_UNIT = {
  dim: 2,
  f: (x: Float64Array): number => loss(x[0]!, x[1]!),
  grad: (x: Float64Array, out: Float64Array = new Float64Array(2)): Float64Array => {
    gradInto(x[0]!, x[1]!, out, 0, 1);
    return out;
  },
  fBatch: (points: Float64Array, count: number, out: Float64Array): Float64Array => {
    for (let p = 0; p < count; p++) out[p] = loss(points[p]!, points[count + p]!);
    return out;
  },
  gradBatch: (points: Float64Array, count: number, out: Float64Array): Float64Array => {
    for (let p = 0; p < count; p++) gradInto(points[p]!, points[count + p]!, out, p, count);
    return out;
  },
};

/**
 * ∂/∂w = v·Σ rᵢ·(1 − tᵢ²)·xᵢ and ∂/∂v = Σ rᵢ·tᵢ (rᵢ = v·tᵢ − yᵢ, tᵢ = tanh(w·xᵢ)) into out[o], out[o + s].
 *
 * Two tanh instead of four: the points x = 1, −0.5, 2 are one half-angle apart, so with u = tanh(w/2),
 * tanh(w) = 2u/(1 + u²) and tanh(2w) = 2t/(1 + t²) (t = tanh w), tanh(−w/2) = −u; the derivatives
 * 1 − tanh² come from the same identities, sech²(w) = ((1 − u²)/(1 + u²))², sech²(2w) = (sech²(w)/(1 + t²))²,
 * which keep their relative accuracy where tanh saturates (1 − t² cancels there). The gradient is the
 * naive one's to ~1e-15 of its scale (tested); this is most of the experiment's time (a map takes 10⁸
 * gradients).
 */
function gradInto(w: number, v: number, out: Float64Array, o: number, s: number): void {
  const u = Math.tanh(0.5 * w);
  const uu = u * u;
  const d = 1 + uu;
  const q = (1 - uu) / d;
  const t1 = (2 * u) / d; // tanh(w)
  const s1 = q * q; // sech²(w)
  const e = 1 + t1 * t1;
  const t2 = (2 * t1) / e; // tanh(2w)
  const p = s1 / e;
  const s2 = p * p; // sech²(2w)
  const t3 = Math.tanh(X3 * w);
  const s3 = 1 - t3 * t3;
  const s0 = 1 - uu; // sech²(−w/2)
  const r1 = v * t1 - Y1;
  const r0 = -v * u - Y0;
  const r2 = v * t2 - Y2;
  const r3 = v * t3 - Y3;
  out[o] = v * (r1 * s1 + X0 * r0 * s0 + X2 * r2 * s2 + X3 * r3 * s3);
  out[o + s] = r1 * t1 - r0 * u + r2 * t2 + r3 * t3;
}

/** The points, by name, in the order of XS: 1, −0.5, 2, 0.3 (gradInto relies on the first three). */
const [X1, X0, X2, X3] = XS as [number, number, number, number];
const [Y1, Y0, Y2, Y3] = YS as [number, number, number, number];
if (X1 !== 1 || X0 !== -0.5 || X2 !== 2) throw new Error('gradInto needs the points 1, −0.5 and 2');

// ---- the maps ----

/** The start (w₀, v₀), the steps and the tolerance of every run. */
const W0 = 0.5;
const V0 = 0.5;
const MAX_ITER = 300;
const TOL = 1e-6;
/** Tiles (runs of the sweep) per map: 10⁵ cells each at 1,000 × 1,000. */
const TILES = 10;
/** The largest map side (a report draws one pixel a cell, at most 4,000 a side). */
const MAX_SIZE = 4000;

/**
 * The window of each zoom level in (log₁₀ lr₁, log₁₀ lr₂): centre and half-widths. Level 0 is the whole
 * picture; levels 1–3 close in, 10× at a time, on a point of the boundary between training and diverging.
 */
const CENTRE: readonly [number, number] = [-0.7798, 0.4416];
const LEVELS: readonly (readonly [number, number, number, number])[] = [
  [0, 0, 2, 1.5],
  [CENTRE[0], CENTRE[1], 0.2, 0.15],
  [CENTRE[0], CENTRE[1], 0.02, 0.015],
  [CENTRE[0], CENTRE[1], 0.002, 0.0015],
];

/** log₁₀ lr of column (or row) i of `size` across centre ± half. */
function axis(centre: number, half: number, i: number, size: number): number {
  return centre - half + (2 * half * i) / (size - 1);
}

/** The setup of every run and map, for tests and readers: start, steps, tolerance, windows, tiles. */
export const SETUP = { w0: W0, v0: V0, maxIter: MAX_ITER, tol: TOL, levels: LEVELS, tiles: TILES } as const;

/** Outcome letters of a run's `status` string. */
const CODE: Readonly<Record<string, string>> = {
  converged: 'c',
  'max-iter': 'm',
  diverged: 'd',
  'non-finite': 'n',
  stalled: 's',
};
const ASCII = new TextDecoder('latin1');

/** Their names on the maps. */
const OUTCOME: Readonly<Record<string, string>> = {
  c: 'trains (‖∇f‖ ≤ 1e-6)',
  m: `still bounded after ${MAX_ITER} steps`,
  d: 'diverges',
  n: 'non-finite',
  s: 'stalls',
};

/**
 * One tile of a map: rows tile, tile + TILES, tile + 2·TILES, … of the size × size grid of (lr₁, lr₂) (rows
 * interleaved, so that every tile holds cheap and costly rows alike), every cell a run of gradient descent
 * from (w₀, v₀) with lr₁ for w and lr₂ for v, all of them side by side in lockstep.
 *
 * @returns `status` (a letter per cell, row by row: c trains, m still bounded, d diverges), `steps` (steps
 *   taken per cell) and the tile's first row (its rows are `row + TILES·r`).
 */
function run(point: Params): Params {
  const level = point.level as number;
  const size = point.size as number;
  const tile = point.tile as number;
  if (!(Number.isInteger(level) && level >= 0 && level < LEVELS.length))
    throw new RangeError(`level=${JSON.stringify(level)}: expected one of 0, 1, 2, 3`);
  if (!(Number.isInteger(size) && size >= TILES && size <= MAX_SIZE && size % TILES === 0))
    throw new RangeError(
      `size=${JSON.stringify(size)}: expected a multiple of ${TILES} from ${TILES} to ${MAX_SIZE}`,
    );
  if (!(Number.isInteger(tile) && tile >= 0 && tile < TILES))
    throw new RangeError(`tile=${JSON.stringify(tile)}: expected an integer from 0 to ${TILES - 1}`);
  const rows = size / TILES;
  const [c1, c2, h1, h2] = LEVELS[level]!;
  const count = rows * size;
  const x0s = new Array<readonly number[]>(count).fill([W0, V0]);
  const lr = new Float64Array(2 * count);
  for (let r = 0; r < rows; r++) {
    const lr2 = 10 ** axis(c2, h2, tile + TILES * r, size);
    for (let i = 0; i < size; i++) {
      const k = r * size + i;
      lr[2 * k] = 10 ** axis(c1, h1, i, size);
      lr[2 * k + 1] = lr2;
    }
  }
  const res = minimizeLockstep(TANH_UNIT, x0s, { lr, maxIter: MAX_ITER, tol: TOL });
  const letters = new Uint8Array(count);
  const steps = new Array<number>(count);
  for (let k = 0; k < count; k++) {
    letters[k] = CODE[res.statusOf(k)]!.charCodeAt(0);
    steps[k] = res.nit[k]!;
  }
  return { row: tile, status: ASCII.decode(letters), steps };
}

/** The maps, from the tiles: an outcome map and a steps map per level, a cell per run. */
function maps(records: readonly RunRecord[]): readonly ReportSection[] {
  const byLevel = new Map<number, RunRecord[]>();
  for (const r of records) {
    if (r.values === undefined) continue;
    const level = r.params.level as number;
    let list = byLevel.get(level);
    if (list === undefined) byLevel.set(level, (list = []));
    list.push(r);
  }
  const sections: ReportSection[] = [];
  const counts: (string | number | null)[][] = [];
  for (const [level, tiles] of [...byLevel].sort((a, b) => a[0] - b[0])) {
    const size = tiles[0]!.params.size as number;
    const [c1, c2, h1, h2] = LEVELS[level]!;
    const lr1 = Array.from({ length: size }, (_, i) => 10 ** axis(c1, h1, i, size));
    const lr2 = Array.from({ length: size }, (_, r) => 10 ** axis(c2, h2, r, size));
    // Row r of the map (lr₂ = lr2[r]) from the bottom, column i (lr₁ = lr1[i]); cells of tiles not run stay empty.
    const outcome = new Array<string | null>(size * size).fill(null);
    const stepsMap = new Float64Array(size * size).fill(Number.NaN);
    const n: Record<string, number> = { c: 0, m: 0, d: 0, n: 0, s: 0 };
    const grid = new Array<string>(size).fill('');
    let cells = 0;
    for (const t of tiles) {
      const status = t.values!.status as string;
      const steps = t.values!.steps as number[];
      const row0 = t.values!.row as number;
      for (let r = 0; r * size < status.length; r++) {
        grid[row0 + TILES * r] = status.slice(r * size, (r + 1) * size);
      }
      for (let k = 0; k < status.length; k++) {
        const letter = status[k]!;
        n[letter] = (n[letter] ?? 0) + 1;
        cells++;
        const at = (row0 + TILES * Math.floor(k / size)) * size + (k % size);
        outcome[at] = OUTCOME[letter]!;
        stepsMap[at] = steps[k]!;
      }
    }
    const whole = cells === size * size;
    const dim = whole ? boxDimension(grid).dimension : Number.NaN;
    counts.push([level, `${size} × ${size}`, cells, n.c!, n.m!, n.d!, n.n! + n.s!, whole ? dim : null]);
    const next = LEVELS[level + 1];
    const overlays: Overlay[] =
      next === undefined
        ? []
        : [
            {
              type: 'curve',
              label: `level ${level + 1}`,
              points: [
                [10 ** (next[0] - next[2]), 10 ** (next[1] - next[3])],
                [10 ** (next[0] + next[2]), 10 ** (next[1] - next[3])],
                [10 ** (next[0] + next[2]), 10 ** (next[1] + next[3])],
                [10 ** (next[0] - next[2]), 10 ** (next[1] + next[3])],
                [10 ** (next[0] - next[2]), 10 ** (next[1] - next[3])],
              ],
            },
          ];
    const figure = (value: 'outcome' | 'steps', caption: string): GridFigure => ({
      type: 'heatmap',
      x: 'lr1',
      y: 'lr2',
      value,
      logX: true,
      logY: true,
      ...(value === 'steps' ? { logValue: true } : {}),
      overlays,
      caption,
      grid: { x: lr1, y: lr2, values: value === 'outcome' ? outcome : stepsMap, emptyLabel: 'not run' },
    });
    const width = level === 0 ? 'the whole map' : `a window ${10 ** level}× smaller than level 0`;
    sections.push({
      title: `Level ${level}: ${width}`,
      text:
        `lr₁ ∈ [${fmt(10 ** (c1 - h1))}, ${fmt(10 ** (c1 + h1))}], lr₂ ∈ [${fmt(10 ** (c2 - h2))}, ${fmt(10 ** (c2 + h2))}], ` +
        `${size} × ${size} runs, a pixel each.` +
        (next === undefined ? '' : ` The box is level ${level + 1}.`),
      figures: [
        figure('outcome', 'How each pair of learning rates ends.'),
        ...(level === 0
          ? [
              figure(
                'steps',
                `Steps taken: to ‖∇f‖ ≤ 1e-6, to divergence, or all ${MAX_ITER} (log colour scale). Near the ` +
                  'boundary, runs that diverge do so late, after a long transient.',
              ),
            ]
          : []),
      ],
    });
  }
  // No tile ran (every run failed: the page says why): no outcomes to count.
  if (counts.length === 0) return [];
  sections.push({
    title: 'Outcomes by level',
    text:
      'The boundary dimension is box counting on the full map: N(e) boxes of e × e cells (e = 2, 4, 8, 16) ' +
      'hold a cell of the boundary (a run next to one that ends the other way, diverging or bounded); the ' +
      'dimension is the slope of log N against log(1/e). A smooth ' +
      'boundary gives 1, one that fills the plane 2. Sohl-Dickstein (2024) measures 1.17 to 1.98 on his networks.',
    table: {
      columns: [
        'level',
        'grid',
        'runs',
        'trains',
        'still bounded',
        'diverges',
        'other',
        { label: 'boundary dimension', digits: 3 },
      ],
      rows: counts,
    },
  });
  return sections;
}

export { boxDimension } from './_fractal.js';

function fmt(v: number): string {
  return Number(v.toPrecision(4)).toString();
}

/**
 * Where gradient descent trains and where it diverges, over two learning rates, one per layer — at a
 * million runs per map, in lockstep.
 */
export default defineExperiment({
  id: 'trainability',
  title: 'The boundary of trainability is fractal',
  description: [
    'After J. Sohl-Dickstein, “The boundary of neural network trainability is fractal” (2024): a tiny network is ' +
      'trained by gradient descent with one learning rate per layer, and every pair (lr₁, lr₂) is coloured by how ' +
      'training ends. Here the network is one tanh unit, y = v·tanh(w·x), fitted to four points ' +
      `(x = ${XS.join(', ')}; y = ${YS.join(', ')}) by the mean squared error f(w, v) = ½ Σ (v·tanh(w·xᵢ) − yᵢ)², ` +
      `from (w, v) = (${W0}, ${V0}); w steps with lr₁ and v with lr₂, x ← x − (lr₁·∂f/∂w, lr₂·∂f/∂v), for at most ` +
      `${MAX_ITER} steps or until ‖∇f‖ ≤ ${TOL}. A run diverges when f exceeds 10¹² (|f(x₀)| + 1) or x turns ` +
      'non-finite (minimize’s rules).',
    'Each map is a 1,000 × 1,000 grid of learning-rate pairs, log-spaced: 10⁶ runs. Level 0 spans lr₁ ∈ [0.01, 100] ' +
      'and lr₂ ∈ [0.03, 30]. Where lr₂ is large the output weight overshoots and training diverges; where both are ' +
      'small it trains slowly; in between, the boundary between runs that stay bounded and runs that diverge is ' +
      'not a curve: levels 1–3 zoom in 10×, 100× and 1,000× on one of its points, and at every scale the ' +
      'boundary breaks into bands of both outcomes — the self-similar structure of a fractal. (The smaller model ' +
      'f(a, b) = ½(ab − 1)² has a smooth boundary at every scale we looked at: it is the tanh unit’s saturation ' +
      'that makes training chaotic near the edge.)',
    'Every run of the sweep is a tile of a tenth of a map, 10⁵ runs of gradient descent side by side in lockstep ' +
      '(@numcomp/optimizers/lockstep: struct-of-arrays state, one pass per step, per-coordinate learning rates); each ' +
      'has the bits the run would have alone. `size=200` makes 200 × 200 maps; `level=0` runs one map.',
  ].join('\n\n'),
  default: false,
  params: { size: 1000 },
  grid: { level: values(0, 1, 2, 3), tile: arange(0, TILES, 1) },
  timeout: 120_000,
  batchSize: 1,
  run,
  plots: [],
  labels: { lr1: 'lr₁ (first layer, w)', lr2: 'lr₂ (second layer, v)', outcome: 'how training ends' },
  report: maps,
});
