import {
  autoScale,
  checkField,
  checkFields,
  type Fields,
  fieldList,
  groupName,
  groupRows,
  num,
  type Row,
} from './_channels.js';
import { legendOrder, outcomeRank } from './_outcomes.js';
import type { Reduce } from './_reduce.js';
import {
  checkArray,
  checkKeys,
  checkObject,
  checkOptions,
  didYouMean,
  rangeError,
  typeError,
} from './_validate.js';
import { NONE, valueText } from './_valueText.js';
import { type ContourPlotOptions, contourPlot } from './contourPlot.js';
import { type ConvergencePlotOptions, type ConvergenceRun, convergencePlot } from './convergencePlot.js';
import { type HeatmapOptions, heatmap } from './heatmap.js';
import { type LinePlotOptions, type LineSeries, linePlot } from './linePlot.js';
import {
  type ParallelCoordinatesOptions,
  type ParallelDimension,
  parallelCoordinates,
} from './parallelCoordinates.js';
import { type QuiverPlotOptions, quiverPlot } from './quiverPlot.js';
import { type ScatterPlotOptions, scatterPlot } from './scatterPlot.js';
import { smallMultiples } from './smallMultiples.js';
import type { AxisScale, Trajectory } from './types.js';

export type { Fields, Row } from './_channels.js';

/** What every mark reads: rows, and human labels of their fields. */
interface Data {
  /** The rows, e.g. aggregates: plain objects whose fields the channels name. */
  data: readonly Row[];
  /** Human labels of fields, for axes, legends and tooltips, e.g. `{ lr: 'learning rate' }`. */
  labels?: Readonly<Record<string, string>>;
}

/**
 * `mark: 'line'` ({@link linePlot}): one line per distinct `stroke`, several y at one x reduced
 * (median with its interquartile band by default).
 */
export interface LineMark extends Omit<LinePlotOptions, 'series' | 'reduce'>, Data {
  mark: 'line';
  /** The field read for x. */
  x: string;
  /** The field read for y. */
  y: string;
  /** The field (or fields) whose values name the lines, e.g. `'method'`. */
  stroke?: Fields;
  /** How several y at one x are drawn: `'median'` (default) with the IQR, `'mean'` ± sd, or `'none'`. */
  reduce?: Reduce;
  /** A dot at every point of the data's lines (default false), e.g. for a few learning rates. */
  marker?: boolean;
  /**
   * Lines drawn after the data's (e.g. a dashed model curve, or quartiles reduced beforehand), in the
   * legend after them, as {@link scatterPlot}'s `lines`.
   */
  lines?: readonly LineSeries[];
}

/** `mark: 'dot'` ({@link scatterPlot}): points, one colour per distinct `fill` (outcomes in theirs). */
export interface DotMark extends Omit<ScatterPlotOptions, 'series'>, Data {
  mark: 'dot';
  /** The field read for x. */
  x: string;
  /** The field read for y. */
  y: string;
  /** The field (or fields) whose values name the groups, e.g. `'status'`. */
  fill?: Fields;
  /** Fields shown in each point's tooltip, e.g. `['method', 'x0']`. */
  tip?: Fields;
}

/** How the rows falling in one cell are summarised (numbers; categories take their most frequent). */
export type CellReduce = 'median' | 'mean' | 'min' | 'max';

/**
 * `mark: 'cell'` ({@link heatmap}): the distinct `x` × `y` (numbers sorted, `null` as a `none` row or
 * column), coloured by `fill` (numbers: a colour bar, log when the values > 0 span more than two
 * decades; strings: categories). Pairs with no row are drawn as "not run".
 */
export interface CellMark extends Omit<HeatmapOptions, 'x' | 'y' | 'values' | 'categories' | 'status'>, Data {
  mark: 'cell';
  /** The field read for columns. */
  x: string;
  /** The field read for rows. */
  y: string;
  /** The field coloured. */
  fill: string;
  /** A field with each row's outcome: max-iter cells are hatched, failed ones cross-hatched. */
  status?: string;
  /** Several rows in one cell: their `'median'` (default), `'mean'`, `'min'` or `'max'`. */
  reduce?: CellReduce;
  /**
   * A field whose values each get their own map (small multiples, two a row, `title` over them), on
   * the x and y axes of all the rows: e.g. one outcome map per method. `width` and `height` are each
   * map's.
   */
  fx?: string;
}

/** A dimension of a `'parallel'` mark: a field, or a field with its axis options. */
export type ParallelField =
  | string
  | ({ field: string } & Pick<ParallelDimension, 'scale' | 'domain' | 'categories'>);

/**
 * `mark: 'parallel'` ({@link parallelCoordinates}): one line per row across one axis per dimension,
 * coloured by `stroke` (an outcome field, or a metric).
 */
export interface ParallelMark extends Omit<ParallelCoordinatesOptions, 'dimensions' | 'color'>, Data {
  mark: 'parallel';
  /** The fields, one axis each, left to right. */
  dimensions: readonly ParallelField[];
  /** The field that colours the lines, e.g. `'status'` or `'fun'`. */
  stroke?: string;
}

/**
 * `mark: 'contour'` ({@link contourPlot}): contours of `f` (or `grid`) with the rows as trajectories:
 * either one row per run whose `x` and `y` fields are arrays, or one row per point grouped by `z`.
 */
export interface ContourMark extends Omit<ContourPlotOptions, 'trajectories'>, Partial<Data> {
  mark: 'contour';
  /** The field read for x (an array per run, or a number per point). */
  x?: string;
  /** The field read for y. */
  y?: string;
  /** The field (or fields) naming each run, e.g. `['lr', 'x0']` → `lr = 0.1, x0 = (1, 2)`. */
  z?: Fields;
  /** A field with each run's outcome: a failed run ends in ×. */
  status?: string;
}

/** `mark: 'vector'` ({@link quiverPlot}): an arrow `(u, v)` at `(x, y)` per row. */
export interface VectorMark extends Omit<QuiverPlotOptions, 'x' | 'y' | 'u' | 'v'>, Data {
  mark: 'vector';
  /** The field read for the arrow's base x. */
  x: string;
  /** The field read for the arrow's base y. */
  y: string;
  /** The field read for the arrow's x component. */
  u: string;
  /** The field read for the arrow's y component. */
  v: string;
}

/**
 * `mark: 'convergence'` ({@link convergencePlot}): a value against the iteration per run: one row per
 * run whose `y` field is an array (and `x` the iterations of a thinned history), or one row per
 * iteration grouped by `z`.
 */
export interface ConvergenceMark extends Omit<ConvergencePlotOptions, 'runs' | 'colorBy'>, Data {
  mark: 'convergence';
  /** The field read for the value (f, f − f*, ‖∇f‖): an array per run, or a number per iteration. */
  y: string;
  /** The field read for the iteration (default `0, 1, 2, …`). */
  x?: string;
  /** The field (or fields) naming each run. */
  z?: Fields;
  /** A field with each run's outcome. */
  status?: string;
  /**
   * The field (or fields) that colour the lines, one colour and legend entry per value (e.g. the
   * method); the `status` field colours by outcome, and the fields of `z` give each run its own colour
   * and legend entry. Default: by outcome above 8 runs, else by run.
   */
  stroke?: Fields;
}

/**
 * A plot as data, in Observable Plot's way: a mark, and channels naming fields of plain `data` rows,
 * plus the options of the plot function the mark draws with.
 */
export type PlotSpec =
  | LineMark
  | DotMark
  | CellMark
  | ParallelMark
  | ContourMark
  | VectorMark
  | ConvergenceMark;

const COMMON = {
  title: true,
  subtitle: true,
  width: true,
  height: true,
  xLabel: true,
  yLabel: true,
  xDomain: true,
  yDomain: true,
  xScale: true,
  yScale: true,
  aspect: true,
  data: true,
  labels: true,
  mark: true,
} as const;
/** The options of a drawn field (contours under trajectories or arrows). */
const FIELD = {
  resolution: true,
  levels: true,
  levelScale: true,
  filled: true,
  scheme: true,
  colorLabel: true,
} as const;

/** Every key each mark takes (checked complete by the compiler), for refusing unknown ones. */
const KEYS = {
  line: {
    ...COMMON,
    x: true,
    y: true,
    stroke: true,
    reduce: true,
    marker: true,
    lines: true,
    hLines: true,
    vLines: true,
    overlays: true,
  } satisfies Record<keyof LineMark, true>,
  dot: {
    ...COMMON,
    x: true,
    y: true,
    fill: true,
    tip: true,
    r: true,
    hLines: true,
    vLines: true,
    lines: true,
    overlays: true,
  } satisfies Record<keyof DotMark, true>,
  cell: {
    ...COMMON,
    x: true,
    y: true,
    fill: true,
    status: true,
    reduce: true,
    fx: true,
    colorScale: true,
    colorDomain: true,
    scheme: true,
    colorLabel: true,
    emptyLabel: true,
    overlays: true,
    cellLabels: true,
    raster: true,
  } satisfies Record<keyof CellMark, true>,
  parallel: {
    title: true,
    subtitle: true,
    width: true,
    height: true,
    data: true,
    labels: true,
    mark: true,
    dimensions: true,
    stroke: true,
    colorLabel: true,
    colorScale: true,
    colorDomain: true,
    scheme: true,
    maxLines: true,
    density: true,
  } satisfies Record<keyof ParallelMark, true>,
  contour: {
    ...COMMON,
    ...FIELD,
    x: true,
    y: true,
    z: true,
    status: true,
    f: true,
    grid: true,
    axesLines: true,
    hLines: true,
    vLines: true,
    overlays: true,
    points: true,
    minima: true,
  } satisfies Record<keyof ContourMark, true>,
  vector: {
    ...COMMON,
    ...FIELD,
    x: true,
    y: true,
    u: true,
    v: true,
    f: true,
    maxLength: true,
    color: true,
  } satisfies Record<keyof VectorMark, true>,
  convergence: {
    ...COMMON,
    x: true,
    y: true,
    z: true,
    status: true,
    stroke: true,
    hLines: true,
  } satisfies Record<keyof ConvergenceMark, true>,
};
const MARKS = Object.keys(KEYS) as PlotSpec['mark'][];

/**
 * Draws a {@link PlotSpec}: the rows' fields named by the channels become the series, cells, lines,
 * trajectories or arrows of {@link linePlot} (`'line'`), {@link scatterPlot} (`'dot'`),
 * {@link heatmap} (`'cell'`), {@link parallelCoordinates} (`'parallel'`), {@link contourPlot}
 * (`'contour'`), {@link quiverPlot} (`'vector'`) or {@link convergencePlot} (`'convergence'`); the
 * other keys are that function's options. Unknown keys, and channels naming a field no row has, are
 * refused with the nearest valid name. Without an explicit scale, a numeric axis whose values are all > 0
 * and span more than two decades is logarithmic. Axes and legends use `labels` for field names;
 * values read as people write them (`0.001`, `(1, −2)`, `none` for null).
 *
 * @param spec - The mark, its rows and channels, and the plot's options.
 * @returns An SVG string.
 * @example
 * ```ts
 * plot({ mark: 'line', data: rows, x: 'lr', y: 'fun', stroke: 'method', labels: { fun: 'final f' } });
 * plot({ mark: 'cell', data: rows, x: 'lr', y: 'kappa', fill: 'fun', status: 'status' });
 * plot({ mark: 'parallel', data: rows, dimensions: ['lr', 'method', 'fun'], stroke: 'status' });
 * ```
 */
export function plot(spec: PlotSpec): string {
  checkOptions(spec, 'spec');
  if (!MARKS.includes(spec.mark)) {
    const near = typeof spec.mark === 'string' ? didYouMean(spec.mark, MARKS) : undefined;
    throw rangeError(
      'mark',
      spec.mark,
      `expected one of ${MARKS.join(', ')}${near ? `; did you mean ${near}?` : ''}`,
    );
  }
  checkKeys(spec, Object.keys(KEYS[spec.mark]));
  if (spec.data !== undefined) {
    checkArray('data', spec.data);
    spec.data.forEach((r, i) => {
      checkObject(`data[${i}]`, r);
    });
  } else if (spec.mark !== 'contour') throw typeError('data', spec.data, 'expected an array of rows');
  if (spec.labels !== undefined) checkObject('labels', spec.labels);
  const labels = spec.labels;
  const label = (f: string): string => labels?.[f] ?? f;
  switch (spec.mark) {
    case 'line':
    case 'dot':
      return xyPlot(spec, label);
    case 'cell':
      return cellPlot(spec, label);
    case 'parallel':
      return parallelPlot(spec, label);
    case 'contour':
      return contourMark(spec, label);
    case 'vector':
      return vectorPlot(spec, label);
    case 'convergence':
      return convergenceMark(spec, label);
  }
}

type Label = (f: string) => string;

/** Numbers of `field` in every row (NaN where it is not a number). */
const column = (data: readonly Row[], field: string): number[] => data.map((r) => num(r[field]));

function xyPlot(spec: LineMark | DotMark, label: Label): string {
  const { mark, data, x, y, labels: _, ...common } = spec;
  checkField('x', x, data);
  checkField('y', y, data);
  const group = mark === 'line' ? spec.stroke : spec.fill;
  if (group !== undefined) checkFields(mark === 'line' ? 'stroke' : 'fill', group, data);
  const tip = mark === 'dot' ? spec.tip : undefined;
  if (tip !== undefined) checkFields('tip', tip, data);
  const rest = { ...common } as Record<string, unknown>;
  for (const k of ['stroke', 'fill', 'tip', 'reduce']) delete rest[k];
  if (mark === 'line') for (const k of ['marker', 'lines']) delete rest[k];
  const opts = {
    xLabel: label(x),
    yLabel: label(y),
    ...rest,
    xScale: spec.xScale ?? autoScale(column(data, x)),
    yScale: spec.yScale ?? autoScale(column(data, y)),
  };
  const groups = [...groupRows(data, group === undefined ? undefined : fieldList(group), label)];
  if (mark === 'line') {
    const series: LineSeries[] = groups.map(([name, rows]) => ({
      ...(name ? { name } : {}),
      x: column(rows, x),
      y: column(rows, y),
      ...(spec.marker ? { marker: true } : {}),
    }));
    return linePlot({
      ...(opts as Omit<LinePlotOptions, 'series'>),
      series: spec.lines ? [...series, ...spec.lines] : series,
      ...(spec.reduce ? { reduce: spec.reduce } : {}),
    });
  }
  const tipFields = tip === undefined ? undefined : fieldList(tip);
  const series = groups.map(([name, rows]) => ({
    ...(name ? { name } : {}),
    x: column(rows, x),
    y: column(rows, y),
    ...(tipFields ? { labels: rows.map((r) => groupName(r, tipFields, label)) } : {}),
  }));
  return scatterPlot({ ...(opts as Omit<ScatterPlotOptions, 'series'>), series });
}

/** The key of a value on a heatmap axis: a finite number, `null` (none), or its text. */
function axisKey(v: unknown): number | string | null {
  if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) return null;
  if (typeof v === 'number') return v;
  return valueText(v);
}

/**
 * A heatmap axis from the distinct values of a field: sorted numbers (a continuous axis, log when they
 * span more than two decades, for more than 12 values or a given scale; else one labelled band each,
 * which names every cell), or labels in first-seen order (outcomes first); `null` last, as `none`.
 */
function cellAxis(
  data: readonly Row[],
  field: string,
  given: AxisScale | undefined,
): { values: (number | string | null)[]; index: Map<number | string | null, number>; scale?: AxisScale } {
  const keys = new Set<number | string | null>();
  for (const r of data) keys.add(axisKey(r[field]));
  const hasNone = keys.has(null);
  keys.delete(null);
  const all = [...keys];
  const index = new Map<number | string | null, number>();
  let values: (number | string | null)[];
  let scale: AxisScale | undefined;
  if (all.every((k) => typeof k === 'number')) {
    const sorted = (all as number[]).sort((a, b) => a - b);
    if (given !== undefined || sorted.length > 12) {
      values = sorted;
      scale = given ?? autoScale(sorted);
    } else {
      // A few numbers (maxIter 20, 50 and 1000): one labelled band each.
      const text = sorted.map((v) => valueText(v));
      values = new Set(text).size === text.length ? text : sorted.map(String);
    }
    sorted.forEach((v, i) => {
      index.set(v, i);
    });
  } else {
    const text = (all as (number | string)[]).map((k) => (typeof k === 'number' ? valueText(k) : k));
    const order = legendOrder(text);
    const at = new Map(order.map((t, i) => [t, i]));
    all.forEach((k, i) => {
      index.set(k, at.get(text[i]!)!);
    });
    values = order;
  }
  if (hasNone) {
    index.set(null, values.length);
    values = [...values, null];
  }
  return { values, index, ...(scale ? { scale } : {}) };
}

/** The most frequent value (ties: the outcome listed first, then the first seen). */
function mode(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = values[0]!;
  for (const [v, c] of counts) {
    const b = counts.get(best)!;
    if (c > b || (c === b && outcomeRank(v) < outcomeRank(best))) best = v;
  }
  return best;
}

function reduceNumbers(vs: number[], how: CellReduce): number {
  const f = vs.filter(Number.isFinite);
  if (f.length === 0) return Number.NaN;
  if (how === 'min') return Math.min(...f);
  if (how === 'max') return Math.max(...f);
  if (how === 'mean') return f.reduce((a, b) => a + b, 0) / f.length;
  f.sort((a, b) => a - b);
  const m = f.length >> 1;
  return f.length % 2 ? f[m]! : (f[m - 1]! + f[m]!) / 2;
}

function cellPlot(spec: CellMark, label: Label): string {
  const { mark: _m, data, x, y, fill, status, reduce, fx, labels: _l, ...common } = spec;
  checkField('x', x, data);
  checkField('y', y, data);
  if (fill === undefined) throw rangeError('fill', fill, "a 'cell' mark colours the field named by fill");
  checkField('fill', fill, data);
  if (status !== undefined) checkField('status', status, data);
  if (fx !== undefined) checkField('fx', fx, data);
  if (reduce !== undefined && !['median', 'mean', 'min', 'max'].includes(reduce))
    throw rangeError('reduce', reduce, 'expected one of median, mean, min, max');
  // The axes of all the rows, shared by the facets.
  const xa = cellAxis(data, x, spec.xScale);
  const ya = cellAxis(data, y, spec.yScale);
  const numeric = data.some((r) => typeof r[fill] === 'number');
  const rest = { ...common } as Record<string, unknown>;
  delete rest.xScale;
  delete rest.yScale;
  const nx = xa.values.length;
  const map = (rows: readonly Row[], opts: Record<string, unknown>): string => {
    // The rows of each cell: its first row's index, and a list only for a cell of several rows (a map
    // of 200 × 200 starts has one row a cell: 40,000 lists were most of its drawing).
    const count = new Int32Array(nx * ya.values.length);
    const first = new Int32Array(count.length);
    const several = new Map<number, Row[]>();
    for (let k = 0; k < rows.length; k++) {
      const r = rows[k]!;
      const c = ya.index.get(axisKey(r[y]))! * nx + xa.index.get(axisKey(r[x]))!;
      const n = count[c]!;
      count[c] = n + 1;
      if (n === 0) first[c] = k;
      else {
        const rs = several.get(c);
        if (rs === undefined) several.set(c, [rows[first[c]!]!, r]);
        else rs.push(r);
      }
    }
    const how = reduce ?? 'median';
    let notRun = 0;
    let noValue = 0;
    const statusOf = (c: number): string | null => {
      if (count[c] === 0) return null;
      if (count[c] === 1) return String(rows[first[c]!]![status!] ?? NONE);
      return mode(several.get(c)!.map((r) => String(r[status!] ?? NONE)));
    };
    const statusGrid =
      status === undefined
        ? undefined
        : ya.values.map((_, j) => xa.values.map((_, i) => statusOf(j * nx + i)));
    const cellValue = (c: number, j: number, i: number): number | string | null => {
      if (count[c] === 0) {
        notRun++;
        return null;
      }
      if (numeric) {
        let v: number;
        if (count[c] === 1) {
          // reduceNumbers of one value (a mean adds it to 0: −0 becomes 0).
          const u = num(rows[first[c]!]![fill]);
          v = !Number.isFinite(u) ? Number.NaN : how === 'mean' ? 0 + u : u;
        } else
          v = reduceNumbers(
            several.get(c)!.map((r) => num(r[fill])),
            how,
          );
        if (Number.isNaN(v) && !statusGrid?.[j]?.[i]) noValue++;
        return Number.isNaN(v) ? null : v;
      }
      const rs = count[c] === 1 ? [rows[first[c]!]!] : several.get(c)!;
      const present = rs.map((r) => r[fill]).filter((v) => v !== null && v !== undefined);
      if (present.length === 0) {
        noValue++;
        return null;
      }
      return present.length === 1 ? valueText(present[0]) : mode(present.map(valueText));
    };
    const grid = ya.values.map((_, j) => xa.values.map((_, i) => cellValue(j * nx + i, j, i)));
    const emptyLabel =
      notRun > 0 && noValue > 0 ? 'no value or not run' : notRun > 0 ? 'not run' : 'no value';
    const colorScale =
      spec.colorScale ??
      (numeric
        ? autoScale(
            (grid.flat() as (number | null)[]).map((v) => v ?? Number.NaN),
            true,
          )
        : undefined);
    return heatmap({
      xLabel: label(x),
      yLabel: label(y),
      ...(xa.scale ? { xScale: xa.scale } : {}),
      ...(ya.scale ? { yScale: ya.scale } : {}),
      ...(notRun + noValue > 0 ? { emptyLabel } : {}),
      ...(opts as Omit<HeatmapOptions, 'x' | 'y'>),
      x: xa.values,
      y: ya.values,
      ...(numeric
        ? {
            values: grid as (number | null)[][],
            colorLabel: spec.colorLabel ?? label(fill),
            ...(colorScale ? { colorScale } : {}),
            ...(statusGrid ? { status: statusGrid } : {}),
          }
        : { categories: grid as (string | null)[][] }),
    });
  };
  if (fx === undefined) return map(data, rest);
  const { title, ...each } = rest;
  const panels = [...groupRows(data, [fx], label)].map(([name, rows]) => map(rows, { ...each, title: name }));
  return smallMultiples(panels, { columns: 2, ...(typeof title === 'string' ? { title } : {}) });
}

/** A field's values as a column of {@link parallelCoordinates}: numbers, or text (null kept). */
function parallelColumn(data: readonly Row[], field: string): Float64Array | (string | null)[] {
  const numeric = data.every((r) => {
    const v = r[field];
    return v === null || v === undefined || typeof v === 'number';
  });
  if (numeric) return Float64Array.from(data, (r) => num(r[field]));
  return data.map((r) => {
    const v = r[field];
    return v === null || v === undefined ? null : valueText(v);
  });
}

function parallelPlot(spec: ParallelMark, label: Label): string {
  const { mark: _m, data, dimensions, stroke, labels: _l, ...rest } = spec;
  checkArray('dimensions', dimensions);
  const dims: ParallelDimension[] = dimensions.map((d, i) => {
    const field = typeof d === 'string' ? d : (d as { field?: unknown } | null)?.field;
    if (typeof d !== 'string') {
      checkObject(`dimensions[${i}]`, d);
      checkKeys(d, ['field', 'scale', 'domain', 'categories'], `dimensions[${i}].`);
    }
    checkField(`dimensions[${i}]`, field, data);
    const { field: _f, ...axis } = typeof d === 'string' ? { field: d } : d;
    return { label: label(field), values: parallelColumn(data, field), ...axis };
  });
  if (stroke !== undefined) checkField('stroke', stroke, data);
  return parallelCoordinates({
    ...rest,
    dimensions: dims,
    ...(stroke === undefined
      ? {}
      : { color: parallelColumn(data, stroke), colorLabel: spec.colorLabel ?? label(stroke) }),
  });
}

/** Whether a value is a list of numbers (a path or a history in one row). */
const isList = (v: unknown): v is ArrayLike<unknown> => Array.isArray(v) || ArrayBuffer.isView(v);
const numbers = (v: unknown): Float64Array =>
  isList(v) ? Float64Array.from(v as ArrayLike<unknown>, num) : new Float64Array(0);

/**
 * Paths from rows: one per row whose `x` (or `y`) field is a list, else one per group of rows with the
 * same `z`, in row order. Each with its name (from `z`), status and first row.
 */
function pathsOf(
  data: readonly Row[],
  x: string | undefined,
  y: string,
  z: Fields | undefined,
  status: string | undefined,
  label: Label,
  sortByX: boolean,
): { name?: string; x: Float64Array | undefined; y: Float64Array; status?: string }[] {
  const zf = z === undefined ? undefined : fieldList(z);
  const named = (r: Row): { name?: string } => (zf ? { name: groupName(r, zf, label) } : {});
  const statusOf = (r: Row): { status?: string } =>
    status !== undefined && typeof r[status] === 'string' ? { status: r[status] as string } : {};
  const perRow = data.length > 0 && isList(data[0]![y]);
  if (perRow) {
    return data.map((r) => ({
      ...named(r),
      x: x === undefined ? undefined : numbers(r[x]),
      y: numbers(r[y]),
      ...statusOf(r),
    }));
  }
  return [...groupRows(data, zf, label)].map(([name, rows]) => {
    const ordered = sortByX && x !== undefined ? [...rows].sort((a, b) => num(a[x]) - num(b[x])) : rows;
    const last = ordered[ordered.length - 1]!;
    return {
      ...(name ? { name } : {}),
      x: x === undefined ? undefined : Float64Array.from(ordered, (r) => num(r[x])),
      y: Float64Array.from(ordered, (r) => num(r[y])),
      ...statusOf(last),
    };
  });
}

function contourMark(spec: ContourMark, label: Label): string {
  const { mark: _m, data, x, y, z, status, labels: _l, ...rest } = spec;
  const rows = data ?? [];
  let trajectories: Trajectory[] = [];
  if (rows.length > 0) {
    if (x === undefined || y === undefined)
      throw rangeError(
        x === undefined ? 'x' : 'y',
        undefined,
        "a 'contour' mark with data draws trajectories: name the fields of x and y",
      );
    checkField('x', x, rows);
    checkField('y', y, rows);
    if (z !== undefined) checkFields('z', z, rows);
    if (status !== undefined) checkField('status', status, rows);
    trajectories = pathsOf(rows, x, y, z, status, label, false).map((p) => ({
      ...(p.name ? { name: p.name } : {}),
      x: p.x ?? new Float64Array(0),
      y: p.y,
      ...(p.status ? { status: p.status } : {}),
    }));
  }
  return contourPlot({
    ...(x !== undefined ? { xLabel: label(x) } : {}),
    ...(y !== undefined ? { yLabel: label(y) } : {}),
    ...rest,
    ...(trajectories.length > 0 ? { trajectories } : {}),
  });
}

function vectorPlot(spec: VectorMark, label: Label): string {
  const { mark: _m, data, x, y, u, v, labels: _l, ...rest } = spec;
  for (const [k, f] of [
    ['x', x],
    ['y', y],
    ['u', u],
    ['v', v],
  ] as const)
    checkField(k, f, data);
  return quiverPlot({
    xLabel: label(x),
    yLabel: label(y),
    ...rest,
    x: column(data, x),
    y: column(data, y),
    u: column(data, u),
    v: column(data, v),
  });
}

function convergenceMark(spec: ConvergenceMark, label: Label): string {
  const { mark: _m, data, x, y, z, status, stroke, labels: _l, ...rest } = spec;
  checkField('y', y, data);
  if (x !== undefined) checkField('x', x, data);
  if (z !== undefined) checkFields('z', z, data);
  if (status !== undefined) checkField('status', status, data);
  if (stroke !== undefined) checkFields('stroke', stroke, data);
  const paths = pathsOf(data, x, y, z, status, label, true);
  const byStatus = stroke !== undefined && status !== undefined && fieldList(stroke).join() === status;
  // Stroke by the fields that name the runs: a colour and a legend entry per run, however many.
  const byRun =
    stroke !== undefined && z !== undefined && fieldList(stroke).join('\0') === fieldList(z).join('\0');
  const groupFields = stroke === undefined || byStatus || byRun ? undefined : fieldList(stroke);
  // The group of each path: the stroke fields of its (first) row.
  const perRow = data.length > 0 && isList(data[0]![y]);
  const firstRows = perRow
    ? data
    : [...groupRows(data, z === undefined ? undefined : fieldList(z), label).values()].map((g) => g[0]!);
  const runs: ConvergenceRun[] = paths.map((p, i) => ({
    ...(p.name ? { name: p.name } : {}),
    values: p.y,
    ...(p.x && p.x.length === p.y.length ? { iter: p.x } : {}),
    ...(p.status ? { status: p.status } : {}),
    ...(groupFields ? { group: groupName(firstRows[i]!, groupFields, label) } : {}),
  }));
  return convergencePlot({
    yLabel: label(y),
    ...(x !== undefined ? { xLabel: label(x) } : {}),
    ...rest,
    ...(byStatus
      ? { colorBy: 'status' as const }
      : byRun
        ? { colorBy: 'run' as const }
        : groupFields
          ? { colorBy: 'group' as const }
          : {}),
    runs,
  });
}
