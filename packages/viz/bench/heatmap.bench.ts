// pnpm bench: a report page with two 1000 × 1000 heatmaps (outcomes, and final f with statuses), drawn
// as embedded PNGs; prints the size of the page (limit 5 MB).
import { bench, describe } from 'vitest';
import { heatmap, htmlReport } from '../src/index.ts';

const n = 1000;
const lrs = Array.from({ length: n }, (_, i) => 10 ** (-4 + (4 * i) / (n - 1)));
const x0 = Array.from({ length: n }, (_, j) => -4 + (8 * j) / (n - 1));
// x ← (1 − 2 lr) x on x²: diverges for lr > 1, too slow (max-iter) when |1 − 2 lr|^100 |x₀| > 1e−6.
const outcome = (lr: number, x: number): string =>
  lr > 1 ? 'diverged' : Math.abs(1 - 2 * lr) ** 100 * Math.abs(x) > 1e-6 ? 'max-iter' : 'converged';
const categories = x0.map((x) => lrs.map((lr) => outcome(lr, x)));
const status = categories;
const values = x0.map((x) => lrs.map((lr) => (lr > 1 ? null : x * x * (1 - 2 * lr) ** 200 + 1e-300)));

const outcomes = (): string =>
  heatmap({
    title: 'Outcome, 1000 × 1000',
    x: lrs,
    xScale: 'log',
    y: x0,
    categories,
    xLabel: 'lr',
    yLabel: 'x₀',
  });
const finalF = (): string =>
  heatmap({
    title: 'Final f, 1000 × 1000',
    x: lrs,
    xScale: 'log',
    y: x0,
    values,
    status,
    colorScale: 'log',
    xLabel: 'lr',
    yLabel: 'x₀',
  });
const page = (): string =>
  htmlReport({ title: '1000 × 1000', sections: [{ title: 'Heatmaps', plots: [outcomes(), finalF()] }] });

const html = page();
console.log(
  `1000×1000 page: ${(html.length / 1024).toFixed(0)} kB (outcomes ${(outcomes().length / 1024).toFixed(0)} kB, final f ${(finalF().length / 1024).toFixed(0)} kB), limit 5,120 kB`,
);

describe('heatmap 1000 × 1000', () => {
  bench('outcome map (categories, raster)', () => void outcomes(), { iterations: 5, time: 500 });
  bench('final f with statuses (values, raster)', () => void finalF(), { iterations: 5, time: 500 });
  bench('report page with both', () => void page(), { iterations: 3, time: 500 });
});
