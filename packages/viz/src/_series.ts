// Line series (linePlot's series, scatterPlot's lines): checks, legend entries and marks.
import type { Axis } from './_axis.js';
import { formatValue, px } from './_format.js';
import type { LegendItem } from './_legend.js';
import { dots, MAX_TOOLTIP_DOTS } from './_marks.js';
import { clipPolygon, encodeRuns, linePath, type Rect } from './_path.js';
import { hasRepeatedX, type Reduce, type Reduced, reduceSeries } from './_reduce.js';
import { dashAttr, dashOf, type MarkerShape, markerOf } from './_style.js';
import { checkArray, checkNumbers, checkObject, checkSameLength, checkText } from './_validate.js';
import { escapeHtml as esc } from './escapeHtml.js';
import type { LineSeries } from './linePlot.js';

export function checkLineSeries(name: string, series: unknown): asserts series is LineSeries[] {
  checkArray(name, series);
  series.forEach((s, i) => {
    checkObject(`${name}[${i}]`, s);
    checkNumbers(`${name}[${i}].x`, s.x);
    checkNumbers(`${name}[${i}].y`, s.y);
    checkSameLength(`${name}[${i}].y`, s.y as ArrayLike<number>, 'x', s.x as ArrayLike<number>);
    checkText(`${name}[${i}].name`, s.name);
    checkText(`${name}[${i}].color`, s.color);
  });
}

/** How the `i`-th series is drawn besides its colour: dash pattern and marker shape. */
export interface SeriesLook {
  dash: string;
  marker: MarkerShape;
}

/** The dash and marker of each series: its own `dashed`, else cycled after the palette's 8 colours. */
export function seriesLooks(series: readonly LineSeries[]): SeriesLook[] {
  return series.map((s, i) => ({ dash: s.dashed ? '6 4' : dashOf(i), marker: markerOf(i) }));
}

/** The legend entry of a line series: its swatch follows how it is drawn. */
export function lineLegendItem(s: LineSeries, label: string, color: string, look?: SeriesLook): LegendItem {
  const shape = s.line === false ? 'dot' : s.dashed ? 'dashed' : s.marker ? 'path' : 'line';
  const item: LegendItem = { label, color, shape };
  if (look && !s.dashed && look.dash && s.line !== false) item.dash = look.dash;
  if (look && look.marker !== 'circle' && (s.marker || s.line === false)) item.marker = look.marker;
  return item;
}

/** A series as drawn: reduced to a centre and band when it has several y per x (and reduce is on). */
export interface DrawnSeries {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  band?: Reduced;
}

/** Reduces each series with repeated x (`reduce` not `'none'`); others are drawn as given. */
export function drawnSeries(series: readonly LineSeries[], reduce: Reduce): DrawnSeries[] {
  return series.map((s) => {
    if (reduce === 'none' || !hasRepeatedX(s.x)) return { x: s.x, y: s.y };
    const r = reduceSeries(s.x, s.y, reduce);
    return { x: r.x, y: r.y, band: r };
  });
}

/** Above this many points in all, series carry no `data-xy` for the report script's hover readout. */
export const MAX_HOVER_POINTS = 2000;

/**
 * Each series as a `<g class="series" data-key="s{i}">`: its band (several y per x), its line
 * (clipped, thinned) and its dots if it has markers.
 */
export function lineMarks(
  series: readonly LineSeries[],
  colors: readonly string[],
  names: readonly string[],
  x: Axis,
  y: Axis,
  rect: Rect,
  drawn: readonly DrawnSeries[] = series,
  looks: readonly SeriesLook[] = seriesLooks(series),
  keyOffset = 0,
): string {
  const markerCount = series.reduce(
    (n, s, i) => n + (s.marker || s.line === false ? drawn[i]!.x.length : 0),
    0,
  );
  const tooltips = markerCount <= MAX_TOOLTIP_DOTS;
  const hover = drawn.reduce((n, d) => n + d.x.length, 0) <= MAX_HOVER_POINTS;
  let marks = '';
  series.forEach((s, i) => {
    const dr = drawn[i]!;
    const look = looks[i]!;
    let g = '';
    if (dr.band) g += bandMark(dr.band, colors[i]!, x, y, rect);
    if (s.line !== false) {
      const d = linePath(dr.x, dr.y, x.project, y.project, rect);
      if (d)
        g += `<path d="${d}" fill="none" stroke="${colors[i]}" stroke-width="2" stroke-linejoin="round" stroke-linecap="round"${dashAttr(look.dash)}/>`;
    }
    if (s.marker || s.line === false) {
      const band = dr.band;
      g += dots(
        dr.x,
        dr.y,
        x,
        y,
        rect,
        {
          color: colors[i]!,
          r: 3,
          shape: look.marker,
          tip: (k) =>
            band
              ? `${names[i]}: x = ${formatValue(dr.x[k]!)}, ${bandText(band, k)}`
              : `${names[i]}: (${formatValue(dr.x[k]!)}, ${formatValue(dr.y[k]!)})`,
        },
        tooltips,
      );
    }
    const data = hover ? ` data-xy="${hoverData(dr, x, y, rect)}"` : '';
    marks += `<g class="series" data-key="s${i + keyOffset}" data-name="${esc(names[i])}"${data}><title>${esc(names[i])}</title>${g}</g>`;
  });
  return marks;
}

/** `median 1.2 (IQR 1–1.5, n = 7)` or `mean 1.2 (± sd 0.3, n = 7)` for a point of a reduced series. */
function bandText(b: Reduced, k: number): string {
  return b.how === 'mean'
    ? `mean ${formatValue(b.y[k]!)} (± ${formatValue(b.hi[k]! - b.y[k]!)}, n = ${b.n[k]})`
    : `median ${formatValue(b.y[k]!)} (IQR ${formatValue(b.lo[k]!)} – ${formatValue(b.hi[k]!)}, n = ${b.n[k]})`;
}

/** The band of a reduced series: a translucent polygon from lo to hi, clipped to the plot area. */
function bandMark(b: Reduced, color: string, x: Axis, y: Axis, rect: Rect): string {
  // Split at x whose band is missing, so that a hole is not bridged.
  const polys: number[][] = [];
  let top: number[] = [];
  let bottom: number[] = [];
  const flush = (): void => {
    if (top.length >= 4) {
      const pts = [...top];
      for (let k = bottom.length - 2; k >= 0; k -= 2) pts.push(bottom[k]!, bottom[k + 1]!);
      polys.push(pts);
    }
    top = [];
    bottom = [];
  };
  const yAt = (v: number): number => {
    const p = y.project(v);
    if (Number.isFinite(p)) return Math.max(rect.y0 - 1e4, Math.min(rect.y1 + 1e4, p));
    return v > 0 ? rect.y0 - 10 : rect.y1 + 10; // ±∞, or ≤ 0 on a log axis: off the frame
  };
  for (let k = 0; k < b.x.length; k++) {
    const px0 = x.project(b.x[k]!);
    if (!(Number.isFinite(px0) && Number.isFinite(b.lo[k]!) && Number.isFinite(b.hi[k]!))) {
      flush();
      continue;
    }
    top.push(px0, yAt(b.hi[k]!));
    bottom.push(px0, yAt(b.lo[k]!));
  }
  flush();
  const runs = polys.map((p) => clipPolygon(p, rect)).filter((p) => p.length >= 6);
  if (runs.length === 0) return '';
  return `<path class="band" d="${encodeRuns(runs, true)}" fill="${color}" fill-opacity="0.18" stroke="none"/>`;
}

/** `px,py,x,y;…` of the points inside the plot area, for the report script's hover readout. */
export function hoverData(
  d: { x: ArrayLike<number>; y: ArrayLike<number> },
  x: Axis,
  y: Axis,
  rect: Rect,
): string {
  const out: string[] = [];
  for (let k = 0; k < d.x.length; k++) {
    const cx = x.project(d.x[k]!);
    const cy = y.project(d.y[k]!);
    if (!(Number.isFinite(cx) && Number.isFinite(cy))) continue;
    if (cx < rect.x0 - 0.5 || cx > rect.x1 + 0.5 || cy < rect.y0 - 0.5 || cy > rect.y1 + 0.5) continue;
    out.push(`${px(cx)},${px(cy)},${formatValue(d.x[k]!)},${formatValue(d.y[k]!)}`);
  }
  return esc(out.join(';'));
}
