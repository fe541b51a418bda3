import { scaleLinear, scaleLog } from 'd3-scale';
import type { AxisSpec } from './_axis.js';
import { interpolators, type ValueScheme } from './_contours.js';
import { formatValue, px, textWidth } from './_format.js';
import { checkPlotOptions, frame } from './_frame.js';
import type { ColorBar, LegendItem } from './_legend.js';
import { checkOverlays, overlayMarks } from './_overlays.js';
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
import { escapeHtml as esc } from './escapeHtml.js';
import { categoryColors, outcomes } from './palettes.js';
import type { AxisScale, Overlay, PlotOptions } from './types.js';

/** A line (or shaded region) drawn over a heatmap, in data coordinates (band index on a categorical axis). */
export type HeatmapOverlay = Overlay;

/** Options of {@link heatmap}. */
export interface HeatmapOptions extends PlotOptions {
  /** Column centres: numbers (continuous axis, linear or log) or labels (one band each). */
  x: readonly (number | string)[];
  /** Row centres, bottom to top: numbers or labels. */
  y: readonly (number | string)[];
  /** `values[j][i]`: the value at `x[i]`, `y[j]`; `null` or non-finite for no value. */
  values?: readonly (readonly (number | null | undefined)[])[];
  /** Or a category per cell (e.g. outcomes), drawn with the fixed outcome palette and a legend. */
  categories?: readonly (readonly (string | null | undefined)[])[];
  /** Colour scale of `values` (default `'linear'`; `'log'` leaves values ≤ 0 uncoloured). */
  colorScale?: AxisScale;
  /** `[min, max]` of the colour scale (default: the finite values' extent). */
  colorDomain?: readonly [number, number];
  /** Colour scheme of `values` (default `'viridis'`). */
  scheme?: ValueScheme;
  /** Title of the colour bar. */
  colorLabel?: string;
  /** Lines or shaded regions over the cells, e.g. the stability bound lr = 2/λmax. */
  overlays?: readonly HeatmapOverlay[];
  /** Print values in cells (default: when cells are large enough for the text). */
  cellLabels?: boolean;
}

/** Above this many cells, cells have no individual tooltips (rows keep one). */
const MAX_TOOLTIP_CELLS = 20_000;

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
  const xType = checkAxisValues('x', o.x, xKind);
  const yType = checkAxisValues('y', o.y, yKind);
  const nx = o.x.length;
  const ny = o.y.length;
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
  if (o.colorScale !== undefined) checkOneOf('colorScale', o.colorScale, ['linear', 'log']);
  checkDomain('colorDomain', o.colorDomain, o.colorScale ?? 'linear');
  if (o.scheme !== undefined) checkOneOf('scheme', o.scheme, ['viridis', 'cividis']);
  checkText('colorLabel', o.colorLabel);
  checkOverlays('overlays', o.overlays);

  // Axes: numeric centres get edges midway; labels get one band each.
  const xEdges = xType === 'numbers' ? edges(o.x as number[], xKind) : [];
  const yEdges = yType === 'numbers' ? edges(o.y as number[], yKind) : [];
  const xSpec: AxisSpec =
    xType === 'labels'
      ? { kind: 'band', labels: o.x as string[] }
      : { kind: xKind, domain: o.xDomain ?? [xEdges[0]!, xEdges[nx]!] };
  const ySpec: AxisSpec =
    yType === 'labels'
      ? { kind: 'band', labels: o.y as string[] }
      : { kind: yKind, domain: o.yDomain ?? [yEdges[0]!, yEdges[ny]!] };

  // Colours.
  let palette = new Map<string, string>();
  let legend: LegendItem[] = [];
  let colorBar: ColorBar | undefined;
  let valueColor: ((v: number) => string | undefined) | undefined;
  const counts = new Map<string, number>();
  let missing = 0;
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
    legend = cats.map((c) => ({ label: `${c} (${counts.get(c)})`, color: palette.get(c)!, shape: 'square' }));
  } else {
    const kind = o.colorScale ?? 'linear';
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const row of o.values!) {
      for (const v of row) {
        if (typeof v !== 'number' || !Number.isFinite(v) || (kind === 'log' && !(v > 0))) {
          missing++;
          continue;
        }
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
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
    valueColor = (v) => (Number.isFinite(v) && (kind !== 'log' || v > 0) ? interp(t(v)) : undefined);
    colorBar = {
      kind: 'continuous',
      interpolate: interp,
      scale: kind,
      domain,
      ...(o.colorLabel ? { title: o.colorLabel } : {}),
    };
  }
  if (missing > 0)
    legend.push({
      label: `no value (${missing})`,
      color: 'currentColor',
      shape: 'square',
      tooltip: 'cells without a value',
      opacity: 0.12,
    });

  const fr = frame({
    className: 'heatmap',
    options: o,
    x: xSpec,
    y: ySpec,
    legend: o.categories || missing > 0 ? legend : [],
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

  const xName = o.xLabel ?? 'x';
  const yName = o.yLabel ?? 'y';
  const show = (v: number | string): string => (typeof v === 'number' ? formatValue(v) : v);
  const tooltips = nx * ny <= MAX_TOOLTIP_CELLS;
  const cw = Math.abs(cellX(0)[1] - cellX(0)[0]);
  const ch = Math.abs(cellY(0)[1] - cellY(0)[0]);
  const separated = cw >= 12 && ch >= 12;
  let cellsSvg = '';
  let labels = '';
  let faint = '';
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
      const color =
        raw === null || raw === undefined
          ? undefined
          : typeof raw === 'string'
            ? palette.get(raw)
            : valueColor!(raw);
      const text =
        raw === null || raw === undefined ? 'no value' : typeof raw === 'number' ? formatValue(raw) : raw;
      const tip = tooltips
        ? `<title>${esc(`${xName} ${show(o.x[i]!)}, ${yName} ${show(o.y[j]!)}: ${text}`)}</title>`
        : '';
      // Small cells overlap their right and lower neighbours by 0.4 px so that no hairline shows between
      // them; large cells are separated by a 1 px gap in the background colour instead.
      const o4 = separated ? 0 : 0.4;
      const geom = `x="${px(left)}" y="${px(top)}" width="${px(Math.min(right + o4, rect.x1) - left)}" height="${px(Math.min(bottom + o4, rect.y1) - top)}"`;
      if (color === undefined) {
        faint += `<rect ${geom}>${tip}</rect>`;
        continue;
      }
      cellsSvg += `<rect ${geom} fill="${color}">${tip}</rect>`;
      const wantLabels = o.cellLabels ?? (o.values !== undefined && cw >= 34 && ch >= 16);
      if (wantLabels && typeof raw === 'number') {
        const label = formatValue(raw, 3);
        if (textWidth(label, 10) < right - left - 4) {
          const ink = luminance(color) > 0.35 ? '#000' : '#fff';
          labels += `<text x="${px((left + right) / 2)}" y="${px((top + bottom) / 2)}" dy="0.35em" fill="${ink}">${esc(label)}</text>`;
        }
      }
    }
  }
  const gap = separated ? ' style="stroke:var(--viz-bg,#fff)" stroke-width="1"' : '';
  let marks = `<g class="cells"${gap}>${cellsSvg}</g>`;
  if (faint) marks += `<g class="missing" fill="currentColor" fill-opacity="0.12"${gap}>${faint}</g>`;
  if (labels) marks += `<g class="cell-labels" font-size="10" text-anchor="middle">${labels}</g>`;
  marks += overlayMarks(o.overlays ?? [], x, y, rect);
  return fr.render(marks);
}

/** Legend order of categories: outcomes first, in their usual order. */
function rankOf(c: string): number {
  const k = outcomes.indexOf(c as never);
  return k >= 0 ? k : outcomes.length;
}
