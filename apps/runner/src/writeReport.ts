// TEMPORARY: replaced by the viz-based report below once @numcomp/viz is complete.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SweepPlan } from './planSweep.js';
import type { RunRecord } from './types.js';

export function writeReport(dir: string, plan: SweepPlan, records: readonly RunRecord[]): void {
  writeFileSync(join(dir, 'index.html'), `<h1>${plan.experiment.title}</h1><p>${records.length}</p>`);
}

export function writeIndex(out: string): string {
  mkdirSync(out, { recursive: true });
  const p = join(out, 'index.html');
  writeFileSync(p, '<h1>index</h1>');
  return p;
}
