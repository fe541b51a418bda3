import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  categoryColors,
  contourPlot,
  convergencePlot,
  escapeHtml,
  heatmap,
  linePlot,
  outcomeColors,
  quiverPlot,
  scatterPlot,
  smallMultiples,
} from '../src/index.ts';
import { decodePath } from './_pathData.ts';
import { findAll, hasClass, parseXml } from './_xml.ts';

const XSS = '<img src=x onerror=alert(1)>';
const wild = fc.oneof(
  fc.double(),
  fc.constantFrom(
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    0,
    -0,
    1e308,
    -1e308,
    5e-324,
  ),
);

describe('no NaN, ever', () => {
  it('linePlot, scatterPlot, convergencePlot and contourPlot trajectories stay finite for any numbers', () => {
    fc.assert(
      fc.property(
        fc.array(wild, { maxLength: 30 }),
        fc.array(wild, { maxLength: 30 }),
        fc.boolean(),
        (a, b, log) => {
          const n = Math.min(a.length, b.length);
          const x = a.slice(0, n);
          const y = b.slice(0, n);
          const scale = log ? 'log' : 'linear';
          const svgs = [
            linePlot({ series: [{ x, y, marker: true }], xScale: scale, yScale: scale, hLines: [0] }),
            scatterPlot({ series: [{ x, y }], yScale: scale }),
            convergencePlot({ runs: [{ values: a }, { values: b, status: 'diverged' }] }),
            contourPlot({
              f: (u, v) => u * v,
              xDomain: [-1, 1],
              yDomain: [-1, 1],
              resolution: 8,
              trajectories: [{ x, y }],
            }),
            quiverPlot({ x, y, u: y, v: x }),
            heatmap({ x: [1, 2], y: [1], values: [[a[0] ?? null, b[0] ?? null]], colorScale: scale }),
          ];
          for (const svg of svgs) {
            expect(svg).not.toMatch(/NaN|Infinity|undefined/);
            parseXml(svg);
          }
        },
      ),
      { numRuns: 150 },
    );
  }, 60_000);

  it('heatmap stays finite when every value is missing, non-finite or ≤ 0 on a log colour scale', () => {
    const svg = heatmap({
      x: [1, 2],
      y: [1, 2],
      values: [
        [null, Number.NaN],
        [0, Number.NEGATIVE_INFINITY],
      ],
      colorScale: 'log',
    });
    expect(svg).not.toMatch(/NaN|Infinity/);
    const root = parseXml(svg);
    // No value (null, NaN) is faint; ≤ 0 (0, −∞) has no colour on a log scale: dotted, apart.
    expect(findAll(root, (e) => hasClass(e, 'missing'))[0]!.children).toHaveLength(2);
    expect(findAll(root, (e) => hasClass(e, 'dots'))[0]!.children).toHaveLength(2);
    const legend = findAll(root, (e) => hasClass(e, 'legend'))[0]!;
    expect(findAll(legend, (e) => e.name === 'text').map((t) => t.text)).toEqual([
      '≤ 0: not on a log scale (2)',
      'no value (2)',
    ]);
  });
});

describe('escaping', () => {
  it('escapeHtml escapes & < > " and \'', () => {
    expect(escapeHtml(`a&b<c>d"e'f`)).toBe('a&amp;b&lt;c&gt;d&quot;e&#39;f');
    expect(escapeHtml(null)).toBe('');
    expect(escapeHtml(42)).toBe('42');
  });

  it('every plot escapes user text in titles, labels, names and colours', () => {
    const text = { title: XSS, subtitle: XSS, xLabel: XSS, yLabel: XSS };
    const svgs = [
      linePlot({
        ...text,
        series: [{ name: XSS, x: [1, 2], y: [1, 2], color: `red" onload="alert(1)` }],
        hLines: [{ value: 1, label: XSS }],
      }),
      scatterPlot({ ...text, series: [{ name: XSS, x: [1], y: [1], labels: [XSS] }] }),
      convergencePlot({ ...text, runs: [{ name: XSS, values: [3, 2, 1], status: XSS }] }),
      contourPlot({
        ...text,
        colorLabel: XSS,
        f: (x, y) => x + y,
        xDomain: [0, 1],
        yDomain: [0, 1],
        trajectories: [{ name: XSS, x: [0.5], y: [0.5], status: XSS }],
      }),
      heatmap({
        ...text,
        x: [XSS, 'b'],
        y: [1],
        categories: [[XSS, 'converged']],
        overlays: [{ x: [0, 1], y: [1, 1], label: XSS }],
      }),
      quiverPlot({ ...text, x: [0], y: [0], u: [1], v: [1], color: XSS }),
      smallMultiples([linePlot({ series: [] })], { title: XSS }),
    ];
    for (const svg of svgs) {
      expect(svg).not.toContain('<img');
      // The hostile colour stays inside its (escaped) attribute value: no element gains an onload.
      expect(findAll(parseXml(svg), (e) => Object.keys(e.attrs).some((a) => a.startsWith('on')))).toEqual([]);
      expect(svg).toContain('&lt;img src=x onerror=alert(1)&gt;');
      parseXml(svg);
    }
  });
});

describe('validation', () => {
  it('plots reject bad common options, naming the option and the value', () => {
    const series = [{ x: [1, 2], y: [1, 2] }];
    expect(() => linePlot({ series, width: -1 })).toThrow(
      new RangeError('invalid width: -1 (expected a finite number > 0)'),
    );
    expect(() => linePlot({ series, xScale: 'log', xDomain: [0, 1] })).toThrow(
      /^invalid xDomain: \[0, 1\] \(a log scale needs a domain > 0\)/,
    );
    expect(() => linePlot({ series, yScale: 'sqrt' as never })).toThrow(/^invalid yScale: "sqrt"/);
    expect(() => linePlot({ series, title: 3 as never })).toThrow(TypeError);
    expect(() => linePlot({ series: [{ x: [1, 2], y: [1] }] })).toThrow(
      /^invalid series\[0\]\.y: \[1\] \(length 1, but x has length 2\)/,
    );
    expect(() => linePlot({ series: [{ x: [1, '2'], y: [1, 2] }] as never })).toThrow(
      new TypeError('invalid series[0].x[1]: "2" (expected a number)'),
    );
    expect(() => linePlot(null as never)).toThrow(TypeError);
  });

  it('heatmap, quiverPlot, scatterPlot, convergencePlot and smallMultiples reject bad input', () => {
    expect(() => heatmap({ x: [1, 2], y: [1], values: [[1, 2]], categories: [['a', 'b']] })).toThrow(
      /^invalid values/,
    );
    expect(() => heatmap({ x: [1, 2], y: [1, 2], values: [[1, 2], [3]] })).toThrow(
      /^invalid values\[1\]: \[3\] \(1 cells, but x has 2 values\)/,
    );
    expect(() => heatmap({ x: [2, 1], y: [1], values: [[1, 2]] })).toThrow(
      /^invalid x: \[2, 1\] \(expected strictly increasing values\)/,
    );
    expect(() => heatmap({ x: [0, 1], xScale: 'log', y: [1], values: [[1, 2]] })).toThrow(
      /^invalid x\[0\]: 0/,
    );
    expect(() => heatmap({ x: [1], y: [1], categories: [[3 as never]] })).toThrow(
      /^invalid categories\[0\]\[0\]: 3/,
    );
    expect(() => quiverPlot({ x: [0], y: [0], u: [1, 2], v: [1] })).toThrow(/^invalid u: \[1, 2\]/);
    expect(() => quiverPlot({ x: [1], y: [1], u: [1], v: [1], xScale: 'log' })).toThrow(
      /^invalid xScale: "log"/,
    );
    expect(() => scatterPlot({ series: [{ x: [1], y: [1], labels: ['a', 'b'] }] })).toThrow(
      /^invalid series\[0\]\.labels/,
    );
    expect(() => convergencePlot({ runs: [{ values: 'abc' as never }] })).toThrow(
      /^invalid runs\[0\]\.values: "abc"/,
    );
    expect(() => convergencePlot({ runs: [], colorBy: 'size' as never })).toThrow(/^invalid colorBy: "size"/);
    expect(() => smallMultiples(['<p>no</p>'])).toThrow(/^invalid plots\[0\]: "<p>no<\/p>"/);
    expect(() => smallMultiples([], { columns: 0 })).toThrow(/^invalid columns: 0/);
  });
});

describe('heatmap geometry', () => {
  it('heatmap cells on a log axis span geometric midpoints: 0.01, 0.1, 1 get equal widths', () => {
    const svg = heatmap({ x: [0.01, 0.1, 1], xScale: 'log', y: [0], values: [[1, 2, 3]], cellLabels: false });
    const rects = findAll(parseXml(svg), (e) => hasClass(e, 'cells'))[0]!.children;
    const widths = rects.map((r) => Number(r.attrs.width));
    expect(Math.max(...widths) - Math.min(...widths)).toBeLessThan(0.02);
    // Edges at 10^−2.5 and 10^0.5 are the axis domain: the three cells tile the plot area.
    const x0 = Number(rects[0]!.attrs.x);
    expect(Number(rects[2]!.attrs.x) + widths[2]! - x0).toBeCloseTo(3 * widths[0]!, 1);
  });

  it('heatmap categories use the fixed outcome colours and list outcomes first in the legend', () => {
    const svg = heatmap({ x: [1, 2, 3], y: [1], categories: [['weird', 'diverged', 'converged']] });
    expect(svg).toContain(`fill="${outcomeColors.converged}"`);
    expect(svg).toContain(`fill="${outcomeColors.diverged}"`);
    const legend = findAll(parseXml(svg), (e) => hasClass(e, 'legend'))[0]!;
    expect(findAll(legend, (e) => e.name === 'text').map((t) => t.text)).toEqual([
      'converged (1)',
      'diverged (1)',
      'weird (1)',
    ]);
  });

  it('categoryColors gives outcomes their colour and other names distinct unused ones', () => {
    const c = categoryColors(['a', 'converged', 'b', 'error']);
    expect(c.get('converged')).toBe('#009E73');
    expect(c.get('error')).toBe(outcomeColors.error);
    expect(new Set(c.values()).size).toBe(4);
  });
});

describe('quiverPlot scaling', () => {
  it('quiverPlot scales the longest arrow to 0.9 of the grid step, directions following the data axes', () => {
    const svg = quiverPlot({
      x: [0, 1, 0, 1],
      y: [0, 0, 1, 1],
      u: [1, 0.5, 0, -1],
      v: [0, 0, 0.5, -1],
      xDomain: [-0.5, 1.5],
      yDomain: [-0.5, 1.5],
    });
    const box = /class="domain" d="M([\d.]+),([\d.]+)H([\d.]+)V([\d.]+)/.exec(svg)!;
    const pxPerUnit = (Number(box[3]) - Number(box[1])) / 2;
    const pyPerUnit = (Number(box[4]) - Number(box[2])) / 2;
    const arrows = findAll(
      parseXml(svg),
      (e) => e.name === 'path' && e.children[0]?.name === 'title' && e.children[0].text.startsWith('('),
    );
    const len = (i: number): number => {
      const [shaft, head] = decodePath(arrows[i]!.attrs.d!);
      const [bx, by] = shaft!.points[0]!;
      const [tx, ty] = head!.points[0]!;
      return Math.hypot((tx - bx) / pxPerUnit, (ty - by) / pyPerUnit);
    };
    // The longest arrow, (−1, −1), spans 0.9 of the smaller grid step in pixels.
    const [shaft, head] = decodePath(arrows[3]!.attrs.d!);
    const lenPx = Math.hypot(
      head!.points[0]![0] - shaft!.points[0]![0],
      head!.points[0]![1] - shaft!.points[0]![1],
    );
    expect(lenPx).toBeCloseTo(0.9 * Math.min(pxPerUnit, pyPerUnit), 1);
    // Lengths are proportional to magnitudes in pixel terms; directions point along (u, v) with y up.
    expect(head!.points[0]![0]).toBeLessThan(shaft!.points[0]![0]);
    expect(head!.points[0]![1]).toBeGreaterThan(shaft!.points[0]![1]);
    expect(len(1) / len(0)).toBeCloseTo(0.5, 2);
  });
});

describe('convergencePlot on a log axis', () => {
  it('convergencePlot marks where a run reaches 0 and clips a run that blows up', () => {
    const svg = convergencePlot({
      runs: [
        { name: 'exact', values: [25, 0, 0] },
        { name: 'blows up', values: [25, 1e10, 1e300, Number.POSITIVE_INFINITY], status: 'diverged' },
        { name: 'overflows', values: [25, 1e3, Number.POSITIVE_INFINITY], status: 'non-finite' },
        { name: 'normal', values: [25, 5, 1, 0.2] },
      ],
    });
    const exits = findAll(parseXml(svg), (e) => hasClass(e, 'exits'))[0]!;
    expect(exits.children.map((g) => g.children[0]!.text)).toEqual([
      'exact: 0 at iteration 1 (below a log axis)',
      'overflows: ∞ at iteration 2',
    ]);
    // The y axis stops 6 decades above the largest start (25 → 2.5e7, made nice to 1e8), not at 1e300.
    expect(svg).toContain('>10⁸<');
    expect(svg).not.toContain('10³⁰⁰');
  });

  it('convergencePlot colours many runs by outcome, with counts in the legend', () => {
    const runs = Array.from({ length: 30 }, (_, k) => ({
      values: [10, 1, 0.1],
      status: k % 3 === 0 ? 'diverged' : 'converged',
    }));
    const svg = convergencePlot({ runs });
    const legend = findAll(parseXml(svg), (e) => hasClass(e, 'legend'))[0]!;
    expect(findAll(legend, (e) => e.name === 'text').map((t) => t.text)).toEqual([
      'converged (20)',
      'diverged (10)',
    ]);
    expect(
      svg.match(new RegExp(`stroke="${outcomeColors.diverged}" data-key="c1"[^>]*><title>`, 'g')),
    ).toHaveLength(10);
  });
});
