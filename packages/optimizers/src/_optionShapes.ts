// The shapes of the options that are objects: schedule, constraints, record, initial simplex. Each
// checker throws ArgumentTypeError/ArgumentRangeError with the path of the bad part
// (`schedule.every`, `constraints[0].radius`, `record.max`, `initialSimplex[2][0]`).
import { checkVector, rangeError, toRows, typeError } from '@numcomp/core';
import type { Bounds, Constraint, RecordOptions, Schedule } from './types.js';

/** A schedule in object form. */
export type ScheduleSpec = Exclude<Schedule, 'constant'>;

/** Validates `schedule` (the base rate is checked separately) and returns its object form. */
export function checkSchedule(s: unknown): ScheduleSpec {
  if (s === undefined || s === 'constant') return { type: 'constant' };
  if (s === null || typeof s !== 'object')
    throw typeError('schedule', s, 'expected "constant" or { type, ... }');
  const o = s as Record<string, unknown>;
  const positiveInt = (k: string): void => {
    const v = o[k];
    if (typeof v !== 'number') throw typeError(`schedule.${k}`, v, 'expected a number');
    if (!(Number.isInteger(v) && v >= 1)) throw rangeError(`schedule.${k}`, v, 'expected an integer ≥ 1');
  };
  const inRange = (k: string, lo: number, hi: number, optional = false): void => {
    const v = o[k];
    if (optional && v === undefined) return;
    if (typeof v !== 'number') throw typeError(`schedule.${k}`, v, 'expected a number');
    if (!(v >= lo && v <= hi)) throw rangeError(`schedule.${k}`, v, `expected a number in [${lo}, ${hi}]`);
  };
  switch (o.type) {
    case 'constant':
      return { type: 'constant' };
    case 'step':
      positiveInt('every');
      inRange('factor', 0, 1);
      return s as ScheduleSpec;
    case 'exponential':
      inRange('decay', 0, 1);
      return s as ScheduleSpec;
    case 'inverse-time':
      inRange('decay', 0, Number.MAX_VALUE);
      return s as ScheduleSpec;
    case 'cosine':
      if (o.period !== undefined) positiveInt('period');
      inRange('minLr', 0, Number.MAX_VALUE, true);
      return s as ScheduleSpec;
    default:
      throw rangeError(
        'schedule.type',
        o.type,
        'expected constant, step, exponential, inverse-time or cosine',
      );
  }
}

/** Validates constraints for dimension n. */
export function checkConstraints(cs: unknown, n?: number): readonly Constraint[] {
  if (cs === undefined) return [];
  if (!Array.isArray(cs)) throw typeError('constraints', cs, 'expected an array');
  cs.forEach((c: unknown, j) => {
    const name = `constraints[${j}]`;
    if (c === null || typeof c !== 'object') throw typeError(name, c, 'expected { type, ... }');
    const o = c as Record<string, unknown>;
    const vec = (k: string): ArrayLike<number> => {
      const v = o[k];
      checkVector(`${name}.${k}`, v);
      if (n !== undefined && v.length !== n) throw rangeError(`${name}.${k}`, v, `expected length ${n}`);
      return v;
    };
    const finiteVec = (k: string): void => {
      const v = vec(k);
      for (let i = 0; i < v.length; i++) {
        if (!Number.isFinite(v[i])) throw rangeError(`${name}.${k}[${i}]`, v[i], 'expected a finite number');
      }
    };
    switch (o.type) {
      case 'box': {
        const lo = vec('lower');
        const hi = vec('upper');
        if (hi.length !== lo.length) {
          throw rangeError(`${name}.upper`, hi, `expected length ${lo.length}, as lower`);
        }
        for (let i = 0; i < lo.length; i++) {
          const l = lo[i]!;
          const u = hi[i]!;
          if (Number.isNaN(l) || l === Number.POSITIVE_INFINITY) {
            throw rangeError(`${name}.lower[${i}]`, l, 'expected a number < Infinity');
          }
          if (Number.isNaN(u) || u === Number.NEGATIVE_INFINITY) {
            throw rangeError(`${name}.upper[${i}]`, u, 'expected a number > -Infinity');
          }
          if (l > u) throw rangeError(`${name}.lower[${i}]`, l, `greater than upper ${u}`);
        }
        break;
      }
      case 'ball': {
        if (o.center !== undefined) finiteVec('center');
        const r = o.radius;
        if (typeof r !== 'number') throw typeError(`${name}.radius`, r, 'expected a number');
        if (!(r >= 0 && r < Number.POSITIVE_INFINITY)) {
          throw rangeError(`${name}.radius`, r, 'expected a finite number ≥ 0');
        }
        break;
      }
      case 'halfspace': {
        finiteVec('a');
        const a = o.a as ArrayLike<number>;
        let nz = false;
        for (let i = 0; i < a.length; i++) if (a[i] !== 0) nz = true;
        if (!nz) throw rangeError(`${name}.a`, a, 'expected a non-zero normal');
        if (typeof o.b !== 'number') throw typeError(`${name}.b`, o.b, 'expected a number');
        if (!Number.isFinite(o.b)) throw rangeError(`${name}.b`, o.b, 'expected a finite number');
        break;
      }
      default:
        throw rangeError(`${name}.type`, o.type, 'expected box, ball or halfspace');
    }
  });
  return cs as readonly Constraint[];
}

/** Validates `record`: a boolean or `{ every?, max? }`. */
export function checkRecord(record: unknown): boolean | RecordOptions {
  if (typeof record === 'boolean') return record;
  if (record === null || typeof record !== 'object' || Array.isArray(record)) {
    throw typeError('record', record, 'expected a boolean or { every, max }');
  }
  for (const k of Object.keys(record)) {
    if (k !== 'every' && k !== 'max')
      throw rangeError(`record.${k}`, (record as Record<string, unknown>)[k], 'expected every or max');
  }
  const { every, max } = record as RecordOptions;
  if (every !== undefined && !(Number.isInteger(every) && every >= 1)) {
    throw rangeError('record.every', every, 'expected an integer ≥ 1');
  }
  if (max !== undefined && !((Number.isInteger(max) && max >= 2) || max === Number.POSITIVE_INFINITY)) {
    throw rangeError('record.max', max, 'expected an integer ≥ 2');
  }
  return record as RecordOptions;
}

/** Validates `initialSimplex` (finite rows of equal length; with n, exactly n + 1 rows of n). */
export function checkInitialSimplex(init: unknown, n?: number): number[][] {
  const rows = toRows('initialSimplex', init as ArrayLike<ArrayLike<number>>);
  const cols = rows[0]?.length ?? 0;
  if (rows.length !== cols + 1 || (n !== undefined && cols !== n)) {
    const m = n ?? cols;
    throw rangeError('initialSimplex', init, `expected ${m + 1} rows of ${m} numbers`);
  }
  for (let v = 0; v < rows.length; v++) {
    const row = rows[v]!;
    if (row.length !== cols) throw rangeError(`initialSimplex[${v}]`, row, `expected ${cols} numbers`);
    for (let j = 0; j < cols; j++) {
      if (!Number.isFinite(row[j]))
        throw rangeError(`initialSimplex[${v}][${j}]`, row[j], 'expected a finite number');
    }
  }
  return rows;
}

/**
 * Validates `bounds` (n pairs [lower, upper], null or ±Infinity for none, lower ≤ upper, no NaN) and
 * returns them as two Float64Arrays with −∞/+∞ for missing bounds. With n, the length must be n.
 */
export function checkBounds(b: unknown, n?: number): { lower: Float64Array; upper: Float64Array } {
  if (b === null || typeof b !== 'object' || typeof (b as ArrayLike<unknown>).length !== 'number') {
    throw typeError('bounds', b, 'expected an array of [lower, upper] pairs');
  }
  const pairs = b as Bounds;
  const m = pairs.length;
  if (m === 0 || (n !== undefined && m !== n)) {
    throw rangeError('bounds', b, `expected ${n ?? 'one or more'} [lower, upper] pairs, got ${m}`);
  }
  const lower = new Float64Array(m);
  const upper = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const p = pairs[i] as unknown;
    if (p === null || typeof p !== 'object' || (p as ArrayLike<unknown>).length !== 2) {
      throw typeError(`bounds[${i}]`, p, 'expected [lower, upper]');
    }
    const [lo, hi] = p as readonly [unknown, unknown];
    for (const [k, v] of [
      [0, lo],
      [1, hi],
    ] as const) {
      if (v !== null && typeof v !== 'number')
        throw typeError(`bounds[${i}][${k}]`, v, 'expected a number or null');
      if (typeof v === 'number' && Number.isNaN(v))
        throw rangeError(`bounds[${i}][${k}]`, v, 'expected a number or null');
    }
    const l = lo === null ? Number.NEGATIVE_INFINITY : (lo as number);
    const u = hi === null ? Number.POSITIVE_INFINITY : (hi as number);
    if (l === Number.POSITIVE_INFINITY)
      throw rangeError(`bounds[${i}][0]`, l, 'expected a number < Infinity');
    if (u === Number.NEGATIVE_INFINITY)
      throw rangeError(`bounds[${i}][1]`, u, 'expected a number > -Infinity');
    if (l > u) throw rangeError(`bounds[${i}]`, p, 'lower > upper');
    lower[i] = l;
    upper[i] = u;
  }
  return { lower, upper };
}
