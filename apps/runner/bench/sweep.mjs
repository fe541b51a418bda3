// `pnpm bench` (apps/runner): the `bench` experiment — the notebook's gradient descent with its numerical
// gradient, lr = logspace(-3, 0, 10) × a 100 × 100 grid of starting points, 1,000 steps: 100,000 runs.
// Measures runs/s with 1 and 2 threads (start-up excluded), steps/s per thread against a plain C loop
// of the same algorithm, and the whole `pnpm sweep bench` against the notebook's NumPy loop.
// Runs against dist (workers load compiled JS): the package's bench script builds first.
// Set BENCH_REPEAT=n to take the best of n (default 3); the machine is shared, so figures are noisy.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = join(here, '../../..');
for (const f of ['apps/runner/dist/index.js', 'experiments/dist/bench.js']) {
  if (!existsSync(join(repo, f)))
    throw new Error(`${f} is missing: run pnpm build (turbo builds it before pnpm bench)`);
}
const { PiscinaExecutor, planSweep, runSweep } = await import('../dist/index.js');
const anchors = join(repo, '../shared/anchors');
const module = pathToFileURL(join(repo, 'experiments/dist/bench.js')).href;
const repeat = Number(process.env.BENCH_REPEAT ?? 3);
const tmp = mkdtempSync(join(tmpdir(), 'numcomp-bench-'));
const STEPS = 1000;

const best = async (f) => {
  let b = Number.POSITIVE_INFINITY;
  for (let i = 0; i < repeat; i++) b = Math.min(b, await f());
  return b;
};

/**
 * Seconds for the run phase of the bench sweep on `threads` threads, after warm-up: `runSweep` from
 * dispatching the first batch to the last result read (results.jsonl written, records built), as in
 * `pnpm sweep`, without summary, CSV and report.
 */
async function runPhase(plan, threads) {
  const ex = new PiscinaExecutor({ threads });
  const { objectiveKeys, trajectory } = plan;
  await ex.warm({ module, experiment: 'bench', runs: [], objectiveKeys, trajectory });
  const out = join(tmp, `run-${threads}`);
  let outcome;
  try {
    outcome = await runSweep(plan, { out, module, executor: ex, fresh: true, noReport: true });
  } finally {
    await ex.close();
  }
  if (outcome.ran !== runs) throw new Error(`ran ${outcome.ran} of ${runs}`);
  return outcome.runMs / 1000;
}

const def = (await import(module)).default;
const plan = planSweep(def);
const runs = plan.count ?? plan.runs.length;
console.error(`bench: ${runs} runs × ${STEPS} steps, best of ${repeat}`);

// 1 and 2 threads alternate, so that both see the same moments of a shared machine.
let t1 = Number.POSITIVE_INFINITY;
let t2 = Number.POSITIVE_INFINITY;
for (let i = 0; i < repeat; i++) {
  t1 = Math.min(t1, await runPhase(plan, 1));
  t2 = Math.min(t2, await runPhase(plan, 2));
}
const r1 = runs / t1;
const r2 = runs / t2;

// End to end: the whole CLI, from process start to the report written.
const cli = join(here, '../dist/cli/sweep.js');
const e2e = await best(async () => {
  const out = join(tmp, 'reports');
  const t0 = performance.now();
  const p = spawnSync(process.execPath, [cli, 'bench', '--threads', '2', '--fresh', '--out', out], {
    env: { ...process.env, CI: '1' },
    encoding: 'utf8',
  });
  if (p.status !== 0) throw new Error(p.stderr);
  return (performance.now() - t0) / 1000;
});
const re2e = runs / e2e;

// C anchor: the same loop in plain C (gcc -O2), when gcc is here.
let cSteps;
const cSrc = join(anchors, 'c_gd_sweep.c');
if (existsSync(cSrc) && spawnSync('gcc', ['--version']).status === 0) {
  const bin = join(tmp, 'c_gd');
  execFileSync('gcc', ['-O2', '-o', bin, cSrc, '-lm']);
  cSteps = await best(() => {
    const out = execFileSync(bin, ['20000', String(STEPS)], { encoding: 'utf8' });
    return -Number(/([\d.]+) steps\/s/.exec(out)[1]);
  });
  cSteps = -cSteps;
}

// NumPy anchor: the notebook's own loop, one process, on 300 runs (it is slow).
let npRuns;
const npSrc = join(anchors, 'numpy_gd_sweep.py');
if (existsSync(npSrc) && spawnSync('python3', ['-c', 'import numpy']).status === 0) {
  const out = execFileSync('python3', [npSrc, '300', String(STEPS), '1'], { encoding: 'utf8' });
  npRuns = Number(/= ([\d.]+) runs\/s/.exec(out)[1]);
}
rmSync(tmp, { recursive: true, force: true });

const f = (v, d = 0) => v.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const rows = [
  ['measure', 'value', 'target', 'met'],
  ['runs/s, 1 thread (run phase)', f(r1), '', ''],
  ['runs/s, 2 threads (run phase)', f(r2), '≥ 1.7 × 1 thread', ''],
  ['2 threads / 1 thread', f(r2 / r1, 2), '≥ 1.70', r2 / r1 >= 1.7 ? 'yes' : 'NO'],
  ['steps/s per thread (1 thread)', f(r1 * STEPS), '', ''],
];
if (cSteps !== undefined) {
  rows.push(['C loop steps/s (gcc -O2)', f(cSteps), '', '']);
  rows.push([
    'per thread / C loop',
    f((r1 * STEPS) / cSteps, 2),
    '≥ 0.50',
    (r1 * STEPS) / cSteps >= 0.5 ? 'yes' : 'NO',
  ]);
} else rows.push(['C loop', 'skipped (no gcc or no ../shared/anchors)', '', '']);
rows.push(['end to end runs/s (pnpm sweep bench, 2 threads)', `${f(re2e)} (${f(e2e, 2)} s)`, '', '']);
if (npRuns !== undefined) {
  rows.push(['NumPy loop runs/s (1 process)', f(npRuns, 1), '', '']);
  rows.push(['end to end / NumPy', `${f(re2e / npRuns)}×`, '≥ 500×', re2e / npRuns >= 500 ? 'yes' : 'NO']);
} else rows.push(['NumPy loop', 'skipped (no python3 with numpy)', '', '']);
const w = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
const line = (r) => `| ${r.map((c, i) => c.padEnd(w[i])).join(' | ')} |`;
console.log(line(rows[0]));
console.log(`|${w.map((n) => '-'.repeat(n + 2)).join('|')}|`);
for (const r of rows.slice(1)) console.log(line(r));
