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

  it('hands hess an n×n matrix over out: written in place, or returned anew (copied), or as rows', () => {
    const H = new Float64Array(4);
    const seen: unknown[] = [];
    const inPlace = new Evaluator(
      {
        f: sphere2.f,
        hess: (x, out) => {
          seen.push(out);
          out!.data.set([2 * x[0]!, 1, 1, 2 * x[1]!]);
          return out!;
        },
      },
      2,
      'numerical',
      1e-4,
    );
    expect(inPlace.hess(Float64Array.of(3, 4), H)).toBe(H);
    expect(Array.from(H)).toEqual([6, 1, 1, 8]);
    inPlace.hess(Float64Array.of(1, 2), H);
    expect(Array.from(H)).toEqual([2, 1, 1, 4]);
    // The same matrix each call, over the caller's buffer.
    expect(seen[0]).toBe(seen[1]);
    expect((seen[0] as { data: Float64Array }).data).toBe(H);
    expect(inPlace.nhev).toBe(2);
    // A hess that ignores out: its matrix, or its rows, are copied.
    const fresh = new Evaluator(
      { f: sphere2.f, hess: () => ({ rows: 2, cols: 2, data: Float64Array.of(5, 6, 6, 7) }) },
      2,
      'numerical',
      1e-4,
    );
    expect(Array.from(fresh.hess(Float64Array.of(0, 0), H))).toEqual([5, 6, 6, 7]);
    const rows = new Evaluator(
      {
        f: sphere2.f,
        hess: () => [
          [1, 2],
          [2, 3],
        ],
      },
      2,
      'numerical',
      1e-4,
    );
    expect(Array.from(rows.hess(Float64Array.of(0, 0), H))).toEqual([1, 2, 2, 3]);
    // Core's test functions write in place: the same bits as hess(x).
    const r = rosenbrock();
    const x = Float64Array.of(-1.2, 1);
    expect(Array.from(new Evaluator(r, 2, 'analytic', 1e-4).hess(x, H))).toEqual(Array.from(r.hess(x).data));
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
