import { checkFinite, checkOptionKeys, didYouMean, rangeError, typeError } from './_validate.js';

/** Reads an optional step: `undefined` stays `undefined`, anything else must be finite and > 0. */
export function readStep(h: unknown, name = 'h'): number | undefined {
  if (h === undefined) return undefined;
  checkFinite(name, h, true);
  return h;
}

/** Reads a method option against the allowed names. */
export function readMethod<M extends string>(method: unknown, allowed: readonly M[], fallback: M): M {
  if (method === undefined) return fallback;
  if (typeof method !== 'string') throw typeError('method', method, `expected one of ${allowed.join(', ')}`);
  if (!allowed.includes(method as M)) {
    const near = didYouMean(method, allowed);
    throw rangeError(
      'method',
      method,
      `expected one of ${allowed.join(', ')}${near ? `; did you mean ${near}?` : ''}`,
    );
  }
  return method as M;
}

/**
 * Reads an options bag: `undefined` or a plain object whose keys are all in `known` (an unknown key is
 * an `ArgumentTypeError` with a did-you-mean, a non-object a `TypeError`).
 */
export function readOptions<T extends object>(options: T | undefined, known: readonly string[]): Partial<T> {
  checkOptionKeys(options, known);
  return options ?? {};
}
