import { numericalGradient } from '@numcomp/core';
import { planSweep } from '@numcomp/runner';
import type { GridFigure } from '@numcomp/runner/experiment';
import { describe, expect, it } from 'vitest';
import def, { boxDimension, SETUP, TANH_UNIT } from '../src/trainability.ts';
import { reportOf, runPoints } from './_harness.ts';

/** f at the start, from Python (math.tanh): 0.5*sum((0.5*tanh(0.5*x)-y)**2 for the four points). */
const PY_F0 = 0.20617759345170172;

/** A map of `size` × `size` at `level`: its outcome letters row by row, and its steps. */
function map(level: number, size: number): { rows: string[]; steps: number[][] } {
  const rows = new Array<string>(size);
  const steps = new Array<number[]>(size);
  for (let tile = 0; tile < SETUP.tiles; tile++) {
    const v = def.run({ level, size, tile });
    const status = v.status as string;
    const s = v.steps as number[];
    for (let r = 0; r * size < status.length; r++) {
      rows[tile + SETUP.tiles * r] = status.slice(r * size, (r + 1) * size);
      steps[tile + SETUP.tiles * r] = s.slice(r * size, (r + 1) * size);
    }
  }
  return { rows, steps };
}

/** The learning rates of cell (row, column) of a map, as the experiment lays them out. */
function rates(level: number, size: number, row: number, col: number): [number, number] {
  const [c1, c2, h1, h2] = SETUP.levels[level]!;
  return [10 ** (c1 - h1 + (2 * h1 * col) / (size - 1)), 10 ** (c2 - h2 + (2 * h2 * row) / (size - 1))];
}

/**
 * One run alone, written out from the rules of gradient descent in minimize (its specialised loop) with
 * one learning rate per coordinate: the outcome letter and the steps taken.
 */
function alone(lr1: number, lr2: number): [string, number] {
  const g = new Float64Array(2);
  const x = Float64Array.of(SETUP.w0, SETUP.v0);
  const f0 = TANH_UNIT.f(x);
  TANH_UNIT.grad(x, g);
  if (!Number.isFinite(f0) || !Number.isFinite(g[0]! - g[1]!)) return ['n', 0];
  const bound = 1e12 * (Math.abs(f0) + 1);
  let fun = f0;
  let funAt = 0;
  let k = 0;
  let status: string;
  for (;;) {
    if (Math.sqrt(g[0]! * g[0]! + g[1]! * g[1]!) <= SETUP.tol) {
      status = 'c';
      break;
    }
    if (k >= SETUP.maxIter) {
      status = 'm';
      break;
    }
    const w = x[0]! - lr1 * g[0]!;
    const v = x[1]! - lr2 * g[1]!;
    const changed = w !== x[0] || v !== x[1];
    x[0] = w;
    x[1] = v;
    if (!changed) {
      status = 's';
      break;
    }
    k++;
    if (!Number.isFinite(w) || !Number.isFinite(v)) return ['d', k];
    TANH_UNIT.grad(x, g);
    const bad = !Number.isFinite(g[0]!) || !Number.isFinite(g[1]!);
    if (bad || k % 16 === 0) {
      fun = TANH_UNIT.f(x);
      funAt = k;
      if (Number.isNaN(fun)) return ['n', k];
      if (!(fun <= bound) || fun === Number.NEGATIVE_INFINITY) return ['d', k];
      if (bad) return ['n', k];
    }
  }
  if (funAt !== k) fun = TANH_UNIT.f(x);
  if (Number.isNaN(fun)) return ['n', k];
  if (!(fun <= bound) || fun === Number.NEGATIVE_INFINITY) return ['d', k];
  return [status, k];
}

describe('trainability', () => {
  it('is opt-in: 4 maps of 10 tiles, each tile 10⁵ runs at the default 1,000 × 1,000', () => {
    expect(def.default).toBe(false);
    const plan = planSweep(def);
    expect(plan.count).toBe(40);
    // Each level's window is 10× smaller than the one before, in both directions.
    SETUP.levels.forEach((l, k) => {
      expect(l[2] / SETUP.levels[0]![2]).toBeCloseTo(10 ** -k, 12);
      expect(l[3] / SETUP.levels[0]![3]).toBeCloseTo(10 ** -k, 12);
    });
  });

  it('the tanh unit: fBatch and gradBatch give f’s and grad’s bits, and grad is the derivative of f', () => {
    const pts = [
      [0.5, 0.5],
      [-3, 2],
      [40, -0.25],
      [1e-3, 7],
    ];
    const P = Float64Array.from([...pts.map((p) => p[0]!), ...pts.map((p) => p[1]!)]);
    const F = TANH_UNIT.fBatch(P, 4, new Float64Array(4));
    const G = TANH_UNIT.gradBatch(P, 4, new Float64Array(8));
    pts.forEach((p, i) => {
      const x = Float64Array.from(p);
      expect(F[i]).toBe(TANH_UNIT.f(x));
      const g = TANH_UNIT.grad(x);
      expect([G[i], G[4 + i]]).toEqual([g[0], g[1]]);
      const num = numericalGradient(TANH_UNIT.f, p, { h: 1e-6 });
      expect(g[0]).toBeCloseTo(num[0]!, 6);
      expect(g[1]).toBeCloseTo(num[1]!, 6);
    });
    // f(0.5, 0.5) = ½ Σ (0.5·tanh(0.5·xᵢ) − yᵢ)², as Python's math.tanh gives it
    expect(TANH_UNIT.f(Float64Array.of(0.5, 0.5))).toBeCloseTo(PY_F0, 14);
  });

  it('the gradient (two tanh and the half-angle identities) is the naive four-tanh gradient to 1e-15 of its scale, saturated tanh included', () => {
    const XS = [1, -0.5, 2, 0.3];
    const YS = [0.6, -0.2, 0.9, 0.1];
    const naive = (w: number, v: number): [number, number] => {
      let gw = 0;
      let gv = 0;
      for (let i = 0; i < 4; i++) {
        const t = Math.tanh(w * XS[i]!);
        const r = v * t - YS[i]!;
        gw += r * v * (1 - t * t) * XS[i]!;
        gv += r * t;
      }
      return [gw, gv];
    };
    const g = new Float64Array(2);
    let worst = 0;
    let relWorst = 0;
    for (let a = -400; a <= 400; a++) {
      for (let b = -40; b <= 40; b++) {
        const w = a / 20; // −20 … 20: far into saturation
        const v = b / 10 + 0.0123;
        TANH_UNIT.grad(Float64Array.of(w, v), g);
        const [gw, gv] = naive(w, v);
        const scale = 4 * Math.abs(v) + 4;
        worst = Math.max(worst, Math.abs(g[0]! - gw) / scale, Math.abs(g[1]! - gv) / scale);
        if (Math.abs(gv) > 1e-3) relWorst = Math.max(relWorst, Math.abs(g[1]! - gv) / Math.abs(gv));
      }
    }
    expect(worst).toBeLessThan(1e-15);
    expect(relWorst).toBeLessThan(1e-12);
  });

  it('every cell is the run gradient descent makes alone, with lr₁ for w and lr₂ for v (outcome and steps)', () => {
    for (const level of [0, 2]) {
      const size = 60;
      const { rows, steps } = map(level, size);
      for (let row = 0; row < size; row += 3) {
        for (let col = 0; col < size; col += 7) {
          const [lr1, lr2] = rates(level, size, row, col);
          expect([rows[row]![col], steps[row]![col]], `level ${level} (${row}, ${col})`).toEqual(
            alone(lr1, lr2),
          );
        }
      }
    }
  });

  it('each zoom window sits on the boundary, and the boundary stays rough as it is magnified', () => {
    const size = 100;
    const dims: number[] = [];
    for (let level = 0; level < 4; level++) {
      const { rows } = map(level, size);
      const cells = rows.join('');
      const diverged = cells.split('d').length - 1;
      if (level > 0) {
        // Both outcomes cover at least a tenth of every zoom window.
        expect(diverged / cells.length).toBeGreaterThan(0.1);
        expect(diverged / cells.length).toBeLessThan(0.9);
      }
      dims.push(boxDimension(rows).dimension);
    }
    // A smooth boundary would have dimension 1 at every magnification; this one has ~1.3 at 10×–1,000×.
    expect(dims[0]).toBeLessThan(1.05);
    for (const d of dims.slice(1)) expect(d).toBeGreaterThan(1.15);
  });

  it('boxDimension: 1 for a straight boundary, 2 for a checkerboard', () => {
    const straight = Array.from({ length: 64 }, (_, r) => (r < 31 ? 'd' : 'm').repeat(64));
    expect(boxDimension(straight).dimension).toBeCloseTo(1, 1);
    const checker = Array.from({ length: 64 }, (_, r) =>
      Array.from({ length: 64 }, (_, c) => ((r + c) % 2 === 0 ? 'd' : 'm')).join(''),
    );
    expect(boxDimension(checker).dimension).toBeCloseTo(2, 5);
  });

  it('a map draws a cell per run, the rows of the tiles not run left empty (size=600, one tile of ten)', async () => {
    const records = await runPoints('trainability', (p) => p.tile === 3, ['size=600', 'level=0']);
    const sections = await reportOf('trainability', records);
    expect(sections[0]!.text).toContain('600 × 600 runs, a pixel each.');
    const [outcome, steps] = sections[0]!.figures! as GridFigure[];
    for (const f of [outcome!, steps!]) {
      expect([f.grid.x.length, f.grid.y.length, f.grid.values.length]).toEqual([600, 600, 600 * 600]);
      expect(f.grid.emptyLabel).toBe('not run');
    }
    const cells = outcome!.grid.values as readonly (string | null)[];
    const stepCells = steps!.grid.values as Float64Array;
    const tile = records[0]!.values!;
    for (let r = 0; r < 600; r++) {
      const row = cells.slice(r * 600, (r + 1) * 600);
      const rowSteps = Array.from(stepCells.subarray(r * 600, (r + 1) * 600));
      if (r % SETUP.tiles !== 3) {
        // Not run: empty.
        expect(row.every((c) => c === null) && rowSteps.every(Number.isNaN), `row ${r}`).toBe(true);
        continue;
      }
      // Tile 3 holds rows 3, 13, 23, …: its run's outcomes and steps, in order.
      const k = ((r - 3) / SETUP.tiles) * 600;
      expect(rowSteps).toEqual((tile.steps as number[]).slice(k, k + 600));
      expect(row.map((c) => c![0])).toEqual(
        [...(tile.status as string).slice(k, k + 600)].map((l) => ({ c: 't', m: 's', d: 'd' })[l] ?? '?'),
      );
    }
  });

  it('through the runner: the report draws each level’s map and counts outcomes (size=100, level=3)', async () => {
    const records = await runPoints('trainability', () => true, ['size=100', 'level=3']);
    expect(records).toHaveLength(10);
    expect(records.every((r) => r.status === 'ok')).toBe(true);
    const sections = await reportOf('trainability', records);
    expect(sections.map((s) => s.title)).toEqual([
      'Level 3: a window 1000× smaller than level 0',
      'Outcomes by level',
    ]);
    expect(sections[0]!.figures).toHaveLength(1);
    expect((sections[0]!.figures![0] as GridFigure).grid.values).toHaveLength(100 * 100);
    expect(sections[0]!.text).toContain('100 × 100 runs, a pixel each.');
    const row = sections[1]!.table!.rows[0]!;
    expect(row.slice(0, 3)).toEqual([3, '100 × 100', 10_000]);
    expect((row[3] as number) + (row[4] as number) + (row[5] as number) + (row[6] as number)).toBe(10_000);
    expect(row[7] as number).toBeGreaterThan(1.15);
  });
});
