import { performance } from 'node:perf_hooks';
import { minimize, type OptimizeResult, type RecordOptions } from '@numcomp/optimizers';
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
}

/** What a batch returns: one JSON line per run (each ending in a newline), and the runs' statuses. */
export interface BatchResult {
  readonly lines: string;
  readonly statuses: RunStatus[];
}

const modules = new Map<string, Promise<Experiment>>();
const problems = new Map<string, ProblemWithDim>();

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
  let lines = '';
  const statuses: RunStatus[] = [];
  const progress = task.progress;
  for (let i = 0; i < task.runs.length; i++) {
    if (progress !== undefined) Atomics.store(progress, 0, i + 1);
    const run = task.runs[i]!;
    const t0 = performance.now();
    let body: string;
    let status: RunStatus;
    try {
      const params = JSON.parse(run.params) as Params;
      if (objective === undefined) {
        const seed = Number.parseInt(run.id.slice(0, 8), 16) >>> 0;
        const values = def.run!(params, { id: run.id, seed });
        if (values === null || typeof values !== 'object' || Array.isArray(values)) {
          throw new TypeError(`run() returned ${typeof values}; expected a plain object`);
        }
        status = 'ok';
        body = `,"values":${jsonLine(values)}`;
      } else {
        const res = optimize(objective, task, params, run.trajectory);
        status = res.status;
        body = resultFields(res);
      }
    } catch (e) {
      status = 'error';
      body = `,"message":${JSON.stringify(errorMessage(e))}`;
    }
    const time = Math.round((performance.now() - t0) * 1000) / 1000;
    lines += `{"id":"${run.id}","status":"${status}","params":${run.params}${body},"time":${time}}\n`;
    statuses.push(status);
  }
  return { lines, statuses };
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

function num(v: number): string {
  return Number.isFinite(v) ? String(v) : `"${v}"`;
}

function resultFields(r: OptimizeResult): string {
  let x = '';
  for (let i = 0; i < r.x.length; i++) x += (i ? ',' : '') + num(r.x[i]!);
  let g2 = 0;
  for (let i = 0; i < r.grad.length; i++) g2 += r.grad[i]! * r.grad[i]!;
  let s = `,"x":[${x}],"fun":${num(r.fun)},"gradNorm":${num(Math.sqrt(g2))},"nit":${r.nit},"nfev":${r.nfev},"ngev":${r.ngev},"nhev":${r.nhev}`;
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
