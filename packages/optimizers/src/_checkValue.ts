// One value against its description (kind and range), shared by `OPTIONS` (options.ts) and the line
// searches' `LINE_SEARCH_PARAMS`:
//
//   checkValue('lr', { kind: 'number', min: 0, minExclusive: true }, -0.1);
//   // throws ArgumentRangeError "invalid lr: -0.1 (expected a finite number > 0)"
//
// A missing `max` means "finite"; `max: Infinity` (inclusive) admits Infinity.
import { checkVector, didYouMean, rangeError, show, typeError } from '@numcomp/core';

/** The part of an option's description that `checkValue` reads. */
export interface ValueSpec {
  readonly kind: 'number' | 'integer' | 'enum' | 'boolean' | 'vector' | 'object' | 'function';
  readonly values?: readonly string[];
  readonly min?: number;
  readonly minExclusive?: boolean;
  readonly max?: number;
  readonly maxExclusive?: boolean;
}

/** The range of a numeric spec in words: `expected a finite number > 0`, `expected a number in [0, 1)`. */
export function rangeText(spec: ValueSpec): string {
  const what = spec.kind === 'integer' ? 'an integer' : 'a number';
  const { min, max } = spec;
  if (max === undefined) {
    const finite = spec.kind === 'integer' ? what : `a finite number`;
    if (min === undefined) return `expected ${finite}`;
    return `expected ${finite} ${spec.minExclusive ? '>' : '≥'} ${show(min)}`;
  }
  if (max === Number.POSITIVE_INFINITY && !spec.maxExclusive) {
    const lo = min === undefined ? '' : ` ${spec.minExclusive ? '>' : '≥'} ${show(min)}`;
    return `expected ${what}${lo} or Infinity`;
  }
  const l = min === undefined ? '(-Infinity' : `${spec.minExclusive ? '(' : '['}${show(min)}`;
  return `expected ${what} in ${l}, ${show(max)}${spec.maxExclusive ? ')' : ']'}`;
}

/** True when the number `v` lies in the spec's range (and is an integer when it must be). */
function inRange(spec: ValueSpec, v: number): boolean {
  if (Number.isNaN(v)) return false;
  const max = spec.max ?? Number.POSITIVE_INFINITY;
  const maxExclusive = spec.max === undefined ? true : spec.maxExclusive === true;
  if (spec.min !== undefined && (spec.minExclusive ? !(v > spec.min) : !(v >= spec.min))) return false;
  if (spec.min === undefined && v === Number.NEGATIVE_INFINITY) return false;
  if (maxExclusive ? !(v < max) : !(v <= max)) return false;
  if (spec.kind === 'integer' && !Number.isInteger(v) && v !== Number.POSITIVE_INFINITY) return false;
  return true;
}

/**
 * Checks `v` (not undefined) against `spec`: `ArgumentTypeError` for a wrong type, `ArgumentRangeError`
 * for a value out of range or not among the enum's values, both with `.option = path`. Kinds 'object'
 * and 'vector' are checked for their type only (their shape belongs to the caller).
 */
export function checkValue(path: string, spec: ValueSpec, v: unknown): void {
  switch (spec.kind) {
    case 'number':
    case 'integer':
      if (typeof v !== 'number') throw typeError(path, v, 'expected a number');
      if (!inRange(spec, v)) throw rangeError(path, v, rangeText(spec));
      return;
    case 'boolean':
      if (typeof v !== 'boolean') throw typeError(path, v, 'expected a boolean');
      return;
    case 'function':
      if (typeof v !== 'function') throw typeError(path, v, 'expected a function');
      return;
    case 'enum': {
      const values = spec.values ?? [];
      if (typeof v !== 'string') throw typeError(path, v, `expected one of ${values.join(', ')}`);
      if (!values.includes(v)) {
        const near = didYouMean(v, values);
        throw rangeError(
          path,
          v,
          near === undefined ? `expected one of ${values.join(', ')}` : `did you mean ${near}?`,
        );
      }
      return;
    }
    case 'vector':
      checkVector(path, v);
      return;
    case 'object':
      if (v === null || typeof v !== 'object') throw typeError(path, v, 'expected an object');
      return;
  }
}
