import { bench, describe } from 'vitest';
import { himmelblau, rosenbrock } from '../src/index.ts';

// f and grad at 10⁴ points: a loop of per-point calls (each point copied into a work vector, as a
// caller with struct-of-arrays data must) against one fBatch / gradBatch call.
const count = 1e4;
const opts = { time: 300, warmupTime: 50 };

for (const fn of [rosenbrock(), himmelblau()]) {
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
