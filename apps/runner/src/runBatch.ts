import { performance } from 'node:perf_hooks';
import { minimize, type OptimizeResult, type RecordOptions } from '@numcomp/optimizers';
import { type CsvColumns, CsvParams, plainRow } from './_csv.js';
import { type BatchDigest, DigestWriter } from './_digest.js';
import { jsonLine } from './_json.js';
import { buildObjective, normalizeObjective, type ObjectiveInfo } from './_objective.js';
import { OBJECTIVE_KEY } from './_schema.js';
import { type RunSpace, rangeOf, SpaceWalker } from './_space.js';
import { appendLines } from './_store.js';
import type { PlannedRun } from './planSweep.js';
import { runIdOfText } from './runId.js';
import type { Experiment, Params, ProblemWithDim, RunStatus } from './types.js';

/** A batch of runs of one experiment, as sent to a worker (plain data: it crosses threads or a queue). */
export interface BatchTask {
  /** File URL of the compiled experiment module (its default export is the definition). */
  readonly module: string;
  readonly experiment: string;
  readonly runs: readonly PlannedRun[];
  /** Parameters that go to the objective rather than to `minimize`. */
  readonly objectiveKeys: readonly string[];
  /** Thinning of recorded trajectories. */
  readonly trajectory: RecordOptions;
  /** Optional shared cell: the worker stores 1 + the index of the run it starts (a watchdog reads it). */
  readonly progress?: Int32Array;
  /**
   * Optional parameter columns of results.csv: with them, the digest holds the csv rows of plain
   * optimizer runs (see `_digest.ts`).
   */
  readonly csvColumns?: CsvColumns;
  /**
   * Optional path of the sweep's results.jsonl (held open by the sweep): the worker appends the
   * batch's lines itself, one write, and returns only those its digest does not describe.
   */
  readonly appendTo?: string;
}

/**
 * What a batch returns: one JSON line per run (each ending in a newline), and the runs' statuses.
 * Optimizer batches add a digest of the same results as numbers, so that the sweep need not parse
 * the lines (optional: a sweep parses the lines of a result without one).
 */
export interface BatchResult {
  readonly lines: string;
  readonly statuses: RunStatus[];
  readonly digest?: BatchDigest;
  /**
   * The lines are in `task.appendTo` already, and `lines` holds only the lines of the runs that the
   * digest marks to be parsed.
   */
  readonly appended?: boolean;
}

const modules = new Map<string, Promise<Experiment>>();
const walkers = new WeakMap<RunSpace, SpaceWalker>();

function walkerOf(space: RunSpace): SpaceWalker {
  let w = walkers.get(space);
  if (w === undefined) walkers.set(space, (w = new SpaceWalker(space)));
  return w;
}
const problems = new Map<string, ProblemWithDim>();
// One printer per set of columns, kept across batches: a grid's parameter values repeat.
const printers = new Map<string, CsvParams>();

function printer(columns: CsvColumns): CsvParams {
  const key = JSON.stringify(columns);
  let p = printers.get(key);
  if (p === undefined) {
    if (printers.size > 16) printers.clear();
    printers.set(key, (p = new CsvParams(columns)));
  }
  return p;
}

async function load(url: string): Promise<Experiment> {
  let p = modules.get(url);
  if (p === undefined) {
    p = import(url).then((m: { default?: Experiment }) => {
      if (m.default === undefined) throw new Error(`${url} has no default export`);
      return m.default;
    });
    modules.set(url, p);
  }
  return p;
}

/**
 * Runs a batch: each run's `minimize` (or the experiment's `run` function) in turn, catching what
 * a run throws (recorded as `error`). Results depend only on each run's parameters, never on the
 * batch, the order or the thread. Used by the piscina worker, and by any other executor.
 *
 * @param task - The batch (its runs, or a range of a plan's grid).
 * @returns The JSON lines and statuses, in the order of the runs, and their digest (with
 *   `task.appendTo`, the lines are appended there, and only those the digest does not describe
 *   are returned).
 * @example
 * ```ts
 * const { lines } = await runBatch({ module: pathToFileURL(file).href, experiment: 'demo', runs: plan.runs,
 *   objectiveKeys: plan.objectiveKeys, trajectory: plan.trajectory });
 * ```
 */
export async function runBatch(task: BatchTask): Promise<BatchResult> {
  const def = await load(task.module);
  const objective = def.objective === undefined ? undefined : normalizeObjective(def.objective);
  const digest = new DigestWriter();
  const cells =
    objective === undefined || task.csvColumns === undefined ? undefined : printer(task.csvColumns);
  // A range of a run space: build each run here (its params object from shared cells, no parse).
  const range = rangeOf(task);
  const walker = range === undefined ? undefined : walkerOf(range.space);
  walker?.seek(range!.first);
  const n = range === undefined ? task.runs.length : range.count;
  let lines = '';
  // Lines of runs the digest does not describe (the main thread parses them).
  let other = '';
  const statuses: RunStatus[] = [];
  const progress = task.progress;
  const last: { shared?: Shared } = {};
  for (let i = 0; i < n; i++, walker?.next()) {
    if (progress !== undefined) Atomics.store(progress, 0, i + 1);
    let id: string;
    let canonical: string;
    let trajectory: boolean;
    if (walker === undefined) {
      const run = task.runs[i]!;
      id = run.id;
      canonical = run.params;
      trajectory = run.trajectory;
    } else {
      const text = walker.text();
      id = runIdOfText(text);
      canonical = walker.paramsText(text);
      trajectory = walker.trajectory();
    }
    const t0 = performance.now();
    let body: string;
    let status: RunStatus;
    let res: OptimizeResult | undefined;
    let params: Params | undefined;
    try {
      if (objective === undefined) {
        params = JSON.parse(canonical) as Params;
        const seed = Number.parseInt(id.slice(0, 8), 16) >>> 0;
        const values = def.run!(params, { id, seed });
        if (values === null || typeof values !== 'object' || Array.isArray(values)) {
          throw new TypeError(`run() returned ${typeof values}; expected a plain object`);
        }
        status = 'ok';
        body = `,"values":${jsonLine(values)}`;
      } else {
        params = walker === undefined ? (JSON.parse(canonical) as Params) : walker.params();
        res = optimize(objective, task, params, trajectory, last);
        status = res.status;
        body = resultFields(res);
      }
    } catch (e) {
      res = undefined;
      status = 'error';
      body = `,"message":${JSON.stringify(errorMessage(e))}`;
    }
    const time = Math.round((performance.now() - t0) * 1000) / 1000;
    const tt = String(time);
    const line = `{"id":"${id}","status":"${status}","params":${canonical}${body},"time":${tt}}\n`;
    lines += line;
    statuses.push(status);
    if (res === undefined || res.kkt !== undefined || res.trajectory !== undefined) {
      digest.other(id);
      other += line;
    } else {
      const row = cells === undefined ? '' : plainRow(id, status, cells.text(params!), csv, tt);
      digest.plain(id, res, gradNorm, time, row);
    }
  }
  if (task.appendTo !== undefined) {
    try {
      appendLines(task.appendTo, lines);
      return { lines: other, statuses, digest: digest.finish(), appended: true };
    } catch {
      // the sweep appends them, and says why if it cannot
    }
  }
  return { lines, statuses, digest: digest.finish() };
}

/** What a run shares with the next: its params, and the options and problem they gave. */
interface Shared {
  params: Params;
  record: boolean;
  options: Record<string, unknown>;
  problem: ProblemWithDim;
}

/** Whether two runs' params differ in x0 at most (values compared as they are: a grid shares its cells). */
function sameButX0(a: Params, b: Params): boolean {
  let n = 0;
  for (const k in a) {
    n++;
    if (k !== 'x0' && a[k] !== b[k]) return false;
  }
  for (const _ in b) n--;
  return n === 0;
}

function optimize(
  objective: ObjectiveInfo,
  task: BatchTask,
  params: Params,
  record: boolean,
  last: { shared?: Shared },
): OptimizeResult {
  // Neighbouring runs of a grid differ in x0, and rarely in the other axes: they share options and problem.
  let shared = last.shared;
  if (shared === undefined || shared.record !== record || !sameButX0(params, shared.params)) {
    const name = params[OBJECTIVE_KEY] as string;
    const keys = task.objectiveKeys;
    const objParams: Record<string, Params[string]> = {};
    const options: Record<string, unknown> = {};
    for (const k in params) {
      if (k === OBJECTIVE_KEY || k === 'x0') continue;
      if (keys.includes(k)) objParams[k] = params[k]!;
      else options[k] = params[k];
    }
    const pkey = keys.length === 0 ? name : JSON.stringify([name, objParams]);
    let problem = problems.get(pkey);
    if (problem === undefined) {
      problem = buildObjective(objective, name, objParams);
      problems.set(pkey, problem);
    }
    if (record) options.record = task.trajectory;
    last.shared = shared = { params, record, options, problem };
  }
  // minimize does not modify x0 (nor options): the params' own array goes in.
  return minimize(shared.problem, params.x0 as number[], shared.options);
}

// The last result's ‖∇f‖ and results.csv cells from `fun` to the last `x` (its numbers printed once,
// for the JSON line and the CSV row: the shortest round-trip form, as JSON.stringify prints them).
let gradNorm = 0;
let csv = '';

/** `,"x":[…],"fun":…` (non-finite numbers as strings); sets `gradNorm` and `csv`. */
function resultFields(r: OptimizeResult): string {
  let x = '';
  let xc = '';
  for (let i = 0; i < r.x.length; i++) {
    const v = r.x[i]!;
    const t = String(v);
    x += (i ? ',' : '') + (Number.isFinite(v) ? t : `"${t}"`);
    xc += `,${t}`;
  }
  let g2 = 0;
  for (let i = 0; i < r.grad.length; i++) g2 += r.grad[i]! * r.grad[i]!;
  gradNorm = Math.sqrt(g2);
  const f = String(r.fun);
  const g = String(gradNorm);
  const fj = Number.isFinite(r.fun) ? f : `"${f}"`;
  const gj = Number.isFinite(gradNorm) ? g : `"${g}"`;
  const counts = `${r.nit},${r.nfev},${r.ngev},${r.nhev}`;
  csv = `,${f},${g},${counts}${xc}`;
  let s = `,"x":[${x}],"fun":${fj},"gradNorm":${gj},"nit":${r.nit},"nfev":${r.nfev},"ngev":${r.ngev},"nhev":${r.nhev}`;
  if (r.kkt !== undefined) s += `,"kkt":${jsonLine(r.kkt)}`;
  if (r.trajectory !== undefined) {
    const t = r.trajectory;
    s += `,"trajectory":${jsonLine({ iter: t.iter, x: t.x, f: t.f, gradNorm: t.gradNorm })}`;
  }
  return s;
}

function errorMessage(e: unknown): string {
  const m = e instanceof Error ? `${e.name === 'Error' ? '' : `${e.name}: `}${e.message}` : String(e);
  return m.length > 500 ? `${m.slice(0, 497)}...` : m;
}
