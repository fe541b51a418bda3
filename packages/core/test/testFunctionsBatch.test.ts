import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TestFunction } from '../src/testFunctions/_types.ts';
import { beale } from '../src/testFunctions/beale.ts';
import { booth } from '../src/testFunctions/booth.ts';
import { function1 } from '../src/testFunctions/function1.ts';
import { himmelblau } from '../src/testFunctions/himmelblau.ts';
import { illConditionedQuadratic } from '../src/testFunctions/illConditionedQuadratic.ts';
import { monkeySaddle } from '../src/testFunctions/monkeySaddle.ts';
import { plateau } from '../src/testFunctions/plateau.ts';
import { quadratic } from '../src/testFunctions/quadratic.ts';
import { rosenbrock } from '../src/testFunctions/rosenbrock.ts';
import { saddle } from '../src/testFunctions/saddle.ts';
import { sphere } from '../src/testFunctions/sphere.ts';
import { pointIn, rng } from './_helpers.ts';

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
  ['rosenbrock()', rosenbrock()],
  ['rosenbrock(6)', rosenbrock(6)],
  ['himmelblau()', himmelblau()],
  ['beale()', beale()],
  ['booth()', booth()],
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
  it('property: any finite points give the same bits (Rosenbrock 3-D, Beale)', () => {
    for (const fn of [rosenbrock(3), beale()]) {
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
  });
});
