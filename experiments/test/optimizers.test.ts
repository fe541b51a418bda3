import type { RunRecord } from '@numcomp/runner';
import { param } from '@numcomp/runner/experiment';
import { beforeAll, describe, expect, it } from 'vitest';
import { pick, runPoints } from './_harness.ts';

let records: RunRecord[];
beforeAll(async () => {
  records = await runPoints('optimizers');
});

const FNS = ['rosenbrock', 'beale', 'himmelblau', 'quadratic'];
const FIRST_ORDER = ['gradient-descent', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam'];
const SECOND_ORDER = ['newton', 'bfgs', 'lbfgs', 'conjugate-gradient', 'nelder-mead'];

describe('optimizers', () => {
  it('runs eleven methods on four functions', () => {
    expect(records).toHaveLength(4 * 11);
    expect(records.some((r) => r.status === 'error')).toBe(false);
  });

  it('solves Rosenbrock with Newton and BFGS in tens of iterations', () => {
    for (const method of ['newton', 'bfgs']) {
      const r = pick(records, { fn: 'rosenbrock', method });
      expect(r.status).toBe('converged');
      expect(r.nit).toBeLessThan(50);
      expect(Math.hypot(r.x![0]! - 1, r.x![1]! - 1)).toBeLessThan(1e-6);
    }
    expect(pick(records, { fn: 'quadratic', method: 'newton' }).nit).toBe(1);
  });

  it('converges to a global minimum with every second-order and derivative-free method, everywhere', () => {
    for (const fn of FNS) {
      for (const method of SECOND_ORDER) {
        const r = pick(records, { fn, method });
        expect([fn, method, r.status]).toEqual([fn, method, 'converged']);
        expect(r.fun).toBeLessThan(1e-9);
      }
    }
  });

  it('needs more iterations with gradient descent than with BFGS, 100× more in the valleys', () => {
    for (const fn of FNS) {
      const ratio =
        pick(records, { fn, method: 'gradient-descent' }).nit! / pick(records, { fn, method: 'bfgs' }).nit!;
      expect([fn, ratio > (fn === 'himmelblau' ? 2 : fn === 'beale' ? 30 : 100)]).toEqual([fn, true]);
    }
  });

  it('gives each first-order method the learning rate of 10^-4 … 1 with the fewest steps, as documented', async () => {
    const sweep = await runPoints('optimizers', (p) => FIRST_ORDER.includes(p.method as string), [
      'lr=logspace(-4,0,9)',
    ]);
    expect(sweep).toHaveLength(4 * 6 * 9);
    for (const fn of FNS) {
      for (const method of FIRST_ORDER) {
        const all = sweep.filter((r) => param(r.params, 'fn') === fn && param(r.params, 'method') === method);
        const ok = all.filter((r) => r.status === 'converged');
        const chosen = pick(records, { fn, method });
        if (ok.length > 0) {
          expect([fn, method, chosen.nit]).toEqual([fn, method, Math.min(...ok.map((r) => r.nit!))]);
        } else {
          // RMSProp on Rosenbrock, Beale and the quadratic: no rate converges; the lowest final f then.
          expect([fn, method, chosen.fun]).toEqual([fn, method, Math.min(...all.map((r) => r.fun!))]);
        }
      }
    }
  });

  it('leaves RMSProp circling the minimum with a constant rate', () => {
    for (const fn of ['rosenbrock', 'beale', 'quadratic']) {
      const r = pick(records, { fn, method: 'rmsprop' });
      expect(r.status).toBe('max-iter');
      expect(r.fun).toBeLessThan(1e-3);
    }
  });
});
