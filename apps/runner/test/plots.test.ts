import { describe, expect, it } from 'vitest';
import { brief } from '../src/aggregate/accessor.ts';
import { defineExperiment } from '../src/experiment/defineExperiment.ts';
import { values } from '../src/experiment/values.ts';
import { parseOverrides } from '../src/plan/parseOverride.ts';
import { planSweep, type SweepPlan } from '../src/plan/planSweep.ts';
import { dataOf, pageOf } from './_report.ts';

const runsOf = (plan: SweepPlan) => Array.from({ length: plan.count }, (_, i) => plan.runAt(i));

import { type PlotContext, renderPlot, table } from '../src/report/plots.ts';
import type { Params, PlotSpec, RunRecord } from '../src/types.ts';

const fnDef = defineExperiment({
  id: 'fn',
  title: 'f',
  description: '',
  grid: { h: values(1e-8, 1e-6, 1e-4, 1e-2) },
  run: (p) => ({ error: p.h as number }),
});
const fnCtx: PlotContext = { experiment: fnDef, swept: ['h'] };

/** Records of a function experiment from rows of parameters. */
const rows = (data: readonly Params[]): RunRecord[] =>
  data.map((params, i) => ({ id: String(i), params, status: 'ok', time: 0 }));

const svgOf = (spec: PlotSpec, records: readonly RunRecord[], ctx = fnCtx): string => {
  const out = renderPlot(spec, dataOf(spec, records, ctx.experiment), ctx);
  if (out.svg === undefined) throw new Error(out.note ?? 'no svg');
  return out.svg;
};

/** Texts of the legend of an SVG, in order. */
const legend = (svg: string): string[] => {
  const g = /<g class="legend"[^>]*>(.*?)<\/g><\/svg>|<g class="legend"[^>]*>(.*)$/s.exec(svg);
  if (!g) return [];
  return [...(g[1] ?? g[2] ?? '').matchAll(/dy="0\.35em">([^<]*)<\/text>/g)].map((m) => m[1]!);
};

const H = [1e-8, 1e-6, 1e-4, 1e-2];
const data = H.map((h) => ({ h, error: 1e-16 / h + h * h }));
const model: PlotSpec = {
  type: 'scatter',
  x: 'h',
  y: 'error',
  logX: true,
  logY: true,
  overlays: [
    { type: 'curve', points: H.map((h) => [h, 1e-16 / h + h * h] as [number, number]), label: 'model' },
  ],
};

describe('plots over options no run has', () => {
  it('method=bfgs on an lr grid: lr is not swept, and a plot over it says why it is not drawn', () => {
    const def = defineExperiment({
      id: 'u',
      title: 'u',
      description: '',
      objective: 'sphere',
      optimizer: { method: 'gradient-descent', maxIter: 5 },
      grid: { lr: values(0.01, 0.1), x0: values([1, 1], [2, 2], [3, 3]) },
      plots: [
        { type: 'heatmap', x: 'lr', y: 'x0[0]', value: 'fun' },
        { type: 'table', where: { lr: 0.01 } },
        { type: 'table', sort: 'fun' },
        // A table that lists lr among its columns is drawn (the column is blank).
        { type: 'table', title: 'Every run with its lr', columns: ['lr', 'fun'] },
      ],
    });
    const plan = planSweep(def, parseOverrides(['method=bfgs']));
    expect([plan.swept, plan.unused, plan.count]).toEqual([['x0'], ['lr'], 3]);
    const records: RunRecord[] = [0, 1, 2].map((i) => ({
      id: String(i),
      params: JSON.parse(plan.runAt(i).params) as Params,
      status: 'converged',
      time: 1,
      fun: 0,
      x: [0, 0],
    }));
    const page = pageOf(def, records, ['method=bfgs']);
    const note = 'Not drawn for this sweep: its runs have no lr (no method of this sweep uses it).';
    expect(page.split(note).length - 1).toBe(2);
    expect(page).toContain('Every run with its lr');
    expect(page).not.toContain('could not be drawn');
    expect(page).toContain('Swept: x0');
    // Without the override, lr is swept and every plot is drawn.
    expect(planSweep(def).unused).toEqual([]);
  });
});

describe('renderPlot: line and scatter', () => {
  it('a scatter plot draws its curve overlays (dashed, in the legend), as a line plot does', () => {
    for (const type of ['scatter', 'line'] as const) {
      const svg = svgOf({ ...model, type }, rows(data));
      expect(legend(svg)).toEqual(type === 'scatter' ? ['error (4)', 'model'] : ['error', 'model']);
      expect(svg).toContain('stroke-dasharray="6 4"');
    }
  });

  it("an experiment's labels name its fields on axes, legends and heatmap colour bars", () => {
    const labelled = defineExperiment({
      id: 'fn',
      title: 'f',
      description: '',
      labels: { h: 'step h', 'values.error': 'total error', kind: 'difference' },
      grid: { h: values(1e-8, 1e-6), kind: values('forward', 'central') },
      run: (p) => ({ error: p.h as number }),
    });
    const ctx: PlotContext = { experiment: labelled, swept: ['h', 'kind'] };
    const two = ['forward', 'central'].flatMap((kind) => data.map((d) => ({ ...d, kind })));
    const svg = svgOf(
      { type: 'line', x: 'h', y: 'values.error', series: 'kind', logX: true },
      rows(two),
      ctx,
    );
    expect(svg).toContain('>step h<');
    expect(svg).toContain('>total error<');
    expect(legend(svg)).toEqual(['difference = forward', 'difference = central']);
    const heat = svgOf({ type: 'heatmap', x: 'h', y: 'kind', value: 'values.error' }, rows(two), ctx);
    expect(heat).toContain('>difference<');
    expect(heat).toContain('total error');
    // Without labels, the raw names.
    const raw = svgOf({ type: 'line', x: 'h', y: 'error', logX: true }, rows(data));
    expect(raw).toContain('>h<');
  });

  it('a plot whose filter values are only partly in the sweep is drawn with a note naming the missing ones', () => {
    const spec: PlotSpec = { type: 'line', x: 'h', y: 'error', where: { h: { in: [1e-8, 1e-6, 0.5] } } };
    const ctx: PlotContext = { ...fnCtx, valuesOf: (k) => (k === 'h' ? H : []) };
    const out = renderPlot(spec, dataOf(spec, rows(data), fnDef), ctx);
    expect(out.svg).toBeDefined();
    expect(out.note).toBe(
      'Drawn for h ∈ {1e-8, 0.000001} only: the plot is meant for h ∈ {1e-8, 0.000001, 0.5}, and this sweep has no run ' +
        "at 0.5 (add h=0.5 to the sweep's values to see them).",
    );
    // All there: no note.
    const whole: PlotSpec = { ...spec, where: { h: { in: [1e-8, 1e-6] } } };
    expect(renderPlot(whole, dataOf(whole, rows(data), fnDef), ctx).note).toBeUndefined();
  });

  it('parallel coordinates: one line per run across the swept axes, final f and steps; a sample past maxRuns', () => {
    const def2 = defineExperiment({
      id: 'pc',
      title: 'pc',
      description: '',
      labels: { lr: 'learning rate' },
      objective: 'sphere',
      grid: { lr: values(0.01, 0.1, 1), x0: values([1, 2], [3, 4], [5, 6]) },
    });
    const plan = planSweep(def2);
    const statuses = ['converged', 'max-iter', 'diverged'] as const;
    const recs: RunRecord[] = runsOf(plan).map((r, i) => ({
      id: r.id,
      params: JSON.parse(r.params),
      status: statuses[i % 3]!,
      time: 0,
      fun: 10 ** -i,
      nit: i,
    }));
    const ctx: PlotContext = { experiment: def2, swept: ['lr', 'x0'] };
    const spec: PlotSpec = { type: 'parallel' };
    const out = renderPlot(spec, dataOf(spec, recs, def2), ctx);
    expect(out.note).toBeUndefined();
    // Axes: learning rate, x0[0], x0[1], final f (fun) and steps (nit), named as people say them.
    for (const axis of ['learning rate', 'x0[0]', 'x0[1]', 'final f', 'steps'])
      expect(out.svg).toContain(`>${axis}<`);
    const small: PlotSpec = { type: 'parallel', maxRuns: 4 };
    const sampled = renderPlot(small, dataOf(small, recs, def2), ctx);
    expect(sampled.note).toBe('4 of 9 runs, drawn as a uniform random sample.');
  });

  it('a line says how many runs it leaves out for having no number on x (momentum of a method without it)', () => {
    const spec: PlotSpec = { type: 'line', x: 'h', y: 'error' };
    const some = rows([...data, { h: null, error: 1 }, { error: 2 }]);
    expect(renderPlot(spec, dataOf(spec, some, fnDef), fnCtx).note).toBe(
      '2 of 6 runs have no number for h and are left out.',
    );
    expect(renderPlot(spec, dataOf(spec, rows(data), fnDef), fnCtx).note).toBeUndefined();
  });

  it('several runs at one x: the median, and the quartiles as one dashed line in its colour', () => {
    const spec: PlotSpec = { type: 'line', x: 'h', y: 'error', logX: true, logY: true };
    const seeds = rows(H.flatMap((h) => [1, 2, 3, 4, 5].map((k) => ({ h, error: k * h }))));
    const out = renderPlot(spec, dataOf(spec, seeds, fnDef), fnCtx);
    expect(legend(out.svg!)).toEqual(['median', 'quartiles']);
    expect(out.note).toBe(
      'Several runs share each h: the line is their median, the dashed lines their quartiles.',
    );
    // The median of 1..5 × h is 3h; the quartiles 2h and 4h.
    expect(out.svg).toContain('median: (0.01, 0.03)');
    const colors = [...out.svg!.matchAll(/<g class="series"[^>]*>.*?stroke="([^"]+)"/g)].map((m) => m[1]);
    expect(colors).toHaveLength(2);
    expect(new Set(colors).size).toBe(1);
  });

  it('a single line without series has no legend (no "series 1")', () => {
    const svg = svgOf({ type: 'line', x: 'h', y: 'error', logX: true, logY: true }, rows(data));
    expect(svg).not.toContain('series 1');
    expect(legend(svg)).toEqual([]);
  });

  it('xDomain and yDomain set the axes', () => {
    const svg = svgOf({ type: 'line', x: 'h', y: 'error', xDomain: [-1, 3], yDomain: [0, 10] }, rows(data));
    const ticks = [...svg.matchAll(/<text x="[^"]*" y="[^"]*"(?: dy="0.32em")?>([^<]*)<\/text>/g)].map(
      (m) => m[1],
    );
    expect(ticks).toEqual(expect.arrayContaining(['−1.0', '3.0', '0', '10']));
  });

  it('a region overlay fades its outside', () => {
    const svg = svgOf(
      {
        type: 'scatter',
        x: 'h',
        y: 'error',
        overlays: [
          {
            type: 'region',
            points: [
              [0, 0],
              [0.01, 0],
              [0.01, 1],
            ],
            label: 'ok',
          },
        ],
      },
      rows(data),
    );
    expect(svg).toContain('<g class="overlay"><title>ok</title>');
    expect(svg).toContain('fill-rule="evenodd"');
  });
});

describe('renderPlot: contour and quiver', () => {
  const def = defineExperiment({
    id: 'c',
    title: 'c',
    description: '',
    objective: 'sphere',
    optimizer: { x0: [2, -1], maxIter: 2 },
    grid: { lr: values(0.1, 0.2) },
  });
  const plan = planSweep(def);
  const ctx: PlotContext = { experiment: def, swept: plan.swept };
  const recs: RunRecord[] = runsOf(plan).map((r) => ({
    id: r.id,
    params: JSON.parse(r.params) as Params,
    status: 'converged',
    time: 0,
    trajectory: {
      iter: [0, 1],
      x: [
        [2, -1],
        [1, 0],
      ],
      f: [5, 1],
      gradNorm: [4.5, 2],
    },
  }));

  it('a contour plot draws vline, hline, curve and region overlays', () => {
    const svg = svgOf(
      {
        type: 'contour',
        domain: [
          [-2.5, 2.5],
          [-2.5, 2.5],
        ],
        overlays: [
          { type: 'vline', x: 0.3, label: 'x = 0.3' },
          { type: 'hline', y: -1 },
          {
            type: 'curve',
            points: [
              [-1.5, 2.5],
              [2.5, -1.5],
            ],
            label: 'x + y = 1',
          },
          {
            type: 'region',
            points: [
              [-1.5, 2.5],
              [2.5, -1.5],
              [2.5, 2.5],
            ],
            label: 'feasible',
          },
        ],
      },
      recs,
      ctx,
    );
    expect(svg.match(/<g class="overlay">/g)).toHaveLength(2);
    expect(svg).toContain('<title>x + y = 1</title>');
    expect(svg).toContain('<title>x = 0.3</title>');
    expect(svg).toContain('<title>y = −1</title>');
    expect(svg).toContain('fill-rule="evenodd"');
  });

  it('a quiver plot takes the notebook’s xlim and ylim', () => {
    // np.arange(−2, 2.5, 0.25): 18 values, the last (2.25) outside xlim [−2, 2].
    const axis = Array.from({ length: 18 }, (_, i) => -2 + 0.25 * i);
    const pts = axis.flatMap((a) => axis.map((b) => ({ x0: a, x1: b, u: -2 * a, v: -2 * b })));
    const spec: PlotSpec = { type: 'quiver', x: 'x0', y: 'x1', u: 'u', v: 'v' };
    const arrows = (svg: string): number => (svg.match(/<path d="M[^"]*Z"/g) ?? []).length;
    const free = svgOf(spec, rows(pts));
    const limited = svgOf(
      {
        ...spec,
        domain: [
          [-2, 2],
          [-2, 2],
        ],
      },
      rows(pts),
    );
    // The origin is a dot, not an arrow: 18² − 1 arrows free, 17² − 1 within [−2, 2]².
    expect(arrows(free)).toBe(18 * 18 - 1);
    expect(arrows(limited)).toBe(17 * 17 - 1);
  });
});

describe('renderPlot: convergence', () => {
  const def = defineExperiment({
    id: 'm',
    title: 'm',
    description: '',
    objective: 'sphere',
    optimizer: { x0: [2, -1], maxIter: 100 },
    cases: (['gradient-descent', 'momentum', 'adam'] as const).map((method) => ({ method })),
    grid: { lr: values(0.001, 0.01, 0.1, 0.2) },
  });
  const plan = planSweep(def);
  const ctx: PlotContext = { experiment: def, swept: plan.swept };
  const recs: RunRecord[] = runsOf(plan).map((r, i) => ({
    id: r.id,
    params: JSON.parse(r.params) as Params,
    status: i % 2 ? 'converged' : 'max-iter',
    time: 0,
    // A thinned record: iterations 0, 1, 2, 5, 100.
    trajectory: {
      iter: [0, 1, 2, 5, 100],
      x: [
        [2, -1],
        [1, 0],
        [0.5, 0],
        [0.1, 0],
        [0, 0],
      ],
      f: [5, 1, 0.25, 0.01, 1e-6 * (i + 1)],
      gradNorm: [4.5, 2, 1, 0.2, 1e-3],
    },
  }));

  it('colorBy: "method" gives one colour and one legend entry per method, however many runs', () => {
    expect(recs).toHaveLength(12);
    const svg = svgOf({ type: 'convergence', colorBy: 'method', label: ['method', 'lr'] }, recs, ctx);
    expect(legend(svg)).toEqual(['gradient-descent (4)', 'momentum (4)', 'adam (4)']);
    const strokes = [...svg.matchAll(/<path d="[^"]*" stroke="([^"]+)"[^>]*><title>/g)].map((m) => m[1]);
    expect(new Set(strokes).size).toBe(3);
    // Thinned records are drawn at their iterations.
    expect(svg).toContain('method = adam, lr = 0.2 (converged): 5 values to iteration 100');
  });

  it('runs the given label leaves alike (an override swept another parameter) are told apart by it', () => {
    const byLr = legend(svgOf({ type: 'convergence', colorBy: 'run', label: ['lr'] }, recs, ctx));
    expect(byLr).toContain('lr = 0.01, method = momentum');
    expect(new Set(byLr).size).toBe(byLr.length);
    const one = recs.filter((r) => (r.params.optimizer as Params).method === 'adam');
    expect(legend(svgOf({ type: 'convergence', colorBy: 'run', label: ['lr'] }, one, ctx))).toContain(
      'lr = 0.01',
    );
  });

  it('by default, more than 8 runs are coloured by outcome; colorBy: "run" lists each run', () => {
    expect(legend(svgOf({ type: 'convergence' }, recs, ctx))).toEqual(['converged (6)', 'max-iter (6)']);
    const byRun = svgOf({ type: 'convergence', colorBy: 'run' }, recs, ctx);
    expect(legend(byRun)).toContain('method = gradient-descent, lr = 0.01');
  });
});

describe("renderPlot: heatmaps through viz's cell mark", () => {
  const def = defineExperiment({
    id: 'hm',
    title: 'hm',
    description: '',
    labels: { method: 'optimizer' },
    grid: { lr: values(0.01, 0.1, 1), method: values('gd', 'adam'), kappa: values(1, null) },
    run: () => ({}),
  });
  const ctx: PlotContext = { experiment: def, swept: ['lr', 'method', 'kappa'] };
  const recs = rows(
    ['gd', 'adam'].flatMap((method) =>
      [0.01, 0.1, 1].flatMap((lr) =>
        [1, null].map((kappa) => ({ lr, method, kappa, loss: lr * (kappa ?? 2) })),
      ),
    ),
  ).filter((r) => !(r.params.method === 'adam' && r.params.lr === 1));

  it('facets share the axes of all the runs: a value one facet lacks is a "not run" column there', () => {
    const svg = svgOf({ type: 'heatmap', x: 'lr', y: 'kappa', value: 'loss', facet: 'method' }, recs, ctx);
    const panels = svg.split('class="numcomp-viz heatmap"').slice(1);
    expect(panels).toHaveLength(2);
    expect(svg).toContain('>optimizer = gd<');
    expect(svg).toContain('>optimizer = adam<');
    for (const p of panels) for (const t of ['>0.01<', '>0.1<', '>1<']) expect(p).toContain(t);
    expect(panels[1]).toContain('not run');
    expect(panels[0]).not.toContain('not run');
  });

  it('a few numbers are bands in ascending order, whatever order the runs came in', () => {
    const shuffled = rows([3, 1, 2].flatMap((k) => [0.25, 0.5].map((lr) => ({ lr, k, loss: lr * k }))));
    const svg = svgOf({ type: 'heatmap', x: 'lr', y: 'k', value: 'loss' }, shuffled, ctx);
    // The y of each band's tick label: 1 at the bottom, 3 at the top.
    const at = (t: string): number =>
      Number(new RegExp(`<text x="[^"]*" y="([^"]*)" dy="0.32em">${t}</text>`).exec(svg)![1]);
    expect(at('1')).toBeGreaterThan(at('2'));
    expect(at('2')).toBeGreaterThan(at('3'));
  });

  it('a map of 100 × 100 cells is one image under vector axes', () => {
    const grid = rows(
      Array.from({ length: 100 * 100 }, (_, k) => ({ a: k % 100, b: Math.floor(k / 100), loss: k })),
    );
    const big = svgOf({ type: 'heatmap', x: 'a', y: 'b', value: 'loss' }, grid, ctx);
    expect(big).toContain('class="raster"');
    expect(big.length).toBeLessThan(100_000);
    const small = svgOf({ type: 'heatmap', x: 'lr', y: 'kappa', value: 'loss' }, recs, ctx);
    expect(small).not.toContain('class="raster"');
  });

  it('an axis of a few numbers that an overlay lies on stays continuous, so that lr = 0.5 falls at 0.5', () => {
    const few = rows([0.2, 0.4, 0.6].flatMap((lr) => [1, 2].map((k) => ({ lr, k, loss: 7 }))));
    const spec: PlotSpec = { type: 'heatmap', x: 'lr', y: 'k', value: 'loss' };
    const tick = (svg: string, t: string): boolean =>
      new RegExp(`<text x="[^"]*" y="[^"]*">${t}</text>`).test(svg);
    // Bands: one label per value; continuous: ticks between them too.
    expect(tick(svgOf(spec, few, ctx), '0.5')).toBe(false);
    const lined = svgOf({ ...spec, overlays: [{ type: 'vline', x: 0.5, label: 'lr = 0.5' }] }, few, ctx);
    expect(tick(lined, '0.5')).toBe(true);
    expect(lined).toContain('<title>lr = 0.5</title>');
  });

  it('a parameter some runs lack (kappa = null) is a band labelled none', () => {
    const svg = svgOf({ type: 'heatmap', x: 'lr', y: 'kappa', value: 'loss' }, recs, ctx);
    expect(svg).toContain('>none<');
  });
});

describe('table digits', () => {
  const recs = rows([{ h: 0.1, value: 0.1999999999990898, x: [0.7864151541684278, -0.25], n: 50000 }]);

  it('digits: "full" keeps numbers exact and prints points in full; per column too', () => {
    const t = table(
      { type: 'table', columns: ['value', 'x', 'n'], digits: 'full' },
      recs,
      recs.length,
      fnCtx,
    );
    expect(t.columns).toEqual([
      { label: 'value', digits: 'full' },
      { label: 'x', digits: 'full' },
      { label: 'n', digits: 'full' },
    ]);
    expect(t.rows[0]).toEqual([0.1999999999990898, '(0.7864151541684278, -0.25)', 50000]);
    const c = table(
      { type: 'table', columns: [{ value: 'value', label: 'f′(5)', digits: 12 }, 'x'] },
      recs,
      recs.length,
      fnCtx,
    );
    expect(c.columns).toEqual([{ label: 'f′(5)', digits: 12 }, 'x']);
    expect(c.rows[0]).toEqual([0.1999999999990898, '(0.7864, -0.25)']);
  });

  it("headers name fields with the experiment's labels; a table cut to its limit says how many runs there were", () => {
    const labelled = defineExperiment({ ...fnDef, labels: { h: 'step h', error: 'total error' } });
    const ctx: PlotContext = { experiment: labelled, swept: ['h'] };
    const many = rows(H.map((h) => ({ h, error: 1e-16 / h + h * h })));
    const t = table(
      { type: 'table', columns: ['h', 'error'], sort: 'error', order: 'desc', limit: 2 },
      many.slice(0, 2),
      4,
      ctx,
    );
    expect(t.columns).toEqual(['step h', 'total error']);
    expect(t.rows).toEqual([
      [1e-8, 1e-16 / 1e-8 + 1e-16],
      [1e-6, 1e-16 / 1e-6 + 1e-12],
    ]);
    expect(t.totalRows).toBe(4);
  });

  it('brief rounds to the digits asked, and keeps 1000.2 as 1000', () => {
    expect(brief(1000.2)).toBe('1000');
    expect(brief(0.1999999999990898, 12)).toBe('0.199999999999');
    expect(brief([1 / 3, 2], 'full')).toBe('(0.3333333333333333, 2)');
  });

  it('the schema accepts the new options and rejects a bad digits value with its path', () => {
    const base = { id: 'd', title: 'd', description: '', grid: { h: values(1, 2) }, run: () => ({}) };
    expect(() =>
      planSweep(
        defineExperiment({
          ...base,
          plots: [
            { type: 'table', digits: 'full', columns: [{ value: 'h', label: 'step', digits: 3 }] },
            { type: 'convergence', colorBy: 'method' },
            {
              type: 'quiver',
              x: 'a',
              y: 'b',
              u: 'c',
              v: 'd',
              domain: [
                [-2, 2],
                [-2, 2],
              ],
            },
            { type: 'line', x: 'h', y: 'v', xDomain: [0, 1], yDomain: [0, 2] },
          ],
        }),
      ),
    ).not.toThrow();
    expect(() => planSweep(defineExperiment({ ...base, plots: [{ type: 'table', digits: 0 }] }))).toThrow(
      /invalid plots\[0\]\.digits: 0/,
    );
  });
});

describe('report sections', () => {
  it('a hook table column { label, digits: "full" } shows every digit in the report', async () => {
    const def = defineExperiment({
      ...fnDef,
      report: () => [
        {
          title: 'Notebook values',
          table: {
            columns: ['what', { label: 'full', digits: 'full' }, 'rounded'],
            rows: [['slope', 0.1999999999990898, 0.1999999999990898]],
          },
        },
      ],
    });
    const html = pageOf(def, rows(data));
    expect(html).toContain('>0.1999999999990898<');
    expect(html).toContain('>0.2<');
  });
});
