import { describe, expect, it } from 'vitest';
import { getTestFunction, testFunctions } from '../src/index.ts';

const names = [
  'function-1',
  'sphere',
  'quadratic',
  'ill-conditioned-quadratic',
  'least-squares',
  'rosenbrock',
  'beale',
  'booth',
  'himmelblau',
  'styblinski-tang',
  'rastrigin',
  'goldstein-price',
  'mccormick',
  'saddle',
  'monkey-saddle',
  'plateau',
];

const params: Record<string, object> = {
  quadratic: {
    A: [
      [2, 0],
      [0, 1],
    ],
    b: [1, 1],
  },
  'ill-conditioned-quadratic': { kappa: 10 },
  'least-squares': {
    A: [
      [1, 0],
      [0, 1],
      [1, 1],
    ],
    b: [1, 2, 3],
  },
};

describe('getTestFunction', () => {
  it('testFunctions lists exactly the 16 registry names', () => {
    expect(Object.keys(testFunctions).sort()).toEqual([...names].sort());
  });

  it.each(names)("getTestFunction('%s') builds a function whose name is its registry name", (name) => {
    const tf = getTestFunction(name, params[name]);
    expect(tf.name).toBe(name);
    expect(Number.isFinite(tf.f(new Float64Array(tf.dim).fill(0.5)))).toBe(true);
  });

  it('passes dim, kappa, A, b and c through', () => {
    expect(getTestFunction('rosenbrock', { dim: 5 }).dim).toBe(5);
    expect(getTestFunction('sphere').dim).toBe(2);
    expect(
      getTestFunction('ill-conditioned-quadratic', { kappa: 1e3, dim: 3 }).hess(new Float64Array(3)).data[8],
    ).toBe(1e3);
    expect(getTestFunction('quadratic', { A: [[2]], b: [4], c: 1 }).minima[0]!.f).toBe(-3);
  });

  it('accepts a fixed function’s own dim and rejects any other parameter', () => {
    expect(getTestFunction('beale', { dim: 2 }).dim).toBe(2);
    expect(() => getTestFunction('beale', { dim: 3 })).toThrow(
      new RangeError('invalid params.dim: 3 (beale takes no parameters)'),
    );
    expect(() => getTestFunction('sphere', { kappa: 3 })).toThrow(
      'invalid params.kappa: 3 (sphere takes dim)',
    );
  });

  it('an unknown name is a RangeError listing the valid names', () => {
    expect(() => getTestFunction('rosenbrok')).toThrow(
      new RangeError(`invalid name: "rosenbrok" (expected one of ${names.join(', ')})`),
    );
    expect(() => getTestFunction('toString')).toThrow(RangeError);
    expect(() => getTestFunction(3 as unknown as string)).toThrow(TypeError);
  });

  it('missing required parameters are reported by name', () => {
    expect(() => getTestFunction('ill-conditioned-quadratic')).toThrow('invalid kappa: undefined');
    expect(() => getTestFunction('quadratic', { b: [1] })).toThrow(TypeError);
    expect(() => getTestFunction('sphere', { dim: -1 })).toThrow('invalid dim: -1');
  });
});
