import type { RunRecord } from '@numcomp/runner';
import { beforeAll, describe, expect, it } from 'vitest';
import { num, pick, reportHtml, reportOf, runPoints, sectionRows } from './_harness.ts';

let records: RunRecord[];
beforeAll(async () => {
  records = await runPoints('finite-difference-step');
});

const curve = (fn: string, x: number, method: string) =>
  records
    .filter((r) => r.params.fn === fn && r.params.x === x && r.params.method === method)
    .map((r) => ({ h: r.params.h as number, error: num(r, 'error') }));
const best = (fn: string, x: number, method: string) =>
  curve(fn, x, method).reduce((a, b) => (b.error < a.error ? b : a));
const errorAt = (fn: string, x: number, method: string, h: number) =>
  num(pick(records, { fn, x, method, h }), 'error');

describe('finite-difference-step', () => {
  it('runs every point without an error', () => {
    expect(records).toHaveLength(5 * 3 * 161);
    expect(records.every((r) => r.status === 'ok')).toBe(true);
  });

  it('gives the notebook’s numerical_diff values to the last bit', async () => {
    expect(num(pick(records, { fn: 'square', x: 3, method: 'central', h: 1e-4 }), 'estimate')).toBe(
      6.000000000012662,
    );
    expect(num(pick(records, { fn: 'square', x: 4, method: 'central', h: 1e-4 }), 'estimate')).toBe(
      7.999999999999119,
    );
    const rows = sectionRows(
      await reportOf('finite-difference-step', records),
      'The notebook’s numerical_diff values',
    );
    expect(rows.map((q) => [q[1], q[2]])).toEqual([
      [6.000000000012662, 6.000000000012662],
      [7.999999999999119, 7.999999999999119],
    ]);
    expect(await reportHtml('finite-difference-step', records)).toContain('>6.000000000012662<');
  });

  it('draws the V for exp at 1: best h near √ε for forward and ε^(1/3) for central differences', () => {
    const fwd = best('exp', 1, 'forward');
    expect(fwd.h).toBeGreaterThanOrEqual(1e-9);
    expect(fwd.h).toBeLessThanOrEqual(1e-7);
    expect(fwd.error).toBeLessThan(1e-7);
    const cen = best('exp', 1, 'central');
    expect(cen.h).toBeGreaterThanOrEqual(1e-7);
    expect(cen.h).toBeLessThanOrEqual(1e-4);
    expect(cen.error).toBeLessThan(1e-9);
    expect(best('exp', 1, 'richardson').error).toBeLessThan(1e-14);
  });

  it('follows the truncation slopes: e·h/2 forward, e·h²/6 central', () => {
    expect(errorAt('exp', 1, 'forward', 1e-3) / ((Math.E * 1e-3) / 2)).toBeCloseTo(1, 2);
    expect(errorAt('exp', 1, 'central', 1e-2) / ((Math.E * 1e-4) / 6)).toBeCloseTo(1, 3);
  });

  it('follows the rounding branch ε|f|/h for small h', () => {
    // |error| is a random multiple of ε·e/h; over a decade of h it averages to that order.
    const small = curve('exp', 1, 'central').filter((p) => p.h >= 1e-13 && p.h <= 1e-11);
    const mean = small.reduce((s, p) => s + p.error * p.h, 0) / small.length;
    expect(mean / (Number.EPSILON * Math.E)).toBeGreaterThan(0.05);
    expect(mean / (Number.EPSILON * Math.E)).toBeLessThan(5);
  });

  it('has no truncation error for the central difference of function_1, a quadratic', () => {
    expect(errorAt('function-1', 5, 'central', 1)).toBeLessThan(1e-15);
    expect(errorAt('function-1', 5, 'forward', 1)).toBeCloseTo(0.01, 12);
  });
});
