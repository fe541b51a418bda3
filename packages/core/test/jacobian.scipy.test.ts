// Cases ported from SciPy's scipy/optimize/tests/test__numdiff.py (TestApproxDerivativesDense,
// test_absolute_step_sign, test__compute_absolute_step, TestApproxDerivativeSparse): `jacobian` follows
// scipy.optimize._numdiff.approx_derivative's step rules ('2-point' = forward, '3-point' = central,
// 'cs' = complex-step), with SciPy's tolerances.
import { describe, expect, it } from 'vitest';
import { relativeStep, scipyStep } from '../src/_steps.ts';
import { Complex } from '../src/complex.ts';
import { jacobian } from '../src/jacobian.ts';
import { numericalGradient } from '../src/numericalGradient.ts';

type Vec = Float64Array;
type CVec = readonly Complex[];

/** assert_allclose(actual, desired, rtol) with atol = 0. */
function allclose(actual: ArrayLike<number>, desired: ArrayLike<number>, rtol: number): void {
  expect(actual.length).toBe(desired.length);
  for (let i = 0; i < desired.length; i++) {
    expect(
      Math.abs(actual[i]! - desired[i]!),
      `entry ${i}: ${actual[i]} vs ${desired[i]}`,
    ).toBeLessThanOrEqual(rtol * Math.abs(desired[i]!));
  }
}

const funScalarScalar = (x: Vec) => [Math.sinh(x[0]!)];
const funScalarScalarC = (z: CVec) => [z[0]!.sinh()];
const funScalarVector = (x: Vec) => [x[0]! ** 2, Math.tan(x[0]!), Math.exp(x[0]!)];
const funScalarVectorC = (z: CVec) => [z[0]!.pow(2), z[0]!.tan(), z[0]!.exp()];
const jacScalarVector = (x: number) => [2 * x, Math.cos(x) ** -2, Math.exp(x)];
const funVectorScalar = (x: Vec) => [Math.sin(x[0]! * x[1]!) * Math.log(x[0]!)];
const funVectorScalarC = (z: CVec) => [z[0]!.mul(z[1]!).sin().mul(z[0]!.log())];
const jacVectorScalar = (x: number[]) => [
  x[1]! * Math.cos(x[0]! * x[1]!) * Math.log(x[0]!) + Math.sin(x[0]! * x[1]!) / x[0]!,
  x[0]! * Math.cos(x[0]! * x[1]!) * Math.log(x[0]!),
];
const funVectorVector = (x: Vec) => [
  x[0]! * Math.sin(x[1]!),
  x[1]! * Math.cos(x[0]!),
  x[0]! ** 3 * x[1]! ** -0.5,
];
const funVectorVectorC = (z: CVec) => [
  z[0]!.mul(z[1]!.sin()),
  z[1]!.mul(z[0]!.cos()),
  z[0]!.pow(3).mul(z[1]!.pow(-0.5)),
];
const jacVectorVector = (x: number[]) => [
  Math.sin(x[1]!),
  x[0]! * Math.cos(x[1]!),
  -x[1]! * Math.sin(x[0]!),
  Math.cos(x[0]!),
  3 * x[0]! ** 2 * x[1]! ** -0.5,
  -0.5 * x[0]! ** 3 * x[1]! ** -1.5,
];

describe('jacobian: SciPy TestApproxDerivativesDense', () => {
  it('test_scalar_scalar: sinh at 1 (forward 1e-6, central 1e-9, complex-step 1e-12)', () => {
    const t = [Math.cosh(1)];
    allclose(jacobian(funScalarScalar, [1], { method: 'forward' }).data, t, 1e-6);
    allclose(jacobian(funScalarScalar, [1]).data, t, 1e-9);
    allclose(
      jacobian(funScalarScalar, [1], { method: 'complex-step', FComplex: funScalarScalarC }).data,
      t,
      1e-12,
    );
  });
  it('test_scalar_scalar_abs_step: absStep 1.49e-8', () => {
    const t = [Math.cosh(1)];
    allclose(jacobian(funScalarScalar, [1], { method: 'forward', absStep: 1.49e-8 }).data, t, 1e-6);
    allclose(jacobian(funScalarScalar, [1], { absStep: 1.49e-8 }).data, t, 1e-9);
    const cs = jacobian(funScalarScalar, [1], {
      method: 'complex-step',
      absStep: 1.49e-8,
      FComplex: funScalarScalarC,
    });
    allclose(cs.data, t, 1e-12);
  });
  it('test_scalar_vector: [x², tan x, eˣ] at 0.5', () => {
    const t = jacScalarVector(0.5);
    allclose(jacobian(funScalarVector, [0.5], { method: 'forward' }).data, t, 1e-6);
    allclose(jacobian(funScalarVector, [0.5]).data, t, 1e-9);
    allclose(
      jacobian(funScalarVector, [0.5], { method: 'complex-step', FComplex: funScalarVectorC }).data,
      t,
      1e-12,
    );
  });
  it('test_vector_scalar: sin(x₀x₁)·log x₀ at (100, −0.5)', () => {
    const x0 = [100, -0.5];
    const t = jacVectorScalar(x0);
    allclose(jacobian(funVectorScalar, x0, { method: 'forward' }).data, t, 1e-6);
    allclose(jacobian(funVectorScalar, x0).data, t, 1e-7);
    allclose(
      jacobian(funVectorScalar, x0, { method: 'complex-step', FComplex: funVectorScalarC }).data,
      t,
      1e-12,
    );
  });
  it('test_vector_scalar_abs_step: absStep 1.49e-8 (central 3e-9)', () => {
    const x0 = [100, -0.5];
    const t = jacVectorScalar(x0);
    allclose(jacobian(funVectorScalar, x0, { method: 'forward', absStep: 1.49e-8 }).data, t, 1e-6);
    allclose(jacobian(funVectorScalar, x0, { absStep: 1.49e-8 }).data, t, 3e-9);
    const cs = jacobian(funVectorScalar, x0, {
      method: 'complex-step',
      absStep: 1.49e-8,
      FComplex: funVectorScalarC,
    });
    allclose(cs.data, t, 1e-12);
  });
  it('test_vector_vector: at (−100, 0.2) (forward 1e-5, central 1e-6, complex-step 1e-12)', () => {
    const x0 = [-100, 0.2];
    const t = jacVectorVector(x0);
    allclose(jacobian(funVectorVector, x0, { method: 'forward' }).data, t, 1e-5);
    allclose(jacobian(funVectorVector, x0).data, t, 1e-6);
    allclose(
      jacobian(funVectorVector, x0, { method: 'complex-step', FComplex: funVectorVectorC }).data,
      t,
      1e-12,
    );
  });
  it('test_custom_rel_step: relStep 1e-4 at (−0.1, 0.1)', () => {
    const x0 = [-0.1, 0.1];
    const t = jacVectorVector(x0);
    allclose(jacobian(funVectorVector, x0, { method: 'forward', relStep: 1e-4 }).data, t, 1e-2);
    allclose(jacobian(funVectorVector, x0, { relStep: 1e-4 }).data, t, 1e-4);
  });
  it('test_options: per-coordinate relStep [−1e-6, 1e-7] on (e^{c₀x₀}, e^{c₁x₁})', () => {
    const c0 = -1;
    const c1 = 1;
    const F = (x: Vec) => [Math.exp(c0 * x[0]!), Math.exp(c1 * x[1]!)];
    const t = [c0 * Math.exp(c0), 0, 0, c1 * Math.exp(c1)];
    allclose(jacobian(F, [1, 1], { method: 'forward', relStep: [-1e-6, 1e-7] }).data, t, 1e-6);
    allclose(jacobian(F, [1, 1], { relStep: [-1e-6, 1e-7] }).data, t, 1e-9);
  });
  it('test_non_numpy: Math.exp at 1 (forward 1e-6, central 1e-8)', () => {
    const F = (x: Vec) => [Math.exp(x[0]!)];
    allclose(jacobian(F, [1], { method: 'forward' }).data, [Math.E], 1e-6);
    allclose(jacobian(F, [1]).data, [Math.E], 1e-8);
  });
  it('test_fp: the forward error of sin′(1) is within SciPy’s truncation + rounding bound', () => {
    const x0 = 1;
    const h = scipyStep(x0, relativeStep('forward'));
    const atol =
      (h / 2) * Math.max(Math.abs(Math.sin(x0)), Math.abs(Math.sin(x0 + h))) +
      (Number.EPSILON / h) * Math.max(Math.abs(Math.sin(x0)), Math.abs(Math.sin(x0 + h)));
    const err =
      jacobian((x) => [Math.sin(x[0]!)], [x0], { method: 'forward', absStep: h }).data[0]! - Math.cos(x0);
    expect(Math.abs(err)).toBeLessThan(atol);
  });
  it('test_check_derivative: the zero Jacobian of (x₀x₁, cos x₀x₁) at 0 is exactly zero', () => {
    const F = (x: Vec) => [x[0]! * x[1]!, Math.cos(x[0]! * x[1]!)];
    for (const method of ['forward', 'central', 'richardson'] as const) {
      expect(Array.from(jacobian(F, [0, 0], { method }).data, Math.abs)).toEqual([0, 0, 0, 0]);
    }
  });
  it('test_wrong_dimensions: an F whose output length changes is refused', () => {
    let n = 0;
    expect(() => jacobian(() => new Array(++n).fill(0), [1])).toThrow(RangeError);
  });
});

describe('jacobian: SciPy test_absolute_step_sign (gh-12487) and _compute_absolute_step', () => {
  // −|x₀ + 1| + |x₁ + 1| has kinks at (−1, −1): the side of each one-sided difference shows.
  const f = (x: Vec) => [-Math.abs(x[0]! + 1) + Math.abs(x[1]! + 1)];
  const grad = (absStep: number | number[]) =>
    Array.from(jacobian(f, [-1, -1], { method: 'forward', absStep }).data);
  it('a positive absStep is a forward difference, a negative one backward, per coordinate', () => {
    expect(grad(1e-8)).toEqual([-1, 1]);
    expect(grad(-1e-8)).toEqual([1, -1]);
    expect(grad([1e-8, 1e-8])).toEqual([-1, 1]);
    expect(grad([1e-8, -1e-8])).toEqual([-1, -1]);
    expect(grad([-1e-8, 1e-8])).toEqual([1, 1]);
  });
  it('the default steps are r·sign(x)·max(1, |x|), and given relative steps rel·sign(x)·|x| unless they vanish', () => {
    const x0 = [1e-5, 0, 1, 1e5];
    for (const rule of ['forward', 'central', 'complex-step'] as const) {
      const r = relativeStep(rule);
      const correct = [r, r, r, r * 1e5];
      allclose(
        x0.map((x) => scipyStep(x, r)),
        correct,
        1e-15,
      );
      allclose(
        x0.map((x) => scipyStep(-x, r)),
        correct.map((c, i) => (x0[i] === 0 ? c : -c)),
        1e-15,
      );
    }
    const rel = [0.1, 1, 10, 100];
    const r2 = relativeStep('forward');
    const correct = [0.1 * 1e-5, r2, 10, 100 * 1e5];
    allclose(
      x0.map((x, i) => scipyStep(x, r2, undefined, rel[i])),
      correct,
      1e-15,
    );
    allclose(
      x0.map((x, i) => scipyStep(-x, r2, undefined, rel[i])),
      correct.map((c, i) => (x0[i] === 0 ? c : -c)),
      1e-15,
    );
  });
  it('SciPy’s relative steps are √ε (2-point, cs) and ε^(1/3) (3-point)', () => {
    expect(relativeStep('forward')).toBe(Number.EPSILON ** 0.5);
    expect(relativeStep('complex-step')).toBe(Number.EPSILON ** 0.5);
    expect(relativeStep('central')).toBe(Number.EPSILON ** (1 / 3));
  });
});

describe('jacobian: SciPy TestApproxDerivativeSparse problem, dense (Nocedal & Wright p. 198)', () => {
  const n = 50;
  const lb = Array.from({ length: n }, (_, i) => -0.1 * (1 + i));
  const ub = Array.from({ length: n }, (_, i) => 0.1 * (1 + i));
  const x0 = Array.from({ length: n }, (_, i) => (1 - 1e-7) * (i % 2 === 0 ? lb[i]! : ub[i]!));
  const F = (x: Vec) => {
    const out = new Float64Array(n);
    for (let i = 0; i < n - 1; i++) {
      const e = x[i + 1]! ** 3 - x[i]! ** 2;
      out[i + 1] = out[i + 1]! + 3 * e;
      out[i] = out[i]! + 2 * e;
    }
    return out;
  };
  const FC = (z: CVec) => {
    const out = Array.from({ length: n }, () => new Complex(0, 0));
    for (let i = 0; i < n - 1; i++) {
      const e = z[i + 1]!.pow(3).sub(z[i]!.pow(2));
      out[i + 1] = out[i + 1]!.add(e.mul(3));
      out[i] = out[i]!.add(e.mul(2));
    }
    return out;
  };
  const J = new Float64Array(n * n);
  J[0] = -4 * x0[0]!;
  J[1] = 6 * x0[1]! ** 2;
  for (let i = 1; i < n - 1; i++) {
    J[i * n + i - 1] = -6 * x0[i - 1]!;
    J[i * n + i] = 9 * x0[i]! ** 2 - 4 * x0[i]!;
    J[i * n + i + 1] = 6 * x0[i + 1]! ** 2;
  }
  J[n * n - 1] = 9 * x0[n - 1]! ** 2;
  J[n * n - 2] = -6 * x0[n - 2]!;
  /** rtol on the non-zero entries; zero entries must come out within 1e-12. */
  const check = (got: Float64Array, rtol: number) => {
    for (let k = 0; k < n * n; k++) {
      if (J[k] === 0) expect(Math.abs(got[k]!)).toBeLessThanOrEqual(1e-12);
      else expect(Math.abs(got[k]! - J[k]!)).toBeLessThanOrEqual(rtol * Math.abs(J[k]!));
    }
  };
  for (const method of ['forward', 'central', 'complex-step'] as const) {
    it(`test_all (${method}): rtol 1e-6 at the default steps, 1e-5 with relStep ±1e-8`, () => {
      const FComplex = method === 'complex-step' ? FC : undefined;
      check(jacobian(F, x0, { method, FComplex }).data, 1e-6);
      const relStep = x0.map((_, i) => (i % 2 === 0 ? -1e-8 : 1e-8));
      check(jacobian(F, x0, { method, relStep, FComplex }).data, 1e-5);
    });
  }
});

describe('numericalGradient: SciPy approx_fprime’s relative fallback step', () => {
  it('numericalGradient(x => x[0], [1e300]) is 1, not 0 (the step 1e-4 is lost in 1e300 ± h)', () => {
    expect(numericalGradient((v) => v[0]!, [1e300])).toEqual(Float64Array.of(1));
    expect(numericalGradient((v) => 3 * v[0]!, [-1e300])[0]).toBeCloseTo(3, 9);
    expect(numericalGradient((v) => v[0]!, [1e20])).toEqual(Float64Array.of(1));
    for (const method of ['forward', 'backward', 'richardson'] as const) {
      expect(numericalGradient((v) => v[0]!, [1e300], { method })[0]).toBe(1);
    }
  });
  it('a step badly represented at |x| = 1e12 is divided as taken (the notebook’s 2h would be 22% off)', () => {
    expect(numericalGradient((v) => v[0]!, [1e12])[0]).toBe(1);
    // The notebook's formula there: (f₊ − f₋)/(2h) with the step rounded to 2.44e-4.
    const x = 1e12;
    expect(Math.abs((x + 1e-4 - (x - 1e-4)) / 2e-4 - 1)).toBeGreaterThan(0.2);
  });
});
