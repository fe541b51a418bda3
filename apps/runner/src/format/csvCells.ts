// results.csv cells, shared by the workers (which print the rows of their plain runs) and the
// coordinator (which prints the others): one function for both, so that a row is the same text
// whoever prints it. A short array of scalars (x0, x) spreads over `name[i]` columns; anything else is
// one cell (JSON for objects); text that a spreadsheet would run as a formula is quoted as text.

import type { Json, Params } from '../types.js';
import { jsonLine } from './jsonLine.js';

/** Whether a value is written as `name[i]` columns (a short array of scalars). */
export function spreads(v: Json | undefined): v is readonly (number | string)[] {
  return Array.isArray(v) && v.length <= 10 && v.every((e) => typeof e === 'number' || typeof e === 'string');
}

/** One CSV cell for a value: numbers as JavaScript prints them, objects as JSON, text quoted as needed. */
export function cell(v: Json | undefined): string {
  if (typeof v === 'number') return `${v}`;
  if (v === undefined || v === null) return '';
  if (typeof v === 'object') return csvCell(jsonLine(v));
  return typeof v === 'string' ? csvCell(v) : String(v);
}

const FORMULA = /^[=+\-@\t\r]/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$|^[+-]?Infinity$/i;

/**
 * Text as one CSV cell: quoted when it holds a comma, quote or line break (quotes doubled, RFC 4180),
 * and prefixed with `'` when it begins with `=`, `+`, `-`, `@`, a tab or a carriage return and is not
 * a plain number, so that a spreadsheet shows it instead of running it as a formula (OWASP).
 */
export function csvCell(s: string): string {
  const t = FORMULA.test(s) && !NUMBER.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(t) ? `"${t.replaceAll('"', '""')}"` : t;
}

/** `,cell` for one column, or `,c0,c1,…` for `w` spread columns. */
export function spread(v: Json | undefined, w: number): string {
  if (w === 0) return `,${cell(v)}`;
  let s = '';
  const a = Array.isArray(v) ? (v as Json[]) : undefined;
  for (let i = 0; i < w; i++) s += `,${a === undefined ? '' : cell(a[i])}`;
  return s;
}

export const RESULT_FIELDS = ['fun', 'gradNorm', 'nit', 'nfev', 'ngev', 'nhev'];
export const MEMO = 100_000;

/** Columns of a key: its name and its width (0: one cell; w: `name[0]` … `name[w-1]`). */
export type CsvColumns = readonly (readonly [string, number])[];

/**
 * The parameter cells of rows (`,c,c,…`) for given columns. A grid repeats each value over many rows:
 * each scalar (and each shared object) is printed once per column.
 */
export class CsvParams {
  private readonly memo: Map<Json | undefined, string>[];

  constructor(readonly columns: CsvColumns) {
    this.memo = columns.map(() => new Map());
  }

  private cell(j: number, v: Json | undefined): string {
    const m = this.memo[j]!;
    let t = m.get(v);
    if (t === undefined) {
      t = cell(v);
      if (m.size < MEMO) m.set(v, t);
    }
    return t;
  }

  text(params: Params): string {
    let s = '';
    for (let j = 0; j < this.columns.length; j++) s += this.column(j, params[this.columns[j]![0]]);
    return s;
  }

  /** The cells of column `j` (`,c` or `,c0,c1,…`) for value `v` (undefined: empty cells). */
  column(j: number, v: Json | undefined): string {
    const w = this.columns[j]![1];
    if (w === 0) return `,${this.cell(j, v)}`;
    if (!Array.isArray(v)) return spread(v, w);
    let s = '';
    for (let i = 0; i < w; i++) s += `,${i < v.length ? this.cell(j, v[i]) : ''}`;
    return s;
  }
}
