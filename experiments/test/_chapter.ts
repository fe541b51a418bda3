// The NumPy/SciPy reference values of the chapter's experiments (fixtures/chapter.py → chapter.json).
import { readFileSync } from 'node:fs';
import type { Json, Params, RunRecord } from '@numcomp/runner';
import { param } from '@numcomp/runner/experiment';

const all = JSON.parse(readFileSync(new URL('./fixtures/chapter.json', import.meta.url), 'utf8')) as Record<
  string,
  Json
>;

/** The reference values of one experiment's section of chapter.json. */
export function chapter<T>(id: string): T {
  const v = all[id];
  if (v === undefined) throw new Error(`fixtures/chapter.json has no section ${id}`);
  return v as T;
}

/** The records whose parameters include every entry of `match` (compared as JSON). */
export function where(records: readonly RunRecord[], match: Params): RunRecord[] {
  return records.filter((r) =>
    Object.entries(match).every(([k, v]) => JSON.stringify(param(r.params, k)) === JSON.stringify(v)),
  );
}
