// `pnpm bench` (apps/runner), part 2: memory and resumability of a large sweep, as issue #10 measures them.
// The sweep is `bench maxIter=10 lr=logspace(-3,0,100) x0=pointsGrid([[-4,4],[-4,4]],N)`: N = 100 by default
// (10⁶ runs, ~40 s for the three passes), N = 317 with BENCH_MEMORY=1e7 (10⁷ runs, ~6 min). Each pass is
// the CLI started as `pnpm sweep` starts it (tools/sweep/sweep.mjs: its semi-space flags, two malloc arenas):
//   1. fresh: peak RSS (VmHWM of the process, every thread included), wall time, report writing time
//      (NUMCOMP_TIMING) and the report's size;
//   2. the same sweep SIGKILLed at 40 % of its runs (BENCH_KILL_AT=0.9: at 90 %), then resumed: the resume's peak RSS and wall time,
//      and whether results.jsonl then holds every run exactly once;
//   3. run again with everything recorded (all reused): peak RSS and wall time.
// Linux only (it reads /proc); elsewhere it says so and exits.
import { spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  rmSync,
  statSync,
} from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const cli = join(here, '../dist/cli/sweep.js');
if (!existsSync('/proc/self/status')) {
  console.log('memory bench: needs /proc (Linux); skipped');
  process.exit(0);
}
if (!existsSync(cli)) throw new Error('apps/runner/dist is missing: run pnpm build first');
const big = process.env.BENCH_MEMORY === '1e7';
const side = big ? 317 : 100;
const runs = 100 * side * side;
const args = ['bench', 'maxIter=10', 'lr=logspace(-3,0,100)', `x0=pointsGrid([[-4,4],[-4,4]],${side})`];
const tmp = mkdtempSync(join(tmpdir(), 'numcomp-memory-'));
const out = join(tmp, 'reports');
const results = join(out, 'bench', 'results.jsonl');
const MB = 2 ** 20;

/** Peak RSS of a process so far (kB → bytes), or 0 once it is gone. */
function hwm(pid) {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * One CLI pass: wall time, peak RSS, its stderr; `killAt` (0–1) SIGKILLs it once its progress passes
 * that share of the runs.
 */
function pass(extra = [], killBytes = undefined) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(
      process.execPath,
      ['--max-semi-space-size=16', cli, ...args, '--out', out, ...extra],
      {
        env: { ...process.env, MALLOC_ARENA_MAX: '2', NUMCOMP_TIMING: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let peak = 0;
    let err = '';
    let killed = false;
    child.stdout.resume();
    child.stderr.on('data', (d) => {
      err += d;
    });
    // The kill goes by the size of results.jsonl, polled with the peak: the CLI's progress lines come
    // every 5 s, and a 10⁶-run sweep had written all of its runs before the first one showed 40 %.
    const poll = setInterval(() => {
      peak = Math.max(peak, hwm(child.pid));
      if (killBytes === undefined || killed) return;
      let size = 0;
      try {
        size = statSync(results).size;
      } catch {
        return;
      }
      if (size >= killBytes) {
        killed = true;
        child.kill('SIGKILL');
      }
    }, 50);
    child.on('exit', (code, signal) => {
      clearInterval(poll);
      const write = /timing bench: run (\d+) ms, write (\d+) ms/.exec(err);
      resolve({
        s: (performance.now() - t0) / 1000,
        peak,
        code,
        signal,
        writeMs: write ? Number(write[2]) : Number.NaN,
        err,
      });
    });
  });
}

/** Lines of results.jsonl, and the distinct ids in it (counted only at 10⁶: 10⁷ ids take ~1 GB here). */
function recorded(countIds) {
  const fd = openSync(results, 'r');
  const buf = Buffer.allocUnsafe(1 << 24);
  const ids = new Set();
  let lines = 0;
  let carry = '';
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      if (!countIds) {
        for (let at = buf.indexOf(10); at >= 0 && at < n; at = buf.indexOf(10, at + 1)) lines++;
        continue;
      }
      const text = carry + buf.toString('latin1', 0, n);
      let at = 0;
      for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', at)) {
        ids.add(text.slice(at + 7, at + 23));
        lines++;
        at = end + 1;
      }
      carry = text.slice(at);
    }
  } finally {
    closeSync(fd);
  }
  return { lines, ids: countIds ? ids.size : Number.NaN };
}

console.log(
  `memory bench: ${runs.toLocaleString('en-US')} runs (${args.join(' ')}); load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
const fresh = await pass(['--fresh']);
const page = join(out, 'bench');
let reportBytes = 0;
for (const d of existsSync(page) ? readdirSync(page) : []) {
  const f = join(page, d, 'index.html');
  if (existsSync(f)) reportBytes = Math.max(reportBytes, statSync(f).size);
}
const killAt = Number(process.env.BENCH_KILL_AT ?? 0.4);
if (!(killAt > 0 && killAt < 1))
  throw new Error(`BENCH_KILL_AT must be between 0 and 1, got ${process.env.BENCH_KILL_AT}`);
// SIGKILLed once it has written killAt of the lines the fresh pass wrote (by their bytes).
const freshBytes = statSync(results).size;
rmSync(results); // or the poll would see the fresh pass's file before --fresh empties it
const cut = await pass(['--fresh'], killAt * freshBytes);
const afterKill = recorded(false);
const resume = await pass();
const afterResume = recorded(!big);
const reused = await pass();

const mb = (b) => `${(b / MB).toFixed(0)} MB`;
const ok = (b) => (b ? 'yes' : 'NO');
const rows = [
  ['fresh: peak RSS', mb(fresh.peak), '≤ 400 MB', ok(fresh.peak <= 400 * MB)],
  ['fresh: wall time', `${fresh.s.toFixed(1)} s`, '', ''],
  [
    'fresh: report written in',
    `${(fresh.writeMs / 1000).toFixed(2)} s`,
    '≤ 10 s',
    ok(fresh.writeMs <= 10_000),
  ],
  ['fresh: report size', `${(reportBytes / 1024).toFixed(0)} kB`, '≤ 5 MB', ok(reportBytes <= 5 * MB)],
  [
    `SIGKILL once ${Math.round(killAt * 100)} % of the lines are written (${cut.signal ?? `exit ${cut.code}`}): peak RSS, lines recorded`,
    `${mb(cut.peak)}, ${afterKill.lines.toLocaleString('en-US')} (${((100 * afterKill.lines) / runs).toFixed(0)} %)`,
    '≤ 400 MB',
    ok(cut.peak <= 400 * MB && cut.signal === 'SIGKILL' && afterKill.lines < runs),
  ],
  ['resume: peak RSS', mb(resume.peak), '≤ 400 MB', ok(resume.peak <= 400 * MB)],
  ['resume: wall time', `${resume.s.toFixed(1)} s`, '', ''],
  [
    'resume: results.jsonl lines / distinct ids',
    `${afterResume.lines.toLocaleString('en-US')} / ${big ? 'not counted at 10⁷' : afterResume.ids.toLocaleString('en-US')}`,
    `${runs.toLocaleString('en-US')} each`,
    ok(afterResume.lines === runs && (big || afterResume.ids === runs)),
  ],
  ['all reused: peak RSS', mb(reused.peak), '≤ 400 MB', ok(reused.peak <= 400 * MB)],
  ['all reused: wall time', `${reused.s.toFixed(1)} s`, '', ''],
];
const w = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => r[c].length), 8));
console.log(`| ${['measure', 'value', 'target', 'met'].map((h, c) => h.padEnd(w[c])).join(' | ')} |`);
console.log(`|${w.map((n) => '-'.repeat(n + 2)).join('|')}|`);
for (const r of rows) console.log(`| ${r.map((v, c) => v.padEnd(w[c])).join(' | ')} |`);
for (const [name, p] of [
  ['fresh', fresh],
  ['resume', resume],
  ['all reused', reused],
]) {
  if (p.code !== 0) console.log(`${name} exited with ${p.code ?? p.signal}:\n${p.err.slice(-2000)}`);
}
console.log(
  `load after ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
rmSync(tmp, { recursive: true, force: true });
