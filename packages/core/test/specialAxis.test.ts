import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromRows } from '../src/_matrix.ts';
import { logSigmoid } from '../src/logSigmoid.ts';
import { logSoftmax } from '../src/logSoftmax.ts';
import { logSumExp } from '../src/logSumExp.ts';
import { sigmoid } from '../src/sigmoid.ts';
import { softmax } from '../src/softmax.ts';
import { softplus } from '../src/softplus.ts';
import { fixture } from './_fixtures.ts';

// Reference values: test/fixtures/special.py (SciPy 1.17.1), cases ported from SciPy's
// scipy/special/tests/test_logsumexp.py (TestLogSumExp, TestSoftmax).
interface LseCase {
  name: string;
  a: number[] | number[][];
  b?: number[] | number[][];
  axis: 0 | 1 | -1 | null;
  value: number | number[];
  sign?: number | number[];
}
interface SoftmaxCase {
  name: string;
  x: number[][];
  axis: 0 | 1;
  softmax: number[][];
  logSoftmax: number[][];
}
interface Scalars {
  x: number;
  sigmoid: number;
  logSigmoid: number;
  softplus: number;
}
const data = fixture<{
  logSumExp: LseCase[];
  softmax: SoftmaxCase[];
  mpmathSoftmax: number[][];
  scalars: Scalars[];
}>('special.json');

/** Equal within `rtol` relative (NaN equals NaN, infinities must match exactly). */
function close(actual: ArrayLike<number>, expected: ArrayLike<number>, rtol: number): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    if (!Number.isFinite(e)) expect(a).toBe(e);
    else expect(Math.abs(a - e)).toBeLessThanOrEqual(rtol * Math.abs(e));
  }
}
const flat = (v: number | number[]): number[] => (typeof v === 'number' ? [v] : v);

describe('logSumExp with b, returnSign and axis (SciPy test_logsumexp.py)', () => {
  for (const c of data.logSumExp) {
    it(`logSumExp(${c.name}) matches scipy.special.logsumexp`, () => {
      const options = {
        ...(c.b ? { b: c.b } : {}),
        ...(c.axis !== null && Array.isArray(c.a[0]) ? { axis: c.axis } : {}),
        ...(c.sign !== undefined ? { returnSign: true as const } : {}),
      };
      const r = logSumExp(c.a as number[], options) as unknown;
      const value = c.sign !== undefined ? (r as { value: number | Float64Array }).value : r;
      // Sums of up to 8 terms are left to right in NumPy as here; longer ones are pairwise there.
      const n = Array.isArray(c.a[0]) ? (c.a[0] as number[]).length : c.a.length;
      const rtol = n <= 8 ? 2 * Number.EPSILON : 1e-14;
      close(typeof value === 'number' ? [value] : (value as Float64Array), flat(c.value), rtol);
      if (c.sign !== undefined) {
        const sign = (r as { sign: number | Float64Array }).sign;
        expect(typeof sign === 'number' ? [sign] : Array.from(sign)).toEqual(flat(c.sign));
      }
    });
  }
  it('logSumExp(a, { b: ones }) gives the unweighted bits on the notebook-style inputs', () => {
    for (const a of [
      [1000, 1000],
      [1, 2, 3, 4, 5],
      [0, -40],
      [-1000, -1000],
    ]) {
      expect(logSumExp(a, { b: a.map(() => 1) })).toBe(logSumExp(a));
    }
  });
  it('logSumExp of a 1e-40 array through log agrees with the plain sum (SciPy, axis 0 and 1)', () => {
    const logx = Math.log(1e-40);
    const X = [new Array(1000).fill(logx), new Array(1000).fill(logx)];
    close(logSumExp(X).map(Math.exp), [1e-37, 1e-37], 1e-12);
    close(logSumExp(X, { axis: 0 }).map(Math.exp), new Array(1000).fill(2e-40), 1e-12);
  });
  it('axis: null reduces every entry (SciPy’s default axis=None): the 1e-40 arrays, weighted or not', () => {
    const logx = Math.log(1e-40);
    const X = [new Array(1000).fill(logx), new Array(1000).fill(logx)];
    close([Math.exp(logSumExp(X, { axis: null }))], [2e-37], 1e-12);
    const b = Array.from({ length: 1000 }, (_, i) => 1 + (999 * i) / 999);
    const sumBX = 2 * b.reduce((s, v) => s + v * 1e-40, 0);
    close([Math.exp(logSumExp(X, { b: [b, b], axis: null }))], [sumBX], 1e-12);
    // test_logsumexp: axis=(-1, -2) of [[1e10, 1e-10], [-1e10, -inf]] is 1e10
    expect(
      logSumExp({ rows: 2, cols: 2, data: Float64Array.of(1e10, 1e-10, -1e10, -Infinity) }, { axis: null }),
    ).toBe(1e10);
    const r = logSumExp(
      [
        [1, 2],
        [3, 4],
      ],
      {
        axis: null,
        b: [
          [1, -1],
          [-1, 1],
        ],
        returnSign: true,
      },
    );
    expect(r.sign).toBe(1);
    close([r.value], [Math.log(Math.E - Math.E ** 2 - Math.E ** 3 + Math.E ** 4)], 1e-15);
    expect(logSumExp([1, 2, 3], { axis: null })).toBe(logSumExp([1, 2, 3]));
  });
  it('a Matrix and nested rows give the same results, with axis 0 and 1', () => {
    const rows = [
      [1, 2, 3],
      [4, 5, 6],
    ];
    const b = [
      [1, -1, 2],
      [0.5, 0.5, -3],
    ];
    for (const axis of [0, 1, -1] as const) {
      const n = logSumExp(rows, { b, axis, returnSign: true });
      const m = logSumExp(fromRows(rows), { b: fromRows(b), axis, returnSign: true });
      expect(m).toEqual(n);
    }
  });
  it('property: logSumExp(a, { b, returnSign }) reproduces Σ bᵢ exp(aᵢ) on moderate inputs', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.double({ min: -20, max: 20, noNaN: true }),
            // No tiny weights: exp(value) of the exact result would underflow where the plain sum does not.
            fc.double({ min: -3, max: 3, noNaN: true }).map((w) => (Math.abs(w) < 1e-200 ? 0 : w)),
          ),
          {
            minLength: 1,
            maxLength: 8,
          },
        ),
        (pairs) => {
          const a = pairs.map((p) => p[0]);
          const b = pairs.map((p) => p[1]);
          let sum = 0;
          let mag = 0;
          for (let i = 0; i < a.length; i++) {
            sum += b[i]! * Math.exp(a[i]!);
            mag += Math.abs(b[i]! * Math.exp(a[i]!));
          }
          const { value, sign } = logSumExp(a, { b, returnSign: true });
          // Cancellation: the absolute error is about ε·Σ|bᵢ exp(aᵢ)|; exp(value) adds ε·|value| relative.
          if (mag === 0) {
            expect([value, sign]).toEqual([-Infinity, 0]); // all weights zero: log 0, sign 0
            return;
          }
          const tol = 1e-13 * mag * (1 + Math.abs(value)) + 1e-300;
          expect(Math.abs(sign * Math.exp(value) - sum)).toBeLessThanOrEqual(tol);
        },
      ),
      {
        numRuns: 300,
        examples: [
          [[[0, 0]]],
          [
            [
              [1, 0],
              [2, -0],
            ],
          ],
        ],
      },
    );
  });
  it('rejects bad b, returnSign and axis', () => {
    expect(() => logSumExp([1, 2], { b: [1] })).toThrow(/^invalid b: \[1\] \(expected 2 entries like x\)/);
    expect(() => logSumExp([[1, 2]], { b: [[1, 2, 3]] })).toThrow(/^invalid b: "1x3 matrix"/);
    expect(() => logSumExp([[1, 2]], { b: [1, 2] })).toThrow(TypeError);
    expect(() => logSumExp([1, 2], { returnSign: 1 as never })).toThrow(/^invalid returnSign: 1/);
    expect(() => logSumExp([1, 2], { axis: 1 })).toThrow(/^invalid axis: 1 \(a vector has only axis 0/);
    expect(() => logSumExp([[1, 2]], { axis: 2 as never })).toThrow(RangeError);
    expect(() => logSumExp([1, 2], { b: [1, 1], precision: 'float32' })).toThrow(/^invalid precision/);
    expect(() => logSumExp([1, 2], { B: [1, 1] } as never)).toThrow('unknown option B; did you mean b?');
  });
  it('logSumExp(vector, { axis: 0 }) and { axis: -1 } are the plain vector result', () => {
    expect(logSumExp([1, 2, 3], { axis: 0 })).toBe(logSumExp([1, 2, 3]));
    expect(logSumExp([1, 2, 3], { axis: -1 })).toBe(logSumExp([1, 2, 3]));
  });
});

describe('softmax and logSoftmax along an axis (SciPy TestSoftmax)', () => {
  for (const c of data.softmax) {
    it(`softmax(${c.name}) matches SciPy and logSoftmax mpmath`, () => {
      const s = softmax(c.x, { axis: c.axis });
      const l = logSoftmax(c.x, { axis: c.axis });
      for (let i = 0; i < c.x.length; i++) {
        close(s[i]!, c.softmax[i]!, 4 * Number.EPSILON);
        close(l[i]!, c.logSoftmax[i]!, 4 * Number.EPSILON);
      }
    });
  }
  it('test_softmax_fixtures: [1000, 0, 0, 0], [1, 1], [0, 1], arange(4) and arange(4) + 100', () => {
    close(softmax([1000, 0, 0, 0]), [1, 0, 0, 0], 1e-13);
    close(softmax([1, 1]), [0.5, 0.5], 1e-13);
    close(softmax([0, 1]), [1 / (1 + Math.E), Math.E / (1 + Math.E)], 1e-13);
    // mpmath at 200 digits (SciPy's comment)
    const expected = [0.03205860328008499, 0.08714431874203256, 0.23688281808991013, 0.6439142598879722];
    close(softmax([0, 1, 2, 3]), expected, 1e-13);
    close(softmax([100, 101, 102, 103]), expected, 1e-13);
  });
  it('softmax(x, { axis: 1 }) and softmax(xᵀ, { axis: 0 }) are within 1e-13 of mpmath', () => {
    const x = data.softmax[2]!.x;
    const xt = data.softmax[3]!.x;
    const r = softmax(x, { axis: 1 });
    const c = softmax(fromRows(xt), { axis: 0 });
    for (let i = 0; i < 2; i++) {
      close(r[i]!, data.mpmathSoftmax[i]!, 1e-13);
      close(
        Array.from({ length: 4 }, (_, j) => c.data[j * 2 + i]!),
        data.mpmathSoftmax[i]!,
        1e-13,
      );
    }
  });
  it('axis 0 of a Matrix is the transpose of axis 1 of its transpose, bit for bit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: 25, maxLength: 25 }),
        (rows, cols, v) => {
          const m = { rows, cols, data: Float64Array.from(v.slice(0, rows * cols)) };
          const t = { rows: cols, cols: rows, data: new Float64Array(rows * cols) };
          for (let i = 0; i < rows; i++)
            for (let j = 0; j < cols; j++) t.data[j * rows + i] = m.data[i * cols + j]!;
          for (const fn of [softmax, logSoftmax]) {
            const a = fn(m, { axis: 0 });
            const b = fn(t, { axis: 1 });
            for (let i = 0; i < rows; i++)
              for (let j = 0; j < cols; j++) expect(a.data[i * cols + j]).toBe(b.data[j * rows + i]);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
  it('test_softmax_fixtures: with axis: null a 2 × 2 matrix is one distribution (SciPy’s axis=None), shape kept', () => {
    const expected = [0.03205860328008499, 0.08714431874203256, 0.23688281808991013, 0.6439142598879722];
    const m = softmax({ rows: 2, cols: 2, data: Float64Array.of(0, 1, 2, 3) }, { axis: null });
    expect([m.rows, m.cols]).toEqual([2, 2]);
    close(m.data, expected, 1e-13);
    const nested = logSoftmax(
      [
        [0, 1],
        [2, 3],
      ],
      { axis: null },
    );
    close([...nested[0]!, ...nested[1]!].map(Math.exp), expected, 1e-13);
    expect(softmax([0, 1, 2, 3], { axis: null })).toEqual(softmax([0, 1, 2, 3]));
  });
  it('softmax(vector, { axis: 0 }) is the plain softmax; axis 1 on a vector is refused', () => {
    expect(softmax([1, 2, 3], { axis: 0 })).toEqual(softmax([1, 2, 3]));
    expect(() => softmax([1, 2, 3], { axis: 1 })).toThrow(RangeError);
    expect(() => logSoftmax([[1, 2]], { axis: '0' as never })).toThrow(
      /^invalid axis: "0" \(expected 0, 1, -1 or null\)/,
    );
  });
});

describe('scalar sigmoid, logSigmoid and softplus', () => {
  for (const c of data.scalars) {
    it(`sigmoid(${c.x}), logSigmoid(${c.x}), softplus(${c.x}) are correctly rounded (mpmath)`, () => {
      const tol = (e: number) => (Number.isFinite(e) ? 2 * Number.EPSILON * Math.abs(e) : 0);
      for (const [got, want] of [
        [sigmoid(c.x), c.sigmoid],
        [logSigmoid(c.x), c.logSigmoid],
        [softplus(c.x), c.softplus],
      ] as const) {
        expect(typeof got).toBe('number');
        if (Number.isFinite(want)) expect(Math.abs(got - want)).toBeLessThanOrEqual(tol(want));
        else expect(got).toBe(want);
      }
    });
  }
  it('a number gives the same bits as a one-element vector, in float64 and float32', () => {
    fc.assert(
      fc.property(fc.double(), (x) => {
        for (const precision of ['float64', 'float32'] as const) {
          expect(Object.is(sigmoid(x, { precision }), sigmoid([x], { precision })[0])).toBe(true);
          expect(Object.is(logSigmoid(x, { precision }), logSigmoid([x], { precision })[0])).toBe(true);
          expect(Object.is(softplus(x, { precision }), softplus([x], { precision })[0])).toBe(true);
        }
      }),
    );
  });
  it('sigmoid(20, float32) is exactly 1 and sigmoid("1") is a TypeError', () => {
    expect(sigmoid(20, { precision: 'float32' })).toBe(1);
    expect(() => sigmoid('1' as never)).toThrow(TypeError);
  });
});
