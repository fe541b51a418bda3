// maxIter: Infinity with a maxfev budget (issue #11): every method stops with status 'max-iter' and the
// message 'maxfev reached' once nfev reaches the budget (checked before each iteration).
import { rosenbrock } from '@numcomp/core';
import { describe, expect, it } from 'vitest';
import { METHODS, type Method, type MinimizeOptions, minimize, OPTIONS } from '../src/index.ts';

function opts(method: Method): MinimizeOptions {
  const o: MinimizeOptions = { method, maxIter: Number.POSITIVE_INFINITY, maxfev: 20 };
  if (OPTIONS.lr.methods.includes(method)) return { ...o, lr: 1e-4 };
  return o;
}

describe('maxIter: Infinity with maxfev', () => {
  it.each(METHODS.filter((m) => m !== 'projected-gradient'))(
    '%s on Rosenbrock stops at the budget: max-iter, "maxfev reached"',
    (method) => {
      const r = minimize(rosenbrock(), [-1.2, 1], opts(method));
      expect(r.status).toBe('max-iter');
      expect(r.message).toMatch(/^maxfev reached/);
      expect(r.nfev).toBeGreaterThanOrEqual(20);
      // one iteration may pass the budget by its own evaluations, no more
      expect(r.nfev).toBeLessThan(20 + 40);
    },
  );

  it('projected-gradient too', () => {
    const r = minimize(rosenbrock(), [-1.2, 1], {
      ...opts('projected-gradient'),
      constraints: [{ type: 'ball', radius: 10 }],
    });
    expect(r).toMatchObject({ status: 'max-iter', message: expect.stringMatching(/^maxfev reached/) });
  });

  it('the numerical gradient counts 2n evaluations per gradient against the budget', () => {
    const { f } = rosenbrock();
    const r = minimize({ f }, [-1.2, 1], { lr: 1e-4, maxIter: Number.POSITIVE_INFINITY, maxfev: 41 });
    // f(x₀) and ∇f(x₀) cost 5, each step 4 more: 9 steps reach 41; then the final f (counted)
    expect(r).toMatchObject({ status: 'max-iter', nit: 9, nfev: 42 });
  });

  it('a converged run before the budget is converged, and maxIter still binds first when smaller', () => {
    expect(
      minimize(rosenbrock(), [-1.2, 1], { method: 'bfgs', maxIter: Number.POSITIVE_INFINITY, maxfev: 1000 })
        .status,
    ).toBe('converged');
    const r = minimize(rosenbrock(), [-1.2, 1], { method: 'bfgs', maxIter: 3, maxfev: 1000 });
    expect(r).toMatchObject({ status: 'max-iter', nit: 3, message: 'maximum number of iterations reached' });
  });

  it('maxIter: Infinity needs a finite maxfev', () => {
    expect(() => minimize(rosenbrock(), [0, 0], { maxIter: Number.POSITIVE_INFINITY })).toThrow(
      'invalid maxIter: Infinity (Infinity needs a finite maxfev budget)',
    );
    expect(() =>
      minimize(rosenbrock(), [0, 0], {
        maxIter: Number.POSITIVE_INFINITY,
        maxfev: 10,
        schedule: { type: 'cosine' },
      }),
    ).toThrow(/schedule\.period/);
  });
});
