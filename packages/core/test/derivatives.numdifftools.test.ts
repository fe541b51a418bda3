// Cases ported from numdifftools' src/numdifftools/tests/test_numdifftools.py (TestJacobian,
// TestGradient, TestHessian, TestHessdiag, TestDerivative). numdifftools extrapolates every method;
// here that is `method: 'richardson'`, and `complex-step` is its 'complex'.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Complex } from '../src/complex.ts';
import { hessian, hessianWithError } from '../src/hessian.ts';
import { jacobian, jacobianWithError } from '../src/jacobian.ts';
import { numericalDiff, numericalDiffWithError } from '../src/numericalDiff.ts';
import { numericalGradient, numericalGradientWithError } from '../src/numericalGradient.ts';

type Vec = Float64Array;
type CVec = readonly Complex[];

function allclose(actual: ArrayLike<number>, desired: ArrayLike<number>, rtol: number, atol = 0): void {
  expect(actual.length).toBe(desired.length);
  for (let i = 0; i < desired.length; i++) {
    const tol = atol + rtol * Math.abs(desired[i]!);
    expect(
      Math.abs(actual[i]! - desired[i]!),
      `entry ${i}: ${actual[i]} vs ${desired[i]}`,
    ).toBeLessThanOrEqual(tol);
  }
}
const maxAbs = (a: ArrayLike<number>) => Math.max(...Array.from(a, Math.abs));

describe('jacobian: numdifftools TestJacobian', () => {
  const xdata = Array.from({ length: 10 }, (_, i) => i / 10); // np.arange(0, 1, 0.1)
  const ydata = xdata.map((t) => 1 + 2 * Math.exp(0.75 * t));
  const fun = (c: Vec) => xdata.map((t, i) => (c[0]! + c[1]! * Math.exp(c[2]! * t) - ydata[i]!) ** 2);
  const funC = (c: CVec) =>
    xdata.map((t, i) =>
      c[0]!
        .add(c[1]!.mul(c[2]!.mul(t).exp()))
        .sub(ydata[i]!)
        .pow(2),
    );

  it('test_on_vector_valued_function: at the exact fit the Jacobian is zero within 1e-12 (richardson, complex-step)', () => {
    const rich = jacobianWithError(fun, [1, 2, 0.75], { method: 'richardson' });
    expect(maxAbs(rich.value.data)).toBeLessThan(1e-12);
    expect(maxAbs(rich.error.data)).toBeLessThan(1e-12);
    const cs = jacobian(fun, [1, 2, 0.75], { method: 'complex-step', FComplex: funC });
    expect(maxAbs(cs.data)).toBeLessThan(1e-12);
    // Plain central differences leave their O(h²) truncation, about 1e-10 at SciPy's step.
    expect(maxAbs(jacobian(fun, [1, 2, 0.75]).data)).toBeGreaterThan(1e-12);
  });
  it('test_on_scalar_function: ∂(xyz + eˣy) at (3, 5, 7) = [135.42768462, 41.08553692, 15]', () => {
    const f = (v: Vec) => [v[0]! * v[1]! * v[2]! + Math.exp(v[0]!) * v[1]!];
    const fC = (z: CVec) => [z[0]!.mul(z[1]!).mul(z[2]!).add(z[0]!.exp().mul(z[1]!))];
    const exact = [35 + 5 * Math.exp(3), 21 + Math.exp(3), 15];
    allclose(exact, [135.42768462, 41.08553692, 15], 1e-10); // numdifftools' printed values
    allclose(jacobian(f, [3, 5, 7], { method: 'richardson' }).data, exact, 1e-13);
    allclose(jacobian(f, [3, 5, 7], { method: 'complex-step', FComplex: fC }).data, exact, 1e-15);
    allclose(jacobian(f, [3, 5, 7]).data, exact, 1e-9);
    allclose(jacobian(f, [3, 5, 7], { method: 'forward' }).data, exact, 1e-7);
    allclose(jacobian(f, [3, 5, 7], { method: 'backward' }).data, exact, 1e-7);
  });
  it('test_scalar_to_vector: [x, x², x³] for x in [−1000, 1000] (rtol 1e-3, atol 1e-6)', () => {
    fc.assert(
      fc.property(fc.double({ min: -1000, max: 1000, noNaN: true }), (val) => {
        const F = (v: Vec) => [v[0]!, v[0]! ** 2, v[0]! ** 3];
        const FC = (z: CVec) => [z[0]!, z[0]!.pow(2), z[0]!.pow(3)];
        const truth = [1, 2 * val, 3 * val ** 2];
        for (const method of ['central', 'forward', 'backward', 'richardson'] as const) {
          allclose(jacobian(F, [val], { method }).data, truth, 1e-3, 1e-6);
        }
        allclose(jacobian(F, [val], { method: 'complex-step', FComplex: FC }).data, truth, 1e-3, 1e-6);
      }),
      { numRuns: 50 },
    );
  });
  it('test_on_matrix_valued_function: (x₀² + x₁², x₀³ + x₁³) at (1, 2) and (3, 4)', () => {
    const F = (v: Vec) => [v[0]! ** 2 + v[1]! ** 2, v[0]! ** 3 + v[1]! ** 3];
    allclose(jacobian(F, [1, 2], { method: 'richardson' }).data, [2, 4, 3, 12], 1e-12);
    allclose(jacobian(F, [3, 4], { method: 'richardson' }).data, [6, 8, 27, 48], 1e-12);
  });
  it('test_issue_27a: x² at 500 ones gives 2·I (central, forward, backward, complex-step)', () => {
    const n = 60; // 500 in numdifftools; the structure is the same
    const x = new Array(n).fill(1);
    const F = (v: Vec) => Array.from(v, (t) => t * t);
    const FC = (z: CVec) => z.map((t) => t.mul(t));
    const eye2 = Array.from({ length: n * n }, (_, k) => (k % (n + 1) === 0 ? 2 : 0));
    for (const method of ['central', 'forward', 'backward'] as const) {
      allclose(jacobian(F, x, { method }).data, eye2, 1e-7, 1e-12);
    }
    expect(jacobian(F, x, { method: 'complex-step', FComplex: FC }).data).toEqual(Float64Array.from(eye2));
  });
});

describe('numericalGradient: numdifftools TestGradient', () => {
  it('test_gradient: Σx² at (1, 2, 3) is (2, 4, 6) by every method', () => {
    const f = (v: Vec) => v[0]! ** 2 + v[1]! ** 2 + v[2]! ** 2;
    const fC = (z: CVec) => z[0]!.pow(2).add(z[1]!.pow(2)).add(z[2]!.pow(2));
    for (const method of ['central', 'forward', 'backward', 'richardson'] as const) {
      allclose(
        numericalGradient(f, [1, 2, 3], { method }),
        [2, 4, 6],
        method === 'central' || method === 'richardson' ? 1e-10 : 1e-7,
      );
    }
    expect(numericalGradient(f, [1, 2, 3], { method: 'complex-step', fComplex: fC })).toEqual(
      Float64Array.of(2, 4, 6),
    );
  });
  it('test_directional_diff: ∇rosen(2, 3)·(1, −1)/√2 = 743.87633380824832', () => {
    // numdifftools.testing.rosen: (1 − x₀)² + 105(x₁ − x₀²)²
    const rosen = (v: Vec) => (1 - v[0]!) ** 2 + 105 * (v[1]! - v[0]! ** 2) ** 2;
    const g = numericalGradient(rosen, [2, 3], { method: 'richardson' });
    expect((g[0]! - g[1]!) / Math.SQRT2).toBeCloseTo(743.87633380824832, 10);
  });
  it('test_issue_39: ∇ 1/(e^{x₀} + cos x₁ + 10) at (1, 2) (complex-step and richardson)', () => {
    const f = (v: Vec) => 1 / (Math.exp(v[0]!) + Math.cos(v[1]!) + 10);
    const fC = (z: CVec) => new Complex(1).div(z[0]!.exp().add(z[1]!.cos()).add(10));
    const want = [-0.017961123762187736, 0.0060082083648822];
    allclose(numericalGradient(f, [1, 2], { method: 'complex-step', fComplex: fC }), want, 1e-14);
    allclose(numericalGradient(f, [1, 2], { method: 'richardson' }), want, 1e-12);
  });
  it('test_fun_with_additional_parameters: 2x³ has gradient 0 at 0 (atol 1e-13) and 6 at 1', () => {
    const f = (v: Vec) => 2 * v[0]! * v[0]! * v[0]!;
    const fC = (z: CVec) => z[0]!.mul(z[0]!).mul(z[0]!).mul(2);
    for (const method of ['central', 'forward', 'backward', 'richardson', 'complex-step'] as const) {
      const o = method === 'complex-step' ? { method, fComplex: fC } : { method };
      // The notebook's central step h = 1e-4 leaves its truncation 2h² = 2e-8 (numdifftools extrapolates).
      allclose(numericalGradient(f, [0], o), [0], 0, method === 'central' ? 2.1e-8 : 1e-13);
      allclose(
        numericalGradient(f, [1], o),
        [6],
        method === 'forward' || method === 'backward' ? 1e-7 : method === 'central' ? 1e-8 : 1e-12,
      );
    }
  });
  it('numericalGradientWithError: the richardson error estimate bounds the true error', () => {
    const f = (v: Vec) => Math.sin(v[0]!) * Math.exp(v[1]!);
    const { value, error } = numericalGradientWithError(f, [1, 0.5], { method: 'richardson' });
    const exact = [Math.cos(1) * Math.exp(0.5), Math.sin(1) * Math.exp(0.5)];
    for (let i = 0; i < 2; i++) {
      expect(Math.abs(value[i]! - exact[i]!)).toBeLessThanOrEqual(Math.max(10 * error[i]!, 1e-15));
      expect(error[i]).toBeLessThan(1e-12);
    }
    const central = numericalGradientWithError(f, [1, 0.5]);
    expect(central.value).toEqual(numericalGradient(f, [1, 0.5]));
    for (let i = 0; i < 2; i++) expect(central.error[i]).toBeGreaterThan(1e-10); // h²f‴/6 ≈ 1e-9
  });
});

describe('hessian: numdifftools TestHessian and TestHessdiag', () => {
  it('test_hessian_cos_x_y_at_0_0: cos(x − y) gives [[−1, 1], [1, −1]] by every method', () => {
    const f = (v: Vec) => Math.cos(v[0]! - v[1]!);
    const fC = (z: CVec) => z[0]!.sub(z[1]!).cos();
    const want = [-1, 1, 1, -1];
    allclose(hessian(f, [0, 0]).data, want, 1e-7);
    allclose(hessian(f, [0, 0], { method: 'richardson' }).data, want, 1e-12);
    allclose(hessian(f, [0, 0], { method: 'complex-step', fComplex: fC }).data, want, 1e-9);
    allclose(hessian(f, [0, 0], { method: 'forward' }).data, want, 1e-4);
    allclose(hessian(f, [0, 0], { method: 'backward' }).data, want, 1e-4);
  });
  it('test_on_scalar_function: xyz + eˣy at (3, 5, 7) within 1e-4 (every method)', () => {
    const f = (v: Vec) => v[0]! * v[1]! * v[2]! + Math.exp(v[0]!) * v[1]!;
    const fC = (z: CVec) => z[0]!.mul(z[1]!).mul(z[2]!).add(z[0]!.exp().mul(z[1]!));
    const e3 = Math.exp(3);
    const want = [e3 * 5, e3 + 7, 5, e3 + 7, 0, 3, 5, 3, 0];
    allclose(hessian(f, [3, 5, 7]).data, want, 0, 1e-4);
    allclose(hessian(f, [3, 5, 7], { method: 'richardson' }).data, want, 0, 1e-9);
    // One-sided second differences are O(h): 1e-5 relative here (numdifftools extrapolates them).
    allclose(hessian(f, [3, 5, 7], { method: 'forward' }).data, want, 1e-4, 1e-4);
    allclose(hessian(f, [3, 5, 7], { method: 'backward' }).data, want, 1e-4, 1e-4);
    allclose(hessian(f, [3, 5, 7], { method: 'complex-step', fComplex: fC }).data, want, 0, 1e-6);
  });
  it('test_default_step (Hessdiag): x₀ + x₁² + x₂³ at (1, 2, 3) has diagonal (0, 2, 18)', () => {
    const f = (v: Vec) => v[0]! + v[1]! ** 2 + v[2]! ** 3;
    const fC = (z: CVec) => z[0]!.add(z[1]!.pow(2)).add(z[2]!.pow(3));
    const diag = (m: { data: Float64Array }) => [m.data[0]!, m.data[4]!, m.data[8]!];
    allclose(diag(hessian(f, [1, 2, 3], { method: 'richardson' })), [0, 2, 18], 1e-12, 1e-11);
    allclose(diag(hessian(f, [1, 2, 3], { method: 'complex-step', fComplex: fC })), [0, 2, 18], 1e-9, 1e-9);
    allclose(diag(hessian(f, [1, 2, 3])), [0, 2, 18], 1e-7, 1e-6);
  });
  it('test_fun_with_additional_parameters: 2x³ has Hessian 12 at 1', () => {
    const f = (v: Vec) => 2 * v[0]! ** 3;
    allclose(hessian(f, [1], { method: 'richardson' }).data, [12], 1e-12);
  });
  it('hessianWithError: the estimate is small where the value is accurate', () => {
    const f = (v: Vec) => Math.exp(v[0]! * v[1]!);
    const { value, error } = hessianWithError(f, [0.5, 1], { method: 'richardson' });
    const e = Math.exp(0.5);
    const want = [e, e * 1.5, e * 1.5, 0.25 * e];
    allclose(value.data, want, 1e-11);
    for (let k = 0; k < 4; k++) {
      expect(Math.abs(value.data[k]! - want[k]!)).toBeLessThanOrEqual(Math.max(10 * error.data[k]!, 1e-15));
    }
  });
});

describe('numericalDiff of order 1–4: numdifftools TestDerivative', () => {
  it('test_high_order_derivative_cos: dⁿcos at π/2 is (−1, 0, 1, 0) for n = 1…4 (atol 1e-4; one-sided 3rd, 4th: 1e-2)', () => {
    const truth = [-1, 0, 1, 0];
    for (const method of ['central', 'forward', 'backward', 'richardson'] as const) {
      for (const order of [1, 2, 3, 4] as const) {
        const y = numericalDiff(Math.cos, Math.PI / 2, { order, method });
        // numdifftools extrapolates its one-sided rules; a plain k-th forward difference is O(h) with
        // rounding 2ᵏε/hᵏ, at best about 1e-3 for k = 3 and 1e-2 for k = 4.
        const tol = method !== 'central' && method !== 'richardson' && order >= 3 ? 1e-2 : 1e-4;
        expect(Math.abs(y - truth[order - 1]!), `${method} order ${order}`).toBeLessThanOrEqual(tol);
      }
    }
  });
  it('accuracy of each method and order on sin and exp at four points (relative to max(1, |f⁽ᵏ⁾|))', () => {
    // Measured: central 2e-9, 6e-8, 7e-6, 5e-5; one-sided 5e-5, 4e-5, 1.3e-3, 1e-2; richardson 6e-15,
    // 1.1e-12, 1.9e-11, 1.1e-9 for orders 1–4.
    const bound = {
      central: [1e-8, 1e-6, 1e-4, 1e-3],
      forward: [1e-4, 1e-4, 1e-2, 5e-2],
      backward: [1e-4, 1e-4, 1e-2, 5e-2],
      richardson: [1e-13, 1e-11, 1e-10, 1e-8],
    } as const;
    const derivs: [(t: number) => number, ((t: number) => number)[]][] = [
      [Math.sin, [Math.cos, (t) => -Math.sin(t), (t) => -Math.cos(t), Math.sin]],
      [Math.exp, [Math.exp, Math.exp, Math.exp, Math.exp]],
    ];
    for (const method of ['central', 'forward', 'backward', 'richardson'] as const) {
      for (const order of [1, 2, 3, 4] as const) {
        for (const x of [0.3, 1, 2.5, 7]) {
          for (const [f, d] of derivs) {
            const t = d[order - 1]!(x);
            const err = Math.abs(numericalDiff(f, x, { order, method }) - t) / Math.max(1, Math.abs(t));
            expect(err, `${method} order ${order} at ${x}`).toBeLessThanOrEqual(bound[method][order - 1]!);
          }
        }
      }
    }
  });
  it('test_derivative_of_cos_x: richardson within rtol 1e-6, atol 100·(error estimate) + 1e-14, x in [0, 10]', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 10, noNaN: true }), (x) => {
        const truth = [-Math.sin(x), -Math.cos(x), Math.sin(x), Math.cos(x)];
        for (const order of [1, 2, 3, 4] as const) {
          const { value, error } = numericalDiffWithError(Math.cos, x, { order, method: 'richardson' });
          const t = truth[order - 1]!;
          expect(Math.abs(value - t)).toBeLessThanOrEqual(1e-6 * Math.abs(t) + 100 * error + 1e-14);
        }
      }),
      { numRuns: 60, examples: [[7.6564547238847105], [8.9428143931508], [2.2204460492503134e-14]] },
    );
  });
  it('test_derivative_exp, _sin, _backward_derivative_on_sinh, _central_and_forward_derivative_on_log', () => {
    expect(numericalDiff(Math.exp, 0, { method: 'richardson' })).toBeCloseTo(1, 8);
    for (let k = 0; k <= 12; k++) {
      const x = (2 * Math.PI * k) / 12;
      expect(Math.abs(numericalDiff(Math.sin, x, { method: 'richardson' }) - Math.cos(x))).toBeLessThan(1e-8);
    }
    expect(numericalDiff(Math.sinh, 0, { method: 'backward' })).toBeCloseTo(1, 7);
    // rtol 1e-7 as numdifftools; the complex step (SciPy's √ε·max(1, |x|)) is 15 000 times x here.
    expect(Math.abs(numericalDiff(Math.log, 0.001, { method: 'richardson' }) - 1000)).toBeLessThan(1e-4);
    const cs = numericalDiff(Math.log, 0.001, { method: 'complex-step', fComplex: (z) => z.log() });
    expect(Math.abs(cs - 1000)).toBeLessThan(1e-4);
  });
  it('complex-step on exp, sin, atan, sqrt, tanh, x⁻³ at 0.7 is within 1e-14 (its O(h²) truncation)', () => {
    const cases: [(x: number) => number, (z: Complex) => Complex, number][] = [
      [Math.exp, (z) => z.exp(), Math.exp(0.7)],
      [Math.sin, (z) => z.sin(), Math.cos(0.7)],
      [Math.atan, (z) => z.atan(), 1 / (1 + 0.49)],
      [Math.sqrt, (z) => z.sqrt(), 0.5 / Math.sqrt(0.7)],
      [Math.tanh, (z) => z.tanh(), 1 - Math.tanh(0.7) ** 2],
      [(x) => x ** -3, (z) => z.pow(-3), -3 * 0.7 ** -4],
    ];
    for (const [f, fC, d] of cases) {
      const y = numericalDiff(f, 0.7, { method: 'complex-step', fComplex: fC });
      expect(Math.abs(y - d)).toBeLessThanOrEqual(1e-14 * Math.abs(d));
    }
  });
});

describe('derivatives: option checks', () => {
  const f = (v: Vec) => v[0]! ** 2;
  it('complex-step needs fComplex, and fComplex needs complex-step', () => {
    expect(() => numericalGradient(f, [1], { method: 'complex-step' })).toThrow(
      /^invalid fComplex: undefined \(method 'complex-step' needs fComplex/,
    );
    expect(() => numericalGradient(f, [1], { fComplex: (z) => z[0]! })).toThrow(
      /only used with method 'complex-step'/,
    );
    expect(() => numericalDiff(Math.sin, 1, { method: 'complex-step', fComplex: (z) => z.cos() })).toThrow(
      /^invalid fComplex: .*differs from f\(x\)/,
    );
    expect(() => numericalDiff(Math.sin, 1, { method: 'complex-step', fComplex: () => 3 as never })).toThrow(
      TypeError,
    );
  });
  it('order is 1 to 4, and only 1 with complex-step', () => {
    expect(() => numericalDiff(Math.sin, 1, { order: 5 as never })).toThrow(/^invalid order: 5/);
    expect(() =>
      numericalDiff(Math.sin, 1, { order: 2, method: 'complex-step', fComplex: (z) => z.sin() }),
    ).toThrow(/gives only the first derivative/);
  });
  it('step options: h with absStep, absStep with relStep, relStep with richardson, bad steps', () => {
    expect(() => numericalGradient(f, [1], { h: 1e-3, absStep: 1e-3 })).toThrow(/give either h or it/);
    expect(() => jacobian((v) => [v[0]!], [1], { absStep: 1, relStep: 1 })).toThrow(
      /either absStep or relStep/,
    );
    expect(() => numericalGradient(f, [1], { method: 'richardson', relStep: 1e-3 })).toThrow(
      /not used by method 'richardson'/,
    );
    expect(() => numericalGradient(f, [1, 2], { absStep: [1e-3] })).toThrow(
      /^invalid absStep: \[0.001\] \(expected 2 entries/,
    );
    expect(() => numericalGradient(f, [1], { relStep: 0 })).toThrow(/^invalid relStep: 0/);
    expect(() => numericalGradient(f, [1], { method: 'bogus' as never })).toThrow(/^invalid method: "bogus"/);
  });
  it('the default method and steps are unchanged: notebook bits and numericalDiff(x², 3) = 6.000000000012662', () => {
    expect(numericalDiff((x) => x ** 2, 3)).toBe(6.000000000012662);
    expect(numericalGradient((v) => v[0]! ** 2 + v[1]! ** 2, [3, 4])).toEqual(
      Float64Array.of(6.00000000000378, 7.999999999999119),
    );
  });
});
