// Files derived from results.jsonl after a sweep: summary.json (counts, best runs); results.csv is `_csv.ts`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsonLine } from './_json.js';
import type { SweepPlan } from './planSweep.js';
import type { Json, RunRecord, RunStatus } from './types.js';

/** Counts of each status. */
export function countStatuses(records: readonly RunRecord[]): Partial<Record<RunStatus, number>> {
  // Runs of a sweep come in long stretches of one status: count a stretch at a time.
  const counts = new Map<RunStatus, number>();
  let last: RunStatus | undefined;
  let n = 0;
  for (const r of records) {
    if (r.status === last) n++;
    else {
      if (last !== undefined) counts.set(last, (counts.get(last) ?? 0) + n);
      last = r.status;
      n = 1;
      if (!counts.has(last)) counts.set(last, 0);
    }
  }
  if (last !== undefined) counts.set(last, counts.get(last)! + n);
  return Object.fromEntries(counts) as Partial<Record<RunStatus, number>>;
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
    planned: plan.count,
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
