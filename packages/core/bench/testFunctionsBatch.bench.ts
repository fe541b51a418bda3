import { bench, describe } from 'vitest';
import {
  goldsteinPrice,
  himmelblau,
  leastSquares,
  mccormick,
  rastrigin,
  rosenbrock,
  styblinskiTang,
} from '../src/index.ts';

// f and grad at 10⁴ points: a loop of per-point calls (each point copied into a work vector, as a
// caller with struct-of-arrays data must) against one fBatch / gradBatch call.
const count = 1e4;
const opts = { time: 300, warmupTime: 50 };

const ls = leastSquares(
  [
    [1.5, -2, 0.25],
    [0.3, 4.1, -1.7],
    [-3.2, 0.6, 2.2],
    [0.9, 1.3, -0.45],
  ],
  [2, -1.5, 0.7, 3.1],
);

for (const fn of [
  rosenbrock(),
  himmelblau(),
  goldsteinPrice(),
  mccormick(),
  rastrigin(),
  styblinskiTang(),
  ls,
]) {
  const X = Float64Array.from({ length: fn.dim * count }, (_, k) => Math.sin(k) * 2);
  const values = new Float64Array(count);
  const grads = new Float64Array(fn.dim * count);
  const p = new Float64Array(fn.dim);
  const g = new Float64Array(fn.dim);
  describe(`${fn.name}: f at ${count} points`, () => {
    bench(
      'per point',
      () => {
        for (let i = 0; i < count; i++) {
          for (let j = 0; j < fn.dim; j++) p[j] = X[j * count + i]!;
          values[i] = fn.f(p);
        }
      },
      opts,
    );
    bench('fBatch', () => void fn.fBatch!(X, count, values), opts);
  });
  describe(`${fn.name}: grad at ${count} points`, () => {
    bench(
      'per point',
      () => {
        for (let i = 0; i < count; i++) {
          for (let j = 0; j < fn.dim; j++) p[j] = X[j * count + i]!;
          fn.grad(p, g);
          for (let j = 0; j < fn.dim; j++) grads[j * count + i] = g[j]!;
        }
      },
      opts,
    );
    bench('gradBatch', () => void fn.gradBatch!(X, count, grads), opts);
  });
}
