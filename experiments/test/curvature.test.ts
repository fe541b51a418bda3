import type { RunRecord } from '@numcomp/runner';
import { beforeAll, describe, expect, it } from 'vitest';
import { chapter, where } from './_chapter.ts';
import { num, reportHtml, runPoints } from './_harness.ts';

interface Step {
  gg: number;
  gHg: number;
  epsStar: number | null;
  exact: number | null;
  atExact?: number;
  eigenvalues?: number[];
}
interface Ref {
  steps: Record<string, Step[]>;
  directions: Record<string, { eigenvalues: number[]; eigenvectors: number[][]; dHd: number[] }>;
}
const ref = chapter<Ref>('curvature');

let records: RunRecord[];
beforeAll(async () => {
  records = await runPoints('curvature');
});

const step = (kind: string, k: number) => where(records, { part: 'step', kind, k })[0]!;

describe('curvature (Figure 4.4)', () => {
  it('runs 3 × 61 Taylor points, 30 gradient steps and 2 × 73 directions', () => {
    expect(records).toHaveLength(3 * 61 + 30 + 2 * 73);
    expect(records.every((r) => r.status === 'ok')).toBe(true);
  });

  it('Figure 4.4: the decrease is −ε + cε²/2 against the predicted −ε; with c = 1 it is largest at ε* = 1', () => {
    for (const c of [-1, 0, 1]) {
      for (const eps of [0.5, 1, 2, 3]) {
        const r = where(records, { part: 'taylor', c, eps })[0]!;
        expect(num(r, 'f')).toBe(-eps + 0.5 * c * eps * eps);
        expect(num(r, 'first-order prediction')).toBe(-eps);
      }
    }
    const positive = where(records, { part: 'taylor', c: 1 });
    const best = positive.reduce((a, b) => (num(b, 'f') < num(a, 'f') ? b : a));
    expect(best.params.eps).toBe(1);
    // Negative curvature: below the prediction; positive: above it, and back above f(x₀) past ε = 2.
    expect(num(where(records, { part: 'taylor', c: -1, eps: 1.5 })[0]!, 'f')).toBeLessThan(-1.5);
    expect(num(where(records, { part: 'taylor', c: 1, eps: 2.5 })[0]!, 'f')).toBeGreaterThan(0);
  });

  it('ε* = gᵀg/gᵀHg is the exact line search’s step on every quadratic with gᵀHg > 0 (SciPy’s Brent)', () => {
    for (const kind of ['positive definite', 'indefinite']) {
      ref.steps[kind]!.forEach((want, k) => {
        const r = step(kind, k);
        expect(num(r, 'gg')).toBeCloseTo(want.gg, 12);
        expect(Math.abs(num(r, 'gHg') - want.gHg)).toBeLessThan(1e-12 * Math.abs(want.gHg) + 1e-12);
        if (want.gHg > 0) {
          expect(Math.abs(num(r, 'epsStar') - want.epsStar!) / want.epsStar!).toBeLessThan(1e-13);
          expect(Math.abs(num(r, 'exact') - want.exact!) / want.exact!).toBeLessThan(1e-7);
          expect(Math.abs(num(r, 'exact') - num(r, 'epsStar')) / num(r, 'epsStar')).toBeLessThan(1e-7);
          // The model is exact on a quadratic: the predicted decrease is the actual one.
          expect(num(r, 'atEpsStar')).toBeCloseTo(num(r, 'predicted'), 10);
        } else {
          expect(Number.isNaN(num(r, 'epsStar'))).toBe(true);
          expect(r.values!.search).toBe('unbounded: f keeps falling');
        }
      });
    }
    // Positive definite: every gᵀHg > 0, ε* between 1/λmax and 1/λmin.
    ref.steps['positive definite']!.forEach((want, k) => {
      const e = num(step('positive definite', k), 'epsStar');
      expect(e).toBeGreaterThanOrEqual(1 / want.eigenvalues![1]! - 1e-12);
      expect(e).toBeLessThanOrEqual(1 / want.eigenvalues![0]! + 1e-12);
    });
    // Four of the eight indefinite quadratics have gᵀHg < 0 along their gradient.
    expect(ref.steps.indefinite!.filter((s) => s.gHg < 0)).toHaveLength(4);
  });

  it('on the saddle function the exact search stops at SciPy’s finite step even where gᵀHg < 0', () => {
    ref.steps['saddle function']!.forEach((want, k) => {
      const r = step('saddle function', k);
      expect(Math.abs(num(r, 'exact') - want.exact!)).toBeLessThan(1e-7);
      expect(num(r, 'atExact')).toBeCloseTo(want.atExact!, 12);
      if (want.gHg > 0) expect(num(r, 'epsStar')).toBeCloseTo(want.epsStar!, 13);
    });
    expect(ref.steps['saddle function']!.filter((s) => s.gHg < 0)).toHaveLength(3);
  });

  it('dᵀHd at each direction is NumPy’s; its extremes are numpy.linalg.eigh’s eigenvalues, at its eigenvectors', () => {
    for (const [matrix, want] of Object.entries(ref.directions)) {
      const rs = where(records, { part: 'direction', matrix });
      rs.forEach((r) => {
        const i = Math.round((r.params.theta as number) / 2.5);
        expect(num(r, 'dHd')).toBeCloseTo(want.dHd[i]!, 13);
      });
      const values = rs.map((r) => num(r, 'dHd'));
      expect(Math.min(...values)).toBeGreaterThanOrEqual(want.eigenvalues[0]! - 1e-13);
      expect(Math.max(...values)).toBeLessThanOrEqual(want.eigenvalues[1]! + 1e-13);
    }
    // [[3, 2], [2, 3]]: λ = 5 along (1, 1)/√2 (θ = 45°), λ = 1 along (1, −1)/√2 (θ = 135°).
    const at = (theta: number) =>
      num(where(records, { part: 'direction', matrix: 'H = [[3, 2], [2, 3]]', theta })[0]!, 'dHd');
    expect(at(45)).toBeCloseTo(5, 14);
    expect(at(135)).toBeCloseTo(1, 14);
  });

  it('draws Figure 4.4’s three panels and the eigen-directions with their eigenvalues', async () => {
    const html = await reportHtml('curvature', records);
    for (const s of [
      'Figure 4.4 (left)',
      'Figure 4.4 (middle)',
      'Figure 4.4 (right)',
      'dᵀHd = λ = 5',
      'dᵀHd = λ = −3',
    ])
      expect(html).toContain(s);
  });
});
