// pnpm bench: a report with a 100 × 100 heatmap, 1,000 trajectories of 100 points on a 200 × 200
// contour, and 1,000 convergence curves; prints the size of the HTML and of each plot.
import { bench, describe } from 'vitest';
import { contourPlot, convergencePlot, heatmap, htmlReport } from '../src/index.ts';

let seed = 42;
/** A small deterministic generator (LCG), so every run draws the same data. */
const random = (): number => {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return seed / 2 ** 32;
};

const rosenbrock = (x: number, y: number): number => (1 - x) ** 2 + 100 * (y - x * x) ** 2;

// 1,000 gradient-descent-like spirals towards (1, 1), 100 points each.
const trajectories = Array.from({ length: 1000 }, (_, k) => {
  const x = new Float64Array(100);
  const y = new Float64Array(100);
  let [px, py] = [-2 + 4 * random(), -1 + 4 * random()];
  const rate = 0.9 + 0.09 * random();
  for (let i = 0; i < 100; i++) {
    x[i] = px;
    y[i] = py;
    const [dx, dy] = [px - 1, py - 1];
    px = 1 + rate * (dx * Math.cos(0.3) - dy * Math.sin(0.3));
    py = 1 + rate * (dx * Math.sin(0.3) + dy * Math.cos(0.3));
  }
  return { name: `run ${k}`, x, y, status: k % 7 === 0 ? 'max-iter' : 'converged' };
});

// 1,000 curves of 500 values: geometric decrease with noise, some diverging.
const runs = Array.from({ length: 1000 }, (_, k) => {
  const values = new Float64Array(500);
  const q = 0.9 + 0.099 * random();
  const diverges = k % 13 === 0;
  let f = 10 * (1 + random());
  for (let i = 0; i < 500; i++) {
    values[i] = f * (1 + 0.1 * random());
    f *= diverges ? 1.2 : q;
  }
  return { name: `run ${k}`, values, status: diverges ? 'diverged' : q < 0.95 ? 'converged' : 'max-iter' };
});

const lrs = Array.from({ length: 100 }, (_, i) => 10 ** (-4 + (4 * i) / 99));
const starts = Array.from({ length: 100 }, (_, j) => -4 + (8 * j) / 99);
const values = starts.map((s) =>
  lrs.map((lr) => (lr > 1 ? null : s * s * Math.abs(1 - 2 * lr) ** 100 + 1e-12)),
);

const heatmapPlot = (): string =>
  heatmap({
    title: 'Final f',
    x: lrs,
    xScale: 'log',
    y: starts,
    values,
    colorScale: 'log',
    xLabel: 'lr',
    yLabel: 'x0',
  });
const contour = (): string =>
  contourPlot({
    title: '1,000 trajectories on Rosenbrock',
    f: rosenbrock,
    resolution: 200,
    xDomain: [-2, 2],
    yDomain: [-1, 3],
    levelScale: 'log',
    trajectories,
  });
const convergence = (): string => convergencePlot({ title: '1,000 runs', runs });

function render(): { html: string; sizes: Record<string, number> } {
  const plots = { heatmap: heatmapPlot(), contour: contour(), convergence: convergence() };
  const html = htmlReport({
    title: 'Benchmark report',
    sections: Object.entries(plots).map(([title, svg]) => ({ title, plots: [svg] })),
  });
  const sizes = Object.fromEntries(Object.entries(plots).map(([k, v]) => [k, v.length]));
  return { html, sizes };
}

const once = render();
const kB = (n: number): string => `${(n / 1024).toFixed(0)} kB`;
console.log(
  `report: ${kB(once.html.length)} (${Object.entries(once.sizes)
    .map(([k, v]) => `${k} ${kB(v)}`)
    .join(', ')}), limit 5,120 kB`,
);

describe('htmlReport', () => {
  bench(
    'report: 100×100 heatmap + 1,000 trajectories on a 200×200 contour + 1,000 curves',
    () => {
      render();
    },
    { iterations: 5, time: 1000 },
  );
  bench('heatmap 100×100', () => void heatmapPlot(), { iterations: 5, time: 500 });
  bench('contourPlot 200×200 + 1,000 trajectories × 100 points', () => void contour(), {
    iterations: 5,
    time: 500,
  });
  bench('convergencePlot 1,000 runs × 500 values', () => void convergence(), { iterations: 5, time: 500 });
});
