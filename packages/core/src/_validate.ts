/** Formats a value for an error message: short, unambiguous, never throws. */
export function show(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string') return JSON.stringify(value);
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

/** `RangeError("invalid <name>: <value>")`, optionally with a reason. */
export function rangeError(name: string, value: unknown, why?: string): RangeError {
  return new RangeError(`invalid ${name}: ${show(value)}${why ? ` (${why})` : ''}`);
}

/** `TypeError("invalid <name>: <value>")`, optionally with a reason. */
export function typeError(name: string, value: unknown, why?: string): TypeError {
  return new TypeError(`invalid ${name}: ${show(value)}${why ? ` (${why})` : ''}`);
}

/** Checks that `x` is a non-empty array-like of numbers (NaN and ±Infinity allowed). */
export function checkVector(name: string, x: unknown): asserts x is ArrayLike<number> {
  if (x === null || typeof x !== 'object' || typeof (x as ArrayLike<number>).length !== 'number') {
    throw typeError(name, x, 'expected an array of numbers');
  }
  const a = x as ArrayLike<unknown>;
  if (a.length === 0) throw rangeError(name, x, 'empty');
  if (!(a instanceof Float64Array) && !(a instanceof Float32Array)) {
    for (let i = 0; i < a.length; i++) {
      if (typeof a[i] !== 'number') throw typeError(`${name}[${i}]`, a[i], 'expected a number');
    }
  }
}

/** Checks that `f` is a function. */
export function checkFunction(name: string, f: unknown): asserts f is (...args: never[]) => unknown {
  if (typeof f !== 'function') throw typeError(name, f, 'expected a function');
}

/** Checks that `v` is a finite number, optionally positive. */
export function checkFinite(name: string, v: unknown, positive = false): asserts v is number {
  if (typeof v !== 'number') throw typeError(name, v, 'expected a number');
  if (!Number.isFinite(v) || (positive && !(v > 0))) {
    throw rangeError(name, v, positive ? 'expected a finite number > 0' : 'expected a finite number');
  }
}
