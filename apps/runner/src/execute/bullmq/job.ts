// What travels over the queue. A BullMQ job is one batch: its data is plain JSON (the experiment id,
// its module's file name and content hash, the runs as `id \t trajectory \t params` lines, as in
// `_wire.ts`); its return value is the batch's lines of results.jsonl, as the worker wrote them. The
// job id is a hash of everything the result depends on, so a batch is never enqueued twice.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { RecordOptions } from '@numcomp/optimizers';
import { RunnerError } from '../../errors.js';
import type { BatchTask, PlannedRun, RunStatus } from '../../types.js';
import { runsToText, textToRuns } from '../wire.js';

/** Version of the job format; a worker refuses jobs of another version. */
export const JOB_FORMAT = 2;

/** The queue a sweep uses unless told otherwise (coordinator and workers must agree). */
export const DEFAULT_QUEUE = 'numcomp-sweep';

/**
 * Checks a queue name (it becomes part of Redis keys).
 *
 * @throws RunnerError `E_USAGE` naming `--queue` and the value.
 */
export function checkQueueName(name: string): string {
  if (!/^[A-Za-z0-9._-]{1,100}$/.test(name)) {
    throw new RunnerError(
      'E_USAGE',
      `invalid --queue: ${JSON.stringify(name)} (expected 1 to 100 of [A-Za-z0-9._-])`,
      {
        path: '--queue',
        value: name,
      },
    );
  }
  return name;
}

/** The data of a sweep job: one batch of runs of one experiment. */
export interface SweepJobData {
  readonly v: typeof JOB_FORMAT;
  readonly experiment: string;
  /** File name of the compiled experiment module (`bench.js`), found in the worker's own build. */
  readonly module: string;
  /** The coordinator's file URL of the module: the fallback when the worker shares its file system. */
  readonly moduleUrl: string;
  /** First 16 hex digits of the SHA-256 of the module file: the worker checks it runs the same code. */
  readonly moduleHash: string;
  readonly trajectory: RecordOptions;
  /** The experiment's code digest (recorded with each result line). */
  readonly code: string;
  /** Per-run time limit, ms. */
  readonly timeout: number;
  /** The runs, one `id \t trajectory(0|1) \t params` line each. */
  readonly runs: string;
}

const hashes = new Map<string, string>();

/**
 * First 16 hex digits of the SHA-256 of a file, read once per path for the life of the process: a worker
 * imports a module once too, so after a rebuild its cached hash still describes the code it runs.
 */
export function fileHash(path: string): string {
  let h = hashes.get(path);
  if (h === undefined) {
    h = createHash('sha256').update(readFileSync(path)).digest('hex').slice(0, 16);
    hashes.set(path, h);
  }
  return h;
}

/** The job data of a batch. */
export function jobData(task: BatchTask, timeout: number): SweepJobData {
  const path = fileURLToPath(task.module);
  const runs = runsToText((task.work as { runs: readonly PlannedRun[] }).runs);
  return {
    v: JOB_FORMAT,
    experiment: task.experiment,
    module: basename(path),
    moduleUrl: task.module,
    moduleHash: fileHash(path),
    trajectory: task.trajectory,
    code: task.code ?? '',
    timeout,
    runs,
  };
}

/**
 * The job id of a batch: `<experiment>.<32 hex digits>`, the SHA-256 of the experiment, the module's
 * name and hash, the objective keys, trajectory thinning, time limit and the sorted `id + trajectory
 * flag` of its runs (a run's id is the hash of its parameters). The coordinator's path is left out, so
 * the same batch from another checkout has the same id.
 */
export function jobId(data: SweepJobData): string {
  const keys: string[] = [];
  const s = data.runs;
  for (let start = 0; start < s.length; ) {
    const tab = s.indexOf('\t', start);
    keys.push(s.slice(start, tab + 2));
    start = s.indexOf('\n', tab) + 1;
  }
  keys.sort();
  const head = JSON.stringify([
    data.v,
    data.experiment,
    data.module,
    data.moduleHash,
    data.code,
    data.trajectory,
    data.timeout,
  ]);
  const digest = createHash('sha256').update(head).update('\n').update(keys.join('\n')).digest('hex');
  return `${data.experiment}.${digest.slice(0, 32)}`;
}

/** The batch a job carries, with the module a worker resolved for it. */
export function jobTask(data: SweepJobData, module: string): BatchTask {
  return {
    module,
    experiment: data.experiment,
    ...(data.code ? { code: data.code } : {}),
    trajectory: data.trajectory,
    work: { kind: 'runs', runs: textToRuns(data.runs) },
  };
}

/**
 * Finds the module a job names on this machine: `<dir>/<module>` (the worker's own build), else the
 * coordinator's path when it exists here; either must have the coordinator's content hash.
 *
 * @throws Error naming the file and what to do when no candidate exists or none has the same hash.
 */
export function resolveJobModule(data: SweepJobData, dir: string): string {
  const candidates = [join(dir, data.module)];
  try {
    const theirs = fileURLToPath(data.moduleUrl);
    if (theirs !== candidates[0]) candidates.push(theirs);
  } catch {
    // not a file URL of this platform: only the worker's own build can serve
  }
  const differing: string[] = [];
  for (const c of candidates) {
    if (!existsSync(c)) continue;
    if (fileHash(c) === data.moduleHash) return pathToFileURL(c).href;
    differing.push(c);
  }
  if (differing.length > 0) {
    throw new Error(
      `${differing[0]} differs from the coordinator's ${data.module} (sha256 ${fileHash(differing[0]!)}, ` +
        `expected ${data.moduleHash}): build the same commit on every machine (pnpm build) and restart its workers`,
    );
  }
  throw new Error(
    `experiment module ${data.module} not found in ${dir}: run pnpm build on this machine, or start the worker with --experiments DIR`,
  );
}

/** One result line split into its run id and status (the line itself is kept as the worker wrote it). */
export interface ResultLine {
  readonly id: string;
  readonly status: RunStatus;
  /** The line, newline included. */
  readonly line: string;
}

const ID_HEAD = '{"id":"';
const STATUS_HEAD = '"status":"';

/**
 * Splits a worker's return value into lines, reading each line's id and status without parsing the
 * rest (lines are written by `runBatch` or `failureLine`: id first, then status). Lines of another
 * shape are skipped.
 */
export function resultLines(text: string): ResultLine[] {
  const out: ResultLine[] = [];
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (text.startsWith(ID_HEAD, start)) {
      const idEnd = text.indexOf('"', start + ID_HEAD.length);
      const s = text.indexOf(STATUS_HEAD, idEnd);
      const sEnd = s < 0 ? -1 : text.indexOf('"', s + STATUS_HEAD.length);
      if (idEnd > 0 && idEnd < end && s > 0 && sEnd > 0 && sEnd < end) {
        out.push({
          id: text.slice(start + ID_HEAD.length, idEnd),
          status: text.slice(s + STATUS_HEAD.length, sEnd) as RunStatus,
          line: `${text.slice(start, end)}\n`,
        });
      }
    }
    start = end + 1;
  }
  return out;
}
