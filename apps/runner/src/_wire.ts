// Batches cross the thread boundary as one string of runs: structured-cloning a string is a copy,
// cloning 100 small objects costs ~0.2 ms per task on the main thread. A run is
// `id \t trajectory(0|1) \t params \n`; canonical JSON holds no raw tab or newline.
// A batch that is a range of a run space (see `_space.ts`) sends the range instead: the space itself
// goes once, as JSON in shared memory, and each worker decodes it once.

import { type RunSpace, rangeOf, rangeTask, taskFields } from './_space.js';
import type { PlannedRun } from './planSweep.js';
import type { BatchTask } from './runBatch.js';

/** A range of a shared run space. */
export interface WireRange {
  /** Names the space within this process (workers cache decoded spaces by it). */
  readonly key: string;
  /** The space as UTF-8 JSON. */
  readonly space: SharedArrayBuffer;
  readonly first: number;
  readonly count: number;
}

/** A batch as sent to a piscina worker: its runs as text, or a range. */
export type WireTask = Omit<BatchTask, 'runs'> & { readonly runs: string; readonly range?: WireRange };

let spaces = 0;
const shared = new WeakMap<RunSpace, { key: string; space: SharedArrayBuffer }>();
const decoded = new Map<string, RunSpace>();

function share(space: RunSpace): { key: string; space: SharedArrayBuffer } {
  let s = shared.get(space);
  if (s === undefined) {
    const bytes = Buffer.from(JSON.stringify(space), 'utf8');
    const buffer = new SharedArrayBuffer(bytes.length);
    bytes.copy(Buffer.from(buffer));
    s = { key: `${process.pid}:${++spaces}`, space: buffer };
    shared.set(space, s);
  }
  return s;
}

export function encodeTask(task: BatchTask, progress: Int32Array): WireTask {
  const fields = taskFields(task);
  const range = rangeOf(task);
  if (range !== undefined) {
    const wire = { ...share(range.space), first: range.first, count: range.count };
    return { ...fields, runs: '', range: wire, progress };
  }
  let runs = '';
  for (const r of task.runs) runs += `${r.id}\t${r.trajectory ? 1 : 0}\t${r.params}\n`;
  return { ...fields, runs, progress };
}

export function decodeTask(wire: WireTask): BatchTask {
  const { range, runs: text, ...base } = wire;
  if (range !== undefined) {
    let space = decoded.get(range.key);
    if (space === undefined) {
      if (decoded.size >= 4) decoded.clear();
      space = JSON.parse(Buffer.from(range.space).toString('utf8')) as RunSpace;
      decoded.set(range.key, space);
    }
    return rangeTask(base, { space, first: range.first, count: range.count });
  }
  const runs: PlannedRun[] = [];
  let start = 0;
  while (start < text.length) {
    const end = text.indexOf('\n', start);
    const t1 = text.indexOf('\t', start);
    runs.push({
      id: text.slice(start, t1),
      trajectory: text[t1 + 1] === '1',
      params: text.slice(t1 + 3, end),
    });
    start = end + 1;
  }
  return { ...base, runs };
}
