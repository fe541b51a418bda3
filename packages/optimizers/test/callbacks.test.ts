// Callbacks are checked where they enter (issue #11): f returns a number, grad n numbers, hess n×n.
import { ArgumentRangeError, ArgumentTypeError, rosenbrock } from '@numcomp/core';
import { describe, expect, it } from 'vitest';
import { METHODS, type Method, type MinimizeOptions, minimize, OPTIONS, type Problem } from '../src/index.ts';

const GRADIENT_METHODS = METHODS.filter((m) => m !== 'nelder-mead');

/** Options each method needs to run here. */
function opts(method: Method): MinimizeOptions {
  if (method === 'projected-gradient') {
    return { method, constraints: [{ type: 'ball', radius: 100 }], lr: 0.1, maxIter: 50 };
  }
  return { method, maxIter: 50 };
}

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

/** lr 0.1 for the methods that take one. */
const lr = (method: Method): MinimizeOptions => (OPTIONS.lr.methods.includes(method) ? { lr: 0.1 } : {});

const f2 = (x: Float64Array): number => x[0]! ** 2 + x[1]! ** 2;

describe('the objective must return a number', () => {
  it.each(METHODS)("%s: f returning '25' is a TypeError naming f and the value", (method) => {
    const e = caught(() => minimize({ f: () => '25' as unknown as number }, [3, 4], opts(method)));
    expect(e).toBeInstanceOf(ArgumentTypeError);
    expect(e).toMatchObject({ option: 'f', value: '25' });
    expect((e as Error).message).toBe('invalid f: "25" (expected f(x) to return a number)');
  });

  it.each(METHODS)('%s: f returning an array is a TypeError (not fun = Float64Array)', (method) => {
    const e = caught(() =>
      minimize({ f: (x) => x as unknown as number, grad: (x) => x }, [3, 4], opts(method)),
    );
    expect(e).toBeInstanceOf(ArgumentTypeError);
    expect(e).toMatchObject({ option: 'f' });
  });

  it('a numerical gradient checks every f it evaluates', () => {
    let calls = 0;
    const f = (x: Float64Array): number => (++calls > 3 ? (undefined as unknown as number) : f2(x));
    expect(() => minimize({ f }, [3, 4], { lr: 0.1 })).toThrow('invalid f: undefined');
  });

  it('NaN and ±Infinity are numbers: outcomes, not errors', () => {
    expect(minimize({ f: () => Number.NaN }, [1], {}).status).toBe('non-finite');
    expect(minimize({ f: () => Number.POSITIVE_INFINITY }, [1], { method: 'bfgs' }).status).toBe(
      'non-finite',
    );
  });
});

describe('grad must return n numbers', () => {
  const short: Problem = { f: f2, grad: (x) => [2 * x[0]!] as unknown as Float64Array };
  it.each(GRADIENT_METHODS)('%s: a gradient of length 1 for n = 2 is a RangeError naming grad', (method) => {
    const e = caught(() => minimize(short, [3, 4], opts(method)));
    expect(e).toBeInstanceOf(ArgumentRangeError);
    expect(e).toMatchObject({ option: 'grad', value: [6], reason: 'expected 2 numbers, got 1' });
    expect((e as Error).message).toBe('invalid grad: [6] (expected 2 numbers, got 1)');
  });

  it.each(GRADIENT_METHODS)('%s: too long, a number, undefined: errors naming grad', (method) => {
    const long: Problem = { f: f2, grad: () => [1, 2, 3] as unknown as Float64Array };
    expect(() => minimize(long, [3, 4], opts(method))).toThrow(
      'invalid grad: [1, 2, 3] (expected 2 numbers, got 3)',
    );
    const five: Problem = { f: f2, grad: () => 5 as unknown as Float64Array };
    expect(caught(() => minimize(five, [3, 4], opts(method)))).toMatchObject({ option: 'grad', value: 5 });
    expect(() => minimize(five, [3, 4], opts(method))).toThrow(TypeError);
    const none: Problem = { f: f2, grad: () => undefined as unknown as Float64Array };
    expect(() => minimize(none, [3, 4], opts(method))).toThrow(
      'invalid grad: undefined (expected grad(x) to return 2 numbers)',
    );
    const strings: Problem = { f: f2, grad: () => ['1', 2] as unknown as Float64Array };
    expect(caught(() => minimize(strings, [3, 4], opts(method)))).toMatchObject({
      option: 'grad[0]',
      value: '1',
    });
  });

  it('the length is checked on every call, not only the first', () => {
    let calls = 0;
    const p: Problem = {
      f: f2,
      grad: (x) => (++calls > 2 ? Float64Array.of(2 * x[0]!) : Float64Array.of(2 * x[0]!, 2 * x[1]!)),
    };
    expect(() => minimize(p, [3, 4], { method: 'bfgs' })).toThrow('expected 2 numbers, got 1');
    calls = 0;
    expect(() => minimize(p, [3, 4], { lr: 0.1 })).toThrow('expected 2 numbers, got 1');
  });

  it('a gradient written into out or returned in a new array both work', () => {
    const fresh: Problem = { f: f2, grad: (x) => [2 * x[0]!, 2 * x[1]!] as unknown as Float64Array };
    for (const method of GRADIENT_METHODS) {
      expect(minimize(fresh, [3, 4], { ...opts(method), maxIter: 2 }).nit, method).toBeGreaterThan(0);
    }
  });
});

describe('hess must return an n×n matrix', () => {
  const { f, grad } = rosenbrock();
  it('a 1×2 nested matrix for n = 2 is a RangeError naming hess with both shapes', () => {
    const e = caught(() => minimize({ f, grad, hess: () => [[1, 2]] }, [0, 0], { method: 'newton' }));
    expect(e).toBeInstanceOf(ArgumentRangeError);
    expect(e).toMatchObject({ option: 'hess' });
    expect((e as Error).message).toMatch(/expected a 2×2 matrix, got 1×2/);
  });

  it('a 3×3 { rows, cols, data } matrix, a number, ragged rows and strings are refused', () => {
    const big = { rows: 3, cols: 3, data: new Float64Array(9) };
    expect(() => minimize({ f, grad, hess: () => big }, [0, 0], { method: 'newton' })).toThrow(
      /expected a 2×2 matrix, got 3×3/,
    );
    expect(() => minimize({ f, grad, hess: () => 5 as never }, [0, 0], { method: 'newton' })).toThrow(
      TypeError,
    );
    expect(() => minimize({ f, grad, hess: () => [[1, 0], [0]] }, [0, 0], { method: 'newton' })).toThrow(
      /row 1 has 1 entries/,
    );
    const e = caught(() =>
      minimize(
        {
          f,
          grad,
          hess: () =>
            [
              [1, 'x'],
              [0, 1],
            ] as never,
        },
        [0, 0],
        { method: 'newton' },
      ),
    );
    expect(e).toMatchObject({ option: 'hess[0][1]', value: 'x' });
  });
});

describe('a NaN or ±∞ gradient is non-finite in every method', () => {
  /** f = (x − 3)² on both coordinates; ∇f turns NaN after `after` gradient evaluations. */
  function breaksAfter(after: number, bad = Number.NaN): Problem {
    let calls = 0;
    return {
      f: (x) => (x[0]! - 3) ** 2 + (x[1]! - 3) ** 2,
      grad: (x, out = new Float64Array(2)) => {
        calls++;
        out[0] = calls > after ? bad : 2 * (x[0]! - 3);
        out[1] = 2 * (x[1]! - 3);
        return out;
      },
    };
  }
  it.each(GRADIENT_METHODS)('%s: NaN at x0 → non-finite, nit 0', (method) => {
    expect(minimize(breaksAfter(0), [0, 0], opts(method))).toMatchObject({ status: 'non-finite', nit: 0 });
  });
  it.each(GRADIENT_METHODS)('%s: NaN after the first step → non-finite', (method) => {
    const r = minimize(breaksAfter(1), [0, 0], { ...opts(method), ...lr(method) });
    expect(r.status).toBe('non-finite');
    expect(r.success).toBe(false);
    expect(Number.isFinite(r.fun)).toBe(true);
  });
  it.each(GRADIENT_METHODS)('%s: +∞ after the first step → non-finite', (method) => {
    const r = minimize(breaksAfter(1, Number.POSITIVE_INFINITY), [0, 0], { ...opts(method), ...lr(method) });
    expect(r.status).toBe('non-finite');
  });
  it('a gradient that overflows because f blew up is still diverged (x⁴, lr 1, from 10)', () => {
    const p: Problem = {
      f: (x) => x[0]! ** 4,
      grad: (x, out = new Float64Array(1)) => {
        out[0] = 4 * x[0]! ** 3;
        return out;
      },
    };
    expect(minimize(p, [10], { lr: 1 }).status).toBe('diverged');
  });
});
