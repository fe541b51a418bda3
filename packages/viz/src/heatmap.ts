import { format } from 'd3-format';
import { scaleLinear, scaleLog } from 'd3-scale';
import type { AxisSpec } from './_axis.js';
import { interpolators, type ValueScheme } from './_contours.js';
import { formatValue, px, textWidth } from './_format.js';
import { checkPlotOptions, frame } from './_frame.js';
import { ID, resolveIds } from './_ids.js';
import type { ColorBar, LegendItem } from './_legend.js';
import { checkOverlays, overlayMarks } from './_overlays.js';
import type { Rect } from './_path.js';
import { type CellSpans, maskPng, palettePng, parseColor, pixelMap } from './_raster.js';
import {
  checkArray,
  checkDomain,
  checkNumbers,
  checkOneOf,
  checkOptions,
  checkText,
  rangeError,
  typeError,
} from './_validate.js';
import { NONE, valueText } from './_valueText.js';
import { escapeHtml as esc } from './escapeHtml.js';
import { categoryColors, outcomeColors, outcomes } from './palettes.js';
import type { AxisScale, Overlay, PlotOptions } from './types.js';

/** A line (or shaded region) drawn over a heatmap, in data coordinates (band index on a categorical axis). */
export type HeatmapOverlay = Overlay;

/** Options of {@link heatmap}. */
export interface HeatmapOptions extends PlotOptions {
  /**
   * Column centres: numbers (continuous axis, linear or log) or labels (one band each). A `null`
   * (e.g. a parameter that some runs do not have) makes the axis one of labels, that one read `none`.
   */
  x: readonly (number | string | null)[];
  /** Row centres, bottom to top: numbers or labels (`null` as for `x`). */
  y: readonly (number | string | null)[];
  /** `values[j][i]`: the value at `x[i]`, `y[j]`; `null` or non-finite for no value. */
  values?: readonly (readonly (number | null | undefined)[])[];
  /** Or a category per cell (e.g. outcomes), drawn with the fixed outcome palette and a legend. */
  categories?: readonly (readonly (string | null | undefined)[])[];
  /**
   * Colour scale of `values` (default `'linear'`). On `'log'`, the colour domain comes from the values
   * > 0 only, and cells ≤ 0 (e.g. a final f of exactly 0) are drawn light grey with dots, with their
   * own legend entry ("0: not on a log scale").
   */
  colorScale?: AxisScale;
  /** `[min, max]` of the colour scale (default: the finite values' extent, > 0 on a log scale). */
  colorDomain?: readonly [number, number];
  /** Colour scheme of `values` (default `'viridis'`). */
  scheme?: ValueScheme;
  /** Title of the colour bar. */
  colorLabel?: string;
  /**
   * What an empty cell (no value or category) means, in its tooltip and legend entry: default
   * `'no value'`; e.g. `'not run'` for the pairs of a sweep that no run has.
   */
  emptyLabel?: string;
  /** Lines or shaded regions over the cells, e.g. the stability bound lr = 2/λmax. */
  overlays?: readonly HeatmapOverlay[];
  /** Print values in cells (default: when cells are large enough for the text). */
  cellLabels?: boolean;
  /**
   * The outcome of each cell's run, `status[j][i]`, for a `values` heatmap: a `max-iter` cell keeps its
   * value's colour under a hatching (the value is the last iterate, not a converged one); a failed cell
   * (`diverged`, `non-finite`, `error`, `timeout`) is drawn in its outcome colour, cross-hatched,
   * instead of a value; each gets a legend entry with its count. Other statuses draw as values.
   * (Categorical heatmaps hatch `max-iter` and cross-hatch failures the same way.)
   */
  status?: readonly (readonly (string | null | undefined)[])[];
  /**
   * Draw the cells as one embedded PNG image (one pixel per cell) under vector axes, instead of one
   * `<rect>` per cell. Default: above 10,000 cells. A raster heatmap has no per-cell `<title>`: the
   * report's script reads cells on hover from the image's data attributes.
   */
  raster?: boolean;
}

/** A pattern over a cell: hatched (`max-iter`), cross-hatched (a failure), dotted (≤ 0 on a log scale). */
type Hatch = 'hatch' | 'cross' | 'dots';

/** Cells ≤ 0 on a log colour scale: this light grey under dots. */
const OFF_SCALE_COLOR = '#d4d4d4';

/** How an outcome is marked over a cell: hatched (`max-iter`), cross-hatched (a failure), or not. */
function hatchOf(status: string | null | undefined): 'hatch' | 'cross' | undefined {
  if (status === 'max-iter') return 'hatch';
  if (status === 'diverged' || status === 'non-finite' || status === 'error' || status === 'timeout')
    return 'cross';
  return undefined;
}

const thousands = format(',');

/** Above this many cells, a heatmap is drawn as an image by default. */
const RASTER_CELLS = 10_000;

/** Two-tone hatching (a dark and a light stroke), visible over any cell colour. */
const PATTERNS =
  `<defs><pattern id="${ID}-hatch" patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(45)">` +
  '<path d="M2,0V8" stroke="#000" stroke-opacity="0.4" stroke-width="1.2"/><path d="M3.2,0V8" stroke="#fff" stroke-opacity="0.45" stroke-width="1.2"/></pattern>' +
  `<pattern id="${ID}-cross" patternUnits="userSpaceOnUse" width="7" height="7" patternTransform="rotate(45)">` +
  '<path d="M2,0V7M0,2H7" stroke="#000" stroke-opacity="0.5" stroke-width="1.2"/><path d="M3.2,0V7M0,3.2H7" stroke="#fff" stroke-opacity="0.45" stroke-width="1"/></pattern></defs>';

/** Dots over cells ≤ 0 on a log colour scale. */
const DOTS =
  `<defs><pattern id="${ID}-dots" patternUnits="userSpaceOnUse" width="5" height="5">` +
  '<circle cx="2.5" cy="2.5" r="1.1" fill="#000" fill-opacity="0.55"/></pattern></defs>';

/** Above this many cells, cells have no individual tooltips (rows keep one). */
const MAX_TOOLTIP_CELLS = 20_000;

/**
 * An axis' values as given, or, when some are `null` (or `undefined`), as labels: numbers formatted,
 * `null` read `none`.
 */
function axisValues(a: readonly (number | string | null | undefined)[]): readonly (number | string)[] {
  if (!Array.isArray(a) || !a.some((v) => v === null || v === undefined)) return a as (number | string)[];
  return a.map((v) => (typeof v === 'number' || typeof v === 'string' ? valueText(v) : NONE));
}

function checkAxisValues(name: string, a: unknown, kind: AxisScale): 'numbers' | 'labels' {
  checkArray(name, a);
  if (a.length === 0) throw rangeError(name, a, 'empty');
  if (a.every((v) => typeof v === 'string')) return 'labels';
  checkNumbers(name, a);
  for (let i = 0; i < a.length; i++) {
    const v = a[i] as number;
    if (!Number.isFinite(v) || (kind === 'log' && !(v > 0))) {
      throw rangeError(
        `${name}[${i}]`,
        v,
        kind === 'log' ? 'expected a finite number > 0' : 'expected a finite number',
      );
    }
    if (i > 0 && !(v > (a[i - 1] as number)))
      throw rangeError(name, a, 'expected strictly increasing values');
  }
  return 'numbers';
}

/** Cell edges around numeric centres, midway in the axis metric (geometric means on a log axis). */
function edges(centres: readonly number[], kind: AxisScale): number[] {
  const t = centres.map((v) => (kind === 'log' ? Math.log10(v) : v));
  const n = t.length;
  const e: number[] = [];
  const half0 = n > 1 ? (t[1]! - t[0]!) / 2 : 0.5;
  const half1 = n > 1 ? (t[n - 1]! - t[n - 2]!) / 2 : 0.5;
  e.push(t[0]! - half0);
  for (let i = 1; i < n; i++) e.push((t[i - 1]! + t[i]!) / 2);
  e.push(t[n - 1]! + half1);
  return kind === 'log' ? e.map((v) => 10 ** v) : e;
}

/** WCAG relative luminance of `#rrggbb` or `rgb(r, g, b)` (0.5 for anything else), to pick text ink. */
function luminance(color: string): number {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  const rgb = /^rgb\((\d+),\s*(\d+),\s*(\d+)\)$/.exec(color);
  const channels = hex
    ? hex.slice(1).map((h) => Number.parseInt(h, 16))
    : rgb
      ? rgb.slice(1).map(Number)
      : undefined;
  if (!channels) return 0.5;
  const [r, g, b] = channels.map((c) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/**
 * A value over two swept parameters (e.g. final f over learning rate × starting point, with a log axis
 * for learning rates), or an outcome class per cell (`converged`, `max-iter`, `diverged`, …) in the
 * fixed outcome palette with a legend. Cells span midway between neighbouring centres (geometrically on
 * a log axis); missing values are drawn faint. Overlays draw lines across, such as a stability bound.
 *
 * @param options - Axes `x`, `y`, then `values` or `categories` (`[row j][column i]`), and the common options.
 * @returns An SVG string.
 * @example
 * ```ts
 * const lr = [0.001, 0.01, 0.1, 1, 1.1];
 * const start = ['(−3, 4)', '(1, 1)'];
 * const svg = heatmap({
 *   title: 'Outcome by learning rate',
 *   x: lr,
 *   xScale: 'log',
 *   y: start,
 *   xLabel: 'lr',
 *   categories: [
 *     ['max-iter', 'max-iter', 'converged', 'max-iter', 'diverged'],
 *     ['max-iter', 'converged', 'converged', 'max-iter', 'diverged'],
 *   ],
 *   overlays: [{ x: [1, 1], y: [-0.5, 1.5], label: 'lr = 2/λmax' }],
 * });
 * ```
 */
export function heatmap(options: HeatmapOptions): string {
  checkOptions(options);
  checkPlotOptions(options);
  const o = options;
  const xKind = o.xScale ?? 'linear';
  const yKind = o.yScale ?? 'linear';
  checkArray('x', o.x);
  checkArray('y', o.y);
  const xValues = axisValues(o.x);
  const yValues = axisValues(o.y);
  const xType = checkAxisValues('x', xValues, xKind);
  const yType = checkAxisValues('y', yValues, yKind);
  const nx = xValues.length;
  const ny = yValues.length;
  if ((o.values === undefined) === (o.categories === undefined)) {
    throw typeError('values', o.values, 'heatmap needs exactly one of values and categories');
  }
  const cells = (o.values ?? o.categories)!;
  const field = o.values ? 'values' : 'categories';
  checkArray(field, cells);
  if (cells.length !== ny) throw rangeError(field, cells, `${cells.length} rows, but y has ${ny} values`);
  cells.forEach((row, j) => {
    checkArray(`${field}[${j}]`, row);
    if (row.length !== nx)
      throw rangeError(`${field}[${j}]`, row, `${row.length} cells, but x has ${nx} values`);
    row.forEach((v, i) => {
      const ok = v === null || v === undefined || typeof v === (o.values ? 'number' : 'string');
      if (!ok)
        throw typeError(`${field}[${j}][${i}]`, v, `expected a ${o.values ? 'number' : 'string'} or null`);
    });
  });
  if (o.status !== undefined) {
    if (!o.values)
      throw typeError('status', o.status, 'status goes with values (categories are outcomes already)');
    checkArray('status', o.status);
    if (o.status.length !== ny)
      throw rangeError('status', o.status, `${o.status.length} rows, but y has ${ny} values`);
    o.status.forEach((row, j) => {
      checkArray(`status[${j}]`, row);
      if (row.length !== nx)
        throw rangeError(`status[${j}]`, row, `${row.length} cells, but x has ${nx} values`);
      row.forEach((v, i) => {
        if (v !== null && v !== undefined && typeof v !== 'string')
          throw typeError(`status[${j}][${i}]`, v, 'expected a string or null');
      });
    });
  }
  if (o.raster !== undefined && typeof o.raster !== 'boolean')
    throw typeError('raster', o.raster, 'expected a boolean');
  if (o.colorScale !== undefined) checkOneOf('colorScale', o.colorScale, ['linear', 'log']);
  checkDomain('colorDomain', o.colorDomain, o.colorScale ?? 'linear');
  if (o.scheme !== undefined) checkOneOf('scheme', o.scheme, ['viridis', 'cividis']);
  checkText('colorLabel', o.colorLabel);
  checkText('emptyLabel', o.emptyLabel);
  checkOverlays('overlays', o.overlays);

  // Axes: numeric centres get edges midway; labels get one band each.
  const xEdges = xType === 'numbers' ? edges(xValues as number[], xKind) : [];
  const yEdges = yType === 'numbers' ? edges(yValues as number[], yKind) : [];
  const xSpec: AxisSpec =
    xType === 'labels'
      ? { kind: 'band', labels: xValues as string[] }
      : { kind: xKind, domain: o.xDomain ?? [xEdges[0]!, xEdges[nx]!] };
  const ySpec: AxisSpec =
    yType === 'labels'
      ? { kind: 'band', labels: yValues as string[] }
      : { kind: yKind, domain: o.yDomain ?? [yEdges[0]!, yEdges[ny]!] };

  // Colours.
  let palette = new Map<string, string>();
  let legend: LegendItem[] = [];
  let colorBar: ColorBar | undefined;
  let valueColor: ((v: number) => string | undefined) | undefined;
  let valueT: ((v: number) => number | undefined) | undefined;
  const counts = new Map<string, number>();
  const hatchCounts = new Map<string, number>();
  const statusAt = (i: number, j: number): string | null | undefined => o.status?.[j]?.[i];
  let missing = 0;
  let offScale = 0;
  let offScaleZeros = true;
  const empty = o.emptyLabel ?? 'no value';
  if (o.categories) {
    const seen = new Set<string>();
    for (const row of o.categories) {
      for (const c of row) {
        if (typeof c === 'string') {
          seen.add(c);
          counts.set(c, (counts.get(c) ?? 0) + 1);
        } else missing++;
      }
    }
    const cats = [...seen].sort(
      (a, b) => rankOf(a) - rankOf(b) || (rankOf(a) === outcomes.length ? a.localeCompare(b) : 0),
    );
    palette = categoryColors(cats);
    legend = cats.map((c) => {
      const item: LegendItem = {
        label: `${c} (${thousands(counts.get(c)!)})`,
        color: palette.get(c)!,
        shape: 'square',
      };
      const h = hatchOf(c);
      if (h) item.pattern = `url(#${ID}-${h})`;
      return item;
    });
  } else {
    const kind = o.colorScale ?? 'linear';
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    o.values!.forEach((row, j) => {
      row.forEach((v, i) => {
        const st = statusAt(i, j);
        const h = hatchOf(st);
        if (h) hatchCounts.set(st!, (hatchCounts.get(st!) ?? 0) + 1);
        if (h === 'cross') return;
        if (typeof v === 'number' && kind === 'log' && v <= 0) {
          offScale++;
          if (v !== 0) offScaleZeros = false;
          return;
        }
        if (typeof v !== 'number' || !Number.isFinite(v)) {
          missing++;
          return;
        }
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      });
    });
    const domain: [number, number] = o.colorDomain
      ? [o.colorDomain[0], o.colorDomain[1]]
      : lo < hi
        ? [lo, hi]
        : lo === hi
          ? kind === 'log'
            ? [lo / 10, hi * 10]
            : [lo - (Math.abs(lo) * 0.1 || 1), hi + (Math.abs(hi) * 0.1 || 1)]
          : kind === 'log'
            ? [1, 10]
            : [0, 1];
    const interp = interpolators[o.scheme ?? 'viridis'];
    const t = (kind === 'log' ? scaleLog() : scaleLinear()).domain(domain).range([0, 1]).clamp(true);
    valueT = (v) => (Number.isFinite(v) && (kind !== 'log' || v > 0) ? t(v) : undefined);
    valueColor = (v) => (Number.isFinite(v) && (kind !== 'log' || v > 0) ? interp(t(v)) : undefined);
    colorBar = {
      kind: 'continuous',
      interpolate: interp,
      scale: kind,
      domain,
      ...(o.colorLabel ? { title: o.colorLabel } : {}),
    };
    for (const st of [...hatchCounts.keys()].sort((a, b) => rankOf(a) - rankOf(b))) {
      const h = hatchOf(st)!;
      legend.push({
        label: `${st} (${thousands(hatchCounts.get(st)!)})`,
        color: h === 'cross' ? ((outcomeColors as Record<string, string>)[st] ?? '#888888') : '#bbbbbb',
        shape: 'square',
        pattern: `url(#${ID}-${h})`,
        tooltip:
          h === 'cross'
            ? `${st}: no value, drawn in the outcome colour, cross-hatched`
            : `${st}: the last value, hatched (not converged)`,
      });
    }
  }
  const offScaleText = offScaleZeros ? '0' : '≤ 0';
  if (offScale > 0)
    legend.push({
      label: `${offScaleText}: not on a log scale (${thousands(offScale)})`,
      color: OFF_SCALE_COLOR,
      shape: 'square',
      pattern: `url(#${ID}-dots)`,
      tooltip: `cells whose value is ${offScaleText}: a log colour scale has no colour for them`,
    });
  if (missing > 0)
    legend.push({
      label: `${empty} (${thousands(missing)})`,
      color: 'currentColor',
      shape: 'square',
      tooltip: o.emptyLabel === undefined ? 'cells without a value' : `cells without a value: ${empty}`,
      opacity: 0.12,
    });

  const fr = frame({
    className: 'heatmap',
    options: o,
    x: xSpec,
    y: ySpec,
    legend: o.categories || legend.length > 0 ? legend : [],
    ...(colorBar ? { colorBar } : {}),
    grid: false,
    box: true,
  });
  const { x, y, rect } = fr;
  const cellX = (i: number): [number, number] =>
    xType === 'labels'
      ? [x.project(i) - x.step / 2, x.project(i) + x.step / 2]
      : [x.project(xEdges[i]!), x.project(xEdges[i + 1]!)];
  const cellY = (j: number): [number, number] =>
    yType === 'labels'
      ? [y.project(j) + y.step / 2, y.project(j) - y.step / 2]
      : [y.project(yEdges[j]!), y.project(yEdges[j + 1]!)];

  /** The colour of a cell and its hatching, or no colour (no value). */
  const styleOf = (i: number, j: number): { color: string | undefined; hatch: Hatch | undefined } => {
    if (o.categories) {
      const c = o.categories[j]![i];
      return typeof c === 'string'
        ? { color: palette.get(c), hatch: hatchOf(c) }
        : { color: undefined, hatch: undefined };
    }
    const st = statusAt(i, j);
    const hatch = hatchOf(st);
    if (hatch === 'cross')
      return { color: (outcomeColors as Record<string, string>)[st!] ?? '#888888', hatch };
    const v = o.values![j]![i];
    if (typeof v === 'number' && v <= 0 && (o.colorScale ?? 'linear') === 'log')
      return { color: OFF_SCALE_COLOR, hatch: 'dots' };
    return { color: typeof v === 'number' ? valueColor!(v) : undefined, hatch };
  };

  const xName = o.xLabel ?? 'x';
  const yName = o.yLabel ?? 'y';
  const show = (v: number | string): string => (typeof v === 'number' ? formatValue(v) : v);
  const logColor = o.values !== undefined && (o.colorScale ?? 'linear') === 'log';
  const textOf = (i: number, j: number): string => {
    const raw = o.values ? o.values[j]![i] : o.categories![j]![i];
    const text =
      raw === null || raw === undefined || (typeof raw === 'number' && Number.isNaN(raw))
        ? empty
        : typeof raw === 'number'
          ? logColor && raw <= 0
            ? `${formatValue(raw)} (not on a log scale)`
            : formatValue(raw)
          : raw;
    const st = statusAt(i, j);
    return st && o.values ? `${text} (${st})` : text;
  };
  let marks: string;
  if (o.raster ?? nx * ny > RASTER_CELLS) {
    // Cells fall in classes (a category; or one of 250 steps of the colour scale, plain or hatched; or a
    // failed outcome): one palette colour each, so that any grid fits a 256-colour PNG.
    const kind = o.colorScale ?? 'linear';
    const domain = colorBar?.kind === 'continuous' ? colorBar.domain : [0, 1];
    const invert = (kind === 'log' ? scaleLog() : scaleLinear()).domain([0, 1]).range(domain);
    const interp = interpolators[o.scheme ?? 'viridis'];
    const cats = [...palette.keys()];
    const catIndex = new Map(cats.map((c, k) => [c, k]));
    const failed = ['diverged', 'non-finite', 'error', 'timeout'];
    const classify = (i: number, j: number): number => {
      if (o.categories) {
        const c = o.categories[j]![i];
        return typeof c === 'string' ? catIndex.get(c)! : -1;
      }
      const st = statusAt(i, j);
      const f = st ? failed.indexOf(st) : -1;
      if (f >= 0) return 500 + f;
      const v = o.values![j]![i] ?? Number.NaN;
      if (kind === 'log' && v <= 0) return 700;
      const t = valueT!(v);
      if (t === undefined) return -1;
      return Math.round(t * 249) + (st === 'max-iter' ? 250 : 0);
    };
    const classOf = (k: number): RasterClass => {
      if (o.categories) return { color: palette.get(cats[k]!)!, hatch: hatchOf(cats[k]), label: cats[k]! };
      if (k === 700)
        return { color: OFF_SCALE_COLOR, hatch: 'dots', label: `${offScaleText} (not on a log scale)` };
      if (k >= 500) {
        const st = failed[k - 500]!;
        return { color: (outcomeColors as Record<string, string>)[st]!, hatch: 'cross', label: st };
      }
      const q = (k % 250) / 249;
      const label = `≈ ${formatValue(invert(q), 3)}`;
      return { color: interp(q), hatch: k >= 250 ? 'hatch' : undefined, label };
    };
    marks = rasterCells(
      nx,
      ny,
      cellX,
      cellY,
      rect,
      classify,
      classOf,
      { name: xName, labels: xValues.map(show) },
      { name: yName, labels: yValues.map(show) },
      empty,
    );
  } else {
    const tooltips = nx * ny <= MAX_TOOLTIP_CELLS;
    // Tooltip prefixes, escaped once per column and row.
    const xTips = tooltips ? xValues.map((v) => esc(`${xName} ${show(v)}, `)) : [];
    const yTips = tooltips ? yValues.map((v) => esc(`${yName} ${show(v)}: `)) : [];
    const cw = Math.abs(cellX(0)[1] - cellX(0)[0]);
    const ch = Math.abs(cellY(0)[1] - cellY(0)[0]);
    const separated = cw >= 12 && ch >= 12;
    let cellsSvg = '';
    let labels = '';
    let faint = '';
    const hatches = { hatch: '', cross: '', dots: '' };
    for (let j = 0; j < ny; j++) {
      const [ya, yb] = cellY(j);
      const top = Math.max(rect.y0, Math.min(ya, yb));
      const bottom = Math.min(rect.y1, Math.max(ya, yb));
      if (!(bottom > top)) continue;
      for (let i = 0; i < nx; i++) {
        const [xa, xb] = cellX(i);
        const left = Math.max(rect.x0, Math.min(xa, xb));
        const right = Math.min(rect.x1, Math.max(xa, xb));
        if (!(right > left)) continue;
        const raw = o.values ? o.values[j]![i] : o.categories![j]![i];
        const { color, hatch } = styleOf(i, j);
        const tip = tooltips ? `<title>${xTips[i]}${yTips[j]}${esc(textOf(i, j))}</title>` : '';
        // Small cells overlap their right and lower neighbours by 0.4 px so that no hairline shows between
        // them; large cells are separated by a 1 px gap in the background colour instead.
        const o4 = separated ? 0 : 0.4;
        const geom = `x="${px(left)}" y="${px(top)}" width="${px(Math.min(right + o4, rect.x1) - left)}" height="${px(Math.min(bottom + o4, rect.y1) - top)}"`;
        if (color === undefined) {
          faint += `<rect ${geom}>${tip}</rect>`;
          continue;
        }
        cellsSvg += `<rect ${geom} fill="${color}">${tip}</rect>`;
        if (hatch) hatches[hatch] += `<rect ${geom}/>`;
        const wantLabels = o.cellLabels ?? (o.values !== undefined && cw >= 34 && ch >= 16);
        if (wantLabels && typeof raw === 'number' && hatch !== 'cross' && hatch !== 'dots') {
          const label = formatValue(raw, 3);
          if (textWidth(label, 10) < right - left - 4) {
            const ink = luminance(color) > 0.35 ? '#000' : '#fff';
            // Over a hatching, the text sits on a halo of the cell's colour.
            const halo = hatch ? ` stroke="${color}" stroke-width="3" paint-order="stroke"` : '';
            labels += `<text x="${px((left + right) / 2)}" y="${px((top + bottom) / 2)}" dy="0.35em" fill="${ink}"${halo}>${esc(label)}</text>`;
          }
        }
      }
    }
    const gap = separated ? ' style="stroke:var(--viz-bg,#fff)" stroke-width="1"' : '';
    marks = `<g class="cells"${gap}>${cellsSvg}</g>`;
    for (const h of ['hatch', 'cross', 'dots'] as const) {
      if (hatches[h])
        marks += `<g class="${h}" fill="url(#${ID}-${h})" pointer-events="none">${hatches[h]}</g>`;
    }
    if (faint) marks += `<g class="missing" fill="currentColor" fill-opacity="0.12"${gap}>${faint}</g>`;
    if (labels) marks += `<g class="cell-labels" font-size="10" text-anchor="middle">${labels}</g>`;
  }
  marks += overlayMarks(o.overlays ?? [], x, y, rect);
  const patterns = legend.some((l) => l.pattern);
  if (patterns) marks = PATTERNS + (offScale > 0 ? DOTS : '') + marks;
  const svg = fr.render(marks);
  return patterns ? resolveIds(svg) : svg;
}

/**
 * The cells as an image: a palette PNG (index 0 transparent: empty, drawn faint underneath), one
 * pixel per cell when cells are evenly spaced on screen; hatched cells through a mask of the pattern.
 * Clipped to the plot area by a nested `<svg>`.
 */
function rasterCells(
  nx: number,
  ny: number,
  cellX: (i: number) => [number, number],
  cellY: (j: number) => [number, number],
  rect: Rect,
  classify: (i: number, j: number) => number,
  classOf: (k: number) => RasterClass,
  xAxis: { name: string; labels: readonly string[] },
  yAxis: { name: string; labels: readonly string[] },
  empty: string,
): string {
  const spans = (n: number, cell: (k: number) => [number, number]): CellSpans => {
    const lo = new Float64Array(n);
    const hi = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      const [a, b] = cell(k);
      lo[k] = Math.min(a, b);
      hi[k] = Math.max(a, b);
    }
    return { lo, hi };
  };
  const mx = pixelMap(spans(nx, cellX), 4096);
  const my = pixelMap(spans(ny, cellY), 4096);
  const w = mx.cell.length;
  const h = my.cell.length;
  const colors = new Map<string, number>();
  const palette: [number, number, number][] = [[0, 0, 0]];
  const paletteLabels: string[] = [empty];
  const indices = new Uint8Array(w * h);
  const masks: Record<Hatch, Uint8Array | undefined> = {
    hatch: undefined,
    cross: undefined,
    dots: undefined,
  };
  // Palette index (+1, so 0 is "not seen") and hatching of each class, set when first met.
  const classIndex = new Map<number, number>();
  const classHatch = new Map<number, Hatch | undefined>();
  const rowClass = new Int32Array(nx);
  for (let r = 0; r < h; r++) {
    const j = my.cell[r]!;
    if (j < 0) continue;
    if (r === 0 || my.cell[r - 1] !== j) for (let i = 0; i < nx; i++) rowClass[i] = classify(i, j);
    for (let c = 0; c < w; c++) {
      const i = mx.cell[c]!;
      if (i < 0) continue;
      const k = rowClass[i]!;
      if (k < 0) continue;
      let idx = classIndex.get(k);
      if (idx === undefined) {
        const cl = classOf(k);
        idx = colors.get(cl.color);
        if (idx === undefined) {
          idx = Math.min(255, palette.length);
          if (palette.length < 256) {
            palette.push(parseColor(cl.color));
            paletteLabels.push(cl.label);
          }
          colors.set(cl.color, idx);
        }
        classIndex.set(k, idx);
        classHatch.set(k, cl.hatch);
      }
      indices[r * w + c] = idx;
      const key = classHatch.get(k);
      if (key) {
        masks[key] ??= new Uint8Array(w * h);
        masks[key]![r * w + c] = 255;
      }
    }
  }
  const X = px(mx.from);
  const Y = px(my.from);
  const W = px(mx.to - mx.from);
  const H = px(my.to - my.from);
  // Upscaled cells stay crisp squares; downscaled ones are averaged by the browser.
  const crisp = (mx.to - mx.from) / w >= 1 && (my.to - my.from) / h >= 1;
  const render = crisp ? ' style="image-rendering:pixelated"' : '';
  const geom = `x="${X}" y="${Y}" width="${W}" height="${H}" preserveAspectRatio="none"${render}`;
  let s = `<svg class="raster" x="${px(rect.x0)}" y="${px(rect.y0)}" width="${px(rect.x1 - rect.x0)}" height="${px(rect.y1 - rect.y0)}" viewBox="${px(rect.x0)} ${px(rect.y0)} ${px(rect.x1 - rect.x0)} ${px(rect.y1 - rect.y0)}">`;
  if (indices.includes(0))
    s += `<rect x="${X}" y="${Y}" width="${W}" height="${H}" fill="currentColor" fill-opacity="0.12"/>`;
  // For the report script's hover readout: the label of each image column and row, and of each colour.
  const bar = (l: string): string => esc(l.replace(/[|]/g, '/'));
  const data =
    ` data-x-name="${esc(xAxis.name)}" data-y-name="${esc(yAxis.name)}"` +
    ` data-x="${Array.from(mx.cell, (i) => bar(i < 0 ? '' : xAxis.labels[i]!)).join('|')}"` +
    ` data-y="${Array.from(my.cell, (j) => bar(j < 0 ? '' : yAxis.labels[j]!)).join('|')}"` +
    ` data-colors="${palette.map((c, k) => `${c.join(',')},${bar(paletteLabels[k]!)}`).join('|')}"`;
  s += `<image class="cells"${data} ${geom} href="${palettePng(indices, w, h, palette)}"/>`;
  for (const k of ['hatch', 'cross', 'dots'] as const) {
    const m = masks[k];
    if (!m) continue;
    s += `<mask id="${ID}-m${k}" maskUnits="userSpaceOnUse" x="${X}" y="${Y}" width="${W}" height="${H}"><image ${geom} href="${maskPng(m, w, h)}"/></mask>`;
    s += `<rect x="${X}" y="${Y}" width="${W}" height="${H}" fill="url(#${ID}-${k})" mask="url(#${ID}-m${k})" pointer-events="none"/>`;
  }
  return `${s}</svg>`;
}

/** A class of raster cells: its colour, hatching and tooltip text. */
interface RasterClass {
  color: string;
  hatch: Hatch | undefined;
  label: string;
}

/** Legend order of categories: outcomes first, in their usual order. */
function rankOf(c: string): number {
  const k = outcomes.indexOf(c as never);
  return k >= 0 ? k : outcomes.length;
}
