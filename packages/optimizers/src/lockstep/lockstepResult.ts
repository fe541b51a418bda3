import { MAXFEV_MESSAGE, statusMessage } from '../_result.js';
import type { OptimizeResult, Status } from '../types.js';

/**
 * Every status a lockstep run can end with; `LockstepResult.status[i]` is an index into it.
 *
 * @example
 * ```ts
 * LOCKSTEP_STATUSES[r.status[0]!]; // 'max-iter' (as r.statusOf(0))
 * ```
 */
export const LOCKSTEP_STATUSES: readonly Status[] = [
  'converged',
  'max-iter',
  'diverged',
  'stalled',
  'non-finite',
];

/**
 * The results of a lockstep batch, struct-of-arrays, in the order of the starting points: run `i`'s
 * final point is `x[i·n … i·n + n − 1]`. Each run's fields are the bits `minimize` gives for it alone.
 *
 * @example
 * ```ts
 * const r = minimizeLockstep(sphere(2), [[-3, 4], [1, 1]], { lr: [0.1, 0.2], maxIter: 20 });
 * r.nit[0]; // 20
 * r.statusOf(0); // 'max-iter'
 * r.result(1); // { x, fun, grad, nit, nfev, ngev, nhev: 0, status, success, message }, as minimize
 * ```
 */
export class LockstepResult {
  /** Number of runs. */
  readonly count: number;
  /** Dimension. */
  readonly n: number;
  /** Final points, row-major `count × n`. */
  readonly x: Float64Array;
  /** Gradients at the final points, row-major `count × n`. */
  readonly grad: Float64Array;
  /** f at the final points. */
  readonly fun: Float64Array;
  /** Steps taken. */
  readonly nit: Float64Array;
  /** Objective evaluations (numerical gradients included). */
  readonly nfev: Float64Array;
  /** Gradient evaluations. */
  readonly ngev: Float64Array;
  /** Status codes: indices into {@link LOCKSTEP_STATUSES}. */
  readonly status: Uint8Array;
  /** 1 where the run ended because its budget of f evaluations (`maxfev`) was spent. */
  readonly spent: Uint8Array;

  /**
   * @param count - Number of runs.
   * @param n - Dimension.
   */
  constructor(count: number, n: number) {
    this.count = count;
    this.n = n;
    this.x = new Float64Array(count * n);
    this.grad = new Float64Array(count * n);
    this.fun = new Float64Array(count);
    this.nit = new Float64Array(count);
    this.nfev = new Float64Array(count);
    this.ngev = new Float64Array(count);
    this.status = new Uint8Array(count);
    this.spent = new Uint8Array(count);
  }

  /**
   * @param i - A run.
   * @returns Its status.
   */
  statusOf(i: number): Status {
    return LOCKSTEP_STATUSES[this.status[i]!]!;
  }

  /**
   * @param i - A run.
   * @returns Its message, as `minimize`'s.
   */
  messageOf(i: number): string {
    return this.spent[i] === 1 ? MAXFEV_MESSAGE : statusMessage[this.statusOf(i)];
  }

  /**
   * ‖∇f‖₂ at run `i`'s final point, summed as `√(Σ gⱼ²)` left to right (Infinity or NaN when the
   * gradient is not finite).
   *
   * @param i - A run.
   * @returns The gradient norm.
   */
  gradNorm(i: number): number {
    const { n, grad } = this;
    let s = 0;
    for (let j = 0; j < n; j++) {
      const v = grad[i * n + j]!;
      s += v * v;
    }
    return Math.sqrt(s);
  }

  /**
   * Run `i` as `minimize` returns it (fresh arrays).
   *
   * @param i - A run.
   * @returns Its {@link OptimizeResult} (`nhev` 0, no trajectory).
   */
  result(i: number): OptimizeResult {
    const { n } = this;
    const status = this.statusOf(i);
    return {
      x: this.x.slice(i * n, i * n + n),
      fun: this.fun[i]!,
      grad: this.grad.slice(i * n, i * n + n),
      nit: this.nit[i]!,
      nfev: this.nfev[i]!,
      ngev: this.ngev[i]!,
      nhev: 0,
      status,
      success: status === 'converged',
      message: this.messageOf(i),
    };
  }
}
