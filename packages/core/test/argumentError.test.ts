import { describe, expect, it } from 'vitest';
import {
  ArgumentRangeError,
  ArgumentTypeError,
  checkOptionKeys,
  checkVector,
  didYouMean,
  isArgumentError,
  rangeError,
  typeError,
} from '../src/index.js';

describe('argument errors', () => {
  it('rangeError("lr", -0.1, why) is a RangeError with option, value and reason', () => {
    const e = rangeError('lr', -0.1, 'expected a finite number > 0');
    expect(e).toBeInstanceOf(RangeError);
    expect(e).toBeInstanceOf(ArgumentRangeError);
    expect(e.name).toBe('RangeError');
    expect(e.message).toBe('invalid lr: -0.1 (expected a finite number > 0)');
    expect([e.option, e.value, e.reason]).toEqual(['lr', -0.1, 'expected a finite number > 0']);
    expect(isArgumentError(e)).toBe(true);
  });

  it('typeError("f", "25") is a TypeError with option and value', () => {
    const e = typeError('f', '25', 'expected a number');
    expect(e).toBeInstanceOf(TypeError);
    expect(e).toBeInstanceOf(ArgumentTypeError);
    expect(e.message).toBe('invalid f: "25" (expected a number)');
    expect(e.option).toBe('f');
    expect(isArgumentError(new Error('x'))).toBe(false);
  });

  it('checkVector names the element at fault in .option', () => {
    try {
      checkVector('x0', [1, 'a']);
      expect.unreachable();
    } catch (e) {
      expect(isArgumentError(e) && e.option).toBe('x0[1]');
    }
  });
});

describe('checkOptionKeys', () => {
  it('refuses maxiter with "did you mean maxIter?"', () => {
    expect(() => checkOptionKeys({ maxiter: 5 }, ['lr', 'maxIter'])).toThrow(
      'unknown option maxiter; did you mean maxIter?',
    );
  });
  it('suggests lr for lrr and names the key in .option', () => {
    try {
      checkOptionKeys({ lrr: 0.1 }, ['lr', 'momentum', 'tol']);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(TypeError);
      expect(isArgumentError(e) && [e.option, e.value]).toEqual(['lrr', 0.1]);
      expect((e as Error).message).toBe('unknown option lrr; did you mean lr?');
    }
  });
  it('lists the valid keys when nothing is near', () => {
    expect(() => checkOptionKeys({ zzzzzz: 1 }, ['lr', 'tol'])).toThrow(
      'unknown option zzzzzz (expected one of lr, tol)',
    );
  });
  it('accepts known keys and undefined', () => {
    expect(() => checkOptionKeys({ lr: 1 }, ['lr'])).not.toThrow();
    expect(() => checkOptionKeys(undefined, ['lr'])).not.toThrow();
  });
  it('didYouMean ignores case and refuses far names', () => {
    expect(didYouMean('LEARNINGRATE', ['learningRate', 'lr'])).toBe('learningRate');
    expect(didYouMean('learnig-rate', ['learning-rate', 'line-search'])).toBe('learning-rate');
    expect(didYouMean('xyz', ['learning-rate'])).toBeUndefined();
  });
});

describe('didYouMean: prefixes', () => {
  it('suggests lr for lrate and learning-rate for learn', () => {
    expect(didYouMean('lrate', ['lr', 'tol', 'x0'])).toBe('lr');
    expect(didYouMean('learn', ['learning-rate', 'line-search'])).toBe('learning-rate');
  });
});
