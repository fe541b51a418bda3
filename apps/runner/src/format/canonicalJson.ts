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
  const s = write(value);
  if (s === undefined) throw fault(value, 'value');
  return s;
}

/** The canonical text, or `undefined` if some part is not plain JSON (paths are built only then). */
function write(v: unknown): string | undefined {
  switch (typeof v) {
    case 'number':
      return Number.isFinite(v) ? JSON.stringify(v) : undefined;
    case 'string':
    case 'boolean':
      return JSON.stringify(v);
    case 'object': {
      if (v === null) return 'null';
      if (Array.isArray(v)) {
        // A point (finite numbers): JSON.stringify's text, flat (a string grown by += is a rope that
        // keeps its pieces: 3× the memory of 10⁵ x0 rows).
        let plain = true;
        for (let i = 0; i < v.length && plain; i++) {
          const e = v[i];
          plain = typeof e === 'number' && Number.isFinite(e);
        }
        if (plain) return JSON.stringify(v);
        let s = '[';
        for (let i = 0; i < v.length; i++) {
          const e = write(v[i]);
          if (e === undefined) return undefined;
          s += i === 0 ? e : `,${e}`;
        }
        return `${s}]`;
      }
      const proto = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) return undefined;
      const o = v as Record<string, unknown>;
      const keys = Object.keys(o)
        .filter((k) => o[k] !== undefined)
        .sort();
      let s = '{';
      for (let i = 0; i < keys.length; i++) {
        const e = write(o[keys[i]!]);
        if (e === undefined) return undefined;
        s += `${i === 0 ? '' : ','}${JSON.stringify(keys[i])}:${e}`;
      }
      return `${s}}`;
    }
    default:
      return undefined;
  }
}

/** The TypeError for the first part of `v` that is not plain JSON, named by its path. */
function fault(v: unknown, path: string): TypeError {
  switch (typeof v) {
    case 'number':
      return typeError(path, v, 'expected a finite number (JSON)');
    case 'object': {
      if (v === null) break;
      if (Array.isArray(v)) {
        const i = v.findIndex((e) => write(e) === undefined);
        return fault(v[i], `${path}[${i}]`);
      }
      const proto = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null)
        return typeError(path, v, 'expected a plain JSON value');
      const o = v as Record<string, unknown>;
      const k = Object.keys(o)
        .filter((key) => o[key] !== undefined)
        .sort()
        .find((key) => write(o[key]) === undefined)!;
      return fault(o[k], `${path}.${k}`);
    }
  }
  return typeError(path, v, 'expected a plain JSON value');
}
