// Argument checks at the public edge. Viz imports d3 only, so these mirror @numcomp/core's helpers:
// messages read `invalid <name>: <value>` with an optional reason.

/** Formats a value for an error message: short, unambiguous, never throws. */
export function show(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string')
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'function') return `function ${value.name || '(anonymous)'}`;
  if (value === null || value === undefined) return String(value);
  if (ArrayBuffer.isView(value) || Array.isArray(value)) {
    const a = value as ArrayLike<unknown>;
    const head = Array.from({ length: Math.min(a.length, 6) }, (_, i) => show(a[i]));
    return `[${head.join(', ')}${a.length > 6 ? `, … (${a.length} items)` : ''}]`;
  }
  try {
    const s = JSON.stringify(value);
    return s.length > 80 ? `${s.slice(0, 77)}...` : s;
  } catch {
    return Object.prototype.toString.call(value);
  }
}

export function rangeError(name: string, value: unknown, why?: string): RangeError {
  return new RangeError(`invalid ${name}: ${show(value)}${why ? ` (${why})` : ''}`);
}

export function typeError(name: string, value: unknown, why?: string): TypeError {
  return new TypeError(`invalid ${name}: ${show(value)}${why ? ` (${why})` : ''}`);
}

export function checkObject(name: string, v: unknown): asserts v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') throw typeError(name, v, 'expected an object');
}

export function checkArray(name: string, v: unknown): asserts v is unknown[] {
  if (!Array.isArray(v)) throw typeError(name, v, 'expected an array');
}

/** An array-like of numbers (NaN and ±Infinity allowed: plots skip them). */
export function checkNumbers(name: string, x: unknown): asserts x is ArrayLike<number> {
  if (x === null || typeof x !== 'object' || typeof (x as ArrayLike<number>).length !== 'number') {
    throw typeError(name, x, 'expected an array of numbers');
  }
  if (ArrayBuffer.isView(x)) return;
  const a = x as ArrayLike<unknown>;
  for (let i = 0; i < a.length; i++) {
    if (typeof a[i] !== 'number') throw typeError(`${name}[${i}]`, a[i], 'expected a number');
  }
}

export function checkSameLength(
  name: string,
  a: ArrayLike<number>,
  other: string,
  b: ArrayLike<number>,
): void {
  if (a.length !== b.length) {
    throw rangeError(name, a, `length ${a.length}, but ${other} has length ${b.length}`);
  }
}

export function checkPositive(name: string, v: unknown): asserts v is number {
  if (typeof v !== 'number') throw typeError(name, v, 'expected a number');
  if (!(Number.isFinite(v) && v > 0)) throw rangeError(name, v, 'expected a finite number > 0');
}

export function checkPositiveInteger(name: string, v: unknown): asserts v is number {
  if (typeof v !== 'number') throw typeError(name, v, 'expected a number');
  if (!(Number.isInteger(v) && v > 0)) throw rangeError(name, v, 'expected an integer > 0');
}

export function checkFunction(name: string, f: unknown): asserts f is (...args: never[]) => unknown {
  if (typeof f !== 'function') throw typeError(name, f, 'expected a function');
}

export function checkOneOf<T extends string>(
  name: string,
  v: unknown,
  allowed: readonly T[],
): asserts v is T {
  if (!allowed.includes(v as T)) throw rangeError(name, v, `expected one of ${allowed.join(', ')}`);
}

export function checkText(name: string, v: unknown): asserts v is string | undefined {
  if (v !== undefined && typeof v !== 'string') throw typeError(name, v, 'expected a string');
}

/** A `[min, max]` domain: two finite, distinct numbers, both > 0 on a log scale. */
export function checkDomain(
  name: string,
  d: unknown,
  scale: 'linear' | 'log',
): asserts d is [number, number] {
  if (d === undefined) return;
  if (!Array.isArray(d) || d.length !== 2 || typeof d[0] !== 'number' || typeof d[1] !== 'number') {
    throw typeError(name, d, 'expected [min, max]');
  }
  if (!Number.isFinite(d[0]) || !Number.isFinite(d[1]) || d[0] === d[1]) {
    throw rangeError(name, d, 'expected two distinct finite numbers');
  }
  if (scale === 'log' && !(d[0] > 0 && d[1] > 0)) throw rangeError(name, d, 'a log scale needs a domain > 0');
}

/** Checks that the options argument is an object, without narrowing its declared type. */
export function checkOptions(v: unknown, name = 'options'): void {
  if (v === null || typeof v !== 'object') throw typeError(name, v, 'expected an object');
}

/** Levenshtein distance, for did-you-mean suggestions (short strings only). */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/**
 * The candidate nearest to `name` if it is a likely typo (as `@numcomp/core`'s `didYouMean`): case
 * differences count as nothing, then at most a third of the letters may differ; failing that, a prefix.
 */
export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Number.POSITIVE_INFINITY;
  let prefix: string | undefined;
  const lower = name.toLowerCase();
  for (const c of candidates) {
    const cl = c.toLowerCase();
    const d = cl === lower ? 0 : distance(lower, cl) + 0.5;
    const closer =
      best !== undefined && Math.abs(c.length - name.length) < Math.abs(best.length - name.length);
    if (d < bestD || (d === bestD && closer)) {
      bestD = d;
      best = c;
    }
    if (
      prefix === undefined &&
      cl.length >= 2 &&
      lower.length >= 2 &&
      (lower.startsWith(cl) || cl.startsWith(lower))
    )
      prefix = c;
  }
  if (best !== undefined && bestD <= Math.max(1.5, Math.ceil(name.length / 3) + 0.5)) return best;
  return prefix;
}

/** An error about one option, carrying the option's name and value as fields. */
export type OptionError<E extends Error> = E & { option: string; value: unknown };

/**
 * Refuses keys of `options` that are not in `known`: a `TypeError`
 * `unknown option colour; did you mean color?` (or `…(expected one of …)`), with `option` and `value`.
 */
export function checkKeys(options: object, known: readonly string[], where = ''): void {
  for (const k of Object.keys(options)) {
    if (known.includes(k)) continue;
    const near = didYouMean(k, known);
    const e = new TypeError(
      `unknown option ${where}${k}${near ? `; did you mean ${where}${near}?` : ` (expected one of ${known.join(', ')})`}`,
    ) as OptionError<TypeError>;
    e.option = `${where}${k}`;
    e.value = (options as Record<string, unknown>)[k];
    throw e;
  }
}
