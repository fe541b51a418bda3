import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { escapeHtml } from '@numcomp/viz';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accessor, brief, matches } from '../src/aggregate/accessor.ts';
import { SweepAggregator } from '../src/aggregate/aggregator.ts';
import { defineExperiment } from '../src/experiment/defineExperiment.ts';
import { values } from '../src/experiment/values.ts';
import { parseOverrides } from '../src/plan/parseOverride.ts';
import { planSweep } from '../src/plan/planSweep.ts';
import { writeIndex, writePage } from '../src/report/writeReport.ts';
import type { RunRecord } from '../src/types.ts';
import { pageOf } from './_report.ts';

const rec = (over: Partial<RunRecord>): RunRecord => ({
  id: 'abc',
  params: { lr: 0.1, x0: [-3, 4], objective: 'sphere' },
  status: 'converged',
  time: 1,
  ...over,
});

describe('accessor', () => {
  it('reads parameters, indexed parameters, record fields and values', () => {
    const r = rec({ fun: 2, x: [1, 2], values: { err: 3, nested: { a: [5] } } });
    expect(accessor('lr')(r)).toBe(0.1);
    expect(accessor('x0[1]')(r)).toBe(4);
    expect(accessor('fun')(r)).toBe(2);
    expect(accessor('x[0]')(r)).toBe(1);
    expect(accessor('status')(r)).toBe('converged');
    expect(accessor('err')(r)).toBe(3);
    expect(accessor('values.nested.a[0]')(r)).toBe(5);
    expect(accessor('params.lr')(r)).toBe(0.1);
    expect(accessor('missing')(r)).toBeUndefined();
  });

  it('a parameter named like a record field wins over the field (it is what the user swept)', () => {
    expect(accessor('time')(rec({ params: { time: 7 } }))).toBe(7);
  });

  it('matches filters on parameters and results, with { in: [...] } sets and points', () => {
    const r = rec({ fun: 2 });
    expect(matches(r, { lr: 0.1, status: 'converged' })).toBe(true);
    expect(matches(r, { lr: { in: [0.01, 0.1] } })).toBe(true);
    expect(matches(r, { x0: [-3, 4] })).toBe(true);
    expect(matches(r, { x0: [3, 4] })).toBe(false);
    expect(matches(r, { status: { in: ['diverged'] } })).toBe(false);
  });

  it('brief prints 4 significant digits and points in parentheses', () => {
    expect(brief(0.046415888336127774)).toBe('0.04642');
    expect(brief(1e-8)).toBe('1e-8');
    expect(brief([-3, 4])).toBe('(-3, 4)');
    expect(brief(1000)).toBe('1000');
    expect(brief(Number.POSITIVE_INFINITY)).toBe('Infinity');
  });
});

describe('renderReport', () => {
  const def = defineExperiment({
    id: 'xss',
    title: '<img src=x onerror=alert(1)>',
    description: 'First paragraph.\n\nSecond <b>paragraph</b>.',
    objective: 'sphere',
    optimizer: { x0: [1, 1], maxIter: 3 },
    grid: { lr: values(0.01, 0.1, 1), maxIter: values(1, 2) },
    report: (records) => [
      {
        title: 'From the hook',
        text: `${records.length} records`,
        table: { columns: ['a', 'b'], rows: [[1, [2, 3]]] },
        figures: [
          {
            type: 'line',
            x: 't',
            y: 'v',
            data: [
              { t: 0, v: 1 },
              { t: 1, v: 2 },
            ],
          },
        ],
      },
    ],
  });
  const plan = planSweep(def);
  const statuses = ['converged', 'max-iter', 'diverged'] as const;
  const records: RunRecord[] = Array.from({ length: plan.count }, (_, i) => plan.runAt(i)).map((r, i) => ({
    id: r.id,
    params: JSON.parse(r.params),
    status: statuses[i % 3]!,
    time: 1,
    fun: i === 5 ? Number.POSITIVE_INFINITY : 10 ** -i,
    nit: i,
    x: [i, -i],
    trajectory: {
      iter: [0, 1],
      x: [
        [1, 1],
        [0.5, 0.5],
      ],
      f: [2, 0.5],
      gradNorm: [2.8, 1.4],
    },
  }));
  const html = pageOf(def, records);

  it('escapes the experiment’s text', () => {
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<b>paragraph</b>');
  });

  it('draws the default plots of a 2-D sweep over two axes, and the hook’s section', () => {
    for (const t of [
      'Trajectories',
      'Convergence',
      'Outcome over lr × maxIter',
      'Final f over lr × maxIter',
      'Best runs',
    ]) {
      expect(html).toContain(`>${t}</h2>`);
    }
    expect(html).toContain('>From the hook</h2>');
    expect(html).toContain('6 records');
    expect(html).not.toContain('could not be drawn');
    // one <svg> per plot: contour, convergence, three heatmaps, the hook's line plot
    expect(html.match(/<svg\b/g)?.length).toBeGreaterThanOrEqual(6);
  });

  it('the best-runs table lists converged runs first, then the others, each by final f (five of them)', () => {
    const best = html.slice(html.indexOf('Best runs (converged first'));
    // fun = 10^-i for run i, converged when i % 3 = 0 (run 5: Infinity, left out): x = (i, -i) identifies the run.
    const order = ['(3, -3)', '(0, 0)', '(4, -4)', '(2, -2)', '(1, -1)'].map((s) => best.indexOf(`>${s}<`));
    expect(best.indexOf('>(5, -5)<')).toBe(-1);
    expect(order.every((p) => p > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('a plot that cannot be drawn leaves a note instead of failing the report', () => {
    const bad = { ...def, plots: [{ type: 'line' as const, x: 'status', y: 'fun' }], report: undefined };
    const out = pageOf(bad, records);
    expect(out).toContain('No numeric status to plot against.');
  });
});

describe('renderReport: a sweep that overrides what a curated plot names', () => {
  const def = defineExperiment({
    id: 'ov',
    title: 'ov',
    description: '',
    objective: 'sphere',
    optimizer: { x0: [1, 1], maxIter: 20 },
    grid: { lr: values(0.1, 0.5) },
    plots: [
      { type: 'line', title: 'Final f after 20 steps', x: 'lr', y: 'fun', where: { maxIter: 20 } },
      { type: 'convergence', title: 'f against step, 20 steps', where: { maxIter: 20 } },
      { type: 'table', title: 'Runs from (1, 1)', columns: ['lr', 'fun'] },
      { type: 'line', title: 'Steps against lr', x: 'lr', y: 'nit' },
    ],
  });
  const overrides = ['maxIter=5'];
  const plan = planSweep(def, parseOverrides(overrides));
  const records: RunRecord[] = Array.from({ length: plan.count }, (_, i) => plan.runAt(i)).map((r, i) => ({
    id: r.id,
    params: JSON.parse(r.params),
    status: 'max-iter',
    time: 1,
    fun: 2 ** -i,
    nit: 5,
  }));
  const html = pageOf(def, records, overrides);

  it('the overview says which overrides made the page and that the words describe the experiment as defined', () => {
    const overview = html.slice(html.indexOf('>Overview</h2>'));
    expect(overview.slice(0, overview.indexOf('</section>'))).toContain(
      'This sweep overrides maxIter=5: the words above',
    );
  });

  it("draws a plot whose filter value the sweep replaced at the sweep's nearest value, and says so", () => {
    const section = html.slice(html.indexOf('>Final f after 20 steps</h2>'));
    expect(section).toContain(
      'Drawn for maxIter = 5, the nearest this sweep has: the plot is meant for maxIter = 20, and the numbers in its title and caption speak of those.',
    );
    expect(section.slice(0, section.indexOf('</section>'))).toContain('<svg');
  });

  it('a plot that needs trajectories of runs the overrides left out is planned for the nearest values, and says so', () => {
    expect(html).toContain(
      'Drawn for maxIter = 5, the nearest this sweep has: the plot is meant for maxIter = 20, and the numbers in its title and caption speak of those.',
    );
    expect(html).not.toContain('Not drawn for this sweep');
  });

  it("an experiment's own plot that does not lay out the overridden parameter says that its words describe the experiment as defined", () => {
    const section = html.slice(html.indexOf('>Runs from (1, 1)</h2>'));
    expect(section.slice(0, section.indexOf('</section>'))).toContain(
      'This sweep overrides maxIter = 5: numbers in this title and caption describe the experiment as defined.',
    );
    // Words that state no number cannot go stale.
    const steps = html.slice(html.indexOf('>Steps against lr</h2>'));
    expect(steps.slice(0, steps.indexOf('</section>'))).not.toContain('This sweep overrides');
  });
});

describe("renderReport: the experiment's report hook", () => {
  it("prints the non-finite numbers of a section (a diverged run's residual) instead of failing the section", () => {
    const def = defineExperiment({
      id: 'nf',
      title: 'nf',
      description: '',
      grid: { h: values(1, 2) },
      run: () => ({}),
      report: () => [
        {
          title: 'Residuals',
          table: {
            columns: ['run', 'residual'],
            rows: [
              ['a', Number.POSITIVE_INFINITY],
              ['b', Number.NaN],
              ['c', 0.5],
            ],
          },
        },
      ],
    });
    const html = pageOf(def, [
      { id: '0', params: { h: 1 }, status: 'ok', time: 0 },
      { id: '1', params: { h: 2 }, status: 'ok', time: 0 },
    ]);
    expect(html).not.toContain('report() failed');
    const section = html.slice(html.indexOf('>Residuals</h2>'));
    expect(section).toContain('>∞<');
    expect(section).toContain('>0.5<');
  });
});

/** The page of a one-run experiment whose report hook is `report` (its fields labelled by `labels`). */
const hooked = (report: () => unknown, labels?: Record<string, string>) =>
  pageOf(
    defineExperiment({
      id: 'hk',
      title: 'hk',
      description: '',
      ...(labels ? { labels } : {}),
      grid: { h: values(1) },
      run: () => ({}),
      report: report as never,
    }),
    [{ id: '0', params: { h: 1 }, status: 'ok', time: 0 }],
  );

describe('renderReport: what the report hook returns is checked in one walk', () => {
  const map = (value: (i: number, j: number) => unknown) =>
    Array.from({ length: 400 }, (_, k) => ({
      x: k % 20,
      y: Math.floor(k / 20),
      v: value(k % 20, Math.floor(k / 20)),
    }));

  /** A section of one heat map of `data`. */
  const mapSection = (data: unknown) => [
    { title: 'Map', figures: [{ type: 'heatmap', x: 'x', y: 'y', value: 'v', data }] },
  ];

  it('a figure whose data holds non-finite numbers is drawn, not refused', () => {
    const html = hooked(() => mapSection(map((i, j) => (i === j ? Number.POSITIVE_INFINITY : i + j))));
    expect(html).not.toContain('report() failed');
    expect(html.slice(html.indexOf('>Map</h2>'))).toContain('<svg');
  });

  it('names the first bad row and the bad part of a row, with its path', () => {
    const notRow = hooked(() => mapSection([{ x: 1, y: 1, v: 1 }, [1, 2]]));
    expect(notRow).toContain(
      escapeHtml(
        "The experiment's report() failed: 0.figures.0.data.1: Invalid input: expected record, received array",
      ),
    );
    const badValue = hooked(() => mapSection(map((i, j) => (i === 3 && j === 2 ? { at: [1, () => 0] } : 1))));
    expect(badValue).toContain(
      escapeHtml('report() failed: 0.figures.0.data.43.v.at.1: expected a plain JSON value'),
    );
    const badCell = hooked(() => [{ title: 'T', table: { columns: ['a'], rows: [[1], [new Date(0)]] } }]);
    expect(badCell).toContain(escapeHtml('report() failed: 0.table.rows.1.0: expected a plain JSON value'));
    const notArrayRow = hooked(() => [{ title: 'T', table: { columns: ['a'], rows: [[1], 'b'] } }]);
    expect(notArrayRow).toContain(
      escapeHtml('report() failed: 0.table.rows.1: Invalid input: expected array, received string'),
    );
  });
});

describe('renderReport: a heatmap of the report hook given as a grid', () => {
  const labelled = (report: () => unknown) => hooked(report, { v: 'value', lr1: 'lr₁' });
  /** The section the hook returned, from its title on. */
  const section = (html: string): string => html.slice(html.indexOf('>Map</h2>'), html.indexOf('<footer'));
  const axis = (n: number, log: boolean) =>
    Array.from({ length: n }, (_, i) => (log ? 10 ** (-2 + (4 * i) / n) : -1 + (3 * i) / n));

  /**
   * The section of an nx × ny grid figure and that of the same cells as rows, as a page draws them: the
   * same but for the rows' status (inline rows are runs with status ok, which a small map's tooltips
   * name) and the SVG's ids (a hash of its text).
   */
  const both = (o: {
    nx: number;
    ny: number;
    logX: boolean;
    logY: boolean;
    logValue: boolean;
    numeric: boolean;
    overlay: boolean;
    seed: number;
  }): [string, string] => {
    const labels = ['converged', 'diverged', 'max-iter', 'a basin', null] as const;
    let s = o.seed;
    const rand = (): number => {
      s = (s * 16807) % 2147483647;
      return s / 2147483647;
    };
    const x = axis(o.nx, o.logX);
    const y = axis(o.ny, o.logY);
    const cells = Array.from({ length: o.nx * o.ny }, () => {
      const u = rand();
      if (!o.numeric) return labels[Math.floor(u * labels.length)]!;
      return u < 0.1 ? Number.NaN : u < 0.15 ? -0 : o.logValue ? 10 ** (6 * u - 3) : 100 * u - 40;
    });
    const spec = {
      type: 'heatmap',
      x: 'lr1',
      y: 'lr2',
      value: 'v',
      logX: o.logX,
      logY: o.logY,
      ...(o.numeric ? { logValue: o.logValue } : {}),
      ...(o.overlay ? { overlays: [{ type: 'vline', x: x[3], label: 'here' }] } : {}),
    };
    const rows = cells.map((v, k) => ({ lr1: x[k % o.nx], lr2: y[Math.floor(k / o.nx)], v }));
    const asRows = labelled(() => [{ title: 'Map', figures: [{ ...spec, data: rows }] }]);
    const values = o.numeric && rand() < 0.5 ? Float64Array.from(cells as number[]) : cells;
    const asGrid = labelled(() => [{ title: 'Map', figures: [{ ...spec, grid: { x, y, values } }] }]);
    const ids = (html: string) => html.replace(/\bv[0-9a-z]+(?=-)/g, 'vID');
    return [ids(section(asGrid)), ids(section(asRows).replaceAll(' (ok)</title>', '</title>'))];
  };
  const same = ([got, want]: [string, string]): void => {
    expect(got).toContain('<svg');
    let at = 0;
    while (at < got.length && got[at] === want[at]) at++;
    expect(got.slice(at - 80, at + 80)).toBe(want.slice(at - 80, at + 80));
    expect(got.length).toBe(want.length);
  };

  it('draws the page its cells would as rows: axes, scales, colours, legend, empty cells and overlays', () => {
    fc.assert(
      fc.property(
        fc.record({
          nx: fc.integer({ min: 13, max: 40 }),
          ny: fc.integer({ min: 13, max: 30 }),
          logX: fc.boolean(),
          logY: fc.boolean(),
          logValue: fc.boolean(),
          numeric: fc.boolean(),
          overlay: fc.boolean(),
          seed: fc.integer({ min: 1, max: 2 ** 30 }),
        }),
        (o) => same(both(o)),
      ),
      { numRuns: 25 },
    );
  }, 60_000);

  it('as one image above 10⁴ cells, the same as rows too', () => {
    const o = { nx: 120, ny: 100, logX: true, logY: false, logValue: true, overlay: true, seed: 7 };
    for (const numeric of [true, false]) {
      const [got, want] = both({ ...o, numeric });
      expect(got).toContain('data:image/png;base64,');
      same([got, want]);
    }
  }, 60_000);

  it('a map of 10⁶ cells is one image of a pixel a cell, its empty cells named by emptyLabel', () => {
    const n = 1000;
    const x = axis(n, true);
    const values = Array.from({ length: n * n }, (_, k) =>
      k % n < 10 ? null : (k % n) + Math.floor(k / n) > n ? 'diverges' : 'trains',
    );
    const html = labelled(() => [
      {
        title: 'Map',
        figures: [
          {
            type: 'heatmap',
            x: 'lr1',
            y: 'lr2',
            value: 'v',
            logX: true,
            grid: { x, y: x, values, emptyLabel: 'not run' },
          },
        ],
      },
    ]);
    const images = [...section(html).matchAll(/href="data:image\/png;base64,([^"]+)"/g)].map((m) =>
      Buffer.from(m[1]!, 'base64'),
    );
    // The cells' image (masks and the like aside): its header gives its size.
    const sizes = images.map((png) => [png.readUInt32BE(16), png.readUInt32BE(20)]);
    expect(sizes).toContainEqual([n, n]);
    expect(section(html)).toContain('not run');
    expect(section(html)).toContain('diverges');
  });

  it('names what is wrong with a grid, with its path', () => {
    const grid = (g: unknown, extra: object = {}) =>
      labelled(() => [
        { title: 'Map', figures: [{ type: 'heatmap', x: 'a', y: 'b', value: 'v', ...extra, grid: g }] },
      ]);
    const failed = (html: string, message: string) =>
      expect(html).toContain(escapeHtml(`The experiment's report() failed: ${message}`));
    failed(
      grid({ x: [1, 2], y: [1, 2, 3], values: [1, 2, 3, 4, 5] }),
      '0.figures.0.grid.values: 5 values for 2 × 3 cells: expected x.length × y.length = 6',
    );
    failed(
      grid({ x: [1, 3, 2], y: [1], values: [1, 2, 3] }),
      '0.figures.0.grid.x: x[2] is 2 after 3: expected strictly increasing values',
    );
    failed(
      grid({ x: [0, 1], y: [1], values: [1, 2] }, { logX: true }),
      '0.figures.0.grid.x: x[0] is 0: expected > 0 on a log axis',
    );
    failed(
      grid({ x: [1, 2], y: [1], values: [1, 'a'] }),
      '0.figures.0.grid.values: values[1] is "a": expected a number, as values[0]',
    );
    failed(
      grid({ x: [1, 2], y: [1], values: [1, 2], colors: 3 }),
      '0.figures.0.grid: unknown key colors (a grid has x, y, values, emptyLabel)',
    );
    failed(grid({ x: [1, 2], y: [1], values: [1, 2] }, { reduce: 'max' }), '0.figures.0');
  });
});

describe('renderReport: failed runs', () => {
  it('the overview says why runs failed: each message with its count and one run', () => {
    const def = defineExperiment({
      id: 'f',
      title: 'f',
      description: '',
      grid: { h: values(1, 2, 3) },
      run: () => ({}),
    });
    const message = 'RangeError: invalid method: "gd" (expected one of central, forward)';
    const html = pageOf(def, [
      { id: '0', params: { h: 1 }, status: 'error', time: 0, message },
      { id: '1', params: { h: 2 }, status: 'error', time: 0, message },
      { id: '2', params: { h: 3 }, status: 'ok', time: 0 },
    ]);
    expect(html).toContain('Why runs failed (2 runs)');
    expect(html).toContain(escapeHtml(message));
    expect(html).toContain(escapeHtml('{"h":1}'));
  });
});

describe('SweepAggregator: why runs failed, counted over every run (not a sample)', () => {
  it('counts each message over 10⁵ runs (failures past the first 200 included), keeps the first 50 messages, most runs first', () => {
    const def = defineExperiment({
      id: 'g',
      title: 'g',
      description: '',
      grid: { h: values(1) },
      run: () => ({}),
    });
    const agg = new SweepAggregator(def, [], 100_000, { keepRecords: 0 });
    for (let i = 0; i < 100_000; i++) {
      // ok runs first; then 300 runs of message A, 40 of B, and 60 runs of 60 distinct messages.
      const status = i < 99_600 ? 'ok' : 'error';
      const message = i < 99_900 ? 'A' : i < 99_940 ? 'B' : `C${i}`;
      agg.add(
        { id: String(i), params: { h: i }, status, time: 0, ...(status === 'error' ? { message } : {}) },
        i,
      );
    }
    const a = agg.finish();
    expect(a.sample.some((r) => r.status === 'error')).toBe(false);
    expect(a.failures.slice(0, 2).map((g) => [g.message, g.runs, g.example])).toEqual([
      ['A', 300, { h: 99_600 }],
      ['B', 40, { h: 99_900 }],
    ]);
    expect(a.failures).toHaveLength(50);
    expect(a.failuresElsewhere).toBe(60 - 48);
    expect(a.failures.reduce((n, g) => n + g.runs, 0) + a.failuresElsewhere).toBe(400);
  });
});

describe('the report index', () => {
  it("lists the chapter's figures first, in the book's order, each linking the latest sweep that redraws it", () => {
    const out = mkdtempSync(join(tmpdir(), 'numcomp-index-'));
    try {
      const sweepOf = (id: string, figures: string[], started: string, sweep = 'default'): void => {
        const dir = join(out, id, sweep);
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, 'index.html'), '<!-- numcomp -->');
        const summary = {
          id,
          title: `Title of ${id}`,
          description: 'Words.',
          order: null,
          figures,
          sweep,
          runs: 1,
          swept: [],
          statuses: { ok: 1 },
          best: [],
          time: { totalMs: 1 },
          provenance: { started, overrides: [] },
        };
        writeFileSync(join(dir, 'summary.json'), JSON.stringify(summary));
      };
      sweepOf('canyon', ['4.6'], '2026-12-05T10:00:00.000Z');
      sweepOf('critical-points', ['4.2', '4.5'], '2026-12-05T10:00:00.000Z');
      sweepOf('critical-points', ['4.2', '4.5'], '2026-12-05T11:00:00.000Z', 'lr=0.1-abc');
      sweepOf('plain', [], '2026-12-05T10:00:00.000Z');
      writeFileSync(join(out, 'canyon', 'index.html'), '<!-- numcomp -->');
      writeFileSync(join(out, 'critical-points', 'index.html'), '<!-- numcomp -->');
      writeFileSync(join(out, 'plain', 'index.html'), '<!-- numcomp -->');
      const html = readFileSync(writeIndex(out), 'utf8');
      const at = (s: string): number => html.indexOf(s);
      expect(at('Figure 4.2 · Title of critical-points')).toBeGreaterThan(0);
      expect(at('Figure 4.2 ·')).toBeLessThan(at('Figure 4.5 ·'));
      expect(at('Figure 4.5 ·')).toBeLessThan(at('Figure 4.6 ·'));
      // Figures before the experiments' own cards; the newest sweep is linked.
      expect(at('Figure 4.6 ·')).toBeLessThan(at('>Title of plain<'));
      expect(html).toContain('critical-points/lr%3D0.1-abc/index.html');
      expect(html).not.toContain('Figure  ·');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('writePage', () => {
  const MARK = '<meta name="generator" content="@numcomp/viz">';
  it('overwrites a page numcomp wrote (its mark in the first 4 KiB), and refuses any other file, leaving it as it was', () => {
    const dir = mkdtempSync(join(tmpdir(), 'numcomp-page-'));
    try {
      const ours = join(dir, 'ours.html');
      writeFileSync(ours, `<!doctype html><head>${MARK}</head><body>${'é'.repeat(3_000_000)}</body>`);
      writePage(ours, `<!doctype html><head>${MARK}</head><body>new</body>`);
      expect(readFileSync(ours, 'utf8')).toContain('<body>new</body>');
      const foreign = join(dir, 'foreign.html');
      // The mark past the first 4 KiB does not count: a page numcomp writes has it in its head.
      const text = `<!doctype html><p>${'x'.repeat(5000)}</p>${MARK}`;
      writeFileSync(foreign, text);
      expect(() => writePage(foreign, 'page')).toThrow(
        `refusing to overwrite ${foreign}: numcomp did not write it (choose another --out, or move it away)`,
      );
      expect(readFileSync(foreign, 'utf8')).toBe(text);
      const fresh = join(dir, 'fresh.html');
      writePage(fresh, 'page');
      expect(readFileSync(fresh, 'utf8')).toBe('page');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
