import { describe, expect, test } from 'vitest';
import { hilbert, toRows } from '../src/index.ts';

describe('hilbert', () => {
  test('hilbert(3) equals scipy.linalg.hilbert(3) bit for bit', () => {
    expect(toRows('H', hilbert(3))).toEqual([
      [1.0, 0.5, 0.3333333333333333],
      [0.5, 0.3333333333333333, 0.25],
      [0.3333333333333333, 0.25, 0.2],
    ]);
  });

  test('hilbert(n) is a symmetric row-major n×n Matrix with H[i][j] = 1/(i+j+1)', () => {
    const h = hilbert(7);
    expect([h.rows, h.cols, h.data.length]).toEqual([7, 7, 49]);
    for (let i = 0; i < 7; i++) {
      for (let j = 0; j < 7; j++) {
        expect(h.data[i * 7 + j]).toBe(1 / (i + j + 1));
        expect(h.data[i * 7 + j]).toBe(h.data[j * 7 + i]);
      }
    }
  });

  test('hilbert rejects a size that is not an integer >= 1', () => {
    expect(() => hilbert(0)).toThrow(/^invalid n: 0 \(expected an integer >= 1\)/);
    expect(() => hilbert(2.5)).toThrow(RangeError);
    expect(() => hilbert('3' as never)).toThrow(TypeError);
  });
});
