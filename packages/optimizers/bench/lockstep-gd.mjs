// The lockstep gradient-descent kernel on the runner's bench sweep: the notebook's gradient descent with
// its numerical gradient (h = 1e-4, maxIter 1000, tol 0) on f(x) = x₀² + x₁² given as `f2`, lr =
// logspace(−3, 0, 10) × a 100 × 100 grid of starts over [−4, 4]² (100,000 runs; lr outer, then x0[0],
// then x0[1]: the runner's order), in groups of 1,000 runs per `minimizeLockstep` call, called as the
// runner calls it (apps/runner/src/execute/lockstepGroups.ts). Speed counts the steps the runs take
// (Σ nit: 68.0 M) over the time of the 100 calls.
//
// Runs against dist (`pnpm --filter @numcomp/optimizers build` first):
//
//   node packages/optimizers/bench/lockstep-gd.mjs                 # this package's dist, 3 rounds
//   node packages/optimizers/bench/lockstep-gd.mjs --rounds 5 --anchor \
//     before=/tmp/base/dist/lockstep/index.js after=packages/optimizers/dist/lockstep/index.js
//   ONE_F2=1 node packages/optimizers/bench/lockstep-gd.mjs        # one f2 closure for every call
//
// Each round runs every entry (and with --anchor the plain-JS side-by-side loop of bench/anchors on the
// sweep's shape, 10⁸ steps) in its own child process, one after the other, so that the entries see the
// same moments of a shared machine. A child warms up on one sweep and times the next, by the wall clock
// and by its own CPU time (less sensitive to what runs beside it). The table gives each entry's median
// and spread (min–max), its ratio to the first entry within each round, the load beside it (the
// machine's busy CPU over the child's life less the child's own, in cores), and a digest of every run's
// result (x, f, ∇f, counts, status, maxfev flag), which must agree between entries.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const GROUP = 1000;
/** The runner's logspace(−3, 0, 10): 10 ** linspace(−3, 0, 10). */
const LRS = Array.from({ length: 10 }, (_, i) => 10 ** (i * (3 / 9) - 3)).map((v, i) => (i === 9 ? 1 : v));

/** NumPy's linspace (start + i·step, the last value set to stop), as the runner's pointsGrid. */
function linspace(start, stop, n) {
  const step = (stop - start) / (n - 1);
  const out = Array.from({ length: n }, (_, i) => i * step + start);
  out[n - 1] = stop;
  return out;
}

/** The sweep's groups of runs, [x0s, lr] per call. */
function groups() {
  const axis = linspace(-4, 4, 100);
  const runs = [];
  for (const lr of LRS) for (const a of axis) for (const b of axis) runs.push({ x0: [a, b], lr });
  const out = [];
  for (let i = 0; i < runs.length; i += GROUP) {
    const part = runs.slice(i, i + GROUP);
    out.push([part.map((r) => r.x0), Float64Array.from(part, (r) => r.lr)]);
  }
  return out;
}

/** FNV-1a over the bytes of a typed array, folded into h. */
function fold(h, a) {
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 16777619) >>> 0;
  return h;
}

/** One entry in this process: a warm-up sweep (digested), then the timed sweep; one JSON line. */
async function child(entry) {
  const { minimizeLockstep } = await import(pathToFileURL(entry).href);
  const { getTestFunction } = await import('@numcomp/core');
  // The runner's lockstepProblem: core's sphere with f2 added by withF2 (lockstepKernels.ts), which
  // makes a fresh f2 closure for every group (V8 then checks the closure at each inlined f2 call);
  // ONE_F2=1 passes one closure to every call.
  const sphere = getTestFunction('sphere');
  const kernel = () => (x, y) => x * x + y * y;
  const one = { ...sphere, f2: kernel() };
  const problemFor = process.env.ONE_F2 === '1' ? () => one : () => ({ ...sphere, f2: kernel() });
  const options = { method: 'gradient-descent', gradient: 'numerical', h: 1e-4, maxIter: 1000, tol: 0 };
  const gs = groups();
  const sweep = (digest) => {
    let steps = 0;
    let h = 2166136261;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (const [x0s, lr] of gs) {
      const r = minimizeLockstep(problemFor(), x0s, { ...options, lr });
      for (let i = 0; i < r.count; i++) steps += r.nit[i];
      if (digest)
        for (const a of [r.x, r.grad, r.fun, r.nit, r.nfev, r.ngev, r.status, r.spent]) h = fold(h, a);
    }
    const s = (performance.now() - t0) / 1000;
    const c = process.cpuUsage(c0);
    return { s, cpu: (c.user + c.system) / 1e6, steps, digest: h.toString(16) };
  };
  const warm = sweep(true);
  console.log(JSON.stringify({ ...sweep(false), digest: warm.digest }));
}

/** Busy CPU seconds of the machine so far (Linux /proc/stat), or undefined. */
function busy() {
  if (!existsSync('/proc/stat')) return undefined;
  const v = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);
  return (v.reduce((a, b) => a + b, 0) - v[3] - v[4]) / 100;
}

/** The plain-JS side-by-side anchor on the sweep's shape (100,000 runs × 1,000 steps, no early stop). */
function anchor() {
  const file = join(here, '../../../bench/anchors/js_vec_gd_sweep.mjs');
  const c = spawnSync(process.execPath, [file, '100000', '1000'], { encoding: 'utf8' });
  const m = /in ([\d.]+)s = /.exec(c.stdout);
  if (m === null) throw new Error(`anchor: ${c.stdout}${c.stderr}`);
  return { s: Number(m[1]), cpu: Number.NaN, steps: 1e8, digest: '' };
}

const median = (v) => {
  const s = [...v].sort((a, b) => a - b);
  const k = s.length >> 1;
  return s.length % 2 === 1 ? s[k] : (s[k - 1] + s[k]) / 2;
};
const M = (v) => (Number.isNaN(v) ? '–' : `${(v / 1e6).toFixed(1)} M`);
const X = (v) => `${v.toFixed(2)}×`;
const spread = (v, f) => `${f(median(v))} [${f(Math.min(...v))}–${f(Math.max(...v))}]`;

async function main() {
  const args = process.argv.slice(2);
  if (args[0] === '--child') return child(args[1]);
  let rounds = 3;
  let withAnchor = false;
  const entries = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--rounds') rounds = Math.max(1, Number(args[++i]));
    else if (args[i] === '--anchor') withAnchor = true;
    else {
      const eq = args[i].indexOf('=');
      entries.push(
        eq > 0 ? [args[i].slice(0, eq), resolve(args[i].slice(eq + 1))] : [args[i], resolve(args[i])],
      );
    }
  }
  if (entries.length === 0) entries.push(['dist', join(here, '../dist/lockstep/index.js')]);
  for (const [, e] of entries) if (!existsSync(e)) throw new Error(`${e} is missing: build first`);
  const names = [...entries.map(([n]) => n), ...(withAnchor ? ['plain JS side by side (anchor)'] : [])];
  const runs = names.map(() => []);
  const load0 = loadavg();
  for (let r = 0; r < rounds; r++) {
    for (let e = 0; e < names.length; e++) {
      const b0 = busy();
      const t0 = performance.now();
      let res;
      if (e < entries.length) {
        const c = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', entries[e][1]], {
          encoding: 'utf8',
          cwd: here,
        });
        if (c.status !== 0) throw new Error(`${names[e]}: ${c.stderr}`);
        res = JSON.parse(c.stdout.trim().split('\n').pop());
      } else {
        res = anchor();
      }
      const wall = (performance.now() - t0) / 1000;
      res.beside = b0 === undefined ? Number.NaN : (busy() - b0 - wall) / wall;
      runs[e].push(res);
      console.log(
        `round ${r + 1} ${names[e]}: ${M(res.steps / res.s)} steps/s (${res.s.toFixed(3)} s), ` +
          `by CPU time ${M(res.steps / res.cpu)}; beside ≈ ${res.beside.toFixed(2)} cores`,
      );
    }
  }
  const load1 = loadavg();
  console.log(
    '\n| entry | steps/s, wall: median [min–max] | ÷ first, same round | steps/s, CPU time | Σ nit | digest | beside (cores) |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (let e = 0; e < names.length; e++) {
    const rs = runs[e];
    const wall = rs.map((x) => x.steps / x.s);
    const ratio = rs.map((x, r) => x.steps / x.s / (runs[0][r].steps / runs[0][r].s));
    const cpu = rs.map((x) => x.steps / x.cpu);
    const digests = [...new Set(rs.map((x) => x.digest))].join(', ');
    const beside = median(rs.map((x) => x.beside)).toFixed(2);
    console.log(
      `| ${names[e]} | ${spread(wall, M)} | ${spread(ratio, X)} | ${spread(cpu, M)} | ${Math.round(rs[0].steps)} | ${digests} | ${beside} |`,
    );
  }
  const f = (l) => l.map((v) => v.toFixed(2)).join(' ');
  console.log(`\n${rounds} rounds; load average before ${f(load0)}, after ${f(load1)}`);
}

await main();
