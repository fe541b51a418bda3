#!/usr/bin/env node
// `pnpm sweep [id ...] [key=value ...] [options]`: validates everything first (exit 2, nothing
// written), runs the sweeps on a piscina pool (or on BullMQ workers through Redis), writes reports.
// SIGINT / SIGTERM at any moment — runs or report writing — stop cleanly, keep every finished run,
// and exit 130 / 143.
import './young.js';
import './tiering.js';
import { availableParallelism } from 'node:os';
import { PiscinaExecutor } from '../execute/PiscinaExecutor.js';
import { DEFAULT_MAX_RUNS } from '../plan/limits.js';
import { type Command, helpText, intFlag, type Parsed, parseCommand } from './args.js';
import { gitCommit } from './gitCommit.js';
import { runMain } from './main.js';

const CORES = availableParallelism();

/** The `pnpm sweep` command. */
export const SWEEP_COMMAND: Command = {
  usage: 'pnpm sweep [id ...] [key=value ...] [options]',
  summary: 'Runs experiments in parallel, resumably, and writes HTML reports.',
  examples: [
    ['pnpm sweep', 'every default experiment, then reports/index.html'],
    ['pnpm sweep learning-rate', 'one experiment'],
    ["pnpm sweep learning-rate 'lr=logspace(-3,0,30)' maxIter=50", 'your own grid (quote parentheses)'],
    ["pnpm sweep optimizers 'method=bfgs,newton' 'x0=[-1.2,1]'", 'methods × a start'],
    ["pnpm sweep learning-rate 'x0=pointsGrid([[-4,4],[-4,4]],10)' --threads 2", 'a 10 × 10 grid of starts'],
  ],
  sections: [
    [
      'Overrides (Hydra-style multirun; each replaces every value of its key)',
      [
        'lr=0.01,0.1,1                          a list',
        "'lr=linspace(0.1,1,10)'                10 evenly spaced values",
        "'lr=logspace(-3,0,30)'                 30 values from 1e-3 to 1",
        "'x0=[-3,4]'   'x0=[-3,4],[1,2]'        one point, two points",
        "'x0=pointsGrid([[-4,4],[-4,4]],10)'    a 10 x 10 grid of points in a box",
        "'x0=randomPoints([[-4,4],[-4,4]],50,7)'  50 seeded random points",
        'method=bfgs,newton                     words; quoted strings too',
        'Quote any value with parentheses or brackets: they are shell syntax in bash and zsh.',
      ],
    ],
  ],
  flags: [
    {
      name: 'threads',
      value: 'N',
      help: `worker threads of the piscina executor (default: the machine's cores, ${CORES}; at most ${4 * CORES};\nsweeps of fewer than 5,000 runs start one and add the others when they pay)`,
    },
    {
      name: 'executor',
      value: 'E',
      help: 'piscina (default: threads of this machine) or bullmq (workers on any machine,\nthrough Redis: start them with pnpm sweep:worker --redis URL)',
    },
    { name: 'redis', value: 'URL', help: 'Redis of the bullmq executor, e.g. redis://10.0.0.5:6379' },
    { name: 'queue', value: 'NAME', help: 'queue of the bullmq executor (default numcomp-sweep)' },
    { name: 'out', value: 'DIR', help: 'reports directory (default: reports)' },
    { name: 'experiments', value: 'DIR', help: 'compiled experiment modules (default: experiments/dist)' },
    { name: 'timeout', value: 'MS', help: "per-run time limit (default: the experiment's, else 30000)" },
    {
      name: 'max-runs',
      value: 'N',
      help: `refuse a sweep of more runs (default ${DEFAULT_MAX_RUNS}); a sweep that would not fit on\nthe disk is refused too`,
    },
    { name: 'fresh', help: 'ignore recorded runs and start again' },
    {
      name: 'dry-run',
      help: "check everything, time a few runs, print each sweep's size, time and disk; write nothing",
    },
    { name: 'list', help: 'list the experiments' },
    { name: 'help', short: 'h', help: 'this text' },
  ],
  exits: '0 done, 1 failure, 2 invalid configuration or command line, 130 / 143 interrupted.',
};

/** When the process was ready to run this module (its imports loaded: `NUMCOMP_TIMING` prints it). */
const startAt = performance.now();

/**
 * The pool's first worker thread, started before the rest of the CLI loads (`sweepMain.ts`): its
 * start-up (~0.2 s: Node's bootstrap in the thread, the runner's modules) goes on on another core while
 * the experiments load and the sweeps are planned, which then size the pool (`resize`). None for
 * `--list`, `--dry-run` or another executor, nor for a `--threads` that will be refused.
 */
function firstThread(args: Parsed): PiscinaExecutor | undefined {
  const v = args.values;
  if (v.list || v['dry-run'] || (v.executor !== undefined && v.executor !== 'piscina')) return undefined;
  let threads: number;
  try {
    threads = intFlag(args, 'threads', 1, 4 * CORES) ?? CORES;
  } catch {
    return undefined;
  }
  return new PiscinaExecutor({ threads, startThreads: 1 });
}

async function main(argv: readonly string[]): Promise<number> {
  const args = parseCommand(SWEEP_COMMAND, argv);
  if (args.values.help) {
    process.stdout.write(helpText(SWEEP_COMMAND));
    return 0;
  }
  // The provenance's commit: git starts first, while this process is small (a child process costs the
  // caller more the more memory it maps) and answers while the rest loads. Not for `--list` or `--dry-run`.
  const v = args.values;
  const commit = v.list || v['dry-run'] ? undefined : gitCommit(process.env.INIT_CWD ?? process.cwd());
  const started = firstThread(args);
  try {
    const { sweep } = await import('./sweepMain.js');
    return await sweep({ argv, args, prestarted: started, startAt, cores: CORES, commit });
  } finally {
    // Closed by the sweep once used; here when it was not (an invalid command: exit 2 at once). Its
    // own failure to close would hide the error that ended the command: ignored.
    await started?.close().catch(() => undefined);
  }
}

runMain(main);
