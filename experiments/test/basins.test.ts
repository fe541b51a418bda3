import { planSweep } from '@numcomp/runner';
import type { GridFigure, RunRecord } from '@numcomp/runner/experiment';
import { beforeAll, describe, expect, it } from 'vitest';
import { boxDimension } from '../src/_fractal.ts';
import { HIMMELBLAU_ENDS } from '../src/_himmelblau.ts';
import def from '../src/basins.ts';
import localMinima from '../src/local-minima.ts';
import { reportOf, runPoints } from './_harness.ts';

/** The size × size map of a method from its tiles: one string of end letters per row, and the steps. */
function mapOf(
  records: readonly RunRecord[],
  method: string,
  size: number,
): { rows: string[]; steps: number[][] } {
  const rows = new Array<string>(size).fill('');
  const steps = new Array<number[]>(size).fill([]);
  for (const r of records) {
    if (r.params.method !== method) continue;
    const ends = r.values!.ends as string;
    const s = r.values!.steps as number[];
    for (let k = 0; k * size < ends.length; k++) {
      rows[(r.values!.row as number) + 10 * k] = ends.slice(k * size, (k + 1) * size);
      steps[(r.values!.row as number) + 10 * k] = s.slice(k * size, (k + 1) * size);
    }
  }
  return { rows, steps };
}

describe('basins: Himmelblau’s basins of attraction at a million starts per method', () => {
  let records: RunRecord[];
  beforeAll(async () => {
    records = await runPoints('basins', () => true, ['size=200']);
  });

  it('is opt-in: 2 methods × 10 tiles of 10⁵ starts at the default 1,000 × 1,000', () => {
    expect(def.default).toBe(false);
    const plan = planSweep(def);
    expect(plan.count).toBe(20);
    expect([...plan.swept].sort()).toEqual(['method', 'tile']);
  });

  it('at 200 × 200, every start ends where local-minima’s maps (pinned to NumPy at 400 starts) say, in as many steps', () => {
    for (const method of ['gradient descent', 'Newton']) {
      const { rows, steps } = mapOf(records, method, 200);
      for (const row of [0, 37, 99, 150, 199]) {
        const own = localMinima.run!({ part: 'himmelblau', method, row });
        expect(rows[row], `${method} row ${row}`).toBe(own.ends);
        expect(steps[row], `${method} row ${row}`).toEqual(own.steps);
      }
    }
  });

  it('gradient descent reaches a minimum from every start, in smooth basins; Newton’s borders are fractal', () => {
    const gd = mapOf(records, 'gradient descent', 200).rows;
    const newton = mapOf(records, 'Newton', 200).rows;
    const ends = (rows: string[]) => new Set(rows.join('')).size;
    const names = (rows: string[]) =>
      [...new Set(rows.join(''))].map((c) => HIMMELBLAU_ENDS[c.charCodeAt(0) - 97]!);
    expect(names(gd).every((n) => n.startsWith('min '))).toBe(true);
    expect(ends(gd)).toBe(4);
    // Newton: the saddle points and the maximum have basins too.
    expect(names(newton)).toEqual(expect.arrayContaining(['saddle point', 'the maximum']));
    const dGd = boxDimension(gd, (c) => c).dimension;
    const dNewton = boxDimension(newton, (c) => c).dimension;
    expect(dGd).toBeGreaterThan(0.9);
    expect(dGd).toBeLessThan(1.1);
    expect(dNewton).toBeGreaterThan(1.25);
  });

  it('the report draws a map of ends and of steps per method, a pixel per start, and counts the ends', async () => {
    const sections = await reportOf('basins', records);
    expect(sections.map((s) => s.title)).toEqual([
      'Gradient descent',
      'Newton’s method',
      'Where the starts end',
      'The borders between basins',
    ]);
    for (const s of sections.slice(0, 2)) {
      const [endsMap, stepsMap] = s.figures! as GridFigure[];
      expect(endsMap!.grid.values).toHaveLength(200 * 200);
      expect(stepsMap!.grid.values).toHaveLength(200 * 200);
      expect((endsMap!.grid.values as (string | null)[]).includes(null)).toBe(false);
      expect(endsMap!.grid.x[0]).toBe(-5);
      expect(endsMap!.grid.x[199]).toBe(5);
    }
    // Each method's column counts all 40,000 starts.
    const table = sections[2]!.table!;
    for (const col of [1, 2])
      expect(table.rows.reduce((sum, row) => sum + (row[col] as number), 0)).toBe(40_000);
    const dims = sections[3]!.table!.rows;
    expect(dims.map((r) => r.slice(0, 3))).toEqual([
      ['gradient descent', '200 × 200', 40_000],
      ['Newton', '200 × 200', 40_000],
    ]);
  });
});

describe('basins and trainability: a parameter out of range fails its runs with a message naming it', () => {
  it.each([
    ['basins', ['method=bfgs', 'size=20'], 'method="bfgs": expected "gradient descent" or "Newton"'],
    ['basins', ['size=1'], 'size=1: expected an integer from 2 to 4000'],
    ['basins', ['size=10.5'], 'size=10.5: expected an integer from 2 to 4000'],
    ['trainability', ['level=7', 'size=20'], 'level=7: expected one of 0, 1, 2, 3'],
    ['trainability', ['size=205', 'level=0'], 'size=205: expected a multiple of 10 from 10 to 4000'],
    ['trainability', ['size=20', 'level=0', 'tile=12'], 'tile=12: expected an integer from 0 to 9'],
  ])('%s %j', async (id, overrides, message) => {
    const records = await runPoints(id, () => true, overrides);
    expect(records.length).toBeGreaterThan(0);
    for (const r of records) expect([r.status, r.message]).toEqual(['error', `RangeError: ${message}`]);
    // Nothing ran: the report adds no empty tables (the page's failures table says why).
    expect(await reportOf(id, records)).toEqual([]);
  });
});

describe('boxDimension', () => {
  it('measures 1 for a straight border along the boxes’ edges, and 2 for a checkerboard', () => {
    // Rows 0–31 one kind, 32–63 another: the border lies on an edge of every box.
    const edge = Array.from({ length: 64 }, (_, r) => (r < 32 ? 'a' : 'b').repeat(64));
    expect(boxDimension(edge, (c) => c).dimension).toBeCloseTo(1, 12);
    const columns = Array.from({ length: 64 }, () => 'a'.repeat(16) + 'b'.repeat(48));
    expect(boxDimension(columns, (c) => c).dimension).toBeCloseTo(1, 12);
    const checker = Array.from({ length: 64 }, (_, r) =>
      Array.from({ length: 64 }, (_, c) => ((r + c) % 2 === 0 ? 'a' : 'b')).join(''),
    );
    expect(boxDimension(checker, (c) => c).dimension).toBeCloseTo(2, 1);
  });
});
