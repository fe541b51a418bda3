import { rangeError, typeError } from '@numcomp/core';

/** A finite number (optionally > 0), else `TypeError` / `RangeError` naming the argument. */
export function checkFiniteArg(name: string, v: unknown, positive = false): asserts v is number {
  if (typeof v !== 'number') throw typeError(name, v, 'expected a number');
  if (!Number.isFinite(v) || (positive && !(v > 0))) {
    throw rangeError(name, v, positive ? 'expected a finite number > 0' : 'expected a finite number');
  }
}

/** The most values one grid helper makes (an axis of 10⁷ numbers is 80 MB already). */
export const MAX_VALUES = 10_000_000;

/** The most points `pointsGrid` and `randomPoints` make (10⁶ points of 2 coordinates are ~100 MB). */
export const MAX_POINTS = 1_000_000;

/** An integer count from `min` (default 1) to {@link MAX_VALUES}. */
export function checkCount(name: string, v: unknown, min = 1, max = MAX_VALUES): asserts v is number {
  if (typeof v !== 'number') throw typeError(name, v, 'expected an integer');
  if (!Number.isInteger(v) || v < min || v > max)
    throw rangeError(name, v, `expected an integer from ${min} to ${max} (the most values one axis holds)`);
}

/** A box `[[lo, hi], ...]` with finite `lo ≤ hi` in every coordinate. */
export function checkBox(name: string, box: unknown): asserts box is readonly (readonly [number, number])[] {
  if (!Array.isArray(box) || box.length === 0) throw typeError(name, box, 'expected [[lo, hi], ...]');
  box.forEach((r: unknown, i) => {
    if (!Array.isArray(r) || r.length !== 2) throw typeError(`${name}[${i}]`, r, 'expected [lo, hi]');
    checkFiniteArg(`${name}[${i}][0]`, r[0]);
    checkFiniteArg(`${name}[${i}][1]`, r[1]);
    if (!(r[0] <= r[1])) throw rangeError(`${name}[${i}]`, r, 'expected lo <= hi');
  });
}

/** An integer seed in [0, 2³²). */
export function checkSeed(name: string, v: unknown): asserts v is number {
  if (typeof v !== 'number') throw typeError(name, v, 'expected an integer');
  if (!Number.isInteger(v) || v < 0 || v > 0xffffffff)
    throw rangeError(name, v, 'expected an integer in [0, 2^32)');
}
