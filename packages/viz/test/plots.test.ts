import { describe, expect, it } from 'vitest';
import { convergencePlot, heatmap, quiverPlot, scatterPlot, smallMultiples } from '../src/index.ts';
import { expectSnapshot } from './_snapshot.ts';
import { findAll, hasClass, parseXml } from './_xml.ts';

/** The notebook's −∇f for f = x₀² + x₁² at np.arange(-2, 2.5, 0.25) (19 × 19 points, 2.25 included). */
function notebookField(): { x: number[]; y: number[]; u: number[]; v: number[] } {
  const a = Array.from({ length: 19 }, (_, i) => -2 + 0.25 * i);
  const x: number[] = [];
  const y: number[] = [];
  const u: number[] = [];
  const v: number[] = [];
  for (const y1 of a) {
    for (const x0 of a) {
      x.push(x0);
      y.push(y1);
      u.push(-2 * x0);
      v.push(-2 * y1);
    }
  }
  return { x, y, u, v };
}

describe('quiverPlot', () => {
  it('quiverPlot draws the notebook field −∇f on [−2, 2]² (arrows at 2.25 fall outside and are skipped)', () => {
    const svg = quiverPlot({
      title: '−∇f for f(x) = x₀² + x₁²',
      ...notebookField(),
      xDomain: [-2, 2],
      yDomain: [-2, 2],
      xLabel: 'x0',
      yLabel: 'x1',
      width: 480,
      height: 460,
    });
    expectSnapshot('quiver-notebook', svg);
    const root = parseXml(svg);
    const arrows = findAll(root, (e) => hasClass(e, 'arrows'))[0]!;
    // 17 × 17 bases inside [−2, 2]²; the one at the origin has zero length and is a dot.
    expect(arrows.children.filter((e) => e.name === 'path' && !hasClass(e, 'zero'))).toHaveLength(
      17 * 17 - 1,
    );
  });
});

describe('convergencePlot', () => {
  it('convergencePlot draws f_k = 25 (1 − 2 lr)^(2k) for the notebook learning rates on a log axis', () => {
    const run = (lr: number): number[] => Array.from({ length: 20 }, (_, k) => 25 * (1 - 2 * lr) ** (2 * k));
    const svg = convergencePlot({
      title: 'f(x_k), gradient descent from (−3, 4)',
      runs: [
        { name: 'lr = 0.1', values: run(0.1), status: 'converged' },
        { name: 'lr = 0.01', values: run(0.01), status: 'max-iter' },
        { name: 'lr = 1.0', values: run(1.0), status: 'max-iter' },
        { name: 'lr = 0.5 (exact in one step)', values: run(0.5), status: 'converged' },
      ],
      hLines: [{ value: 1e-6, label: 'tol' }],
    });
    expectSnapshot('convergence-notebook', svg);
    expect(svg).not.toContain('NaN');
  });
});

describe('heatmap', () => {
  it('heatmap shows outcomes over lr × start with the stability bound lr = 2/λmax = 1', () => {
    const lrs = Array.from({ length: 10 }, (_, i) => 10 ** (-3 + (3 * i) / 9));
    const starts = ['(−3, 4)', '(1, 1)', '(0.5, −2)', '(4, 4)'];
    const categories = starts.map((_, j) =>
      lrs.map((lr) => (lr >= 1 ? (j === 1 ? 'diverged' : 'max-iter') : lr < 0.01 ? 'max-iter' : 'converged')),
    );
    const svg = heatmap({
      title: 'Outcome by learning rate and start',
      x: lrs,
      xScale: 'log',
      y: starts,
      xLabel: 'lr',
      yLabel: 'start',
      categories,
      overlays: [{ x: [1, 1], y: [-0.5, 3.5], label: 'lr = 2/λmax' }],
    });
    expectSnapshot('heatmap-outcomes', svg);
  });

  it('heatmap of values has a colour bar and marks missing cells', () => {
    const x = [-2, -1, 0, 1, 2];
    const y = [0.01, 0.1, 1];
    const values = y.map((lr) => x.map((x0) => (lr === 1 && x0 === 0 ? null : (x0 * x0 + 1) * (1 - lr))));
    const svg = heatmap({
      title: 'Final f',
      x,
      y,
      yScale: 'log',
      values,
      colorLabel: 'f',
      xLabel: 'x₀',
      yLabel: 'lr',
    });
    expectSnapshot('heatmap-values', svg);
    const root = parseXml(svg);
    expect(findAll(root, (e) => hasClass(e, 'missing'))[0]!.children).toHaveLength(1);
  });
});

describe('scatterPlot and smallMultiples', () => {
  it('scatterPlot colours outcome-named series with the outcome palette', () => {
    const svg = scatterPlot({
      title: 'Iterations against learning rate',
      xScale: 'log',
      xLabel: 'lr',
      yLabel: 'iterations',
      series: [
        { name: 'converged', x: [0.05, 0.1, 0.2, 0.3], y: [120, 52, 25, 14] },
        { name: 'max-iter', x: [0.001, 0.01], y: [1000, 1000] },
        { name: 'diverged', x: [1.5], y: [7] },
      ],
    });
    expectSnapshot('scatter-outcomes', svg);
    expect(svg).toContain('fill="#009E73"');
    expect(svg).toContain('fill="#D55E00"');
  });

  it('smallMultiples lays plots in a grid of nested SVGs', () => {
    const run = (lr: number): number[] => Array.from({ length: 20 }, (_, k) => 25 * (1 - 2 * lr) ** (2 * k));
    const plots = [0.1, 0.01, 0.3].map((lr) =>
      convergencePlot({ title: `lr = ${lr}`, runs: [{ values: run(lr) }], width: 300, height: 220 }),
    );
    const svg = smallMultiples(plots, { columns: 2, title: 'Three learning rates' });
    expectSnapshot('small-multiples', svg);
    const root = parseXml(svg);
    expect(root.attrs.viewBox).toBe('0 0 608 478');
    const nested = root.children.filter((e) => e.name === 'svg');
    expect(nested.map((e) => [e.attrs.x, e.attrs.y])).toEqual([
      ['0', '30'],
      ['308', '30'],
      ['0', '258'],
    ]);
  });
});
