#!/usr/bin/env node
// `pnpm sweep [id ...] [key=value ...] [options]`: validates everything first (exit 2, nothing
// written), runs the sweeps on a piscina pool (or on BullMQ workers through Redis), writes reports.
// SIGINT / SIGTERM stop dispatching, keep every finished run, and exit 130 / 143.
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { checkQueueName, DEFAULT_QUEUE } from './_bullmqJob.js';
import { checkRedisUrl } from './_bullmqRedis.js';
import { bestRuns, sweptParams } from './_derived.js';
import { progressMode } from './_progress.js';
import { runMain } from './_runMain.js';
import { BullmqExecutor } from './BullmqExecutor.js';
import { RunnerError } from './errors.js';
import type { Executor } from './executor.js';
import { loadExperiments } from './loadExperiments.js';
import { PiscinaExecutor } from './PiscinaExecutor.js';
import { parseOverrides } from './parseOverride.js';
import { planSweep, type SweepPlan } from './planSweep.js';
import { runSweep, type SweepOutcome } from './runSweep.js';
import type { Json } from './types.js';
import { writeIndex } from './writeReport.js';

const HELP = `Usage: pnpm sweep [id ...] [key=value ...] [options]

Runs experiments in parallel, resumably, and writes HTML reports.
  pnpm sweep                                   every default experiment, then reports/index.html
  pnpm sweep learning-rate                     one experiment
  pnpm sweep learning-rate lr=logspace(-3,0,30) maxIter=50

Overrides (Hydra-style multirun; each replaces every value of its key):
  lr=0.01,0.1,1                      a list
  lr=linspace(0.1,1,10)              10 evenly spaced values
  lr=logspace(-3,0,30)               30 values from 1e-3 to 1
  x0=[-3,4]   x0=[-3,4],[1,2]        one point, two points
  x0=pointsGrid([[-4,4],[-4,4]],10)  a 10 x 10 grid of points in a box
  x0=randomPoints([[-4,4],[-4,4]],50,7)  50 seeded random points
  method=bfgs,newton                 words; 'quoted strings' too

Options:
  --threads N        worker threads of the piscina executor (default: the machine's cores, ${availableParallelism()})
  --executor E       piscina (default: threads of this machine) or bullmq (workers on any machine,
                     through Redis: start them with pnpm sweep:worker --redis URL)
  --redis URL        Redis of the bullmq executor, e.g. redis://10.0.0.5:6379
  --queue NAME       queue of the bullmq executor (default ${DEFAULT_QUEUE})
  --out DIR          reports directory (default: reports)
  --experiments DIR  compiled experiment modules (default: experiments/dist)
  --timeout MS       per-run time limit (default: the experiment's, else 30000)
  --fresh            ignore recorded runs and start again
  --list             list the experiments
  --help             this text

Exit codes: 0 done, 1 failure, 2 invalid configuration or command line, 130 / 143 interrupted.
`;

interface Cli {
  readonly ids: string[];
  readonly overrides: string[];
  readonly threads: number;
  readonly executor: 'piscina' | 'bullmq';
  readonly redis: string | undefined;
  readonly queue: string | undefined;
  readonly out: string;
  readonly experiments: string;
  readonly timeout: number | undefined;
  readonly fresh: boolean;
  readonly list: boolean;
  readonly help: boolean;
}

function positiveInt(flag: string, v: string | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!(Number.isInteger(n) && n >= 1)) {
    throw new RunnerError('E_USAGE', `invalid ${flag}: ${JSON.stringify(v)} (expected an integer >= 1)`, {
      path: flag,
      value: v,
    });
  }
  return n;
}

/** The repository root, from `apps/runner/{dist,src}/cli.*`. */
function repoRoot(): string {
  return fileURLToPath(new URL('../../../', import.meta.url));
}

function parseCli(argv: readonly string[]): Cli {
  let parsed: ReturnType<typeof parse>;
  function parse() {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        threads: { type: 'string' },
        executor: { type: 'string' },
        redis: { type: 'string' },
        queue: { type: 'string' },
        out: { type: 'string' },
        experiments: { type: 'string' },
        timeout: { type: 'string' },
        fresh: { type: 'boolean' },
        list: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  }
  try {
    parsed = parse();
  } catch (e) {
    throw new RunnerError('E_USAGE', `${(e as Error).message} (see --help)`);
  }
  const v = parsed.values;
  const base = process.env.INIT_CWD ?? process.cwd();
  const executor = v.executor ?? 'piscina';
  if (executor !== 'piscina' && executor !== 'bullmq') {
    throw new RunnerError(
      'E_USAGE',
      `invalid --executor: ${JSON.stringify(executor)} (expected piscina or bullmq)`,
      {
        path: '--executor',
        value: executor,
      },
    );
  }
  if (executor === 'bullmq' && v.redis === undefined) {
    throw new RunnerError(
      'E_USAGE',
      'missing --redis: --executor bullmq needs the URL of Redis (e.g. --redis redis://127.0.0.1:6379)',
      { path: '--redis' },
    );
  }
  if (executor === 'piscina' && (v.redis !== undefined || v.queue !== undefined)) {
    const flag = v.redis !== undefined ? '--redis' : '--queue';
    throw new RunnerError('E_USAGE', `${flag} needs --executor bullmq`, { path: flag });
  }
  if (v.redis !== undefined) checkRedisUrl(v.redis, '--redis');
  if (v.queue !== undefined) checkQueueName(v.queue);
  return {
    ids: parsed.positionals.filter((p) => !p.includes('=')),
    overrides: parsed.positionals.filter((p) => p.includes('=')),
    threads: positiveInt('--threads', v.threads, availableParallelism()),
    executor,
    redis: v.redis,
    queue: v.queue,
    out: resolve(base, v.out ?? 'reports'),
    experiments:
      v.experiments === undefined ? resolve(repoRoot(), 'experiments/dist') : resolve(base, v.experiments),
    timeout: v.timeout === undefined ? undefined : positiveInt('--timeout', v.timeout, 0),
    fresh: v.fresh ?? false,
    list: v.list ?? false,
    help: v.help ?? false,
  };
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

function brief(v: Json | undefined): string {
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toPrecision(4);
  if (Array.isArray(v)) return `[${v.map((e) => brief(e)).join(', ')}]`;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function bestTable(outcomes: readonly SweepOutcome[], plans: ReadonlyMap<string, SweepPlan>): string {
  const rows: string[][] = [['experiment', 'best configuration', 'status', 'f', 'steps']];
  for (const o of outcomes) {
    const plan = plans.get(o.id)!;
    if (plan.experiment.run !== undefined) continue;
    for (const r of bestRuns(o.records, 3)) {
      const p = Object.entries(sweptParams(r, plan.swept))
        .map(([k, v]) => `${k}=${brief(v)}`)
        .join(' ');
      rows.push([o.id, p || '(single run)', r.status, brief(r.fun), String(r.nit ?? '')]);
    }
  }
  return rows.length > 1 ? table(rows) : '';
}

/** `NUMCOMP_TIMING=1` prints where the time went (process start-up, loading, planning, runs, files). */
const timing = process.env.NUMCOMP_TIMING === '1';
const startAt = performance.now();

async function main(argv: readonly string[]): Promise<number> {
  const cli = parseCli(argv);
  if (cli.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const all = await loadExperiments(cli.experiments, cli.list ? undefined : cli.ids);
  const loadedAt = performance.now();
  if (cli.list) {
    const rows = [['id', 'default', 'title']];
    for (const e of all)
      rows.push([e.definition.id, e.definition.default === false ? 'no' : 'yes', e.definition.title]);
    process.stdout.write(`${table(rows)}\n`);
    return 0;
  }
  if (cli.overrides.length > 0 && cli.ids.length === 0) {
    throw new RunnerError('E_USAGE', 'overrides need an experiment id: pnpm sweep <id> key=value ...');
  }
  const selected =
    cli.ids.length === 0
      ? all.filter((e) => e.definition.default !== false)
      : cli.ids.map((id) => {
          const e = all.find((x) => x.definition.id === id);
          if (e === undefined) {
            throw new RunnerError(
              'E_UNKNOWN_EXPERIMENT',
              `unknown experiment: ${JSON.stringify(id)} (expected one of ${all.map((x) => x.definition.id).join(', ')})`,
              { path: 'id', value: id },
            );
          }
          return e;
        });
  const overrides = parseOverrides(cli.overrides);
  // Workers boot on their threads while this one validates and plans; nothing is written before
  // every plan is valid.
  const piscina = cli.executor === 'piscina' ? new PiscinaExecutor({ threads: cli.threads }) : undefined;
  const plans = new Map<string, SweepPlan>();
  try {
    for (const e of selected) {
      try {
        plans.set(e.definition.id, planSweep(e.definition, overrides, { timeout: cli.timeout }));
      } catch (err) {
        if (!(err instanceof RunnerError)) throw err;
        throw new RunnerError(err.code, `${e.definition.id}: ${err.message}`, {
          path: err.path ?? '',
          value: err.value,
        });
      }
    }
  } catch (err) {
    await piscina?.close();
    throw err;
  }
  // The queue: Redis must answer before anything is written.
  const executor: Executor =
    piscina ??
    (await BullmqExecutor.connect({
      redis: cli.redis!,
      queue: cli.queue,
      log: (m) => process.stderr.write(`${process.stderr.isTTY ? '\r\x1b[K' : ''}${m}\n`),
    }));
  const plannedAt = performance.now();

  const controller = new AbortController();
  let exitCode = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (controller.signal.aborted) {
      executor.stop(0);
      return;
    }
    exitCode = signal === 'SIGINT' ? 130 : 143;
    process.stderr.write(`\n${signal}: stopping; finished runs are kept (run again to resume)\n`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const outcomes: SweepOutcome[] = [];
  const mode = progressMode(process.stderr);
  try {
    for (const e of selected) {
      if (controller.signal.aborted) break;
      const plan = plans.get(e.definition.id)!;
      const outcome = await runSweep(plan, {
        out: cli.out,
        module: e.module,
        executor,
        fresh: cli.fresh,
        progress: mode,
        signal: controller.signal,
      });
      if (outcome.interrupted) break;
      outcomes.push(outcome);
      const counts = Object.entries(outcome.statuses)
        .map(([s, n]) => `${n} ${s}`)
        .join(', ');
      process.stdout.write(
        `${outcome.id}: ${outcome.total} runs (${outcome.ran} new, ${outcome.reused} reused): ${counts}\n`,
      );
      if (timing)
        process.stderr.write(`timing ${outcome.id}: run ${outcome.runMs} ms, write ${outcome.writeMs} ms\n`);
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await executor.close();
  }
  if (controller.signal.aborted) return exitCode;
  const index = writeIndex(cli.out);
  if (timing) {
    const ms = (t: number): string => `${Math.round(t)} ms`;
    process.stderr.write(
      `timing: start-up ${ms(startAt)}, load ${ms(loadedAt - startAt)}, plan ${ms(plannedAt - loadedAt)}, ` +
        `total ${ms(performance.now())}\n`,
    );
  }
  const best = bestTable(outcomes, plans);
  if (best) process.stdout.write(`\n${best}\n`);
  process.stdout.write(`\nreport: ${index}\n`);
  return 0;
}

runMain(main);
