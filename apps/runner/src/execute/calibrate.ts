// A short calibration before a sweep: a few of its runs, spread evenly over the grid, run here on the
// main thread for a fraction of a second, to estimate the sweep's time and disk before anything is
// written. The runs are thrown away (nothing is recorded); the estimates only inform and guard.
import { performance } from 'node:perf_hooks';
import type { SweepPlan } from '../plan/planSweep.js';
import type { BatchTask, PlannedRun } from '../types.js';

/** What a calibration measured, and the estimates it gives. */
export interface Calibration {
  /** Runs measured (the last batch of them timed). */
  readonly sampled: number;
  /** CPU time of a run on one thread, ms (the least per run of the batches timed after warming up). */
  readonly msPerRun: number;
  /** Mean bytes of a results.jsonl line. */
  readonly bytesPerLine: number;
  /** Estimated wall time of the whole sweep on `threads` otherwise idle threads, s. */
  readonly seconds: number;
  /** Estimated bytes written: results.jsonl and results.csv. */
  readonly bytes: number;
}

/** Options of {@link calibrate}. */
export interface CalibrateOptions {
  /** File URL of the compiled experiment module. */
  readonly module: string;
  /** Threads the sweep will run on. */
  readonly threads: number;
  /** Stop sampling after this long, ms (default 250; at least one run is measured). */
  readonly budgetMs?: number;
  /** Runs sampled at most (default 4,096). */
  readonly maxSamples?: number;
}

/** results.csv holds about this share of results.jsonl's bytes (measured on the suite: 0.4–0.6). */
const CSV_SHARE = 0.6;

/**
 * Runs a few of a plan's runs to estimate its time and disk.
 *
 * @param plan - The sweep.
 * @param options - The module, the threads, and the budget.
 * @returns The measurements and the estimates.
 * @example
 * ```ts
 * const c = await calibrate(plan, { module, threads: 2 });
 * console.log(`about ${Math.round(c.seconds)} s and ${(c.bytes / 1e9).toFixed(1)} GB`);
 * ```
 */
export async function calibrate(plan: SweepPlan, options: CalibrateOptions): Promise<Calibration> {
  const budget = options.budgetMs ?? 250;
  const max = Math.min(options.maxSamples ?? 4096, plan.count);
  // The worker's code (the runner, the lockstep kernels: ~25 ms to load) only when a sweep is calibrated:
  // the CLI imports this module for every sweep.
  const { BatchRunner } = await import('./runBatch.js');
  const runner = new BatchRunner();
  const base: Omit<BatchTask, 'work'> = {
    module: options.module,
    experiment: plan.experiment.id,
    code: plan.space.code,
    trajectory: plan.trajectory,
  };
  // Batches of 1, 2, 4, … runs spread over the grid, until the budget is spent: the first ones pay
  // for the module's import and the compilation of the hot code. The cost of a run is the least per
  // run of the later batches (the ones least disturbed by whatever else the machine is doing).
  let sampled = 0;
  let bytes = 0;
  let lines = 0;
  let best = Number.POSITIVE_INFINITY;
  let warm = 0;
  const t0 = performance.now();
  for (let size = 1, round = 0; sampled < plan.count; size *= 2, round++) {
    const n = Math.min(size, plan.count - sampled, Math.max(1, max - sampled));
    const runs: PlannedRun[] = [];
    for (let k = 0; k < n; k++) {
      const at = Math.floor(((k + (round % 2 === 0 ? 0.25 : 0.75)) * plan.count) / n);
      runs.push(strip(plan.runAt(Math.min(at, plan.count - 1))));
    }
    // CPU time, not wall time: what other processes take of the machine is not the sweep's cost.
    const c = process.cpuUsage();
    const r = await runner.run({ ...base, work: { kind: 'runs', runs } });
    const used = process.cpuUsage(c);
    const per = (used.user + used.system) / 1000 / n;
    if (round < 2) warm = per;
    else best = Math.min(best, per);
    bytes += r.lines.length;
    lines += n;
    sampled += n;
    if (sampled >= max || performance.now() - t0 > budget) break;
  }
  const msPerRun = Number.isFinite(best) ? best : warm;
  // A sweep's lines also say their plan and run index (`,"plan":"<16 hex>","i":<index>`), which these
  // listed runs do not: 31 bytes and the index's digits (those of the last index, at most one more).
  const bytesPerLine = bytes / lines + 31 + String(Math.max(0, plan.count - 1)).length;
  const trajectories = plan.space.chosen.length * (plan.trajectory.max ?? 100) * 60;
  return {
    sampled,
    msPerRun,
    bytesPerLine,
    seconds: (plan.count * msPerRun) / 1000 / Math.max(1, options.threads),
    bytes: plan.count * bytesPerLine * (1 + CSV_SHARE) + trajectories,
  };
}

/** A run without its trajectory (a calibration records none). */
function strip(run: PlannedRun): PlannedRun {
  return run.trajectory ? { ...run, trajectory: false } : run;
}

/** A duration for people: `40 ms`, `12 s`, `3 min`, `2.5 h`. */
export function formatDuration(seconds: number): string {
  if (seconds < 1) return `${Math.max(1, Math.round(seconds * 1000))} ms`;
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/** A size for people: `120 kB`, `35 MB`, `3.6 GB`, `1.6 TB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1e6) return `${Math.max(1, Math.round(bytes / 1e3))} kB`;
  if (bytes < 1e9) return `${Math.round(bytes / 1e6)} MB`;
  if (bytes < 1e12) return `${(bytes / 1e9).toFixed(1)} GB`;
  return `${(bytes / 1e12).toFixed(1)} TB`;
}
