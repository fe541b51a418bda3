import { quantileSorted, ticks } from 'd3-array';
import { describe, expect, it } from 'vitest';
import { contourLevels } from '../src/_contours.ts';
import { contourPlot } from '../src/index.ts';
import { decodePath } from './_pathData.ts';
import { expectSnapshot } from './_snapshot.ts';
import { findAll, hasClass, parseXml } from './_xml.ts';

const sphere = (x: number, y: number): number => x * x + y * y;
const rosenbrock = (x: number, y: number): number => (1 - x) ** 2 + 100 * (y - x * x) ** 2;

/** The notebook's gradient_descent on function_2: x_history holds the 20 iterates before each step. */
function notebookHistory(lr: number, steps = 20): { x: number[]; y: number[] } {
  const x = [-3];
  const y = [4];
  for (let k = 1; k < steps; k++) {
    x.push(x[k - 1]! * (1 - 2 * lr));
    y.push(y[k - 1]! * (1 - 2 * lr));
  }
  return { x, y };
}

describe('contourPlot', () => {
  it('contourPlot draws the notebook figure: gradient descent for lr = 0.1, 0.01, 1.0 on x₀² + x₁²', () => {
    const svg = contourPlot({
      title: 'Gradient descent on f(x) = x₀² + x₁² from (−3, 4)',
      subtitle: '20 steps each; lr = 1.0 oscillates between (−3, 4) and (3, −4)',
      f: sphere,
      xDomain: [-3.5, 3.5],
      yDomain: [-4.5, 4.5],
      xLabel: 'x₀',
      yLabel: 'x₁',
      colorLabel: 'f(x)',
      axesLines: true,
      trajectories: [
        { name: 'lr = 0.1', ...notebookHistory(0.1), status: 'converged' },
        { name: 'lr = 0.01', ...notebookHistory(0.01), status: 'max-iter' },
        { name: 'lr = 1.0', ...notebookHistory(1.0), status: 'max-iter' },
      ],
    });
    expectSnapshot('contour-notebook-gd', svg);
    const root = parseXml(svg);
    expect(findAll(root, (e) => hasClass(e, 'trajectory'))).toHaveLength(3);
    const groups = findAll(root, (e) => hasClass(e, 'dots'));
    expect(groups.map((g) => g.attrs['data-run'])).toEqual(['0', '1', '2']);
    for (const g of groups) {
      // 20 iterates given → 20 dots drawn, each with its own tooltip.
      expect(g.children.filter((e) => e.name === 'circle')).toHaveLength(20);
      expect(g.children.every((e) => e.children[0]?.name === 'title')).toBe(true);
    }
  });

  it('contourPlot with levelScale "log" resolves the Rosenbrock valley', () => {
    const svg = contourPlot({
      title: 'Rosenbrock, log-spaced levels',
      f: rosenbrock,
      xDomain: [-2, 2],
      yDomain: [-1, 3],
      levelScale: 'log',
      levels: 14,
      colorLabel: 'f',
    });
    expectSnapshot('contour-rosenbrock-log', svg);
  });
});

/** The plot area of a plot with a box frame, from its `path.domain`: [x0, y0, x1, y1] in pixels. */
function plotBox(svg: string): [number, number, number, number] {
  const m = /class="domain" d="M([\d.]+),([\d.]+)H([\d.]+)V([\d.]+)/.exec(svg)!;
  return [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
}

describe('contourPlot structure', () => {
  it('contourPlot of the sphere has closed rings around the origin at radius √level', () => {
    const svg = contourPlot({
      f: sphere,
      xDomain: [-2, 2],
      yDomain: [-2, 2],
      levels: [0.5, 1, 2, 3],
      filled: false,
    });
    const [x0, y0, x1, y1] = plotBox(svg);
    const toData = ([px, py]: [number, number]): [number, number] => [
      -2 + (4 * (px - x0)) / (x1 - x0),
      2 - (4 * (py - y0)) / (y1 - y0),
    ];
    const paths = findAll(
      parseXml(svg),
      (e) => e.name === 'path' && e.children[0]?.name === 'title' && /^value = /.test(e.children[0].text),
    );
    expect(paths.map((p) => p.children[0]!.text)).toEqual([
      'value = 0.5',
      'value = 1',
      'value = 2',
      'value = 3',
    ]);
    for (const p of paths) {
      const level = Number(p.children[0]!.text.slice('value = '.length));
      const rings = decodePath(p.attrs.d!);
      expect(rings).toHaveLength(1);
      expect(rings[0]!.closed).toBe(true);
      expect(rings[0]!.points.length).toBeGreaterThan(16);
      const xs: number[] = [];
      const ys: number[] = [];
      for (const pt of rings[0]!.points) {
        const [x, y] = toData(pt);
        xs.push(x);
        ys.push(y);
        // Linear interpolation of x² + y² between nodes 0.04 apart, Douglas–Peucker within 0.25 px
        // and 0.01-px rounding: within 5e-4 of the exact radius.
        expect(Math.abs(Math.hypot(x, y) - Math.sqrt(level))).toBeLessThan(5e-4);
      }
      // Centred on the origin: the ring's bounding box is symmetric.
      expect(Math.abs(Math.min(...xs) + Math.max(...xs))).toBeLessThan(0.01);
      expect(Math.abs(Math.min(...ys) + Math.max(...ys))).toBeLessThan(0.01);
    }
  });

  it('contourPlot levels: log spacing resolves the Rosenbrock valley where linear spacing cannot', () => {
    const levelsOf = (svg: string): number[] =>
      [...svg.matchAll(/<title>f ≥ ([^<]+)<\/title>/g)].map((m) => Number(m[1]!.replace('e', 'e+')));
    const common = {
      f: rosenbrock,
      xDomain: [-2, 2],
      yDomain: [-1, 3],
      levels: 14,
      colorLabel: 'f',
    } as const;
    const linear = levelsOf(contourPlot(common));
    const log = levelsOf(contourPlot({ ...common, levelScale: 'log' }));
    // f ranges over [0, 2509] on this box: linear levels step by 200, the valley (f < 10) gets none.
    expect(linear.filter((l) => l < 10)).toEqual([]);
    expect(linear[0]).toBe(200);
    expect(log.filter((l) => l < 10).length).toBeGreaterThanOrEqual(5);
    expect(log.length).toBeGreaterThanOrEqual(12);
    for (let i = 1; i < log.length; i++) expect(log[i]! / log[i - 1]!).toBeGreaterThan(1.3);
  });

  it('contourPlot survives NaN and ±∞ in f and in trajectories: holes and gaps, never NaN', () => {
    const svg = contourPlot({
      title: 'log(x) + y² with a pole',
      f: (x, y) => (x === 0 ? Number.POSITIVE_INFINITY : Math.log(x) + y * y),
      xDomain: [-1, 1],
      yDomain: [-1, 1],
      levelScale: 'quantile',
      trajectories: [
        {
          name: 'gaps',
          x: [-0.5, Number.NaN, 0.2, 0.3, Number.POSITIVE_INFINITY, 0.5],
          y: [0.5, 0, 0.2, 0.3, 1, -0.5],
        },
        { name: 'blown up', x: [0.1, 1e200, -1e308], y: [0.1, 1e200, 1e308], status: 'diverged' },
        { name: 'empty', x: [], y: [] },
      ],
    });
    parseXml(svg);
    expect(svg).not.toMatch(/NaN|Infinity/);
    const root = parseXml(svg);
    const dots = findAll(root, (e) => hasClass(e, 'dots'));
    // 4 finite points inside the box for the first run; 1 for the second.
    expect(dots.map((g) => g.children.length)).toEqual([4, 1]);
  });

  it('contour levels are those of sorting a plain array with a comparator (the typed-array sort keeps them)', () => {
    // The levels as they were computed before: a number[] sorted by (a, b) => a − b.
    const roundSig = (v: number, digits: number): number => {
      if (v === 0 || !Number.isFinite(v)) return v;
      const e = digits - 1 - Math.floor(Math.log10(Math.abs(v)));
      return e >= 0 ? Math.round(v * 10 ** e) / 10 ** e : Math.round(v / 10 ** -e) * 10 ** -e;
    };
    const reference = (
      values: ArrayLike<number>,
      count: number,
      scale: 'linear' | 'log' | 'quantile',
    ): number[] => {
      const finite = Array.from(values).filter(Number.isFinite);
      if (finite.length === 0) return [];
      finite.sort((a, b) => a - b);
      const lo = finite[0]!;
      const hi = finite.at(-1)!;
      if (lo === hi) return [];
      let t: number[];
      if (scale === 'linear') t = ticks(lo, hi, count);
      else if (scale === 'quantile')
        t = Array.from({ length: count }, (_, k) =>
          roundSig(quantileSorted(finite, (k + 1) / (count + 1))!, 3),
        );
      else {
        const range = hi - lo;
        const above = finite.filter((v) => v > lo).map((v) => v - lo);
        const delta = Math.max(quantileSorted(above, 0.01) ?? range * 1e-3, range * 1e-12);
        const a = Math.log(delta);
        const b = Math.log(range);
        t = Array.from({ length: count }, (_, k) => roundSig(lo + Math.exp(a + ((b - a) * k) / count), 2));
      }
      return [...new Set(t)].filter((v) => v > lo && v < hi).sort((p, q) => p - q);
    };
    let seed = 7;
    const random = (): number => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const fields: Float64Array[] = [];
    for (const f of [sphere, rosenbrock, (x: number, y: number) => Math.sin(3 * x) * Math.cos(2 * y) - 0.5]) {
      const v = new Float64Array(60 * 60);
      for (let j = 0; j < 60; j++) for (let i = 0; i < 60; i++) v[j * 60 + i] = f(-2 + i / 15, -1 + j / 20);
      fields.push(v);
    }
    // Ties at the minimum, −0 and 0, non-finite cells, wide magnitudes.
    fields.push(
      Float64Array.from({ length: 500 }, (_, i) =>
        i % 7 === 0 ? -0 : i % 11 === 0 ? 0 : i % 13 === 0 ? Number.NaN : (random() - 0.2) * 10 ** (i % 9),
      ),
    );
    fields.push(
      Float64Array.from({ length: 300 }, (_, i) =>
        i % 5 === 0 ? Number.POSITIVE_INFINITY : 1 + random() * 1e-9,
      ),
    );
    for (const v of fields)
      for (const scale of ['linear', 'log', 'quantile'] as const)
        for (const count of [1, 5, 12])
          expect(contourLevels(v, count, scale)).toEqual(reference(v, count, scale));
  });

  it('contourPlot quantile levels split the values into equal counts', () => {
    const values = Float64Array.from({ length: 1000 }, (_, i) => (i + 1) ** 3);
    // d3's quantiles interpolate between order statistics: (n − 1) p = 249.75 → 1.58e7, …; 3 digits.
    expect(contourLevels(values, 3, 'quantile')).toEqual([1.58e7, 1.25e8, 4.22e8]);
  });

  it('contourPlot draws a sampled grid (nodes on the domain) like the function it samples', () => {
    const n = 41;
    const values = new Float64Array(n * n);
    for (let j = 0; j < n; j++)
      for (let i = 0; i < n; i++) values[j * n + i] = sphere(-2 + i / 10, -2 + j / 10);
    const fromGrid = contourPlot({
      grid: { values, nx: n, ny: n },
      xDomain: [-2, 2],
      yDomain: [-2, 2],
      levels: [1],
    });
    const fromF = contourPlot({ f: sphere, resolution: n, xDomain: [-2, 2], yDomain: [-2, 2], levels: [1] });
    expect(fromGrid).toBe(fromF);
  });

  it('contourPlot keeps the start/end key in the legend and summarises runs that do not fit', () => {
    const legendTexts = (svg: string): string[] =>
      findAll(findAll(parseXml(svg), (e) => hasClass(e, 'legend'))[0]!, (e) => e.name === 'text').map(
        (e) => e.text,
      );
    const long = Array.from({ length: 12 }, (_, k) => ({
      name: `a rather long run name number ${k}`,
      x: [k / 12, 0],
      y: [1, 0],
    }));
    const narrow = legendTexts(
      contourPlot({ f: sphere, xDomain: [-1, 1], yDomain: [-1, 1], width: 360, trajectories: long }),
    );
    expect(narrow.slice(0, 2)).toEqual(['start', 'end']);
    expect(narrow.at(-1)).toMatch(/^\+\d+ more$/);
    const many = Array.from({ length: 40 }, (_, k) => ({
      x: [k / 40, 0],
      y: [1, 0],
      status: k < 30 ? 'converged' : 'diverged',
    }));
    const svg = contourPlot({ f: sphere, xDomain: [-1, 1], yDomain: [-1, 1], trajectories: many });
    expect(legendTexts(svg)).toEqual(['start', 'end', 'failed', '40 runs']);
    expect(svg).toContain('<title>40 runs, one colour each: 30 converged, 10 diverged</title>');
  });

  it('contourPlot rejects bad input, naming the argument and the value', () => {
    expect(() => contourPlot({ xDomain: [-1, 1], yDomain: [-1, 1] })).toThrow(
      new TypeError('invalid f: undefined (contourPlot needs f or grid)'),
    );
    expect(() => contourPlot({ f: sphere, xDomain: [1, 1], yDomain: [-1, 1] })).toThrow(
      /^invalid xDomain: \[1, 1\]/,
    );
    expect(() => contourPlot({ f: sphere })).toThrow(RangeError);
    expect(() => contourPlot({ grid: { values: [1, 2, 3], nx: 2, ny: 2 } })).toThrow(
      /^invalid grid\.values: \[1, 2, 3\] \(length 3, expected nx × ny = 4\)/,
    );
    expect(() =>
      contourPlot({ f: sphere, xDomain: [-1, 1], yDomain: [-1, 1], levelScale: 'cubic' as never }),
    ).toThrow(/^invalid levelScale: "cubic"/);
    expect(() => contourPlot({ f: sphere, xDomain: [-1, 1], yDomain: [-1, 1], resolution: 0 })).toThrow(
      /^invalid resolution: 0/,
    );
    expect(() =>
      contourPlot({ f: sphere, xDomain: [-1, 1], yDomain: [-1, 1], trajectories: [{ x: [1, 2], y: [1] }] }),
    ).toThrow(/^invalid trajectories\[0\]\.y: \[1\] \(length 1, but x has length 2\)/);
    expect(() => contourPlot({ f: 'x*x' as never, xDomain: [-1, 1], yDomain: [-1, 1] })).toThrow(TypeError);
  });
});
