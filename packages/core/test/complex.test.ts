import { describe, expect, it } from 'vitest';
import { Complex } from '../src/complex.ts';
import { fixture } from './_fixtures.ts';

// Reference values: Python's cmath (test/fixtures/complex.py).
interface Row {
  z: [number, number];
  [op: string]: [number, number];
}
const data = fixture<{ w: [number, number]; cases: Row[] }>('complex.json');
const w = new Complex(...data.w);
const ops: Record<string, (z: Complex) => Complex> = {
  add: (z) => z.add(w),
  sub: (z) => z.sub(w),
  mul: (z) => z.mul(w),
  div: (z) => z.div(w),
  neg: (z) => z.neg(),
  pow3: (z) => z.pow(3),
  powm2: (z) => z.pow(-2),
  'pow0.5': (z) => z.pow(0.5),
  sqrt: (z) => z.sqrt(),
  exp: (z) => z.exp(),
  log: (z) => z.log(),
  sin: (z) => z.sin(),
  cos: (z) => z.cos(),
  tan: (z) => z.tan(),
  sinh: (z) => z.sinh(),
  cosh: (z) => z.cosh(),
  tanh: (z) => z.tanh(),
  atan: (z) => z.atan(),
};

describe('Complex', () => {
  for (const row of data.cases) {
    it(`matches cmath at ${row.z[0]} + ${row.z[1]}i, each part to 1e-14 relative (of its own size)`, () => {
      const z = new Complex(...row.z);
      for (const [name, op] of Object.entries(ops)) {
        const got = op(z);
        const [re, im] = row[name]!;
        // Each part relative to itself: the complex step reads the imaginary part, however small it is.
        expect(Math.abs(got.re - re), `${name}.re`).toBeLessThanOrEqual(1e-14 * Math.abs(re) + 1e-300);
        expect(Math.abs(got.im - im), `${name}.im`).toBeLessThanOrEqual(1e-14 * Math.abs(im) + 1e-300);
      }
    });
  }
  it('a tiny imaginary step gives the derivative without cancellation: Im f(x + ih)/h = f′(x)', () => {
    const h = 1e-20;
    const z = new Complex(0.5, h);
    const cases: [Complex, number][] = [
      [z.pow(3), 3 * 0.25],
      [z.pow(-2), -2 / 0.125],
      [z.exp(), Math.exp(0.5)],
      [z.log(), 2],
      [z.sin(), Math.cos(0.5)],
      [z.cos(), -Math.sin(0.5)],
      [z.tan(), 1 / Math.cos(0.5) ** 2],
      [z.tanh(), 1 - Math.tanh(0.5) ** 2],
      [z.atan(), 1 / 1.25],
      [z.sqrt(), 0.5 / Math.sqrt(0.5)],
    ];
    for (const [v, d] of cases)
      expect(Math.abs(v.im / h - d)).toBeLessThanOrEqual(4 * Number.EPSILON * Math.abs(d));
    // Large arguments: no inf/inf.
    expect(new Complex(400, 1e-20).tanh()).toEqual(new Complex(1, 0));
    expect(new Complex(0.3, -400).tan().im).toBe(-1);
  });
  it('abs is the analytic continuation z·sign(Re z); modulus is |z|; from() and numbers in binary ops', () => {
    expect(new Complex(-2, 1e-20).abs()).toEqual(new Complex(2, -1e-20));
    expect(new Complex(2, 1e-20).abs()).toEqual(new Complex(2, 1e-20));
    expect(new Complex(3, 4).modulus()).toBe(5);
    expect(Complex.from(2)).toEqual(new Complex(2, 0));
    const z = new Complex(1, 2);
    expect(Complex.from(z)).toBe(z);
    expect(z.add(1).mul(2).sub(1).div(2)).toEqual(new Complex(1.5, 2));
    expect(z.pow(0)).toEqual(new Complex(1, 0));
    expect(new Complex(4, 0).pow(0.5)).toEqual(new Complex(2, 0));
  });
});
