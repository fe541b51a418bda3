import { checkLineSearchArgs, finish } from './_common.js';
import { checkParam, checkParamKeys } from './_params.js';
import type { LineSearchResult, ScalarFunction } from './types.js';

/**
 * The default candidate steps of {@link gridSearch}: 10^(k/2) for k = −8 … 2, i.e. 1e-4 … 10.
 *
 * @example
 * ```ts
 * gridSearch(phi, undefined, phi0, dphi0, { candidates: DEFAULT_GRID.map((e) => e / 10) });
 * ```
 */
export const DEFAULT_GRID: readonly number[] = Object.freeze(
  Array.from({ length: 11 }, (_, i) => 10 ** ((i - 8) / 2)),
);

/** Options of {@link gridSearch}. */
export interface GridSearchOptions {
  /** Candidate steps ε (each finite and > 0). Default {@link DEFAULT_GRID}. */
  readonly candidates?: ArrayLike<number>;
}

/**
 * The notebook's line search: evaluate φ(ε) = f(x − ε∇f) (in general f(x + εd)) for several ε
 * and keep the one with the smallest value.
 *
 * ```math
 * \alpha = \operatorname*{arg\,min}_{\varepsilon \in E} \varphi(\varepsilon)
 * ```
 *
 * Ties go to the earlier candidate. `ok` is true when the best value is below φ(0); when no candidate
 * decreases φ, the result is α = 0, φ = φ(0), `ok: false`. Uses neither `dphi` nor `dphi0`'s sign.
 *
 * @param phi - φ(α) = f(x + αd).
 * @param dphi - Unused (accepted so that every line search has the same call shape); may be undefined.
 * @param phi0 - φ(0) = f(x).
 * @param dphi0 - φ'(0) = ∇f(x)ᵀd (unused beyond validation).
 * @param options - `candidates` (default 1e-4, 3.16e-4, …, 10).
 * @param out - Optional record to fill instead of allocating one.
 * @returns The best candidate step, φ there, and the evaluation count (`nfev` = number of candidates).
 * @example
 * ```ts
 * // f(x) = x², x = 3, d = −f'(3) = −6: φ(ε) = (3 − 6ε)², best at ε = 0.5
 * const r = gridSearch((a) => (3 - 6 * a) ** 2, undefined, 9, -36, { candidates: [0.1, 0.5, 1] });
 * r.alpha; // 0.5
 * ```
 */
export function gridSearch(
  phi: ScalarFunction,
  dphi: ScalarFunction | undefined,
  phi0: number,
  dphi0: number,
  options?: GridSearchOptions,
  out?: LineSearchResult,
): LineSearchResult {
  checkLineSearchArgs(phi, dphi, phi0, dphi0, false);
  return gridWith(phi, phi0, readGrid(options), out);
}

/** {@link gridSearch}'s options, validated, with their defaults. */
export interface GridParams {
  readonly candidates: ArrayLike<number>;
}

/** Validates {@link gridSearch}'s options once (a method's search reads them once per run). */
export function readGrid(options: GridSearchOptions | undefined): GridParams {
  checkParamKeys(options, 'grid');
  const candidates = options?.candidates ?? DEFAULT_GRID;
  if (options?.candidates !== undefined) checkParam('candidates', 'candidates', candidates);
  return { candidates };
}

/** {@link gridSearch} with its options read ({@link readGrid}) and its arguments checked. */
export function gridWith(
  phi: ScalarFunction,
  phi0: number,
  p: GridParams,
  out?: LineSearchResult,
): LineSearchResult {
  const { candidates } = p;
  let bestAlpha = 0;
  let best = phi0;
  for (let i = 0; i < candidates.length; i++) {
    const a = candidates[i]!;
    const v = phi(a);
    if (v < best) {
      best = v;
      bestAlpha = a;
    }
  }
  return finish(out, bestAlpha, best, Number.NaN, candidates.length, 0, bestAlpha > 0);
}
