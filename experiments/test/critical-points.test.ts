import type { RunRecord } from '@numcomp/runner';
import { beforeAll, describe, expect, it } from 'vitest';
import { chapter, where } from './_chapter.ts';
import { num, reportHtml, reportOf, runPoints, sectionRows } from './_harness.ts';

interface Point {
  x: number[];
  f?: number;
  kind: string;
  eigenvalues: number[];
}
const ref = chapter<Record<string, Point[]>>('critical-points');

let records: RunRecord[];
beforeAll(async () => {
  records = await runPoints('critical-points');
});

const classified = (fn: string): Point[] =>
  where(records, { part: 'classify', fn })[0]!.values!.points as unknown as Point[];

describe('critical-points (Figures 4.2 and 4.5)', () => {
  it('runs 5 curves of 61 points, 7 cross-sections of 31 and 12 classifications', () => {
    expect(records).toHaveLength(5 * 61 + 7 * 31 + 12);
    expect(records.every((r) => r.status === 'ok')).toBe(true);
  });

  it('finds each polynomial’s one critical point, the origin, with NumPy’s eigenvalues and the book’s verdict', () => {
    for (const [fn, [want]] of Object.entries(ref)) {
      if (fn === 'Himmelblau') continue;
      const got = classified(fn);
      expect([fn, got.length]).toEqual([fn, 1]);
      const p = got[0]!;
      expect([fn, p.kind]).toEqual([fn, want!.kind]);
      p.x.forEach((v) => {
        expect(Math.abs(v)).toBeLessThan(1e-6);
      });
      // Degenerate points converge linearly: the Hessian there is zero to about 1e-13.
      p.eigenvalues.forEach((e, i) => {
        expect(Math.abs(e - want!.eigenvalues[i]!)).toBeLessThan(1e-12);
      });
    }
    // The three of Figure 4.2: minimum, maximum, and x³, where f″(0) = 0 leaves the test inconclusive.
    expect(['x²', '−x²', 'x³'].map((fn) => classified(fn)[0]!.kind)).toEqual([
      'minimum',
      'maximum',
      'inconclusive',
    ]);
    // Figure 4.5: H = diag(2, −2), a saddle point.
    expect(classified('x₀² − x₁²')[0]!.eigenvalues).toEqual([-2, 2]);
  });

  it('finds Himmelblau’s nine critical points where SciPy’s root does, with numpy.linalg.eigvalsh’s eigenvalues', () => {
    const got = classified('Himmelblau');
    const want = ref.Himmelblau!;
    expect(got.map((p) => p.kind)).toEqual(want.map((p) => p.kind));
    expect(got.map((p) => p.kind).sort()).toEqual(
      [...Array(4).fill('minimum'), 'maximum', ...Array(4).fill('saddle')].sort(),
    );
    got.forEach((p, k) => {
      const w = want[k]!;
      p.x.forEach((v, i) => {
        expect(Math.abs(v - w.x[i]!)).toBeLessThan(1e-12);
      });
      p.eigenvalues.forEach((e, i) => {
        expect(Math.abs(e - w.eigenvalues[i]!)).toBeLessThan(1e-11 * Math.abs(w.eigenvalues[1]!));
      });
      expect(Math.abs(p.f! - w.f!)).toBeLessThan(1e-9 * Math.max(1, w.f!));
    });
  });

  it('draws each cross-section: Figure 4.5 is a minimum along x₀ and a maximum along x₁', () => {
    const section = (direction: string, t: number) =>
      num(where(records, { part: 'section', fn: 'x₀² − x₁²', direction, t })[0]!, 'f');
    expect(section('x₀ axis', 1.5)).toBe(2.25);
    expect(section('x₁ axis', 1.5)).toBe(-2.25);
    // The monkey saddle along θ: t³·cos 3θ.
    const monkey = (direction: string) =>
      num(where(records, { part: 'section', fn: 'x₀³ − 3x₀x₁²', direction, t: 1.5 })[0]!, 'f');
    expect(monkey('x₀ axis')).toBe(3.375);
    expect(monkey('θ = 30°')).toBeCloseTo(0, 14);
    expect(monkey('θ = 60°')).toBeCloseTo(-3.375, 14);
  });

  it('reports every critical point with the test’s verdict and what the point is', async () => {
    const rows = sectionRows(
      await reportOf('critical-points', records),
      'The second-derivative test at every critical point found',
    );
    expect(rows).toHaveLength(11 + 9);
    const verdict = Object.fromEntries(
      rows.filter((r) => r[0] !== 'Himmelblau').map((r) => [r[0], [r[4], r[5]]]),
    );
    expect(verdict['x⁴']).toEqual(['inconclusive', 'local minimum']);
    expect(verdict['x³']).toEqual(['inconclusive', 'saddle point (inflection)']);
    expect(verdict['x₀² + x₁³']).toEqual(['inconclusive', 'no extremum (f < 0 for x₁ < 0)']);
    const html = await reportHtml('critical-points', records);
    for (const caption of ['Figure 4.2: a critical point', 'Figure 4.5: a saddle point'])
      expect(html).toContain(caption);
  });
});
