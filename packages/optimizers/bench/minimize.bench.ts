// The notebook's loop (gradient descent, numerical gradient, 2-D sum of squares, 1,000 steps, recording
// off) through `minimize`, beside the same algorithm written by hand on Float64Arrays in this process.
// Target: `minimize` within 1.5× of the hand loop. Both rows use the same objective function.
import { sphere } from '@numcomp/core';
import { bench, describe } from 'vitest';
import { minimize, type Problem } from '../src/index.ts';

const STEPS = 1000;
/** The notebook's function_2. */
const function2: Problem = { f: (x) => x[0]! * x[0]! + x[1]! * x[1]! };
const x0 = [-3, 4];
let sink = 0;

/** The notebook's gradient_descent with numerical_gradient inlined, by hand. */
function handLoop(f: (x: Float64Array) => number): number {
  const x = Float64Array.of(-3, 4);
  const g = new Float64Array(2);
  const h = 1e-4;
  const lr = 0.01;
  for (let s = 0; s < STEPS; s++) {
    for (let i = 0; i < 2; i++) {
      const t = x[i]!;
      x[i] = t + h;
      const f1 = f(x);
      x[i] = t - h;
      const f2 = f(x);
      g[i] = (f1 - f2) / (2 * h);
      x[i] = t;
    }
    for (let i = 0; i < 2; i++) x[i] = x[i]! - lr * g[i]!;
  }
  return x[0]!;
}

describe(`notebook gradient descent, numerical gradient, sum of squares, ${STEPS} steps`, () => {
  bench('hand-written Float64Array loop', () => {
    sink += handLoop(function2.f);
  });
  bench('minimize (gradient-descent)', () => {
    sink += minimize(function2, x0, { lr: 0.01, maxIter: STEPS }).x[0]!;
  });
});

describe(`first-order methods, analytic gradient, sphere(2), ${STEPS} steps`, () => {
  const problem = sphere(2);
  for (const method of ['gradient-descent', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam'] as const) {
    bench(`minimize (${method})`, () => {
      sink += minimize(problem, x0, { method, lr: 0.001, maxIter: STEPS }).x[0]!;
    });
  }
  bench('minimize (gradient-descent, record every 10)', () => {
    sink += minimize(problem, x0, { lr: 0.001, maxIter: STEPS, record: { every: 10 } }).x[0]!;
  });
});

export { sink };
