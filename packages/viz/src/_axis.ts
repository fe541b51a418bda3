import { format } from 'd3-format';
import { type ScaleContinuousNumeric, scaleLinear, scaleLog } from 'd3-scale';
import { formatValue, powerOfTen, textWidth, truncate } from './_format.js';
import type { Project } from './_path.js';

/** A tick at pixel `pos`; minor ticks (between powers of ten on a log axis) have no label. */
export interface Tick {
  pos: number;
  label: string;
  major: boolean;
}

/** A continuous axis over `domain`, or a band axis with one band per label (heatmap rows/columns). */
export type AxisSpec =
  | { kind: 'linear' | 'log'; domain: readonly [number, number] }
  | { kind: 'band'; labels: readonly string[] };

export interface Axis {
  kind: 'linear' | 'log' | 'band';
  /** Data value (band index for a band axis) → pixel; NaN or ±∞ when the value has no position. */
  project: Project;
  ticks: Tick[];
  /** Width of one band in pixels (band axes only). */
  step: number;
  /** Font size of the tick labels, when smaller than the plot's (band labels shrunk to fit). */
  labelSize?: number;
  /** Rotation of the tick labels in degrees (band labels of an x axis: −45 or −90 when they do not fit). */
  labelAngle?: number;
  scale?: ScaleContinuousNumeric<number, number>;
}

const isPowerOfTen = (v: number): boolean => Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9;

function linearLabels(values: number[], fmt: (v: number) => string): string[] {
  const m = Math.max(...values.map(Math.abs));
  if (m >= 1e6 || (m > 0 && m < 1e-3)) {
    const e = format('.2~e');
    return values.map((v) => (v === 0 ? '0' : e(v).replace(/e\+/, 'e').replace(/e-/, 'e−')));
  }
  return values.map(fmt);
}

/** Font size the tick labels are measured at (the plots' tick font). */
const LABEL_FONT = 11;
/** Pixels kept between two tick labels. */
const LABEL_GAP = 4;

/**
 * Labels the ticks of `values` roundest first (powers of ten, then 2 and 5 times them, then the rest),
 * each only where it clears every label already placed; the others stay as unlabelled minor ticks. A
 * log axis of less than two decades gets d3's ticks at every digit (0.08, 0.09, 0.1, 0.2 …), whose
 * labels ran into each other at the bottom of each decade.
 */
function clearLabels(values: readonly number[], project: Project): Tick[] {
  const ticks = values.map((v) => ({ pos: project(v), label: formatValue(v, 3), major: true }));
  const rank = (v: number): number => {
    const m = Math.round(v / 10 ** Math.floor(Math.log10(v) + 1e-9));
    return m === 1 ? 0 : m === 2 || m === 5 ? 1 : 2;
  };
  const order = ticks.map((_, i) => i).sort((a, b) => rank(values[a]!) - rank(values[b]!) || a - b);
  const placed: number[] = [];
  const half = (i: number): number => textWidth(ticks[i]!.label, LABEL_FONT) / 2;
  for (const i of order) {
    const clear = placed.every(
      (j) => Math.abs(ticks[i]!.pos - ticks[j]!.pos) >= half(i) + half(j) + LABEL_GAP,
    );
    if (clear) placed.push(i);
    else ticks[i] = { pos: ticks[i]!.pos, label: '', major: false };
  }
  return ticks;
}

function logTicks(scale: ScaleContinuousNumeric<number, number>, project: Project, count: number): Tick[] {
  const values = scale.ticks(count);
  const majors = values.filter(isPowerOfTen);
  if (majors.length < 2) return clearLabels(values, project);
  const exps = majors.map((v) => Math.round(Math.log10(v)));
  const every = Math.max(1, Math.ceil(majors.length / Math.max(2, count)));
  const sup = exps.some((k) => k < -3 || k > 4);
  // With many decades, draw only the powers of ten; label every `every`-th one.
  const shown = values.length > 3 * count ? majors : values;
  return shown.map((v) => {
    if (!isPowerOfTen(v)) return { pos: project(v), label: '', major: false };
    const k = Math.round(Math.log10(v));
    const label = k % every === 0 ? (sup ? powerOfTen(k) : formatValue(10 ** k)) : '';
    return { pos: project(v), label, major: label !== '' };
  });
}

/** Builds the axis of `spec` mapped onto pixel `range`, with about `count` ticks. */
export function buildAxis(spec: AxisSpec, range: readonly [number, number], count: number): Axis {
  if (spec.kind === 'band') {
    const n = spec.labels.length;
    const step = (range[1] - range[0]) / Math.max(1, n);
    const project = (i: number): number => range[0] + (i + 0.5) * step;
    // Every label at first: `fitBandLabels` shrinks, rotates or (only if nothing else fits) thins them.
    const ticks = spec.labels.map((label, i) => ({ pos: project(i), label, major: true }));
    return { kind: 'band', project, ticks, step: Math.abs(step) };
  }
  const scale = (spec.kind === 'log' ? scaleLog() : scaleLinear()).domain(spec.domain).range(range);
  const [d0, d1] = spec.domain;
  // The same maps as d3's scales, written out: projection is the hot path of every line.
  let project: Project;
  if (spec.kind === 'log') {
    const l0 = Math.log(d0);
    const k = (range[1] - range[0]) / (Math.log(d1) - l0);
    project = (v) => (v > 0 ? range[0] + (Math.log(v) - l0) * k : Number.NaN);
  } else {
    const k = (range[1] - range[0]) / (d1 - d0);
    project = (v) => range[0] + (v - d0) * k;
  }
  const span = spec.kind === 'log' ? Math.abs(Math.log(d1 / d0)) : Math.abs(d1 - d0);
  const ends = (): Tick[] => [d0, d1].map((v) => ({ pos: project(v), label: formatValue(v), major: true }));
  let ticks: Tick[];
  if (!(span > 1e-12 * (spec.kind === 'log' ? 1 : Math.max(Math.abs(d0), Math.abs(d1))) && span > 1e-200)) {
    // A span too small for ticks (d3 would need billions of them): label the two ends only.
    ticks = ends();
  } else {
    try {
      if (spec.kind === 'log') ticks = logTicks(scale, project, count);
      else {
        const values = scale.ticks(count);
        const labels = linearLabels(values, scale.tickFormat(count));
        ticks = values.map((v, i) => ({ pos: project(v), label: labels[i]!, major: true }));
      }
    } catch {
      // d3's tick arithmetic fails on subnormal domains (e.g. [5e−324, 3e−322]).
      ticks = ends();
    }
  }
  // Near ±1.8e308, d3's nice ticks can overflow: keep only ticks with a place on the axis.
  const lo = Math.min(range[0], range[1]) - 0.5;
  const hi = Math.max(range[0], range[1]) + 0.5;
  ticks = ticks.filter((t) => t.pos >= lo && t.pos <= hi);
  return { kind: spec.kind, project, ticks, step: 0, scale };
}

/** The width in pixels of the widest tick label of `axis` at `fontSize`. */
export function widestLabel(axis: Axis, fontSize: number): number {
  return Math.max(0, ...axis.ticks.map((t) => textWidth(t.label, fontSize)));
}

/** Above this many bands, labels are thinned rather than shrunk below 9 px. */
const MANY_BANDS = 40;
/** Rotated band labels are cut to this many characters. */
const ROTATED_CHARS = 28;

/**
 * Lays out the labels of a band axis built by {@link buildAxis} (mutating its ticks): every label, at
 * `fontSize` if they fit, else smaller (down to 9 px, or 7 px for at most 40 bands); an x axis then
 * rotates them −45° or −90° (cut to 28 characters). Only when even that cannot fit (over 40 bands, or
 * bands narrower than 7 px) is every k-th label kept. A y axis' labels stay horizontal.
 */
export function fitBandLabels(axis: Axis, orient: 'x' | 'y', fontSize: number): void {
  if (axis.kind !== 'band') return;
  const n = axis.ticks.length;
  const step = axis.step;
  const min = n > MANY_BANDS ? 9 : 7;
  const sizes: number[] = [];
  for (let f = fontSize; f >= min; f--) sizes.push(f);
  const line = (f: number): number => f * 1.15;
  const widest = (f: number): number => Math.max(0, ...axis.ticks.map((t) => textWidth(t.label, f)));
  const set = (f: number, angle = 0): void => {
    if (f !== fontSize) axis.labelSize = f;
    if (angle !== 0) {
      axis.labelAngle = angle;
      for (const t of axis.ticks) t.label = truncate(t.label, ROTATED_CHARS);
    }
  };
  const fits = (): [number, number] | undefined => {
    if (orient === 'y') {
      const f = sizes.find((s) => step >= line(s));
      return f === undefined ? undefined : [f, 0];
    }
    const flat = sizes.find((s) => s >= 9 && widest(s) + 6 <= step);
    if (flat !== undefined) return [flat, 0];
    const diagonal = sizes.find((s) => step * Math.SQRT1_2 >= line(s));
    if (diagonal !== undefined) return [diagonal, -45];
    const vertical = sizes.find((s) => step >= line(s));
    return vertical === undefined ? undefined : [vertical, -90];
  };
  const layout = fits();
  if (layout !== undefined) {
    set(layout[0], layout[1]);
    return;
  }
  // Too many bands for their labels: keep every k-th one at the smallest size.
  const every = Math.ceil(line(min) / Math.max(step, 1e-9));
  axis.ticks.forEach((t, i) => {
    if (i % every !== 0) {
      t.label = '';
      t.major = false;
    }
  });
  set(min, orient === 'x' ? -90 : 0);
}

/**
 * Room that the labels of a laid-out x axis need below the axis line (horizontal: one line), and how
 * far the first one reaches left of its tick (−45°).
 */
export function xLabelExtent(axis: Axis, fontSize: number): { height: number; left: number } {
  const f = axis.labelSize ?? fontSize;
  const w = widestLabel(axis, f);
  if (axis.labelAngle === -90) return { height: w + 10, left: 0 };
  if (axis.labelAngle === -45) {
    const first = axis.ticks.find((t) => t.label);
    const w0 = first ? textWidth(first.label, f) : 0;
    return { height: (w + f) * Math.SQRT1_2 + 8, left: (w0 + f / 2) * Math.SQRT1_2 + 4 };
  }
  return { height: 14, left: 0 };
}

/**
 * A domain for data with extent `ext` on a `kind` axis: the given one if any, else the extent made
 * nice (or padded by `pad` of its span, for plots where the data should not touch the frame).
 */
export function resolveDomain(
  given: readonly [number, number] | undefined,
  ext: readonly [number, number] | undefined,
  kind: 'linear' | 'log',
  pad = 0,
): [number, number] {
  if (given) return [given[0], given[1]];
  if (!ext) return kind === 'log' ? [1, 10] : [0, 1];
  const [lo, hi] = ext;
  if (kind === 'log') {
    if (hi / lo < 1 + 1e-12) return [lo / 10, hi * 10];
    if (pad > 0) {
      const f = (hi / lo) ** pad;
      return [lo / f, hi * f];
    }
    return scaleLog().domain([lo, hi]).nice().domain() as [number, number];
  }
  if (hi - lo <= Math.max(Math.abs(lo), Math.abs(hi)) * 1e-12 || hi - lo < 1e-200) {
    // One value (or values equal to 12 digits, or subnormal): a span of ±10% of it, or ±1.
    const d = Math.abs(lo) * 0.1 >= 1e-200 ? Math.abs(lo) * 0.1 : 1;
    return [lo - d, hi + d];
  }
  if (pad > 0) {
    const d = (hi - lo) * pad;
    return [lo - d, hi + d];
  }
  return scaleLinear().domain([lo, hi]).nice().domain() as [number, number];
}

/** The extent of the finite values in `arrays` (only values > 0 when `kind` is log), or undefined. */
export function extentOf(
  arrays: Iterable<ArrayLike<number>>,
  kind: 'linear' | 'log',
): [number, number] | undefined {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++) {
      const v = a[i]!;
      if (!Number.isFinite(v) || (kind === 'log' && !(v > 0))) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return lo <= hi ? [lo, hi] : undefined;
}
