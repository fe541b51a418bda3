import type { RunRecord } from '@numcomp/runner';
import { beforeAll, describe, expect, it } from 'vitest';
import { num, pick, reportHtml, reportOf, runPoints, sectionRows } from './_harness.ts';

let records: RunRecord[];
beforeAll(async () => {
  records = await runPoints('conditioning');
});

// NumPy: np.linalg.cond(H) for the n × n Hilbert matrix, n = 2 … 12.
const NUMPY_COND_HILBERT = [
  19.281470067903967, 524.0567775860627, 15513.738738929662, 476607.2502419338, 14951058.64177819,
  475367356.8766496, 15257575563.722723, 493153322841.38226, 16024980732174.455, 522478077916828.5,
  1.6425917529444498e16,
];
const EPS = Number.EPSILON;

describe('conditioning', () => {
  it('runs every matrix without an error', () => {
    expect(records).toHaveLength(30);
    expect(records.every((r) => r.status === 'ok')).toBe(true);
  });

  it('gives the notebook’s np.linalg.cond values', async () => {
    // The notebook prints 1.4142135623730951, which is Math.SQRT2 to the last bit.
    expect(num(pick(records, { matrix: 'notebook-rotation' }), 'cond')).toBe(Math.SQRT2);
    expect(num(pick(records, { matrix: 'notebook-diagonal' }), 'cond')).toBe(100);
    const rows = sectionRows(await reportOf('conditioning', records), 'The notebook’s condition numbers');
    expect(rows.map((q) => [q[2], q[3]])).toEqual([
      [Math.SQRT2, Math.SQRT2], // 1.4142135623730951
      [100, 100],
      [null, 100000001.99999996],
    ]);
    expect(await reportHtml('conditioning', records)).toContain('>100000001.99999996<');
  });

  it('shows the book’s eigenvalue ratio failing for a non-normal matrix', () => {
    const shear = pick(records, { matrix: 'shear' });
    expect(num(shear, 'condEig')).toBe(1);
    // σmax/σmin of [[1, t], [0, 1]] is ((t + √(t² + 4)) / 2)² ≈ t² + 2.
    expect(num(shear, 'cond')).toBeCloseTo(1e8 + 2, 0);
  });

  it('matches NumPy’s cond of the Hilbert matrices to the accuracy their conditioning allows', () => {
    NUMPY_COND_HILBERT.forEach((ref, i) => {
      const n = i + 2;
      const k = num(pick(records, { matrix: 'hilbert', n }), 'cond');
      // Singular values carry a relative error of about cond·ε of σmin: loose only near 1/ε.
      expect(Math.abs(k - ref) / ref).toBeLessThan(Math.max(1e-12, 100 * ref * EPS));
    });
  });

  it('never amplifies beyond cond(A), and comes within 2× of it along the worst direction', () => {
    for (const r of records) {
      const k = num(r, 'cond');
      if (r.params.matrix === 'hilbert' && (r.params.n as number) > 10) continue; // solves wrong by ~cond·ε
      expect(num(r, 'amplification')).toBeLessThanOrEqual(k * (1 + 1e-6));
      expect(num(r, 'randomAmplification')).toBeLessThanOrEqual(num(r, 'amplification'));
      if (r.params.matrix !== 'notebook-rotation') expect(num(r, 'amplification')).toBeGreaterThan(k / 2);
    }
  });

  it('loses about one digit of the solution of Hₙx = Hₙ·1 per factor of 10 in cond(Hₙ)', () => {
    const hs = records.filter((r) => r.params.matrix === 'hilbert');
    for (const r of hs) expect(num(r, 'solveError')).toBeLessThan(10 * num(r, 'cond') * EPS);
    expect(num(pick(records, { matrix: 'hilbert', n: 4 }), 'solveError')).toBeLessThan(1e-11);
    expect(num(pick(records, { matrix: 'hilbert', n: 12 }), 'solveError')).toBeGreaterThan(1e-2);
  });
});
