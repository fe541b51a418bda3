// Newton's step with a positive-definite fallback: Cholesky with added multiple of the identity
// (Nocedal & Wright, Algorithm 3.3), factorised by ml-matrix.
import { CholeskyDecomposition, Matrix } from 'ml-matrix';

/** Reusable ml-matrix buffers for {@link modifiedNewtonStep}. */
export interface NewtonWork {
  readonly A: Matrix;
  readonly rhs: Matrix;
}

/** Allocates the buffers of {@link modifiedNewtonStep} for dimension `n`. */
export function newtonWork(n: number): NewtonWork {
  return { A: new Matrix(n, n), rhs: new Matrix(n, 1) };
}

/**
 * Solves (H + τI) d = −g with the smallest τ of the sequence τ₀ = 0 (when every hᵢᵢ > 0, else
 * β − min hᵢᵢ), τ ← max(2τ, β) for which the Cholesky factorisation succeeds, β = 10⁻³·max|hᵢᵢ|
 * (N&W Algorithm 3.3 with β scaled to the Hessian). `H` is row-major n×n and is symmetrised in place.
 * Returns τ, or NaN when H has non-finite entries or no τ up to 2⁶⁰β works (d is then untouched).
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
  const { A, rhs } = work;
  for (let i = 0; i < n; i++) rhs.set(i, 0, -g[i]!);
  for (let attempt = 0; attempt < 64; attempt++) {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) A.set(i, j, H[i * n + j]! + (i === j ? tau : 0));
    }
    const chol = new CholeskyDecomposition(A);
    if (chol.isPositiveDefinite()) {
      const x = chol.solve(rhs);
      for (let i = 0; i < n; i++) d[i] = x.get(i, 0);
      return tau;
    }
    tau = Math.max(2 * tau, beta);
  }
  return Number.NaN;
}
