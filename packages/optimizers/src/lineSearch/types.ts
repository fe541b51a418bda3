/** A function of the step length: φ(α) = f(x + αd), or its derivative φ'(α) = ∇f(x + αd)ᵀd. */
export type ScalarFunction = (alpha: number) => number;

/** Where a method's line search starts: φ(0), φ'(0) and the first trial step (internal). */
export interface SearchStart {
  readonly fx: number;
  readonly slope: number;
  readonly a0: number;
}

/**
 * The outcome of a line search. Every search has the same call shape,
 * `(phi, dphi, phi0, dphi0, options?, out?) => LineSearchResult`, so a method can swap them.
 *
 * When `ok` is false the search did not meet its condition; `alpha` is then the best step it saw
 * that decreased φ (0 when none did), so a caller can still step or report `'stalled'`.
 */
export interface LineSearchResult {
  /** The accepted step α (≥ 0). */
  alpha: number;
  /** φ(α). Equals `phi0` when `alpha` is 0. */
  phi: number;
  /** φ'(α) when the search evaluated it at the returned α; NaN otherwise. */
  dphi: number;
  /** Evaluations of φ. */
  nfev: number;
  /** Evaluations of φ'. */
  ngev: number;
  /** Whether the search's condition holds at `alpha` (Armijo, strong Wolfe, bracket converged, decrease). */
  ok: boolean;
}
