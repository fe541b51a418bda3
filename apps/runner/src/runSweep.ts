import { join } from 'node:path';
import { type CsvColumns, csvColumnsOf, writeCsv } from './_csv.js';
import { countStatuses, writeSummary } from './_derived.js';
import { readBatch } from './_digest.js';
import { Progress, type ProgressMode } from './_progress.js';
import { rangeIndexOf, rangeOf, rangeTask, SpaceWalker } from './_space.js';
import { FAILED, ResultsFile, readRecords } from './_store.js';
import type { Executor } from './executor.js';
import type { PlannedRun, SweepPlan } from './planSweep.js';
import type { BatchResult, BatchTask } from './runBatch.js';
import { runIdOfText } from './runId.js';
import type { RunRecord, RunStatus } from './types.js';
import { writeReport } from './writeReport.js';

/** Options of {@link runSweep}. */
export interface RunSweepOptions {
  /** The reports directory; the experiment writes to `<out>/<id>/`. */
  readonly out: string;
  /** File URL of the compiled experiment module (what workers import). */
  readonly module: string;
  readonly executor: Executor;
  /** Ignore recorded runs (the results file is emptied). */
  readonly fresh?: boolean;
  /** Progress display (default `'none'`). */
  readonly progress?: ProgressMode;
  /** Where progress goes (default `process.stderr`). */
  readonly stream?: NodeJS.WritableStream;
  /** Aborting stops dispatching; finished runs are kept, no report is written. */
  readonly signal?: AbortSignal;
  /** Skip the HTML report (results, summary and CSV are still written). */
  readonly noReport?: boolean;
}

/** What a sweep did. */
export interface SweepOutcome {
  readonly id: string;
  /** The experiment's directory. */
  readonly dir: string;
  /** Distinct runs in the plan. */
  readonly total: number;
  /** Runs taken from an earlier sweep. */
  readonly reused: number;
  /** Runs executed now. */
  readonly ran: number;
  /** Status counts over the plan's recorded runs. */
  readonly statuses: Partial<Record<RunStatus, number>>;
  /** The plan's recorded runs in grid order (empty when interrupted). */
  readonly records: readonly RunRecord[];
  readonly interrupted: boolean;
  /** Wall time of reading recorded runs and executing the rest, ms. */
  readonly runMs: number;
  /** Wall time of writing summary.json, results.csv and the report, ms. */
  readonly writeMs: number;
}

/**
 * Runs one planned sweep: reuses every recorded run of the plan (re-running `error` and `timeout`
 * ones, and runs that now need a trajectory), streams new results to `results.jsonl` a batch at a
 * time (threads of an executor that {@link Executor.sharesFiles} append their batches themselves), then writes
 * `summary.json`, `results.csv` and `index.html` from the records of `results.jsonl`: built from each
 * batch's digest once the run is over, parsing only the lines a digest does not describe. With
 * nothing to reuse, batches are ranges of the plan's grid, and the workers build and hash the runs.
 *
 * @param plan - From {@link planSweep}.
 * @param options - Output directory, module, executor, and the rest.
 * @returns Counts, records and whether it was interrupted.
 * @example
 * ```ts
 * const outcome = await runSweep(planSweep(def), { out: 'reports', module, executor });
 * console.log(`${outcome.ran} new, ${outcome.reused} reused`);
 * ```
 */
export async function runSweep(plan: SweepPlan, options: RunSweepOptions): Promise<SweepOutcome> {
  const id = plan.experiment.id;
  const dir = join(options.out, id);
  const path = join(dir, 'results.jsonl');
  const file = new ResultsFile(path, options.fresh ?? false);
  const total = plan.count;
  let interrupted = false;
  let ran = 0;
  let todo = 0;
  let ranged = false;
  // Finished batches, read once the run is over; a batch whose records could not be read from its
  // result has them read from results.jsonl.
  const results: ([BatchResult, (k: number, id: string) => number | undefined] | undefined)[] = [];
  let reread = false;
  // The records the summary, CSV and report are made of are exactly the lines of results.jsonl:
  // `found[i]` is run i's (reused, or new from its batch's digest without parsing its line);
  // `recorded` holds the file's other lines, and results that came without their run.
  const found = new Array<RunRecord | undefined>(total);
  const recorded = new Map<string, RunRecord>();
  // Listed runs to do (resuming: the others are reused) and their index in the plan.
  const position = new Map<PlannedRun, number>();
  // results.csv rows of new plain runs as their workers printed them, for `columns` (the parameter
  // columns of the first run to do; `writeCsv` checks they are the sweep's): run i's row is the line
  // of `csv[i]` (its batch's rows, UTF-8) that starts at `at[i]`.
  const csv = new Array<Uint8Array | undefined>(total);
  const at = new Int32Array(total);
  let columns: CsvColumns | undefined;
  const emit = (i: number | undefined, r: RunRecord, rows: Uint8Array | undefined, start: number): void => {
    if (i === undefined) recorded.set(r.id, r);
    else {
      found[i] = r;
      csv[i] = rows;
      at[i] = start;
    }
  };
  const t0 = Date.now();
  try {
    if (!options.fresh) readRecords(path, recorded);
    const base = {
      module: options.module,
      experiment: id,
      objectiveKeys: plan.objectiveKeys,
      trajectory: plan.trajectory,
      // Threads of this process append their batches to results.jsonl themselves (one write each).
      ...(options.executor.sharesFiles ? { appendTo: path } : {}),
    };
    const batches: BatchTask[] = [];
    if (plan.space !== undefined && recorded.size === 0) {
      // Nothing to reuse: every run, as ranges of the plan's space (workers build and hash the runs).
      ranged = true;
      todo = total;
      if (plan.experiment.objective !== undefined && total > 0) columns = csvColumnsOf(plan.paramsOf(0));
      const task = columns === undefined ? base : { ...base, csvColumns: columns };
      for (let i = 0; i < total; i += plan.batchSize)
        batches.push(
          rangeTask(task, { space: plan.space, first: i, count: Math.min(plan.batchSize, total - i) }),
        );
    } else {
      const runs: PlannedRun[] = [];
      plan.runs.forEach((r, i) => {
        const rec = recorded.get(r.id);
        if (rec === undefined || FAILED.has(rec.status) || (r.trajectory && rec.trajectory === undefined)) {
          runs.push(r);
          position.set(r, i);
        } else found[i] = rec;
      });
      todo = runs.length;
      if (plan.experiment.objective !== undefined && todo > 0)
        columns = csvColumnsOf(plan.paramsOf(position.get(runs[0]!)!));
      const task = columns === undefined ? base : { ...base, csvColumns: columns };
      for (let i = 0; i < runs.length; i += plan.batchSize)
        batches.push({ ...task, runs: runs.slice(i, i + plan.batchSize) });
    }
    const progress = new Progress(id, todo, options.progress ?? 'none', options.stream ?? process.stderr);
    const onAbort = (): void => {
      interrupted = true;
      options.executor.stop();
    };
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      if (!interrupted && batches.length > 0) {
        await options.executor.run(batches, {
          timeout: plan.timeout,
          onResult: (task, result) => {
            if (!result.appended) file.append(result.lines);
            const range = rangeOf(task);
            const index =
              range !== undefined
                ? (k: number): number => range.first + k
                : (k: number, rid: string): number | undefined => {
                    const run = task.runs[k];
                    return run?.id === rid ? (position.get(run) ?? rangeIndexOf(run)) : undefined;
                  };
            // Read after the run: records built now would take the cores from the workers (and
            // their garbage collection more), while digests held until then cost next to nothing.
            results.push([result, index]);
            ran += result.statuses.length;
            progress.tick(result.statuses.length);
          },
        });
      }
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
      progress.finish();
    }
  } finally {
    file.close();
  }
  if (!interrupted) {
    for (let b = 0; b < results.length; b++) {
      const [result, index] = results[b]!;
      results[b] = undefined;
      if (!readBatch(result, index, plan.paramsOf, emit)) reread = true;
    }
    if (reread) readRecords(path, recorded);
  }
  results.length = 0;
  const runMs = Date.now() - t0;
  const base = { id, dir, total, reused: total - todo, ran, runMs };
  if (interrupted) return { ...base, statuses: {}, records: [], interrupted, writeMs: 0 };
  const records: RunRecord[] = [];
  const bytes: (Uint8Array | undefined)[] = [];
  const from: number[] = [];
  // Runs whose result came without their index (a timeout, a crashed worker, another executor): by id.
  const idOf = recorded.size === 0 ? undefined : idsOf(plan, ranged);
  for (let i = 0; i < total; i++) {
    const r = found[i] ?? (idOf === undefined ? undefined : recorded.get(idOf(i)));
    if (r === undefined) continue;
    records.push(r);
    bytes.push(found[i] === r ? csv[i] : undefined);
    from.push(at[i]!);
  }
  recorded.clear();
  writeSummary(dir, plan, records);
  writeCsv(dir, records, columns === undefined ? undefined : { columns, bytes, at: from });
  if (!options.noReport) writeReport(dir, plan, records);
  return {
    ...base,
    statuses: countStatuses(records),
    records,
    interrupted,
    writeMs: Date.now() - t0 - runMs,
  };
}

/** Run ids by index: of listed runs, or hashed one by one from the space (only runs not found by index). */
function idsOf(plan: SweepPlan, ranged: boolean): (i: number) => string {
  if (!ranged || plan.space === undefined) return (i) => plan.runs[i]!.id;
  const walker = new SpaceWalker(plan.space);
  return (i) => {
    walker.seek(i);
    return runIdOfText(walker.text());
  };
}
