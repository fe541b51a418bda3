import { minimizeLockstep } from '@numcomp/optimizers/lockstep';
import {
  arange,
  defineExperiment,
  type GridFigure,
  linspace,
  type Params,
  type ReportSection,
  type RunRecord,
  values,
} from '@numcomp/runner/experiment';
import { boxDimension } from './_fractal.js';
import { DESCENT, endCode, HIMMELBLAU, HIMMELBLAU_ENDS, newtonEnd } from './_himmelblau.js';

/** Tiles (runs of the sweep) per map: 10⁵ starts each at 1,000 × 1,000. */
const TILES = 10;
/** The box of starts, [−5, 5]² (as local-minima's 200 × 200 maps). */
const LO = -5;
const HI = 5;
const METHODS = ['gradient descent', 'Newton'] as const;
/** The largest map side (a report draws one pixel a start, at most 4,000 a side). */
const MAX_SIZE = 4000;

/**
 * One tile of a method's map: rows tile, tile + TILES, … of the size × size grid of starts over [−5, 5]²
 * (row r at x₁ = linspace(−5, 5, size)[r], from the bottom), where each start ends and in how many steps.
 * Gradient descent runs the tile's starts side by side in lockstep (each with the bits `minimize` gives
 * it alone); Newton's method as the book writes it runs them one by one.
 *
 * @returns `ends` (a letter per start, row by row: `HIMMELBLAU_ENDS[code − 97]`), `steps`, and `row`.
 */
function run(point: Params): Params {
  const size = point.size as number;
  const tile = point.tile as number;
  if (!(METHODS as readonly unknown[]).includes(point.method))
    throw new RangeError(`method=${JSON.stringify(point.method)}: expected "gradient descent" or "Newton"`);
  if (!(Number.isInteger(size) && size >= 2 && size <= MAX_SIZE))
    throw new RangeError(`size=${JSON.stringify(size)}: expected an integer from 2 to ${MAX_SIZE}`);
  if (!(Number.isInteger(tile) && tile >= 0 && tile < TILES))
    throw new RangeError(`tile=${JSON.stringify(tile)}: expected an integer from 0 to ${TILES - 1}`);
  const axis = linspace(LO, HI, size);
  const rows: number[] = [];
  for (let r = tile; r < size; r += TILES) rows.push(r);
  const count = rows.length * size;
  const codes = new Uint8Array(count);
  const steps = new Array<number>(count);
  if (point.method === 'Newton') {
    for (let k = 0; k < count; k++) {
      const [code, nit] = newtonEnd(axis[k % size]!, axis[rows[Math.floor(k / size)]!]!);
      codes[k] = 97 + code;
      steps[k] = nit;
    }
  } else {
    const x0s = Array.from({ length: count }, (_, k) => [
      axis[k % size]!,
      axis[rows[Math.floor(k / size)]!]!,
    ]);
    const res = minimizeLockstep(HIMMELBLAU, x0s, DESCENT);
    for (let k = 0; k < count; k++) {
      codes[k] = 97 + endCode(res.x.subarray(2 * k, 2 * k + 2), res.statusOf(k) === 'converged');
      steps[k] = res.nit[k]!;
    }
  }
  return { row: tile, ends: new TextDecoder('latin1').decode(codes), steps };
}

function fmt(n: number): string {
  return n.toLocaleString('en-US');
}

/** A map per method (a pixel per start), and where the starts end, with the dimension of the basins' borders. */
function maps(records: readonly RunRecord[]): readonly ReportSection[] {
  const sections: ReportSection[] = [];
  const counts = new Map<string, number[]>();
  const dims: (string | number | null)[][] = [];
  for (const method of METHODS) {
    const tiles = records.filter((r) => r.params.method === method && r.values !== undefined);
    if (tiles.length === 0) continue;
    const size = tiles[0]!.params.size as number;
    const axis = linspace(LO, HI, size);
    const ends = new Array<string | null>(size * size).fill(null);
    const stepsMap = new Float64Array(size * size).fill(Number.NaN);
    const rows = new Array<string>(size).fill('');
    const c = new Array<number>(HIMMELBLAU_ENDS.length).fill(0);
    let starts = 0;
    let lo = Number.POSITIVE_INFINITY;
    let hi = 0;
    for (const t of tiles) {
      const letters = t.values!.ends as string;
      const steps = t.values!.steps as number[];
      const row0 = t.values!.row as number;
      starts += letters.length;
      for (let k = 0; k < letters.length; k++) {
        const r = row0 + TILES * Math.floor(k / size);
        const code = letters.charCodeAt(k) - 97;
        c[code]!++;
        ends[r * size + (k % size)] = HIMMELBLAU_ENDS[code]!;
        stepsMap[r * size + (k % size)] = steps[k]!;
        lo = Math.min(lo, steps[k]!);
        hi = Math.max(hi, steps[k]!);
      }
      for (let r = 0; r * size < letters.length; r++)
        rows[row0 + TILES * r] = letters.slice(r * size, (r + 1) * size);
    }
    counts.set(method, c);
    const whole = tiles.length === TILES;
    const dim = whole ? boxDimension(rows, (code) => code).dimension : null;
    dims.push([method, `${size} × ${size}`, starts, dim]);
    const figure = (value: 'end' | 'steps', caption: string): GridFigure => ({
      type: 'heatmap',
      x: 'x0',
      y: 'x1',
      value,
      ...(value === 'steps' ? { logValue: true } : {}),
      caption,
      grid: { x: axis, y: axis, values: value === 'end' ? ends : stepsMap, emptyLabel: 'not run' },
    });
    sections.push({
      title: method === 'Newton' ? 'Newton’s method' : 'Gradient descent',
      text:
        (method === 'Newton'
          ? `x ← x − H⁻¹∇f, to ‖∇f‖ ≤ 1e-10 (at most 100 steps): it goes to whatever critical point its quadratic model points at, saddle points and the maximum included. `
          : `ε = ${DESCENT.lr}, to ‖∇f‖ ≤ ${DESCENT.tol} (at most ${fmt(DESCENT.maxIter)} steps), the starts of a tile side by side in lockstep. `) +
        `${size} × ${size} starts, a pixel each; steps taken ${lo}–${hi}.`,
      figures: [
        figure('end', 'Where each start ends.'),
        figure('steps', 'Steps taken (log colour scale): the most near the borders between basins.'),
      ],
    });
  }
  // No tile ran (every run failed: the page says why): no counts to give.
  if (counts.size === 0) return [];
  const names = [...new Set(HIMMELBLAU_ENDS)].sort();
  sections.push({
    title: 'Where the starts end',
    text:
      'Starts per end, and the box-counting dimension of the borders between basins on the full map: N(e) boxes ' +
      'of e × e starts (e = 2, 4, 8, 16) hold a start of a border (one next to a start that ends elsewhere); the ' +
      'dimension is the slope of log N against log(1/e): 1 for smooth borders, more for fractal ones.',
    table: {
      columns: ['where the run ends', ...counts.keys()],
      rows: names.map((name) => [
        name,
        ...[...counts.values()].map((c) =>
          HIMMELBLAU_ENDS.reduce((sum, n, k) => sum + (n === name ? c[k]! : 0), 0),
        ),
      ]),
    },
  });
  sections.push({
    title: 'The borders between basins',
    table: { columns: ['method', 'grid', 'starts', { label: 'border dimension', digits: 3 }], rows: dims },
  });
  return sections;
}

/**
 * Basins of attraction on Himmelblau's function at a million starts per method: which critical point
 * gradient descent and Newton's method reach from each start of [−5, 5]².
 */
export default defineExperiment({
  id: 'basins',
  title: 'Basins of attraction on Himmelblau’s function, at a million starts',
  description: [
    'Himmelblau’s function f(x, y) = (x² + y − 11)² + (x + y² − 7)² has four global minima (f = 0), four saddle ' +
      'points and one local maximum. Every start of a 1,000 × 1,000 grid over [−5, 5]² is run by gradient descent ' +
      `(ε = ${DESCENT.lr}, to ‖∇f‖ ≤ ${DESCENT.tol}) and by Newton’s method as the book writes it (x ← x − H⁻¹∇f, ` +
      'no safeguard, to ‖∇f‖ ≤ 1e-10), and coloured by where it ends: 2 × 10⁶ runs.',
    'Gradient descent only goes downhill: it reaches one of the four minima from almost every start, and its basins ' +
      'have smooth borders along the ridges through the saddle points. Newton’s method jumps to the critical point ' +
      'of its local quadratic model, whatever its kind (Deep Learning §4.3.1: Newton’s method is attracted to saddle ' +
      'points): the saddle points and the maximum get basins of their own, and the borders between basins are ' +
      'fractal. local-minima draws the same maps at 200 × 200 in the default suite.',
    'Every run of the sweep is a tile of a tenth of a map (10⁵ starts, every tenth row); gradient descent runs a ' +
      'tile’s starts side by side in lockstep (@numcomp/optimizers/lockstep), with the bits each would have alone. ' +
      '`size=200` makes 200 × 200 maps; `method=Newton` runs one.',
  ].join('\n\n'),
  default: false,
  params: { size: 1000 },
  grid: { method: values(...METHODS), tile: arange(0, TILES, 1) },
  timeout: 120_000,
  batchSize: 1,
  run,
  plots: [],
  labels: { x0: 'start x₀', x1: 'start x₁', end: 'where the run ends', steps: 'steps' },
  report: maps,
});
