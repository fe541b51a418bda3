#!/usr/bin/env node
// `pnpm sweep:worker --redis URL`: takes batches from the sweep queue in Redis and runs them on this
// machine's cores. SIGINT / SIGTERM stop taking batches and let those in flight finish for `--grace`
// ms, then hand them back to the queue; a second signal hands them back at once. Whatever state Redis
// is in, the process exits within the grace period plus 5 s.
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { RunnerError } from '../errors.js';
import { DEFAULT_QUEUE } from '../execute/bullmq/job.js';
import { redactUrl } from '../execute/bullmq/redis.js';
import { startSweepWorker } from '../execute/bullmq/sweepWorker.js';
import { type Command, helpText, intFlag, parseCommand } from './args.js';
import { leanHeap, runMain } from './main.js';

/** The `pnpm sweep:worker` command. */
export const WORKER_COMMAND: Command = {
  usage: 'pnpm sweep:worker --redis URL [options]',
  summary:
    "Takes batches of runs from the sweep queue in Redis and runs them on this machine's cores, with the\n" +
    "experiment modules of this checkout's build (build the same commit everywhere). Start one per machine;\n" +
    'the coordinator is: pnpm sweep <id> --executor bullmq --redis URL',
  examples: [
    ["pnpm sweep:worker --redis 'redis://127.0.0.1:6379'", 'a worker on this machine'],
    ["pnpm sweep:worker --redis 'redis://10.0.0.5:6379' --threads 8 --verbose", 'eight batches at once'],
  ],
  flags: [
    { name: 'redis', value: 'URL', help: 'Redis, e.g. redis://10.0.0.5:6379 (required)' },
    {
      name: 'threads',
      value: 'N',
      help: `batches at once, one thread each (default: the machine's cores, ${availableParallelism()})`,
    },
    { name: 'queue', value: 'NAME', help: `queue name (default ${DEFAULT_QUEUE})` },
    {
      name: 'experiments',
      value: 'DIR',
      help: 'compiled experiment modules (default: experiments/dist of this checkout)',
    },
    {
      name: 'grace',
      value: 'MS',
      help: 'on SIGINT / SIGTERM, how long batches in flight may finish before they go back\nto the queue (default 10000; a second signal hands them back at once)',
    },
    {
      name: 'lock-duration',
      value: 'MS',
      help: "lock of a batch: a dead worker's batches go back to the queue after this (default 30000)",
    },
    {
      name: 'stalled-interval',
      value: 'MS',
      help: 'how often to look for batches of dead workers (default 30000)',
    },
    { name: 'verbose', help: 'a line per batch' },
    { name: 'help', short: 'h', help: 'this text' },
  ],
  exits: '0 stopped by a signal, 1 Redis unreachable or failure, 2 invalid command line.',
};

async function main(argv: readonly string[]): Promise<number> {
  leanHeap();
  const args = parseCommand(WORKER_COMMAND, argv);
  const v = args.values;
  if (v.help) {
    process.stdout.write(helpText(WORKER_COMMAND));
    return 0;
  }
  if (args.positionals.length > 0) {
    throw new RunnerError(
      'E_USAGE',
      `unexpected argument ${JSON.stringify(args.positionals[0])} (see --help)`,
    );
  }
  const redis = v.redis as string | undefined;
  if (redis === undefined) {
    throw new RunnerError('E_USAGE', 'missing --redis URL (e.g. --redis redis://127.0.0.1:6379)', {
      path: '--redis',
    });
  }
  const base = process.env.INIT_CWD ?? process.cwd();
  const experiments = v.experiments === undefined ? undefined : resolve(base, v.experiments as string);
  if (experiments !== undefined && !statSync(experiments, { throwIfNoEntry: false })?.isDirectory()) {
    throw new RunnerError('E_USAGE', `invalid --experiments: ${experiments} is not a directory`, {
      path: '--experiments',
      value: experiments,
    });
  }
  const grace = intFlag(args, 'grace', 0) ?? 10_000;
  const log = (m: string): void => {
    process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${m}\n`);
  };
  const worker = await startSweepWorker({
    redis,
    queue: v.queue as string | undefined,
    threads: intFlag(
      args,
      'threads',
      1,
      4 * availableParallelism(),
      ` (at most 4 × the ${availableParallelism()} cores)`,
    ),
    experiments,
    lockDuration: intFlag(args, 'lock-duration', 1000),
    stalledInterval: intFlag(args, 'stalled-interval', 100),
    verbose: (v.verbose as boolean | undefined) ?? false,
    log,
  });
  log(
    `sweep worker ${worker.name}: ${worker.threads} thread${worker.threads === 1 ? '' : 's'}, ` +
      `queue ${(v.queue as string | undefined) ?? DEFAULT_QUEUE} at ${redactUrl(redis)}`,
  );
  await new Promise<void>((done) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals): void => {
      if (stopping) {
        log(`${signal}: handing batches in flight back to the queue`);
        void worker.close(0);
        return;
      }
      stopping = true;
      log(
        `${signal}: finishing batches in flight (up to ${grace} ms; ${signal} again to hand them back now)`,
      );
      // Whatever Redis does, the process ends within the grace period plus 5 s.
      setTimeout(() => {
        log('closing took too long (is Redis gone?): exiting');
        process.exit(0);
      }, grace + 5000).unref();
      worker.close(grace).then(done, (e: unknown) => {
        log(`error while closing: ${(e as Error)?.message ?? String(e)}`);
        done();
      });
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
  log(`stopped after ${worker.batches} batches, ${worker.runs} runs`);
  return 0;
}

runMain(main);
