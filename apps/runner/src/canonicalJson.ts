import { typeError } from '@numcomp/core';

/**
 * JSON with object keys sorted at every depth and no whitespace: equal values give equal strings,
 * whatever order their keys were written in. Numbers print as `JSON.stringify` prints them (shortest
 * round-trip form), so the string is a stable hashing input.
 *
 * @param value - A plain JSON value (finite numbers, strings, booleans, null, arrays, objects).
 * @returns The canonical JSON text.
 * @throws TypeError for a non-finite number, `undefined`, a function or another non-JSON value.
 * @example
 * ```ts
 * canonicalJson({ lr: 0.1, x0: [-3, 4], method: 'gradient-descent' });
 * // '{"lr":0.1,"method":"gradient-descent","x0":[-3,4]}'
 * ```
 */
export function canonicalJson(value: unknown): string {
  return write(value, 'value');
}

function write(v: unknown, path: string): string {
  switch (typeof v) {
    case 'number':
      if (!Number.isFinite(v)) throw typeError(path, v, 'expected a finite number (JSON)');
      return JSON.stringify(v);
    case 'string':
    case 'boolean':
      return JSON.stringify(v);
    case 'object': {
      if (v === null) return 'null';
      if (Array.isArray(v)) return `[${v.map((x, i) => write(x, `${path}[${i}]`)).join(',')}]`;
      const proto = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null)
        throw typeError(path, v, 'expected a plain JSON value');
      const o = v as Record<string, unknown>;
      const keys = Object.keys(o)
        .filter((k) => o[k] !== undefined)
        .sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${write(o[k], `${path}.${k}`)}`).join(',')}}`;
    }
    default:
      throw typeError(path, v, 'expected a plain JSON value');
  }
}
