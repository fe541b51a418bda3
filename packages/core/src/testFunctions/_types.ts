import type { Matrix } from '../_matrix.js';

/** A known minimiser of a {@link TestFunction}. */
export interface Minimum {
  readonly x: readonly number[];
  readonly f: number;
}

/**
 * An objective with analytic derivatives. It is also an optimisation problem for
 * `@numcomp/optimizers`: `{ f, grad, hess }`.
 */
export interface TestFunction {
  /** Registry name, e.g. `'rosenbrock'`. */
  readonly name: string;
  /** Number of variables. */
  readonly dim: number;
  /** The objective. Must not modify `x`. */
  readonly f: (x: Float64Array) => number;
  /** The analytic gradient, written into `out` (allocated when omitted) and returned. */
  readonly grad: (x: Float64Array, out?: Float64Array) => Float64Array;
  /**
   * `f` at `count` points at once, allocation-free: `points` is struct-of-arrays (coordinate `j` of point
   * `i` at `points[j·count + i]`), `out[i]` receives `f(point i)` with the same bits as `f`. Built-in
   * functions that have it: sphere, quadratic, ill-conditioned quadratic, Rosenbrock, Himmelblau, Beale,
   * Booth, saddle, monkey saddle, plateau, function 1.
   */
  readonly fBatch?: (points: Float64Array, count: number, out: Float64Array) => Float64Array;
  /**
   * `grad` at `count` points at once, allocation-free, same layout in and out: `out[j·count + i]`
   * receives `∂f/∂xⱼ` at point `i`, with the same bits as `grad`.
   */
  readonly gradBatch?: (points: Float64Array, count: number, out: Float64Array) => Float64Array;
  /**
   * The analytic Hessian, row-major `dim × dim`: written into `out` (a `dim × dim` matrix, every entry
   * overwritten) and returned when one is given, as `grad` fills its `out`; else a new matrix.
   */
  readonly hess: (x: Float64Array, out?: Matrix) => Matrix;
  /** Every known global (and, where listed, local) minimum. */
  readonly minima: readonly Minimum[];
  /** The usual plotting / search box: `[lo, hi]` per coordinate. */
  readonly domain: readonly (readonly [number, number])[];
}
