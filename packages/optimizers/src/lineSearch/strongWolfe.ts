import { rangeError } from '@numcomp/core';
import { checkLineSearchArgs, finish } from './_common.js';
import { cubicHermiteMin, inside, quadraticMin } from './_interpolate.js';
import { checkParamKeys, param } from './_params.js';
import type { LineSearchResult, ScalarFunction } from './types.js';

/** Trials closer than this fraction of the interval to either end are replaced by bisection. */
const MARGIN = 0.01;

/** Options of {@link strongWolfe}. */
export interface StrongWolfeOptions {
  /** First trial step α₁. Default 1 (the right first guess for Newton and quasi-Newton directions). */
  readonly initialStep?: number;
  /** Sufficient-decrease constant c₁. Default 1e-4. */
  readonly c1?: number;
  /** Curvature constant c₂ ∈ (c₁, 1). Default 0.9 (quasi-Newton); use 0.1 for nonlinear CG. */
  readonly c2?: number;
  /** Largest step allowed. Default Infinity. */
  readonly maxStep?: number;
  /** Maximum number of φ evaluations (bracketing and zoom together). Default 30. */
  readonly maxIter?: number;
}

/**
 * Strong-Wolfe line search, Nocedal & Wright Algorithm 3.5 (bracketing) with Algorithm 3.6 (zoom).
 * Finds α with
 *
 * ```math
 * \varphi(\alpha) \le \varphi(0) + c_1\alpha\,\varphi'(0), \qquad |\varphi'(\alpha)| \le c_2\,|\varphi'(0)|.
 * ```
 *
 * Bracketing extrapolates with the cubic Hermite step safeguarded to [αᵢ + 1.1Δ, αᵢ + 4Δ]; zoom
 * takes the cubic step of N&W eq. 3.59 or its mean with the quadratic step, with Moré & Thuente's
 * (1994) choice rule and bisection safeguard. As in Moré–Thuente (MINPACK `dcsrch`, which SciPy uses),
 * φ' is evaluated at every trial with finite φ, so `ngev` ≤ `nfev`: on Rosenbrock this gives BFGS
 * SciPy's own counts. A non-finite φ or φ' counts as "step too long".
 *
 * On failure (`ok: false`: `dphi0 ≥ 0`, `maxIter` reached, interval below rounding, or `maxStep` hit)
 * α is the best step seen that satisfies sufficient decrease, 0 if none.
 *
 * @param phi - φ(α) = f(x + αd).
 * @param dphi - φ'(α) = ∇f(x + αd)ᵀd, called at each trial α right after φ(α) when φ(α) is finite.
 * @param phi0 - φ(0).
 * @param dphi0 - φ'(0), negative for a descent direction.
 * @param options - `initialStep` (1), `c1` (1e-4), `c2` (0.9), `maxStep` (∞), `maxIter` (30).
 * @param out - Optional record to fill instead of allocating one.
 * @returns The step, φ and φ' there (`dphi` is always evaluated at the returned α when α > 0), counts.
 * @example
 * ```ts
 * // φ(α) = (α − 2)² : φ(0) = 4, φ'(0) = −4. α = 1 gives |φ'(1)| = 2 ≤ 0.9·4: accepted at once.
 * const r = strongWolfe((a) => (a - 2) ** 2, (a) => 2 * (a - 2), 4, -4);
 * r.alpha; // 1
 * ```
 */
export function strongWolfe(
  phi: ScalarFunction,
  dphi: ScalarFunction,
  phi0: number,
  dphi0: number,
  options?: StrongWolfeOptions,
  out?: LineSearchResult,
): LineSearchResult {
  checkLineSearchArgs(phi, dphi, phi0, dphi0, true);
  checkParamKeys(options, 'strong-wolfe');
  const o = options as Readonly<Record<string, unknown>> | undefined;
  const initialStep = param(o, 'initialStep', 1);
  const c1 = param(o, 'c1', 1e-4);
  const c2 = param(o, 'c2', 0.9);
  if (!(c2 > c1)) throw rangeError('c2', c2, `expected a number in (c1, 1) = (${c1}, 1)`);
  const maxStep = param(o, 'maxStep', Number.POSITIVE_INFINITY);
  const maxIter = param(o, 'maxIter', 30);
  if (!(dphi0 < 0) || !Number.isFinite(dphi0)) return finish(out, 0, phi0, Number.NaN, 0, 0, false);

  const slope = c1 * dphi0; // Armijo: φ(α) ≤ φ0 + α·slope
  const curvature = -c2 * dphi0; // strong Wolfe: |φ'(α)| ≤ curvature
  let nfev = 0;
  let ngev = 0;

  // Bracketing phase (Algorithm 3.5).
  let aPrev = 0;
  let fPrev = phi0;
  let gPrev = dphi0;
  let a = Math.min(initialStep, maxStep);
  // The zoom interval: lo satisfies sufficient decrease with the lowest φ so far, φ'(lo)(hi − lo) < 0.
  let lo: number;
  let flo: number;
  let glo: number;
  let hi: number;
  let fhi: number;
  let ghi: number;
  for (;;) {
    if (nfev >= maxIter) return finish(out, aPrev, fPrev, aPrev > 0 ? gPrev : Number.NaN, nfev, ngev, false);
    const fa = phi(a);
    nfev++;
    if (!(fa <= phi0 + a * slope) || (nfev > 1 && fa >= fPrev)) {
      lo = aPrev;
      flo = fPrev;
      glo = gPrev;
      hi = a;
      fhi = fa;
      ghi = Number.NaN;
      if (Number.isFinite(fa)) {
        ghi = dphi(a);
        ngev++;
      }
      break;
    }
    const ga = dphi(a);
    ngev++;
    if (Math.abs(ga) <= curvature) return finish(out, a, fa, ga, nfev, ngev, true);
    if (!Number.isFinite(ga)) {
      lo = aPrev;
      flo = fPrev;
      glo = gPrev;
      hi = a;
      fhi = fa;
      ghi = Number.NaN;
      break;
    }
    if (ga >= 0) {
      lo = a;
      flo = fa;
      glo = ga;
      hi = aPrev;
      fhi = fPrev;
      ghi = gPrev;
      break;
    }
    if (a >= maxStep) return finish(out, a, fa, ga, nfev, ngev, false);
    // Extrapolate: cubic step safeguarded to [a + 1.1Δ, a + 4Δ] (Moré & Thuente 1994).
    const delta = a - aPrev;
    const tLo = a + 1.1 * delta;
    const tHi = a + 4 * delta;
    let next = cubicHermiteMin(aPrev, fPrev, gPrev, a, fa, ga);
    if (!(next >= tLo))
      next = next <= tHi ? tLo : tHi; // NaN (no minimiser) → the long step
    else if (next > tHi) next = tHi;
    aPrev = a;
    fPrev = fa;
    gPrev = ga;
    a = Math.min(next, maxStep);
  }

  // Zoom phase (Algorithm 3.6).
  let width0 = Number.POSITIVE_INFINITY; // |hi − lo| one and two trials ago (Moré & Thuente's bisection rule)
  let width1 = Number.POSITIVE_INFINITY;
  for (;;) {
    const width = hi - lo;
    if (nfev >= maxIter || Math.abs(width) <= 1e-16 * Math.max(1, Math.abs(lo))) {
      return finish(out, lo, flo, lo > 0 ? glo : Number.NaN, nfev, ngev, false);
    }
    // Trial step (Moré & Thuente 1994, §4 case 1): the cubic step of N&W eq. 3.59 if it is closer to lo
    // than the quadratic step through φ(lo), φ'(lo), φ(hi), else their mean. Bisect when the trial is
    // within 1% of an end, when φ or φ' is not finite at hi, or when the last two trials shrank the
    // interval by less than a third (Moré & Thuente's safeguard).
    const w = Math.abs(width);
    let t = Number.NaN;
    if (w < 0.66 * width1) {
      const tq = quadraticMin(lo, flo, glo, hi, fhi);
      const tc = cubicHermiteMin(lo, flo, glo, hi, fhi, ghi);
      if (Number.isNaN(tc)) t = tq;
      else if (Number.isNaN(tq) || Math.abs(tc - lo) < Math.abs(tq - lo)) t = tc;
      else t = 0.5 * (tc + tq);
    }
    if (!inside(t, lo, hi, MARGIN)) t = lo + 0.5 * width;
    width1 = width0;
    width0 = w;
    const ft = phi(t);
    nfev++;
    if (!(ft <= phi0 + t * slope) || ft >= flo) {
      hi = t;
      fhi = ft;
      ghi = Number.NaN;
      if (Number.isFinite(ft)) {
        ghi = dphi(t);
        ngev++;
      }
      continue;
    }
    const gt = dphi(t);
    ngev++;
    if (Math.abs(gt) <= curvature) return finish(out, t, ft, gt, nfev, ngev, true);
    if (!Number.isFinite(gt)) {
      hi = t;
      fhi = ft;
      ghi = Number.NaN;
      continue;
    }
    if (gt * (hi - lo) >= 0) {
      hi = lo;
      fhi = flo;
      ghi = glo;
    }
    lo = t;
    flo = ft;
    glo = gt;
  }
}
