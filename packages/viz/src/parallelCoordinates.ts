import { format } from 'd3-format';
import { scaleLinear, scaleLog } from 'd3-scale';
import { type Axis, buildAxis, extentOf, fitBandLabels, resolveDomain } from './_axis.js';
import { interpolators, type ValueScheme } from './_contours.js';
import { formatValue, px, textWidth, truncate } from './_format.js';
import { FONT_FAMILY } from './_frame.js';
import { ID, resolveIds } from './_ids.js';
import {
  type ColorBar,
  colorBarWidth,
  type LegendItem,
  legendLayout,
  renderColorBar,
  wrapText,
} from './_legend.js';
import { legendOrder } from './_outcomes.js';
import { encodeRuns } from './_path.js';
import { maskPng } from './_raster.js';
import {
  checkArray,
  checkDomain,
  checkKeys,
  checkObject,
  checkOneOf,
  checkOptions,
  checkPositive,
  checkPositiveInteger,
  checkText,
  rangeError,
  typeError,
} from './_validate.js';
import { NONE } from './_valueText.js';
import { escapeHtml as esc } from './escapeHtml.js';
import { categoryColors, okabeIto } from './palettes.js';
import type { AxisScale } from './types.js';

/**
 * One value per line: numbers (a continuous axis; `NaN` for none), or strings, booleans and numbers
 * (a categorical axis when any value is a string or a boolean); `null` and `undefined` are no value.
 */
export type ParallelValues = ArrayLike<number> | readonly (number | string | boolean | null | undefined)[];

/** One axis of a {@link parallelCoordinates} plot. */
export interface ParallelDimension {
  /** Axis title, e.g. `lr`, `method`, `final f`. */
  label: string;
  /** One value per line (all dimensions, and `color`, have the same length). */
  values: ParallelValues;
  /**
   * `'linear'` or `'log'` for numbers; default `'log'` when every value is > 0 and they span more
   * than two decades. On a log axis, values ≤ 0 sit at the axis' "none" slot, as missing values do.
   */
  scale?: AxisScale;
  /** `[min, max]` of a numeric axis (default: the values' extent, made nice); values outside sit at its ends. */
  domain?: readonly [number, number];
  /**
   * Makes the axis categorical, with these categories from top to bottom first; values not listed
   * follow in first-seen order (outcomes first, in their usual order). Numbers are matched by their text.
   */
  categories?: readonly string[];
}

/** Options of {@link parallelCoordinates}. */
export interface ParallelCoordinatesOptions {
  /** Title drawn at the top left (and the SVG's accessible name). */
  title?: string;
  /** A second, lighter line under the title. */
  subtitle?: string;
  /** Width of the whole figure; default 640, or 110 px per dimension beyond five. */
  width?: number;
  /** Height of the whole figure; default 420. */
  height?: number;
  /** The axes, left to right. */
  dimensions: readonly ParallelDimension[];
  /**
   * Colour of each line: strings (categories, e.g. outcomes in their fixed colours, with a legend of
   * counts whose entries hide and show their lines in a report), or numbers (a sequential scale with a
   * colour bar). Default: one colour.
   */
  color?: ParallelValues;
  /** Name of the colour field, for the colour bar, tooltips and the note (e.g. `outcome`, `final f`). */
  colorLabel?: string;
  /**
   * Scale of numeric colours: default `'log'` when no value is negative and the values > 0 span more
   * than two decades. On a log scale, lines whose value is ≤ 0 are drawn dotted in the text colour, with
   * their own legend entry; the colour domain comes from the values > 0 only.
   */
  colorScale?: AxisScale;
  /** `[min, max]` of the numeric colour scale (default: the values' extent). */
  colorDomain?: readonly [number, number];
  /** Colour scheme of numeric colours (default `'viridis'`). */
  scheme?: ValueScheme;
  /**
   * At most this many lines are drawn (default 2,000): beyond, lines are chosen evenly (in data order)
   * within each colour class, rare classes (e.g. a few `error` runs) keeping up to 50 lines each, and the
   * note says how many of how many are drawn.
   */
  maxLines?: number;
  /**
   * Shade the density of all lines under the lines drawn, one shade per colour class (default: when
   * lines are thinned). The shade of a category hides with its lines.
   */
  density?: boolean;
}

const KEYS = {
  title: true,
  subtitle: true,
  width: true,
  height: true,
  dimensions: true,
  color: true,
  colorLabel: true,
  colorScale: true,
  colorDomain: true,
  scheme: true,
  maxLines: true,
  density: true,
} satisfies Record<keyof ParallelCoordinatesOptions, true>;
const DIMENSION_KEYS = {
  label: true,
  values: true,
  scale: true,
  domain: true,
  categories: true,
} satisfies Record<keyof ParallelDimension, true>;

const PAD = 12;
const TITLE_FONT = 15;
const LABEL_FONT = 11;
const TICK_FONT = 10;
/** Room under the axes for the slot of missing values. */
const NONE_GAP = 22;
/** Rows of the density image per bin of line end points. */
const BIN = 2;
/** Classes smaller than this keep all their lines when thinning (up to the budget). */
const RARE = 50;
const MISSING_COLOR = '#888888';
const thousands = format(',');

/** An axis as laid out: how each row maps to a pixel (`NaN` = the none slot). */
interface Dim {
  label: string;
  kind: 'linear' | 'log' | 'band';
  /** Numeric values (NaN for none). */
  numbers?: ArrayLike<number>;
  /** Category index of each row (−1 for none). */
  codes?: Int32Array;
  categories?: string[];
  domain?: [number, number];
  /** Rows without a value (null, NaN) and, on a log axis, ≤ 0. */
  missing: number;
  nonPositive: number;
  /** Whether every value ≤ 0 of a log axis is 0 (its slot then reads `0`). */
  zeros?: boolean;
  axis?: Axis;
}

type Raw = ParallelValues;

function checkValues(name: string, v: unknown): asserts v is Raw {
  if (ArrayBuffer.isView(v)) return;
  checkArray(name, v);
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    const t = typeof x;
    if (x !== null && x !== undefined && t !== 'number' && t !== 'string' && t !== 'boolean')
      throw typeError(`${name}[${i}]`, x, 'expected a number, a string, a boolean or null');
  }
}

/** Whether a column is categorical: any string or boolean in it (typed arrays are numbers). */
function isCategorical(v: Raw): boolean {
  if (ArrayBuffer.isView(v)) return false;
  const a = v as readonly unknown[];
  for (let i = 0; i < a.length; i++) {
    const t = typeof a[i];
    if (t === 'string' || t === 'boolean') return true;
  }
  return false;
}

/** Numbers of a numeric column, NaN for null and undefined. */
function numbersOf(v: Raw): ArrayLike<number> {
  if (ArrayBuffer.isView(v)) return v as ArrayLike<number>;
  const a = v as readonly unknown[];
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = typeof a[i] === 'number' ? (a[i] as number) : Number.NaN;
  return out;
}

/** Category codes of a column (−1 for none), with the categories in order. */
function codesOf(v: Raw, given: readonly string[] | undefined): { codes: Int32Array; categories: string[] } {
  const a = v as ArrayLike<unknown>;
  const index = new Map<string, number>();
  const seen: string[] = [];
  const raw = new Int32Array(a.length);
  // Runs of one value (rows in grid order) skip the lookup.
  let last: unknown;
  let lastK = -2;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (x === last && lastK > -2) {
      raw[i] = lastK;
      continue;
    }
    let k: number | undefined = -1;
    if (!(x === null || x === undefined || (typeof x === 'number' && Number.isNaN(x)))) {
      const s = typeof x === 'number' ? formatValue(x) : String(x);
      k = index.get(s);
      if (k === undefined) {
        k = seen.length;
        index.set(s, k);
        seen.push(s);
      }
    }
    raw[i] = k;
    last = x;
    lastK = k;
  }
  const listed = given ?? [];
  const rest = legendOrder(seen.filter((s) => !listed.includes(s)));
  const categories = [...listed, ...rest];
  const at = new Map(categories.map((c, k) => [c, k]));
  const remap = seen.map((s) => at.get(s)!);
  const codes = raw.map((k) => (k < 0 ? -1 : remap[k]!));
  return { codes, categories };
}

/**
 * Log when no finite value is negative and the values > 0 span more than two decades (zeros then sit
 * in the "≤ 0" slot of an axis, or get the "not on a log scale" style of a colour).
 */
function spansDecades(v: ArrayLike<number>): boolean {
  let lo = Number.POSITIVE_INFINITY;
  let hi = 0;
  for (let i = 0; i < v.length; i++) {
    const x = v[i]!;
    if (!Number.isFinite(x)) continue;
    if (x < 0) return false;
    if (x > 0 && x < lo) lo = x;
    if (x > hi) hi = x;
  }
  return hi > 0 && hi / lo > 100;
}

function dimensionOf(d: ParallelDimension): Dim {
  if (d.categories !== undefined || isCategorical(d.values)) {
    const { codes, categories } = codesOf(d.values, d.categories);
    let missing = 0;
    for (let i = 0; i < codes.length; i++) if (codes[i]! < 0) missing++;
    return { label: d.label, kind: 'band', codes, categories, missing, nonPositive: 0 };
  }
  const numbers = numbersOf(d.values);
  const kind = d.scale ?? (spansDecades(numbers) ? 'log' : 'linear');
  let missing = 0;
  let nonPositive = 0;
  let zeros = true;
  for (let i = 0; i < numbers.length; i++) {
    const x = numbers[i]!;
    if (Number.isNaN(x)) missing++;
    else if (kind === 'log' && !(x > 0)) {
      nonPositive++;
      if (x !== 0) zeros = false;
    }
  }
  const domain = resolveDomain(d.domain, extentOf([numbers], kind), kind);
  return { label: d.label, kind, numbers, domain, missing, nonPositive, zeros };
}

/** How lines are coloured and grouped into classes (legend entries, thinning strata, density shades). */
interface Coloring {
  /** Class of each row. */
  cls: Uint16Array;
  /** Per class: colour, legend label (undefined: not in the legend), dash, data-key. */
  classes: { color: string; label?: string; dash?: string; key?: string; tooltip?: string }[];
  /** Colour of one row's line (numeric colours differ within a class). */
  lineColor: (row: number) => string;
  /** Text of a row's colour value, for its tooltip. */
  text: (row: number) => string;
  bar?: ColorBar;
}

/** Numeric colours are split into this many strata (for thinning and the density shades). */
const STRATA = 8;

function coloringOf(o: ParallelCoordinatesOptions, n: number): Coloring {
  const cls = new Uint16Array(n);
  if (o.color === undefined) {
    return { cls, classes: [{ color: okabeIto[0]! }], lineColor: () => okabeIto[0]!, text: () => '' };
  }
  if (isCategorical(o.color)) {
    const { codes, categories } = codesOf(o.color, undefined);
    const counts = new Array<number>(categories.length + 1).fill(0);
    for (let i = 0; i < n; i++) {
      const k = codes[i]! < 0 ? categories.length : codes[i]!;
      cls[i] = k;
      counts[k]!++;
    }
    const palette = categoryColors(categories);
    const classes: Coloring['classes'] = categories.map((c, k) => ({
      color: palette.get(c)!,
      label: `${c} (${thousands(counts[k]!)})`,
      key: `c${k}`,
    }));
    classes.push({
      color: MISSING_COLOR,
      label: `${NONE} (${thousands(counts[categories.length]!)})`,
      dash: '4 3',
      key: `c${categories.length}`,
      tooltip: `no ${o.colorLabel ?? 'colour'} value`,
    });
    if (counts[categories.length] === 0) classes[categories.length]!.label = undefined;
    const color = (row: number): string => classes[cls[row]!]!.color;
    const text = (row: number): string => (codes[row]! < 0 ? NONE : categories[codes[row]!]!);
    return { cls, classes, lineColor: color, text };
  }
  const values = numbersOf(o.color);
  const kind = o.colorScale ?? (spansDecades(values) ? 'log' : 'linear');
  const ext = extentOf([values], kind);
  const domain: [number, number] = o.colorDomain
    ? [o.colorDomain[0], o.colorDomain[1]]
    : !ext
      ? kind === 'log'
        ? [1, 10]
        : [0, 1]
      : ext[0] < ext[1]
        ? ext
        : kind === 'log'
          ? [ext[0] / 10, ext[1] * 10]
          : [ext[0] - (Math.abs(ext[0]) * 0.1 || 1), ext[1] + (Math.abs(ext[1]) * 0.1 || 1)];
  const interp = interpolators[o.scheme ?? 'viridis'];
  const t = (kind === 'log' ? scaleLog() : scaleLinear()).domain(domain).range([0, 1]).clamp(true);
  const NOVALUE = STRATA;
  const OFFSCALE = STRATA + 1;
  const counts = new Array<number>(STRATA + 2).fill(0);
  const tOf = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    let k: number;
    if (Number.isNaN(v)) k = NOVALUE;
    else if (kind === 'log' && !(v > 0)) k = OFFSCALE;
    else {
      // Halves, so that a span of 2e308 does not overflow.
      const u0 = kind === 'log' ? t(v) : (v / 2 - domain[0] / 2) / (domain[1] / 2 - domain[0] / 2);
      const u = Number.isFinite(u0) ? Math.max(0, Math.min(1, u0)) : v > 0 ? 1 : 0;
      tOf[i] = u;
      k = Math.min(STRATA - 1, Math.floor(u * STRATA));
    }
    cls[i] = k;
    counts[k]!++;
  }
  const classes: Coloring['classes'] = Array.from({ length: STRATA }, (_, k) => ({
    color: interp((k + 0.5) / STRATA),
  }));
  const name = o.colorLabel ?? 'colour';
  classes.push({
    color: MISSING_COLOR,
    dash: '4 3',
    key: 'none',
    ...(counts[NOVALUE]! > 0 ? { label: `no ${name} (${thousands(counts[NOVALUE]!)})` } : {}),
    tooltip: `lines without a ${name} value`,
  });
  classes.push({
    color: 'currentColor',
    dash: '1 2.5',
    key: 'offscale',
    ...(counts[OFFSCALE]! > 0
      ? { label: `${name} ≤ 0: not on a log scale (${thousands(counts[OFFSCALE]!)})` }
      : {}),
    tooltip: `${name} ≤ 0 has no place on the log colour scale`,
  });
  return {
    cls,
    classes,
    lineColor: (row) => (cls[row]! < STRATA ? interp(tOf[row]!) : classes[cls[row]!]!.color),
    text: (row) => formatValue(values[row]!),
    bar: {
      kind: 'continuous',
      interpolate: interp,
      scale: kind,
      domain,
      ...(o.colorLabel ? { title: o.colorLabel } : {}),
    },
  };
}

/**
 * Rows to draw: all if at most `max`; else, per class, up to 50 (all of a rare class), the rest of the
 * budget shared in proportion to the classes' sizes; chosen evenly in data order within each class.
 */
function chooseRows(cls: Uint16Array, nClasses: number, max: number): Int32Array {
  const n = cls.length;
  if (n <= max) return Int32Array.from({ length: n }, (_, i) => i);
  const counts = new Array<number>(nClasses).fill(0);
  for (let i = 0; i < n; i++) counts[cls[i]!]!++;
  const present = counts.filter((c) => c > 0).length;
  const floor = Math.min(RARE, Math.floor(max / Math.max(1, present)));
  const quota = counts.map((c) => Math.min(c, floor));
  let left = max - quota.reduce((a, b) => a + b, 0);
  const rest = counts.map((c, k) => c - quota[k]!);
  const restTotal = rest.reduce((a, b) => a + b, 0);
  if (restTotal > 0 && left > 0) {
    const share = rest.map((r) => Math.floor((r * left) / restTotal));
    share.forEach((s, k) => {
      quota[k]! += s;
    });
    left -= share.reduce((a, b) => a + b, 0);
    // What rounding left over goes to the largest classes that still have rows.
    const order = counts.map((_, k) => k).sort((a, b) => rest[b]! - rest[a]!);
    for (const k of order) {
      if (left <= 0) break;
      if (quota[k]! < counts[k]!) {
        quota[k]!++;
        left--;
      }
    }
  }
  // Evenly within each class: its m-th row is taken when it reaches the next target ordinal.
  const seen = new Array<number>(nClasses).fill(0);
  const taken = new Array<number>(nClasses).fill(0);
  const out = new Int32Array(quota.reduce((a, b) => a + b, 0));
  let w = 0;
  for (let i = 0; i < n; i++) {
    const k = cls[i]!;
    const q = quota[k]!;
    const m = seen[k]!++;
    if (taken[k]! < q && m === Math.floor(((taken[k]! + 0.5) * counts[k]!) / q)) {
      out[w++] = i;
      taken[k]!++;
    }
  }
  return out.subarray(0, w);
}

/**
 * Parallel coordinates: one line per row (e.g. per run of a sweep) across one vertical axis per
 * dimension — numeric axes (linear, or log when the values are > 0 and span more than two decades) or
 * categorical ones (e.g. methods) — coloured by a category (outcomes in their fixed colours, with a
 * legend whose entries hide and show their lines in a report) or by a number (a sequential colour bar).
 * Missing values sit in a "none" slot under each axis. Lines are translucent, each with a tooltip of its
 * values; beyond `maxLines` (2,000) lines are thinned evenly within each colour class, and the density of
 * all lines is shaded under them. The SVG's `<desc>` (read by {@link svgNote}) and a note under the plot
 * say how many lines of how many are drawn.
 *
 * @param options - `dimensions` (each `{ label, values }`), `color`, and the common options.
 * @returns An SVG string.
 * @example
 * ```ts
 * const svg = parallelCoordinates({
 *   title: 'Runs of the sweep',
 *   dimensions: [
 *     { label: 'lr', values: [0.001, 0.01, 0.1, 1] },
 *     { label: 'method', values: ['gd', 'gd', 'momentum', 'momentum'] },
 *     { label: 'final f', values: [0.5, 1e-9, 2e-7, Number.NaN] },
 *   ],
 *   color: ['max-iter', 'converged', 'converged', 'diverged'],
 *   colorLabel: 'outcome',
 * });
 * ```
 */
export function parallelCoordinates(options: ParallelCoordinatesOptions): string {
  checkOptions(options);
  const o = options;
  checkKeys(o, Object.keys(KEYS));
  checkText('title', o.title);
  checkText('subtitle', o.subtitle);
  if (o.width !== undefined) checkPositive('width', o.width);
  if (o.height !== undefined) checkPositive('height', o.height);
  checkArray('dimensions', o.dimensions);
  if (o.dimensions.length === 0) throw rangeError('dimensions', o.dimensions, 'expected at least one');
  const n = o.dimensions[0]?.values?.length ?? 0;
  o.dimensions.forEach((d, i) => {
    checkObject(`dimensions[${i}]`, d);
    checkKeys(d, Object.keys(DIMENSION_KEYS), `dimensions[${i}].`);
    if (typeof d.label !== 'string') throw typeError(`dimensions[${i}].label`, d.label, 'expected a string');
    checkValues(`dimensions[${i}].values`, d.values);
    if (d.values.length !== n)
      throw rangeError(
        `dimensions[${i}].values`,
        d.values,
        `length ${d.values.length}, but dimensions[0] has ${n}`,
      );
    if (d.scale !== undefined) checkOneOf(`dimensions[${i}].scale`, d.scale, ['linear', 'log']);
    checkDomain(`dimensions[${i}].domain`, d.domain, (d.scale as AxisScale | undefined) ?? 'linear');
    if (d.categories !== undefined) {
      checkArray(`dimensions[${i}].categories`, d.categories);
      d.categories.forEach((c, k) => {
        if (typeof c !== 'string')
          throw typeError(`dimensions[${i}].categories[${k}]`, c, 'expected a string');
      });
    }
  });
  if (o.color !== undefined) {
    checkValues('color', o.color);
    if (o.color.length !== n)
      throw rangeError('color', o.color, `length ${o.color.length}, but the dimensions have ${n}`);
  }
  checkText('colorLabel', o.colorLabel);
  if (o.colorScale !== undefined) checkOneOf('colorScale', o.colorScale, ['linear', 'log']);
  checkDomain('colorDomain', o.colorDomain, o.colorScale ?? 'linear');
  if (o.scheme !== undefined) checkOneOf('scheme', o.scheme, ['viridis', 'cividis']);
  if (o.maxLines !== undefined) checkPositiveInteger('maxLines', o.maxLines);
  if (o.density !== undefined && typeof o.density !== 'boolean')
    throw typeError('density', o.density, 'expected a boolean');

  const dims = o.dimensions.map(dimensionOf);
  const nd = dims.length;
  const coloring = coloringOf(o, n);
  const max = o.maxLines ?? 2000;
  const rows = chooseRows(coloring.cls, coloring.classes.length, max);
  const thinned = rows.length < n;
  const density = o.density ?? thinned;

  // Layout: title, subtitle, legend; dimension labels; the axes; the none slot; the note.
  const width = o.width ?? Math.max(640, 110 * nd + 90);
  const height = o.height ?? 420;
  let top = PAD;
  const title = o.title ? truncate(o.title, Math.floor((width - 2 * PAD) / (TITLE_FONT * 0.58))) : '';
  const subtitle = o.subtitle ? truncate(o.subtitle, Math.floor((width - 2 * PAD) / (12 * 0.56))) : '';
  const titleY = top + TITLE_FONT - 2;
  if (title) top += TITLE_FONT + 6;
  const subtitleY = top + 10;
  if (subtitle) top += 18;
  const legendItems: LegendItem[] = [];
  coloring.classes.forEach((c) => {
    if (c.label === undefined) return;
    legendItems.push({
      label: c.label,
      color: c.color,
      shape: 'line',
      ...(c.dash ? { dash: c.dash } : {}),
      ...(c.key ? { key: c.key } : {}),
      ...(c.tooltip ? { tooltip: c.tooltip } : {}),
    });
  });
  const legend = legendLayout(legendItems, width - 2 * PAD);
  const legendY = top + (title || subtitle ? 2 : 0);
  top += legend.height + (legend.height ? 4 : 0);
  top += title || subtitle || legend.height ? 8 : 4;
  const bar = coloring.bar;
  if (bar?.title) top = Math.max(top, PAD + 22);
  const within =
    o.color === undefined
      ? ''
      : `, evenly within each ${isCategorical(o.color) ? (o.colorLabel ?? 'colour') : `band of ${o.colorLabel ?? 'colour'}`}`;
  const note = thinned
    ? `${thousands(rows.length)} of ${thousands(n)} lines drawn${within}${density ? `; shading: the density of all ${thousands(n)}` : ''}.`
    : n === 0
      ? 'No lines.'
      : `All ${thousands(n)} lines drawn.`;
  const noteLines = thinned ? wrapText(note, width - 2 * PAD, 10, 2) : [];
  const noteH = noteLines.length * 13;
  const hasNone = dims.some((d) => d.missing + d.nonPositive > 0);
  const right = bar ? colorBarWidth(bar, height / 2) + PAD : PAD;

  const build = (y0: number): { y0: number; yEnd: number; yNone: number } => {
    const y1 = Math.max(y0 + 40, height - PAD - noteH - 4);
    const yEnd = hasNone ? y1 - NONE_GAP : y1;
    for (const d of dims) {
      if (d.kind === 'band') {
        d.axis = buildAxis({ kind: 'band', labels: d.categories! }, [y0, yEnd], 0);
        fitBandLabels(d.axis, 'y', TICK_FONT);
      } else {
        d.axis = buildAxis(
          { kind: d.kind, domain: d.domain! },
          [yEnd, y0],
          Math.max(2, Math.round((yEnd - y0) / 40)),
        );
      }
    }
    return { y0, yEnd, yNone: y1 - 4 };
  };
  const tickSize = (d: Dim): number => d.axis!.labelSize ?? TICK_FONT;
  const widest = (d: Dim): number =>
    Math.max(
      textWidth(d.missing + d.nonPositive > 0 ? noneText(d) : '', TICK_FONT),
      ...d.axis!.ticks.map((t) => textWidth(t.label, tickSize(d))),
    );
  const labelW = (d: Dim): number => Math.min(140, textWidth(d.label, LABEL_FONT));
  let ys = build(top + 2 * 13 + 8);
  const left0 = Math.max(PAD + Math.min(widest(dims[0]!), 130) + 9, PAD + labelW(dims[0]!) / 2);
  const xRight = width - right - Math.max(10, labelW(dims[nd - 1]!) / 2);
  const gap = nd > 1 ? (xRight - left0) / (nd - 1) : 0;
  const xs = dims.map((_, i) => (nd > 1 ? left0 + i * gap : (left0 + xRight) / 2));
  const labelWidth = nd > 1 ? Math.max(40, gap - 8) : width - 2 * PAD;
  const labelLines = dims.map((d) => wrapText(d.label, labelWidth, LABEL_FONT, 2));
  const lines = Math.max(...labelLines.map((l) => l.length));
  if (lines < 2) ys = build(top + lines * 13 + 8);
  const { y0, yEnd, yNone } = ys;

  // On a categorical axis, lines spread over the middle of their band (by a hash of the row, so the
  // same row always sits at the same place), so that many lines through one category show as a fan.
  const spread = (d: Dim): number => Math.min(0.5 * d.axis!.step, 24);
  /** The pixel y of row `r` on dimension `d` (the none slot when it has no position). */
  const yOf = (d: Dim, r: number): number => {
    if (d.codes) {
      const k = d.codes[r]!;
      return k < 0 ? yNone : d.axis!.project(k) + spread(d) * jitter(r);
    }
    const v = d.numbers![r]!;
    if (Number.isNaN(v) || (d.kind === 'log' && !(v > 0))) return yNone;
    const p = d.axis!.project(v);
    // ±∞ (and values beyond the domain) sit at the axis' ends.
    return Number.isFinite(p) ? Math.max(y0, Math.min(yEnd, p)) : v > 0 ? y0 : yEnd;
  };

  // The density of all lines: per colour class, a mask image of the lines' ink (log-scaled) over a
  // rectangle of the class colour.
  let shades = '';
  if (density && n > 0 && nd > 1) shades = densityMarks(dims, xs, y0, yNone, coloring, yOf, n);

  // The lines drawn: grouped by class, most common class first so that rare ones lie on top.
  const byClass = new Map<number, number[]>();
  for (const r of rows) {
    const k = coloring.cls[r]!;
    let list = byClass.get(k);
    if (!list) byClass.set(k, (list = []));
    list.push(r);
  }
  const order = [...byClass.keys()].sort((a, b) => byClass.get(b)!.length - byClass.get(a)!.length || a - b);
  const drawn = rows.length;
  const opacity = drawn <= 10 ? 0.9 : Math.max(0.12, Math.min(0.8, 4 / Math.sqrt(drawn)));
  const strokeWidth = drawn <= 100 ? 1.5 : 1;
  const dimText = (d: Dim, r: number): string => {
    if (d.codes) return d.codes[r]! < 0 ? NONE : d.categories![d.codes[r]!]!;
    const v = d.numbers![r]!;
    return Number.isNaN(v) ? NONE : formatValue(v);
  };
  const colorName = o.colorLabel ?? 'colour';
  const pts = new Float64Array(2 * nd);
  let linesSvg = '';
  for (const k of order) {
    const c = coloring.classes[k]!;
    let g = '';
    for (const r of byClass.get(k)!) {
      for (let i = 0; i < nd; i++) {
        pts[2 * i] = xs[i]!;
        pts[2 * i + 1] = yOf(dims[i]!, r);
      }
      const tip =
        dims.map((d) => `${d.label} ${dimText(d, r)}`).join(', ') +
        (o.color === undefined ? '' : `; ${colorName} ${coloring.text(r)}`);
      const stroke = c.key === undefined ? ` stroke="${coloring.lineColor(r)}"` : '';
      g += `<path d="${encodeRuns([pts])}"${stroke}><title>${esc(tip)}</title></path>`;
    }
    const attrs =
      c.key === undefined
        ? ''
        : ` data-key="${c.key}" stroke="${c.color}"${c.dash ? ` stroke-dasharray="${c.dash}"` : ''}`;
    linesSvg += `<g${attrs}>${g}</g>`;
  }

  // Axes on top of the lines: the line, ticks, labels with a halo, the none slot, the title.
  let axes = '';
  const halo =
    'style="stroke:var(--viz-bg,#fff)" stroke-width="3" stroke-linejoin="round" paint-order="stroke"';
  dims.forEach((d, i) => {
    const x = xs[i]!;
    const axis = d.axis!;
    let ticks = '';
    let labels = '';
    const maxW = i === 0 ? left0 - PAD - 9 : Math.max(24, gap - 14);
    for (const t of axis.ticks) {
      if (axis.kind === 'band' && !t.label) continue;
      ticks += `M${px(x)},${px(t.pos)}h${t.major ? -4 : -2}`;
      if (!t.label) continue;
      const size = tickSize(d);
      const chars = Math.max(3, Math.floor(maxW / (size * 0.56)));
      const text = textWidth(t.label, size) > maxW ? truncate(t.label, chars) : t.label;
      const tip = text === t.label ? '' : `<title>${esc(t.label)}</title>`;
      labels += `<text x="${px(x - 6)}" y="${px(t.pos)}" dy="0.32em">${tip}${esc(text)}</text>`;
    }
    if (d.missing + d.nonPositive > 0) {
      ticks += `M${px(x - 3)},${px(yNone)}h6`;
      labels += `<text x="${px(x - 6)}" y="${px(yNone)}" dy="0.32em" font-style="italic" fill-opacity="0.75"><title>${esc(noneTip(d))}</title>${esc(noneText(d))}</text>`;
    }
    const size = axis.labelSize && axis.labelSize !== TICK_FONT ? ` font-size="${axis.labelSize}"` : '';
    axes += `<path d="M${px(x)},${px(y0)}V${px(yEnd)}${ticks}" stroke="currentColor" stroke-opacity="0.65" fill="none"/>`;
    axes += `<g text-anchor="end"${size} ${halo}>${labels}</g>`;
    const ls = labelLines[i]!;
    const w = Math.max(...ls.map((l) => textWidth(l, LABEL_FONT)));
    const cx = Math.max(PAD + w / 2, Math.min(width - PAD - w / 2, x));
    const ly = y0 - 10 - (ls.length - 1) * 13;
    const tspans = ls
      .map((l, k) => `<tspan x="${px(cx)}"${k > 0 ? ' dy="13"' : ''}>${esc(l)}</tspan>`)
      .join('');
    axes += `<text class="dimension" x="${px(cx)}" y="${px(ly)}" text-anchor="middle" font-size="${LABEL_FONT}" font-weight="600"><title>${esc(d.label)}</title>${tspans}</text>`;
  });

  const aria = o.title ?? 'parallel coordinates';
  let s =
    `<svg xmlns="http://www.w3.org/2000/svg" class="numcomp-viz parallel-plot" viewBox="0 0 ${px(width)} ${px(height)}" width="${px(width)}" height="${px(height)}" role="img" aria-label="${esc(aria)}"` +
    ` font-family="${FONT_FAMILY}" font-size="${TICK_FONT}" fill="currentColor" style="max-width:100%;height:auto;font-variant-numeric:tabular-nums">`;
  if (o.title) s += `<title>${esc(o.title)}</title>`;
  s += `<desc class="note">${esc(note)}</desc>`;
  s += `<style>.parallel-plot .lines path:hover{stroke-opacity:1;stroke-width:2.5px}</style>`;
  s += shades;
  const cap = ' stroke-linejoin="round" stroke-linecap="round"';
  s += `<g class="lines" fill="none" stroke-width="${strokeWidth}" stroke-opacity="${Math.round(opacity * 100) / 100}"${cap}>${linesSvg}</g>`;
  s += `<g class="axes">${axes}</g>`;
  if (bar) s += renderColorBar(bar, width - right, y0, yEnd - y0);
  if (title)
    s += `<text class="title" x="${PAD}" y="${px(titleY)}" font-size="${TITLE_FONT}" font-weight="600">${esc(title)}</text>`;
  if (subtitle)
    s += `<text class="subtitle" x="${PAD}" y="${px(subtitleY)}" font-size="12" fill-opacity="0.72">${esc(subtitle)}</text>`;
  s += legend.render(PAD, legendY);
  noteLines.forEach((l, k) => {
    const y = height - PAD + 2 - (noteLines.length - 1 - k) * 13;
    s += `<text class="note" x="${PAD}" y="${px(y)}" font-size="10" fill-opacity="0.72">${esc(l)}</text>`;
  });
  s += '</svg>';
  return shades ? resolveIds(s) : s;
}

/** A number in [−0.5, 0.5) from a row index (Knuth's multiplicative hash). */
function jitter(r: number): number {
  return (Math.imul(r + 1, 0x9e3779b1) >>> 0) / 2 ** 32 - 0.5;
}

/** The label of an axis' slot for rows without a position: `none`, `≤ 0`, or both. */
function noneText(d: Dim): string {
  const low = d.zeros ? '0' : '≤ 0';
  return d.missing > 0 && d.nonPositive > 0 ? `${NONE}, ${low}` : d.nonPositive > 0 ? low : NONE;
}

function noneTip(d: Dim): string {
  const parts: string[] = [];
  if (d.missing > 0) parts.push(`${thousands(d.missing)} without a value`);
  if (d.nonPositive > 0)
    parts.push(`${thousands(d.nonPositive)} ${d.zeros ? '= 0' : '≤ 0'} (no place on a log axis)`);
  return `${d.label}: ${parts.join(', ')}`;
}

/**
 * The density of all rows' lines, drawn at half the screen resolution (one image pixel per 2 px): for
 * each pair of neighbouring axes, the rows are counted per pair of end pixels, then each pair is drawn
 * once with its count as ink. A pixel's opacity is the square root of all classes' ink there (full at
 * the 99th percentile, so that a few crossing points do not wash the rest out), shared among the
 * classes in proportion to their ink: per class, a greyscale mask over a rectangle of its colour.
 */
function densityMarks(
  dims: readonly Dim[],
  xs: readonly number[],
  y0: number,
  yNone: number,
  coloring: Coloring,
  yOf: (d: Dim, r: number) => number,
  n: number,
): string {
  const nd = dims.length;
  const x0 = xs[0]!;
  const w = Math.max(1, Math.ceil((xs[nd - 1]! - x0) / BIN) + 1);
  const h = Math.max(1, Math.ceil((yNone - y0) / BIN) + 2);
  const nc = coloring.classes.length;
  // Image row of each row's point on each axis.
  const rowOf = dims.map((d) => {
    const b = new Uint16Array(n);
    for (let r = 0; r < n; r++) b[r] = Math.max(0, Math.min(h - 1, Math.round((yOf(d, r) - y0) / BIN)));
    return b;
  });
  const ink = Array.from({ length: nc }, () => new Float32Array(w * h));
  const pairs = new Uint32Array(nc * h * h);
  const cls = coloring.cls;
  for (let g = 0; g + 1 < nd; g++) {
    pairs.fill(0);
    const a = rowOf[g]!;
    const b = rowOf[g + 1]!;
    for (let r = 0; r < n; r++) pairs[(cls[r]! * h + a[r]!) * h + b[r]!]!++;
    const xa = (xs[g]! - x0) / BIN;
    const xb = (xs[g + 1]! - x0) / BIN;
    const last = g + 2 === nd;
    for (let k = 0; k < nc; k++) {
      const acc = ink[k]!;
      const base = k * h * h;
      for (let p = 0; p < h * h; p++) {
        const c = pairs[base + p]!;
        if (c === 0) continue;
        const ya = Math.floor(p / h);
        const yb = p % h;
        const steps = Math.max(1, Math.ceil(Math.max(xb - xa, Math.abs(yb - ya))));
        const end = last ? steps : steps - 1;
        for (let s = 0; s <= end; s++) {
          const t = s / steps;
          const X = Math.min(w - 1, Math.round(xa + t * (xb - xa)));
          const Y = Math.min(h - 1, Math.round(ya + t * (yb - ya)));
          acc[Y * w + X]! += c;
        }
      }
    }
  }
  // All classes' ink, full at the 99th percentile of the pixels with any (a sample of them). Each class
  // takes its share of a pixel's opacity, so overlapping classes mix their colours and never saturate.
  const total = new Float32Array(w * h);
  for (const acc of ink) for (let i = 0; i < acc.length; i++) total[i]! += acc[i]!;
  let nonZero = 0;
  for (let i = 0; i < total.length; i++) if (total[i]! > 0) nonZero++;
  if (nonZero === 0) return '';
  const stride = Math.max(1, Math.floor(nonZero / 100_000));
  const sample: number[] = [];
  let m = 0;
  for (let i = 0; i < total.length; i++) if (total[i]! > 0 && m++ % stride === 0) sample.push(total[i]!);
  sample.sort((p, q) => p - q);
  const full = sample[Math.min(sample.length - 1, Math.floor(0.99 * sample.length))]!;
  const alpha = new Float32Array(w * h);
  for (let i = 0; i < total.length; i++)
    if (total[i]! > 0) alpha[i] = (255 * Math.sqrt(Math.min(1, total[i]! / full))) / total[i]!;
  let s = '';
  const geom = `x="${px(x0 - BIN / 2)}" y="${px(y0 - BIN / 2)}" width="${w * BIN}" height="${h * BIN}"`;
  coloring.classes.forEach((c, k) => {
    const acc = ink[k]!;
    const mask = new Uint8Array(w * h);
    let any = false;
    for (let i = 0; i < acc.length; i++) {
      if (acc[i]! > 0) {
        mask[i] = Math.max(1, Math.round(acc[i]! * alpha[i]!));
        any = true;
      }
    }
    if (!any) return;
    const key = c.key === undefined ? '' : ` data-key="${c.key}"`;
    s += `<mask id="${ID}-pd${k}" maskUnits="userSpaceOnUse" ${geom}><image ${geom} preserveAspectRatio="none" href="${maskPng(mask, w, h)}"/></mask>`;
    s += `<rect${key} ${geom} fill="${c.color}" fill-opacity="0.45" mask="url(#${ID}-pd${k})"/>`;
  });
  return s ? `<g class="density" pointer-events="none">${s}</g>` : '';
}
