// The stepping API (optax-style init/update), with optax's alias_test.py cases ported: the same
// optimizers and learning rates, the same two targets, 10,000 steps, |x − x*| ≤ 3e-2 + 3e-2·|x*|.
// Early iterates are pinned against optax's update rules written out in NumPy (fixtures/optaxAlias.py).
import { readFileSync } from 'node:fs';
import { ArgumentRangeError, ArgumentTypeError } from '@numcomp/core';
import { describe, expect, it } from 'vitest';
import {
  applyStep,
  minimize,
  type OptimizeResult,
  optimizer,
  rmsprop,
  type StepMethod,
  type StepOptions,
} from '../src/index.ts';

interface Case {
  optax: string;
  method: StepMethod;
  options: StepOptions;
  target: 'parabola' | 'rosenbrock';
  x0: number[];
  final: number[];
  first10: number[][];
  after10000: number[];
}
const { cases } = JSON.parse(
  readFileSync(new URL('./fixtures/optaxAlias.json', import.meta.url), 'utf8'),
) as {
  cases: Case[];
};

/** The gradient of each target, as optax's test differentiates it. */
const GRAD = {
  parabola: (p: Float64Array, out: Float64Array): void => {
    out[0] = 2 * (p[0]! - 1);
    out[1] = 2 * (p[1]! + 1);
    out[2] = 2 * (p[2]! - 1);
  },
  rosenbrock: (p: Float64Array, out: Float64Array): void => {
    const x = p[0]!;
    const y = p[1]!;
    out[0] = -2 * (1 - x) - 400 * x * (y - x * x);
    out[1] = 200 * (y - x * x);
  },
};

/** Drives `optimizer(method, options)` for `steps` steps; returns the iterates asked for. */
function drive(c: Case, steps: number): { first: number[][]; x: Float64Array } {
  const opt = optimizer(c.method, c.options);
  const x = Float64Array.from(c.x0);
  const g = new Float64Array(x.length);
  const state = opt.init(x);
  const first: number[][] = [];
  for (let k = 0; k < steps; k++) {
    GRAD[c.target](x, g);
    applyStep(x, opt.update(state, g));
    if (k < 10) first.push(Array.from(x));
  }
  return { first, x };
}

/** How closely the first ten iterates follow optax's: the rules are the same up to rounding, except
 * where optax's defaults differ (ε inside the square root for RMSProp; AdaGrad's accumulator starts at
 * 0.1 and its ε = 1e-7 sits inside the root). */
const PIN: Record<string, number | undefined> = {
  momentum: 1e-13,
  nesterov: 1e-13,
  adam: 1e-13,
  rmsprop: 1e-5,
  adagrad: undefined,
};

describe('optax alias_test.py: test_optimization', () => {
  it.each(cases.map((c) => [c.optax, c.target, c] as const))(
    '%s on the %s reaches the optimum in 10,000 steps',
    (_, __, c) => {
      const { first, x } = drive(c, 10000);
      for (let i = 0; i < x.length; i++) {
        expect(Math.abs(x[i]! - c.final[i]!)).toBeLessThanOrEqual(3e-2 + 3e-2 * Math.abs(c.final[i]!));
      }
      const tol = PIN[c.method];
      if (tol !== undefined) {
        for (let k = 0; k < 10; k++) {
          for (let i = 0; i < x.length; i++) {
            const want = c.first10[k]![i]!;
            expect(Math.abs(first[k]![i]! - want)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(want)));
          }
        }
      }
    },
  );

  it('matches optax to the last digits after 10,000 Adam and heavy-ball steps on the parabola', () => {
    for (const c of cases.filter(
      (c) => c.target === 'parabola' && ['adam', 'momentum', 'nesterov'].includes(c.method),
    )) {
      const { x } = drive(c, 10000);
      for (let i = 0; i < x.length; i++) expect(x[i]).toBeCloseTo(c.after10000[i]!, 12);
    }
  });
});

describe('optimizer(method, options): the stepping API', () => {
  it.each(['gradient-descent', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam'] as const)(
    "sits under minimize: 50 %s steps by hand are minimize's iterates, bit for bit",
    (method) => {
      const f = (x: Float64Array): number => (x[0]! - 1) ** 2 + 10 * (x[1]! + 2) ** 2;
      const grad = (x: Float64Array, o?: Float64Array): Float64Array => {
        const out = o ?? new Float64Array(2);
        out[0] = 2 * (x[0]! - 1);
        out[1] = 20 * (x[1]! + 2);
        return out;
      };
      const options: StepOptions = { lr: 0.02, schedule: { type: 'inverse-time', decay: 0.01 } };
      const r: OptimizeResult = minimize({ f, grad }, [3, 4], {
        method,
        ...options,
        maxIter: 50,
        record: true,
      });
      const opt = optimizer(method, options);
      const x = Float64Array.of(3, 4);
      const state = opt.init(x);
      const g = new Float64Array(2);
      for (let k = 0; k < 50; k++) {
        applyStep(x, opt.update(state, grad(x, g)));
        expect(Array.from(x)).toEqual(r.trajectory!.x[k + 1]);
      }
      expect(state.count).toBe(50);
    },
  );

  it('refuses unknown options, options the method does not use, and bad values', () => {
    expect(() => optimizer('adam', { lrr: 0.1 } as never)).toThrow('unknown option lrr; did you mean lr?');
    const e = (() => {
      try {
        optimizer('adam', { momentum: 0.9 });
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(ArgumentRangeError);
    expect(e).toMatchObject({ option: 'momentum', value: 0.9, reason: 'adam does not use momentum' });
    expect(() => optimizer('adam', { beta1: 1 })).toThrow('invalid beta1: 1 (expected a number in [0, 1))');
    expect(() => optimizer('bfgs' as never)).toThrow(/^invalid method: "bfgs"/);
    expect(() =>
      optimizer('adam', { schedule: { type: 'cosine' }, maxIter: Number.POSITIVE_INFINITY }),
    ).toThrow(/schedule\.period/);
  });

  it('checks the gradient and the state on each update', () => {
    const opt = optimizer('momentum', { lr: 0.1 });
    const state = opt.init([1, 2]);
    expect(() => opt.update(state, [1])).toThrow('invalid grad: [1] (expected 2 numbers, got 1)');
    expect(() => optimizer('adam').update(state, [1, 2])).toThrow(/a state of adam/);
    expect(() => opt.update({} as never, [1, 2])).toThrow(ArgumentTypeError);
    expect(() => applyStep(Float64Array.of(1), [1, 2])).toThrow(RangeError);
  });

  it('returns the state’s own step buffer (no allocation per update)', () => {
    const opt = optimizer('adam');
    const state = opt.init([0, 0]);
    const a = opt.update(state, [1, 1]);
    const b = opt.update(state, [1, 1]);
    expect(a).toBe(b);
    expect(a).toBe(state.step);
  });
});

describe('RMSProp momentum and centered (TensorFlow, optax)', () => {
  const f = (x: Float64Array): number => x[0]! ** 2;
  const grad = (x: Float64Array, o?: Float64Array): Float64Array => {
    const out = o ?? new Float64Array(1);
    out[0] = 2 * x[0]!;
    return out;
  };
  it('centered: s = 0.1g², m = 0.1g, the first step divides by √(s − m²) = 0.3|g|', () => {
    const r = rmsprop({ f, grad }, [1], { lr: 0.01, centered: true, maxIter: 1 });
    expect(r.x[0]).toBeCloseTo(1 - 0.01 / 0.3, 8);
  });
  it('momentum μ: b₁ = u₁, b₂ = μb₁ + u₂, x₂ = x₁ − b₂', () => {
    const lr = 0.01;
    const mu = 0.5;
    const u1 = (lr * 2) / (Math.sqrt(0.1 * 4) + 1e-8);
    const x1 = 1 - u1;
    const g2 = 2 * x1;
    const s2 = 0.9 * 0.4 + 0.1 * g2 * g2;
    const u2 = (lr * g2) / (Math.sqrt(s2) + 1e-8);
    const r = rmsprop({ f, grad }, [1], { lr, momentum: mu, maxIter: 2 });
    expect(r.x[0]).toBeCloseTo(x1 - (mu * u1 + u2), 14);
    // momentum 0 (the default) is plain RMSProp
    expect(rmsprop({ f, grad }, [1], { lr, momentum: 0, maxIter: 5 }).x).toEqual(
      rmsprop({ f, grad }, [1], { lr, maxIter: 5 }).x,
    );
  });
});
