// The `pnpm sweep` command after its line is parsed (`sweep.ts` parses it and starts the first worker
// thread, then loads this module): loads and validates the experiments and overrides, plans the sweeps
// (exit 2, nothing written, on any error), runs them and writes the reports.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { didYouMean } from '@numcomp/core';
import { brief } from '../aggregate/accessor.js';
import { RunnerError } from '../errors.js';
import { type Calibration, calibrate, formatBytes, formatDuration } from '../execute/calibrate.js';
import type { Executor } from '../execute/executor.js';
import { PiscinaExecutor } from '../execute/PiscinaExecutor.js';
import { flatParams } from '../format/flatParams.js';
import { functionPlots } from '../plan/defaultPlots.js';
import { DEFAULT_MAX_RUNS } from '../plan/limits.js';
import { loadExperiments } from '../plan/loadExperiments.js';
import { type Override, overrideCount, parseOverrides } from '../plan/parseOverride.js';
import { planSweep, type SweepPlan } from '../plan/planSweep.js';
import { type ProvenanceBase, runSweep, type SweepOutcome } from '../runSweep.js';
import { type DirLock, lockDir } from '../store/lock.js';
import type { Params } from '../types.js';
import { intFlag, type Parsed } from './args.js';
import { checkDisk } from './disk.js';
import { gitCommit } from './gitCommit.js';
import { collectNow, leanHeap } from './main.js';
import { Progress, progressMode } from './progress.js';
import { defaultTiering } from './tiering.js';
import { growYoung } from './young.js';

/** The repository root, from `apps/runner/{dist,src}/cli/sweep.*`. */
function repoRoot(): string {
  return fileURLToPath(new URL('../../../../', import.meta.url));
}

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) => cell.padEnd(widths[c]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** Parameters as `k=v k=v` (values brief). */
function assignments(params: Params): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${brief(v)}`)
    .join(' ');
}

/** The best run of each objective of each optimizer sweep, with only the options its method uses. */
function bestTable(outcomes: readonly SweepOutcome[], plans: ReadonlyMap<string, SweepPlan>): string {
  const rows: string[][] = [['experiment', 'objective', 'best configuration', 'status', 'f', 'steps']];
  for (const o of outcomes) {
    if (plans.get(o.id)!.experiment.run !== undefined) continue;
    for (const b of o.aggregates?.best.values() ?? []) {
      const r = b.runs[0];
      if (r === undefined) continue;
      const opt = assignments((r.params.optimizer ?? {}) as Params);
      rows.push([
        o.id,
        b.label,
        `${opt} x0=${brief(r.params.x0)}`,
        r.status,
        brief(r.fun),
        String(r.nit ?? ''),
      ]);
      if (rows.length > 40) break;
    }
  }
  return rows.length > 1 ? table(rows) : '';
}

/** The numcomp package versions. */
function versions(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of ['@numcomp/core', '@numcomp/optimizers', '@numcomp/viz']) {
    try {
      let dir = fileURLToPath(import.meta.resolve(name));
      for (let i = 0; i < 4; i++) {
        dir = resolve(dir, '..');
        try {
          const pkg = JSON.parse(readFileSync(resolve(dir, 'package.json'), 'utf8')) as {
            name?: string;
            version?: string;
          };
          if (pkg.name === name) {
            out[name] = pkg.version ?? '?';
            break;
          }
        } catch {
          // keep looking up
        }
      }
    } catch {
      out[name] = '?';
    }
  }
  return out;
}

/**
 * Sweeps of at least this many runs are timed on a few runs before they start (~0.4 s: under 1 % of
 * such a sweep; a smaller one's disk is estimated from its params, and its progress line has an ETA).
 */
const CALIBRATE_FROM = 1_000_000;

/** `NUMCOMP_TIMING=1` prints where the time went. */
const timing = process.env.NUMCOMP_TIMING === '1';
/**
 * The first task of a sweep started while the previous sweep's report is written: this many batches
 * (800 runs of the built-in experiments), work for the threads until the coordinator is back.
 */
const FIRST_TASK_BATCHES = 8;
const noop = (): void => {};

/** What `sweep.ts` hands over. */
export interface SweepStart {
  /** The command line, and as parsed. */
  readonly argv: readonly string[];
  readonly args: Parsed;
  /**
   * A pool whose first thread `sweep.ts` started before this module loaded: sized here for the sweeps,
   * or replaced (sweeps of 10⁶ runs or more want threads with lean young generations).
   */
  readonly prestarted: PiscinaExecutor | undefined;
  /** When the entry module ran (`NUMCOMP_TIMING`). */
  readonly startAt: number;
  /** The machine's cores. */
  readonly cores: number;
  /** The commit of the checkout the command runs in, asked by `sweep.ts` (else asked here). */
  readonly commit?: Promise<string | undefined>;
}

/**
 * The `pnpm sweep` command, once its line is parsed (see `sweep.ts`).
 *
 * @returns The exit code.
 */
export async function sweep(start: SweepStart): Promise<number> {
  const { argv, args, prestarted, startAt, cores: CORES } = start;
  const v = args.values;
  const base = process.env.INIT_CWD ?? process.cwd();
  const executorName = (v.executor as string | undefined) ?? 'piscina';
  if (executorName !== 'piscina' && executorName !== 'bullmq') {
    const near = didYouMean(executorName, ['piscina', 'bullmq']);
    throw new RunnerError(
      'E_USAGE',
      `invalid --executor: ${JSON.stringify(executorName)} (expected piscina or bullmq${near ? `; did you mean ${near}?` : ''})`,
      { path: '--executor', value: executorName },
    );
  }
  if (executorName === 'bullmq' && v.redis === undefined) {
    throw new RunnerError(
      'E_USAGE',
      'missing --redis: --executor bullmq needs the URL of Redis (e.g. --redis redis://127.0.0.1:6379)',
      { path: '--redis' },
    );
  }
  if (executorName === 'piscina' && (v.redis !== undefined || v.queue !== undefined)) {
    const flag = v.redis !== undefined ? '--redis' : '--queue';
    throw new RunnerError('E_USAGE', `${flag} needs --executor bullmq`, { path: flag });
  }
  const bull = executorName === 'bullmq' ? await import('../execute/bullmq/BullmqExecutor.js') : undefined;
  const job = executorName === 'bullmq' ? await import('../execute/bullmq/job.js') : undefined;
  if (v.redis !== undefined)
    (await import('../execute/bullmq/redis.js')).checkRedisUrl(v.redis as string, '--redis');
  if (v.queue !== undefined) job?.checkQueueName(v.queue as string);
  const threads =
    intFlag(
      args,
      'threads',
      1,
      4 * CORES,
      ` (at most 4 × the ${CORES} cores: more threads only add memory)`,
    ) ?? CORES;
  const timeout = intFlag(args, 'timeout', 1);
  const maxRuns = intFlag(args, 'max-runs', 1) ?? DEFAULT_MAX_RUNS;
  if (v.out !== undefined && (v.out as string).trim() === '') {
    throw new RunnerError('E_USAGE', 'invalid --out: "" (expected a directory path)', {
      path: '--out',
      value: '',
    });
  }
  const out = resolve(base, (v.out as string | undefined) ?? 'reports');
  const experimentsDir =
    v.experiments === undefined
      ? resolve(repoRoot(), 'experiments/dist')
      : resolve(base, v.experiments as string);
  const positionals = args.positionals;
  const ids = positionals.filter((p) => !p.includes('='));
  const overrideArgs = positionals.filter((p) => p.includes('='));

  const commit = v.list || v['dry-run'] ? Promise.resolve(undefined) : (start.commit ?? gitCommit(base));
  const all = await loadExperiments(experimentsDir, v.list ? undefined : ids);
  const loadedAt = performance.now();
  if (v.list) {
    const rows = [['id', 'default', 'title']];
    for (const e of all)
      rows.push([e.definition.id, e.definition.default === false ? 'no' : 'yes', e.definition.title]);
    process.stdout.write(`${table(rows)}\n`);
    return 0;
  }
  if (overrideArgs.length > 0 && ids.length === 0) {
    throw new RunnerError('E_USAGE', 'overrides need an experiment id: pnpm sweep <id> key=value ...');
  }
  const known = all.map((x) => x.definition.id);
  const selected =
    ids.length === 0
      ? all.filter((e) => e.definition.default !== false)
      : [...new Set(ids)].map((id) => {
          const e = all.find((x) => x.definition.id === id);
          if (e === undefined) {
            const near = didYouMean(id, known);
            throw new RunnerError(
              'E_UNKNOWN_EXPERIMENT',
              `unknown experiment: ${JSON.stringify(id)} (${near ? `did you mean ${near}? ` : ''}expected one of ${known.join(', ')})`,
              { path: 'id', value: id },
            );
          }
          return e;
        });
  // The first thread loads the first experiment's module while the sweeps are planned.
  if (prestarted !== undefined && selected.length > 0) {
    const e = selected[0]!;
    prestarted.preload({
      module: e.module,
      experiment: e.definition.id,
      trajectory: {},
      work: { kind: 'runs', runs: [] },
    });
  }
  // The parsed overrides are let go once planned (10⁶ starts are ~70 MB; the plans keep their text).
  let overrides: Override[] | undefined = parseOverrides(overrideArgs);
  // Planning 10⁵ values or more builds that many objects that live: V8's own heap growth meanwhile.
  const large = overrides.reduce((n, o) => n + overrideCount(o), 0) >= 100_000;
  if (!large) leanHeap();
  const plans = new Map<string, SweepPlan>();
  for (const e of selected) {
    try {
      plans.set(e.definition.id, planSweep(e.definition, overrides, { timeout, code: e.code, maxRuns }));
    } catch (err) {
      if (!(err instanceof RunnerError)) throw err;
      throw new RunnerError(err.code, `${e.definition.id}: ${err.message}`, {
        path: err.path ?? '',
        value: err.value,
      });
    }
  }
  overrides = undefined;
  const plannedAt = performance.now();
  if (large) {
    leanHeap();
    collectNow();
  }
  // Threads a sweep can use: one per task, and a sweep of at most one batch is one task. More would
  // only start and idle (a worker's start-up costs ~0.2 s of CPU, taken from the one that runs).
  const poolThreads = Math.min(
    threads,
    Math.max(1, ...[...plans.values()].map((p) => Math.ceil(p.count / p.batchSize))),
  );
  // The worker threads start (the first one started before planning: see sweep.ts) while large sweeps
  // (and every dry run) are timed on a few of their runs here: the calibration costs no wall time of its own.
  const most = Math.max(0, ...[...plans.values()].map((p) => p.count));
  // Threads with small young generations for sweeps of 10⁶ runs or more (memory), else fast ones; the
  // coordinator's grows for sweeps of 10⁵ runs or more (speed: see growYoung).
  const semiSpaceMb = most >= 1e6 ? 4 : 16;
  if (most >= 100_000) {
    growYoung();
    defaultTiering();
  }
  // Sweeps of under 5,000 runs each start one thread, and the others once a sweep proves long enough
  // (the 12-run and 2,040-run sweeps of the README, the 17 of `pnpm sweep`: −5 to −12 %, measured).
  const pool = { threads: poolThreads, semiSpaceMb, startThreads: most < 5000 ? 1 : poolThreads };
  let early = prestarted;
  if (early !== undefined && early.semiSpaceMb !== semiSpaceMb) {
    await early.close();
    early = undefined;
  }
  if (early !== undefined) {
    early.resize(pool.threads, pool.startThreads);
    // The other threads a large sweep starts at once start now, as in a pool made with them.
    const first = selected.find((e) => (plans.get(e.definition.id)?.count ?? 0) > 0);
    if (first !== undefined)
      early.prestart({
        module: first.module,
        experiment: first.definition.id,
        trajectory: {},
        work: { kind: 'runs', runs: [] },
      });
  }
  if (early === undefined && !v['dry-run'] && bull === undefined) early = new PiscinaExecutor(pool);
  const estimates = new Map<string, Calibration>();
  try {
    for (const e of selected) {
      const p = plans.get(e.definition.id)!;
      if (p.count === 0 || (!v['dry-run'] && p.count < CALIBRATE_FROM)) continue;
      estimates.set(
        e.definition.id,
        await calibrate(p, { module: e.module, threads: poolThreads, budgetMs: 400 }),
      );
    }
  } catch (e) {
    await early?.close();
    throw e;
  }
  const where =
    bull === undefined ? `on ${poolThreads} thread${poolThreads === 1 ? '' : 's'}` : 'per worker thread';
  const estimate = (c: Calibration | undefined): string =>
    c === undefined
      ? ''
      : `about ${formatDuration(bull === undefined ? c.seconds : c.seconds * poolThreads)} ${where} and ` +
        `${formatBytes(c.bytes)} on disk (timed on ${c.sampled} run${c.sampled === 1 ? '' : 's'})`;
  if (v['dry-run']) {
    for (const [id, p] of plans) {
      const c = estimate(estimates.get(id));
      process.stdout.write(
        `${id}: ${p.count} runs${p.swept.length > 0 ? ` (swept: ${p.swept.join(' × ')})` : ''}${c ? `; ${c}` : ''}\n`,
      );
    }
    return 0;
  }
  for (const [id, c] of estimates)
    process.stderr.write(`${id}: ${plans.get(id)!.count} runs: ${estimate(c)}\n`);
  try {
    checkDisk(out, [...plans.values()], estimates, (v.fresh as boolean | undefined) ?? false);
  } catch (e) {
    await early?.close();
    throw e;
  }
  const warn = (m: string): void => {
    process.stderr.write(`${process.stderr.isTTY ? '\r\x1b[K' : ''}${m}\n`);
  };
  const controller = new AbortController();
  let exitCode = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (controller.signal.aborted) {
      executor?.stop(0);
      return;
    }
    exitCode = signal === 'SIGINT' ? 130 : 143;
    process.stderr.write(`\n${signal}: stopping; finished runs are kept (run again to resume)\n`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let executor: Executor | undefined;
  let lock: DirLock | undefined;
  const outcomes: SweepOutcome[] = [];
  try {
    // Redis must answer before anything is written; then one coordinator per output directory.
    executor =
      bull === undefined
        ? (early ?? new PiscinaExecutor(pool))
        : await bull.BullmqExecutor.connect({
            redis: v.redis as string,
            queue: v.queue as string | undefined,
            log: warn,
          });
    lock = lockDir(out, warn);
    const provenance: ProvenanceBase = {
      command: [
        'pnpm sweep',
        ...argv.map((a) => (/^[\w./=,:-]+$/.test(a) ? a : `'${a.replaceAll("'", "'\\''")}'`)),
      ].join(' '),
      commit: await commit,
      versions: versions(),
      executor: executorName,
      threads: bull === undefined ? poolThreads : 0,
    };
    const progress = new Progress(progressMode(process.stderr), process.stderr);
    // Each sweep starts once the one before has run its runs: its first task runs on the threads while
    // the coordinator writes that sweep's report (`pnpm sweep`'s 17 reports took ~40 % of its time, the
    // threads idle meanwhile). What a sweep writes is the same as one at a time: batches are folded in
    // order, and each sweep has its own files.
    interface Started {
      readonly done: Promise<SweepOutcome>;
      /** Once its work is handed to the threads (or it ended before). */
      readonly handedOver: Promise<void>;
      next?: Started;
    }
    const start = (k: number): Started => {
      const e = selected[k]!;
      const plan = plans.get(e.definition.id)!;
      const last = k === selected.length - 1;
      let dispatched!: () => void;
      const handedOver = new Promise<void>((r) => {
        dispatched = r;
      });
      const started: Started = {
        handedOver,
        done: runSweep(plan, {
          out,
          module: e.module,
          executor: executor!,
          fresh: (v.fresh as boolean | undefined) ?? false,
          progress,
          signal: controller.signal,
          provenance,
          overrides: overrideArgs,
          warn,
          choosePlots: (sample) => functionPlots(plan.swept, sample),
          onDispatched: dispatched,
          // The first task of a sweep started while the previous report is written: work for a while.
          ...(k > 0 ? { firstTask: plan.batchSize * FIRST_TASK_BATCHES } : {}),
          // After the last sweep's runs, the threads end while its report is written; before, the
          // next sweep starts.
          onRunsDone: last
            ? () => {
                executor?.close().catch(() => undefined);
              }
            : () => {
                if (controller.signal.aborted) return;
                // Its progress shows once this sweep's lines are printed.
                progress.hold();
                const next = start(k + 1);
                started.next = next;
                return Promise.race([next.handedOver, next.done.then(noop, noop)]);
              },
        }),
      };
      return started;
    };
    let current: Started | undefined = selected.length > 0 ? start(0) : undefined;
    try {
      while (current !== undefined) {
        const outcome = await current.done;
        if (outcome.interrupted) break;
        outcomes.push(outcome);
        const counts = Object.entries(outcome.statuses)
          .map(([s, n]) => `${n} ${s}`)
          .join(', ');
        process.stdout.write(
          `${outcome.id}: ${outcome.total} runs (${outcome.ran} new, ${outcome.reused} reused): ${counts}\n`,
        );
        // Why runs failed, in a few lines (the report lists every message).
        const failures = outcome.aggregates?.failures ?? [];
        for (const g of failures.slice(0, 3))
          process.stdout.write(
            `  ${g.runs} ${g.status}: ${g.message}\n    e.g. ${assignments(flatParams(g.example))}\n`,
          );
        if (failures.length > 3)
          process.stdout.write(`  … and ${failures.length - 3} more messages: see the report\n`);
        if (timing)
          process.stderr.write(
            `timing ${outcome.id}: run ${outcome.runMs} ms, write ${outcome.writeMs} ms\n`,
          );
        progress.release();
        current = current.next;
      }
    } finally {
      // A sweep that failed or was stopped: the one started after it stops too, and ends before this does.
      if (current?.next !== undefined) {
        controller.abort();
        await current.next.done.catch(noop);
      }
      progress.release();
    }
    if (controller.signal.aborted) return exitCode;
    const { writeIndex } = await import('../report/writeReport.js');
    const index = writeIndex(out);
    if (timing) {
      const ms = (t: number): string => `${Math.round(t)} ms`;
      const use = process.resourceUsage();
      process.stderr.write(
        `timing: start-up ${ms(startAt)}, load ${ms(loadedAt - startAt)}, plan ${ms(plannedAt - loadedAt)}, total ${ms(performance.now())}, ` +
          `cpu ${ms((use.userCPUTime + use.systemCPUTime) / 1000)} (every thread), ${use.minorPageFault} page faults` +
          `${executor instanceof PiscinaExecutor ? `, ${executor.started} of ${executor.threads} threads started` : ''}\n`,
      );
    }
    const best = bestTable(outcomes, plans);
    if (best) process.stdout.write(`\n${best}\n`);
    process.stdout.write(`\nreport: ${index}\n`);
    return controller.signal.aborted ? exitCode : 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await executor?.close();
    lock?.release();
  }
}
