// Runs a batch in a worker: each run's `minimize` (or the experiment's `run` function) in turn,
// catching what a run throws (recorded as `error`). Results depend only on each run's parameters,
// never on the batch, the order or the thread. A range of a run space is built and hashed here, and
// runs already recorded (the shared id table) are skipped and counted as reused.
import { performance } from 'node:perf_hooks';
import { type MinimizeOptions, minimize, minimizer, type OptimizeResult } from '@numcomp/optimizers';
import type { LockstepResult } from '@numcomp/optimizers/lockstep';
import { buildObjective, normalizeObjective } from '../experiment/objective.js';
import { type CsvColumns, CsvParams, spread } from '../format/csvCells.js';
import { flatParams } from '../format/flatParams.js';
import { jsonLine } from '../format/jsonLine.js';
import { runIdOfText, runIdPrefix } from '../plan/runId.js';
import { SpaceWalker } from '../plan/space.js';
import { OK, RERUN, REUSED, RecordedView, TRAJECTORY } from '../store/idTable.js';
import { parseLine } from '../store/resultsLog.js';
import type {
  BatchResult,
  BatchTask,
  Experiment,
  Json,
  Params,
  PlannedRun,
  ProblemWithDim,
  RunRecord,
  RunSpace,
  RunStatus,
  SharedIdTable,
} from '../types.js';
import { ByteWriter } from './byteWriter.js';
import { DigestWriter, type ReusedNumbers } from './digest.js';
import { groupBound, lockstepKey, type MemberResult, memberResult, runGroup } from './lockstepGroups.js';
import { withF2 } from './lockstepKernels.js';
import { type PlainRecord, readPlainLine } from './plainLine.js';
import { RecordedLines } from './recordedLines.js';
import { CACHE_ROWS, SpaceRuns } from './spaceRuns.js';
import { asciiSpace } from './wire.js';

const encoder = new TextEncoder();

/** Runs of a batch taken at a time (planned, grouped, run and written). */
const SEGMENT = 256;

/** The per-run time limit when the experiment sets none (as the planner's). */
const DEFAULT_TIMEOUT = 30_000;

/** A run of a batch to run. */
interface Todo {
  /** Its position in the batch. */
  readonly i: number;
  readonly run: PlannedRun;
  /** Its index in the run space (-1 for listed runs). */
  readonly index: number;
  params: Params | undefined;
  /** A range's run: its results.csv parameter cells and lockstep signature (see `SpaceRuns`). */
  csv: string | undefined;
  sig: string | undefined;
  /** Its lr and x0 (set for lockstep group members). */
  lr: Json | undefined;
  x0: Json | undefined;
  /** Its lockstep group, and its position there (the first goes alone). */
  group: Group | undefined;
  k: number;
  /** A reused run: its record and line, read back from results.jsonl. */
  readonly record: Recorded | undefined;
}

/** A recorded run's line, and its record: read by position when plain (see plainLine.ts), else parsed. */
interface Recorded {
  /** The run's id (as the line gives it). */
  readonly id: string;
  readonly rec: RunRecord | undefined;
  readonly plain: PlainRecord | undefined;
  readonly line: string;
}

/** Runs of a batch that go in lockstep (see lockstepGroups.ts). */
interface Group {
  readonly key: string;
  readonly members: Todo[];
  /** 1 when the first run goes alone to measure the cost, else 0. */
  readonly start: number;
  readonly objective: { readonly name: string; readonly params: Params };
  /** The group's options (its first run's, lr included). */
  readonly options: Params;
  /** The first run, measured alone. */
  probe: { readonly res: OptimizeResult; readonly ms: number } | undefined;
  /** The chunk of members run last (positions from … to − 1), and its results (null: they go alone). */
  from: number;
  to: number;
  result: LockstepResult | null;
  /** Wall time of the chunk's lockstep call, and the evaluations it did (to share the time). */
  ms: number;
  work: number;
}

/** What a batch writes. */
interface Out {
  readonly lines: ByteWriter;
  /** Lines of reused runs the coordinator parses (see `BatchResult.reusedLines`). */
  reusedLines: string;
  readonly digest: DigestWriter | undefined;
  readonly cells: CsvParams | undefined;
  readonly code: string;
  /** `,"plan":"<tag>","i":` when the task has a plan tag, else '' (a listed run has no index: none). */
  readonly at: string;
  readonly xWidth: number;
  /** Every run's params text is ASCII (a range of an ASCII space), and so its line and CSV row. */
  readonly ascii: boolean;
}

/** A batch being run: what its segments share, and its counts. */
interface Segment {
  readonly def: Experiment;
  readonly task: BatchTask;
  readonly out: Out;
  readonly walker: SpaceWalker | undefined;
  readonly reader: SpaceRuns | undefined;
  readonly table: RecordedView | undefined;
  readonly log: RecordedLines | undefined;
  /** The id prefix of the previous code (runs recorded under it count as changed). */
  readonly oldHead: string | undefined;
  /** Listed runs, or undefined for a range. */
  readonly runs: readonly PlannedRun[] | undefined;
  /** A range's first index (−1 for listed runs). */
  readonly first: number;
  readonly grouping: boolean;
  readonly n: number;
  /** The per-run time limit, ms. */
  readonly limit: number;
  changed: number;
  reused: number;
  ran: number;
}

/** Evaluations of a lockstep batch: each run's time is its share of them. */
function sumWork(r: LockstepResult): number {
  let w = 0;
  for (let i = 0; i < r.count; i++) w += r.nfev[i]! + r.ngev[i]!;
  return w;
}

/**
 * Runs batches; one per worker thread. It keeps what batches share (imported modules, built
 * objectives, decoded spaces, CSV printers) as its own state, never in module variables.
 *
 * @example
 * ```ts
 * const runner = new BatchRunner();
 * const { lines, ran } = await runner.run(task);
 * ```
 */
export class BatchRunner {
  private readonly modules = new Map<string, Promise<Experiment>>();
  private readonly problems = new Map<string, ProblemWithDim>();
  /** Per built problem, the same problem with `f2` (see `lockstepKernels.ts`). */
  private readonly withF2 = new WeakMap<ProblemWithDim, ProblemWithDim>();
  private readonly walkers = new WeakMap<RunSpace, SpaceWalker>();
  /** Per space, its run reader for the current CSV printer. */
  private readonly spaceRuns = new WeakMap<RunSpace, SpaceRuns>();
  /**
   * Per space, the minimizer of the runs of one signature and lr (x0 aside): their objective and options
   * checked once (see `minimizerOf`); null where they cannot be (each such run goes through minimize).
   */
  private readonly minimizers = new WeakMap<
    RunSpace,
    Map<string, ((x0: number[]) => OptimizeResult) | null>
  >();
  private readonly tables = new WeakMap<SharedArrayBuffer, RecordedView>();
  private readonly ascii = new WeakMap<RunSpace, boolean>();
  private printer: { key: string; p: CsvParams } | undefined;
  /** Whether runs may go in lockstep (off: each run alone, as a reference). */
  private readonly lockstep: boolean;
  /**
   * Runs this runner ran in lockstep and alone (`minimizer`: those of them through a minimizer), and its
   * lockstep calls.
   */
  readonly counts = { lockstep: 0, alone: 0, calls: 0, minimizer: 0 };
  /** Per lockstep key, the lowest cost of an evaluation measured (ms). */
  private readonly costs = new Map<string, number>();
  private readonly writer = new ByteWriter();
  private readonly digest = new DigestWriter();
  private scratch: MemberResult | undefined;

  /**
   * @param options - `lockstep: false` runs every run alone (default: runs that can go side by side
   *   do, with the same results, unless the environment sets `NUMCOMP_LOCKSTEP=0`).
   */
  constructor(options: { readonly lockstep?: boolean } = {}) {
    this.lockstep = options.lockstep ?? process.env.NUMCOMP_LOCKSTEP !== '0';
  }
  private readonly logs = new Map<string, RecordedLines>();

  private load(url: string): Promise<Experiment> {
    let p = this.modules.get(url);
    if (p === undefined) {
      p = import(url).then((m: { default?: Experiment }) => {
        if (m.default === undefined) throw new Error(`${url} has no default export`);
        return m.default;
      });
      this.modules.set(url, p);
    }
    return p;
  }

  private csv(columns: CsvColumns | undefined): CsvParams | undefined {
    if (columns === undefined) return undefined;
    const key = JSON.stringify(columns);
    if (this.printer?.key !== key) this.printer = { key, p: new CsvParams(columns) };
    return this.printer.p;
  }

  /** The objective of a lockstep group: with f of two numbers when it is one of core's 2-D test functions. */
  private lockstepProblem(def: Experiment, name: string, params: Params): ProblemWithDim {
    const p = this.problem(def, name, params);
    const info = normalizeObjective(def.objective!);
    if (info.problem !== undefined && name === info.name) return p;
    // One f2 per built problem: a new closure per group costs the kernel a check at each of its four
    // calls a step (~15 %: V8 inlines a call site seen with one function).
    let q = this.withF2.get(p);
    if (q === undefined) this.withF2.set(p, (q = withF2(p, name, params)));
    return q;
  }

  /** Whether a space is ASCII (see `asciiSpace`), once per space, for a task the wire did not decode. */
  private asciiSpace(space: RunSpace): boolean {
    let a = this.ascii.get(space);
    if (a === undefined) this.ascii.set(space, (a = asciiSpace(space)));
    return a;
  }

  private problem(def: Experiment, name: string, params: Params): ProblemWithDim {
    const key = `${name}\0${jsonLine(params)}`;
    let p = this.problems.get(key);
    if (p === undefined) {
      if (this.problems.size > 1000) this.problems.clear();
      p = buildObjective(normalizeObjective(def.objective!), name, params);
      this.problems.set(key, p);
    }
    return p;
  }

  /**
   * Runs a batch.
   *
   * @param task - The batch: a range of a run space, or listed runs.
   * @returns Its JSON lines (UTF-8), what it ran and reused, and a digest of a range's results (the
   *   runs it reused included, read back from results.jsonl).
   */
  async run(task: BatchTask): Promise<BatchResult> {
    const def = await this.load(task.module);
    const work = task.work;
    const range = work.kind === 'range' ? work : undefined;
    let walker: SpaceWalker | undefined;
    if (range !== undefined) {
      walker = this.walkers.get(range.space);
      if (walker === undefined)
        this.walkers.set(range.space, (walker = new SpaceWalker(range.space, { cacheRows: CACHE_ROWS })));
      walker.seek(range.first);
    }
    const table =
      task.recorded === undefined
        ? undefined
        : (this.tables.get(task.recorded.flags) ??
          (() => {
            const t = new RecordedView(task.recorded!);
            this.tables.set(task.recorded!.flags, t);
            return t;
          })());
    const code = task.code ?? range?.space.code ?? '';
    const oldHead =
      task.previousCode !== undefined && range !== undefined
        ? runIdPrefix(range.space.experiment, task.previousCode)
        : undefined;
    const out: Out = {
      lines: this.writer.reset(),
      reusedLines: '',
      digest: range === undefined ? undefined : this.digest.reset(),
      cells: def.run === undefined ? this.csv(task.csvColumns) : undefined,
      code,
      at: task.plan !== undefined ? `,"plan":"${task.plan}","i":` : '',
      xWidth: task.csvXWidth ?? 0,
      ascii: range !== undefined && (task.asciiSpace ?? this.asciiSpace(range.space)),
    };
    // A range's digest holds the runs it reuses too, read back from the log by line number.
    const log =
      out.digest !== undefined && task.recorded?.path !== undefined ? this.log(task.recorded) : undefined;
    let reader: SpaceRuns | undefined;
    if (walker !== undefined) {
      reader = this.spaceRuns.get(range!.space);
      if (reader === undefined || reader.printer !== out.cells)
        this.spaceRuns.set(range!.space, (reader = new SpaceRuns(walker, out.cells)));
    }
    const seg: Segment = {
      def,
      task,
      out,
      walker,
      reader,
      table,
      log,
      oldHead,
      runs: range === undefined ? (work as { runs: readonly PlannedRun[] }).runs : undefined,
      first: range === undefined ? -1 : range.first,
      grouping: def.run === undefined && this.lockstep && def.objective !== undefined,
      n: range === undefined ? (work as { runs: readonly PlannedRun[] }).runs.length : range.count,
      limit: Math.min(def.timeout ?? DEFAULT_TIMEOUT, DEFAULT_TIMEOUT),
      changed: 0,
      reused: 0,
      ran: 0,
    };
    // A segment at a time: what a run allocates dies young (a batch of thousands kept whole lived through
    // two scavenges, and ~850 bytes a run were promoted and collected again: a third of the time). Each
    // segment's work is its own method: a loop here would have V8 optimize this whole function again
    // (~100 ms of compiling) whenever a task of another shape deoptimizes it.
    for (let from = 0; from < seg.n; from += SEGMENT) {
      const todo = this.collect(seg, from, Math.min(seg.n, from + SEGMENT));
      if (seg.grouping) this.group(todo);
      for (let t = 0; t < todo.length; t++) this.execute(seg, todo[t]!);
    }
    const { ran, reused, changed } = seg;
    return {
      lines: out.lines.bytes(),
      ran,
      reused,
      changed,
      ...(out.digest === undefined ? {} : { digest: out.digest.finish() }),
      ...(out.reusedLines === '' ? {} : { reusedLines: encoder.encode(out.reusedLines) }),
    };
  }

  /** Plans runs from … to − 1 of a batch: the runs to run, in order, with the recorded runs it reuses. */
  private collect(seg: Segment, from: number, to: number): Todo[] {
    const { walker, reader, table, out, oldHead, grouping, n, log } = seg;
    const progress = seg.task.progress;
    const todo: Todo[] = [];
    const reusable: (Reused & {
      readonly slot: number;
      readonly i: number;
      readonly csv: string | undefined;
    })[] = [];
    for (let i = from; i < to; i++) {
      if (progress !== undefined) Atomics.store(progress, 0, i + 1);
      const index = seg.first < 0 ? -1 : seg.first + i;
      let recorded = false;
      let slot = -1;
      let run: PlannedRun | undefined;
      // A run recorded by this plan, found by its index, is not hashed: its line holds its id.
      if (walker !== undefined && table !== undefined && index >= 0) {
        slot = table.findByIndex(index);
        if (slot !== -1) {
          const f = table.flagsAt(slot);
          if ((f & OK) !== 0 && (!walker.trajectory() || (f & TRAJECTORY) !== 0)) {
            run = walker.unhashedRun();
            recorded = true;
          }
        }
      }
      if (run === undefined) run = walker === undefined ? seg.runs![i]! : walker.run();
      if (table !== undefined && !recorded) {
        slot = table.find(run.id, index);
        if (slot !== -1) {
          const f = table.flagsAt(slot);
          if ((f & OK) !== 0 && (!run.trajectory || (f & TRAJECTORY) !== 0)) recorded = true;
          else table.mark(slot, RERUN);
        } else if (oldHead !== undefined && table.find(runIdOfText(`${oldHead}${run.params}}`)) !== -1) {
          seg.changed++;
        }
      }
      // What a run needs read from the space's rows (no params object): its CSV cells (a reused run's
      // too), and a run to run its lockstep signature, lr and x0.
      const fresh = !recorded && reader !== undefined;
      const csv = reader !== undefined && out.cells !== undefined ? reader.csv() : undefined;
      const grouped = fresh && grouping && !run.trajectory;
      const sig = grouped ? reader!.signature() : undefined;
      const lr = grouped ? reader!.lr() : undefined;
      const x0 = grouped ? reader!.x0() : undefined;
      if (walker !== undefined && i + 1 < n) walker.next();
      if (recorded) {
        reusable.push({ index, line: table!.lineAt(slot), run, slot, i, csv });
        continue;
      }
      todo.push({
        i,
        run,
        index,
        params: undefined,
        csv,
        sig,
        lr,
        x0,
        group: undefined,
        k: 0,
        record: undefined,
      });
    }
    // Reused runs: their records (a run whose record cannot be read back runs again).
    if (reusable.length > 0) {
      const records = log === undefined ? undefined : readRecords(log, reusable, walker?.head ?? '');
      for (let r = 0; r < reusable.length; r++) {
        let u = reusable[r]!;
        const rec = records?.[r];
        // A run found by index gets its id from its line, or is hashed when the line cannot give it.
        if (u.run.id === '') {
          const id = rec?.id ?? runIdOfText(`${walker!.head}${u.run.params}}`);
          u = { ...u, run: { ...u.run, id } };
        }
        if (log !== undefined && rec === undefined) {
          table!.mark(u.slot, RERUN);
          todo.push(recordedTodo(u, undefined));
          continue;
        }
        table!.mark(u.slot, REUSED);
        seg.reused++;
        if (rec !== undefined) todo.push(recordedTodo(u, rec));
      }
      todo.sort((a, b) => a.i - b.i);
    }
    return todo;
  }

  /** Runs one planned run (in its lockstep group's chunk, or alone) and writes it, or folds a reused one. */
  private execute(seg: Segment, item: Todo): void {
    const { def, out } = seg;
    const progress = seg.task.progress;
    if (item.record !== undefined) {
      this.fold(out, item, item.record);
      return;
    }
    seg.ran++;
    const g = item.group;
    if (g !== undefined && item.k >= g.start) {
      if (item.k >= g.to) this.chunk(seg, g, item);
      const r = g.result;
      if (r) {
        const k = item.k - g.from;
        const time = Math.round(((g.ms * (r.nfev[k]! + r.ngev[k]!)) / g.work) * 1000) / 1000;
        this.emit(out, item, (this.scratch = memberResult(r, k, this.scratch)), undefined, time);
        this.counts.lockstep++;
        return;
      }
    }
    if (progress !== undefined) Atomics.store(progress, 0, item.i + 1);
    this.counts.alone++;
    const t0 = performance.now();
    let res: OptimizeResult | undefined;
    let values: Params | undefined;
    let failed = false;
    let error: unknown;
    try {
      const one = item.sig === undefined || def.run !== undefined ? undefined : this.minimizerOf(seg, item);
      if (one !== undefined) {
        this.counts.minimizer++;
        res = one(item.x0 as number[]);
      } else {
        const params = (item.params ??= JSON.parse(item.run.params) as Params);
        if (def.run !== undefined) {
          const seed = Number.parseInt(item.run.id.slice(0, 8), 16) >>> 0;
          values = def.run(params, { id: item.run.id, seed });
          checkValues(values);
        } else {
          res = this.optimize(def, seg.task, params, item.run.trajectory);
        }
      }
    } catch (e) {
      res = undefined;
      values = undefined;
      failed = true;
      error = e;
    }
    const ms = performance.now() - t0;
    if (g !== undefined && res !== undefined) g.probe = { res, ms };
    const time = Math.round(ms * 1000) / 1000;
    if (failed) this.emitError(out, item, error, time);
    else this.emit(out, item, res, values, time);
  }

  /**
   * The minimizer of a range's run that goes alone (a method that does not go side by side, or a lockstep
   * group's first run): one per signature and lr, so that runs differing only in x0 (a basin map, a grid
   * of starts) have their objective built and their options parsed and checked once, not per run (~3 µs
   * of a ~12 µs BFGS run in 2-D). Its results are minimize's bit for bit (optimizers' minimizer tests);
   * options it cannot take (minimizer throws) leave each run to minimize, which throws the same error.
   */
  private minimizerOf(seg: Segment, item: Todo): ((x0: number[]) => OptimizeResult) | undefined {
    if (!numbers(item.x0) || (item.lr !== undefined && typeof item.lr !== 'number')) return undefined;
    const space = (seg.task.work as { readonly space: RunSpace }).space;
    let bySig = this.minimizers.get(space);
    if (bySig === undefined) this.minimizers.set(space, (bySig = new Map()));
    const key = item.lr === undefined ? item.sig! : `${item.sig}${item.lr}`;
    let one = bySig.get(key);
    if (one === undefined) {
      one = null;
      try {
        const params = (item.params ??= JSON.parse(item.run.params) as Params);
        const o = params.objective as { name: string; params: Params };
        one = minimizer(this.problem(seg.def, o.name, o.params), params.optimizer as MinimizeOptions);
      } catch {
        // Left to minimize, run by run.
      }
      if (bySig.size >= 4096) bySig.clear();
      bySig.set(key, one);
    }
    return one ?? undefined;
  }

  /**
   * Runs the next chunk of a group, from `item`: as many runs as surely end well within the time limit
   * (the watchdog sees one run current for the whole chunk), at the cost of an evaluation remembered
   * from this key's earlier groups or measured on the group's first run (gone alone).
   */
  private chunk(seg: Segment, g: Group, item: Todo): void {
    const progress = seg.task.progress;
    const known = this.costs.get(g.key) ?? Number.POSITIVE_INFINITY;
    const probe = g.probe;
    const measured =
      probe === undefined ? Number.POSITIVE_INFINITY : probe.ms / (probe.res.nfev + probe.res.ngev);
    const perRun = groupBound(Math.min(known, measured), 1, g.options, (item.x0 as number[]).length);
    const size = Number.isFinite(perRun) ? Math.max(1, Math.floor(seg.limit / 10 / perRun)) : 0;
    g.from = item.k;
    g.to = item.k + Math.max(1, size);
    g.result = null;
    if (size === 0) return;
    if (progress !== undefined) Atomics.store(progress, 0, item.i + 1);
    const t0 = performance.now();
    const problem = this.lockstepProblem(seg.def, g.objective.name, g.objective.params);
    this.counts.calls++;
    const chunk = g.members.slice(g.from, g.to);
    const lrs = g.options.lr === undefined ? undefined : Float64Array.from(chunk, (m) => m.lr as number);
    g.result =
      runGroup(
        problem,
        g.options,
        chunk.map((m) => m.x0 as number[]),
        lrs,
      ) ?? null;
    g.ms = performance.now() - t0;
    if (g.result !== null) {
      g.work = sumWork(g.result);
      this.costs.set(g.key, Math.min(known, measured, g.ms / g.work));
    }
  }

  /**
   * The reader of a results.jsonl: one per file, holding one descriptor, for the worker's life (each
   * task brings its own copy of the shared buffers, so they cannot key it), with the task's offsets.
   */
  private log(recorded: SharedIdTable): RecordedLines {
    let l = this.logs.get(recorded.path);
    if (l !== undefined && l.scan !== recorded.scan) {
      // Another sweep's scan: the file may have been compacted (replaced) since.
      l.close();
      this.logs.delete(recorded.path);
      l = undefined;
    }
    if (l === undefined) {
      if (this.logs.size >= 8) {
        const [path, oldest] = this.logs.entries().next().value as [string, RecordedLines];
        oldest.close();
        this.logs.delete(path);
      }
      this.logs.set(recorded.path, (l = new RecordedLines(recorded.path, recorded.offsets, recorded.scan)));
    }
    return l;
  }

  /** A reused run in the digest: as numbers when its record is plain, else its line (parsed by the coordinator). */
  private fold(out: Out, item: Todo, record: Recorded): void {
    const digest = out.digest!;
    const { id } = item.run;
    const { plain, line } = record;
    if (plain !== undefined) {
      // Its params are the run's (the line starts with them): its CSV cells are the run's own.
      const cells = out.cells;
      const row =
        cells === undefined
          ? ''
          : `${id},${plain.status}${item.csv ?? cells.text(flatParams((item.params ??= JSON.parse(item.run.params) as Params)))}${resultCells(plain, out.xWidth)},,${plain.time}`;
      digest.reused(item.index, id, plain, row);
      return;
    }
    const r = record.rec!;
    if (
      r.x !== undefined &&
      r.fun !== undefined &&
      r.kkt === undefined &&
      r.trajectory === undefined &&
      r.values === undefined
    ) {
      const cells = out.cells;
      const row =
        cells === undefined
          ? ''
          : `${id},${r.status}${cells.text(flatParams(r.params))}${resultCells(r, out.xWidth)},,${r.time}`;
      digest.reused(item.index, id, r, row);
    } else {
      digest.other(item.index, id, r.status, 0, true);
      out.reusedLines += `${line}\n`;
    }
  }

  /**
   * Puts the runs that can go side by side into lockstep groups (groups of one stay alone). A range's
   * runs are grouped by their signature (see `SpaceRuns`), listed runs by `lockstepKey`; a group's first
   * run decides with `lockstepKey` whether it can go in lockstep at all.
   */
  private group(todo: Todo[]): void {
    const groups = new Map<string, Group | null>();
    for (const item of todo) {
      if (item.run.trajectory || item.record !== undefined) continue;
      let key = item.sig;
      if (key === undefined) {
        let params = item.params;
        if (params === undefined) {
          try {
            params = item.params = JSON.parse(item.run.params) as Params;
          } catch {
            continue;
          }
        }
        key = lockstepKey(params, item.run.params);
        if (key === undefined) continue;
        item.lr = (params.optimizer as Params).lr;
        item.x0 = params.x0;
      } else if (!numbers(item.x0) || (item.lr !== undefined && typeof item.lr !== 'number')) continue;
      let g = groups.get(key);
      if (g === undefined) {
        const params = (item.params ??= JSON.parse(item.run.params) as Params);
        const costKey = item.sig === undefined ? key : lockstepKey(params, item.run.params);
        g =
          costKey === undefined
            ? null
            : {
                key: costKey,
                members: [],
                start: this.costs.has(costKey) ? 0 : 1,
                objective: params.objective as { name: string; params: Params },
                options: params.optimizer as Params,
                probe: undefined,
                from: 0,
                to: 0,
                result: null,
                ms: 0,
                work: 0,
              };
        groups.set(key, g);
      }
      if (g === null) continue;
      item.k = g.members.length;
      g.members.push(item);
    }
    for (const g of groups.values()) {
      if (g === null || g.members.length < 2) continue;
      for (const m of g.members) m.group = g;
    }
  }

  /** Appends a run's line, and its digest entry and CSV row. */
  private emit(
    out: Out,
    item: Todo,
    res: OptimizeResult | undefined,
    values: Params | undefined,
    time: number,
  ): void {
    const { run } = item;
    const tt = String(time);
    let body: string;
    let status: RunStatus;
    let gradNorm = 0;
    let results = '';
    if (res === undefined) {
      status = 'ok';
      body = `,"values":${jsonLine(values)}`;
    } else {
      status = res.status;
      const fields = resultFields(res, out.xWidth);
      body = fields.json;
      gradNorm = fields.gradNorm;
      results = fields.csv;
    }
    const lineBytes = out.lines.write(
      `{"id":"${run.id}","status":"${status}","params":${run.params}${body}${tail(out, item)}${tt}}\n`,
      out.ascii && res !== undefined,
    );
    const digest = out.digest;
    if (digest === undefined) return;
    if (res === undefined || res.kkt !== undefined || res.trajectory !== undefined) {
      digest.other(item.index, run.id, status, lineBytes);
    } else {
      const cells = out.cells;
      const row =
        cells === undefined
          ? ''
          : `${run.id},${status}${item.csv ?? cells.text(flatParams((item.params ??= JSON.parse(run.params) as Params)))}${results},,${tt}`;
      digest.plain(item.index, run.id, status, res, gradNorm, time, lineBytes, row, out.ascii);
    }
  }

  /** Appends the line of a run that threw. */
  private emitError(out: Out, item: Todo, e: unknown, time: number): void {
    const { run } = item;
    const lineBytes = out.lines.write(
      `{"id":"${run.id}","status":"error","params":${run.params},"message":${JSON.stringify(errorMessage(e))}${tail(out, item)}${time}}\n`,
    );
    out.digest?.other(item.index, run.id, 'error', lineBytes);
  }

  private optimize(def: Experiment, task: BatchTask, params: Params, record: boolean): OptimizeResult {
    const o = params.objective as { name: string; params: Params };
    const problem = this.problem(def, o.name, o.params);
    const options = params.optimizer as Record<string, unknown>;
    // minimize modifies neither x0 nor the options.
    return minimize(
      problem,
      params.x0 as number[],
      (record ? { ...options, record: task.trajectory } : options) as Parameters<typeof minimize>[2],
    );
  }
}

/** What every line of a run ends with before its time: its plan and index, its code, `,"time":`. */
function tail(out: Out, item: Todo): string {
  const at = out.at === '' || item.index < 0 ? '' : `${out.at}${item.index}`;
  return `${at}${out.code ? `,"code":"${out.code}"` : ''},"time":`;
}

/** A recorded run of a batch as a run to do: reused with its record, or (undefined) run again. */
function recordedTodo(
  u: Reused & { readonly i: number; readonly csv: string | undefined },
  record: Recorded | undefined,
): Todo {
  return {
    i: u.i,
    run: u.run,
    index: u.index,
    params: undefined,
    csv: u.csv,
    sig: undefined,
    lr: undefined,
    x0: undefined,
    group: undefined,
    k: 0,
    record,
  };
}

/** Whether x0 is an array of numbers. */
function numbers(x0: Json | undefined): boolean {
  if (!Array.isArray(x0)) return false;
  for (let i = 0; i < x0.length; i++) if (typeof x0[i] !== 'number') return false;
  return true;
}

/** A `run()` result must be a plain JSON object: a function, undefined or class instance inside is an error naming its key. */
function checkValues(values: unknown): void {
  if (values === null || typeof values !== 'object' || Array.isArray(values)) {
    throw new TypeError(
      `run() returned ${Array.isArray(values) ? 'an array' : typeof values}; expected a plain object`,
    );
  }
  const walk = (v: unknown, path: string): void => {
    if (v === null || typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number') return;
    if (Array.isArray(v)) {
      v.forEach((e, i) => {
        walk(e, `${path}[${i}]`);
      });
      return;
    }
    if (typeof v === 'object') {
      const proto = Object.getPrototypeOf(v);
      if (proto === Object.prototype || proto === null) {
        for (const [k, e] of Object.entries(v)) walk(e, `${path}.${k}`);
        return;
      }
    }
    const what =
      typeof v === 'object' ? `a ${(v as object).constructor?.name ?? 'non-plain'} object` : `a ${typeof v}`;
    throw new TypeError(`run() returned ${what} at ${path}; expected plain JSON`);
  };
  for (const [k, e] of Object.entries(values)) walk(e, `values.${k}`);
}

/** The result fields of a line (non-finite numbers as strings), ‖∇f‖, and the result cells of its CSV row. */
function resultFields(r: OptimizeResult, xWidth: number): { json: string; gradNorm: number; csv: string } {
  let x = '';
  // x's CSV cells: spread's (a number's cell is its text), from the same strings.
  let xc = xWidth === 0 ? spread(Array.from(r.x), 0) : '';
  for (let i = 0; i < r.x.length; i++) {
    const v = r.x[i]!;
    const t = String(v);
    x += (i ? ',' : '') + (Number.isFinite(v) ? t : `"${t}"`);
    if (i < xWidth) xc += `,${t}`;
  }
  for (let i = r.x.length; i < xWidth; i++) xc += ',';
  let g2 = 0;
  for (let i = 0; i < r.grad.length; i++) g2 += r.grad[i]! * r.grad[i]!;
  const gradNorm = Math.sqrt(g2);
  const f = String(r.fun);
  const g = String(gradNorm);
  const fj = Number.isFinite(r.fun) ? f : `"${f}"`;
  const gj = Number.isFinite(gradNorm) ? g : `"${g}"`;
  let json = `,"x":[${x}],"fun":${fj},"gradNorm":${gj},"nit":${r.nit},"nfev":${r.nfev},"ngev":${r.ngev},"nhev":${r.nhev}`;
  if (r.kkt !== undefined) json += `,"kkt":${jsonLine(r.kkt)}`;
  if (r.trajectory !== undefined) {
    const t = r.trajectory;
    json += `,"trajectory":${jsonLine({ iter: t.iter, x: t.x, f: t.f, gradNorm: t.gradNorm })}`;
  }
  return { json, gradNorm, csv: `,${f},${g},${r.nit},${r.nfev},${r.ngev},${r.nhev}${xc}` };
}

/** A recorded run a batch reuses: its index in the plan, the line holding its record, and the run. */
interface Reused {
  readonly index: number;
  readonly line: number;
  readonly run: PlannedRun;
}

/**
 * The records of reused runs, read back by line number (ascending, as `RecordedLines` reads them);
 * undefined where a line cannot be read or does not hold the run's record (the run runs again).
 */
function readRecords(log: RecordedLines, runs: readonly Reused[], head: string): (Recorded | undefined)[] {
  const out = new Array<Recorded | undefined>(runs.length);
  const order = runs.map((_, k) => k).sort((a, b) => runs[a]!.line - runs[b]!.line);
  let texts: (string | undefined)[];
  try {
    texts = log.read(order.map((k) => runs[k]!.line));
  } catch {
    return out;
  }
  for (let j = 0; j < order.length; j++) {
    const k = order[j]!;
    const line = texts[j];
    if (line === undefined) continue;
    const run = runs[k]!.run;
    // A run found by its index has no id yet (''): its line's, when the line is its plain record.
    const plain = readPlainLine(line, run.id === '' ? undefined : run.id, run.params);
    if (plain !== undefined) {
      out[k] = { id: plain.id, rec: undefined, plain, line };
      continue;
    }
    const id = run.id === '' ? runIdOfText(`${head}${run.params}}`) : run.id;
    const rec = parseLine(line);
    if (rec !== undefined && rec.id === id) out[k] = { id, rec, plain: undefined, line };
  }
  return out;
}

/** The result cells of a recorded plain run's CSV row, as {@link resultFields} prints them. */
function resultCells(r: ReusedNumbers, xWidth: number): string {
  const xc = spread(r.x!, xWidth);
  return `,${r.fun},${r.gradNorm},${r.nit},${r.nfev},${r.ngev},${r.nhev}${xc}`;
}

function errorMessage(e: unknown): string {
  const m = e instanceof Error ? `${e.name === 'Error' ? '' : `${e.name}: `}${e.message}` : String(e);
  return m.length > 500 ? `${m.slice(0, 497)}...` : m;
}
