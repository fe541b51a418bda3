// pnpm bench: a 10⁶-run sweep's page — a 1000 × 1000 raster heatmap of final f (log colours, statuses,
// exact zeros), parallel coordinates of 10⁶ runs (thinned to 2,000 lines over the density of all) and
// a runs table capped at 1,000 of 10⁶ rows. Prints the page size (limit 5 MB) and how long headless
// Chromium takes to load and paint it (limit 3 s), then benchmarks the rendering.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { bench, describe } from 'vitest';
import { heatmap, htmlReport, parallelCoordinates, reportTable, svgNote } from '../src/index.ts';

const N = 1_000_000;
const side = 1000;
const lrs = Array.from({ length: side }, (_, i) => 10 ** (-4 + (4.3 * i) / (side - 1)));
const x0s = Array.from({ length: side }, (_, j) => -4 + (8 * j) / (side - 1));
const methods = ['gd', 'momentum', 'nesterov', 'adam'];

// The runs, as columns (what a runner streaming results.jsonl would keep): lr × x₀, a method each.
// x ← (1 − 2 lr) x on x²: diverges for lr > 1, stops at max-iter when |1 − 2 lr|^100 |x₀| > 1e−6,
// and lands exactly on 0 for lr = 0.5.
const lr = new Float64Array(N);
const x0 = new Float64Array(N);
const fun = new Float64Array(N);
const nit = new Float64Array(N);
const method: string[] = new Array(N);
const status: string[] = new Array(N);
for (let j = 0; j < side; j++) {
  for (let i = 0; i < side; i++) {
    const k = j * side + i;
    const q = Math.abs(1 - 2 * lrs[i]!);
    const a = Math.abs(x0s[j]!);
    lr[k] = lrs[i]!;
    x0[k] = x0s[j]!;
    method[k] = methods[(i + j) % 4]!;
    const st =
      k % 99_991 === 5 ? 'error' : lrs[i]! > 1 ? 'diverged' : q ** 100 * a > 1e-6 ? 'max-iter' : 'converged';
    status[k] = st;
    const steps = q === 0 || a === 0 ? 1 : Math.min(100, Math.ceil(Math.log(1e-6 / a) / Math.log(q)));
    nit[k] = st === 'max-iter' ? 100 : Math.max(1, steps);
    fun[k] =
      st === 'diverged' || st === 'error'
        ? Number.NaN
        : Math.abs(lrs[i]! - 0.5) < 1e-3
          ? 0
          : a * a * q ** (2 * nit[k]!);
  }
}
const grid = (get: (k: number) => number | string | null): (number | string | null)[][] =>
  x0s.map((_, j) => lrs.map((_, i) => get(j * side + i)));

const finalF = (): string =>
  heatmap({
    title: 'Final f, 1000 × 1000 runs',
    x: lrs,
    xScale: 'log',
    y: x0s,
    values: grid((k) => (Number.isNaN(fun[k]!) ? null : fun[k]!)) as (number | null)[][],
    status: grid((k) => status[k]!) as string[][],
    colorScale: 'log',
    xLabel: 'lr',
    yLabel: 'x₀',
    colorLabel: 'final f',
  });
const parallel = (): string =>
  parallelCoordinates({
    title: 'All 10⁶ runs',
    dimensions: [
      { label: 'lr', values: lr },
      { label: 'x₀', values: x0 },
      { label: 'method', values: method },
      { label: 'iterations', values: nit },
      { label: 'final f', values: fun },
    ],
    color: status,
    colorLabel: 'outcome',
  });
const rows = Array.from({ length: N }, (_, k) => ({
  lr: lr[k]!,
  x0: x0[k]!,
  method: method[k]!,
  status: status[k]!,
  nit: nit[k]!,
  fun: fun[k]!,
}));
const table = (): ReturnType<typeof reportTable> =>
  reportTable({ data: rows, sort: 'fun', maxRows: 1000, caption: 'Runs, lowest final f first' });

function page(): string {
  const pc = parallel();
  return htmlReport({
    title: 'A sweep of 10⁶ runs',
    sections: [
      { title: 'Final f', plots: [finalF()] },
      { title: 'Parallel coordinates', plots: [{ svg: pc, caption: svgNote(pc) ?? '' }] },
      { title: 'Runs', table: table() },
    ],
  });
}

const t0 = performance.now();
const html = page();
const renderMs = performance.now() - t0;
const outDir = join(dirname(fileURLToPath(import.meta.url)), '../test-output');
mkdirSync(outDir, { recursive: true });
const file = join(outDir, 'scale-report.html');
writeFileSync(file, html);
const kB = (s: string): string => `${(Buffer.byteLength(s) / 1024).toFixed(0)} kB`;
console.log(
  `10⁶-run page: ${kB(html)} (heatmap ${kB(finalF())}, parallel ${kB(parallel())}), rendered in ${(renderMs / 1000).toFixed(2)} s; limit 5,120 kB`,
);

/** Load and paint times of `file` in headless Chromium (fresh profile, HOME in a temporary folder). */
async function loadTimes(runs: number): Promise<number[]> {
  const home = mkdtempSync(join(tmpdir(), 'numcomp-viz-bench-'));
  const context = await chromium.launchPersistentContext(join(home, 'profile'), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    env: { ...process.env, HOME: home },
    viewport: { width: 1280, height: 900 },
  });
  const times: number[] = [];
  try {
    for (let r = 0; r < runs; r++) {
      const p = await context.newPage();
      const errors: string[] = [];
      p.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      const start = Date.now();
      await p.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      // Two animation frames after load: the page has been laid out and painted.
      await p.evaluate(
        () =>
          new Promise<void>((done) => {
            const raf = (globalThis as unknown as { requestAnimationFrame: (f: () => void) => void })
              .requestAnimationFrame;
            raf(() => raf(done));
          }),
      );
      times.push(Date.now() - start);
      if (errors.length) console.log('console errors:', errors);
      await p.close();
    }
  } finally {
    await context.close();
    rmSync(home, { recursive: true, force: true });
  }
  return times;
}

if (existsSync('/usr/bin/chromium')) {
  const times = await loadTimes(5);
  console.log(
    `10⁶-run page in headless Chromium: load + paint ${times.map((t) => `${(t / 1000).toFixed(2)} s`).join(', ')} (limit 3 s)`,
  );
} else console.log('/usr/bin/chromium not found: load time not measured');

describe('a 10⁶-run sweep page', () => {
  bench('heatmap 1000 × 1000 (values, statuses, log colours, raster)', () => void finalF(), {
    iterations: 3,
    time: 500,
  });
  bench('parallelCoordinates of 10⁶ runs (thinned to 2,000, density of all)', () => void parallel(), {
    iterations: 3,
    time: 500,
  });
  bench('reportTable: 1,000 of 10⁶ rows, sorted', () => void table(), { iterations: 3, time: 500 });
  bench('the whole page', () => void page(), { iterations: 2, time: 500 });
});
