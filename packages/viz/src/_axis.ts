import { format } from 'd3-format';
import { type ScaleContinuousNumeric, scaleLinear, scaleLog } from 'd3-scale';
import { formatValue, powerOfTen, textWidth } from './_format.js';
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

function logTicks(scale: ScaleContinuousNumeric<number, number>, project: Project, count: number): Tick[] {
  const values = scale.ticks(count);
  const majors = values.filter(isPowerOfTen);
  if (majors.length < 2) {
    return values.map((v) => ({ pos: project(v), label: formatValue(v, 3), major: true }));
  }
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
    const every = Math.max(1, Math.ceil(n / Math.max(2, count * 1.5)));
    const ticks = spec.labels.map((label, i) => ({
      pos: project(i),
      label: i % every === 0 ? label : '',
      major: i % every === 0,
    }));
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
