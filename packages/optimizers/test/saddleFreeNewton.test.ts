import { readFileSync } from 'node:fs';
import { ArgumentRangeError, himmelblau, quadratic, saddle } from '@numcomp/core';
import { describe, expect, test } from 'vitest';
import { minimize, newton, OPTIONS, optionsFor, type Problem, saddleFreeNewton } from '../src/index.ts';

// NumPy's iterates of the method with unit steps (numpy.linalg.eigh): test/fixtures/saddleFreeNewton.py.
interface Case {
  x0: number[];
  tol?: number;
  path: number[][];
  newton?: number[];
  newtonNit?: number;
  eigenvalues?: number[];
}
const ref = JSON.parse(
  readFileSync(new URL('./fixtures/saddleFreeNewton.json', import.meta.url), 'utf8'),
) as Record<string, Case>;

/** Every recorded iterate agrees with NumPy's to `rtol` (relative to max(1, |x|)). */
function samePath(got: readonly (readonly number[])[], want: readonly number[][], rtol: number): void {
  expect(got.length).toBe(want.length);
  got.forEach((p, k) => {
    p.forEach((v, i) => {
      const w = want[k]![i]!;
      expect(Math.abs(v - w), `iterate ${k}[${i}]: ${v} vs ${w}`).toBeLessThanOrEqual(
        rtol * Math.max(1, Math.abs(w)),
      );
    });
  });
}

const SQRT2 = Math.SQRT2;

describe('saddleFreeNewton', () => {
  test('takes Newton’s one step to the minimum of a positive-definite quadratic', () => {
    const c = ref.quadratic!;
    const q = quadratic(
      [
        [4, 1],
        [1, 3],
      ],
      [1, 2],
    );
    const r = minimize(q, c.x0, { method: 'saddle-free-newton', lineSearch: 'none', tol: 1e-12 });
    expect([r.status, r.nit, r.nhev]).toEqual(['converged', 1, 1]);
    expect(r.x[0]).toBeCloseTo(1 / 11, 14);
    expect(r.x[1]).toBeCloseTo(7 / 11, 14);
    // The same step as Newton's, to rounding.
    const n = newton(q, c.x0, { lineSearch: 'none', tol: 1e-12 });
    expect(Math.abs(n.x[0]! - r.x[0]!)).toBeLessThan(4e-15);
    expect(Math.abs(n.x[1]! - r.x[1]!)).toBeLessThan(4e-15);
  });

  test('flips the step along negative curvature: one step on an indefinite quadratic, as NumPy', () => {
    // A = [[1, 2], [2, −3]] has eigenvalues −3.83 and 1.83: Newton's step would go to the saddle A⁻¹b.
    const c = ref['indefinite quadratic']!;
    expect(c.eigenvalues![0]).toBeLessThan(0);
    const q = quadratic(
      [
        [1, 2],
        [2, -3],
      ],
      [1, 1],
    );
    const r = saddleFreeNewton(q, c.x0, { lineSearch: 'none', maxIter: 1, record: true });
    samePath(r.trajectory!.x, c.path, 1e-14);
    expect(r.fun).toBeLessThan(q.f(Float64Array.from(c.x0)));
  });

  test('saddle(0.25) from (0.3, 0.01): escapes to (0, √2) in NumPy’s 13 steps, where Newton goes to the saddle', () => {
    const c = ref['saddle(0.25)']!;
    const r = minimize(saddle(0.25), c.x0, {
      method: 'saddle-free-newton',
      lineSearch: 'none',
      tol: c.tol!,
      record: true,
    });
    expect([r.status, r.nit]).toEqual(['converged', 13]);
    samePath(r.trajectory!.x, c.path, 1e-13);
    expect(r.x[1]).toBeCloseTo(SQRT2, 12);
    expect(r.fun).toBeCloseTo(-1, 14);
    // Pure Newton (NumPy, x ← x − H⁻¹∇f) from the same start converges to the saddle point.
    expect(c.newton![0]).toBeCloseTo(0, 12);
    expect(c.newton![1]).toBe(0);
  });

  test('saddle(0.25) from 10⁻⁸ off the attracting axis: the distance doubles each step (34 steps)', () => {
    const c = ref['saddle(0.25) near the axis']!;
    const r = saddleFreeNewton(saddle(0.25), c.x0, { lineSearch: 'none', tol: c.tol!, record: true });
    expect([r.status, r.nit]).toEqual(['converged', 34]);
    samePath(r.trajectory!.x, c.path, 1e-12);
    // Near the saddle |H| = diag(2, 2): x₂ ← x₂ + x₂(2 − x₂²)/(2 − 3x₂²) ≈ 2x₂.
    const t = r.trajectory!.x;
    for (let k = 1; k <= 15; k++) expect(t[k]![1]! / t[k - 1]![1]!).toBeCloseTo(2, 5);
    // With the default strong-Wolfe search the step extrapolates: far fewer iterations.
    const s = saddleFreeNewton(saddle(0.25), c.x0, { tol: c.tol! });
    expect(s.status).toBe('converged');
    expect(s.x[1]).toBeCloseTo(SQRT2, 10);
    expect(s.nit).toBeLessThan(10);
  });

  test('Himmelblau from (−0.2, −0.8): descends to (3, 2) where Newton climbs to the maximum', () => {
    const c = ref.himmelblau!;
    const r = saddleFreeNewton(himmelblau(), c.x0, { lineSearch: 'none', tol: c.tol!, record: true });
    expect(r.status).toBe('converged');
    samePath(r.trajectory!.x, c.path, 1e-12);
    expect(r.x[0]).toBeCloseTo(3, 11);
    expect(r.x[1]).toBeCloseTo(2, 11);
    expect(c.newton).toEqual([
      expect.closeTo(-0.2708445906673476, 12),
      expect.closeTo(-0.9230385564799816, 12),
    ]);
  });

  test('escapes from every start of a 12 × 12 grid around the saddle point, with every line search', () => {
    const p = saddle(0.25);
    for (const lineSearch of ['strong-wolfe', 'backtracking', 'exact', 'none'] as const) {
      for (let i = 0; i < 12; i++) {
        for (let j = 0; j < 12; j++) {
          const x0 = [-0.5 + i / 11, -0.5 + j / 11];
          // The exact search cannot resolve steps once f is flat to rounding: a looser tol.
          const r = saddleFreeNewton(p, x0, { lineSearch, tol: lineSearch === 'exact' ? 1e-6 : 1e-8 });
          expect([lineSearch, x0, r.status]).toEqual([lineSearch, x0, 'converged']);
          expect(Math.abs(r.x[1]!)).toBeCloseTo(SQRT2, 6);
          expect(r.fun).toBeCloseTo(-1, 11);
        }
      }
    }
  });

  test('on the attracting axis (x₂ = 0 exactly) no gradient step can leave: it converges to the saddle', () => {
    const r = saddleFreeNewton(saddle(0.25), [0.4, 0], { tol: 1e-10 });
    expect(r.status).toBe('converged');
    expect(Array.from(r.x)).toEqual([expect.closeTo(0, 10), 0]);
  });

  test('without hess it differentiates the gradient; a zero Hessian falls back to steepest descent', () => {
    const { f, grad } = saddle(0.25);
    const r = saddleFreeNewton({ f, grad }, [0.3, 0.01], { tol: 1e-8 });
    expect(r.status).toBe('converged');
    expect(r.nhev).toBe(0);
    expect(r.x[1]).toBeCloseTo(SQRT2, 7);
    // A linear f has H = 0: steepest-descent steps of length 1.
    const lin = saddleFreeNewton(
      { f: (x) => x[0]!, grad: (_x, out = new Float64Array(1)) => out.fill(1), hess: () => [[0]] },
      [0],
      { maxIter: 3, lineSearch: 'none' },
    );
    expect(Array.from(lin.x)).toEqual([-3]);
  });

  test('damping: the floor under |λ| bounds the step where an eigenvalue is about zero', () => {
    // f = x² + 10⁻⁸y² − y: the step along y is 1/max(2·10⁻⁸, δ·2) per unit of gradient.
    const p: Problem = {
      f: (x) => x[0]! ** 2 + 1e-8 * x[1]! ** 2 - x[1]!,
      grad: (x, out = new Float64Array(2)) => {
        out[0] = 2 * x[0]!;
        out[1] = 2e-8 * x[1]! - 1;
        return out;
      },
      hess: () => [
        [2, 0],
        [0, 2e-8],
      ],
    };
    const step = (damping: number) =>
      saddleFreeNewton(p, [1, 0], { damping, maxIter: 1, lineSearch: 'none' }).x[1]!;
    expect(step(1e-4)).toBeCloseTo(1 / 2e-4, 6);
    expect(step(1e-2)).toBeCloseTo(1 / 2e-2, 10);
    expect(step(1e-9)).toBeCloseTo(1 / 2e-8, 0);
  });

  test('options: damping is its own, in (0, 1), default 1e-4; the others are the line-searched family’s', () => {
    expect(OPTIONS.damping).toMatchObject({ default: 1e-4, methods: ['saddle-free-newton'] });
    expect(optionsFor('saddle-free-newton')).toEqual(
      expect.arrayContaining(['tol', 'maxIter', 'lineSearch', 'lineSearchOptions', 'damping', 'h', 'maxfev']),
    );
    expect(optionsFor('saddle-free-newton')).not.toContain('lr');
    const p = saddle(0.25);
    expect(() => saddleFreeNewton(p, [1, 1], { damping: 0 })).toThrow(
      'invalid damping: 0 (expected a number in (0, 1))',
    );
    expect(() => saddleFreeNewton(p, [1, 1], { damping: 2 })).toThrow(ArgumentRangeError);
    expect(() => minimize(p, [1, 1], { method: 'newton', damping: 0.1 })).toThrow(
      'invalid damping: 0.1 (newton does not use damping)',
    );
    expect(() => minimize(p, [1, 1], { method: 'saddle-free-newton', lr: 0.1 })).toThrow(
      'invalid lr: 0.1 (saddle-free-newton does not use lr)',
    );
    expect(() => saddleFreeNewton(p, [1, 1, 1])).toThrow(/^invalid x0/);
    expect(() => saddleFreeNewton(p, [1, 1], { dampnig: 1e-3 } as never)).toThrow(
      'unknown option dampnig; did you mean damping?',
    );
  });
});
