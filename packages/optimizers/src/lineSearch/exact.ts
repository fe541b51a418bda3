import { rangeError } from '@numcomp/core';
import { checkLineSearchArgs, finish } from './_common.js';
import { checkParamKeys, param } from './_params.js';
import type { LineSearchResult, ScalarFunction } from './types.js';

/** Options of {@link exactLineSearch}. */
export interface ExactLineSearchOptions {
  /** First trial step used to bracket the minimum. Default 1. */
  readonly initialStep?: number;
  /** Relative tolerance on α for Brent's method. Default 1.48e-8 (≈ √ε, SciPy's `brent`). */
  readonly xtol?: number;
  /** Maximum number of φ evaluations (bracketing and Brent together). Default 500. */
  readonly maxIter?: number;
}

const GOLD = 1.618033988749895; // default magnification of successive bracketing intervals
const GLIMIT = 100; // largest magnification of a parabolic extrapolation step
const CGOLD = 0.3819660112501051; // 1 − 1/φ, golden-section fraction
const ZEPS = 1e-21; // tolerance floor for α near 0, relative to the bracket (scale-free)

/**
 * "Exact" line search: minimise φ(α) = f(x + αd) over α ≥ 0 by bracketing the minimum
 * (Numerical Recipes `mnbrak`, restricted to the ray: shrink the trial step until φ decreases, else
 * expand by golden ratio and parabolic extrapolation) and then Brent's method (Brent 1973, *Algorithms
 * for Minimization without Derivatives*, ch. 5; Numerical Recipes §10.2): golden section with
 * parabolic interpolation, to a relative tolerance `xtol` on α.
 *
 * ```math
 * \alpha^\ast = \operatorname*{arg\,min}_{\alpha \ge 0} \varphi(\alpha)
 * \qquad\text{(for } f = \tfrac12 x^\top A x - b^\top x,\ d = -g:\ \alpha^\ast = g^\top g / g^\top A g\text{)}
 * ```
 *
 * Only values of φ are used (`dphi` is ignored). `ok` is false when no step decreases φ (then α = 0),
 * when φ keeps decreasing through the whole bracketing budget (unbounded along the ray; α is the
 * last, lowest step), or when Brent runs out of evaluations.
 *
 * @param phi - φ(α) = f(x + αd).
 * @param dphi - Unused (same call shape as the other searches); may be undefined.
 * @param phi0 - φ(0).
 * @param dphi0 - φ'(0), for the quadratic model when the first step is too long (a non-descent
 *   direction simply finds no decrease).
 * @param options - `initialStep` (1), `xtol` (1.48e-8), `maxIter` (500).
 * @param out - Optional record to fill instead of allocating one.
 * @returns The minimising step along the ray and φ there.
 * @example
 * ```ts
 * // φ(α) = (3 − 6α)²: the minimum along the ray is at α = 0.5.
 * exactLineSearch((a) => (3 - 6 * a) ** 2, undefined, 9, -36).alpha; // 0.5 (to ~1e-8)
 * ```
 */
export function exactLineSearch(
  phi: ScalarFunction,
  dphi: ScalarFunction | undefined,
  phi0: number,
  dphi0: number,
  options?: ExactLineSearchOptions,
  out?: LineSearchResult,
): LineSearchResult {
  checkLineSearchArgs(phi, dphi, phi0, dphi0, false);
  const p = readExact(options);
  return exactWith(phi, phi0, dphi0, p, p.initialStep, out);
}

/** {@link exactLineSearch}'s options, validated, with their defaults. */
export interface ExactParams {
  readonly initialStep: number;
  readonly xtol: number;
  readonly maxIter: number;
}

/** Validates {@link exactLineSearch}'s options once (a method's search reads them once per run). */
export function readExact(options: ExactLineSearchOptions | undefined): ExactParams {
  checkParamKeys(options, 'exact');
  const o = options as Readonly<Record<string, unknown>> | undefined;
  const initialStep = param(o, 'initialStep', 1);
  const xtol = param(o, 'xtol', 1.48e-8);
  const maxIter = param(o, 'maxIter', 500);
  if (maxIter < 3) throw rangeError('maxIter', maxIter, 'expected an integer ≥ 3 (a bracket needs 3 points)');
  return { initialStep, xtol, maxIter };
}

/**
 * {@link exactLineSearch} with its options read ({@link readExact}) and its arguments checked, from the
 * first trial step `initialStep` (checked as the option is).
 */
export function exactWith(
  phi: ScalarFunction,
  phi0: number,
  dphi0: number,
  p: ExactParams,
  initialStep: number,
  out?: LineSearchResult,
): LineSearchResult {
  const { xtol, maxIter } = p;
  // Bracket a < b < c with φ(b) < φ(a), φ(b) ≤ φ(c), starting from a = 0.
  let nfev = 0;
  let a = 0;
  let fa = phi0;
  let b = initialStep;
  let fb = phi(b);
  nfev++;
  let c: number;
  let fc: number;
  // The step did not change φ at all (too short to move x, relative to its rounding): grow it, by
  // factors 10, 100, 1e4, … (squared each time, at most 1e16), until φ changes.
  for (let grow = 10; fb === fa && nfev < maxIter && b < 1e300; grow = Math.min(grow * grow, 1e16)) {
    b *= grow;
    fb = phi(b);
    nfev++;
  }
  if (!(fb < fa)) {
    // Shrink towards 0 until φ decreases: the minimiser of the quadratic through φ(0), φ'(0) and φ(b)
    // (in (0, b/2) whenever φ(b) ≥ φ(0)), so that a step 1e50 times too long is corrected at once.
    c = b;
    fc = fb;
    for (;;) {
      if (nfev >= maxIter || b < 1e-300) return finish(out, 0, phi0, Number.NaN, nfev, 0, false);
      const q = (-dphi0 * b * b) / (2 * (fb - fa - dphi0 * b));
      b = q > 0 && q < b ? q : b * CGOLD;
      fb = phi(b);
      nfev++;
      if (fb < fa) break;
      c = b;
      fc = fb;
    }
  } else {
    c = b + GOLD * (b - a);
    fc = phi(c);
    nfev++;
    // Numerical Recipes mnbrak; α stays ≥ 0 because the search only moves right.
    while (fb > fc) {
      if (nfev >= maxIter) return finish(out, c, fc, Number.NaN, nfev, 0, false);
      const r = (b - a) * (fb - fc);
      const q = (b - c) * (fb - fa);
      const qr = q - r;
      // Numerical Recipes' guard against a zero denominator, relative here (f may be 1e-50 or 1e+50).
      const tiny = 1e-20 * Math.max(Math.abs(q), Math.abs(r));
      const den = 2 * (Math.abs(qr) > tiny ? qr : qr >= 0 ? tiny : -tiny);
      let u = b - ((b - c) * q - (b - a) * r) / den;
      const ulim = b + GLIMIT * (c - b);
      let fu: number;
      if ((b - u) * (u - c) > 0) {
        fu = phi(u);
        nfev++;
        if (fu < fc) {
          a = b;
          fa = fb;
          b = u;
          fb = fu;
          break;
        }
        if (fu > fb) {
          c = u;
          fc = fu;
          break;
        }
        u = c + GOLD * (c - b);
        fu = phi(u);
        nfev++;
      } else if ((c - u) * (u - ulim) > 0) {
        fu = phi(u);
        nfev++;
        if (fu < fc) {
          b = c;
          fb = fc;
          c = u;
          fc = fu;
          u = c + GOLD * (c - b);
          fu = phi(u);
          nfev++;
        }
      } else if ((u - ulim) * (ulim - c) >= 0) {
        u = ulim;
        fu = phi(u);
        nfev++;
      } else {
        u = c + GOLD * (c - b);
        fu = phi(u);
        nfev++;
      }
      a = b;
      fa = fb;
      b = c;
      fb = fc;
      c = u;
      fc = fu;
    }
  }

  // Brent's method on [a, c] with the interior best point b (Numerical Recipes §10.2 `brent`).
  let lo = Math.min(a, c);
  let hi = Math.max(a, c);
  let x = b;
  let w = b;
  let v = b;
  let fx = fb;
  let fw = fb;
  let fv = fb;
  let d = 0;
  let e = 0;
  for (;;) {
    const xm = 0.5 * (lo + hi);
    const tol1 = xtol * Math.abs(x) + ZEPS * hi;
    const tol2 = 2 * tol1;
    if (Math.abs(x - xm) <= tol2 - 0.5 * (hi - lo)) return finish(out, x, fx, Number.NaN, nfev, 0, true);
    if (nfev >= maxIter) return finish(out, x, fx, Number.NaN, nfev, 0, false);
    if (Math.abs(e) > tol1) {
      // Trial parabolic fit through x, w, v.
      const r = (x - w) * (fx - fv);
      let q = (x - v) * (fx - fw);
      let p = (x - v) * q - (x - w) * r;
      q = 2 * (q - r);
      if (q > 0) p = -p;
      q = Math.abs(q);
      const etemp = e;
      e = d;
      if (Math.abs(p) >= Math.abs(0.5 * q * etemp) || p <= q * (lo - x) || p >= q * (hi - x)) {
        e = x >= xm ? lo - x : hi - x;
        d = CGOLD * e;
      } else {
        d = p / q;
        const u = x + d;
        if (u - lo < tol2 || hi - u < tol2) d = xm - x >= 0 ? tol1 : -tol1;
      }
    } else {
      e = x >= xm ? lo - x : hi - x;
      d = CGOLD * e;
    }
    const u = Math.abs(d) >= tol1 ? x + d : x + (d >= 0 ? tol1 : -tol1);
    const fu = phi(u);
    nfev++;
    if (fu <= fx) {
      if (u >= x) lo = x;
      else hi = x;
      v = w;
      fv = fw;
      w = x;
      fw = fx;
      x = u;
      fx = fu;
    } else {
      if (u < x) lo = u;
      else hi = u;
      if (fu <= fw || w === x) {
        v = w;
        fv = fw;
        w = u;
        fw = fu;
      } else if (fu <= fv || v === x || v === w) {
        v = u;
        fv = fu;
      }
    }
  }
}
