import { extentOf, resolveDomain } from './_axis.js';
import { formatValue } from './_format.js';
import { checkPlotOptions, frame } from './_frame.js';
import type { LegendItem } from './_legend.js';
import { checkRefLines, colorAttr, dots, refLines } from './_marks.js';
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
import { okabeIto, outcomeColors } from './palettes.js';
import type { PlotOptions, RefLine } from './types.js';

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
  hLines?: readonly (number | RefLine)[];
  vLines?: readonly (number | RefLine)[];
}

/** Above this many points, dots have no individual tooltips. */
const MAX_TOOLTIPS = 2000;

/**
 * Points, in groups with one colour each (outcome names get their outcome colour), e.g. the final f of
 * each run against its learning rate. Points with a coordinate that is non-finite (or ≤ 0 on a log axis)
 * are skipped; up to 2,000 points each have a tooltip.
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
  const xKind = o.xScale ?? 'linear';
  const yKind = o.yScale ?? 'linear';
  const ref = (ls: readonly (number | RefLine)[] | undefined): number[] =>
    (ls ?? []).map((l) => (typeof l === 'number' ? l : l.value));
  const xExt = extentOf([...o.series.map((s) => s.x), ref(o.vLines)], xKind);
  const yExt = extentOf([...o.series.map((s) => s.y), ref(o.hLines)], yKind);
  const taken = new Set<string>();
  const colors = o.series.map((s) => {
    const c = s.color ?? (outcomeColors as Record<string, string>)[s.name ?? ''];
    if (c) taken.add(c);
    return c;
  });
  const free = okabeIto.filter((c) => !taken.has(c));
  let k = 0;
  const colorOf = colors.map((c) => colorAttr(c ?? free[k++ % free.length]!));
  const names = o.series.map((s, i) => s.name ?? `series ${i + 1}`);
  const total = o.series.reduce((n, s) => n + s.x.length, 0);
  const legend: LegendItem[] =
    o.series.length > 1 || o.series.some((s) => s.name)
      ? o.series.map((s, i) => ({ label: `${names[i]} (${s.x.length})`, color: colorOf[i]!, shape: 'dot' }))
      : [];
  const fr = frame({
    className: 'scatter-plot',
    options: o,
    x: { kind: xKind, domain: resolveDomain(o.xDomain, xExt, xKind, 0.04) },
    y: { kind: yKind, domain: resolveDomain(o.yDomain, yExt, yKind, 0.04) },
    legend,
  });
  const r = o.r ?? (total > 2000 ? 2 : total > 300 ? 2.75 : 3.5);
  let marks = refLines(o.hLines ?? [], o.vLines ?? [], fr.x, fr.y, fr.rect);
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
    marks += `<g class="series"${total > 500 ? ' opacity="0.75"' : ''}><title>${esc(names[i])}</title>${g}</g>`;
  });
  return fr.render(marks);
}
