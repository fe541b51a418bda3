import type { Reduce } from './_reduce.js';
import { checkArray, checkOneOf, checkOptions, rangeError, typeError } from './_validate.js';
import { heatmap } from './heatmap.js';
import { linePlot } from './linePlot.js';
import { scatterPlot } from './scatterPlot.js';
import type { PlotOptions } from './types.js';

/** A row of data: plain fields, as the runner's aggregates are. */
export type Row = Readonly<Record<string, unknown>>;

/**
 * A plot as data, in Observable Plot's way: a mark and channels naming fields of `data` rows.
 * `line`: one line per distinct `stroke` value, several y per x reduced (`reduce`); `dot`: points, one
 * colour per `fill` value; `cell`: a heatmap of `fill` (numbers → colour bar, strings → categories) over
 * the distinct `x` × `y`.
 */
export interface PlotSpec extends PlotOptions {
  /** The mark: `'line'` ({@link linePlot}), `'dot'` ({@link scatterPlot}) or `'cell'` ({@link heatmap}). */
  mark: 'line' | 'dot' | 'cell';
  /** The rows, e.g. aggregates: one object per point or cell. */
  data: readonly Row[];
  /** The field read for x. */
  x: string;
  /** The field read for y. */
  y: string;
  /** `line`: the field whose values name the series. */
  stroke?: string;
  /** `dot`: the field whose values name the groups; `cell`: the field coloured. */
  fill?: string;
  /** `line`: how several y at one x are drawn (default `'median'` with an interquartile band). */
  reduce?: Reduce;
  /** Human labels of fields, for axes and legends, e.g. `{ lr: 'learning rate' }`. */
  labels?: Readonly<Record<string, string>>;
}

const num = (v: unknown): number => (typeof v === 'number' ? v : Number.NaN);

/**
 * Draws a {@link PlotSpec} by dispatching to {@link linePlot}, {@link scatterPlot} or {@link heatmap}.
 *
 * @param spec - The mark, its rows and channels, and the common options.
 * @returns An SVG string.
 * @example
 * ```ts
 * plot({ mark: 'line', data: rows, x: 'lr', y: 'fun', stroke: 'method', xScale: 'log', labels: { fun: 'final f' } });
 * ```
 */
export function plot(spec: PlotSpec): string {
  checkOptions(spec, 'spec');
  checkOneOf('mark', spec.mark, ['line', 'dot', 'cell']);
  checkArray('data', spec.data);
  for (const k of ['x', 'y'] as const)
    if (typeof spec[k] !== 'string') throw typeError(k, spec[k], 'expected a field name');
  const { mark, data, x, y, stroke, fill, reduce, labels, ...common } = spec;
  const label = (f: string): string => labels?.[f] ?? f;
  const opts = { xLabel: label(x), yLabel: label(y), ...common };
  const groupBy = (field: string | undefined): Map<string, Row[]> => {
    const m = new Map<string, Row[]>();
    for (const r of data) {
      const key = field === undefined ? '' : `${label(field)} = ${String(r[field])}`;
      let g = m.get(key);
      if (!g) m.set(key, (g = []));
      g.push(r);
    }
    return m;
  };
  if (mark === 'line' || mark === 'dot') {
    const groups = [...groupBy(mark === 'line' ? stroke : fill)];
    const series = groups.map(([name, rows]) => ({
      ...(name ? { name } : {}),
      x: rows.map((r) => num(r[x])),
      y: rows.map((r) => num(r[y])),
    }));
    return mark === 'line'
      ? linePlot({ ...opts, series, ...(reduce ? { reduce } : {}) })
      : scatterPlot({ ...opts, series });
  }
  if (fill === undefined) throw rangeError('fill', fill, "a 'cell' mark colours the field named by fill");
  const distinct = (f: string): (number | string)[] => {
    const vs = [...new Set(data.map((r) => r[f] as number | string))];
    return vs.every((v) => typeof v === 'number') ? (vs as number[]).sort((a, b) => a - b) : vs.map(String);
  };
  const xs = distinct(x);
  const ys = distinct(y);
  const xi = new Map(xs.map((v, i) => [v, i]));
  const yi = new Map(ys.map((v, j) => [v, j]));
  const key = (v: unknown, numeric: boolean): number | string => (numeric ? (v as number) : String(v));
  const cells: (number | string | null)[][] = ys.map(() => xs.map(() => null));
  const numeric = data.some((r) => typeof r[fill] === 'number');
  for (const r of data) {
    const i = xi.get(key(r[x], typeof xs[0] === 'number'));
    const j = yi.get(key(r[y], typeof ys[0] === 'number'));
    if (i === undefined || j === undefined) continue;
    cells[j]![i] = numeric ? num(r[fill]) : String(r[fill]);
  }
  return heatmap({
    ...opts,
    x: xs,
    y: ys,
    ...(numeric
      ? { values: cells as (number | null)[][], colorLabel: label(fill) }
      : { categories: cells as (string | null)[][] }),
  });
}
