// Plot craft from issue #12: equal aspect in x-space, colour plus dash for many series, a log iteration
// axis, legends that wrap, known minima, reduced series, overlapping trajectories kept visible.

import fc from 'fast-check';
import { decode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { wrapText } from '../src/_legend.ts';
import { contourPlot, convergencePlot, heatmap, linePlot, okabeIto, outcomeColors } from '../src/index.ts';
import { notebookRun } from './_demo.ts';
import { decodePath } from './_pathData.ts';
import { expectSnapshot } from './_snapshot.ts';
import { findAll, hasClass, parseXml, type XmlElement } from './_xml.ts';

/** The plot area from the frame's `domain` path `Mx0,y0Hx1Vy1Hx0Z`. */
function plotArea(svg: string): { x0: number; y0: number; x1: number; y1: number } {
  const d = findAll(parseXml(svg), (e) => hasClass(e, 'domain'))[0]!.attrs.d!;
  const m = /^M([\d.]+),([\d.]+)H([\d.]+)V([\d.]+)/.exec(d)!;
  return { x0: Number(m[1]), y0: Number(m[2]), x1: Number(m[3]), y1: Number(m[4]) };
}

const textOf = (e: XmlElement): string => e.text + e.children.map(textOf).join('');
const sphere = (x: number, y: number): number => x * x + y * y;

describe('equal aspect', () => {
  it('contourPlot keeps one data unit as many pixels on x as on y, for any domains and size', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.1, max: 100, noNaN: true }),
        fc.double({ min: 0.1, max: 100, noNaN: true }),
        fc.integer({ min: 200, max: 900 }),
        fc.integer({ min: 200, max: 900 }),
        (w, h, width, height) => {
          const svg = contourPlot({
            f: sphere,
            xDomain: [-w, w],
            yDomain: [-h, h],
            resolution: 6,
            width,
            height,
          });
          const r = plotArea(svg);
          const kx = (r.x1 - r.x0) / (2 * w);
          const ky = (r.y1 - r.y0) / (2 * h);
          expect(Math.abs(kx - ky) / Math.max(kx, ky)).toBeLessThan(
            0.01 + 0.02 / Math.min(r.x1 - r.x0, r.y1 - r.y0),
          );
        },
      ),
      { numRuns: 40 },
    );
  });

  it('the unit circle is drawn round and the box [−1, 1]² square, unless aspect is "auto"', () => {
    const t = Array.from({ length: 201 }, (_, k) => (2 * Math.PI * k) / 200);
    const circle = { x: t.map(Math.cos), y: t.map(Math.sin), label: 'unit disc' };
    const box = { x: [-1, 1, 1, -1, -1], y: [-1, -1, 1, 1, -1], label: 'box' };
    const draw = (aspect?: 'auto'): { cw: number; ch: number; bw: number; bh: number } => {
      const svg = contourPlot({
        f: sphere,
        xDomain: [-3, 3],
        yDomain: [-1.5, 1.5],
        resolution: 10,
        overlays: [circle, box],
        width: 640,
        height: 420,
        ...(aspect ? { aspect } : {}),
      });
      const lines = findAll(parseXml(svg), (e) => hasClass(e, 'overlay')).map(
        (g) => g.children.find((c) => c.name === 'path')!,
      );
      const extent = (k: number): { w: number; h: number } => {
        const pts = decodePath(lines[k]!.attrs.d!).flatMap((s) => s.points);
        const xs = pts.map((p) => p[0]);
        const ys = pts.map((p) => p[1]);
        return { w: Math.max(...xs) - Math.min(...xs), h: Math.max(...ys) - Math.min(...ys) };
      };
      const c = extent(0);
      const b = extent(1);
      return { cw: c.w, ch: c.h, bw: b.w, bh: b.h };
    };
    const eq = draw();
    expect(Math.abs(eq.cw - eq.ch)).toBeLessThan(0.1);
    expect(Math.abs(eq.bw - eq.bh)).toBeLessThan(0.05);
    const auto = draw('auto');
    expect(auto.bw / auto.bh).toBeLessThan(0.9);
  });

  it('a tall domain shrinks the figure height instead of leaving blank space', () => {
    const svg = contourPlot({
      f: sphere,
      xDomain: [-4, 4],
      yDomain: [-1, 1],
      resolution: 6,
      width: 640,
      height: 420,
    });
    const [, , , h] = parseXml(svg).attrs.viewBox!.split(' ').map(Number);
    expect(h).toBeLessThan(300);
  });
});

describe('many series', () => {
  const x = [0, 1, 2, 3];
  const series = Array.from({ length: 14 }, (_, i) => ({ name: `series ${i}`, x, y: x.map((t) => t + i) }));

  it('linePlot gives 14 series 14 distinct colour and dash pairs, and the legend the same dashes', () => {
    const svg = linePlot({ title: '14 series', series, width: 700, height: 460 });
    expectSnapshot('line-14-series', svg);
    const root = parseXml(svg);
    const groups = findAll(root, (e) => hasClass(e, 'series'));
    const looks = groups.map((g) => {
      const p = g.children.find((c) => c.name === 'path')!;
      return `${p.attrs.stroke} ${p.attrs['stroke-dasharray'] ?? ''}`;
    });
    expect(new Set(looks).size).toBe(14);
    expect(looks.slice(0, 8).every((l) => l.endsWith(' '))).toBe(true);
    expect(looks[8]).toBe(`${okabeIto[0]} 7 3`);
    const items = findAll(root, (e) => hasClass(e, 'legend-item'));
    expect(items).toHaveLength(14);
    const swatchDash = items.map(
      (it) => it.children.find((c) => c.name === 'path')?.attrs['stroke-dasharray'] ?? '',
    );
    expect(swatchDash).toEqual(looks.map((l) => l.split(' ').slice(1).join(' ')));
  });

  it('convergencePlot and contour trajectories cycle dashes after eight runs too', () => {
    const runs = Array.from({ length: 12 }, (_, i) => ({
      name: `lr = ${i}`,
      values: [10, 1, 0.1 * (i + 1)],
    }));
    const svg = convergencePlot({ runs });
    const dashed = findAll(
      parseXml(svg),
      (e) =>
        e.name === 'path' &&
        e.attrs['data-key']?.startsWith('r') === true &&
        e.attrs['stroke-dasharray'] !== undefined,
    );
    expect(dashed).toHaveLength(4);
    const ts = Array.from({ length: 10 }, (_, i) => ({
      name: `run ${i}`,
      x: [i / 10, i / 10 + 0.5],
      y: [0, 1],
    }));
    const c = contourPlot({ f: sphere, xDomain: [-1, 2], yDomain: [-1, 2], resolution: 6, trajectories: ts });
    expect(
      findAll(
        parseXml(c),
        (e) => hasClass(e, 'trajectory') && e.children.some((p) => p.attrs['stroke-dasharray']),
      ).length,
    ).toBe(2);
  });
});

describe('convergence iteration axis', () => {
  const run = (n: number): number[] => Array.from({ length: n }, (_, k) => 1 / (k + 1));
  const xTicks = (svg: string): string[] => {
    const labels = findAll(parseXml(svg), (e) => hasClass(e, 'tick-labels'))[0]!;
    return findAll(labels.children[0]!, (e) => e.name === 'text').map(textOf);
  };

  it('is logarithmic when iterations span more than two decades, linear otherwise, and overridable', () => {
    const log = convergencePlot({
      title: '1/k over 1,000 iterations',
      runs: [{ name: 'gd', values: run(1000) }],
    });
    expectSnapshot('convergence-log-iterations', log);
    expect(xTicks(log)).toEqual(['1', '10', '100', '1000']);
    expect(xTicks(convergencePlot({ runs: [{ values: run(100) }] }))).toContain('20');
    expect(xTicks(convergencePlot({ runs: [{ values: run(1000) }], xScale: 'linear' }))).toContain('200');
    // A thinned history from iteration 10 on spans 10 … 900: under two decades.
    const iter = Array.from({ length: 90 }, (_, k) => 10 * (k + 1));
    expect(xTicks(convergencePlot({ runs: [{ values: run(90), iter }] }))).toContain('200');
  });
});

describe('legends', () => {
  it('wrapText breaks at spaces and commas, never loses a character, and keeps to three lines', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[a-z0-9.=]{1,12}$/), { minLength: 1, maxLength: 12 }),
        (words) => {
          const text = words.join(', ');
          const lines = wrapText(text, 120, 11, 99);
          expect(lines.join(' ').replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
          expect(wrapText(text, 120, 11).length).toBeLessThanOrEqual(3);
        },
      ),
    );
  });

  it('a long label wraps onto more lines instead of being cut', () => {
    const name = 'matrix = hilbert, lr = 0.001, method = gradient descent with momentum, seed = 7';
    const svg = linePlot({
      series: [
        { name, x: [0, 1], y: [0, 1] },
        { name: 'lr = 0.01', x: [0, 1], y: [1, 0] },
      ],
      width: 400,
    });
    const legend = findAll(parseXml(svg), (e) => hasClass(e, 'legend'))[0]!;
    const texts = findAll(legend, (e) => e.name === 'text').map(textOf);
    expect(texts[0]!.replace(/\s+/g, '')).toBe(name.replace(/\s+/g, ''));
    expect(texts.join('')).not.toContain('…');
    expect(findAll(legend, (e) => e.name === 'tspan').length).toBeGreaterThan(1);
  });
});

describe('minima and overlapping trajectories', () => {
  it('contourPlot marks the minimum with a star and shifts runs lying on one line apart', () => {
    const svg = contourPlot({
      title: 'Three learning rates on one ray',
      f: sphere,
      xDomain: [-4.5, 4.5],
      yDomain: [-4.5, 4.5],
      trajectories: [0.1, 0.01, 1.0].map(notebookRun),
      minima: [{ x: 0, y: 0, label: 'f(0, 0) = 0' }],
      width: 520,
      height: 520,
    });
    expectSnapshot('contour-minimum-overlap', svg);
    const root = parseXml(svg);
    const stars = findAll(root, (e) => hasClass(e, 'minima'))[0]!.children;
    expect(stars).toHaveLength(1);
    const legend = findAll(root, (e) => hasClass(e, 'legend'))[0]!;
    expect(findAll(legend, (e) => e.name === 'text').map(textOf)).toContain('minimum');
    const moves = findAll(root, (e) => hasClass(e, 'trajectory')).map((g) => g.attrs.transform);
    expect(moves[0]).toBeUndefined();
    expect(moves.filter(Boolean)).toHaveLength(2);
    expect(new Set(moves).size).toBe(3);
  });

  it('runs that do not overlap stay where they are', () => {
    const svg = contourPlot({
      f: sphere,
      xDomain: [-2, 2],
      yDomain: [-2, 2],
      resolution: 6,
      trajectories: [
        { x: [-1.5, 1.5], y: [-1, -1] },
        { x: [-1.5, 1.5], y: [1, 1] },
      ],
    });
    expect(svg).not.toContain('translate(');
  });
});

describe('overlapping line series', () => {
  it('a solid series lying on an earlier one is dashed, in the plot and in the legend', () => {
    const x = Array.from({ length: 50 }, (_, i) => i);
    const svg = linePlot({
      title: 'Two methods with the same path',
      series: [
        { name: 'gd', x, y: x.map((t) => 0.9 ** t) },
        { name: 'gd, line search', x, y: x.map((t) => 0.9 ** t) },
        { name: 'momentum', x, y: x.map((t) => 0.7 ** t) },
      ],
      yScale: 'log',
    });
    expectSnapshot('line-overlap-dashed', svg);
    const root = parseXml(svg);
    const dashes = findAll(root, (e) => hasClass(e, 'series')).map(
      (g) => g.children.find((c) => c.name === 'path')!.attrs['stroke-dasharray'],
    );
    expect(dashes).toEqual([undefined, '6 4', undefined]);
    const swatch = findAll(root, (e) => hasClass(e, 'legend-item') && e.attrs['data-key'] === 's1')[0]!;
    expect(swatch.children.find((c) => c.name === 'path')!.attrs['stroke-dasharray']).toBe('6 4');
  });
});

describe('linePlot reduce', () => {
  // Three seeds per learning rate, in no order.
  const x = [0.1, 0.01, 0.1, 0.01, 0.1, 0.01, 0.001];
  const y = [3, 10, 1, 30, 2, 20, 50];
  const centre = (svg: string): [number, number][] =>
    decodePath(
      findAll(parseXml(svg), (e) => hasClass(e, 'series'))[0]!.children.find(
        (c) => c.name === 'path' && !hasClass(c, 'band'),
      )!.attrs.d!,
    )[0]!.points;

  it('draws the median through sorted x with an interquartile band by default', () => {
    const svg = linePlot({
      title: 'final f over 3 seeds',
      series: [{ name: 'gd', x, y, marker: true }],
      xScale: 'log',
      yScale: 'log',
    });
    expectSnapshot('line-reduce-median', svg);
    const root = parseXml(svg);
    expect(findAll(root, (e) => hasClass(e, 'band'))).toHaveLength(1);
    const tips = findAll(root, (e) => e.name === 'title').map(textOf);
    expect(tips).toContain('gd: x = 0.01, median 20 (IQR 15 – 25, n = 3)');
    expect(centre(svg)).toHaveLength(3);
  });

  it("'mean' gives mean ± sd, 'none' joins the points as given", () => {
    const mean = linePlot({ series: [{ name: 'gd', x, y, marker: true }], reduce: 'mean' });
    expect(findAll(parseXml(mean), (e) => e.name === 'title').map(textOf)).toContain(
      'gd: x = 0.1, mean 2 (± 0.8165, n = 3)',
    );
    const none = linePlot({ series: [{ x, y }], reduce: 'none' });
    expect(centre(none)).toHaveLength(7);
    expect(none).not.toContain('class="band"');
    expect(() => linePlot({ series: [{ x, y }], reduce: 'max' as never })).toThrow('invalid reduce: "max"');
  });
});

describe('heatmap outcomes and large grids', () => {
  const lrs = [0.001, 0.01, 0.1, 0.5, 1, 2];
  const starts = [-2, -1, 1, 2];
  const values = starts.map((s) => lrs.map((lr) => (lr >= 1 ? null : s * s * (1 - lr) ** 50)));
  const status = starts.map(() =>
    lrs.map((lr) => (lr >= 1 ? 'diverged' : lr <= 0.001 ? 'max-iter' : 'converged')),
  );

  it('a values heatmap hatches max-iter cells and draws diverged ones in their colour, cross-hatched', () => {
    const svg = heatmap({
      title: 'final f',
      x: lrs,
      xScale: 'log',
      y: starts,
      values,
      status,
      colorScale: 'log',
      xLabel: 'lr',
    });
    expectSnapshot('heatmap-status', svg);
    const root = parseXml(svg);
    expect(findAll(root, (e) => hasClass(e, 'hatch'))[0]!.children).toHaveLength(4);
    expect(findAll(root, (e) => hasClass(e, 'cross'))[0]!.children).toHaveLength(8);
    const cells = findAll(root, (e) => hasClass(e, 'cells'))[0]!.children;
    expect(cells.filter((c) => c.attrs.fill === outcomeColors.diverged)).toHaveLength(8);
    expect(findAll(root, (e) => hasClass(e, 'missing'))).toHaveLength(0);
    const legend = findAll(root, (e) => hasClass(e, 'legend'))[0]!;
    expect(findAll(legend, (e) => e.name === 'text').map(textOf)).toEqual(['max-iter (4)', 'diverged (8)']);
    expect(svg).toMatch(/<pattern id="v[0-9a-z]+-hatch"/);
    expect(() => heatmap({ x: lrs, y: starts, values, status: [['x']] })).toThrow('invalid status');
  });

  it('heatmap reads a null axis value as a band labelled none, and names empty cells by emptyLabel', () => {
    const svg = heatmap({
      x: [0.01, 0.1, 1],
      y: [1, 10, null],
      yLabel: 'kappa',
      values: [
        [1, 2, 3],
        [4, null, 6],
        [7, 8, 9],
      ],
      emptyLabel: 'not run',
    });
    const root = parseXml(svg);
    const labels = findAll(
      findAll(root, (e) => hasClass(e, 'tick-labels'))[0]!,
      (e) => e.name === 'text',
    ).map(textOf);
    expect(labels.slice(-3)).toEqual(['1', '10', 'none']);
    const missing = findAll(root, (e) => hasClass(e, 'missing'))[0]!;
    expect(findAll(missing, (e) => e.name === 'title').map(textOf)).toEqual(['x 0.1, kappa 10: not run']);
    const legend = findAll(root, (e) => hasClass(e, 'legend'))[0]!;
    expect(findAll(legend, (e) => e.name === 'text').map(textOf)).toEqual(['not run (1)']);
  });

  it('a raster heatmap on a log colour scale dots its zero cells through a mask and names empty ones', () => {
    const n = 120;
    const x = Array.from({ length: n }, (_, i) => i + 1);
    const values = x.map((_, j) => x.map((v, i) => (i === 5 ? 0 : (i + j) % 50 === 0 ? null : v)));
    const svg = heatmap({ x, y: x, values, colorScale: 'log', emptyLabel: 'not run' });
    const root = parseXml(svg);
    const image = findAll(root, (e) => hasClass(e, 'cells'))[0]!;
    // The hover readout's palette: the transparent entry reads "not run", the grey one "0 (…)".
    const colors = image.attrs['data-colors']!.split('|');
    expect(colors[0]).toBe('0,0,0,not run');
    expect(colors).toContain('212,212,212,0 (not on a log scale)');
    expect(findAll(root, (e) => e.name === 'mask' && /-mdots$/.test(e.attrs.id!))).toHaveLength(1);
    const mask = findAll(root, (e) => e.name === 'mask' && /-mdots$/.test(e.attrs.id!))[0]!;
    const png = decode(
      Buffer.from(findAll(mask, (e) => e.name === 'image')[0]!.attrs.href!.split(',')[1]!, 'base64'),
    );
    let on = 0;
    for (let k = 0; k < png.data.length; k++) if (png.data[k]! > 0) on++;
    expect(on).toBe(n);
  });

  it('a 1000 × 1000 outcome map is one PNG whose pixels are the cells, under thinned labels', () => {
    const n = 1000;
    const x = Array.from({ length: n }, (_, i) => 10 ** (-4 + (4 * i) / (n - 1)));
    const y = Array.from({ length: n }, (_, j) => `start ${j}`);
    const cat = (i: number, j: number): string =>
      i > 900 ? 'diverged' : (i + j) % 7 === 0 ? 'max-iter' : 'converged';
    const categories = y.map((_, j) => x.map((_, i) => cat(i, j)));
    const svg = heatmap({ title: 'outcomes', x, xScale: 'log', y, categories });
    expect(svg.length).toBeLessThan(5 * 1024 * 1024);
    const root = parseXml(svg);
    expect(
      findAll(root, (e) => e.name === 'rect' && !e.attrs.mask && e.attrs.fill?.startsWith('#') === true)
        .length,
    ).toBeLessThan(20);
    const image = findAll(root, (e) => e.name === 'image' && hasClass(e, 'cells'))[0]!;
    const png = decode(Buffer.from(image.attrs.href!.replace(/^data:image\/png;base64,/, ''), 'base64'));
    expect([png.width, png.height]).toEqual([n, n]);
    const colors = image.attrs['data-colors']!.split('|').map((e) => e.split(','));
    // Row 0 of the image is the top row of cells (j = n − 1).
    for (const [i, j] of [
      [0, 0],
      [950, 10],
      [7, 0],
      [500, 999],
      [1, 998],
    ] as const) {
      const k = png.data[(n - 1 - j) * n + i]!;
      expect(colors[k]![3], `cell ${i}, ${j}`).toBe(cat(i, j));
    }
    const yLabels = findAll(root, (e) => hasClass(e, 'tick-labels'))[0]!.children[1]!.children.filter((t) =>
      textOf(t),
    );
    expect(yLabels.length).toBeGreaterThan(5);
    expect(yLabels.length).toBeLessThan(45);
    expect(findAll(root, (e) => e.name === 'mask')).toHaveLength(2);
  });

  it('raster and vector cells agree on colours for the same small grid', () => {
    const base = { x: lrs, xScale: 'log' as const, y: starts, values, status, colorScale: 'log' as const };
    const vec = parseXml(heatmap(base));
    const ras = parseXml(heatmap({ ...base, raster: true }));
    const image = findAll(ras, (e) => e.name === 'image' && hasClass(e, 'cells'))[0]!;
    const png = decode(Buffer.from(image.attrs.href!.split(',')[1]!, 'base64'));
    const pal = png.palette!;
    const vecColors = new Set(
      findAll(vec, (e) => hasClass(e, 'cells'))[0]!.children.map((c) => c.attrs.fill!.toLowerCase()),
    );
    const hex = (c: number[]): string =>
      `#${c
        .slice(0, 3)
        .map((v) => v.toString(16).padStart(2, '0'))
        .join('')}`;
    const rasColors = new Set(Array.from(png.data, (k) => hex(pal[k]!)));
    // Quantised to 250 steps: each raster colour is within a step of a vector one.
    expect(rasColors.size).toBe(vecColors.size);
  });
});
