import { quantileSorted, ticks } from 'd3-array';
import { contours } from 'd3-contour';
import { interpolateCividis, interpolateViridis } from 'd3-scale-chromatic';
import { formatValue, px } from './_format.js';
import type { ColorBar } from './_legend.js';
import { encodeRuns, type Rect, simplify, THIN_TOLERANCE } from './_path.js';
import { escapeHtml as esc } from './escapeHtml.js';

/** How contour levels are spaced between the minimum and maximum of the field. */
export type LevelScale = 'linear' | 'log' | 'quantile';

/** A sequential colour scheme for values. */
export type ValueScheme = 'viridis' | 'cividis';

/** `rgb(r, g, b)` → `#rrggbb` (shorter in files that repeat colours thousands of times). */
function hex(color: string): string {
  const m = /^rgb\((\d+),\s*(\d+),\s*(\d+)\)$/.exec(color);
  return m
    ? `#${m
        .slice(1)
        .map((c) => Number(c).toString(16).padStart(2, '0'))
        .join('')}`
    : color;
}

export const interpolators: Record<ValueScheme, (t: number) => string> = {
  viridis: interpolateViridis,
  cividis: (t) => hex(interpolateCividis(t)),
};

/** Rounds to `digits` significant digits, for level values people can read. */
function roundSig(v: number, digits: number): number {
  if (v === 0 || !Number.isFinite(v)) return v;
  const e = digits - 1 - Math.floor(Math.log10(Math.abs(v)));
  // Scale by an exact power of ten in the direction that keeps the result exact (1.58e7, not 15800000.000000002).
  return e >= 0 ? Math.round(v * 10 ** e) / 10 ** e : Math.round(v / 10 ** -e) * 10 ** -e;
}

/**
 * About `count` thresholds strictly between the smallest and largest finite value of `values`:
 * - linear: d3's nice ticks;
 * - log: geometric in `v − min` from the 1st percentile of `v − min` up to the range, so that a narrow
 *   valley (Rosenbrock's) gets as many levels as the walls around it (works for negative fields too);
 * - quantile: equal numbers of grid cells between consecutive levels.
 */
export function contourLevels(values: ArrayLike<number>, count: number, scale: LevelScale): number[] {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) n++;
  if (n === 0) return [];
  // A typed array sorts numbers in native code, without a comparator called per pair (a 100 × 100 grid
  // took ~10 ms the first time, in a fresh process). d3's quantileSorted reads any array-like.
  const sorted = new Float64Array(n);
  for (let i = 0, k = 0; i < values.length; i++) if (Number.isFinite(values[i])) sorted[k++] = values[i]!;
  sorted.sort();
  const finite = sorted as unknown as number[];
  const lo = finite[0]!;
  const hi = finite.at(-1)!;
  if (lo === hi) return [];
  let t: number[];
  if (scale === 'linear') {
    t = ticks(lo, hi, count);
  } else if (scale === 'quantile') {
    t = Array.from({ length: count }, (_, k) => roundSig(quantileSorted(finite, (k + 1) / (count + 1))!, 3));
  } else {
    const range = hi - lo;
    let first = 0;
    while (sorted[first]! <= lo) first++;
    const above = new Float64Array(n - first);
    for (let k = first; k < n; k++) above[k - first] = sorted[k]! - lo;
    const delta = Math.max(quantileSorted(above as unknown as number[], 0.01) ?? range * 1e-3, range * 1e-12);
    const a = Math.log(delta);
    const b = Math.log(range);
    t = Array.from({ length: count }, (_, k) => roundSig(lo + Math.exp(a + ((b - a) * k) / count), 2));
  }
  return [...new Set(t)].filter((v) => v > lo && v < hi).sort((p, q) => p - q);
}

/** Filled bands are drawn lighter so that the marks on top (trajectories, arrows) stand out. */
export const FILL_OPACITY = 0.6;

export interface ContourStyle {
  levels: number | ArrayLike<number>;
  levelScale: LevelScale;
  filled: boolean;
  scheme: ValueScheme;
  /** Title of the colour bar, e.g. `f(x, y)`. */
  label?: string;
}

/** The levels of a field and their colours, with the matching colour bar (no geometry yet). */
export interface ContourColors {
  levels: number[];
  filled: boolean;
  label: string;
  /** Colour of band `k` (values between level k − 1 and k) when filled, of level `k`'s line otherwise. */
  color: (k: number) => string;
  colorBar?: ColorBar;
}

/** Chooses the levels of `values` and their colours. */
export function contourColors(values: ArrayLike<number>, style: ContourStyle): ContourColors {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  const label = style.label ?? 'value';
  const levels = !(lo < hi)
    ? []
    : typeof style.levels === 'number'
      ? contourLevels(values, style.levels, style.levelScale)
      : Array.from(style.levels)
          .filter(Number.isFinite)
          .sort((a, b) => a - b);
  const interp = interpolators[style.scheme];
  if (levels.length === 0) return { levels, filled: style.filled, label, color: () => interp(0.5) };
  const bands = levels.length + 1;
  // Isolines avoid viridis' ends: the palest yellow vanishes on a white page, the darkest purple on a
  // dark one.
  const color = style.filled
    ? (k: number): string => interp(k / (bands - 1))
    : (k: number): string => interp(levels.length === 1 ? 0.5 : 0.15 + 0.7 * (k / (levels.length - 1)));
  const title = style.label ? { title: style.label } : {};
  const colorBar: ColorBar = style.filled
    ? {
        kind: 'discrete',
        colors: Array.from({ length: bands }, (_, k) => color(k)),
        opacity: FILL_OPACITY,
        labels: [lo, ...levels, hi].map((v) => formatValue(v, 3)),
        ...title,
      }
    : {
        kind: 'discrete',
        colors: levels.map((_, k) => color(k)),
        labels: levels.map((v) => formatValue(v, 3)),
        ...title,
      };
  return { levels, filled: style.filled, label, color, colorBar };
}

export interface ContourGeometry {
  /** Row-major field: `values[j * nx + i]` is the value at grid node `(i, j)`, `j = 0` at the bottom. */
  values: ArrayLike<number>;
  nx: number;
  ny: number;
  /** Pixel x of node `i = 0` and `i = nx − 1`; pixel y of `j = 0` and `j = ny − 1`. */
  xPix: readonly [number, number];
  yPix: readonly [number, number];
  rect: Rect;
}

/** Filled bands or coloured isolines of a gridded field (d3-contour's marching squares). */
export function contourMarks(c: ContourColors, g: ContourGeometry): string {
  const { nx, ny, levels } = { ...g, levels: c.levels };
  if (levels.length === 0) return '';
  // Grid node i sits at d3-contour coordinate i + 0.5; clamp the half cell outside the nodes.
  const sx = (g.xPix[1] - g.xPix[0]) / Math.max(1, nx - 1);
  const sy = (g.yPix[1] - g.yPix[0]) / Math.max(1, ny - 1);
  const toPixels = (ring: number[][]): number[] => {
    const out: number[] = [];
    for (const [u, v] of ring) {
      const cu = Math.min(nx - 0.5, Math.max(0.5, u!)) - 0.5;
      const cv = Math.min(ny - 0.5, Math.max(0.5, v!)) - 0.5;
      out.push(g.xPix[0] + cu * sx, g.yPix[0] + cv * sy);
    }
    return out;
  };
  const generator = contours().size([nx, ny]);
  const grid = g.values as unknown as number[];
  let marks = '';
  if (c.filled) {
    // The lowest band covers every node with a value: the whole area, or, where f is NaN somewhere, the
    // region ≥ the smallest value (d3-contour counts NaN as below every threshold), leaving holes.
    const tip = `<title>${esc(`${c.label} < ${formatValue(levels[0]!)}`)}</title>`;
    let lo = Number.POSITIVE_INFINITY;
    let holes = false;
    for (let i = 0; i < nx * ny; i++) {
      const v = g.values[i]!;
      if (Number.isNaN(v)) holes = true;
      else if (v < lo) lo = v;
    }
    if (!holes) {
      const r = g.rect;
      marks += `<rect x="${px(r.x0)}" y="${px(r.y0)}" width="${px(r.x1 - r.x0)}" height="${px(r.y1 - r.y0)}" fill="${c.color(0)}">${tip}</rect>`;
    } else if (lo < Number.POSITIVE_INFINITY) {
      const rings = generator
        .contour(grid, lo)
        .coordinates.flatMap((polygon) =>
          (polygon as number[][][]).map((ring) => simplify(toPixels(ring), THIN_TOLERANCE)),
        );
      const d = encodeRuns(rings, true);
      if (d) marks += `<path d="${d}" fill="${c.color(0)}" fill-rule="evenodd">${tip}</path>`;
    }
  }
  // A point d3-contour put on the padding around the grid lies on the domain's edge.
  const onEdge = (u: number, v: number): boolean => u <= 0 || u >= nx || v <= 0 || v >= ny;
  levels.forEach((level, k) => {
    const mp = generator.contour(grid, level);
    // Pixel runs: closed rings (z) and, for isolines, open lines that end on the domain's edge.
    const closed: number[][] = [];
    const open: number[][] = [];
    for (const polygon of mp.coordinates) {
      for (const ring of polygon as number[][][]) {
        if (c.filled) {
          closed.push(simplify(toPixels(ring), THIN_TOLERANCE));
          continue;
        }
        const parts = isolines(ring, onEdge);
        for (const r of parts.closed) closed.push(simplify(toPixels(r), THIN_TOLERANCE));
        for (const r of parts.open) open.push(simplify(toPixels(r), THIN_TOLERANCE));
      }
    }
    const d = encodeRuns(closed, true) + encodeRuns(open);
    if (!d) return;
    const tip = `<title>${esc(`${c.label} ${c.filled ? '≥' : '='} ${formatValue(level)}`)}</title>`;
    marks += c.filled
      ? `<path d="${d}" fill="${c.color(k + 1)}" fill-rule="evenodd">${tip}</path>`
      : `<path d="${d}" fill="none" stroke="${c.color(k)}" stroke-width="1.2">${tip}</path>`;
  });
  const fade = c.filled ? ` opacity="${FILL_OPACITY}"` : '';
  return `<g class="contours" data-levels="${levels.length}"${fade}>${marks}</g>`;
}

/**
 * Splits a ring of d3-contour (the boundary of a region ≥ level, first point repeated last) into isolines:
 * the parts along the domain's edge are dropped, so a ring that never touches the edge stays closed and
 * one that does becomes open lines from edge to edge.
 */
function isolines(
  ring: number[][],
  onEdge: (u: number, v: number) => boolean,
): { closed: number[][][]; open: number[][][] } {
  const pts = ring.slice(0, -1);
  const n = pts.length;
  const edge = pts.map(([u, v]) => onEdge(u!, v!));
  const start = edge.indexOf(true);
  if (start < 0) return { closed: [pts], open: [] };
  const open: number[][][] = [];
  let run: number[][] = [];
  for (let k = 0; k < n; k++) {
    const i = (start + k) % n;
    const j = (start + k + 1) % n;
    if (edge[i] && edge[j]) {
      if (run.length > 1) open.push(run);
      run = [];
      continue;
    }
    if (run.length === 0) run.push(pts[i]!);
    run.push(pts[j]!);
  }
  if (run.length > 1) open.push(run);
  return { closed: [], open };
}
