// Runs a batch in a worker: each run's `minimize` (or the experiment's `run` function) in turn,
// catching what a run throws (recorded as `error`). Results depend only on each run's parameters,
// never on the batch, the order or the thread. A range of a run space is built and hashed here, and
// runs already recorded (the shared id table) are skipped and counted as reused.
import { performance } from 'node:perf_hooks';
import { minimize, type OptimizeResult } from '@numcomp/optimizers';
import { buildObjective, normalizeObjective } from '../experiment/objective.js';
import { type CsvColumns, CsvParams, spread } from '../format/csvCells.js';
import { flatParams } from '../format/flatParams.js';
import { jsonLine } from '../format/jsonLine.js';
import { runIdOfText, runIdPrefix } from '../plan/runId.js';
import { SpaceWalker } from '../plan/space.js';
import { IdTableView, OK, RERUN, REUSED, TRAJECTORY } from '../store/idTable.js';
import type {
  BatchResult,
  BatchTask,
  Experiment,
  Params,
  PlannedRun,
  ProblemWithDim,
  RunSpace,
  RunStatus,
} from '../types.js';
import { DigestWriter } from './digest.js';

const encoder = new TextEncoder();

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
  private readonly walkers = new WeakMap<RunSpace, SpaceWalker>();
  private readonly tables = new WeakMap<SharedArrayBuffer, IdTableView>();
  private printer: { key: string; p: CsvParams } | undefined;

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
   * @returns Its JSON lines (UTF-8), what it ran and reused, and a digest of a range's results.
   */
  async run(task: BatchTask): Promise<BatchResult> {
    const def = await this.load(task.module);
    const work = task.work;
    const range = work.kind === 'range' ? work : undefined;
    let walker: SpaceWalker | undefined;
    if (range !== undefined) {
      walker = this.walkers.get(range.space);
      if (walker === undefined) this.walkers.set(range.space, (walker = new SpaceWalker(range.space)));
      walker.seek(range.first);
    }
    const table =
      task.recorded === undefined
        ? undefined
        : (this.tables.get(task.recorded.flags) ??
          (() => {
            const t = new IdTableView(task.recorded!);
            this.tables.set(task.recorded!.flags, t);
            return t;
          })());
    const code = task.code ?? range?.space.code ?? '';
    const oldHead =
      task.previousCode !== undefined && range !== undefined
        ? runIdPrefix(range.space.experiment, task.previousCode)
        : undefined;
    const cells = def.run === undefined ? this.csv(task.csvColumns) : undefined;
    const digest = range === undefined ? undefined : new DigestWriter();
    const n = range === undefined ? (work as { runs: readonly PlannedRun[] }).runs.length : range.count;
    const progress = task.progress;
    let lines = '';
    let ran = 0;
    let reused = 0;
    let changed = 0;
    for (let i = 0; i < n; i++) {
      if (progress !== undefined) Atomics.store(progress, 0, i + 1);
      const run = walker === undefined ? (work as { runs: readonly PlannedRun[] }).runs[i]! : walker.run();
      if (walker !== undefined && i + 1 < n) walker.next();
      if (table !== undefined) {
        const slot = table.find(run.id);
        if (slot >= 0) {
          const f = table.flagsAt(slot);
          if ((f & OK) !== 0 && (!run.trajectory || (f & TRAJECTORY) !== 0)) {
            table.mark(slot, REUSED);
            reused++;
            continue;
          }
          table.mark(slot, RERUN);
        } else if (oldHead !== undefined && table.find(runIdOfText(`${oldHead}${run.params}}`)) >= 0) {
          changed++;
        }
      }
      ran++;
      const index = range === undefined ? -1 : range.first + i;
      const t0 = performance.now();
      let body: string;
      let status: RunStatus;
      let res: OptimizeResult | undefined;
      let params: Params | undefined;
      let gradNorm = 0;
      let results = '';
      try {
        params = JSON.parse(run.params) as Params;
        if (def.run !== undefined) {
          const seed = Number.parseInt(run.id.slice(0, 8), 16) >>> 0;
          const values = def.run(params, { id: run.id, seed });
          checkValues(values);
          status = 'ok';
          body = `,"values":${jsonLine(values)}`;
        } else {
          res = this.optimize(def, task, params, run.trajectory);
          status = res.status;
          const fields = resultFields(res, task.csvXWidth ?? 0);
          body = fields.json;
          gradNorm = fields.gradNorm;
          results = fields.csv;
        }
      } catch (e) {
        res = undefined;
        status = 'error';
        body = `,"message":${JSON.stringify(errorMessage(e))}`;
      }
      const time = Math.round((performance.now() - t0) * 1000) / 1000;
      const tt = String(time);
      lines += `{"id":"${run.id}","status":"${status}","params":${run.params}${body}${code ? `,"code":"${code}"` : ''},"time":${tt}}\n`;
      if (digest === undefined) continue;
      if (
        res === undefined ||
        res.kkt !== undefined ||
        res.trajectory !== undefined ||
        params === undefined
      ) {
        digest.other(index, run.id, status);
      } else {
        const row =
          cells === undefined ? '' : `${run.id},${status}${cells.text(flatParams(params))}${results},,${tt}`;
        digest.plain(index, run.id, status, res, gradNorm, time, row);
      }
    }
    return {
      lines: encoder.encode(lines),
      ran,
      reused,
      changed,
      ...(digest === undefined ? {} : { digest: digest.finish() }),
    };
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
  for (let i = 0; i < r.x.length; i++) {
    const v = r.x[i]!;
    const t = String(v);
    x += (i ? ',' : '') + (Number.isFinite(v) ? t : `"${t}"`);
  }
  const xc = spread(Array.from(r.x), xWidth);
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

function errorMessage(e: unknown): string {
  const m = e instanceof Error ? `${e.name === 'Error' ? '' : `${e.name}: `}${e.message}` : String(e);
  return m.length > 500 ? `${m.slice(0, 497)}...` : m;
}
