import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TestFunction } from '../src/testFunctions/_types.ts';
import { beale } from '../src/testFunctions/beale.ts';
import { booth } from '../src/testFunctions/booth.ts';
import { function1 } from '../src/testFunctions/function1.ts';
import { testFunctions } from '../src/testFunctions/getTestFunction.ts';
import { goldsteinPrice } from '../src/testFunctions/goldsteinPrice.ts';
import { himmelblau } from '../src/testFunctions/himmelblau.ts';
import { illConditionedQuadratic } from '../src/testFunctions/illConditionedQuadratic.ts';
import { leastSquares } from '../src/testFunctions/leastSquares.ts';
import { mccormick } from '../src/testFunctions/mccormick.ts';
import { monkeySaddle } from '../src/testFunctions/monkeySaddle.ts';
import { plateau } from '../src/testFunctions/plateau.ts';
import { quadratic } from '../src/testFunctions/quadratic.ts';
import { rastrigin } from '../src/testFunctions/rastrigin.ts';
import { rosenbrock } from '../src/testFunctions/rosenbrock.ts';
import { saddle } from '../src/testFunctions/saddle.ts';
import { sphere } from '../src/testFunctions/sphere.ts';
import { styblinskiTang } from '../src/testFunctions/styblinskiTang.ts';
import { pointIn, rng } from './_helpers.ts';

/** A 4×3 least-squares problem (more residuals than unknowns: `dim` is 3, not 4). */
const ls43 = leastSquares(
  [
    [1.5, -2, 0.25],
    [0.3, 4.1, -1.7],
    [-3.2, 0.6, 2.2],
    [0.9, 1.3, -0.45],
  ],
  [2, -1.5, 0.7, 3.1],
);

const cases: [string, TestFunction][] = [
  ['sphere()', sphere()],
  ['sphere(7)', sphere(7)],
  [
    'quadratic(3×3)',
    quadratic(
      [
        [4.2, 1.1, -0.7],
        [1.1, 3.5, 0.4],
        [-0.7, 0.4, 2.9],
      ],
      [1, -2, 0.5],
      2,
    ),
  ],
  ['illConditionedQuadratic(1e4, 5)', illConditionedQuadratic(1e4, 5)],
  ['leastSquares(4×3)', ls43],
  ['rosenbrock()', rosenbrock()],
  ['rosenbrock(6)', rosenbrock(6)],
  ['himmelblau()', himmelblau()],
  ['beale()', beale()],
  ['booth()', booth()],
  ['styblinskiTang()', styblinskiTang()],
  ['styblinskiTang(4)', styblinskiTang(4)],
  ['rastrigin()', rastrigin()],
  ['rastrigin(5)', rastrigin(5)],
  ['goldsteinPrice()', goldsteinPrice()],
  ['mccormick()', mccormick()],
  ['saddle(0.1)', saddle(0.1)],
  ['monkeySaddle()', monkeySaddle()],
  ['plateau()', plateau()],
  ['function1()', function1()],
];

/** Struct-of-arrays: coordinate j of point i at j·count + i. */
function soa(points: Float64Array[], dim: number): Float64Array {
  const count = points.length;
  const out = new Float64Array(dim * count);
  for (let i = 0; i < count; i++) for (let j = 0; j < dim; j++) out[j * count + i] = points[i]![j]!;
  return out;
}

describe('fBatch and gradBatch are bit-identical to f and grad', () => {
  for (const [name, fn] of cases) {
    it(`${name}: fBatch/gradBatch at 200 random points of the domain and of a 100× wider box`, () => {
      const rand = rng(7);
      const wide = fn.domain.map(([lo, hi]) => [100 * lo, 100 * hi] as const);
      const points = Array.from({ length: 200 }, (_, k) => pointIn(k % 2 ? fn.domain : wide, rand));
      points.push(
        Float64Array.from(fn.domain, () => -0),
        Float64Array.from(fn.domain, () => Number.NaN),
      );
      const count = points.length;
      const X = soa(points, fn.dim);
      const values = new Float64Array(count);
      const grads = new Float64Array(fn.dim * count);
      expect(fn.fBatch!(X, count, values)).toBe(values);
      expect(fn.gradBatch!(X, count, grads)).toBe(grads);
      const g = new Float64Array(fn.dim);
      for (let i = 0; i < count; i++) {
        expect(Object.is(values[i], fn.f(points[i]!))).toBe(true);
        fn.grad(points[i]!, g);
        for (let j = 0; j < fn.dim; j++) expect(Object.is(grads[j * count + i], g[j])).toBe(true);
      }
    });
  }
  it('property: any finite points give the same bits (Rosenbrock 3-D, Beale, Goldstein–Price, McCormick, Rastrigin 3-D, Styblinski–Tang 3-D, least squares 4×3)', () => {
    for (const fn of [
      rosenbrock(3),
      beale(),
      goldsteinPrice(),
      mccormick(),
      rastrigin(3),
      styblinskiTang(3),
      ls43,
    ]) {
      fc.assert(
        fc.property(
          fc.array(fc.double({ noNaN: true, min: -1e3, max: 1e3 }), { minLength: 0, maxLength: 30 }),
          (vs) => {
            const count = Math.floor(vs.length / fn.dim);
            const X = Float64Array.from(vs.slice(0, count * fn.dim));
            const out = new Float64Array(count);
            const grads = new Float64Array(count * fn.dim);
            fn.fBatch!(X, count, out);
            fn.gradBatch!(X, count, grads);
            for (let i = 0; i < count; i++) {
              const p = Float64Array.from({ length: fn.dim }, (_, j) => X[j * count + i]!);
              expect(Object.is(out[i], fn.f(p))).toBe(true);
              const g = fn.grad(p);
              for (let j = 0; j < fn.dim; j++) expect(Object.is(grads[j * count + i], g[j])).toBe(true);
            }
          },
        ),
        { numRuns: 100 },
      );
    }
  });
  it('checks its arguments in O(1): short buffers, a bad count, non-Float64Array', () => {
    const r = rosenbrock(3);
    expect(() => r.fBatch!(new Float64Array(5), 2, new Float64Array(2))).toThrow(
      /^invalid points: "5 entries" \(expected 3·count = 6\)/,
    );
    expect(() => r.fBatch!(new Float64Array(6), 2, new Float64Array(1))).toThrow(/^invalid out/);
    expect(() => r.gradBatch!(new Float64Array(6), 2, new Float64Array(2))).toThrow(
      /^invalid out: "2 entries" \(expected 6\)/,
    );
    expect(() => r.fBatch!(new Float64Array(6), 1.5, new Float64Array(2))).toThrow(/^invalid count: 1.5/);
    expect(() => r.fBatch!([1, 2, 3] as never, 1, new Float64Array(1))).toThrow(TypeError);
    expect(r.fBatch!(new Float64Array(0), 0, new Float64Array(0))).toHaveLength(0);
    // Least squares 4×3: a point has n = 3 coordinates and 3 gradient entries (not m = 4).
    expect(() => ls43.fBatch!(new Float64Array(5), 2, new Float64Array(2))).toThrow(
      /^invalid points: "5 entries" \(expected 3·count = 6\)/,
    );
    expect(() => ls43.gradBatch!(new Float64Array(6), 2, new Float64Array(5))).toThrow(
      /^invalid out: "5 entries" \(expected 6\)/,
    );
    expect(ls43.gradBatch!(new Float64Array(6), 2, new Float64Array(6))).toHaveLength(6);
  });
  it('every registry function has fBatch and gradBatch, and the cases above cover each of them', () => {
    const covered = new Set(cases.map(([, fn]) => fn.name));
    for (const name of Object.keys(testFunctions)) expect(covered.has(name), name).toBe(true);
    for (const [name, fn] of cases) {
      expect(typeof fn.fBatch, name).toBe('function');
      expect(typeof fn.gradBatch, name).toBe('function');
    }
  });
});
