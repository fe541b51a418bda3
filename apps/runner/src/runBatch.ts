import { performance } from 'node:perf_hooks';
import { minimize, type OptimizeResult, type RecordOptions } from '@numcomp/optimizers';
import { type CsvColumns, CsvParams, plainRow } from './_csv.js';
import { type BatchDigest, DigestWriter } from './_digest.js';
import { jsonLine } from './_json.js';
import { buildObjective, normalizeObjective, type ObjectiveInfo } from './_objective.js';
import { OBJECTIVE_KEY } from './_schema.js';
import type { PlannedRun } from './planSweep.js';
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
}

const modules = new Map<string, Promise<Experiment>>();
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
 * @param task - The batch.
 * @returns The JSON lines and statuses, in the order of `task.runs`.
 * @example
 * ```ts
 * const { lines } = await runBatch({ module: pathToFileURL(file).href, experiment: 'demo', runs: plan.runs,
 *   objectiveKeys: plan.objectiveKeys, trajectory: plan.trajectory });
 * ```
 */
export async function runBatch(task: BatchTask): Promise<BatchResult> {
  const def = await load(task.module);
  const objective = def.objective === undefined ? undefined : normalizeObjective(def.objective);
  const digest = objective === undefined ? undefined : new DigestWriter();
  const cells = digest === undefined || task.csvColumns === undefined ? undefined : printer(task.csvColumns);
  let lines = '';
  const statuses: RunStatus[] = [];
  const progress = task.progress;
  for (let i = 0; i < task.runs.length; i++) {
    if (progress !== undefined) Atomics.store(progress, 0, i + 1);
    const run = task.runs[i]!;
    const t0 = performance.now();
    let body: string;
    let status: RunStatus;
    let res: OptimizeResult | undefined;
    let params: Params | undefined;
    try {
      params = JSON.parse(run.params) as Params;
      if (objective === undefined) {
        const seed = Number.parseInt(run.id.slice(0, 8), 16) >>> 0;
        const values = def.run!(params, { id: run.id, seed });
        if (values === null || typeof values !== 'object' || Array.isArray(values)) {
          throw new TypeError(`run() returned ${typeof values}; expected a plain object`);
        }
        status = 'ok';
        body = `,"values":${jsonLine(values)}`;
      } else {
        res = optimize(objective, task, params, run.trajectory);
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
    lines += `{"id":"${run.id}","status":"${status}","params":${run.params}${body},"time":${tt}}\n`;
    statuses.push(status);
    if (digest !== undefined) {
      if (res === undefined || res.kkt !== undefined || res.trajectory !== undefined) digest.other();
      else {
        const row = cells === undefined ? '' : plainRow(run.id, status, cells.text(params!), csv, tt);
        digest.plain(res, gradNorm, time, row);
      }
    }
  }
  return digest === undefined ? { lines, statuses } : { lines, statuses, digest: digest.finish() };
}

function optimize(
  objective: ObjectiveInfo,
  task: BatchTask,
  params: Params,
  record: boolean,
): OptimizeResult {
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
  return minimize(problem, Float64Array.from(params.x0 as number[]), options);
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
