import { checkLineSearchArgs, finish } from './_common.js';
import { checkParam, checkParamKeys, param } from './_params.js';
import type { LineSearchResult, ScalarFunction } from './types.js';

/** Options of {@link backtracking}. */
export interface BacktrackingOptions {
  /** First trial step. Default 1. */
  readonly initialStep?: number;
  /** Sufficient-decrease constant c₁ ∈ (0, 1). Default 1e-4. */
  readonly c1?: number;
  /** Contraction factor ρ ∈ (0, 1) when not interpolating. Default 0.5. */
  readonly rho?: number;
  /**
   * Choose each new trial by minimising a quadratic (first) or cubic (later) model of φ,
   * safeguarded to [0.1α, 0.5α] (Nocedal & Wright §3.5). Default false (plain α ← ρα).
   */
  readonly interpolate?: boolean;
  /** Maximum number of trial steps. Default 50. */
  readonly maxIter?: number;
}

/**
 * Backtracking (Armijo) line search, Nocedal & Wright Algorithm 3.1: start from α₀ and shrink until
 *
 * ```math
 * \varphi(\alpha) \le \varphi(0) + c_1\,\alpha\,\varphi'(0).
 * ```
 *
 * Non-finite φ(α) counts as a failed trial. Returns `ok: false` and α = 0 when `dphi0 ≥ 0`
 * (not a descent direction) or when `maxIter` trials all fail.
 *
 * @param phi - φ(α) = f(x + αd).
 * @param dphi - Unused (same call shape as the other searches); may be undefined.
 * @param phi0 - φ(0).
 * @param dphi0 - φ'(0) = ∇f(x)ᵀd, negative for a descent direction.
 * @param options - `initialStep` (1), `c1` (1e-4), `rho` (0.5), `interpolate` (false), `maxIter` (50).
 * @param out - Optional record to fill instead of allocating one.
 * @returns The first trial step that satisfies the Armijo condition.
 * @example
 * ```ts
 * // φ(α) = (3 − 6α)², φ(0) = 9, φ'(0) = −36: α = 1 fails (φ = 9), α = 0.5 passes.
 * backtracking((a) => (3 - 6 * a) ** 2, undefined, 9, -36).alpha; // 0.5
 * ```
 */
export function backtracking(
  phi: ScalarFunction,
  dphi: ScalarFunction | undefined,
  phi0: number,
  dphi0: number,
  options?: BacktrackingOptions,
  out?: LineSearchResult,
): LineSearchResult {
  checkLineSearchArgs(phi, dphi, phi0, dphi0, false);
  const p = readBacktracking(options);
  return backtrackingWith(phi, phi0, dphi0, p, p.initialStep, out);
}

/** {@link backtracking}'s options, validated, with their defaults. */
export interface BacktrackingParams {
  readonly initialStep: number;
  readonly c1: number;
  readonly rho: number;
  readonly maxIter: number;
  readonly interpolate: boolean;
}

/** Validates {@link backtracking}'s options once (a method's search reads them once per run). */
export function readBacktracking(options: BacktrackingOptions | undefined): BacktrackingParams {
  checkParamKeys(options, 'backtracking');
  const o = options as Readonly<Record<string, unknown>> | undefined;
  const initialStep = param(o, 'initialStep', 1);
  const c1 = param(o, 'c1', 1e-4);
  const rho = param(o, 'rho', 0.5);
  const maxIter = param(o, 'maxIter', 50);
  const interpolate = options?.interpolate ?? false;
  if (interpolate !== false) checkParam('interpolate', 'interpolate', interpolate);
  return { initialStep, c1, rho, maxIter, interpolate };
}

/**
 * {@link backtracking} with its options read ({@link readBacktracking}) and its arguments checked, from the
 * first trial step `initialStep` (checked as the option is).
 */
export function backtrackingWith(
  phi: ScalarFunction,
  phi0: number,
  dphi0: number,
  p: BacktrackingParams,
  initialStep: number,
  out?: LineSearchResult,
): LineSearchResult {
  const { c1, rho, maxIter, interpolate } = p;
  let alpha = initialStep;
  if (!(dphi0 < 0)) return finish(out, 0, phi0, Number.NaN, 0, 0, false);
  let nfev = 0;
  let prevAlpha = Number.NaN;
  let prevPhi = Number.NaN;
  while (nfev < maxIter) {
    const v = phi(alpha);
    nfev++;
    if (v <= phi0 + c1 * alpha * dphi0) return finish(out, alpha, v, Number.NaN, nfev, 0, true);
    let next = rho * alpha;
    if (interpolate && Number.isFinite(v)) {
      const t =
        nfev === 1
          ? quadraticStep(phi0, dphi0, alpha, v)
          : cubicStep(phi0, dphi0, alpha, v, prevAlpha, prevPhi);
      // Safeguard (Nocedal & Wright §3.5): keep the new trial in [0.1α, 0.5α].
      next = t >= 0.1 * alpha && t <= 0.5 * alpha ? t : t < 0.1 * alpha ? 0.1 * alpha : 0.5 * alpha;
    }
    prevAlpha = alpha;
    prevPhi = v;
    alpha = next;
  }
  return finish(out, 0, phi0, Number.NaN, nfev, 0, false);
}

/** Minimiser of the quadratic through φ(0), φ'(0), φ(a) (Nocedal & Wright eq. 3.58). */
function quadraticStep(f0: number, g0: number, a: number, fa: number): number {
  return (-g0 * a * a) / (2 * (fa - f0 - g0 * a));
}

/** Minimiser of the cubic through φ(0), φ'(0), φ(a), φ(b) (Nocedal & Wright p. 58). NaN if none. */
function cubicStep(f0: number, g0: number, a: number, fa: number, b: number, fb: number): number {
  if (!Number.isFinite(fb)) return quadraticStep(f0, g0, a, fa);
  const ra = fa - f0 - g0 * a;
  const rb = fb - f0 - g0 * b;
  const den = a * a * b * b * (a - b);
  const c3 = (b * b * ra - a * a * rb) / den;
  const c2 = (-b * b * b * ra + a * a * a * rb) / den;
  if (c3 === 0) return -g0 / (2 * c2);
  const disc = c2 * c2 - 3 * c3 * g0;
  return disc < 0 ? Number.NaN : (-c2 + Math.sqrt(disc)) / (3 * c3);
}
