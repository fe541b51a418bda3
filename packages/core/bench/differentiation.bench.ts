import { bench, describe } from 'vitest';
import { centralGradient } from '../src/_centralGradient.ts';
import { numericalGradient, numericalGradientInto, sphere } from '../src/index.ts';

// numericalGradient makes 2n calls of f. With an O(1) f (it reads two entries) the bench measures
// the gradient machinery itself (copy, perturb, restore, divide); with the sum of squares, an O(n)
// f, the total is O(n²): 2·10⁸ flops at n = 10⁴, so that family stops there.
const cheap = (x: Float64Array): number => x[0]! * x[0]! + 3 * x[x.length - 1]!;
const sumSq = (x: Float64Array): number => {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]! * x[i]!;
  return s;
};

const point = (n: number): Float64Array => Float64Array.from({ length: n }, (_, i) => Math.sin(i) * 2);
const opts = { time: 300, warmupTime: 50 };
const slow = { time: 300, warmupTime: 0, iterations: 3, warmupIterations: 1 };

describe('numericalGradient, O(1) f (machinery only)', () => {
  for (const n of [10, 1e3, 1e5, 1e6]) {
    const x = point(n);
    bench(`n = ${n}`, () => void numericalGradient(cheap, x), n >= 1e5 ? slow : opts);
  }
});

describe('numericalGradient, sum of squares (O(n) f, O(n²) total)', () => {
  for (const n of [10, 1e3, 1e4]) {
    const x = point(n);
    bench(`n = ${n}`, () => void numericalGradient(sumSq, x), n >= 1e4 ? slow : opts);
  }
});

// Each iteration runs 1000 gradients, so the mean time in µs is the time per gradient in ns
// (a single ~20 ns call would be drowned by the harness's per-iteration overhead).
describe('2-D sphere gradient ×1000 (the optimizers hot path): mean µs = ns per gradient', () => {
  const s = sphere(2);
  const x = Float64Array.of(-3, 4);
  const out = new Float64Array(2);
  const reps = 1000;
  bench(
    'numericalGradientInto(sphere.f, x, out)',
    () => {
      for (let k = 0; k < reps; k++) numericalGradientInto(s.f, x, out);
    },
    opts,
  );
  bench(
    'centralGradient kernel (no argument checks)',
    () => {
      for (let k = 0; k < reps; k++) centralGradient(s.f, x, out, 1e-4);
    },
    opts,
  );
  bench(
    'numericalGradient(sphere.f, x) (copies x, allocates the result)',
    () => {
      for (let k = 0; k < reps; k++) numericalGradient(s.f, x);
    },
    opts,
  );
  bench(
    'sphere.grad(x, out) (analytic, for scale)',
    () => {
      for (let k = 0; k < reps; k++) s.grad(x, out);
    },
    opts,
  );
});
