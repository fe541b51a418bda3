// One sweep through the pipeline: plan (given) → execute (batches on an executor) → store (every
// result line appended to results.jsonl, by this thread only) → aggregate (new runs folded in as their
// batches arrive, reused ones streamed back from the log) → report (summary.json, results.csv and the
// page, each written atomically). Memory is bounded by the aggregates and by the ids recorded before
// the sweep, never by the sweep's own runs.
import { mkdirSync } from 'node:fs';
import { type SweepAggregates, SweepAggregator } from './aggregate/aggregator.js';
import { CsvWriter, paramColumns, valueColumns } from './aggregate/csv.js';
import { type Provenance, summaryOf, writeSummary } from './aggregate/summary.js';
import { RunnerError } from './errors.js';
import { allPlain, digestRecord, readDigest } from './execute/digest.js';
import type { Executor } from './execute/executor.js';
import type { SweepPlan } from './plan/planSweep.js';
import { planTag, SpaceWalker } from './plan/space.js';
import { io, removeStaleTemps } from './store/files.js';
import type { Recorded } from './store/idTable.js';
import { FOLDED, OK, RERUN, REUSED, TRAJECTORY } from './store/idTable.js';
import { layout } from './store/layout.js';
import { forEachLineAsync, lineInfo, parseLine, ResultsLog } from './store/resultsLog.js';
import type {
  BatchResult,
  BatchTask,
  PlannedRun,
  PlotSpec,
  ProgressSink,
  RunRecord,
  SharedIdTable,
} from './types.js';

/** What the CLI knows of a sweep's provenance; the sweep adds its counts and times. */
export type ProvenanceBase = Omit<Provenance, 'runs' | 'wallMs' | 'code' | 'overrides' | 'started'>;

/** Options of {@link runSweep}. */
export interface RunSweepOptions {
  /** The reports directory; the experiment writes to `<out>/<id>/`. */
  readonly out: string;
  /** File URL of the compiled experiment module (what workers import). */
  readonly module: string;
  readonly executor: Executor;
  /** Ignore recorded runs (the results file is emptied). */
  readonly fresh?: boolean;
  /** Progress display. */
  readonly progress?: ProgressSink;
  /** Aborting stops dispatching and report writing; finished runs are kept, no report is written. */
  readonly signal?: AbortSignal;
  /** Skip the HTML report (results, summary and CSV are still written). */
  readonly noReport?: boolean;
  /** Where the sweep came from (command line, versions, …). */
  readonly provenance?: ProvenanceBase;
  /** The overrides as typed (they name the sweep's folder). */
  readonly overrides?: readonly string[];
  /** Notices (damaged lines skipped, a compaction, changed code). */
  readonly warn?: (message: string) => void;
  /** Chooses a function sweep's plots from its first records (default: a table). */
  readonly choosePlots?: (sample: readonly RunRecord[]) => readonly PlotSpec[];
  /**
   * Called once the runs are over, before the summary, CSV and report are written, which wait for the
   * promise it may return: the CLI starts its next sweep there (that sweep's first task runs while
   * this report is written), and after its last sweep closes its pool (the threads end meanwhile:
   * closing a pool of 2 threads took ~77 ms after it).
   */
  readonly onRunsDone?: () => void | Promise<void>;
  /**
   * Called once, when the sweep's work is handed to the executor (or found to be all recorded already,
   * or the sweep is stopped before). A sweep that fails before that never calls it.
   */
  readonly onDispatched?: () => void;
  /** Runs in the sweep's first task (default: its batch size): see `ExecuteOptions.firstTask`. */
  readonly firstTask?: number;
}

/** What a sweep did. */
export interface SweepOutcome {
  readonly id: string;
  /** The sweep's folder. */
  readonly dir: string;
  /** Distinct runs in the plan. */
  readonly total: number;
  /** Runs taken from an earlier sweep. */
  readonly reused: number;
  /** Runs executed now. */
  readonly ran: number;
  /** Runs executed again because the experiment's code changed since they were recorded. */
  readonly changed: number;
  /** Status counts over the plan's runs. */
  readonly statuses: SweepAggregates['statuses'];
  /** The aggregates (undefined when interrupted). */
  readonly aggregates: SweepAggregates | undefined;
  readonly interrupted: boolean;
  /** Wall time of reading recorded runs and executing the rest, ms. */
  readonly runMs: number;
  /** Wall time of the post pass and of writing summary.json, results.csv and the report, ms. */
  readonly writeMs: number;
}

class Interrupted extends Error {}

/**
 * Runs one planned sweep: reuses every recorded run of the plan (running again `error` and
 * `timeout` ones, and those that now need a trajectory), appends new results to `results.jsonl` a
 * batch at a time, and writes the sweep's `summary.json`, `results.csv` and page into its own folder.
 *
 * @param plan - From `planSweep`.
 * @param options - Output directory, module, executor, and the rest.
 * @returns Counts, aggregates and whether it was interrupted.
 * @example
 * ```ts
 * const outcome = await runSweep(planSweep(def), { out: 'reports', module, executor });
 * console.log(`${outcome.ran} new, ${outcome.reused} reused`);
 * ```
 */
export async function runSweep(plan: SweepPlan, options: RunSweepOptions): Promise<SweepOutcome> {
  const def = plan.experiment;
  const id = def.id;
  const overrides = options.overrides ?? plan.overrides;
  const paths = layout(options.out, id, overrides);
  const warn = options.warn ?? (() => {});
  const started = new Date();
  const t0 = Date.now();
  const signal = options.signal;
  const total = plan.count;
  const code = plan.space.code;

  // ---- store: read back what is recorded ----
  const log = new ResultsLog(paths.results, options.fresh ?? false);
  // Lines this plan's sweeps write carry its tag and their run index: its recorded runs are found by
  // index (5 bytes a run), every other line by id.
  const plannedAs = { tag: planTag(plan.space), count: total };
  let scan = await log.scan(plannedAs);
  if (scan.damaged > 0)
    warn(
      `${id}: ${scan.damaged} damaged or foreign line${scan.damaged === 1 ? '' : 's'} in ${paths.results} skipped`,
    );
  if (scan.superseded > scan.lines / 2 && scan.superseded > 100) {
    const kept = await log.compact(scan.table);
    warn(
      `${id}: compacted ${paths.results}: ${scan.lines} lines → ${kept} (superseded and damaged lines dropped)`,
    );
    scan = await log.scan(plannedAs);
  }
  const table = scan.table;
  const startLines = scan.lines;
  const previousCode = scan.lastCode !== undefined && scan.lastCode !== code ? scan.lastCode : undefined;

  // ---- aggregate: set up ----
  const scalarAxes = plan.axes.filter((a) => a.values.every((v) => v === null || typeof v !== 'object'));
  const agg = new SweepAggregator(
    def,
    plan.plots === undefined ? undefined : [...plan.plots, ...plan.sweepPlots],
    total,
    { importance: scalarAxes.map((a) => a.key) },
  );
  const choose = options.choosePlots ?? (() => [{ type: 'table' as const, title: 'Runs', limit: 200 }]);
  io('cannot create', paths.sweepDir, () => mkdirSync(paths.sweepDir, { recursive: true }));
  for (const dir of [paths.dir, paths.sweepDir]) {
    const gone = removeStaleTemps(dir);
    if (gone.length > 0) warn(`${id}: removed ${gone.length} temp file(s) left by a killed sweep in ${dir}`);
  }
  let csv: CsvWriter | undefined;
  const pending: RunRecord[] = [];
  // The parameter columns, once (they read every value of each key: ~20 ms for 10⁴ starts).
  const csvColumns = def.run === undefined ? paramColumns(plan.space) : undefined;
  const csvFor = (): CsvWriter =>
    new CsvWriter(paths.sweepDir, {
      params: csvColumns ?? paramColumns(plan.space),
      results: def.run === undefined,
      xWidth: plan.dim !== undefined && plan.dim <= 10 ? plan.dim : 0,
      values: def.run === undefined ? [] : valueColumns(pending),
    });
  if (def.run === undefined) csv = csvFor();
  // A function sweep picks its plots and CSV columns from its first 200 records.
  const add = (r: RunRecord, index: number | undefined, row?: () => void): void => {
    agg.add(r, index);
    if (csv !== undefined) {
      if (row !== undefined) row();
      else csv.row(r);
      return;
    }
    pending.push(r);
    if (pending.length >= 200) flushPending();
  };
  const flushPending = (): void => {
    if (csv !== undefined) return;
    if (!agg.hasPlots) agg.setPlots([...choose(pending), ...plan.sweepPlots]);
    csv = csvFor();
    for (const r of pending) csv.row(r);
    pending.length = 0;
  };

  // The report's code (d3 and the plot layer, ~130 ms to load) loads while the runs run.
  const reportCode = options.noReport ? undefined : import('./report/writeReport.js');
  reportCode?.catch(() => {});

  // ---- execute ----
  let ran = 0;
  let reused = 0;
  let changed = 0;
  /** Reused runs the workers read back and folded (see `BatchResult.reusedLines`). */
  let folded = 0;
  let interrupted = signal?.aborted ?? false;
  const recorded = table.size > 0 ? table.shared(paths.results, scan.offsets) : undefined;
  const batches = makeBatches(
    plan,
    options,
    table.size > 0 ? { table, shared: recorded! } : undefined,
    previousCode,
    csvColumns,
    plannedAs.tag,
    (n) => {
      reused += n;
    },
  );
  const sink = options.progress;
  sink?.start(id, total);
  if (reused > 0) sink?.tick(reused);
  const onAbort = (): void => {
    interrupted = true;
    options.executor.stop();
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  const decoder = new TextDecoder();
  let handedOver = false;
  const dispatched = (): void => {
    if (handedOver) return;
    handedOver = true;
    options.onDispatched?.();
  };
  try {
    if (!interrupted && batches.length > 0) {
      const running = options.executor.run(batches, {
        timeout: plan.timeout,
        code,
        batchSize: plan.batchSize,
        ...(options.firstTask === undefined ? {} : { firstTask: options.firstTask }),
        onResult: (task, result) => {
          log.append(result.lines);
          ran += result.ran;
          reused += result.reused;
          changed += result.changed;
          sink?.tick(result.ran + result.reused);
          fold(task, result);
        },
      });
      dispatched();
      await running;
    }
  } catch (e) {
    csv?.abort();
    throw e;
  } finally {
    dispatched();
    signal?.removeEventListener('abort', onAbort);
    sink?.finish();
    log.close();
  }

  /** Folds a batch's results into the aggregates and the CSV. */
  function fold(_task: BatchTask, result: BatchResult): void {
    // A plain run's digest entry has it all: lines are found by their lengths and decoded only when a
    // run's line must be parsed.
    const bytes = result.lines;
    let pos = 0;
    // Recorded lines of reused runs that the digest does not hold as numbers (parsed, not appended).
    let old: string | undefined;
    let oldPos = 0;
    const nextOld = (): string => {
      old ??= result.reusedLines === undefined ? '' : decoder.decode(result.reusedLines);
      const end = old.indexOf('\n', oldPos);
      if (end < 0) return '';
      const line = old.slice(oldPos, end);
      oldPos = end + 1;
      return line;
    };
    const digest = result.digest;
    if (digest !== undefined) {
      // Every run plain: the rows the workers printed are the batch's CSV, in one piece.
      const block = csv !== undefined && allPlain(digest);
      const ok = readDigest(digest, (e) => {
        if (e.reused) {
          // Read back by the worker: the pass over the log below leaves it out.
          const slot = table.find(e.id, e.index);
          if (slot !== -1) table.mark(slot, FOLDED);
          folded++;
        }
        const start = pos;
        if (!e.reused) pos += e.lineBytes;
        if (!e.plain) {
          const r = parseLine(
            e.reused ? nextOld() : decoder.decode(bytes.subarray(start, Math.max(start, pos - 1))),
          );
          if (r !== undefined) add(r, e.index);
          return;
        }
        const r = digestRecord(e, plan.paramsOf(e.index));
        if (block) {
          agg.add(r, e.index);
          return;
        }
        const at = e.csvAt;
        const end = e.csvEnd;
        add(r, e.index, at >= 0 && csv !== undefined ? () => csv!.printed(digest.csv, at, end) : undefined);
      });
      if (ok) {
        if (block) csv!.printed(digest.csv, 0, digest.csv.length);
        return;
      }
    }
    // No digest (listed runs), or a malformed one: every line parsed.
    const text = decoder.decode(bytes);
    let at = 0;
    while (at < text.length) {
      let end = text.indexOf('\n', at);
      if (end < 0) end = text.length;
      const r = parseLine(text.slice(at, end));
      if (r !== undefined) add(r, undefined);
      at = end + 1;
    }
  }

  const runMs = Date.now() - t0;
  const threadsStarted = options.executor.started;
  await options.onRunsDone?.();
  const counts = { id, dir: paths.sweepDir, total, reused, ran, changed, runMs };
  const stopped = (): SweepOutcome => {
    csv?.abort();
    return { ...counts, statuses: {}, aggregates: undefined, interrupted: true, writeMs: 0 };
  };
  if (interrupted) return stopped();
  if (changed > 0) warn(`${id}: experiment code changed since the last sweep: ${changed} runs re-run`);

  // ---- aggregate: the reused runs, streamed back from the log ----
  try {
    // Workers on local threads fold the runs they reuse from the log themselves; the rest (a remote
    // executor's) are read back here.
    if (reused > folded) {
      // A sweep that keeps its records orders reused ones by their index (hashing ≤ 50 000 runs).
      let indexOf: Map<string, number> | undefined;
      if (total <= 50_000) {
        indexOf = new Map();
        for (let i = 0; i < total; i++) indexOf.set(plan.runAt(i).id, i);
      }
      let n = 0;
      await forEachLineAsync(
        paths.results,
        (line, i) => {
          if (i >= startLines) return;
          if ((++n & 0xffff) === 0 && signal?.aborted) throw new Interrupted();
          const info = lineInfo(line);
          if (info === undefined) return;
          const slot = table.find(info.id, table.indexOf(info));
          if (slot === -1 || table.lineAt(slot) !== i) return;
          const f = table.flagsAt(slot);
          if ((f & REUSED) === 0 || (f & (RERUN | FOLDED)) !== 0) return;
          const r = parseLine(line);
          if (r !== undefined) add(r, indexOf?.get(r.id));
        },
        startLines,
      );
    }
    if (signal?.aborted) throw new Interrupted();
    flushPending();
    if (!agg.hasPlots) agg.setPlots([...choose(agg.seen), ...plan.sweepPlots]);
    const aggregates = agg.finish();
    const failed = (aggregates.statuses.error ?? 0) + (aggregates.statuses.timeout ?? 0);
    const provenance: Provenance = {
      command: options.provenance?.command ?? `pnpm sweep ${id}`,
      overrides,
      started: started.toISOString(),
      commit: options.provenance?.commit,
      versions: options.provenance?.versions ?? {},
      code,
      executor: options.provenance?.executor ?? 'piscina',
      // The threads a local pool had started when the runs ended (one that grows may not have needed them all).
      threads:
        threadsStarted === undefined
          ? (options.provenance?.threads ?? 1)
          : Math.max(1, Math.min(threadsStarted, options.provenance?.threads ?? Infinity)),
      runs: { planned: total, ran, reused, failed },
      wallMs: Date.now() - t0,
    };
    if (signal?.aborted) throw new Interrupted();
    csv!.commit();
    writeSummary(paths.sweepDir, summaryOf(def, paths.sweep, plan.swept, aggregates, provenance));
    if (!options.noReport) {
      if (signal?.aborted) throw new Interrupted();
      const { writeExperimentIndex, writeReport } = await reportCode!;
      if (signal?.aborted) throw new Interrupted();
      writeReport(paths.sweepDir, {
        experiment: def,
        swept: plan.swept,
        aggregates,
        provenance,
        sweep: paths.sweep,
        valuesOf: plan.valuesOf,
        unused: plan.unused,
      });
      writeExperimentIndex(paths.dir);
    }
    return {
      ...counts,
      statuses: aggregates.statuses,
      aggregates,
      interrupted: false,
      writeMs: Date.now() - t0 - runMs,
    };
  } catch (e) {
    if (e instanceof Interrupted) return stopped();
    csv?.abort();
    if (e instanceof RunnerError) throw e;
    throw e;
  }
}

/**
 * The sweep's batches. Local threads get ranges of the run space with the recorded ids in shared
 * memory (they build, hash and skip runs themselves). Remote workers get listed runs: this thread
 * hashes each run, skips the recorded ones (counted as reused) and flags them in the table.
 */
function makeBatches(
  plan: SweepPlan,
  options: RunSweepOptions,
  recorded: { table: Recorded; shared: SharedIdTable } | undefined,
  previousCode: string | undefined,
  csvColumns: BatchTask['csvColumns'],
  tag: string,
  reused: (n: number) => void,
): BatchTask[] {
  const total = plan.count;
  const base = {
    module: options.module,
    experiment: plan.experiment.id,
    code: plan.space.code,
    trajectory: plan.trajectory,
    ...(csvColumns === undefined
      ? {}
      : { csvColumns, csvXWidth: plan.dim !== undefined && plan.dim <= 10 ? plan.dim : 0 }),
  };
  const batches: BatchTask[] = [];
  if (options.executor.local) {
    const shared =
      recorded === undefined ? {} : { recorded: recorded.shared, ...(previousCode ? { previousCode } : {}) };
    // One task for the whole space: the executor cuts it into batches as threads become free, so
    // that nothing here grows with the sweep (10⁵ task objects at 10⁷ runs otherwise).
    if (total > 0)
      batches.push({
        ...base,
        ...shared,
        // Listed runs (a remote executor's: its job format lists ids and params) carry no tag.
        plan: tag,
        work: { kind: 'range', space: plan.space, first: 0, count: total },
      });
    return batches;
  }
  const table = recorded?.table;
  const walker = new SpaceWalker(plan.space);
  let runs: PlannedRun[] = [];
  let skipped = 0;
  for (let i = 0; i < total; i++) {
    walker.seek(i);
    const run = walker.run();
    const slot = table?.find(run.id, i) ?? -1;
    if (slot !== -1) {
      const f = table!.flagsAt(slot);
      if ((f & OK) !== 0 && (!run.trajectory || (f & TRAJECTORY) !== 0)) {
        table!.mark(slot, REUSED);
        skipped++;
        continue;
      }
      table!.mark(slot, RERUN);
    }
    runs.push(run);
    if (runs.length === plan.batchSize) {
      batches.push({ ...base, work: { kind: 'runs', runs } });
      runs = [];
    }
  }
  if (runs.length > 0) batches.push({ ...base, work: { kind: 'runs', runs } });
  reused(skipped);
  return batches;
}
