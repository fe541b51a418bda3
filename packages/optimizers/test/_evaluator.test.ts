import { rosenbrock } from '@numcomp/core';
import { describe, expect, it } from 'vitest';
import { Evaluator } from '../src/_evaluator.ts';
import { function2, sphere2 } from './_problems.ts';

describe('Evaluator', () => {
  it('counts a numerical gradient as one ngev and 2n nfev, and restores x', () => {
    const ev = new Evaluator(function2, 2, 'numerical', 1e-4);
    const x = Float64Array.of(3, 4);
    const g = ev.grad(x, new Float64Array(2));
    // the notebook: numerical_gradient(function_2, np.array([3.0, 4.0])) → [6., 8.]
    expect(g[0]).toBeCloseTo(6, 10);
    expect(g[1]).toBeCloseTo(8, 10);
    expect(Array.from(x)).toEqual([3, 4]);
    expect([ev.nfev, ev.ngev, ev.nhev]).toEqual([4, 1, 0]);
    expect(ev.fg(x, g)).toBe(25);
    expect([ev.nfev, ev.ngev]).toEqual([9, 2]);
  });

  it('copies a gradient returned in a new array into out', () => {
    const ev = new Evaluator(
      { f: sphere2.f, grad: (x) => Float64Array.of(2 * x[0]!, 2 * x[1]!) },
      2,
      'analytic',
      1e-4,
    );
    const out = new Float64Array(2);
    expect(ev.grad(Float64Array.of(1, 2), out)).toBe(out);
    expect(Array.from(out)).toEqual([2, 4]);
    expect([ev.nfev, ev.ngev]).toEqual([0, 1]);
  });

  it('hess: analytic when given (nhev), else central differences of the gradient', () => {
    const r = rosenbrock();
    const x = Float64Array.of(-1.2, 1);
    const a = new Evaluator(r, 2, 'analytic', 1e-4);
    const H = a.hess(x, new Float64Array(4));
    // ∂²f/∂x² = 1200x² − 400y + 2, ∂²f/∂x∂y = −400x, ∂²f/∂y² = 200
    expect(Array.from(H)).toEqual([1200 * 1.44 - 400 + 2, 480, 480, 200]);
    expect(a.nhev).toBe(1);
    const n = new Evaluator({ f: r.f, grad: r.grad }, 2, 'analytic', 1e-4);
    const Hn = n.hess(x, new Float64Array(4));
    for (let i = 0; i < 4; i++) expect(Hn[i]).toBeCloseTo(H[i]!, 4);
    expect(Hn[1]).toBe(Hn[2]);
    expect([n.nhev, n.ngev]).toEqual([0, 4]);
    expect(Array.from(x)).toEqual([-1.2, 1]);
  });
});
