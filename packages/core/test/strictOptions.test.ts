import { describe, expect, it } from 'vitest';
import { ArgumentTypeError } from '../src/_validate.ts';
import { checkGradient } from '../src/checkGradient.ts';
import { errorAmplification } from '../src/errorAmplification.ts';
import { exp } from '../src/exp.ts';
import { hessian } from '../src/hessian.ts';
import { jacobian } from '../src/jacobian.ts';
import { logSigmoid } from '../src/logSigmoid.ts';
import { logSoftmax, logSoftmaxInto } from '../src/logSoftmax.ts';
import { logSumExp } from '../src/logSumExp.ts';
import { naiveSoftmax } from '../src/naiveSoftmax.ts';
import { numericalDiff, numericalDiffWithError } from '../src/numericalDiff.ts';
import { numericalGradient } from '../src/numericalGradient.ts';
import { numericalGradientBatch } from '../src/numericalGradientBatch.ts';
import { numericalGradientInto } from '../src/numericalGradientInto.ts';
import { sigmoid } from '../src/sigmoid.ts';
import { softmax, softmaxInto } from '../src/softmax.ts';
import { softplus } from '../src/softplus.ts';
import { tangentLine } from '../src/tangentLine.ts';
import { getTestFunction } from '../src/testFunctions/getTestFunction.ts';

const sq = (v: Float64Array): number => v[0]! * v[0]!;

/** Calls `fn`, expects an ArgumentTypeError, and returns it. */
function thrown(fn: () => unknown): ArgumentTypeError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ArgumentTypeError);
    return e as ArgumentTypeError;
  }
  throw new Error('did not throw');
}

describe('unknown option keys are refused with the nearest valid name', () => {
  const cases: [string, () => unknown, string, string][] = [
    ['numericalGradient', () => numericalGradient(sq, [1], { hh: 1e-4 } as never), 'hh', 'h'],
    ['numericalGradient', () => numericalGradient(sq, [1], { bogus: 1 } as never), 'bogus', ''],
    ['numericalGradientBatch', () => numericalGradientBatch(sq, [[1]], { H: 1 } as never), 'H', 'h'],
    ['numericalDiff', () => numericalDiff(Math.sin, 1, { methd: 'central' } as never), 'methd', 'method'],
    [
      'numericalDiffWithError',
      () => numericalDiffWithError(Math.sin, 1, { Method: 'x' } as never),
      'Method',
      'method',
    ],
    ['tangentLine', () => tangentLine(Math.sin, 1, { step: 1 } as never), 'step', ''],
    ['jacobian', () => jacobian((v) => [v[0]!], [1], { mehtod: 'forward' } as never), 'mehtod', 'method'],
    ['hessian', () => hessian(sq, [1], { hstep: 1 } as never), 'hstep', ''],
    ['checkGradient', () => checkGradient(sq, (v) => [2 * v[0]!], [1], { eps: 1 } as never), 'eps', ''],
    ['softmax', () => softmax([1, 2], { precison: 'float32' } as never), 'precison', 'precision'],
    ['softmaxInto', () => softmaxInto([1, 2], new Float64Array(2), { dtype: 1 } as never), 'dtype', ''],
    ['logSoftmax', () => logSoftmax([1, 2], { Precision: 'float32' } as never), 'Precision', 'precision'],
    ['logSoftmaxInto', () => logSoftmaxInto([1], new Float64Array(1), { p: 1 } as never), 'p', ''],
    ['logSumExp', () => logSumExp([1, 2], { precison: 'float32' } as never), 'precison', 'precision'],
    ['naiveSoftmax', () => naiveSoftmax([1], { precisio: 'float32' } as never), 'precisio', 'precision'],
    ['sigmoid', () => sigmoid([1], { precission: 'float32' } as never), 'precission', 'precision'],
    ['softplus', () => softplus([1], { beta: 2 } as never), 'beta', ''],
    ['logSigmoid', () => logSigmoid([1], { precision32: true } as never), 'precision32', 'precision'],
    ['exp', () => exp(1, { precsion: 'float32' } as never), 'precsion', 'precision'],
    ['errorAmplification', () => errorAmplification([[1]], [1], { trails: 3 } as never), 'trails', 'trials'],
  ];
  for (const [name, call, key, near] of cases) {
    it(`${name}(…, { ${key} }) throws "unknown option ${key}${near ? `; did you mean ${near}?` : ''}"`, () => {
      const e = thrown(call);
      expect(e.option).toBe(key);
      expect(e.message.startsWith(`unknown option ${key}`)).toBe(true);
      if (near) expect(e.message).toBe(`unknown option ${key}; did you mean ${near}?`);
      else expect(e.message).toMatch(/\(expected one of /);
    });
  }
  it('getTestFunction(name, { kapa }) suggests kappa', () => {
    expect(() => getTestFunction('ill-conditioned-quadratic', { kapa: 10 } as never)).toThrow(
      'invalid params.kapa: 10 (ill-conditioned-quadratic takes kappa, dim; did you mean kappa?)',
    );
  });
});

describe('a callback must return a number', () => {
  const vec = (v: Float64Array): number => [v[0]!, v[0]!] as unknown as number;
  const cases: [string, () => unknown][] = [
    ['numericalGradient', () => numericalGradient(vec, [1, 2])],
    ['numericalGradientInto', () => numericalGradientInto(vec, Float64Array.of(1), new Float64Array(1))],
    ['numericalGradientBatch', () => numericalGradientBatch(vec, [[1, 2]])],
    ['numericalDiff', () => numericalDiff(() => '1' as unknown as number, 1)],
    ['numericalDiffWithError', () => numericalDiffWithError(() => null as unknown as number, 1)],
    ['hessian', () => hessian(vec, [1, 2])],
    ['checkGradient', () => checkGradient(vec, (v) => [1, v[1]!], [1, 2])],
  ];
  for (const [name, call] of cases) {
    it(`${name} with an f that returns a non-number throws a TypeError naming f and the value`, () => {
      const e = thrown(call);
      expect(e.option).toBe('f');
      expect(e.message).toMatch(/^invalid f: .* \(f\(x\) must return a number\)$/);
    });
  }
  it('checkGradient with a vector-valued f throws instead of returning NaN', () => {
    const f = (v: Float64Array) => Float64Array.of(v[0]!, v[1]!) as unknown as number;
    const e = thrown(() => checkGradient(f, () => [1, 0], [1, 2]));
    expect(e.value).toEqual(Float64Array.of(1, 2));
    expect(e.message).toBe('invalid f: [1, 2] (f(x) must return a number)');
  });
  it('tangentLine checks f(x) too, and checkGradient the entries of grad(x)', () => {
    expect(() => tangentLine((t) => (t === 1 ? ('1' as unknown as number) : t), 1)).toThrow(
      /^invalid f: "1"/,
    );
    expect(() => checkGradient(sq, () => [null as unknown as number], [1])).toThrow(
      /^invalid grad\(x\)\[0\]: null/,
    );
  });
  it('jacobian with an F whose entries are not numbers names the entry', () => {
    expect(() => jacobian(() => [1, '2'] as unknown as number[], [1])).toThrow(/^invalid F\(x\)\[1\]: "2"/);
  });
  it('numericalGradientInto restores x when f returns a non-number', () => {
    const x = Float64Array.of(1, 2);
    expect(() => numericalGradientInto(vec, x, new Float64Array(2))).toThrow(TypeError);
    expect(x).toEqual(Float64Array.of(1, 2));
  });
});

describe('non-finite points are refused like numericalDiff refuses them', () => {
  it('numericalGradient(f, [NaN]) throws "invalid x[0]: NaN" (it returned [NaN] before)', () => {
    expect(() => numericalGradient(sq, [Number.NaN])).toThrow('invalid x[0]: NaN (expected a finite number)');
    expect(() => numericalGradient(sq, [1, Number.POSITIVE_INFINITY])).toThrow(/^invalid x\[1\]: Infinity/);
  });
  it('numericalGradientBatch names the bad entry of points', () => {
    expect(() => numericalGradientBatch(sq, [[1], [Number.NaN]])).toThrow(/^invalid points\[1\]\[0\]: NaN/);
    const m = { rows: 2, cols: 2, data: Float64Array.of(1, 2, 3, -Infinity) };
    expect(() => numericalGradientBatch(sq, m)).toThrow(/^invalid points\[1\]\[1\]: -Infinity/);
  });
});
