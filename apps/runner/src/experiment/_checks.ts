import { rangeError, typeError } from '@numcomp/core';

/** A finite number (optionally > 0), else `TypeError` / `RangeError` naming the argument. */
export function checkFiniteArg(name: string, v: unknown, positive = false): asserts v is number {
  if (typeof v !== 'number') throw typeError(name, v, 'expected a number');
  if (!Number.isFinite(v) || (positive && !(v > 0))) {
    throw rangeError(name, v, positive ? 'expected a finite number > 0' : 'expected a finite number');
  }
}

/** An integer count ≥ `min` (default 1). */
export function checkCount(name: string, v: unknown, min = 1): asserts v is number {
  if (typeof v !== 'number') throw typeError(name, v, 'expected an integer');
  if (!Number.isInteger(v) || v < min || v > 1e8) throw rangeError(name, v, `expected an integer >= ${min}`);
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
