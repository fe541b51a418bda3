import { describe, expect, it } from 'vitest';
import { heatmap, linePlot, plot } from '../src/index.ts';
import { findAll, hasClass, parseXml } from './_xml.ts';

// Aggregated rows, as the runner would feed them: one per (method, lr, seed).
const rows = ['gd', 'momentum'].flatMap((method, m) =>
  [0.001, 0.01, 0.1].flatMap((lr) =>
    [1, 2, 3].map((seed) => ({
      method,
      lr,
      seed,
      fun: (m + 1) * lr * seed,
      status: lr > 0.05 ? 'diverged' : 'converged',
    })),
  ),
);

describe('plot(spec)', () => {
  it("plot({ mark: 'line', stroke, reduce }) draws what linePlot draws from the same series", () => {
    const svg = plot({
      mark: 'line',
      data: rows,
      x: 'lr',
      y: 'fun',
      stroke: 'method',
      xScale: 'log',
      labels: { fun: 'final f', method: 'method' },
    });
    const direct = linePlot({
      xLabel: 'lr',
      yLabel: 'final f',
      xScale: 'log',
      series: ['gd', 'momentum'].map((m) => {
        const rs = rows.filter((r) => r.method === m);
        return { name: `method = ${m}`, x: rs.map((r) => r.lr), y: rs.map((r) => r.fun) };
      }),
    });
    expect(svg).toBe(direct);
    expect(findAll(parseXml(svg), (e) => hasClass(e, 'band'))).toHaveLength(2);
  });

  it("plot({ mark: 'dot', fill }) gives one group per value, named with its field label", () => {
    const svg = plot({
      mark: 'dot',
      data: rows,
      x: 'lr',
      y: 'fun',
      fill: 'status',
      labels: { status: 'outcome' },
    });
    const legend = findAll(parseXml(svg), (e) => hasClass(e, 'legend'))[0]!;
    expect(findAll(legend, (e) => e.name === 'text').map((t) => t.text)).toEqual([
      'outcome = converged (12)',
      'outcome = diverged (6)',
    ]);
  });

  it("plot({ mark: 'cell' }) lays distinct x and y out as a heatmap of the fill field", () => {
    const one = rows.filter((r) => r.method === 'gd');
    const svg = plot({ mark: 'cell', data: one, x: 'lr', y: 'seed', fill: 'status', xScale: 'log' });
    expect(svg).toBe(
      heatmap({
        xLabel: 'lr',
        yLabel: 'seed',
        xScale: 'log',
        x: [0.001, 0.01, 0.1],
        y: [1, 2, 3],
        categories: [1, 2, 3].map(() => ['converged', 'converged', 'diverged']),
      }),
    );
    expect(() => plot({ mark: 'bar' as 'line', data: one, x: 'lr', y: 'fun' })).toThrow(
      'invalid mark: "bar"',
    );
    expect(() => plot({ mark: 'cell', data: one, x: 'lr', y: 'seed' })).toThrow('invalid fill');
  });
});
