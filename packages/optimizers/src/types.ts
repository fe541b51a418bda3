import type { Matrix } from '@numcomp/core';

/** An objective: `f` and, optionally, its gradient and Hessian. `@numcomp/core` test functions are problems. */
export interface Problem {
  /** The objective. Must not keep or modify `x`. */
  readonly f: (x: Float64Array) => number;
  /** Gradient written into `out` when given (and returned); otherwise a new array. */
  readonly grad?: ((x: Float64Array, out?: Float64Array) => Float64Array) | undefined;
  /**
   * Hessian as a row-major matrix or nested rows; it may be written into `out` (n×n) when given, and `out`
   * returned (as core's test functions do: no allocation per call).
   */
  readonly hess?: ((x: Float64Array, out?: Matrix) => Matrix | ArrayLike<ArrayLike<number>>) | undefined;
}

/** Every way a run can end. Outcomes are data: a failing run returns one of these, it never throws. */
export type Status = 'converged' | 'max-iter' | 'diverged' | 'stalled' | 'non-finite' | 'stopped';

/** Every method `minimize` knows. */
export type Method =
  | 'gradient-descent'
  | 'momentum'
  | 'nesterov'
  | 'adagrad'
  | 'rmsprop'
  | 'adam'
  | 'newton'
  | 'saddle-free-newton'
  | 'bfgs'
  | 'lbfgs'
  | 'conjugate-gradient'
  | 'nelder-mead'
  | 'projected-gradient';

/** Line searches usable inside gradient methods. */
export type LineSearchKind = 'none' | 'grid' | 'exact' | 'backtracking' | 'strong-wolfe';

/** Learning-rate schedules: lr_k for iteration k (0-based). */
export type Schedule =
  | 'constant'
  | { readonly type: 'constant' }
  | { readonly type: 'step'; readonly every: number; readonly factor: number }
  | { readonly type: 'exponential'; readonly decay: number }
  | { readonly type: 'inverse-time'; readonly decay: number }
  | { readonly type: 'cosine'; readonly period?: number; readonly minLr?: number };

/** Simple bounds, one `[lower, upper]` pair per coordinate; `null` (or ±Infinity) is no bound. */
export type Bounds = ArrayLike<readonly [number | null, number | null]>;

/** Box, ball and half-space constraints for `'projected-gradient'`. */
export type Constraint =
  | { readonly type: 'box'; readonly lower: ArrayLike<number>; readonly upper: ArrayLike<number> }
  | { readonly type: 'ball'; readonly center?: ArrayLike<number>; readonly radius: number }
  /** aᵀx ≥ b */
  | { readonly type: 'halfspace'; readonly a: ArrayLike<number>; readonly b: number };

/** What the callback sees after each iteration. Arrays are live views: copy to keep them. */
export interface IterationState {
  readonly nit: number;
  readonly x: Float64Array;
  readonly fun: number;
  readonly grad: Float64Array;
  readonly gradNorm: number;
  readonly stepLength: number;
}

/**
 * Trajectory thinning. `every` keeps every `every`-th iterate. `max` bounds the memory: a run with at most `max`
 * iterates keeps them all; a longer one keeps its first ⌊max/2⌋ iterates, then thins the rest with an odd stride
 * (1, 3, 9, …) so that periodic paths, such as a step that bounces between two points, show both sides. x0 and
 * the last iterate are always kept.
 */
export interface RecordOptions {
  readonly every?: number;
  readonly max?: number;
}

/**
 * Options of `minimize` and of each method. Each option is described once, in `OPTIONS`
 * (`src/options.ts`): its kind, range, default and the methods that use it. Unknown keys are refused.
 */
export interface MinimizeOptions {
  readonly method?: Method;
  /** Learning rate (step size) of first-order methods. Default 0.01 (the notebook's default). */
  readonly lr?: number;
  /** Momentum coefficient β of heavy ball and Nesterov (default 0.9) and RMSProp's momentum (default 0: off). */
  readonly momentum?: number;
  /**
   * Stop when ‖∇f‖ ≤ tol (checked before each step, as the notebook's while loop). With 0 (the
   * first-order default) only an exactly zero gradient stops the run early.
   */
  readonly tol?: number;
  /** Maximum number of steps. */
  readonly maxIter?: number;
  /** `'analytic'` (default when `grad` is given) or `'numerical'` (central differences, step `h`). */
  readonly gradient?: 'analytic' | 'numerical';
  /** Finite-difference step for the numerical gradient. Default 1e-4 (the notebook's). */
  readonly h?: number;
  readonly lineSearch?: LineSearchKind;
  /** Options passed to the line search (`initialStep`, `c1`, `c2`, `candidates`, ...). */
  readonly lineSearchOptions?: LineSearchOptions;
  readonly schedule?: Schedule;
  /** Called after each step; returning `false` stops the run with status `'stopped'`. */
  readonly callback?: (state: IterationState) => boolean | undefined;
  /** Record the trajectory: `true` for every iterate, or thinning options. Off by default, and free when off. */
  readonly record?: boolean | RecordOptions;
  /** Constraints for `'projected-gradient'`. */
  readonly constraints?: readonly Constraint[];
  /** Adam's β₁ (decay of the first moment). Default 0.9. */
  readonly beta1?: number;
  /** Adam's β₂ (decay of the second moment). Default 0.999. */
  readonly beta2?: number;
  /** RMSProp's decay ρ. Default 0.9. */
  readonly rho?: number;
  /** Centered RMSProp (Graves 2013; TensorFlow's and optax's `centered`): divide by the running variance. */
  readonly centered?: boolean;
  /** ε of AdaGrad (default 1e-10), RMSProp and Adam (default 1e-8). */
  readonly epsilon?: number;
  /** L-BFGS: number of (s, y) pairs kept. Default 10. */
  readonly memory?: number;
  /**
   * L-BFGS: simple bounds, one `[lower, upper]` pair per coordinate (`null` or ±Infinity: none), as
   * SciPy's `bounds` for L-BFGS-B. The run stays in the box and converges on the projected gradient.
   */
  readonly bounds?: Bounds;
  /** BFGS: rescale H₀ to (yᵀs/yᵀy)I before the first update (N&W eq. 6.20). Default false. */
  readonly scaleH0?: boolean;
  /**
   * Saddle-free Newton: the floor δ under the eigenvalues of |H|, relative to the largest,
   * |λᵢ| ← max(|λᵢ|, δ·maxⱼ|λⱼ|). Default 1e-4.
   */
  readonly damping?: number;
  /** Nelder–Mead: absolute tolerance on the simplex's spread in x. Default 1e-4 (or `tol`). */
  readonly xatol?: number;
  /** Nelder–Mead: absolute tolerance on the spread of f over the simplex. Default 1e-4 (or `tol`). */
  readonly fatol?: number;
  /** Budget of objective evaluations (Nelder–Mead: default 200·n, as SciPy). */
  readonly maxfev?: number;
  /** Nelder–Mead: Gao & Han's dimension-dependent coefficients. Default false. */
  readonly adaptive?: boolean;
  /** Nelder–Mead: the initial simplex, n + 1 rows of n numbers. */
  readonly initialSimplex?: ArrayLike<ArrayLike<number>>;
}

/** The options of every line search, as one record; each search reads its own (see `LINE_SEARCH_OPTIONS`). */
export interface LineSearchOptions {
  /** First trial step (strong Wolfe, backtracking, exact). */
  readonly initialStep?: number;
  /** Sufficient-decrease constant (strong Wolfe, backtracking). */
  readonly c1?: number;
  /** Curvature constant (strong Wolfe). */
  readonly c2?: number;
  /** Largest step (strong Wolfe). */
  readonly maxStep?: number;
  /** Evaluation budget of one search. */
  readonly maxIter?: number;
  /** Contraction factor (backtracking). */
  readonly rho?: number;
  /** Interpolated trials (backtracking). */
  readonly interpolate?: boolean;
  /** Relative tolerance on α (exact). */
  readonly xtol?: number;
  /** Candidate steps (grid). */
  readonly candidates?: ArrayLike<number>;
}

/** A recorded trajectory, one entry per kept iterate (including x0 and the final point). */
export interface Trajectory {
  /** Iteration index of each kept point. */
  readonly iter: number[];
  readonly x: number[][];
  readonly f: number[];
  readonly gradNorm: number[];
  readonly stepLength: number[];
}

/** The SciPy-like result record. */
export interface OptimizeResult {
  readonly x: Float64Array;
  readonly fun: number;
  readonly grad: Float64Array;
  /** Steps taken. */
  readonly nit: number;
  /** Objective evaluations (including those inside numerical gradients). */
  readonly nfev: number;
  /** Gradient evaluations (analytic, or numerical gradients computed). */
  readonly ngev: number;
  /** Hessian evaluations. */
  readonly nhev: number;
  readonly status: Status;
  readonly success: boolean;
  readonly message: string;
  readonly trajectory?: Trajectory;
  /**
   * Constrained runs: KKT residual and multiplier estimates, one per scalar constraint (a half-space or
   * a ball gives one, a box 2n: its lower bounds, then its upper bounds).
   */
  readonly kkt?: { readonly residual: number; readonly multipliers: number[] };
}
