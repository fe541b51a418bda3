import { join } from 'node:path';
import { type CsvColumns, csvColumnsOf, writeCsv } from './_csv.js';
import { countStatuses, writeSummary } from './_derived.js';
import { readBatch } from './_digest.js';
import { Progress, type ProgressMode } from './_progress.js';
import { FAILED, ResultsFile, readRecords } from './_store.js';
import type { Executor } from './executor.js';
import type { PlannedRun, SweepPlan } from './planSweep.js';
import type { BatchTask } from './runBatch.js';
import type { Params, RunRecord, RunStatus } from './types.js';
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
 * time, then writes `summary.json`, `results.csv` and `index.html` from the records of `results.jsonl`
 * (parsed as they are written).
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
  let interrupted = false;
  let ran = 0;
  const todo: PlannedRun[] = [];
  // The records the summary, CSV and report are made of are exactly the lines of results.jsonl, read
  // while workers run: `found[i]` is run i's (reused, or new from its batch's digest without parsing
  // its line); `recorded` holds the file's other lines and results that came without their run.
  const found = new Array<RunRecord | undefined>(plan.runs.length);
  const recorded = new Map<string, RunRecord>();
  const position = new Map<PlannedRun, number>();
  // results.csv rows of new plain runs as their workers printed them, for the parameter columns of
  // the first run to do (`writeCsv` checks they are the sweep's).
  const rows = new Array<string | undefined>(plan.runs.length);
  let columns: CsvColumns | undefined;
  const paramsOf = (run: PlannedRun): Params => {
    const i = position.get(run);
    return i !== undefined && plan.paramsOf !== undefined ? plan.paramsOf(i) : (JSON.parse(run.params) as Params);
  };
  const emit = (run: PlannedRun | undefined, r: RunRecord, csv: string | undefined): void => {
    const i = run === undefined ? undefined : position.get(run);
    if (i === undefined) {
      recorded.set(r.id, r);
      return;
    }
    found[i] = r;
    rows[i] = csv;
  };
  const t0 = Date.now();
  try {
    if (!options.fresh) readRecords(path, recorded);
    plan.runs.forEach((r, i) => {
      const rec = recorded.get(r.id);
      if (rec === undefined || FAILED.has(rec.status) || (r.trajectory && rec.trajectory === undefined)) {
        todo.push(r);
        position.set(r, i);
      } else found[i] = rec;
    });
    if (todo.length > 0 && plan.experiment.objective !== undefined) columns = csvColumnsOf(paramsOf(todo[0]!));
    const batches: BatchTask[] = [];
    for (let i = 0; i < todo.length; i += plan.batchSize) {
      batches.push({
        module: options.module,
        experiment: id,
        runs: todo.slice(i, i + plan.batchSize),
        objectiveKeys: plan.objectiveKeys,
        trajectory: plan.trajectory,
        ...(columns === undefined ? {} : { csvColumns: columns }),
      });
    }
    const progress = new Progress(
      id,
      todo.length,
      options.progress ?? 'none',
      options.stream ?? process.stderr,
    );
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
            file.append(result.lines);
            readBatch(task.runs, result.lines, result.statuses, result.digest, paramsOf, emit);
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
  const runMs = Date.now() - t0;
  const base = { id, dir, total: plan.runs.length, reused: plan.runs.length - todo.length, ran, runMs };
  if (interrupted) return { ...base, statuses: {}, records: [], interrupted, writeMs: 0 };
  const records: RunRecord[] = [];
  const drafted: (string | undefined)[] = [];
  plan.runs.forEach((run, i) => {
    const r = found[i] ?? recorded.get(run.id);
    if (r === undefined) return;
    records.push(r);
    drafted.push(found[i] === r ? rows[i] : undefined);
  });
  recorded.clear();
  writeSummary(dir, plan, records);
  writeCsv(dir, records, columns === undefined ? undefined : { columns, rows: drafted });
  if (!options.noReport) writeReport(dir, plan, records);
  return {
    ...base,
    statuses: countStatuses(records),
    records,
    interrupted,
    writeMs: Date.now() - t0 - runMs,
  };
}
