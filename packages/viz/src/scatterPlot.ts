import { extentOf, resolveDomain } from './_axis.js';
import { formatValue } from './_format.js';
import { checkPlotOptions, frame } from './_frame.js';
import type { LegendItem } from './_legend.js';
import { checkRefLines, colorAttr, dots, refLines, seriesNames } from './_marks.js';
import { checkOverlays, overlayMarks } from './_overlays.js';
import { checkLineSeries, lineLegendItem, lineMarks } from './_series.js';
import {
  checkArray,
  checkNumbers,
  checkObject,
  checkOptions,
  checkPositive,
  checkSameLength,
  checkText,
  rangeError,
} from './_validate.js';
import { escapeHtml as esc } from './escapeHtml.js';
import type { LineSeries } from './linePlot.js';
import { okabeIto, outcomeColors } from './palettes.js';
import type { Overlay, PlotOptions, RefLine } from './types.js';

/** One group of points of a {@link scatterPlot}. */
export interface ScatterSeries {
  /** Name in the legend; an outcome name (`converged`, `diverged`, …) picks its outcome colour. */
  name?: string;
  x: ArrayLike<number>;
  /** Same length as `x`; points with a non-finite coordinate are skipped. */
  y: ArrayLike<number>;
  /** One tooltip line per point (e.g. the run's parameters), shown before its coordinates. */
  labels?: readonly string[];
  /** Any CSS colour. */
  color?: string;
}

/** Options of {@link scatterPlot}. */
export interface ScatterPlotOptions extends PlotOptions {
  series: readonly ScatterSeries[];
  /** Dot radius in pixels (default 3.5, smaller for many points). */
  r?: number;
  /** Horizontal reference lines (dashed). */
  hLines?: readonly (number | RefLine)[];
  /** Vertical reference lines (dashed). */
  vLines?: readonly (number | RefLine)[];
  /**
   * Lines drawn under the points, listed in the legend after them, e.g. an error model
   * `{ name: 'model', x, y, dashed: true }` (the same options as {@link linePlot}'s series).
   */
  lines?: readonly LineSeries[];
  /** Lines or shaded regions over the plot, labelled at their end (they do not widen the axes). */
  overlays?: readonly Overlay[];
}

/** Above this many points, dots have no individual tooltips. */
const MAX_TOOLTIPS = 2000;

/**
 * Points, in groups with one colour each (outcome names get their outcome colour), e.g. the final f of
 * each run against its learning rate, optionally with lines under them (a model curve). Points with a
 * coordinate that is non-finite (or ≤ 0 on a log axis) are skipped; up to 2,000 points each have a tooltip.
 *
 * @param options - The series and the common options.
 * @returns An SVG string.
 * @example
 * ```ts
 * const svg = scatterPlot({
 *   title: 'Iterations against learning rate',
 *   xLabel: 'lr',
 *   xScale: 'log',
 *   yLabel: 'iterations',
 *   series: [
 *     { name: 'converged', x: [0.1, 0.3], y: [52, 14] },
 *     { name: 'max-iter', x: [0.001], y: [1000] },
 *   ],
 * });
 * ```
 */
export function scatterPlot(options: ScatterPlotOptions): string {
  checkOptions(options);
  checkPlotOptions(options);
  const o = options;
  checkArray('series', o.series);
  o.series.forEach((s, i) => {
    checkObject(`series[${i}]`, s);
    checkNumbers(`series[${i}].x`, s.x);
    checkNumbers(`series[${i}].y`, s.y);
    checkSameLength(`series[${i}].y`, s.y as ArrayLike<number>, 'x', s.x as ArrayLike<number>);
    checkText(`series[${i}].name`, s.name);
    checkText(`series[${i}].color`, s.color);
    if (s.labels !== undefined) {
      checkArray(`series[${i}].labels`, s.labels);
      if (s.labels.length !== (s.x as ArrayLike<number>).length) {
        throw rangeError(
          `series[${i}].labels`,
          s.labels,
          `length ${s.labels.length}, but x has length ${(s.x as ArrayLike<number>).length}`,
        );
      }
    }
  });
  if (o.r !== undefined) checkPositive('r', o.r);
  checkRefLines('hLines', o.hLines);
  checkRefLines('vLines', o.vLines);
  if (o.lines !== undefined) checkLineSeries('lines', o.lines);
  checkOverlays('overlays', o.overlays);
  const lines = o.lines ?? [];
  const xKind = o.xScale ?? 'linear';
  const yKind = o.yScale ?? 'linear';
  const ref = (ls: readonly (number | RefLine)[] | undefined): number[] =>
    (ls ?? []).map((l) => (typeof l === 'number' ? l : l.value));
  const xExt = extentOf([...o.series.map((s) => s.x), ...lines.map((l) => l.x), ref(o.vLines)], xKind);
  const yExt = extentOf([...o.series.map((s) => s.y), ...lines.map((l) => l.y), ref(o.hLines)], yKind);
  const taken = new Set<string>();
  const colors = [...o.series, ...lines].map((s) => {
    const c = s.color ?? (outcomeColors as Record<string, string>)[s.name ?? ''];
    if (c) taken.add(c);
    return c;
  });
  const free = okabeIto.filter((c) => !taken.has(c));
  let k = 0;
  const colorOf = colors.map((c) => colorAttr(c ?? free[k++ % free.length]!));
  const lineColors = colorOf.slice(o.series.length);
  const { names: all, inLegend } = seriesNames([...o.series, ...lines], o.yLabel);
  const names = all.slice(0, o.series.length);
  const total = o.series.reduce((n, s) => n + s.x.length, 0);
  const legend: LegendItem[] = [
    ...o.series.flatMap((s, i) =>
      inLegend[i]
        ? [{ label: `${names[i]} (${s.x.length})`, color: colorOf[i]!, shape: 'dot' as const, key: `s${i}` }]
        : [],
    ),
    ...lines.flatMap((l, i) =>
      inLegend[o.series.length + i]
        ? [
            {
              ...lineLegendItem(l, all[o.series.length + i]!, lineColors[i]!),
              key: `s${o.series.length + i}`,
            },
          ]
        : [],
    ),
  ];
  const fr = frame({
    className: 'scatter-plot',
    options: o,
    x: { kind: xKind, domain: resolveDomain(o.xDomain, xExt, xKind, 0.04) },
    y: { kind: yKind, domain: resolveDomain(o.yDomain, yExt, yKind, 0.04) },
    legend,
  });
  const r = o.r ?? (total > 2000 ? 2 : total > 300 ? 2.75 : 3.5);
  let marks = refLines(o.hLines ?? [], o.vLines ?? [], fr.x, fr.y, fr.rect);
  if (o.overlays) marks += overlayMarks(o.overlays, fr.x, fr.y, fr.rect);
  if (lines.length > 0)
    marks += lineMarks(
      lines,
      lineColors,
      all.slice(o.series.length),
      fr.x,
      fr.y,
      fr.rect,
      lines,
      lines.map((l) => ({ dash: l.dashed ? '6 4' : '', marker: 'circle' as const })),
      o.series.length,
    );
  o.series.forEach((s, i) => {
    const tip = (p: number): string => {
      const at = `(${formatValue(s.x[p]!)}, ${formatValue(s.y[p]!)})`;
      return s.labels ? `${s.labels[p]} ${at}` : `${names[i]} ${at}`;
    };
    const g = dots(
      s.x,
      s.y,
      fr.x,
      fr.y,
      fr.rect,
      { color: colorOf[i]!, r, halo: total <= 2000, tip },
      total <= MAX_TOOLTIPS,
    );
    marks += `<g class="series" data-key="s${i}"${total > 500 ? ' opacity="0.75"' : ''}><title>${esc(names[i])}</title>${g}</g>`;
  });
  return fr.render(marks);
}
