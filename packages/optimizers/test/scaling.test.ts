// Scale-free line searches (issue #11): f = s·(x − 1)² for s from 1e−50 to 1e+50, ported from SciPy's
// test_optimize.py::TestOptimizeSimple::test_initial_step_scaling (same f, same gradient — SciPy's g is
// s·(x − 1), half the true derivative — same start −1 and gtol = s·1e-8).
import { describe, expect, it } from 'vitest';
import { bfgs, conjugateGradient, lbfgs, minimize, newton, type Problem } from '../src/index.ts';

const SCALES = [1e-50, 1e-20, 1e-10, 1, 1e10, 1e20, 1e50];

/** SciPy's f and g, watching the first step's size and refusing to go far. */
function scaled(scale: number): { problem: Problem; firstStep: () => number | undefined } {
  let first: number | undefined;
  return {
    problem: {
      f: (x) => {
        if (first === undefined && x[0] !== -1) first = Math.abs(x[0]! + 1);
        if (Math.abs(x[0]!) > 1e4) throw new Error('Optimization stepped far away!');
        return scale * (x[0]! - 1) ** 2;
      },
      grad: (x, out = new Float64Array(1)) => {
        out[0] = scale * (x[0]! - 1);
        return out;
      },
    },
    firstStep: () => first,
  };
}

describe('f = s·(x − 1)² from −1 for s = 1e−50 … 1e+50 (SciPy test_initial_step_scaling)', () => {
  const methods = [
    ['bfgs', bfgs],
    ['conjugateGradient', conjugateGradient],
    ['lbfgs', lbfgs],
  ] as const;
  for (const [name, run] of methods) {
    it.each(SCALES)(`${name} with tol = s·1e-8 converges to x = 1 in ≤ 3 iterations, s = %s`, (scale) => {
      const { problem, firstStep } = scaled(scale);
      const r = run(problem, [-1], { tol: scale * 1e-8 });
      expect(r.status).toBe('converged');
      expect(r.x[0]).toBeCloseTo(1, 10);
      expect(r.nit).toBeLessThanOrEqual(3);
      // SciPy: the first step of CG and BFGS has length 1.01 when s > 1e-10.
      if (scale > 1e-10 && name !== 'lbfgs') expect(firstStep()).toBeCloseTo(1.01, 12);
    });
  }

  /** f = s·(x − 1)² with its true derivatives. */
  const exact = (s: number): Problem & { hess: () => number[][] } => ({
    f: (x) => s * (x[0]! - 1) ** 2,
    grad: (x, out = new Float64Array(1)) => {
      out[0] = 2 * s * (x[0]! - 1);
      return out;
    },
    hess: () => [[2 * s]],
  });

  it.each(SCALES)('newton with every line search reaches x = 1, s = %s', (scale) => {
    for (const lineSearch of ['strong-wolfe', 'backtracking', 'exact', 'none'] as const) {
      const r = newton(exact(scale), [-1], { lineSearch, tol: scale * 1e-8 });
      expect(r.status, lineSearch).toBe('converged');
      expect(r.x[0], lineSearch).toBeCloseTo(1, 8);
    }
  });

  it.each(SCALES)('gradient descent with the exact line search reaches x = 1, s = %s', (scale) => {
    const r = minimize(exact(scale), [-1], { lineSearch: 'exact', tol: scale * 1e-8, maxIter: 20 });
    expect(r.status).toBe('converged');
    expect(r.x[0]).toBeCloseTo(1, 7);
  });

  it('the issue’s cases: BFGS at s = 1e+50 no longer stops at x = 0.01; at 1e−50 x leaves −1', () => {
    for (const s of [1e50, 1e-50]) {
      for (const run of [bfgs, conjugateGradient]) {
        const r = run(exact(s), [-1], { tol: 2 * s * 1e-8 });
        expect(r.status).toBe('converged');
        expect(r.x[0]).toBeCloseTo(1, 8);
      }
    }
  });
});
