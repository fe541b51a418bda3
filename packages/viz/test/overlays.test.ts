import { describe, expect, it } from 'vitest';
import { clipPolygon } from '../src/_path.ts';
import { contourPlot, convergencePlot, heatmap, htmlReport, linePlot, scatterPlot } from '../src/index.ts';
import { decodePath } from './_pathData.ts';
import { expectSnapshot } from './_snapshot.ts';
import { findAll, hasClass, parseXml, type XmlElement } from './_xml.ts';

const sphere = (x: number, y: number): number => x * x + y * y;

/** The plot area of a plot: the rectangle its `domain` path (a box) draws. */
function plotRect(root: XmlElement): { x0: number; x1: number; y0: number; y1: number } {
  const d = findAll(root, (e) => hasClass(e, 'domain'))[0]!.attrs.d!;
  const pts = decodePath(d)[0]!.points;
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  return { x0: Math.min(...xs), x1: Math.max(...xs), y0: Math.min(...ys), y1: Math.max(...ys) };
}

/** Legend labels of a plot, in order. */
function legendLabels(root: XmlElement): string[] {
  const legend = findAll(root, (e) => hasClass(e, 'legend'))[0];
  return legend ? findAll(legend, (e) => e.name === 'text').map((e) => e.text) : [];
}

/** Every point of every path under `el`. */
function pathPoints(el: XmlElement): [number, number][] {
  return findAll(el, (e) => e.name === 'path').flatMap((p) =>
    decodePath(p.attrs.d!).flatMap((s) => s.points),
  );
}

describe('contourPlot holes and overlays', () => {
  it('filled contours of a function NaN for x < 0 leave the left half empty', () => {
    const svg = contourPlot({
      f: (x, y) => (x < 0 ? Number.NaN : sphere(x, y)),
      xDomain: [-2, 2],
      yDomain: [-2, 2],
      resolution: 101,
    });
    const root = parseXml(svg);
    const r = plotRect(root);
    const mid = (r.x0 + r.x1) / 2;
    const cell = (r.x1 - r.x0) / 100;
    const g = findAll(root, (e) => hasClass(e, 'contours'))[0]!;
    // No rectangle over the whole area; every filled shape lies right of x = 0 (within half a cell).
    expect(findAll(g, (e) => e.name === 'rect')).toHaveLength(0);
    const pts = pathPoints(g);
    expect(pts.length).toBeGreaterThan(0);
    expect(Math.min(...pts.map((p) => p[0]))).toBeGreaterThanOrEqual(mid - cell / 2 - 0.01);
    // The lowest band reaches the hole's edge and the right edge of the plot.
    const base = findAll(g, (e) => e.name === 'path')[0]!;
    const basePts = decodePath(base.attrs.d!).flatMap((s) => s.points);
    expect(Math.min(...basePts.map((p) => p[0]))).toBeLessThan(mid + cell);
    expect(Math.max(...basePts.map((p) => p[0]))).toBeCloseTo(r.x1, 1);
  });

  it('a field without NaN keeps one rectangle for its lowest band', () => {
    const svg = contourPlot({ f: sphere, xDomain: [-2, 2], yDomain: [-2, 2], resolution: 20 });
    const g = findAll(parseXml(svg), (e) => hasClass(e, 'contours'))[0]!;
    expect(findAll(g, (e) => e.name === 'rect')).toHaveLength(1);
  });

  it('contourPlot draws overlays, a faded infeasible side and reference lines under the trajectories', () => {
    // min x² + y² s.t. x + y ≥ 1 on [−2.5, 2.5]²: the feasible part of the box is a polygon.
    const feasible = { x: [-1.5, 2.5, 2.5], y: [2.5, -1.5, 2.5] };
    const svg = contourPlot({
      title: 'x² + y² s.t. x + y ≥ 1',
      f: sphere,
      xDomain: [-2.5, 2.5],
      yDomain: [-2.5, 2.5],
      resolution: 40,
      overlays: [
        { ...feasible, fade: 'outside', label: 'x + y = 1' },
        { x: [0, 0.5], y: [0, 0.5], label: 'to x*' },
      ],
      vLines: [{ value: 0.5, label: 'x = ½' }],
      hLines: [0.5],
      trajectories: [{ name: 'run', x: [2, 1, 0.5], y: [-1, 0, 0.5], status: 'converged' }],
    });
    expectSnapshot('contour-overlays', svg);
    const root = parseXml(svg);
    const overlays = findAll(root, (e) => hasClass(e, 'overlay'));
    expect(overlays).toHaveLength(2);
    expect(overlays.map((o) => o.children[0]!.text)).toEqual(['x + y = 1', 'to x*']);
    // The shade: the plot rectangle with the feasible polygon cut out (even-odd), then the solid outline.
    const shade = overlays[0]!.children[1]!;
    expect(shade.attrs['fill-rule']).toBe('evenodd');
    const [box, hole] = decodePath(shade.attrs.d!);
    expect(box!.points).toHaveLength(4);
    expect(hole!.points).toHaveLength(3);
    expect(
      findAll(root, (e) => hasClass(e, 'ref-lines'))[0]!.children.filter((e) => e.name === 'path'),
    ).toHaveLength(2);
    // Overlays come before (under) the trajectory.
    const order = findAll(root, (e) => hasClass(e, 'overlay') || hasClass(e, 'trajectory')).map((e) =>
      hasClass(e, 'overlay') ? 'o' : 't',
    );
    expect(order).toEqual(['o', 'o', 't']);
  });

  it('overlays are checked: x and y of different lengths, an unknown fill', () => {
    const base = { f: sphere, xDomain: [-1, 1] as const, yDomain: [-1, 1] as const };
    expect(() => contourPlot({ ...base, overlays: [{ x: [0, 1], y: [0] }] })).toThrow(
      /invalid overlays\[0\]\.y/,
    );
    expect(() =>
      contourPlot({ ...base, overlays: [{ x: [0], y: [0], fade: 'around' as 'inside' }] }),
    ).toThrow(RangeError);
  });

  it('clipPolygon cuts a triangle to the rectangle (Sutherland–Hodgman)', () => {
    // The triangle (0,0) (20,0) (0,20) covers the box [0,10]² (x + y ≤ 20 there): the cut is the box.
    const out = clipPolygon([0, 0, 20, 0, 0, 20], { x0: 0, y0: 0, x1: 10, y1: 10 });
    const pts: [number, number][] = [];
    for (let i = 0; i < out.length; i += 2) pts.push([out[i]!, out[i + 1]!]);
    let area = 0;
    for (let i = 0; i < pts.length; i++) {
      const [ax, ay] = pts[i]!;
      const [bx, by] = pts[(i + 1) % pts.length]!;
      area += ax * by - bx * ay;
    }
    expect(Math.abs(area / 2)).toBeCloseTo(100, 9);
    expect(clipPolygon([20, 20, 30, 20, 30, 30], { x0: 0, y0: 0, x1: 10, y1: 10 })).toEqual([]);
    const half = clipPolygon([0, 0, 10, 0, 0, 10], { x0: 0, y0: 0, x1: 5, y1: 100 });
    let a2 = 0;
    for (let i = 0; i < half.length; i += 2) {
      const j = (i + 2) % half.length;
      a2 += half[i]! * half[j + 1]! - half[j]! * half[i + 1]!;
    }
    // The part of the triangle x + y ≤ 10 with x ≤ 5: 50 − 12.5.
    expect(Math.abs(a2 / 2)).toBeCloseTo(37.5, 9);
  });
});

describe('line and scatter plots: lines, overlays and legends', () => {
  const x = [1e-8, 1e-6, 1e-4, 1e-2];
  const err = [5e-9, 5e-11, 2e-9, 1e-4];

  it('scatterPlot draws lines under its points and lists them in the legend', () => {
    const svg = scatterPlot({
      xScale: 'log',
      yScale: 'log',
      yLabel: 'error',
      series: [{ name: 'central', x, y: err }],
      lines: [{ name: 'model', x, y: x.map((h) => 1e-16 / h + h * h), dashed: true }],
    });
    const root = parseXml(svg);
    expect(legendLabels(root)).toEqual(['central (4)', 'model']);
    const series = findAll(root, (e) => hasClass(e, 'series'));
    // The line's group first (under), then the points.
    expect(series.map((g) => g.children[0]!.text)).toEqual(['model', 'central']);
    expect(findAll(series[0]!, (e) => e.name === 'path')[0]!.attrs['stroke-dasharray']).toBe('6 4');
  });

  it('a single unnamed series has no legend; next to a named curve it is listed under the y label', () => {
    const alone = parseXml(linePlot({ yLabel: 'error', series: [{ x, y: err }] }));
    expect(legendLabels(alone)).toEqual([]);
    const withCurve = parseXml(
      linePlot({
        yLabel: 'error',
        series: [
          { x, y: err },
          { name: 'model', x, y: err, dashed: true },
        ],
      }),
    );
    expect(legendLabels(withCurve)).toEqual(['error', 'model']);
    const noLabel = parseXml(scatterPlot({ series: [{ x, y: err }], lines: [{ name: 'model', x, y: err }] }));
    expect(legendLabels(noLabel)).toEqual(['model']);
    expect(
      parseXml(scatterPlot({ series: [{ x, y: err }] })).children.some((e) => hasClass(e, 'legend')),
    ).toBe(false);
  });

  it('linePlot and scatterPlot draw overlays without widening the axes', () => {
    const svg = linePlot({
      series: [{ x: [0, 1], y: [0, 1] }],
      overlays: [{ x: [-5, 5], y: [0.5, 0.5], label: 'half' }],
    });
    const root = parseXml(svg);
    expect(findAll(root, (e) => hasClass(e, 'overlay'))).toHaveLength(1);
    const ticks = findAll(findAll(root, (e) => hasClass(e, 'tick-labels'))[0]!, (e) => e.name === 'text');
    expect(ticks.map((t) => t.text)).not.toContain('−5');
    const sc = parseXml(
      scatterPlot({ series: [{ x: [0, 1], y: [0, 1] }], overlays: [{ x: [0, 1], y: [1, 0] }] }),
    );
    expect(findAll(sc, (e) => hasClass(e, 'overlay'))).toHaveLength(1);
  });
});

describe('convergencePlot colours by group and plots thinned histories', () => {
  it('colorBy "group": one colour and one legend entry per method, whatever the number of runs', () => {
    const methods = [
      'gd',
      'momentum',
      'nesterov',
      'adagrad',
      'rmsprop',
      'adam',
      'newton',
      'bfgs',
      'lbfgs',
      'cg',
    ];
    const runs = methods.flatMap((m, k) =>
      [1, 2].map((s) => ({
        name: `${m} ${s}`,
        group: m,
        status: 'converged',
        values: Array.from({ length: 10 }, (_, i) => 10 * (0.5 + k / 30) ** (i * s)),
      })),
    );
    const svg = convergencePlot({ runs, colorBy: 'group' });
    const root = parseXml(svg);
    expect(legendLabels(root)).toEqual(methods.map((m) => `${m} (2)`));
    const strokes = findAll(findAll(root, (e) => hasClass(e, 'runs'))[0]!, (e) => e.name === 'path').map(
      (p) => p.attrs.stroke,
    );
    expect(new Set(strokes).size).toBe(10);
    expect(strokes[0]).toBe(strokes[1]);
    expect(strokes[0]).not.toBe(strokes[2]);
    // Without colorBy, 20 runs are coloured by their (single) outcome.
    expect(legendLabels(parseXml(convergencePlot({ runs })))).toEqual(['converged (20)']);
  });

  it('iter places thinned values at their iterations', () => {
    const svg = convergencePlot({
      xDomain: [0, 100],
      yScale: 'linear',
      runs: [{ name: 'thinned', values: [4, 2, 1], iter: [0, 50, 100] }],
    });
    const root = parseXml(svg);
    const r = plotRect(root);
    const path = findAll(findAll(root, (e) => hasClass(e, 'runs'))[0]!, (e) => e.name === 'path')[0]!;
    const pts = decodePath(path.attrs.d!)[0]!.points;
    expect(pts).toHaveLength(3);
    expect(pts[1]![0]).toBeCloseTo((r.x0 + r.x1) / 2, 1);
    expect(pts[2]![0]).toBeCloseTo(r.x1, 1);
    expect(path.children[0]!.text).toBe('thinned: 3 values to iteration 100, last 1');
    expect(() => convergencePlot({ runs: [{ values: [1, 2], iter: [0] }] })).toThrow(
      /invalid runs\[0\]\.iter/,
    );
  });
});

describe('band axes show every category', () => {
  const methods = [
    'gradient-descent',
    'momentum',
    'nesterov',
    'adagrad',
    'rmsprop',
    'adam',
    'newton',
    'bfgs',
    'lbfgs',
    'conjugate-gradient',
    'nelder-mead',
  ];
  const fns = ['rosenbrock', 'beale', 'himmelblau', 'quadratic'];

  it('heatmap over 11 method names labels every column (rotated when they do not fit flat)', () => {
    const svg = heatmap({
      title: 'Iterations',
      x: methods,
      y: fns,
      values: fns.map((_, j) => methods.map((_, i) => 10 ** ((i + j) % 5))),
      colorScale: 'log',
    });
    expectSnapshot('heatmap-methods', svg);
    const root = parseXml(svg);
    const labels = findAll(root, (e) => hasClass(e, 'tick-labels'))[0]!;
    const texts = findAll(labels, (e) => e.name === 'text').map((t) => t.text);
    for (const m of [...methods, ...fns]) expect(texts).toContain(m);
    const x = labels.children.filter((e) => e.name === 'g')[0]!;
    expect(x.attrs['text-anchor']).toBe('end');
    expect(x.children[0]!.attrs.transform).toMatch(/rotate\(-(45|90)\)/);
    // Rotated labels stay inside the figure: the plot area ends well above the bottom edge.
    expect(plotRect(root).y1).toBeLessThan(420 - 60);
  });

  it('short labels stay flat; a few long ones on a wide plot too', () => {
    const flat = parseXml(
      heatmap({
        x: ['a', 'b', 'c'],
        y: [1, 2],
        values: [
          [1, 2, 3],
          [4, 5, 6],
        ],
      }),
    );
    const g = findAll(flat, (e) => hasClass(e, 'tick-labels'))[0]!.children[0]!;
    expect(g.attrs['text-anchor']).toBe('middle');
    expect(g.children.map((t) => t.text)).toEqual(['a', 'b', 'c']);
  });

  it('over 40 narrow categories are thinned, at most 40 are all shown (smaller)', () => {
    const count = (n: number, width: number): number => {
      const x = Array.from({ length: n }, (_, i) => `c${i}`);
      const root = parseXml(heatmap({ x, y: ['r'], values: [x.map((_, i) => i)], width }));
      const g = findAll(root, (e) => hasClass(e, 'tick-labels'))[0]!.children[0]!;
      return g.children.length;
    };
    expect(count(40, 480)).toBe(40);
    expect(count(30, 640)).toBe(30);
    expect(count(200, 640)).toBeLessThan(200);
    expect(count(200, 640)).toBeGreaterThan(20);
  });
});

describe('report tables: digits', () => {
  const table = (t: Parameters<typeof htmlReport>[0]['sections'][number]['table']): string =>
    htmlReport({ title: 't', sections: [{ title: 's', table: t! }] });

  it('numbers show 4 significant digits by default, every digit with digits: "full"', () => {
    const v = 0.1999999999990898;
    expect(table({ columns: ['v'], rows: [[v]] })).toContain('>0.2<');
    expect(table({ columns: ['v'], rows: [[v], [-0.25], [123456]], digits: 'full' })).toMatch(
      /0\.1999999999990898<.*−0\.25<.*123456</s,
    );
    // Per column, overriding the table's digits; integers stay exact with separators.
    const html = table({
      columns: ['a', { label: 'b', digits: 8 }],
      rows: [
        [v, v],
        [1e-21, 123456],
      ],
    });
    expect(html).toMatch(/>0\.2<.*>0\.2<.*1e−21.*123,456/s);
    expect(table({ columns: [{ label: 'b', digits: 12 }], rows: [[6.00000000000378]] })).toContain('>6<');
    expect(table({ columns: [{ label: 'b', digits: 14 }], rows: [[6.00000000000378]] })).toContain(
      '>6.0000000000038<',
    );
  });

  it('a bad digits option names the field', () => {
    expect(() => table({ columns: ['v'], rows: [[1]], digits: 0 })).toThrow(
      /invalid sections\[0\]\.table\.digits: 0/,
    );
    expect(() => table({ columns: [{ label: 'v', digits: 2.5 }], rows: [[1]] })).toThrow(
      /invalid sections\[0\]\.table\.columns\[0\]\.digits: 2\.5/,
    );
  });
});
