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

/** The fields every argument error carries, so that no caller parses a message. */
export interface ArgumentErrorFields {
  /** The argument or option at fault, as a path: `lr`, `x0[2]`, `schedule.every`, `grad`. */
  readonly option: string;
  /** The offending value. */
  readonly value: unknown;
  /** Why it is wrong (the part of the message in parentheses), if said. */
  readonly reason: string | undefined;
}

function message(option: string, value: unknown, reason: string | undefined): string {
  return `invalid ${option}: ${show(value)}${reason ? ` (${reason})` : ''}`;
}

/**
 * Sets the fields as non-enumerable own properties: the error still compares equal to a plain
 * `RangeError`/`TypeError` with the same message (as tests and callers written before them expect).
 */
function fields(e: Error, option: string, value: unknown, reason: string | undefined): void {
  Object.defineProperties(e, {
    option: { value: option, enumerable: false },
    value: { value, enumerable: false },
    reason: { value: reason, enumerable: false },
  });
}

/**
 * A bad value of an argument or option (`invalid lr: -0.1 (expected a finite number > 0)`), with the
 * option and the value as fields.
 *
 * @example
 * ```ts
 * try { minimize(p, x0, { lr: -1 }); } catch (e) { if (e instanceof ArgumentRangeError) e.option; } // 'lr'
 * ```
 */
export class ArgumentRangeError extends RangeError implements ArgumentErrorFields {
  declare readonly option: string;
  declare readonly value: unknown;
  declare readonly reason: string | undefined;

  /**
   * @param option - The argument or option at fault.
   * @param value - The offending value.
   * @param reason - Why it is wrong.
   */
  constructor(option: string, value: unknown, reason?: string) {
    super(message(option, value, reason));
    fields(this, option, value, reason);
  }
}

/**
 * A value of the wrong type (`invalid f: [1, 2] (expected a number)`), with the option and the value as
 * fields.
 *
 * @example
 * ```ts
 * try { numericalGradient(f, x, { bogus: 1 }); } catch (e) { if (e instanceof ArgumentTypeError) e.option; }
 * ```
 */
export class ArgumentTypeError extends TypeError implements ArgumentErrorFields {
  declare readonly option: string;
  declare readonly value: unknown;
  declare readonly reason: string | undefined;

  /**
   * @param option - The argument or option at fault.
   * @param value - The offending value.
   * @param reason - Why it is wrong.
   */
  constructor(option: string, value: unknown, reason?: string) {
    super(message(option, value, reason));
    fields(this, option, value, reason);
  }
}

/** An error thrown by a numcomp argument check. */
export type ArgumentError = ArgumentRangeError | ArgumentTypeError;

/**
 * Whether `e` is an argument error of a numcomp package (it carries `option`, `value` and `reason`).
 *
 * @param e - Anything caught.
 * @returns True for {@link ArgumentRangeError} and {@link ArgumentTypeError}.
 * @example
 * ```ts
 * isArgumentError(new ArgumentRangeError('lr', -1)); // true
 * ```
 */
export function isArgumentError(e: unknown): e is ArgumentError {
  return e instanceof ArgumentRangeError || e instanceof ArgumentTypeError;
}

/** `RangeError("invalid <name>: <value>")`, optionally with a reason: an {@link ArgumentRangeError}. */
export function rangeError(name: string, value: unknown, why?: string): ArgumentRangeError {
  return new ArgumentRangeError(name, value, why);
}

/** `TypeError("invalid <name>: <value>")`, optionally with a reason: an {@link ArgumentTypeError}. */
export function typeError(name: string, value: unknown, why?: string): ArgumentTypeError {
  return new ArgumentTypeError(name, value, why);
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
 * The candidate nearest to `name`, if it is near enough to be a likely typo: case differences count
 * as nothing (`maxiter` → `maxIter`), then at most a third of the name's letters may differ.
 *
 * @param name - What was given.
 * @param candidates - The valid names.
 * @returns The suggestion, or undefined.
 * @example
 * ```ts
 * didYouMean('maxiter', ['lr', 'maxIter']); // 'maxIter'
 * didYouMean('lrr', ['lr', 'tol']); // 'lr'
 * ```
 */
export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Number.POSITIVE_INFINITY;
  let prefix: string | undefined;
  const lower = name.toLowerCase();
  for (const c of candidates) {
    const cl = c.toLowerCase();
    const d = cl === lower ? 0 : distance(lower, cl) + 0.5;
    // Ties go to the candidate of the name's length (`xo` → `x0`, not `x`).
    const closer =
      best !== undefined && Math.abs(c.length - name.length) < Math.abs(best.length - name.length);
    if (d < bestD || (d === bestD && closer)) {
      bestD = d;
      best = c;
    }
    // Failing a near spelling, a prefix (`lrate` → `lr`, `learn` → `learning-rate`).
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

/**
 * Refuses option keys that are not in `known`: an {@link ArgumentTypeError}
 * `unknown option maxiter; did you mean maxIter?` with `option` the key and `value` its value.
 * SciPy's `_check_unknown_options` warns; numcomp refuses.
 *
 * @param options - The options object given (undefined passes).
 * @param known - The valid keys.
 * @param where - Prefix of the option path (e.g. `lineSearchOptions.`), default none.
 * @example
 * ```ts
 * checkOptionKeys({ maxiter: 5 }, ['lr', 'maxIter']); // throws "unknown option maxiter; did you mean maxIter?"
 * ```
 */
export function checkOptionKeys(options: unknown, known: readonly string[], where = ''): void {
  if (options === undefined) return;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw typeError(where === '' ? 'options' : where.replace(/\.$/, ''), options, 'expected an object');
  }
  for (const k of Object.keys(options)) {
    if (known.includes(k)) continue;
    const near = didYouMean(k, known);
    const e = new ArgumentTypeError(`${where}${k}`, (options as Record<string, unknown>)[k]);
    e.message = `unknown option ${where}${k}${near ? `; did you mean ${where}${near}?` : ` (expected one of ${known.join(', ')})`}`;
    throw e;
  }
}
