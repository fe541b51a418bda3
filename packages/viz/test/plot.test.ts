import { describe, expect, it } from 'vitest';
import {
  contourPlot,
  convergencePlot,
  heatmap,
  linePlot,
  outcomeColors,
  type PlotSpec,
  parallelCoordinates,
  plot,
  quiverPlot,
  smallMultiples,
} from '../src/index.ts';
import { findAll, hasClass, parseXml, type XmlElement } from './_xml.ts';

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

const texts = (el: XmlElement): string[] => findAll(el, (e) => e.name === 'text').map((t) => t.text);
const legendTexts = (svg: string): string[] =>
  texts(
    findAll(parseXml(svg), (e) => hasClass(e, 'legend'))[0] ?? {
      name: 'g',
      attrs: {},
      children: [],
      text: '',
    },
  );

describe('plot(spec)', () => {
  it("plot({ mark: 'line', stroke, reduce }) draws what linePlot draws from the same series, y on a log scale for 3 decades", () => {
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
      yScale: 'log',
      series: ['gd', 'momentum'].map((m) => {
        const rs = rows.filter((r) => r.method === m);
        return { name: `method = ${m}`, x: rs.map((r) => r.lr), y: rs.map((r) => r.fun) };
      }),
    });
    expect(svg).toBe(direct);
    expect(findAll(parseXml(svg), (e) => hasClass(e, 'band'))).toHaveLength(2);
  });

  it("plot({ mark: 'line', marker, lines }) draws dots on the data's lines and extra lines after them, as linePlot does", () => {
    // Rows reduced beforehand (one y per x): the median, with the quartiles as dashed lines.
    const reduced = [0.001, 0.01, 0.1].map((lr) => ({ lr, fun: lr * 2, series: 'method = gd' }));
    const quartiles = [
      { name: 'lower quartile', x: [0.001, 0.01, 0.1], y: [0.001, 0.01, 0.1], dashed: true },
      { name: 'upper quartile', x: [0.001, 0.01, 0.1], y: [0.003, 0.03, 0.3], dashed: true },
    ];
    const svg = plot({
      mark: 'line',
      data: reduced,
      x: 'lr',
      y: 'fun',
      stroke: 'series',
      marker: true,
      lines: quartiles,
      xScale: 'log',
      yScale: 'log',
      labels: { series: '' },
    });
    expect(svg).toBe(
      linePlot({
        xLabel: 'lr',
        yLabel: 'fun',
        xScale: 'log',
        yScale: 'log',
        series: [
          { name: 'method = gd', x: [0.001, 0.01, 0.1], y: [0.002, 0.02, 0.2], marker: true },
          ...quartiles,
        ],
      }),
    );
    expect(legendTexts(svg)).toEqual(['method = gd', 'lower quartile', 'upper quartile']);
  });

  it("a field labelled '' names its groups by its value alone (a name written by the caller)", () => {
    const named = rows.map((r) => ({ ...r, series: `final f: method = ${r.method}` }));
    const svg = plot({ mark: 'dot', data: named, x: 'lr', y: 'fun', fill: 'series', labels: { series: '' } });
    expect(legendTexts(svg)).toEqual(['final f: method = gd (9)', 'final f: method = momentum (9)']);
    const two = plot({
      mark: 'dot',
      data: named,
      x: 'lr',
      y: 'fun',
      fill: ['series', 'seed'],
      labels: { series: '' },
    });
    expect(legendTexts(two)[0]).toBe('final f: method = gd, seed = 1 (3)');
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
    expect(legendTexts(svg)).toEqual(['outcome = converged (12)', 'outcome = diverged (6)']);
  });

  it("plot({ mark: 'cell' }) lays distinct x and y out as a heatmap of the fill field (a few numbers as labelled bands)", () => {
    const one = rows.filter((r) => r.method === 'gd');
    const svg = plot({ mark: 'cell', data: one, x: 'lr', y: 'seed', fill: 'status', xScale: 'log' });
    expect(svg).toBe(
      heatmap({
        xLabel: 'lr',
        yLabel: 'seed',
        xScale: 'log',
        x: [0.001, 0.01, 0.1],
        y: ['1', '2', '3'],
        categories: [1, 2, 3].map(() => ['converged', 'converged', 'diverged']),
      }),
    );
    expect(() => plot({ mark: 'bar' as 'line', data: one, x: 'lr', y: 'fun' })).toThrow(
      'invalid mark: "bar"',
    );
    expect(() => plot({ mark: 'cell', data: one, x: 'lr', y: 'seed' } as unknown as PlotSpec)).toThrow(
      'invalid fill',
    );
  });

  it("plot({ mark: 'cell' }) gives null a 'none' row, and pairs without a run a 'not run' cell", () => {
    const data = [
      { lr: 0.1, kappa: 1, status: 'converged' },
      { lr: 0.1, kappa: 10, status: 'max-iter' },
      { lr: 0.1, kappa: null, status: 'converged' },
      { lr: 1, kappa: 1, status: 'diverged' },
      { lr: 1, kappa: null, status: 'diverged' },
    ];
    const svg = plot({ mark: 'cell', data, x: 'lr', y: 'kappa', fill: 'status' });
    const root = parseXml(svg);
    const yLabels = texts(findAll(root, (e) => hasClass(e, 'tick-labels'))[0]!);
    expect(yLabels).toEqual(['0.1', '1', '1', '10', 'none']);
    expect(yLabels).not.toContain('');
    expect(legendTexts(svg)).toContain('not run (1)');
    const missing = findAll(root, (e) => hasClass(e, 'missing'))[0]!;
    expect(findAll(missing, (e) => e.name === 'title').map((t) => t.text)).toEqual([
      'lr 1, kappa 10: not run',
    ]);
  });

  it("plot({ mark: 'cell' }) colours final f on a log scale from the values > 0; a 0 gets the no-value-on-a-log-scale style", () => {
    const data = [
      { lr: 0.01, seed: 1, fun: 1e-8, status: 'converged' },
      { lr: 0.1, seed: 1, fun: 0, status: 'converged' },
      { lr: 1, seed: 1, fun: 3, status: 'max-iter' },
      { lr: 0.01, seed: 2, fun: 1e-6, status: 'converged' },
      { lr: 0.1, seed: 2, fun: 1e-2, status: 'converged' },
      { lr: 1, seed: 2, fun: null, status: 'diverged' },
    ];
    const svg = plot({
      mark: 'cell',
      data,
      x: 'lr',
      y: 'seed',
      fill: 'fun',
      status: 'status',
      labels: { fun: 'final f' },
    });
    expect(svg).not.toMatch(/NaN/);
    const root = parseXml(svg);
    const cells = findAll(findAll(root, (e) => hasClass(e, 'cells'))[0]!, (e) => e.name === 'rect');
    const fill = (tip: string): string | undefined =>
      cells.find((c) => findAll(c, (e) => e.name === 'title')[0]!.text.startsWith(tip))?.attrs.fill;
    // The smallest value > 0 takes the bottom of viridis, the largest its top: zero is not in the domain.
    expect(fill('lr 0.01, seed 1: 1e−8')).toBe('#440154');
    expect(fill('lr 1, seed 1: 3')).toBe('#fde725');
    expect(fill('lr 1, seed 2')).toBe(outcomeColors.diverged);
    const zero = findAll(root, (e) => hasClass(e, 'dots'))[0]!;
    expect(zero.children).toHaveLength(1);
    expect(fill('lr 0.1, seed 1: 0 (not on a log scale)')).toBe('#d4d4d4');
    expect(legendTexts(svg)).toEqual(['max-iter (1)', 'diverged (1)', '0: not on a log scale (1)']);
    // The colour bar is logarithmic: its labels are powers of ten.
    const bar = texts(findAll(root, (e) => hasClass(e, 'color-bar'))[0]!);
    expect(bar[0]).toBe('final f');
    expect(bar.slice(1).every((t) => /^10[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+$/.test(t))).toBe(true);
  });

  it("plot({ mark: 'cell' }) takes the median of the rows in a cell and the most frequent status", () => {
    const data = [1, 2, 10].map((fun, k) => ({
      a: 'x',
      b: 'y',
      fun,
      status: k === 0 ? 'max-iter' : 'converged',
    }));
    const svg = plot({ mark: 'cell', data, x: 'a', y: 'b', fill: 'fun', status: 'status' });
    expect(svg).toContain('<title>a x, b y: 2 (converged)</title>');
    const max = plot({ mark: 'cell', data, x: 'a', y: 'b', fill: 'fun', reduce: 'max' });
    expect(max).toContain('<title>a x, b y: 10</title>');
  });

  it("plot({ mark: 'cell' }): a cell of one row is drawn as the same row twice (its value, its status)", () => {
    // Values a cell's reduction treats apart: ±0, NaN, ±∞, null, none, text; outcomes of each kind.
    const fills = [
      0,
      -0,
      1.5,
      -2,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      null,
      undefined,
      3e-7,
    ];
    const statuses = ['converged', 'max-iter', 'diverged', 'error', undefined];
    const one = [];
    for (let i = 0; i < 9; i++)
      for (let j = 0; j < 7; j++) {
        if ((i * 7 + j) % 11 === 5) continue; // some cells not run
        one.push({
          x: i,
          y: j,
          f: fills[(i * 3 + j) % fills.length],
          s: statuses[(i + 2 * j) % statuses.length],
          m: i % 2 ? 'gd' : 'newton',
          c: ['a', 'b', null][(i + j) % 3],
        });
      }
    const twice = one.flatMap((r) => [r, { ...r }]);
    for (const reduce of ['median', 'mean', 'min', 'max'] as const) {
      const spec = { mark: 'cell', x: 'x', y: 'y', fill: 'f', status: 's', reduce } as const;
      expect(plot({ ...spec, data: one })).toBe(plot({ ...spec, data: twice }));
      expect(plot({ ...spec, data: one, fx: 'm' })).toBe(plot({ ...spec, data: twice, fx: 'm' }));
    }
    const cat = { mark: 'cell', x: 'x', y: 'y', fill: 'c' } as const;
    expect(plot({ ...cat, data: one })).toBe(plot({ ...cat, data: twice }));
    // And a cell of several rows still reduces them: the median of 1, 2 and 10 against 1 alone.
    const three = [1, 2, 10].map((f) => ({ x: 0, y: 0, f }));
    expect(plot({ mark: 'cell', data: three, x: 'x', y: 'y', fill: 'f' })).toContain(': 2</title>');
  });

  it("plot({ mark: 'cell', fx }) draws one map per value of fx, two a row, on the axes of all the rows", () => {
    const spec = {
      mark: 'cell',
      x: 'lr',
      y: 'seed',
      fill: 'fun',
      status: 'status',
      width: 420,
      height: 340,
    } as const;
    const svg = plot({ ...spec, data: rows, fx: 'method', title: 'Final f' });
    expect(svg).toBe(
      smallMultiples(
        ['gd', 'momentum'].map((m) =>
          plot({ ...spec, data: rows.filter((r) => r.method === m), title: `method = ${m}` }),
        ),
        { columns: 2, title: 'Final f' },
      ),
    );
    // A value some facet lacks keeps its column there, drawn as not run.
    const sparse = rows.filter((r) => !(r.method === 'momentum' && r.lr === 0.1));
    const panels = findAll(parseXml(plot({ ...spec, data: sparse, fx: 'method' })), (e) =>
      hasClass(e, 'heatmap'),
    );
    expect(panels).toHaveLength(2);
    for (const p of panels) expect(texts(p)).toEqual(expect.arrayContaining(['0.001', '0.01', '0.1']));
    const legendOf = (p: XmlElement): string[] => texts(findAll(p, (e) => hasClass(e, 'legend'))[0]!);
    expect(legendOf(panels[1]!)).toContain('not run (3)');
    expect(legendOf(panels[0]!).some((t) => t.startsWith('not run'))).toBe(false);
  });

  it("plot({ mark: 'parallel' }) reads one column per dimension and colours by the stroke field", () => {
    const svg = plot({
      mark: 'parallel',
      data: rows,
      dimensions: ['lr', 'method', { field: 'fun', scale: 'linear' }],
      stroke: 'status',
      labels: { fun: 'final f', status: 'outcome' },
    });
    expect(svg).toBe(
      parallelCoordinates({
        dimensions: [
          { label: 'lr', values: Float64Array.from(rows, (r) => r.lr) },
          { label: 'method', values: rows.map((r) => r.method) },
          { label: 'final f', values: Float64Array.from(rows, (r) => r.fun), scale: 'linear' },
        ],
        color: rows.map((r) => r.status),
        colorLabel: 'outcome',
      }),
    );
    expect(findAll(parseXml(svg), (e) => e.name === 'path' && e.children.length === 1)).toHaveLength(18);
  });

  it("plot({ mark: 'contour' }) draws trajectories from one row per run (arrays) or one row per point (grouped by z)", () => {
    const f = (x: number, y: number): number => x * x + y * y;
    const runs = [0.1, 0.3].map((lr) => {
      const x = [-3];
      const y = [4];
      for (let k = 0; k < 10; k++) {
        x.push(x[k]! * (1 - 2 * lr));
        y.push(y[k]! * (1 - 2 * lr));
      }
      return { lr, x, y, status: 'converged' };
    });
    const common = {
      f,
      xDomain: [-4, 4] as [number, number],
      yDomain: [-5, 5] as [number, number],
      resolution: 30,
    };
    const expected = contourPlot({
      ...common,
      xLabel: 'x₀',
      yLabel: 'x₁',
      trajectories: runs.map((r) => ({ name: `lr = ${r.lr}`, x: r.x, y: r.y, status: 'converged' })),
    });
    const byRun = plot({
      mark: 'contour',
      ...common,
      data: runs,
      x: 'x',
      y: 'y',
      z: 'lr',
      status: 'status',
      labels: { x: 'x₀', y: 'x₁' },
    });
    expect(byRun).toBe(expected);
    const points = runs.flatMap((r) =>
      r.x.map((x, k) => ({ lr: r.lr, x0: x, x1: r.y[k]!, status: r.status })),
    );
    const byPoint = plot({
      mark: 'contour',
      ...common,
      data: points,
      x: 'x0',
      y: 'x1',
      z: 'lr',
      status: 'status',
      labels: { x0: 'x₀', x1: 'x₁' },
    });
    expect(byPoint).toBe(expected);
    // Without data: the contours alone.
    expect(plot({ mark: 'contour', ...common })).toBe(contourPlot(common));
  });

  it("plot({ mark: 'vector' }) draws what quiverPlot draws", () => {
    const data = [-1, 0, 1].flatMap((x) => [-1, 0, 1].map((y) => ({ x, y, gx: -2 * x, gy: -2 * y })));
    expect(plot({ mark: 'vector', data, x: 'x', y: 'y', u: 'gx', v: 'gy' })).toBe(
      quiverPlot({
        xLabel: 'x',
        yLabel: 'y',
        x: data.map((d) => d.x),
        y: data.map((d) => d.y),
        u: data.map((d) => d.gx),
        v: data.map((d) => d.gy),
      }),
    );
  });

  it("plot({ mark: 'convergence' }) draws one run per row (or per z), coloured by a group or by outcome", () => {
    const data = [
      { method: 'gd', lr: 0.1, f: [4, 2, 1, 0.5], iter: [0, 1, 2, 3], status: 'max-iter' },
      { method: 'gd', lr: 0.3, f: [4, 1, 0.2], iter: [0, 2, 4], status: 'converged' },
      { method: 'adam', lr: 0.1, f: [4, 3, 2], iter: [0, 1, 2], status: 'max-iter' },
    ];
    const svg = plot({
      mark: 'convergence',
      data,
      y: 'f',
      x: 'iter',
      z: ['method', 'lr'],
      stroke: 'method',
      status: 'status',
    });
    expect(svg).toBe(
      convergencePlot({
        yLabel: 'f',
        xLabel: 'iter',
        colorBy: 'group',
        runs: data.map((d) => ({
          name: `method = ${d.method}, lr = ${d.lr}`,
          values: Float64Array.from(d.f),
          iter: Float64Array.from(d.iter),
          status: d.status,
          group: `method = ${d.method}`,
        })),
      }),
    );
    expect(legendTexts(svg)).toEqual(['method = gd (2)', 'method = adam (1)']);
    const byStatus = plot({ mark: 'convergence', data, y: 'f', stroke: 'status', status: 'status' });
    expect(legendTexts(byStatus)).toEqual(['converged (1)', 'max-iter (2)']);
    // Stroke by the fields of z: one colour and legend entry per run (no counts), however many runs.
    const many = Array.from({ length: 10 }, (_, k) => ({
      run: `lr = ${k / 10}`,
      f: [4, 2 - k / 10],
      status: 'max-iter',
    }));
    const byRun = plot({
      mark: 'convergence',
      data: many,
      y: 'f',
      z: 'run',
      stroke: 'run',
      status: 'status',
      labels: { run: '' },
    });
    expect(byRun).toBe(
      convergencePlot({
        yLabel: 'f',
        colorBy: 'run',
        runs: many.map((d) => ({ name: d.run, values: Float64Array.from(d.f), status: d.status })),
      }),
    );
    expect(legendTexts(byRun).slice(0, 2)).toEqual(['lr = 0', 'lr = 0.1']);
    // One row per iteration, grouped by z and ordered by x.
    const long = data
      .flatMap((d) => d.f.map((v, k) => ({ run: `${d.method} ${d.lr}`, k: d.iter[k], f: v })))
      .reverse();
    const curves = parseXml(plot({ mark: 'convergence', data: long, y: 'f', x: 'k', z: 'run' }));
    expect(findAll(curves, (e) => e.name === 'path' && e.attrs['data-key'] !== undefined)).toHaveLength(3);
  });

  it('refuses unknown options and fields with the nearest valid name', () => {
    expect(() => plot({ mark: 'line', data: rows, x: 'lr', y: 'fun', strok: 'method' } as never)).toThrow(
      'unknown option strok; did you mean stroke?',
    );
    expect(() => plot({ mark: 'lines', data: rows, x: 'lr', y: 'fun' } as never)).toThrow(
      'invalid mark: "lines" (expected one of line, dot, cell, parallel, contour, vector, convergence; did you mean line?)',
    );
    expect(() => plot({ mark: 'line', data: rows, x: 'lrr', y: 'fun' })).toThrow(
      'invalid x: "lrr" (no row has this field; did you mean "lr"?)',
    );
    expect(() => plot({ mark: 'parallel', data: rows, dimensions: ['lr', 'metod'] })).toThrow(
      'invalid dimensions[1]: "metod" (no row has this field; did you mean "method"?)',
    );
    expect(() =>
      plot({ mark: 'cell', data: rows, x: 'lr', y: 'seed', fill: 'fun', colourScale: 'log' } as never),
    ).toThrow('unknown option colourScale; did you mean colorScale?');
    expect(() => plot({ mark: 'convergence', data: rows, y: 'fun', z: ['method', 'sed'] })).toThrow(
      'invalid z[1]: "sed" (no row has this field; did you mean "seed"?)',
    );
    // A field some rows lack is fine (kappa only for some objectives).
    expect(() => plot({ mark: 'dot', data: [{ a: 1 }, { a: 2, b: 3 }], x: 'a', y: 'b' })).not.toThrow();
  });
});
