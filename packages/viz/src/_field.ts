import type { ContourStyle, LevelScale, ValueScheme } from './_contours.js';
import { checkNumbers, checkOneOf, checkPositiveInteger, checkText, typeError } from './_validate.js';
import type { AxisScale } from './types.js';

/** How a field is drawn: levels, their spacing, colours (shared by contour and quiver plots). */
export interface ContourOptions {
  /** Grid nodes per axis when sampling `f` (default 100; `[nx, ny]` for different counts). */
  resolution?: number | readonly [number, number];
  /** About this many levels (default 12), or the exact level values. */
  levels?: number | ArrayLike<number>;
  /** Spacing of computed levels (default `'linear'`); `'log'` or `'quantile'` reveal valleys. */
  levelScale?: LevelScale;
  /** Filled bands (default true) or coloured isolines. */
  filled?: boolean;
  /** Colour scheme of the values (default `'viridis'`). */
  scheme?: ValueScheme;
  /** Title of the colour bar, e.g. `'f(x, y)'`. */
  colorLabel?: string;
}

/** Node `k` of `n` evenly spaced over `domain` in the axis' own metric (geometric on a log axis). */
function gridNode(domain: readonly [number, number], kind: AxisScale, k: number, n: number): number {
  const t = n === 1 ? 0.5 : k / (n - 1);
  return kind === 'log' ? domain[0] * (domain[1] / domain[0]) ** t : domain[0] + t * (domain[1] - domain[0]);
}

/** Samples `f` on `nx × ny` nodes over the domains; NaN and −∞ results become NaN (holes). */
export function sampleGrid(
  f: (x: number, y: number) => number,
  xDomain: readonly [number, number],
  yDomain: readonly [number, number],
  kinds: readonly [AxisScale, AxisScale],
  nx: number,
  ny: number,
): Float64Array {
  const values = new Float64Array(nx * ny);
  const xs = Array.from({ length: nx }, (_, i) => gridNode(xDomain, kinds[0], i, nx));
  for (let j = 0; j < ny; j++) {
    const y = gridNode(yDomain, kinds[1], j, ny);
    for (let i = 0; i < nx; i++) {
      const v = +f(xs[i]!, y);
      values[j * nx + i] = Number.isFinite(v) || v === Number.POSITIVE_INFINITY ? v : Number.NaN;
    }
  }
  return values;
}

/** Checks the field-drawing options and returns the grid size to sample at. */
export function checkContourOptions(o: ContourOptions): [number, number] {
  const r = o.resolution ?? 100;
  const res: readonly [number, number] = typeof r === 'number' ? [r, r] : r;
  if (!Array.isArray(res) || res.length !== 2) throw typeError('resolution', r, 'expected n or [nx, ny]');
  checkPositiveInteger('resolution', res[0]);
  checkPositiveInteger('resolution', res[1]);
  if (typeof o.levels === 'number') checkPositiveInteger('levels', o.levels);
  else if (o.levels !== undefined) checkNumbers('levels', o.levels);
  if (o.levelScale !== undefined) checkOneOf('levelScale', o.levelScale, ['linear', 'log', 'quantile']);
  if (o.scheme !== undefined) checkOneOf('scheme', o.scheme, ['viridis', 'cividis']);
  checkText('colorLabel', o.colorLabel);
  return [res[0], res[1]];
}

/** The drawing style of a field, with defaults: 12 linear levels, filled, viridis. */
export function contourStyle(o: ContourOptions): ContourStyle {
  return {
    levels: o.levels ?? 12,
    levelScale: o.levelScale ?? 'linear',
    filled: o.filled ?? true,
    scheme: o.scheme ?? 'viridis',
    ...(o.colorLabel ? { label: o.colorLabel } : {}),
  };
}
