import { extentOf, resolveDomain } from './_axis.js';
import { checkPlotOptions, frame } from './_frame.js';
import type { LegendItem } from './_legend.js';
import { checkRefLines, colorAttr, refLines, seriesNames } from './_marks.js';
import { overlapLevels } from './_overlap.js';
import { checkOverlays, overlayMarks } from './_overlays.js';
import type { Reduce } from './_reduce.js';
import {
  checkLineSeries,
  type DrawnSeries,
  drawnSeries,
  lineLegendItem,
  lineMarks,
  type SeriesLook,
  seriesLooks,
} from './_series.js';
import { checkOneOf, checkOptions } from './_validate.js';
import { okabeIto } from './palettes.js';
import type { Overlay, PlotOptions, RefLine } from './types.js';

export type { Reduce } from './_reduce.js';
export type { RefLine } from './types.js';

/** One line of a {@link linePlot}. */
export interface LineSeries {
  /**
   * Name in the legend and tooltips. A single unnamed series has no legend entry; the only unnamed one
   * among named series is listed under the y label.
   */
  name?: string;
  x: ArrayLike<number>;
  /** Same length as `x`; non-finite values break the line. */
  y: ArrayLike<number>;
  /** Draw a dot at every point (default false). */
  marker?: boolean;
  /** Draw the connecting line (default true; `false` with `marker: true` gives points only). */
  line?: boolean;
  /** Dashed line (default false). */
  dashed?: boolean;
  /** Any CSS colour; default the next Okabe–Ito colour. */
  color?: string;
}

/** Options of {@link linePlot}. */
export interface LinePlotOptions extends PlotOptions {
  series: readonly LineSeries[];
  /** Horizontal reference lines (dashed), e.g. `[0]` or `[{ value: 1, label: 'f*' }]`. */
  hLines?: readonly (number | RefLine)[];
  /** Vertical reference lines (dashed). */
  vLines?: readonly (number | RefLine)[];
  /** Lines or shaded regions over the plot, labelled at their end (they do not widen the axes). */
  overlays?: readonly Overlay[];
  /**
   * A series with several y at the same x (e.g. one point per seed): `'median'` (default) draws the
   * median through the sorted x with the interquartile range as a band; `'mean'` the mean with ± one
   * standard deviation; `'none'` joins the points in the order given. A series whose x are all distinct
   * is drawn as given whatever this says.
   */
  reduce?: Reduce;
}

const refValues = (lines: readonly (number | RefLine)[] | undefined): number[] =>
  (lines ?? []).map((l) => (typeof l === 'number' ? l : l.value));

/**
 * Lines (and optionally dots) for one or more series, with reference lines. Lines are clipped to the
 * plot area, broken at non-finite values, and thinned to what the pixels show (min–max per pixel column,
 * then Douglas–Peucker within 0.25 px), so a series of 10⁶ points stays a few kB.
 *
 * @param options - The series and the common {@link PlotOptions}.
 * @returns An SVG string.
 * @example
 * ```ts
 * // The notebook's function_1 on [0, 20) with its tangent at x = 5.
 * const x = Array.from({ length: 200 }, (_, i) => i / 10);
 * const svg = linePlot({
 *   title: 'f(x) = 0.01x² + 0.1x and its tangent at 5',
 *   xLabel: 'x',
 *   yLabel: 'f(x)',
 *   series: [
 *     { name: 'f', x, y: x.map((t) => 0.01 * t * t + 0.1 * t) },
 *     { name: 'tangent at 5', x, y: x.map((t) => 0.2 * t - 0.25), dashed: true },
 *   ],
 * });
 * ```
 */
export function linePlot(options: LinePlotOptions): string {
  checkOptions(options);
  checkPlotOptions(options);
  checkLineSeries('series', options.series);
  checkRefLines('hLines', options.hLines);
  checkRefLines('vLines', options.vLines);
  checkOverlays('overlays', options.overlays);
  if (options.reduce !== undefined) checkOneOf('reduce', options.reduce, ['median', 'mean', 'none']);
  const xKind = options.xScale ?? 'linear';
  const yKind = options.yScale ?? 'linear';
  const series = options.series;
  const drawn = drawnSeries(series, options.reduce ?? 'median');
  const looks = seriesLooks(series);
  const xExt = extentOf([...drawn.map((s) => s.x), refValues(options.vLines)], xKind);
  const yExt = extentOf(
    [...drawn.flatMap((s) => (s.band ? [s.y, s.band.lo, s.band.hi] : [s.y])), refValues(options.hLines)],
    yKind,
  );
  const xDomain = resolveDomain(options.xDomain, xExt, xKind);
  const yDomain = resolveDomain(options.yDomain, yExt, yKind);
  dashOverlaps(
    series,
    drawn,
    looks,
    [xKind, yKind],
    [xDomain, yDomain],
    [options.width ?? 640, options.height ?? 420],
  );
  const colors = series.map((s, i) => colorAttr(s.color ?? okabeIto[i % okabeIto.length]!));
  const { names, inLegend } = seriesNames(series, options.yLabel);
  const legend: LegendItem[] = series.flatMap((s, i) =>
    inLegend[i] ? [{ ...lineLegendItem(s, names[i]!, colors[i]!, looks[i]), key: `s${i}` }] : [],
  );
  const f = frame({
    className: 'line-plot',
    options,
    x: { kind: xKind, domain: xDomain },
    y: { kind: yKind, domain: yDomain },
    legend,
  });
  const { x, y, rect } = f;
  let marks = refLines(options.hLines ?? [], options.vLines ?? [], x, y, rect);
  if (options.overlays) marks += overlayMarks(options.overlays, x, y, rect);
  marks += lineMarks(series, colors, names, x, y, rect, drawn, looks);
  return f.render(marks);
}

/** Dash patterns of solid series lying on an earlier one (overlap level 1, 2, …). */
const OVERLAP_DASHES = ['6 4', '2 3', '10 3 2 3'];

/**
 * Solid lines that mostly lie on an earlier line (on a provisional pixel grid of the figure's size)
 * are dashed, so that the line under them shows through; the legend draws the same dash. At most 50
 * series are compared.
 */
function dashOverlaps(
  series: readonly LineSeries[],
  drawn: readonly DrawnSeries[],
  looks: SeriesLook[],
  kinds: readonly ['linear' | 'log', 'linear' | 'log'],
  domains: readonly [readonly [number, number], readonly [number, number]],
  size: readonly [number, number],
): void {
  if (series.length < 2 || series.length > 50) return;
  const axis = (k: 0 | 1): ((v: number) => number) => {
    const [d0, d1] = domains[k];
    const range = k === 0 ? size[0] * 0.85 : size[1] * 0.75;
    if (kinds[k] === 'log') {
      const l0 = Math.log(d0);
      const span = Math.log(d1) - l0;
      return (v) => (v > 0 ? ((Math.log(v) - l0) / span) * range : Number.NaN);
    }
    return (v) => ((v - d0) / (d1 - d0)) * range;
  };
  const px = axis(0);
  const py = axis(1);
  const runs = drawn.map((d, i) => {
    if (series[i]!.line === false) return [];
    const out: number[][] = [];
    let run: number[] = [];
    for (let k = 0; k < d.x.length; k++) {
      const a = px(d.x[k]!);
      const b = py(d.y[k]!);
      if (Number.isFinite(a) && Number.isFinite(b) && Math.abs(a) < 1e5 && Math.abs(b) < 1e5) run.push(a, b);
      else if (run.length > 0) {
        out.push(run);
        run = [];
      }
    }
    if (run.length > 0) out.push(run);
    return out;
  });
  const levels = overlapLevels(runs);
  levels.forEach((level, i) => {
    if (level > 0 && looks[i]!.dash === '')
      looks[i]!.dash = OVERLAP_DASHES[(level - 1) % OVERLAP_DASHES.length]!;
  });
}
