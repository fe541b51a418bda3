// The BullMQ executor against the piscina executor, on this machine (a note, not a test):
// - runs/s of the `bench` experiment on a smaller grid (lr = logspace(-3, 0, 10) × a 40 × 40 grid of
//   starting points, 1,000 steps: 16,000 runs in batches of 100), run phase only (workers warmed up),
//   with piscina on 1 and 2 threads, and BullMQ with 1 worker process × 1 thread, 2 processes × 1 thread
//   and 1 process × 2 threads;
// - the queue's cost per batch: the round trip of a one-batch sweep of one 1-step run (enqueue, a worker
//   takes it, runs it, returns its line, the coordinator collects it), and the throughput of 1,000
//   such batches with 1 worker × 1 thread.
// Starts its own redis-server (no persistence) on a free port; REDIS_URL uses another one instead.
// Runs against dist: `pnpm build` first. BENCH_REPEAT=n takes the best of n (default 2).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = join(here, '../../..');
for (const f of [
  'apps/runner/dist/index.js',
  'apps/runner/dist/cli/worker.js',
  'experiments/dist/bench.js',
]) {
  if (!existsSync(join(repo, f))) throw new Error(`${f} is missing: run pnpm build first`);
}
const { BullmqExecutor, PiscinaExecutor, parseOverrides, planSweep } = await import('../dist/index.js');
const WORKER = join(here, '../dist/cli/worker.js');
const module = pathToFileURL(join(repo, 'experiments/dist/bench.js')).href;
const repeat = Number(process.env.BENCH_REPEAT ?? 2);
const children = new Set();
process.once('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function startRedis() {
  if (process.env.REDIS_URL) return { url: process.env.REDIS_URL, stop: async () => {} };
  if (spawnSync('redis-server', ['--version']).status !== 0) {
    console.error(
      'bench/bullmq.mjs: redis-server is not on PATH (apt-get install redis-server), or set REDIS_URL',
    );
    process.exit(0);
  }
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  children.add(child);
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    const p = spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' });
    if (p.stdout?.startsWith('PONG')) break;
    if (i > 100) throw new Error('redis-server did not start');
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

async function startWorkers(url, n, threads) {
  const ws = [];
  for (let i = 0; i < n; i++) {
    const child = spawn(process.execPath, [WORKER, '--redis', url, '--threads', String(threads)], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    children.add(child);
    let log = '';
    child.stderr.on('data', (d) => {
      log += d;
    });
    ws.push({ child, log: () => log });
  }
  for (const w of ws) {
    while (!/sweep worker/.test(w.log())) await new Promise((r) => setTimeout(r, 20));
  }
  return {
    stop: async () => {
      await Promise.all(
        ws.map(async (w) => {
          w.child.kill('SIGTERM');
          await new Promise((r) => w.child.once('exit', r));
          children.delete(w.child);
        }),
      );
    },
  };
}

function batchesOf(plan, timeout = plan.timeout) {
  const out = [];
  for (let i = 0; i < plan.runs.length; i += plan.batchSize) {
    out.push({
      module,
      experiment: 'bench',
      runs: plan.runs.slice(i, i + plan.batchSize),
      objectiveKeys: plan.objectiveKeys,
      trajectory: plan.trajectory,
    });
  }
  return { batches: out, timeout };
}

/** Seconds to run every batch; `timeout` varies per call so that each call's jobs are new. */
async function timed(executor, { batches, timeout }) {
  let n = 0;
  const t0 = performance.now();
  await executor.run(batches, {
    timeout,
    onResult: (_t, r) => {
      n += r.statuses.length;
    },
  });
  const s = (performance.now() - t0) / 1000;
  const want = batches.reduce((a, b) => a + b.runs.length, 0);
  if (n !== want) throw new Error(`ran ${n} of ${want}`);
  return s;
}

const def = (await import(module)).default;
const plan = planSweep(def, parseOverrides(['x0=pointsGrid([[-4,4],[-4,4]],40)']));
const runs = plan.runs.length;
const tiny = planSweep(def, parseOverrides(['maxIter=1', 'x0=pointsGrid([[-4,4],[-4,4]],40)']));
console.error(`bench/bullmq: ${runs} runs × 1,000 steps in batches of ${plan.batchSize}, best of ${repeat}`);

let seq = 0;
const fresh = () => batchesOf(plan, 30_000 + seq++);
async function best(f) {
  let b = Number.POSITIVE_INFINITY;
  for (let i = 0; i < repeat; i++) b = Math.min(b, await f());
  return b;
}

// piscina, warmed up (every thread has loaded the module).
const piscina = {};
for (const threads of [1, 2]) {
  piscina[threads] = await best(async () => {
    const ex = new PiscinaExecutor({ threads });
    await ex.warm(fresh().batches[0]);
    const s = await timed(ex, fresh());
    await ex.close();
    return s;
  });
}

const redis = await startRedis();
const queue = {};
for (const [label, n, threads] of [
  ['1 worker × 1 thread', 1, 1],
  ['2 workers × 1 thread', 2, 1],
  ['1 worker × 2 threads', 1, 2],
]) {
  const workers = await startWorkers(redis.url, n, threads);
  const ex = await BullmqExecutor.connect({ redis: redis.url });
  // Warm-up: every worker thread loads the module.
  const warm = batchesOf(plan, 1 + seq++);
  await timed(ex, { ...warm, batches: warm.batches.slice(0, 4 * n * threads) });
  queue[label] = await best(() => timed(ex, fresh()));
  await ex.close();
  await workers.stop();
}

// Per-batch cost: one-run batches of one step.
const workers = await startWorkers(redis.url, 1, 1);
const ex = await BullmqExecutor.connect({ redis: redis.url });
const warmTiny = batchesOf(tiny, 1 + seq++);
await timed(ex, { ...warmTiny, batches: warmTiny.batches.slice(0, 2) });
const rt = [];
for (let i = 0; i < 100; i++) {
  const batch = { ...batchesOf(tiny).batches[0], runs: [tiny.runs[i]] };
  rt.push(await timed(ex, { batches: [batch], timeout: 1 + seq++ }));
}
rt.sort((a, b) => a - b);
const many = tiny.runs.slice(0, 1000).map((r) => ({ ...batchesOf(tiny).batches[0], runs: [r] }));
const manyS = await best(() => timed(ex, { batches: many, timeout: 1 + seq++ }));
const pisc = new PiscinaExecutor({ threads: 1 });
await pisc.warm(many[0]);
const manyP = await best(() => timed(pisc, { batches: many, timeout: 1 + seq++ }));
await pisc.close();
await ex.close();
await workers.stop();
await redis.stop();

const f = (v, d = 0) => v.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const rows = [['measure', 'value']];
rows.push(['piscina, 1 thread: runs/s', f(runs / piscina[1])]);
rows.push(['piscina, 2 threads: runs/s', f(runs / piscina[2])]);
for (const [label, s] of Object.entries(queue)) {
  rows.push([
    `bullmq, ${label}: runs/s`,
    `${f(runs / s)} (${f((100 * piscina[1]) / s)} % of piscina 1 thread)`,
  ]);
}
rows.push([
  'one-batch sweep round trip (1 run, 1 step): median / p90',
  `${f(rt[50] * 1000, 1)} ms / ${f(rt[90] * 1000, 1)} ms`,
]);
rows.push(['1,000 one-run batches, 1 worker × 1 thread: batches/s', f(1000 / manyS)]);
rows.push(['  same on piscina, 1 thread: batches/s', f(1000 / manyP)]);
rows.push(['queue cost per batch (steady state)', `${f(((manyS - manyP) / 1000) * 1000, 2)} ms`]);
const w = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
const line = (r) => `| ${r.map((c, i) => c.padEnd(w[i])).join(' | ')} |`;
console.log(line(rows[0]));
console.log(`|${w.map((n) => '-'.repeat(n + 2)).join('|')}|`);
for (const r of rows.slice(1)) console.log(line(r));
process.exit(0);
