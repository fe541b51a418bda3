// `pnpm bench` (apps/runner): the `bench` experiment (the notebook's gradient descent with its numerical
// gradient on x₀² + x₁², lr = logspace(−3, 0, 10) × a 100 × 100 grid of starts, up to 1,000 steps: 100,000
// runs) against the reference loops of bench/anchors, measured the way issue #14 asks:
//   - speed counts the steps the runs really take (the sum of `nit` in results.jsonl), not runs × 1,000;
//   - every measure runs BENCH_ROUNDS times (default 3), all of them interleaved round by round (1 thread,
//     2 threads, lockstep off, end to end, each anchor), and the table gives medians with their spread
//     (min–max); a ratio is taken within each round, then its median and spread;
//   - the anchors are compiled (gcc, when there is one) and run here, from the repo's bench/anchors;
//   - end to end is `node dist/cli/sweep.js bench --threads 2 --fresh` in a child process (what
//     `pnpm sweep bench` starts after its build), and its fixed cost is that time minus the run phase the
//     CLI reports for itself (NUMCOMP_TIMING=1).
// Runs against dist (workers load compiled JS): turbo builds the runner and the experiments first. The
// machine is shared: the load averages and the busiest other processes are printed with the table.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = join(here, '../../..');
for (const f of ['apps/runner/dist/index.js', 'apps/runner/dist/cli/sweep.js', 'experiments/dist/bench.js']) {
  if (!existsSync(join(repo, f)))
    throw new Error(`${f} is missing: run pnpm build (turbo builds it before pnpm bench)`);
}
const { PiscinaExecutor, planSweep, runSweep } = await import('../dist/index.js');
const anchors = join(repo, 'bench/anchors');
const module = pathToFileURL(join(repo, 'experiments/dist/bench.js')).href;
const cli = join(here, '../dist/cli/sweep.js');
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
const tmp = mkdtempSync(join(tmpdir(), 'numcomp-bench-'));
const STEPS = 1000;

const def = (await import(module)).default;
const plan = planSweep(def);
const runs = plan.count;

/** The steps a sweep took: the sum of `nit` over its results.jsonl. */
function stepsIn(out) {
  const text = readFileSync(join(out, 'bench', 'results.jsonl'), 'latin1');
  let steps = 0;
  let lines = 0;
  for (const m of text.matchAll(/"nit":(\d+)/g)) {
    steps += Number(m[1]);
    lines++;
  }
  if (lines !== runs) throw new Error(`results.jsonl holds ${lines} results, not ${runs}`);
  return steps;
}

/**
 * The run phase of the bench sweep on `threads` threads, after warm-up: `runSweep` from dispatching the
 * first batch to the last result folded (results.jsonl written), as in `pnpm sweep`, without summary,
 * CSV and report. `lockstep: false` sets NUMCOMP_LOCKSTEP=0 for the workers (every run alone).
 */
async function runPhase(threads, lockstep = true) {
  if (!lockstep) process.env.NUMCOMP_LOCKSTEP = '0';
  const ex = new PiscinaExecutor({ threads });
  delete process.env.NUMCOMP_LOCKSTEP;
  const out = join(tmp, `run-${threads}-${lockstep}`);
  let outcome;
  let use0;
  let use1;
  try {
    await ex.warm({
      module,
      experiment: 'bench',
      trajectory: plan.trajectory,
      work: { kind: 'runs', runs: [] },
    });
    use0 = process.resourceUsage();
    outcome = await runSweep(plan, { out, module, executor: ex, fresh: true, noReport: true });
    use1 = process.resourceUsage();
  } finally {
    await ex.close();
  }
  if (outcome.ran !== runs) throw new Error(`ran ${outcome.ran} of ${runs}`);
  const s = outcome.runMs / 1000;
  const steps = stepsIn(out);
  // CPU of every thread of this process (workers, coordinator, V8's helpers) and its page faults.
  const cpu = (use1.userCPUTime + use1.systemCPUTime - use0.userCPUTime - use0.systemCPUTime) / 1e6;
  const faults = use1.minorPageFault - use0.minorPageFault;
  return { s, steps, stepsPerS: steps / s, runsPerS: runs / s, cpu, faults };
}

/**
 * The lockstep engine alone on the bench sweep's runs, in a fresh process (one thread, warm-up included),
 * writing nothing (engine.mjs): the optimizer's speed without the results the runner writes. Its steps
 * must be the sweep's.
 */
function engine(sweepSteps) {
  const p = spawnSync(process.execPath, [join(here, 'engine.mjs'), module], { encoding: 'utf8' });
  if (p.status !== 0) throw new Error(`engine.mjs failed: ${p.stderr}`);
  const { s, steps } = JSON.parse(p.stdout);
  if (steps !== sweepSteps) throw new Error(`engine.mjs took ${steps} steps, the sweep ${sweepSteps}`);
  return { s, steps, stepsPerS: steps / s };
}

/**
 * The floor of the runner's output per run (floor.mjs, a fresh process): the bench sweep's ids, JSON lines
 * and CSV rows rebuilt from its results.jsonl by the fastest plain-JS loop, into memory.
 */
function floor() {
  const p = spawnSync(
    process.execPath,
    [join(here, 'floor.mjs'), join(tmp, 'run-1-true', 'bench', 'results.jsonl')],
    {
      encoding: 'utf8',
    },
  );
  if (p.status !== 0) throw new Error(`floor.mjs failed: ${p.stderr}`);
  return JSON.parse(p.stdout);
}

/** `pnpm sweep bench --threads 2 --fresh` end to end, and its fixed cost (all but the run phase). */
function endToEnd() {
  const out = join(tmp, 'reports');
  const t0 = performance.now();
  // As tools/sweep/sweep.mjs starts the CLI (its flags and malloc arenas).
  const p = spawnSync(
    process.execPath,
    [
      '--min-semi-space-size=4',
      '--max-semi-space-size=16',
      cli,
      'bench',
      '--threads',
      '2',
      '--fresh',
      '--out',
      out,
    ],
    {
      env: { MALLOC_ARENA_MAX: '2', ...process.env, CI: '1', NUMCOMP_TIMING: '1' },
      encoding: 'utf8',
    },
  );
  const s = (performance.now() - t0) / 1000;
  if (p.status !== 0) throw new Error(p.stderr);
  const run = /timing bench: run (\d+) ms/.exec(p.stderr);
  const use = /cpu (\d+) ms \(every thread\), (\d+) page faults/.exec(p.stderr);
  const steps = stepsIn(out);
  return {
    s,
    steps,
    stepsPerS: steps / s,
    runsPerS: runs / s,
    fixed: run ? s - Number(run[1]) / 1000 : Number.NaN,
    cpu: use ? Number(use[1]) / 1000 : Number.NaN,
    faults: use ? Number(use[2]) : Number.NaN,
  };
}

/**
 * What a page fault costs here: µs per 4 KiB page first written, in 64 MiB of fresh memory. On a
 * virtual machine it may be ~50× what it is on bare metal (~0.2 µs), and every page a sweep's threads
 * touch for the first time pays it (heaps, buffers, code).
 */
function pageFaultCost() {
  const bytes = 64 << 20;
  const f0 = process.resourceUsage().minorPageFault;
  const t0 = performance.now();
  const a = new Uint8Array(bytes);
  for (let i = 0; i < bytes; i += 4096) a[i] = 1;
  const dt = performance.now() - t0;
  const faults = process.resourceUsage().minorPageFault - f0;
  return { usPerFault: (1000 * dt) / Math.max(1, faults), faults };
}

/** Runs an anchor and reads its "… = R runs/s, S steps/s" line. */
function anchor(cmd, args) {
  const out = execFileSync(cmd, args, { encoding: 'utf8' });
  const m = /= ([\d.]+) runs\/s, ([\d.]+) steps\/s/.exec(out);
  if (m === null) throw new Error(`unexpected output of ${cmd} ${args.join(' ')}: ${out}`);
  return { runsPerS: Number(m[1]), stepsPerS: Number(m[2]) };
}

// The anchors that can run here. Each runs the bench sweep's shape (10 learning rates × a grid of
// starts, 1,000 fixed steps, no early stop) with as many runs as its speed allows in a second or so.
const loops = [];
const gcc = spawnSync('gcc', ['--version']).status === 0;
if (gcc) {
  const c1 = join(tmp, 'c_gd');
  const c2 = join(tmp, 'c_vec');
  execFileSync('gcc', ['-O2', '-o', c1, join(anchors, 'c_gd_sweep.c'), '-lm']);
  execFileSync('gcc', [
    '-O3',
    '-march=native',
    '-ffp-contract=off',
    '-o',
    c2,
    join(anchors, 'c_vec_gd_sweep.c'),
    '-lm',
  ]);
  loops.push({
    key: 'c',
    name: 'C, one run at a time (gcc -O2), 20,000 runs',
    run: () => anchor(c1, ['20000', `${STEPS}`]),
  });
  loops.push({
    key: 'cvec',
    name: 'C, runs side by side (gcc -O3 -march=native -ffp-contract=off), 100,000 runs',
    run: () => anchor(c2, ['100000', `${STEPS}`]),
  });
}
loops.push({
  key: 'js',
  name: 'plain JS, one run at a time, 20,000 runs',
  run: () => anchor(process.execPath, [join(anchors, 'js_gd_sweep.mjs'), '20000', `${STEPS}`]),
});
loops.push({
  key: 'jsvec',
  name: 'plain JS, runs side by side, 100,000 runs',
  run: () => anchor(process.execPath, [join(anchors, 'js_vec_gd_sweep.mjs'), '100000', `${STEPS}`]),
});
const numpy = spawnSync('python3', ['-c', 'import numpy']).status === 0;
if (numpy) {
  loops.push({
    key: 'np',
    name: 'the notebook’s NumPy loop, one process, 100 runs',
    run: () => anchor('python3', [join(anchors, 'numpy_gd_sweep.py'), '100', `${STEPS}`, '1']),
  });
  // Vectorized NumPy's speed per step does not depend on the number of steps: 200 keep it short.
  loops.push({
    key: 'npvec',
    name: 'NumPy, all runs at once, 100,000 runs × 200 steps',
    run: () => anchor('python3', [join(anchors, 'numpy_vec_gd_sweep.py'), '100000', '200']),
  });
}
const trainability =
  existsSync(join(repo, 'experiments/dist/trainability.js')) && process.env.BENCH_TRAINABILITY !== '0';

/** The busiest other processes (what ran beside the bench). */
function beside() {
  const p = spawnSync('ps', ['-eo', 'pcpu,args', '--sort=-pcpu'], { encoding: 'utf8' });
  if (p.status !== 0) return [];
  return p.stdout
    .split('\n')
    .slice(1)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.includes(' ps -eo') && Number(l.split(' ')[0]) >= 5)
    .slice(0, 5)
    .map((l) => (l.length > 110 ? `${l.slice(0, 107)}...` : l));
}

const load0 = loadavg();
const others = beside();
console.error(
  `bench: ${runs} runs × up to ${STEPS} steps, ${ROUNDS} rounds; ${cpus().length} cores, load ${load0.map((v) => v.toFixed(2)).join(' ')}`,
);

const rounds = [];
for (let r = 0; r < ROUNDS; r++) {
  const m = {};
  m.one = await runPhase(1);
  m.two = await runPhase(2);
  m.alone = await runPhase(1, false);
  m.engine = engine(m.one.steps);
  m.floor = floor();
  m.e2e = endToEnd();
  m.fault = pageFaultCost();
  for (const l of loops) m[l.key] = l.run();
  if (trainability) {
    const t0 = performance.now();
    const p = spawnSync(
      process.execPath,
      [
        '--min-semi-space-size=4',
        '--max-semi-space-size=16',
        cli,
        'trainability',
        'level=0',
        '--threads',
        '2',
        '--fresh',
        '--out',
        join(tmp, 't'),
      ],
      {
        env: { MALLOC_ARENA_MAX: '2', ...process.env, CI: '1' },
        encoding: 'utf8',
      },
    );
    if (p.status !== 0) throw new Error(p.stderr);
    m.train = { s: (performance.now() - t0) / 1000 };
  }
  rounds.push(m);
  console.error(
    `round ${r + 1}: 1 thread ${(m.one.stepsPerS / 1e6).toFixed(1)} M steps/s, 2 threads ${(m.two.stepsPerS / 1e6).toFixed(1)} M, ` +
      `end to end ${m.e2e.s.toFixed(2)} s`,
  );
}
const load1 = loadavg();
rmSync(tmp, { recursive: true, force: true });

// ---- the table ----
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};
const num = (v, d = 0) => v.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
/** A formatter of `d` decimals, for `stat`. */
const fixed = (d) => (v) => num(v, d);
const si = (v) =>
  v >= 1e9
    ? `${num(v / 1e9, 2)} G`
    : v >= 1e6
      ? `${num(v / 1e6, 1)} M`
      : v >= 1e3
        ? `${num(v / 1e3, 1)} k`
        : num(v, 1);
/** Median [min–max] of f over the rounds. */
const stat = (f, fmt) => {
  const xs = rounds.map(f);
  return `${fmt(median(xs))} [${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))}]`;
};
const ratioRow = (name, f, target, digits = 2, unit = '×') => {
  const xs = rounds.map(f);
  const med = median(xs);
  const fmt = (v) => `${num(v, digits)}${unit}`;
  return [
    name,
    `${fmt(med)} [${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))}]`,
    target.text,
    target.ok(med) ? 'yes' : 'NO',
  ];
};
const has = (k) => rounds[0][k] !== undefined;
const steps = rounds[0].one.steps;

const rows = [['measure', 'median [min–max]', 'target', 'met']];
rows.push(['steps taken by the sweep (Σ nit)', `${num(steps)} (${num(steps / runs, 1)} per run)`, '', '']);
rows.push([
  'run phase, 1 thread: steps/s',
  stat((m) => m.one.stepsPerS, si),
  '≥ 100 M',
  median(rounds.map((m) => m.one.stepsPerS)) >= 1e8 ? 'yes' : 'NO',
]);
rows.push(['run phase, 1 thread: runs/s', stat((m) => m.one.runsPerS, si), '', '']);
rows.push(['run phase, 2 threads: steps/s', stat((m) => m.two.stepsPerS, si), '', '']);
rows.push(['run phase, 1 thread, lockstep off: steps/s', stat((m) => m.alone.stepsPerS, si), '', '']);
rows.push([
  'lockstep engine alone, 1 thread (writes nothing): steps/s',
  stat((m) => m.engine.stepsPerS, si),
  '',
  '',
]);
rows.push([
  'output floor: ids, lines and CSV rows by the fastest plain-JS loop, 1 thread: s',
  stat((m) => m.floor.s, fixed(3)),
  '',
  '',
]);
rows.push([
  'bound on the run phase, 1 thread: Σ nit ÷ (engine alone + output floor)',
  stat((m) => m.one.steps / (m.one.steps / m.engine.stepsPerS + m.floor.s), si),
  '',
  '',
]);
rows.push([
  'run phase, 1 / 2 threads: CPU s of every thread (workers, coordinator, V8 helpers)',
  `${stat((m) => m.one.cpu, fixed(2))} / ${stat((m) => m.two.cpu, fixed(2))}`,
  '',
  '',
]);
rows.push([
  'run phase, 1 / 2 threads: page faults',
  `${stat((m) => m.one.faults, si)} / ${stat((m) => m.two.faults, si)}`,
  '',
  '',
]);
rows.push([
  'a page fault on this machine (first write of 4 KiB): µs',
  stat((m) => m.fault.usPerFault, fixed(2)),
  '',
  '',
]);
rows.push(
  ratioRow('lockstep on ÷ off (1 thread)', (m) => m.one.stepsPerS / m.alone.stepsPerS, {
    text: '',
    ok: () => true,
  }),
);
rows.push(
  ratioRow('2 threads ÷ 1 thread', (m) => m.two.stepsPerS / m.one.stepsPerS, {
    text: '≥ 1.8',
    ok: (v) => v >= 1.8,
  }),
);
for (const l of loops) rows.push([`anchor: ${l.name}: steps/s`, stat((m) => m[l.key].stepsPerS, si), '', '']);
if (!gcc) rows.push(['anchors in C', 'skipped: no gcc here', '', '']);
if (!numpy) rows.push(['anchors in NumPy', 'skipped: no python3 with numpy here', '', '']);
if (has('c'))
  rows.push(
    ratioRow('1 thread ÷ C one at a time', (m) => m.one.stepsPerS / m.c.stepsPerS, {
      text: '≥ 1.7',
      ok: (v) => v >= 1.7,
    }),
  );
rows.push(
  ratioRow('1 thread ÷ plain JS side by side', (m) => m.one.stepsPerS / m.jsvec.stepsPerS, {
    text: '≥ 0.75',
    ok: (v) => v >= 0.75,
  }),
);
if (has('c'))
  rows.push(
    ratioRow('engine alone ÷ C one at a time', (m) => m.engine.stepsPerS / m.c.stepsPerS, {
      text: '(≥ 1.7 for the run phase)',
      ok: (v) => v >= 1.7,
    }),
  );
rows.push(
  ratioRow('engine alone ÷ plain JS side by side', (m) => m.engine.stepsPerS / m.jsvec.stepsPerS, {
    text: '(≥ 0.75 for the run phase)',
    ok: (v) => v >= 0.75,
  }),
);
rows.push(
  ratioRow('1 thread ÷ plain JS one at a time', (m) => m.one.stepsPerS / m.js.stepsPerS, {
    text: '',
    ok: () => true,
  }),
);
if (has('cvec'))
  rows.push(
    ratioRow(
      '1 thread ÷ C side by side (the core’s limit)',
      (m) => m.one.stepsPerS / m.cvec.stepsPerS,
      { text: '', ok: () => true },
      3,
    ),
  );
rows.push(['end to end, pnpm sweep bench, 2 threads: s', stat((m) => m.e2e.s, fixed(2)), '', '']);
rows.push(['end to end: steps/s', stat((m) => m.e2e.stepsPerS, si), '', '']);
rows.push([
  'end to end: CPU s (every thread) / page faults (× their cost: s)',
  `${stat((m) => m.e2e.cpu, fixed(2))} / ${stat((m) => m.e2e.faults, si)} (${stat(
    (m) => (m.e2e.faults * m.fault.usPerFault) / 1e6,
    fixed(2),
  )})`,
  '',
  '',
]);
rows.push([
  'fixed cost: end to end − run phase, s',
  stat((m) => m.e2e.fixed, fixed(2)),
  '≤ 0.4 (item 3)',
  median(rounds.map((m) => m.e2e.fixed)) <= 0.4 ? 'yes' : 'NO',
]);
if (has('np')) {
  rows.push(
    ratioRow(
      'end to end ÷ notebook NumPy loop (steps/s)',
      (m) => m.e2e.stepsPerS / m.np.stepsPerS,
      { text: '≥ 1,500', ok: (v) => v >= 1500 },
      0,
    ),
  );
  rows.push(
    ratioRow(
      'end to end ÷ notebook NumPy loop (runs/s)',
      (m) => m.e2e.runsPerS / m.np.runsPerS,
      { text: '', ok: () => true },
      0,
    ),
  );
  rows.push(
    ratioRow('end to end ÷ NumPy all runs at once (steps/s)', (m) => m.e2e.stepsPerS / m.npvec.stepsPerS, {
      text: '≥ 4',
      ok: (v) => v >= 4,
    }),
  );
}
if (trainability) {
  rows.push([
    'trainability (10⁶-run map), end to end, 2 threads: s',
    stat((m) => m.train.s, fixed(2)),
    '≤ 10',
    median(rounds.map((m) => m.train.s)) <= 10 ? 'yes' : 'NO',
  ]);
}
const w = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
const line = (r) => `| ${r.map((c, i) => c.padEnd(w[i])).join(' | ')} |`;
console.log(line(rows[0]));
console.log(`|${w.map((n) => '-'.repeat(n + 2)).join('|')}|`);
for (const r of rows.slice(1)) console.log(line(r));
console.log(
  `\n${cpus().length} cores (${cpus()[0]?.model ?? '?'}), Node ${process.version}; load average before ${load0.map((v) => v.toFixed(2)).join(' ')}, after ${load1.map((v) => v.toFixed(2)).join(' ')}`,
);
if (others.length > 0) console.log(`beside it at the start (%CPU command):\n  ${others.join('\n  ')}`);
