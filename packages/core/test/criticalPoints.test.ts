import { describe, expect, it } from 'vitest';
import { classifyCriticalPoint } from '../src/classifyCriticalPoint.ts';
import { criticalPoints } from '../src/criticalPoints.ts';
import { hessian } from '../src/hessian.ts';
import { himmelblau } from '../src/testFunctions/himmelblau.ts';
import { monkeySaddle } from '../src/testFunctions/monkeySaddle.ts';
import { plateau } from '../src/testFunctions/plateau.ts';
import { rosenbrock } from '../src/testFunctions/rosenbrock.ts';
import { saddle } from '../src/testFunctions/saddle.ts';
import { sphere } from '../src/testFunctions/sphere.ts';
import { fixture } from './_fixtures.ts';

// Reference points (mpmath roots of the analytic gradients) and eigenvalues (numpy.linalg.eigvalsh):
// test/fixtures/criticalPoints.py.
interface Ref {
  x: number[];
  kind: string;
  eigenvalues: number[];
}
const ref = fixture<Record<string, Ref[]>>('criticalPoints.json');

const byX = (a: { x: ArrayLike<number> }, b: { x: ArrayLike<number> }): number => {
  for (let i = 0; i < a.x.length; i++) if (a.x[i] !== b.x[i]) return a.x[i]! - b.x[i]!;
  return 0;
};

function matches(found: ReturnType<typeof criticalPoints>, want: Ref[], xtol: number, etol: number): void {
  const w = [...want].sort(byX);
  expect(found.map((p) => p.kind)).toEqual(w.map((p) => p.kind));
  for (let k = 0; k < w.length; k++) {
    const p = found[k]!;
    for (let i = 0; i < p.x.length; i++) expect(Math.abs(p.x[i]! - w[k]!.x[i]!)).toBeLessThanOrEqual(xtol);
    // Relative to the Hessian's norm: a backward-stable eigensolver is accurate to ε·‖H‖.
    const scale = Math.max(1, ...w[k]!.eigenvalues.map(Math.abs));
    for (let i = 0; i < p.eigenvalues.length; i++) {
      expect(Math.abs(p.eigenvalues[i]! - w[k]!.eigenvalues[i]!)).toBeLessThanOrEqual(etol * scale);
    }
  }
}

describe('criticalPoints', () => {
  it('criticalPoints(himmelblau()) finds its 9 critical points: 4 minima, 1 maximum, 4 saddles', () => {
    const pts = criticalPoints(himmelblau());
    expect(pts).toHaveLength(9);
    matches(pts, ref.himmelblau!, 1e-12, 1e-12);
    const max = pts.find((p) => p.kind === 'maximum')!;
    expect(max.f).toBeCloseTo(181.61652152258262, 10);
    for (const p of pts) expect(p.gradNorm).toBeLessThan(1e-10);
  });
  it('criticalPoints(saddle(0.1)) finds the saddle at 0 and the minima (0, ±√5)', () => {
    matches(criticalPoints(saddle(0.1)), ref['saddle0.1']!, 1e-14, 1e-14);
  });
  it('criticalPoints(saddle()) finds only the saddle point at the origin', () => {
    const pts = criticalPoints(saddle());
    expect(pts.map((p) => [p.kind, Array.from(p.x)])).toEqual([['saddle', [0, 0]]]);
  });
  it('criticalPoints(monkeySaddle()) finds the origin, where the test is inconclusive (H = 0)', () => {
    const pts = criticalPoints(monkeySaddle());
    expect(pts).toHaveLength(1);
    matches(pts, ref.monkeySaddle!, 1e-12, 0);
  });
  it('criticalPoints(plateau()) finds the minimum at 0 and the inconclusive plateaus at ±1', () => {
    matches(criticalPoints(plateau()), ref.plateau!, 1e-10, 1e-10);
  });
  it('criticalPoints(rosenbrock()) finds the single minimum (1, 1) with NumPy’s eigenvalues', () => {
    matches(criticalPoints(rosenbrock()), ref.rosenbrock!, 1e-14, 1e-13);
  });
  it('criticalPoints(sphere(3), { grid: 3 }) works in n dimensions', () => {
    const pts = criticalPoints(sphere(3), { grid: 3 });
    expect(pts.map((p) => [p.kind, Array.from(p.x)])).toEqual([['minimum', [0, 0, 0]]]);
  });
  it('the domain option restricts the search; a custom problem without domain needs one', () => {
    const pts = criticalPoints(himmelblau(), {
      domain: [
        [0, 5],
        [0, 5],
      ],
      grid: 11,
    });
    expect(pts.map((p) => p.kind).sort()).toEqual(['minimum', 'saddle', 'saddle']);
    const { f, grad, hess } = saddle();
    expect(() => criticalPoints({ f, grad, hess })).toThrow(/^invalid domain: undefined/);
    expect(
      criticalPoints(
        { f, grad, hess },
        {
          domain: [
            [-1, 1],
            [-1, 1],
          ],
          grid: 5,
        },
      ),
    ).toHaveLength(1);
  });
  it('rejects unknown options (with a did-you-mean) and bad values', () => {
    expect(() => criticalPoints(saddle(), { grids: 5 } as never)).toThrow(
      'unknown option grids; did you mean grid?',
    );
    expect(() => criticalPoints(saddle(), { grid: 0 })).toThrow(/^invalid grid: 0/);
    expect(() => criticalPoints(saddle(), { grid: [5] })).toThrow(TypeError);
    expect(() => criticalPoints(saddle(), { grid: 1000 })).toThrow(/more than 1e5/);
    expect(() => criticalPoints(saddle(), { tol: -1 })).toThrow(/^invalid tol: -1/);
    expect(() =>
      criticalPoints(saddle(), {
        domain: [
          [1, 0],
          [0, 1],
        ],
      }),
    ).toThrow(/^invalid domain\[0\]/);
    expect(() => criticalPoints(saddle(), { maxIter: 0 })).toThrow(RangeError);
  });
});

describe('classifyCriticalPoint', () => {
  it('classifies by the signs of the eigenvalues (Deep Learning book §4.3)', () => {
    expect(
      classifyCriticalPoint([
        [2, 0],
        [0, 3],
      ]).kind,
    ).toBe('minimum');
    expect(
      classifyCriticalPoint([
        [-2, 1],
        [1, -3],
      ]).kind,
    ).toBe('maximum');
    expect(
      classifyCriticalPoint([
        [2, 0],
        [0, -2],
      ]),
    ).toEqual({ kind: 'saddle', eigenvalues: Float64Array.of(-2, 2) });
    // One positive and one negative eigenvalue decide 'saddle' even with a zero one.
    expect(
      classifyCriticalPoint([
        [1, 0, 0],
        [0, 0, 0],
        [0, 0, -1],
      ]).kind,
    ).toBe('saddle');
    // A zero eigenvalue with the others of one sign: the test is inconclusive.
    expect(classifyCriticalPoint([[0]]).kind).toBe('inconclusive');
    expect(
      classifyCriticalPoint([
        [2, 0],
        [0, 0],
      ]).kind,
    ).toBe('inconclusive');
    expect(classifyCriticalPoint({ rows: 2, cols: 2, data: Float64Array.of(-1, 0, 0, 1e-12) }).kind).toBe(
      'inconclusive',
    );
  });
  it('eigTol decides what counts as zero; a finite-difference Hessian classifies like the analytic one', () => {
    expect(
      classifyCriticalPoint(
        [
          [1, 0],
          [0, 1e-6],
        ],
        { eigTol: 1e-5 },
      ).kind,
    ).toBe('inconclusive');
    expect(
      classifyCriticalPoint([
        [1, 0],
        [0, 1e-6],
      ]).kind,
    ).toBe('minimum');
    for (const r of ref.himmelblau!) {
      const h = hessian(himmelblau().f, r.x, { method: 'richardson' });
      const c = classifyCriticalPoint(h);
      expect(c.kind).toBe(r.kind);
      for (let i = 0; i < 2; i++) expect(c.eigenvalues[i]).toBeCloseTo(r.eigenvalues[i]!, 8);
    }
  });
  it('rejects a non-square, asymmetric or non-finite Hessian and unknown options', () => {
    expect(() => classifyCriticalPoint([[1, 2]])).toThrow(/expected a square matrix/);
    expect(() =>
      classifyCriticalPoint([
        [1, 2],
        [3, 1],
      ]),
    ).toThrow(/not symmetric/);
    expect(() => classifyCriticalPoint([[Number.NaN]])).toThrow(/^invalid hessian\[0\]\[0\]: NaN/);
    expect(() => classifyCriticalPoint([[1]], { tol: 1 } as never)).toThrow(/^unknown option tol/);
  });
});
