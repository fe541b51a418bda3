/** Test helpers: a seeded PRNG and reference central differences independent of the package code. */

/** The package's seeded PRNG (mulberry32), under the name the tests use. */
export { mulberry32 as rng } from '../src/mulberry32.ts';

/** A uniform random point in a box. */
export function pointIn(domain: readonly (readonly [number, number])[], rand: () => number): Float64Array {
  return Float64Array.from(domain, ([lo, hi]) => lo + (hi - lo) * rand());
}

/** Central-difference gradient with steps `h·max(1, |xᵢ|)`. */
export function refGradient(f: (x: Float64Array) => number, x: Float64Array, h = 1e-5): Float64Array {
  const g = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const xp = x.slice();
    const xm = x.slice();
    const s = h * Math.max(1, Math.abs(x[i]!));
    xp[i] = x[i]! + s;
    xm[i] = x[i]! - s;
    g[i] = (f(xp) - f(xm)) / (xp[i]! - xm[i]!);
  }
  return g;
}

/** Central-difference Jacobian of a vector function (row i = ∂F/∂xᵢ for a gradient, so symmetric for a Hessian). */
export function refJacobian(F: (x: Float64Array) => Float64Array, x: Float64Array, h = 1e-5): Float64Array {
  const n = x.length;
  const m = F(x).length;
  const J = new Float64Array(m * n);
  for (let j = 0; j < n; j++) {
    const xp = x.slice();
    const xm = x.slice();
    const s = h * Math.max(1, Math.abs(x[j]!));
    xp[j] = x[j]! + s;
    xm[j] = x[j]! - s;
    const fp = F(xp);
    const fm = F(xm);
    for (let i = 0; i < m; i++) J[i * n + j] = (fp[i]! - fm[i]!) / (xp[j]! - xm[j]!);
  }
  return J;
}

/** max |aᵢ − bᵢ| */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i]! - b[i]!));
  return d;
}

/** max |aᵢ| */
export function maxAbs(a: ArrayLike<number>): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i]!));
  return d;
}
