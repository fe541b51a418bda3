import { describe, expect, test } from 'vitest';
import { cond, fromRows, hilbert, type NormOrder } from '../src/index.ts';

const A = [
  [1, 0, -1],
  [0, 1, 0],
  [1, 0, 1],
];
const D = [
  [1, 0, 0],
  [0, 10, 0],
  [0, 0, 100],
];
const M = [
  [4, 1, 2],
  [0.5, 3, 1],
  [2, -1, 5],
];

/** Relative difference. */
const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

describe('cond', () => {
  test('cond([[1, 0, -1], [0, 1, 0], [1, 0, 1]]) is 1.4142135623730951 (notebook)', () => {
    // biome-ignore lint/suspicious/noApproximativeNumericConstant: the notebook's printed value, to the bit
    expect(cond(A)).toBe(1.4142135623730951);
    // biome-ignore lint/suspicious/noApproximativeNumericConstant: the notebook's printed value, to the bit
    expect(cond(fromRows(A))).toBe(1.4142135623730951);
  });

  test('cond(diag(1, 10, 100)) is 100 (notebook)', () => {
    expect(cond(D)).toBe(100);
  });

  // numpy.linalg.cond(X, p), NumPy 2.4.
  const numpy: [string, number[][], NormOrder, number, number][] = [
    ['A', A, -2, 0.7071067811865475, 1e-15],
    ['A', A, 1, 2, 1e-15],
    ['A', A, -1, 1, 1e-15],
    ['A', A, Infinity, 2, 1e-15],
    ['A', A, -Infinity, 1, 1e-15],
    ['A', A, 'fro', 3.1622776601683795, 1e-15],
    ['A', A, 'nuc', 9.242640687119284, 1e-15],
    ['D', D, -2, 0.01, 1e-15],
    ['D', D, 1, 100, 1e-15],
    ['D', D, -1, 0.01, 1e-15],
    ['D', D, 'fro', 101.01, 1e-15],
    ['M', M, 2, 3.059659155864061, 1e-14],
    ['M', M, -2, 0.32683379064737544, 1e-14],
    ['M', M, 1, 4.594059405940595, 1e-14],
    ['M', M, -1, 1.9306930693069306, 1e-14],
    ['M', M, Infinity, 4.435643564356436, 1e-14],
    ['M', M, -Infinity, 1.7376237623762376, 1e-14],
    ['M', M, 'fro', 4.399079650828779, 1e-14],
  ];
  test.each(numpy)('cond(%s, %s) matches NumPy', (_, X, p, ref, tol) => {
    expect(rel(cond(X, p), ref)).toBeLessThanOrEqual(tol);
  });

  // The Hilbert matrix is ill-conditioned: two correct implementations differ by about cond·ε.
  const hilbertRefs: [number, NormOrder, number, number][] = [
    [3, 2, 524.0567775860627, 1e-12],
    [3, 1, 748.0000000000027, 1e-12],
    [3, 'fro', 526.1588210797212, 1e-12],
    [5, 2, 476607.2502419338, 1e-9],
    [5, -2, 2.098163633667728e-6, 1e-9],
    [5, 1, 943656.0000017195, 1e-9],
    [5, -1, 2538.8869047651256, 1e-9],
    [5, Infinity, 943656.0000017105, 1e-9],
    [5, 'fro', 480849.11699558934, 1e-9],
    [10, 2, 16024980732174.455, 1e-3],
  ];
  test.each(hilbertRefs)('cond(hilbert(%d), %s) matches NumPy', (n, p, ref, tol) => {
    expect(rel(cond(hilbert(n), p), ref)).toBeLessThanOrEqual(tol);
  });

  test('cond(hilbert(n)) grows with n', () => {
    let last = 0;
    for (let n = 1; n <= 10; n++) {
      const c = cond(hilbert(n));
      expect(c).toBeGreaterThan(last);
      last = c;
    }
    expect(cond(hilbert(1))).toBe(1);
  });

  test('cond(A, ±2) accepts a non-square matrix like NumPy; the other orders reject it', () => {
    const R = [
      [1, 2, 3],
      [4, 5, 6],
    ];
    expect(rel(cond(R), 12.302245504069202)).toBeLessThan(1e-14);
    expect(rel(cond(R, -2), 0.08128597333464294)).toBeLessThan(1e-14);
    expect(
      rel(
        cond([
          [1, 4],
          [2, 5],
          [3, 6],
        ]),
        12.302245504069202,
      ),
    ).toBeLessThan(1e-14);
    expect(() => cond(R, 1)).toThrow(/^invalid A: "2x3 matrix" \(p = 1 needs a square matrix\)/);
  });

  test('cond of a singular matrix is Infinity or huge, never NaN', () => {
    const S = [
      [1, 2],
      [2, 4],
    ];
    expect(cond(S)).toBeGreaterThan(1e15); // NumPy: 4.804857307547117e16 (rounding leaves σ_min ≈ 1e-16)
    expect(cond(S, -2)).toBeLessThan(1e-15);
    for (const p of [1, -1, Infinity, -Infinity, 'fro', 'nuc'] as const) expect(cond(S, p)).toBe(Infinity);
    const Z = [
      [0, 0],
      [0, 0],
    ];
    // NumPy reports the 0/0 of the zero matrix as inf for every order, -2 included.
    for (const p of [2, -2, 1, 'fro'] as const) expect(cond(Z, p)).toBe(Infinity);
  });

  test('cond rejects bad orders and bad matrices', () => {
    expect(() => cond(A, 3)).toThrow(
      /^invalid p: 3 \(expected 1, -1, 2, -2, Infinity, -Infinity, 'fro' or 'nuc'\)/,
    );
    expect(() => cond(A, 'f' as never)).toThrow(RangeError);
    expect(cond(A, null)).toBe(cond(A, 2)); // NumPy's p=None
    expect(() =>
      cond([
        [1, Number.NaN],
        [0, 1],
      ]),
    ).toThrow(/^invalid A\[0\]\[1\]: NaN/);
    expect(() =>
      cond([
        [1, Infinity],
        [0, 1],
      ]),
    ).toThrow(RangeError);
    expect(() => cond([])).toThrow(/^invalid A: \[\]/);
    expect(() => cond([[1, 2], [3]])).toThrow(/^invalid A\[1\]/);
    expect(() => cond(5 as never)).toThrow(TypeError);
  });
});
