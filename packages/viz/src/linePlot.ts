import { extentOf, resolveDomain } from './_axis.js';
import { formatValue } from './_format.js';
import { checkPlotOptions, frame } from './_frame.js';
import type { LegendItem } from './_legend.js';
import { checkRefLines, colorAttr, dots, MAX_TOOLTIP_DOTS, refLines } from './_marks.js';
import { linePath } from './_path.js';
import {
  checkArray,
  checkNumbers,
  checkObject,
  checkOptions,
  checkSameLength,
  checkText,
} from './_validate.js';
import { escapeHtml as esc } from './escapeHtml.js';
import { okabeIto } from './palettes.js';
import type { PlotOptions, RefLine } from './types.js';

export type { RefLine } from './types.js';

/** One line of a {@link linePlot}. */
export interface LineSeries {
  /** Name in the legend and tooltips. */
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
}

function checkSeries(name: string, series: unknown): asserts series is LineSeries[] {
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
  checkSeries('series', options.series);
  checkRefLines('hLines', options.hLines);
  checkRefLines('vLines', options.vLines);
  const xKind = options.xScale ?? 'linear';
  const yKind = options.yScale ?? 'linear';
  const series = options.series;
  const xExt = extentOf([...series.map((s) => s.x), refValues(options.vLines)], xKind);
  const yExt = extentOf([...series.map((s) => s.y), refValues(options.hLines)], yKind);
  const colors = series.map((s, i) => colorAttr(s.color ?? okabeIto[i % okabeIto.length]!));
  const names = series.map((s, i) => s.name ?? `series ${i + 1}`);
  const legend: LegendItem[] =
    series.length > 1 || series.some((s) => s.name)
      ? series.map((s, i) => ({
          label: names[i]!,
          color: colors[i]!,
          shape: s.line === false ? 'dot' : s.dashed ? 'dashed' : s.marker ? 'path' : 'line',
        }))
      : [];
  const f = frame({
    className: 'line-plot',
    options,
    x: { kind: xKind, domain: resolveDomain(options.xDomain, xExt, xKind) },
    y: { kind: yKind, domain: resolveDomain(options.yDomain, yExt, yKind) },
    legend,
  });
  const { x, y, rect } = f;
  let marks = refLines(options.hLines ?? [], options.vLines ?? [], x, y, rect);
  const markerCount = series.reduce((n, s) => n + (s.marker || s.line === false ? s.x.length : 0), 0);
  const tooltips = markerCount <= MAX_TOOLTIP_DOTS;
  series.forEach((s, i) => {
    let g = '';
    if (s.line !== false) {
      const d = linePath(s.x, s.y, x.project, y.project, rect);
      const dash = s.dashed ? ' stroke-dasharray="6 4"' : '';
      if (d)
        g += `<path d="${d}" fill="none" stroke="${colors[i]}" stroke-width="2" stroke-linejoin="round" stroke-linecap="round"${dash}/>`;
    }
    if (s.marker || s.line === false) {
      g += dots(
        s.x,
        s.y,
        x,
        y,
        rect,
        {
          color: colors[i]!,
          r: 3,
          tip: (k) => `${names[i]}: (${formatValue(s.x[k]!)}, ${formatValue(s.y[k]!)})`,
        },
        tooltips,
      );
    }
    marks += `<g class="series"><title>${esc(names[i])}</title>${g}</g>`;
  });
  return f.render(marks);
}
