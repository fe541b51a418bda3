import type { Axis } from './_axis.js';
import { formatValue, px } from './_format.js';
import { inside, type Rect } from './_path.js';
import { type MarkerShape, markerPath } from './_style.js';
import { checkArray, checkText, typeError } from './_validate.js';
import { escapeHtml as esc } from './escapeHtml.js';
import type { RefLine } from './types.js';

/** Above this many dots in one plot, dots are drawn as one path without per-dot tooltips. */
export const MAX_TOOLTIP_DOTS = 400;

export interface DotStyle {
  color: string;
  r: number;
  /** A halo in the background colour, so that dots read over contours and each other. */
  halo?: boolean;
  /** Tooltip of a dot, from its index (only used when dots are drawn one by one). */
  tip?: (i: number) => string;
  /** A marker other than a circle (series beyond the palette's eight colours). */
  shape?: MarkerShape;
}

/**
 * Dots at `(xs[i], ys[i])` inside `rect` (non-finite and outside points are skipped): one `<circle>` with a
 * `<title>` each when `tooltips`, else one compact path of round-capped zero-length segments.
 */
export function dots(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  x: Axis,
  y: Axis,
  rect: Rect,
  style: DotStyle,
  tooltips: boolean,
): string {
  const n = Math.min(xs.length, ys.length);
  if (style.shape && style.shape !== 'circle') return shapedDots(xs, ys, x, y, rect, style, tooltips);
  const halo = style.halo ? ' style="stroke:var(--viz-bg,#fff);stroke-width:1px"' : '';
  if (tooltips) {
    let s = '';
    for (let i = 0; i < n; i++) {
      const cx = x.project(xs[i]!);
      const cy = y.project(ys[i]!);
      if (!(Number.isFinite(cx) && Number.isFinite(cy) && inside(cx, cy, rect, 0.5))) continue;
      const tip = style.tip ? `<title>${esc(style.tip(i))}</title>` : '';
      s += `<circle cx="${px(cx)}" cy="${px(cy)}" r="${style.r}">${tip}</circle>`;
    }
    return s ? `<g class="dots" fill="${style.color}"${halo}>${s}</g>` : '';
  }
  let d = '';
  for (let i = 0; i < n; i++) {
    const cx = x.project(xs[i]!);
    const cy = y.project(ys[i]!);
    if (!(Number.isFinite(cx) && Number.isFinite(cy) && inside(cx, cy, rect, 0.5))) continue;
    d += `M${px(cx)},${px(cy)}h0`;
  }
  if (!d) return '';
  return `<path class="dots" d="${d}" fill="none" stroke="${style.color}" stroke-width="${style.r * 2}" stroke-linecap="round"/>`;
}

/** {@link dots} drawn as marker paths (squares, triangles, …): one path, or one per dot with a tooltip. */
function shapedDots(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  x: Axis,
  y: Axis,
  rect: Rect,
  style: DotStyle,
  tooltips: boolean,
): string {
  const n = Math.min(xs.length, ys.length);
  const shape = style.shape!;
  const halo = style.halo ? ' style="stroke:var(--viz-bg,#fff);stroke-width:1px"' : '';
  let s = '';
  let d = '';
  for (let i = 0; i < n; i++) {
    const cx = x.project(xs[i]!);
    const cy = y.project(ys[i]!);
    if (!(Number.isFinite(cx) && Number.isFinite(cy) && inside(cx, cy, rect, 0.5))) continue;
    const m = markerPath(shape, cx, cy, style.r);
    if (tooltips) {
      const tip = style.tip ? `<title>${esc(style.tip(i))}</title>` : '';
      s += `<path d="${m}">${tip}</path>`;
    } else d += m;
  }
  if (tooltips) return s ? `<g class="dots" fill="${style.color}"${halo}>${s}</g>` : '';
  return d ? `<path class="dots" d="${d}" fill="${style.color}"/>` : '';
}

/** Horizontal (`hLines`) and vertical (`vLines`) reference lines across the plot area, labelled. */
export function refLines(
  hLines: readonly (number | RefLine)[],
  vLines: readonly (number | RefLine)[],
  x: Axis,
  y: Axis,
  rect: Rect,
): string {
  let s = '';
  const norm = (l: number | RefLine): RefLine => (typeof l === 'number' ? { value: l } : l);
  for (const [orient, list] of [
    ['h', hLines],
    ['v', vLines],
  ] as const) {
    for (const l of list.map(norm)) {
      const p = orient === 'h' ? y.project(l.value) : x.project(l.value);
      if (!Number.isFinite(p)) continue;
      const lo = orient === 'h' ? rect.y0 : rect.x0;
      const hi = orient === 'h' ? rect.y1 : rect.x1;
      if (p < Math.min(lo, hi) - 0.5 || p > Math.max(lo, hi) + 0.5) continue;
      const d =
        orient === 'h'
          ? `M${px(rect.x0)},${px(p)}H${px(rect.x1)}`
          : `M${px(p)},${px(rect.y0)}V${px(rect.y1)}`;
      const dash = l.dashed === false ? '' : ' stroke-dasharray="5 4"';
      const name = l.label ?? `${orient === 'h' ? 'y' : 'x'} = ${formatValue(l.value)}`;
      s += `<path d="${d}" stroke="currentColor" stroke-opacity="0.6" fill="none"${dash}><title>${esc(name)}</title></path>`;
      if (l.label) {
        s +=
          orient === 'h'
            ? `<text x="${px(rect.x1 - 4)}" y="${px(p - 4)}" text-anchor="end" font-size="10" fill-opacity="0.8">${esc(l.label)}</text>`
            : `<text x="${px(p + 4)}" y="${px(rect.y0 + 12)}" font-size="10" fill-opacity="0.8">${esc(l.label)}</text>`;
      }
    }
  }
  return s ? `<g class="ref-lines">${s}</g>` : '';
}

/** Escapes a user colour for an attribute (colours are passed through, not parsed). */
export function colorAttr(c: string): string {
  return esc(c);
}

/** Checks a list of reference lines: numbers or `{ value, label? }`. */
export function checkRefLines(
  name: string,
  lines: unknown,
): asserts lines is (number | RefLine)[] | undefined {
  if (lines === undefined) return;
  checkArray(name, lines);
  lines.forEach((l, i) => {
    if (typeof l === 'number') return;
    if (l === null || typeof l !== 'object' || typeof (l as RefLine).value !== 'number') {
      throw typeError(`${name}[${i}]`, l, 'expected a number or { value, label? }');
    }
    checkText(`${name}[${i}].label`, (l as RefLine).label);
  });
}

/**
 * Names of series for legends and tooltips: a series' own name; the only unnamed one among named ones
 * takes the y label (or, without one, stays out of the legend); several unnamed ones are `series i`.
 * The legend is empty when a single series is unnamed.
 */
export function seriesNames(
  series: readonly { readonly name?: string | undefined }[],
  yLabel: string | undefined,
): { names: string[]; inLegend: boolean[] } {
  const unnamed = series.filter((s) => !s.name).length;
  const names = series.map((s, i) =>
    s.name ? s.name : unnamed === 1 ? (yLabel ?? `series ${i + 1}`) : `series ${i + 1}`,
  );
  const inLegend = series.map((s) => (s.name ? true : unnamed === 1 ? yLabel !== undefined : true));
  if (series.length === 1 && !series[0]!.name) inLegend[0] = false;
  return { names, inLegend };
}
