// Newton's step with a positive-definite fallback: Cholesky with added multiple of the identity
// (Nocedal & Wright, Algorithm 3.3), factorised in place.
//
// The factorisation and the triangular solves are ml-matrix's `CholeskyDecomposition` and its `solve`,
// operation for operation (the same sums in the same order), into buffers allocated once per run:
// ml-matrix built a Matrix of row arrays for A, for L and for the solution at every attempt, ~2.7 kB an
// iteration, and Newton spent most of a 2-D iteration (~2.5 µs) allocating and collecting them.
// `test/newton.test.ts` checks every bit of d against ml-matrix on random symmetric matrices and shifts.

/** Reusable buffers of {@link modifiedNewtonStep}: the factor L (row-major n×n) and the solution. */
export interface NewtonWork {
  readonly L: Float64Array;
  readonly b: Float64Array;
}

/** Allocates the buffers of {@link modifiedNewtonStep} for dimension `n`. */
export function newtonWork(n: number): NewtonWork {
  return { L: new Float64Array(n * n), b: new Float64Array(n) };
}

/**
 * Solves (H + τI) d = −g with the smallest τ of the sequence τ₀ = 0 (when every hᵢᵢ > 0, else
 * β − min hᵢᵢ), τ ← max(2τ, β) for which the Cholesky factorisation succeeds, β = 10⁻³·max|hᵢᵢ|
 * (N&W Algorithm 3.3 with β scaled to the Hessian). `H` is row-major n×n and is symmetrised in place.
 * Returns τ, or NaN when H has non-finite entries or no τ up to 2⁶⁰β works (d is then untouched).
 * Allocates nothing.
 */
export function modifiedNewtonStep(
  H: Float64Array,
  g: Float64Array,
  d: Float64Array,
  work: NewtonWork,
): number {
  const n = g.length;
  let minDiag = Number.POSITIVE_INFINITY;
  let maxDiag = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = 0.5 * (H[i * n + j]! + H[j * n + i]!);
      H[i * n + j] = v;
      H[j * n + i] = v;
      if (!Number.isFinite(v)) return Number.NaN;
    }
    const h = H[i * n + i]!;
    if (!Number.isFinite(h)) return Number.NaN;
    if (h < minDiag) minDiag = h;
    if (Math.abs(h) > maxDiag) maxDiag = Math.abs(h);
  }
  const beta = 1e-3 * (maxDiag > 0 ? maxDiag : 1);
  let tau = minDiag > 0 ? 0 : beta - minDiag;
  for (let attempt = 0; attempt < 64; attempt++) {
    if (shiftedCholeskySolve(H, tau, g, d, work)) return tau;
    tau = Math.max(2 * tau, beta);
  }
  return Number.NaN;
}

/**
 * One attempt of {@link modifiedNewtonStep}: factorises H + τI (H symmetric, row-major n×n) and, when it
 * is positive definite, writes d = (H + τI)⁻¹(−g) and returns true; false (d untouched) otherwise. As
 * ml-matrix's `new CholeskyDecomposition(H + τI)`, `isPositiveDefinite()` and `solve(−g)`, bit for bit.
 */
export function shiftedCholeskySolve(
  H: Float64Array,
  tau: number,
  g: Float64Array,
  d: Float64Array,
  work: NewtonWork,
): boolean {
  const n = g.length;
  const { L, b } = work;
  if (!cholesky(H, tau, n, L)) return false;
  solve(L, g, n, b);
  for (let i = 0; i < n; i++) d[i] = b[i]!;
  return true;
}

/**
 * L with LLᵀ = H + τI (lower triangle of row-major `L`), as ml-matrix's CholeskyDecomposition computes
 * it; false as soon as a pivot is not positive (ml-matrix's `isPositiveDefinite()` is then false, and
 * its L is not used). Off the diagonal ml-matrix read A = H + 0: `+ 0` keeps −0 entries as it had them.
 */
function cholesky(H: Float64Array, tau: number, n: number, L: Float64Array): boolean {
  for (let j = 0; j < n; j++) {
    const rj = j * n;
    let d = 0;
    for (let k = 0; k < j; k++) {
      const rk = k * n;
      let s = 0;
      for (let i = 0; i < k; i++) s += L[rk + i]! * L[rj + i]!;
      s = (H[rj + k]! + 0 - s) / L[rk + k]!;
      L[rj + k] = s;
      d = d + s * s;
    }
    d = H[rj + j]! + tau - d;
    if (!(d > 0)) return false;
    L[rj + j] = Math.sqrt(d);
  }
  return true;
}

/** b = (LLᵀ)⁻¹(−g): ml-matrix's forward then backward substitution, in the same order. */
function solve(L: Float64Array, g: Float64Array, n: number, b: Float64Array): void {
  for (let k = 0; k < n; k++) {
    let v = -g[k]!;
    for (let i = 0; i < k; i++) v = v - b[i]! * L[k * n + i]!;
    b[k] = v / L[k * n + k]!;
  }
  for (let k = n - 1; k >= 0; k--) {
    let v = b[k]!;
    for (let i = k + 1; i < n; i++) v = v - b[i]! * L[i * n + k]!;
    b[k] = v / L[k * n + k]!;
  }
}
