// The sweep section: generic plots from what was swept, and the importance of each swept parameter.
import { describe, expect, it } from 'vitest';
import { SweepAggregator } from '../src/aggregate/aggregator.ts';
import { Cell } from '../src/aggregate/cells.ts';
import { defineExperiment } from '../src/experiment/defineExperiment.ts';
import { logspace } from '../src/experiment/logspace.ts';
import { values } from '../src/experiment/values.ts';
import { parseOverrides } from '../src/plan/parseOverride.ts';
import { planSweep } from '../src/plan/planSweep.ts';
import { renderPlot } from '../src/report/plots.ts';
import type { RunRecord } from '../src/types.ts';
import { dataOf } from './_report.ts';

const def = defineExperiment({
  id: 's',
  title: 's',
  description: '',
  objective: 'sphere',
  optimizer: { x0: [1, 1], maxIter: 10 },
  grid: { lr: logspace(-3, 0, 4), method: values('gradient-descent', 'momentum') },
});

describe('sweep section', () => {
  it('slices every numeric swept axis (log axis when log-spaced) and maps pairs of axes', () => {
    const plan = planSweep(def);
    expect(plan.axes.map((a) => [a.key, a.values.length])).toEqual([
      ['lr', 4],
      ['method', 2],
    ]);
    expect(plan.sweepPlots.map((p) => p.title)).toEqual([
      'Sweep: final f against lr (median and quartiles over method)',
      'Sweep: steps against lr (median and quartiles over method)',
      'Sweep: every run across lr, method and its result (parallel coordinates)',
      'Sweep: outcome over lr × method',
      'Sweep: median final f over lr × method',
    ]);
    expect(plan.sweepPlots[0]).toMatchObject({ type: 'line', x: 'lr', y: 'fun', logX: true, logY: true });
    expect(plan.sweepPlots[2]).toMatchObject({ type: 'parallel' });
    // Any override gets its own section: here a linear axis and x0 points (left to the curated plots).
    const o = planSweep(def, parseOverrides(['lr=0.1,0.2,0.3', 'x0=[1,1],[2,2]', 'method=momentum']));
    expect(o.sweepPlots.map((p) => p.title)).toEqual([
      'Sweep: final f against lr (median and quartiles over x0)',
      'Sweep: steps against lr (median and quartiles over x0)',
      'Sweep: every run across lr, x0 and its result (parallel coordinates)',
    ]);
    expect(o.sweepPlots[0]).toMatchObject({ logX: false });
  });

  it('importance: the share of the variance of log10 |f| each parameter explains (one-way ANOVA)', () => {
    // f = 10^(2a + b) over a 2 × 2 grid: var of y = 2a + b splits 4 : 1 between a and b.
    const agg = new SweepAggregator(def, [], 4, { importance: ['a', 'b'] });
    let i = 0;
    for (const a of [0, 1])
      for (const b of [0, 1]) {
        const r: RunRecord = {
          id: String(i),
          params: { a, b },
          status: 'converged',
          fun: 10 ** (2 * a + b),
          time: 0,
        };
        agg.add(r, i++);
      }
    const imp = agg.finish().importance;
    expect(imp.map((m) => m.key)).toEqual(['a', 'b']);
    expect(imp[0]!.share).toBeCloseTo(0.8, 12);
    expect(imp[1]!.share).toBeCloseTo(0.2, 12);
    expect(imp.map((m) => m.levels)).toEqual([2, 2]);
  });
});

describe('Cell', () => {
  it('counts labels in first-seen order, past 16 distinct ones too, and its mode is the first of the most frequent', () => {
    const c = new Cell(false);
    for (const s of ['b', 'a', 'b', 'c']) c.label(s);
    expect(c.labelCounts()).toEqual([
      ['b', 2],
      ['a', 1],
      ['c', 1],
    ]);
    expect(c.mode()).toBe('b');
    for (let i = 0; i < 40; i++) c.label(`k${i % 20}`);
    expect(c.labelCounts()).toHaveLength(23);
    expect(c.labelCounts()[3]).toEqual(['k0', 2]);
    expect(c.mode()).toBe('b'); // b and k0 have 2 each: b came first
    c.label('k0');
    expect(c.mode()).toBe('k0');
    // A label seen later overtakes the first; ties go to the first seen, the first label included.
    const t = new Cell(false);
    expect([t.mode(), t.labelCounts()]).toEqual([undefined, []]);
    for (const s of ['x', 'y']) t.label(s);
    expect(t.mode()).toBe('x');
    t.label('y');
    expect([t.mode(), t.labelCounts()]).toEqual([
      'y',
      [
        ['x', 1],
        ['y', 2],
      ],
    ]);
    // Without quantiles a cell keeps no sample: its median is NaN, min and max are exact.
    for (const v of [3, 1, 2]) c.add(v);
    expect([c.reduce('min'), c.reduce('max'), c.reduce('mean')]).toEqual([1, 3, 2]);
    expect(c.quantile(0.5)).toBeNaN();
    const q = new Cell();
    for (const v of [3, 1, 2, 4]) q.add(v);
    expect(q.quantile(0.5)).toBe(2.5);
  });
});

describe('sweep section of a function experiment', () => {
  it('is parallel coordinates of the swept parameters and the numbers each run returned', () => {
    const fn = defineExperiment({
      id: 'fn',
      title: 'fn',
      description: '',
      grid: { h: values(1e-8, 1e-4, 1e-2), kind: values('a', 'b') },
      run: (p) => ({ error: p.h as number, label: 'x' }),
    });
    const plan = planSweep(fn);
    expect(plan.sweepPlots).toEqual([expect.objectContaining({ type: 'parallel' })]);
    const records: RunRecord[] = Array.from({ length: plan.count }, (_, i) => {
      const params = JSON.parse(plan.runAt(i).params);
      return {
        id: String(i),
        params,
        status: 'ok',
        time: 0,
        values: { error: params.h * (i + 1), label: 'x' },
      };
    });
    const spec = plan.sweepPlots[0]!;
    const out = renderPlot(spec, dataOf(spec, records, fn), { experiment: fn, swept: plan.swept });
    // Axes: h, kind and the numeric result error (the constant text label is left out); coloured by error.
    for (const axis of ['>h<', '>kind<', '>error<']) expect(out.svg).toContain(axis);
    expect(out.svg).not.toContain('>label<');
  });
});
