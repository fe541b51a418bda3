// JSON for results files. JSON has no NaN or ±Infinity, and diverging runs produce them, so they are
// written as the strings "NaN", "Infinity", "-Infinity" and read back as numbers.

function replacer(_key: string, v: unknown): unknown {
  return typeof v === 'number' && !Number.isFinite(v) ? String(v) : v;
}

/**
 * `JSON.stringify` that keeps non-finite numbers (as strings). Without a replacer they print as `null`,
 * so a text without `null` in it holds none and is the answer; only one with `null` is printed again
 * through the replacer. The replacer is a call per value: 200 ms of the trainability report's CSV,
 * whose cells are arrays of 10⁵ numbers.
 */
export function jsonLine(value: unknown): string {
  const plain = JSON.stringify(value) as string | undefined;
  return plain === undefined || plain.includes('null') ? JSON.stringify(value, replacer) : plain;
}

const NON_FINITE: Readonly<Record<string, number>> = {
  NaN: Number.NaN,
  Infinity: Number.POSITIVE_INFINITY,
  '-Infinity': Number.NEGATIVE_INFINITY,
};

/** Turns the strings `"NaN"`, `"Infinity"`, `"-Infinity"` back into numbers, in place, at any depth. */
export function reviveNumbers<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  const o = value as Record<string, unknown>;
  for (const k in o) {
    const v = o[k];
    if (typeof v === 'string') {
      const n = NON_FINITE[v];
      if (n !== undefined) o[k] = n;
    } else if (v !== null && typeof v === 'object') reviveNumbers(v);
  }
  return value;
}
