import { describe, expect, it } from 'vitest';
import {
  ArgumentRangeError,
  ArgumentTypeError,
  checkVector,
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
