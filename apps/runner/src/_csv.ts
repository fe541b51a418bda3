// results.csv: one row per run of a sweep, in grid order. A short array of scalars (x0, x) spreads
// over `name[i]` columns; anything else is one cell (JSON for objects). Workers print the rows of
// their plain optimizer runs (see `_digest.ts`) with the same code, so the main thread only checks
// that the columns it assumed are the sweep's and writes them.
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { jsonLine } from './_json.js';
import type { Json, Params, RunRecord } from './types.js';

/** Whether a value is written as `name[i]` columns (a short array of scalars). */
function spreads(v: Json | undefined): v is readonly (number | string)[] {
  return Array.isArray(v) && v.length <= 10 && v.every((e) => typeof e === 'number' || typeof e === 'string');
}

function cell(v: Json | undefined): string {
  if (typeof v === 'number') return `${v}`;
  if (v === undefined || v === null) return '';
  if (typeof v === 'object') return csvCell(jsonLine(v));
  return typeof v === 'string' ? csvCell(v) : String(v);
}

function csvCell(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** `,cell` for one column, or `,c0,c1,…` for `w` spread columns. */
function spread(v: Json | undefined, w: number): string {
  if (w === 0) return `,${cell(v)}`;
  let s = '';
  const a = Array.isArray(v) ? (v as Json[]) : undefined;
  for (let i = 0; i < w; i++) s += `,${a === undefined ? '' : cell(a[i])}`;
  return s;
}

const RESULT_FIELDS = ['fun', 'gradNorm', 'nit', 'nfev', 'ngev', 'nhev'];
const MEMO = 100_000;

/** Columns of a key: its name and its width (0: one cell; w: `name[0]` … `name[w-1]`). */
export type CsvColumns = readonly (readonly [string, number])[];

/** The columns of params (or values) of one record, as a first guess of a sweep's columns. */
export function csvColumnsOf(obj: Params): CsvColumns {
  const out: [string, number][] = [];
  for (const k in obj) {
    const v = obj[k];
    out.push([k, spreads(v) ? v.length : 0]);
  }
  return out;
}

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
    for (let j = 0; j < this.columns.length; j++) {
      const [k, w] = this.columns[j]!;
      const v = params[k];
      if (w === 0) s += `,${this.cell(j, v)}`;
      else if (Array.isArray(v))
        for (let i = 0; i < w; i++) s += `,${i < v.length ? this.cell(j, v[i]) : ''}`;
      else s += spread(v, w);
    }
    return s;
  }
}

/**
 * The results.csv row of a plain optimizer run (no message), its numbers given as printed: `results`
 * is `,fun,gradNorm,nit,nfev,ngev,nhev,x₀,…` (every x cell), `time` the run's time. It is the row
 * {@link writeCsv} prints when the sweep's columns are `params.columns`, the result columns, exactly
 * as many `x[i]` columns, and no values.
 */
export function plainRow(id: string, status: string, params: string, results: string, time: string): string {
  return `${id},${status}${params}${results},,${time}`;
}

/**
 * Rows printed while a sweep ran, for `columns` (see {@link plainRow}): the row of `records[i]` is the
 * UTF-8 line of `bytes[i]` that starts at `at[i]`. A batch's rows are one array, so that consecutive
 * rows of a batch are written as one piece.
 */
export interface CsvDraft {
  readonly columns: CsvColumns;
  readonly bytes: readonly (Uint8Array | undefined)[];
  readonly at: ArrayLike<number>;
}

function sameColumns(a: CsvColumns, b: CsvColumns): boolean {
  return a.length === b.length && a.every(([k, w], i) => b[i]![0] === k && b[i]![1] === w);
}

/**
 * Writes results.csv: id, status, parameters, results, (function experiments) values, message, time.
 * Rows of a `draft` are used where they hold what this would print (the same text either way).
 */
export function writeCsv(dir: string, records: readonly RunRecord[], draft?: CsvDraft): void {
  // Columns: each key of params and values with its width (0 = one cell), from every record.
  const pw = new Map<string, number>();
  const vw = new Map<string, number>();
  let xWidth = 0;
  let hasResults = false;
  const widths = new Map<Json | undefined, number>();
  const widen = (m: Map<string, number>, obj: Params): void => {
    for (const k in obj) {
      const v = obj[k];
      let w = widths.get(v);
      if (w === undefined) {
        w = spreads(v) ? v.length : 0;
        if (widths.size < MEMO) widths.set(v, w);
      }
      const prev = m.get(k);
      if (prev === undefined) m.set(k, w);
      else if (prev !== w && prev !== 0) m.set(k, 0);
    }
  };
  for (const r of records) {
    widen(pw, r.params);
    if (r.values !== undefined) widen(vw, r.values);
    if (r.x !== undefined && r.x.length <= 10) xWidth = Math.max(xWidth, r.x.length);
    if (r.fun !== undefined || r.nit !== undefined) hasResults = true;
  }
  const params = [...pw];
  const vals = [...vw];
  const header = ['id', 'status'];
  const name = (prefix: string, k: string, w: number): string[] =>
    w === 0 ? [`${prefix}${k}`] : Array.from({ length: w }, (_, i) => `${prefix}${k}[${i}]`);
  for (const [k, w] of params) header.push(...name('', k, w));
  if (hasResults) header.push(...RESULT_FIELDS, ...name('', 'x', xWidth));
  for (const [k, w] of vals) header.push(...name('values.', k, w));
  header.push('message', 'time');
  const drafted =
    draft !== undefined && hasResults && vals.length === 0 && sameColumns(draft.columns, params)
      ? draft
      : undefined;
  const cells = new CsvParams(params);
  const fd = openSync(join(dir, 'results.csv'), 'w');
  let buf = `${header.map(csvCell).join(',')}\n`;
  // Drafted rows pending: bytes `from` … `to` of one batch's rows.
  let piece: Uint8Array | undefined;
  let from = 0;
  let to = 0;
  // A Buffer view of the last batch's rows (its indexOf is native).
  let viewOf: Uint8Array | undefined;
  let view: Buffer | undefined;
  const flush = (): void => {
    if (piece === undefined) return;
    if (buf !== '') writeSync(fd, buf);
    buf = '';
    for (let off = from; off < to; ) off += writeSync(fd, piece, off, to - off);
    piece = undefined;
  };
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    const rows = drafted?.bytes[i];
    if (rows !== undefined && r.x?.length === xWidth) {
      const start = drafted!.at[i]!;
      if (rows !== viewOf) {
        viewOf = rows;
        view = Buffer.from(rows.buffer, rows.byteOffset, rows.byteLength);
      }
      const end = view!.indexOf(0x0a, start) + 1;
      if (rows === piece && start === to) to = end;
      else {
        flush();
        piece = rows;
        from = start;
        to = end;
      }
      continue;
    }
    flush();
    let s = `${r.id},${r.status}${cells.text(r.params)}`;
    if (hasResults) {
      s += `,${cell(r.fun)},${cell(r.gradNorm)},${cell(r.nit)},${cell(r.nfev)},${cell(r.ngev)},${cell(r.nhev)}`;
      s += spread(r.x as Json | undefined, xWidth);
    }
    if (vals.length > 0) for (const [k, w] of vals) s += spread(r.values?.[k], w);
    buf += `${s},${cell(r.message)},${r.time}\n`;
    if (buf.length > 1 << 20) {
      writeSync(fd, buf);
      buf = '';
    }
  }
  flush();
  writeSync(fd, buf);
  closeSync(fd);
}
