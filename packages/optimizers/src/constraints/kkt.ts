import { checkVector, rangeError } from '@numcomp/core';
import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import { checkConstraints } from '../_optionShapes.js';
import type { Constraint } from '../types.js';

/** KKT residual and multiplier estimates at a point. */
export interface KktReport {
  /** max(stationarity, primal infeasibility, complementarity), each in the ∞-norm. */
  readonly residual: number;
  /**
   * λ ≥ 0 per scalar constraint, in the order of `constraints`: a half-space or a ball gives one, a box
   * gives 2n (the n lower bounds, then the n upper bounds; 0 for an infinite bound).
   */
  readonly multipliers: number[];
}

/** Scalar constraints cᵢ(x) ≥ 0 with their gradients, and a scale for the activity test. */
interface Scalar {
  readonly value: number;
  readonly grad: Float64Array;
  readonly scale: number;
}

function scalarize(cs: readonly Constraint[], x: Float64Array): Scalar[] {
  const n = x.length;
  const out: Scalar[] = [];
  let xn = 0;
  for (let i = 0; i < n; i++) xn = Math.max(xn, Math.abs(x[i]!));
  for (const c of cs) {
    if (c.type === 'box') {
      for (const side of [1, -1]) {
        for (let i = 0; i < n; i++) {
          const bound = side === 1 ? c.lower[i]! : c.upper[i]!;
          const grad = new Float64Array(n);
          if (!Number.isFinite(bound)) {
            out.push({ value: Number.POSITIVE_INFINITY, grad, scale: 1 });
            continue;
          }
          grad[i] = side;
          out.push({ value: side * (x[i]! - bound), grad, scale: 1 + Math.abs(bound) });
        }
      }
    } else if (c.type === 'ball') {
      // r − ‖x − c‖ ≥ 0, gradient −(x − c)/‖x − c‖
      const grad = new Float64Array(n);
      let s = 0;
      for (let i = 0; i < n; i++) {
        grad[i] = x[i]! - (c.center === undefined ? 0 : c.center[i]!);
        s += grad[i]! * grad[i]!;
      }
      const d = Math.sqrt(s);
      for (let i = 0; i < n; i++) grad[i] = d > 0 ? -grad[i]! / d : 0;
      out.push({ value: c.radius - d, grad, scale: 1 + c.radius });
    } else {
      // aᵀx − b ≥ 0, gradient a
      const grad = Float64Array.from(c.a);
      let ax = 0;
      let an = 0;
      for (let i = 0; i < n; i++) {
        ax += grad[i]! * x[i]!;
        an += grad[i]! * grad[i]!;
      }
      // normalised so that the activity test does not depend on the scale of a
      out.push({ value: ax - c.b, grad, scale: Math.sqrt(an) * (1 + xn) + Math.abs(c.b) });
    }
  }
  return out;
}

/**
 * Non-negative least squares min ‖Mλ − g‖ s.t. λ ≥ 0 (Lawson & Hanson, "Solving least squares problems",
 * 1974, algorithm NNLS), with the passive-set solves by SVD (ml-matrix). M is n × m given by columns.
 */
function nnls(cols: readonly Float64Array[], g: Float64Array): Float64Array {
  const m = cols.length;
  const n = g.length;
  const lambda = new Float64Array(m);
  if (m === 0) return lambda;
  const passive = new Array<boolean>(m).fill(false);
  const r = new Float64Array(n);
  const residual = (): void => {
    for (let i = 0; i < n; i++) {
      let s = g[i]!;
      for (let j = 0; j < m; j++) s -= cols[j]![i]! * lambda[j]!;
      r[i] = s;
    }
  };
  const solvePassive = (): Float64Array => {
    const idx = passive.flatMap((p, j) => (p ? [j] : []));
    const rows = Array.from({ length: n }, (_, i) => idx.map((j) => cols[j]![i]!));
    const svd = new SingularValueDecomposition(new Matrix(rows), { autoTranspose: true });
    const z = svd.solve(Matrix.columnVector(Array.from(g)));
    const full = new Float64Array(m);
    idx.forEach((j, k) => {
      full[j] = z.get(k, 0);
    });
    return full;
  };
  const tol = 1e-12 * (1 + g.reduce((a, v) => Math.max(a, Math.abs(v)), 0));
  for (let outer = 0; outer < 3 * m + 3; outer++) {
    residual();
    let best = -1;
    let bestW = tol;
    for (let j = 0; j < m; j++) {
      if (passive[j]) continue;
      let w = 0;
      for (let i = 0; i < n; i++) w += cols[j]![i]! * r[i]!;
      if (w > bestW) {
        bestW = w;
        best = j;
      }
    }
    if (best < 0) break;
    passive[best] = true;
    for (let inner = 0; inner <= m; inner++) {
      const z = solvePassive();
      let alpha = 1;
      let blocked = false;
      for (let j = 0; j < m; j++) {
        if (passive[j] && z[j]! <= 0) {
          blocked = true;
          const a = lambda[j]! / (lambda[j]! - z[j]!);
          if (a < alpha) alpha = a;
        }
      }
      if (!blocked) {
        lambda.set(z);
        break;
      }
      for (let j = 0; j < m; j++) {
        if (!passive[j]) continue;
        lambda[j] = lambda[j]! + alpha * (z[j]! - lambda[j]!);
        if (lambda[j]! <= tol) {
          lambda[j] = 0;
          passive[j] = false;
        }
      }
    }
  }
  return lambda;
}

/** {@link kkt} on validated arguments (used by projected gradient). */
export function kktReport(cs: readonly Constraint[], x: Float64Array, g: Float64Array): KktReport {
  const n = x.length;
  const scalars = scalarize(cs, x);
  const active: number[] = [];
  scalars.forEach((s, j) => {
    if (s.value <= 1e-9 * s.scale) active.push(j);
  });
  const lamActive = nnls(
    active.map((j) => scalars[j]!.grad),
    g,
  );
  const multipliers = new Array<number>(scalars.length).fill(0);
  active.forEach((j, k) => {
    multipliers[j] = lamActive[k]!;
  });
  let residual = 0;
  for (let i = 0; i < n; i++) {
    let s = g[i]!;
    for (let j = 0; j < scalars.length; j++)
      if (multipliers[j] !== 0) s -= multipliers[j]! * scalars[j]!.grad[i]!;
    residual = Math.max(residual, Math.abs(s));
  }
  scalars.forEach((s, j) => {
    if (!Number.isFinite(s.value)) return;
    residual = Math.max(residual, -s.value, Math.abs(multipliers[j]! * s.value));
  });
  return { residual, multipliers };
}

/**
 * KKT residual and Lagrange multiplier estimates for min f(x) subject to constraints cⱼ(x) ≥ 0 (a box
 * gives x − l ≥ 0 and u − x ≥ 0, a ball r − ‖x − c‖ ≥ 0, a half-space aᵀx − b ≥ 0):
 *
 * ```math
 * \nabla f(x) = \sum_j \lambda_j \nabla c_j(x), \quad \lambda \ge 0, \quad c(x) \ge 0, \quad
 * \lambda_j c_j(x) = 0
 * ```
 *
 * λ is the non-negative least-squares fit of ∇f(x) by the gradients of the active constraints
 * (cⱼ(x) ≤ 1e-9 × scale); the residual is the largest of ‖∇f − Σλⱼ∇cⱼ‖∞, max(0, −cⱼ) and |λⱼcⱼ|.
 *
 * @param constraints - The constraints (see {@link Constraint}).
 * @param x - The point (finite).
 * @param grad - ∇f(x), the length of `x`.
 * @returns `{ residual, multipliers }`, one multiplier per scalar constraint (a box gives 2n).
 * @example
 * ```ts
 * // min x² + y² s.t. x + y ≥ 1: at (½, ½), ∇f = (1, 1) = 1·(1, 1)
 * kkt([{ type: 'halfspace', a: [1, 1], b: 1 }], [0.5, 0.5], [1, 1]); // { residual: ≈ 2e-16, multipliers: [≈ 1] }
 * ```
 */
export function kkt(
  constraints: readonly Constraint[],
  x: ArrayLike<number>,
  grad: ArrayLike<number>,
): KktReport {
  checkVector('x', x);
  checkVector('grad', grad);
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) throw rangeError('x', x, `x[${i}] is not finite`);
  }
  if (grad.length !== x.length) throw rangeError('grad', grad, `expected length ${x.length}`);
  const cs = checkConstraints(constraints, x.length);
  return kktReport(cs, Float64Array.from(x), Float64Array.from(grad));
}
