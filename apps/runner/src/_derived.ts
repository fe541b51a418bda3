// Files derived from results.jsonl after a sweep: summary.json (counts, best runs) and results.csv.
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { jsonLine } from './_json.js';
import type { SweepPlan } from './planSweep.js';
import type { Json, Params, RunRecord, RunStatus } from './types.js';

/** Counts of each status. */
export function countStatuses(records: readonly RunRecord[]): Partial<Record<RunStatus, number>> {
  const counts: Partial<Record<RunStatus, number>> = {};
  for (const r of records) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return counts;
}

/** Runs that did not fail, by final value, best first (optimizer experiments); ties keep grid order. */
export function bestRuns(records: readonly RunRecord[], n: number): RunRecord[] {
  // Top n by insertion: one pass, no sort of the whole sweep.
  const top: RunRecord[] = [];
  for (const r of records) {
    const f = r.fun;
    if (r.status === 'error' || r.status === 'timeout' || typeof f !== 'number' || Number.isNaN(f)) continue;
    if (top.length === n && !(f < top[n - 1]!.fun!)) continue;
    let i = top.length;
    while (i > 0 && f < top[i - 1]!.fun!) i--;
    top.splice(i, 0, r);
    if (top.length > n) top.pop();
  }
  return top;
}

/** The swept parameters of a run, for tables. */
export function sweptParams(r: RunRecord, swept: readonly string[]): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const k of swept) if (r.params[k] !== undefined) out[k] = r.params[k];
  return out;
}

/** Writes summary.json. */
export function writeSummary(dir: string, plan: SweepPlan, records: readonly RunRecord[]): void {
  const def = plan.experiment;
  const summary = {
    id: def.id,
    title: def.title,
    description: def.description,
    order: def.order ?? null,
    runs: records.length,
    planned: plan.runs.length,
    swept: plan.swept,
    statuses: countStatuses(records),
    best: bestRuns(records, 10).map((r) => ({
      id: r.id,
      params: sweptParams(r, plan.swept),
      status: r.status,
      fun: r.fun,
      nit: r.nit,
      x: r.x,
    })),
    time: { totalMs: Math.round(records.reduce((s, r) => s + r.time, 0)) },
  };
  writeFileSync(join(dir, 'summary.json'), `${JSON.stringify(JSON.parse(jsonLine(summary)), null, 2)}\n`);
}

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

const RESULT_FIELDS = ['fun', 'gradNorm', 'nit', 'nfev', 'ngev', 'nhev'];

/**
 * Writes results.csv: id, status, parameters, results, (function experiments) values, message, time.
 * A short array of scalars (x0, x) spreads over `name[i]` columns; anything else is one JSON cell.
 */
export function writeCsv(dir: string, records: readonly RunRecord[]): void {
  // Columns: each key of params and values with its width (0 = one cell), from every record.
  const pw = new Map<string, number>();
  const vw = new Map<string, number>();
  let xWidth = 0;
  let hasResults = false;
  const widen = (m: Map<string, number>, obj: Params): void => {
    for (const k in obj) {
      const v = obj[k];
      const w = spreads(v) ? v.length : 0;
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
  const fd = openSync(join(dir, 'results.csv'), 'w');
  let buf = `${header.map(csvCell).join(',')}\n`;
  for (const r of records) {
    let s = `${r.id},${r.status}`;
    for (const [k, w] of params) s += spread(r.params[k], w);
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
  writeSync(fd, buf);
  closeSync(fd);
}

/** `,cell` for one column, or `,c0,c1,…` for `w` spread columns. */
function spread(v: Json | undefined, w: number): string {
  if (w === 0) return `,${cell(v)}`;
  let s = '';
  const a = Array.isArray(v) ? (v as Json[]) : undefined;
  for (let i = 0; i < w; i++) s += `,${a === undefined ? '' : cell(a[i])}`;
  return s;
}
