// Reading a value out of a run record by a path such as `lr`, `x0[1]`, `fun`, `values.error`.
import { canonicalJson } from '../format/canonicalJson.js';
import { RECORD_FIELDS } from '../format/fields.js';
import { param } from '../format/flatParams.js';
import type { Json, RunRecord, Where } from '../types.js';

type Token = string | number;

function tokens(path: string): Token[] {
  const out: Token[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out;
}

/** A reader for `path`: `params.k` / `values.k` explicitly, else a parameter, a record field, or a value. */
export function accessor(path: string): (r: RunRecord) => Json | undefined {
  const t = tokens(path);
  const head = t[0];
  const rest = t.slice(1);
  const walk = (v: unknown, ks: readonly Token[]): Json | undefined => {
    for (const k of ks) {
      if (v === null || typeof v !== 'object') return undefined;
      v = (v as Record<string | number, unknown>)[k];
    }
    return v as Json | undefined;
  };
  if (head === 'params') {
    // `params.lr` reads the parameter by its name; `params.optimizer.lr` walks the nesting.
    const first = rest[0];
    if (typeof first === 'string' && first !== 'optimizer' && first !== 'objective' && first !== 'x0')
      return (r) => walk(param(r.params, first), rest.slice(1));
    return (r) => walk(r.params, rest);
  }
  if (head === 'values') return (r) => walk(r.values, rest);
  if (typeof head !== 'string') return () => undefined;
  const field = RECORD_FIELDS.has(head);
  // The common paths, `lr` and `x0[1]`, read directly (reports call these 10⁵ times).
  if (t.length === 1) {
    return (r) => {
      const p = param(r.params, head);
      if (p !== undefined) return p;
      return field ? (r as unknown as Record<string, Json | undefined>)[head] : r.values?.[head];
    };
  }
  return (r) => {
    const p = param(r.params, head);
    if (p !== undefined) return walk(p, rest);
    if (field) return walk(r, t);
    return walk(r.values, t);
  };
}

/**
 * A key for grouping and comparing values: canonical JSON, with numbers as `String(v)` (so NaN and
 * ±Infinity, which results may hold, have keys too).
 */
export function keyOf(v: Json | undefined): string {
  if (v === undefined) return '';
  if (typeof v === 'number') return String(v);
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  // Runs of a grid share their parameter objects (x0, the objective): each is printed once.
  let k = keys.get(v);
  if (k === undefined) keys.set(v, (k = canonicalJson(v)));
  return k;
}

/** Canonical JSON of the parameter objects seen (records are read-only: see `SpaceWalker.params`). */
const keys = new WeakMap<object, string>();

/** A test for a filter (parameters or results), built once: each clause's allowed values as canonical JSON. */
export function matcher(where: Where | undefined): (r: RunRecord) => boolean {
  if (where === undefined) return () => true;
  const clauses = Object.entries(where).map(([k, cond]) => {
    const allowed =
      cond !== null && typeof cond === 'object' && !Array.isArray(cond) && 'in' in cond
        ? (cond.in as readonly Json[])
        : [cond as Json];
    return { get: accessor(k), allowed: new Set(allowed.map(keyOf)) };
  });
  // A grid repeats each number over many runs: its verdict is remembered (a clause reads one key).
  const seen = clauses.map(() => new Map<number, boolean>());
  return (r) => {
    for (let c = 0; c < clauses.length; c++) {
      const { get, allowed } = clauses[c]!;
      const v = get(r);
      if (typeof v === 'number') {
        const memo = seen[c]!;
        let ok = memo.get(v);
        if (ok === undefined) {
          ok = allowed.has(keyOf(v));
          if (memo.size < 4096) memo.set(v, ok);
        }
        if (!ok) return false;
      } else if (!allowed.has(keyOf(v))) return false;
    }
    return true;
  };
}

/** Does a record match a filter (parameters or results)? */
export function matches(r: RunRecord, where: Where | undefined): boolean {
  return matcher(where)(r);
}

/**
 * A short text for a value: numbers to `digits` significant digits (default 4; `'full'`: every digit,
 * as JavaScript prints the double), points as `(−3, 4)`.
 */
export function brief(v: Json | undefined, digits: number | 'full' = 4): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || digits === 'full') return String(v);
    if (Number.isInteger(v) && Math.abs(v) < 1e6) return String(v);
    const s = v.toPrecision(digits);
    return s.includes('e') ? s.replace(/\.?0+e/, 'e') : s.includes('.') ? s.replace(/\.?0+$/, '') : s;
  }
  if (Array.isArray(v)) return `(${v.map((e) => brief(e, digits)).join(', ')})`;
  if (typeof v === 'object') return canonicalJson(v);
  return String(v);
}

/** A number from a JSON value (the strings "NaN", "Infinity" and "-Infinity" included). */
export function toNumber(v: Json | undefined): number | undefined {
  if (typeof v === 'number') return v;
  if (v === 'NaN') return Number.NaN;
  if (v === 'Infinity') return Number.POSITIVE_INFINITY;
  if (v === '-Infinity') return Number.NEGATIVE_INFINITY;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return undefined;
}
