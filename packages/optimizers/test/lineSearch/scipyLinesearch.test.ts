// SciPy's scipy/optimize/tests/test_linesearch.py, ported: the same scalar functions and random line
// problems (seeds, A, x, p and old f from fixtures/linesearch.py), checked for the strong Wolfe (Armijo
// for backtracking) conditions and for the evaluation counts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { backtracking, strongWolfe } from '../../src/index.ts';

const ref = JSON.parse(readFileSync(new URL('../fixtures/linesearch.json', import.meta.url), 'utf8')) as {
  A: number[][];
  scalarOldPhi0: Record<string, number[]>;
  lineCases: { name: string; x: number[]; p: number[]; oldF: number; scipyWolfe1: number | null }[];
};

type Scalar = (s: number) => [number, number];
const SCALAR: Record<string, Scalar> = {
  _scalar_func_1: (s) => [-s - s ** 3 + s ** 4, -1 - 3 * s ** 2 + 4 * s ** 3],
  _scalar_func_2: (s) => [Math.exp(-4 * s) + s ** 2, -4 * Math.exp(-4 * s) + 2 * s],
  _scalar_func_3: (s) => [-Math.sin(10 * s), -10 * Math.cos(10 * s)],
};

/** SciPy's first trial step from the previous value: min(1, 1.01·2(φ0 − old φ0)/φ'(0)), 1 if negative. */
function firstStep(phi0: number, oldPhi0: number, dphi0: number): number {
  const a = Math.min(1, (1.01 * 2 * (phi0 - oldPhi0)) / dphi0);
  return a < 0 ? 1 : a;
}

/** assert_wolfe of test_linesearch.py. */
function expectWolfe(
  s: number,
  phi: (a: number) => number,
  dphi: (a: number) => number,
  c1 = 1e-4,
  c2 = 0.9,
): void {
  expect(phi(s)).toBeLessThanOrEqual(phi(0) + c1 * s * dphi(0));
  expect(Math.abs(dphi(s))).toBeLessThanOrEqual(Math.abs(c2 * dphi(0)));
}

const N = 20;
const A = ref.A;
const LINE: Record<string, { f: (x: number[]) => number; g: (x: number[]) => number[] }> = {
  _line_func_1: { f: (x) => x.reduce((s, v) => s + v * v, 0), g: (x) => x.map((v) => 2 * v) },
  _line_func_2: {
    f: (x) => {
      let s = 0;
      for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) s += x[i]! * A[i]![j]! * x[j]!;
      return s + 1;
    },
    g: (x) => Array.from({ length: N }, (_, i) => x.reduce((s, v, j) => s + (A[i]![j]! + A[j]![i]!) * v, 0)),
  },
};

describe('test_linesearch.py: scalar searches', () => {
  const cases = Object.entries(ref.scalarOldPhi0).flatMap(([name, olds]) =>
    olds.map((old) => [name, old] as const),
  );

  it('has the nine cases (three functions × three old φ0)', () => expect(cases).toHaveLength(9));

  it.each(cases)(
    'test_scalar_search_wolfe1/2: strongWolfe on %s (old φ0 = %s) meets both conditions',
    (name, old) => {
      const fn = SCALAR[name]!;
      let count = 0;
      const phi = (s: number): number => {
        count++;
        return fn(s)[0];
      };
      const dphi = (s: number): number => {
        count++;
        return fn(s)[1];
      };
      const phi0 = fn(0)[0];
      const dphi0 = fn(0)[1];
      const r = strongWolfe(phi, dphi, phi0, dphi0, { initialStep: firstStep(phi0, old, dphi0) });
      expect(r.ok).toBe(true);
      expect(count).toBe(r.nfev + r.ngev);
      expect(r.phi).toBe(fn(r.alpha)[0]); // assert_fp_equal(phi1, phi(s))
      expect(r.dphi).toBe(fn(r.alpha)[1]);
      expectWolfe(
        r.alpha,
        (s) => fn(s)[0],
        (s) => fn(s)[1],
      );
    },
  );

  it.each(cases)('test_scalar_search_armijo: backtracking on %s (old φ0 = %s) meets Armijo', (name) => {
    const fn = SCALAR[name]!;
    const r = backtracking((s) => fn(s)[0], undefined, fn(0)[0], fn(0)[1]);
    expect(r.ok).toBe(true);
    expect(r.phi).toBe(fn(r.alpha)[0]);
    expect(fn(r.alpha)[0]).toBeLessThanOrEqual(fn(0)[0] + 1e-4 * r.alpha * fn(0)[1]);
  });
});

describe('test_linesearch.py: line searches on x·x and xᵀAx + 1 (N = 20)', () => {
  it('has the eighteen random descent directions', () => expect(ref.lineCases).toHaveLength(18));

  it.each(ref.lineCases.map((c, i) => [i, c.name, c] as const))(
    'test_line_search_wolfe1/2 case %i (%s): Wolfe at s < smax, counts add up',
    (_, name, c) => {
      const { f, g } = LINE[name]!;
      const at = (s: number): number[] => c.x.map((v, i) => v + s * c.p[i]!);
      const dot = (a: number[], b: number[]): number => a.reduce((s, v, i) => s + v * b[i]!, 0);
      let count = 0;
      const phi = (s: number): number => {
        count++;
        return f(at(s));
      };
      const dphi = (s: number): number => {
        count++;
        return dot(g(at(s)), c.p);
      };
      const f0 = f(c.x);
      const d0 = dot(g(c.x), c.p);
      expect(d0).toBeLessThan(0);
      for (const smax of [100, 512]) {
        count = 0;
        const r = strongWolfe(phi, dphi, f0, d0, { initialStep: firstStep(f0, c.oldF, d0), maxStep: smax });
        expect(count).toBe(r.nfev + r.ngev); // assert_equal(self.fcount.c, fc + gc)
        if (r.alpha > 0) expect(r.phi).toBe(f(at(r.alpha)));
        if (r.ok && r.alpha < smax)
          expectWolfe(
            r.alpha,
            (s) => f(at(s)),
            (s) => dot(g(at(s)), c.p),
          );
        // Where SciPy's dcsrch converges, so does this search, at a Wolfe step of its own.
        if (c.scipyWolfe1 !== null && smax === 100) expect(r.ok).toBe(true);
        // xᵀAx + 1 is unbounded below along most directions: the search runs to smax and says so.
        if (!r.ok) expect(r.alpha).toBe(smax);
      }
    },
  );

  it('test_line_search_armijo: backtracking meets Armijo on all eighteen', () => {
    for (const c of ref.lineCases) {
      const { f, g } = LINE[c.name]!;
      const at = (s: number): number[] => c.x.map((v, i) => v + s * c.p[i]!);
      const d0 = g(c.x).reduce((s, v, i) => s + v * c.p[i]!, 0);
      const r = backtracking((s) => f(at(s)), undefined, f(c.x), d0);
      expect(r.ok).toBe(true);
      expect(f(at(r.alpha))).toBeLessThanOrEqual(f(c.x) + 1e-4 * r.alpha * d0);
    }
  });
});

describe('test_linesearch.py: specific cases', () => {
  it('test_line_search_wolfe2_bounds (gh-7475): smallest Wolfe step 30; maxStep 30 finds it, 29 cannot', () => {
    // f = x·x from x = (−60, 0) along p = (1, 0), c2 = 0.5: Wolfe holds iff |x + s| ≤ 0.5·60.
    const phi = (s: number): number => (s - 60) ** 2;
    const dphi = (s: number): number => 2 * (s - 60);
    const r = strongWolfe(phi, dphi, 3600, -120, { c2: 0.5, maxStep: 30 });
    expect(r.ok).toBe(true);
    expectWolfe(r.alpha, phi, dphi, 1e-4, 0.5);
    const s = strongWolfe(phi, dphi, 3600, -120, { c2: 0.5, maxStep: 29 });
    expect(s.ok).toBe(false);
  });

  it('test_scalar_search_wolfe2_with_low_amax: (α − 5)² with maxStep 0.001 does not converge', () => {
    const r = strongWolfe(
      (a) => (a - 5) ** 2,
      (a) => 2 * (a - 5),
      25,
      -10,
      { maxStep: 0.001 },
    );
    expect(r.ok).toBe(false);
    expect(r.alpha).toBe(0.001);
  });

  it('test_scalar_search_wolfe2_regression (gh-12157): a Wolfe step, not the maximum at 2', () => {
    // φ has its minimum at 4/3 and a maximum at 2 (where φ' = 0: wolfe2 used to return it). This search
    // is dcsrch (SciPy's scalar_search_wolfe1), which returns 1.845299461620748 with c₂ = 0.9 — the
    // same double — a Wolfe point on the rising side; wolfe2 returns 1.41. With c₂ = 0.1 it is < 1.5.
    const k = (3 * Math.PI) / 2;
    const phi = (a: number): number => (a < 1 ? -k * (a - 1) : Math.cos(k * a - Math.PI));
    const dphi = (a: number): number => (a < 1 ? -k : -k * Math.sin(k * a - Math.PI));
    const r = strongWolfe(phi, dphi, phi(0), dphi(0));
    expect(r.ok).toBe(true);
    expect(r.alpha).toBe(1.845299461620748);
    expect(r.alpha).not.toBe(2);
    expectWolfe(r.alpha, phi, dphi);
    const t = strongWolfe(phi, dphi, phi(0), dphi(0), { c2: 0.1 });
    expect(t.ok).toBe(true);
    expect(t.alpha).toBeLessThan(1.5);
    expectWolfe(t.alpha, phi, dphi, 1e-4, 0.1);
  });

  it('test_armijo_terminate_1: one evaluation when the first step is good', () => {
    let count = 0;
    const phi = (s: number): number => {
      count++;
      return -s + 0.01 * s ** 2;
    };
    const r = backtracking(phi, undefined, 0, -1, { initialStep: 1 });
    expect(r.alpha).toBe(1);
    expect(count).toBe(1);
  });

  it('test_wolfe_terminate: one φ and one φ′ when the first step is good', () => {
    let count = 0;
    const phi = (s: number): number => {
      count++;
      return -s + 0.05 * s ** 2;
    };
    const dphi = (s: number): number => {
      count++;
      return -1 + 0.05 * 2 * s;
    };
    const r = strongWolfe(phi, dphi, 0, -1);
    expect(r.ok).toBe(true);
    expect(count).toBeLessThanOrEqual(2);
    expectWolfe(
      r.alpha,
      (s) => -s + 0.05 * s ** 2,
      (s) => -1 + 0.1 * s,
    );
  });
});
