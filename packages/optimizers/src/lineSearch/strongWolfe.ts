import { rangeError } from '@numcomp/core';
import { checkLineSearchArgs, finish } from './_common.js';
import { checkParamKeys, param } from './_params.js';
import type { LineSearchResult, ScalarFunction, SearchStart } from './types.js';

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
  /** Maximum number of φ evaluations (bracketing and zoom together). Default 100 (SciPy's). */
  readonly maxIter?: number;
}

/** Relative width below which the bracket counts as collapsed (MINPACK's xtol, SciPy's default). */
const XTOL = 1e-14;
/** Extrapolation bounds [α + 1.1Δ, α + 4Δ] of Moré & Thuente; the upper factor doubles while it binds. */
const XTRAPL = 1.1;
const XTRAPU = 4;

/**
 * Strong-Wolfe line search of Moré & Thuente (1994), the algorithm of MINPACK-2's `dcsrch` that SciPy's
 * BFGS and CG use. Finds α with
 *
 * ```math
 * \varphi(\alpha) \le \varphi(0) + c_1\alpha\,\varphi'(0), \qquad |\varphi'(\alpha)| \le c_2\,|\varphi'(0)|.
 * ```
 *
 * Each trial is the safeguarded cubic or quadratic step of Moré & Thuente's four cases, on the modified
 * function ψ(α) = φ(α) − φ(0) − c₁αφ'(0) until a step with ψ ≤ 0 and φ' ≥ 0 is seen, with bisection when
 * the bracket shrinks too slowly. Nothing in it has an absolute scale: the bracket's collapse is judged
 * relative to the step (width ≤ 1e-14·α, MINPACK's xtol), and extrapolation goes to at most
 * α + 4Δ at first, the factor doubling each time it binds, so a step of 1e+50 or 1e-50 times the first
 * guess is reached in a few dozen trials (f = s·(x − 1)² is solved for s from 1e−50 to 1e+50).
 *
 * φ' is evaluated at every trial with finite φ, so `ngev` ≤ `nfev`. A non-finite φ counts as a step too
 * long (the search retreats halfway towards its best point and never returns that far); a finite φ with a
 * non-finite φ' ends the search at that step with `ok: false` (the caller sees the bad gradient there).
 * On other failures (`ok: false`: `dphi0 ≥ 0`, `maxIter` reached, the bracket collapsed, or `maxStep`
 * hit while φ still decreases) α is the best step seen, 0 if none decreased φ.
 *
 * @param phi - φ(α) = f(x + αd).
 * @param dphi - φ'(α) = ∇f(x + αd)ᵀd, called at each trial α right after φ(α) when φ(α) is finite.
 * @param phi0 - φ(0).
 * @param dphi0 - φ'(0), negative for a descent direction.
 * @param options - `initialStep` (1), `c1` (1e-4), `c2` (0.9), `maxStep` (∞), `maxIter` (100).
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
  const p = readStrongWolfe(options);
  return strongWolfeFrom(phi, dphi, { fx: phi0, slope: dphi0, a0: p.initialStep }, false, p, out);
}

/** {@link strongWolfe}'s options, validated, with their defaults. */
export interface StrongWolfeParams {
  readonly initialStep: number;
  readonly c1: number;
  readonly c2: number;
  readonly maxStep: number;
  readonly maxIter: number;
}

/** Validates {@link strongWolfe}'s options once (a method's search reads them once per run). */
export function readStrongWolfe(options: StrongWolfeOptions | undefined): StrongWolfeParams {
  checkParamKeys(options, 'strong-wolfe');
  const o = options as Readonly<Record<string, unknown>> | undefined;
  const initialStep = param(o, 'initialStep', 1);
  const c1 = param(o, 'c1', 1e-4);
  const c2 = param(o, 'c2', 0.9);
  if (!(c2 > c1)) throw rangeError('c2', c2, `expected a number in (c1, 1) = (${c1}, 1)`);
  const maxStep = param(o, 'maxStep', Number.POSITIVE_INFINITY);
  const maxIter = param(o, 'maxIter', 100);
  return { initialStep, c1, c2, maxStep, maxIter };
}

/**
 * {@link strongWolfe} with its options read ({@link readStrongWolfe}) and its arguments checked, from a
 * start record: φ(0) = `st.fx`, φ'(0) = `st.slope`, the first trial step `st.a0` (`fromStart`: the caller
 * checked it as the option is) or the options'. A method's search reads its numbers from its record instead
 * of taking them as arguments, which V8 boxes when it does not inline the call.
 */
export function strongWolfeFrom(
  phi: ScalarFunction,
  dphi: ScalarFunction,
  st: SearchStart,
  fromStart: boolean,
  p: StrongWolfeParams,
  out?: LineSearchResult,
): LineSearchResult {
  const dphi0 = st.slope;
  if (!(dphi0 < 0) || !Number.isFinite(dphi0)) return finish(out, 0, st.fx, Number.NaN, 0, 0, false);
  return moreThuente(phi, dphi, st, fromStart, p, out);
}

/** The interval state of Moré & Thuente's search (their stx, sty, brackt) and the next trial. */
interface Bracket {
  stx: number;
  fx: number;
  gx: number;
  sty: number;
  fy: number;
  gy: number;
  brackt: boolean;
}

/**
 * Moré & Thuente (1994), "Line search algorithms with guaranteed sufficient decrease", ACM TOMS 20(3):
 * the algorithm of MINPACK-2's dcsrch (SciPy's line_search_wolfe1), with a relative bracket tolerance,
 * an extrapolation bound that doubles while it binds (so any scale of step is reached in O(log log)
 * trials), and non-finite values handled: φ not finite → the step was too long (halve towards the best
 * point, never go that far again); φ finite but φ' not → stop at that step (the caller sees the bad
 * gradient).
 */
function moreThuente(
  phi: ScalarFunction,
  dphi: ScalarFunction,
  st: SearchStart,
  fromStart: boolean,
  p: StrongWolfeParams,
  out: LineSearchResult | undefined,
): LineSearchResult {
  const finit = st.fx;
  const ginit = st.slope;
  const initialStep = fromStart ? st.a0 : p.initialStep;
  const ftol = p.c1;
  const gtol = p.c2;
  const stpmax = p.maxStep;
  const maxIter = p.maxIter;
  const gtest = ftol * ginit;
  const curvature = -gtol * ginit;
  let stp = Math.min(initialStep, stpmax);
  let stage = 1;
  let width = stpmax;
  let width1 = 2 * width;
  let xtrapu = XTRAPU;
  // Steps at or beyond `limit` gave a non-finite φ.
  let limit = Number.POSITIVE_INFINITY;
  // A bracket of the pool (a fresh object cost ~200 bytes a search: its six numbers are boxed); a search
  // inside φ (a nested minimisation) takes another one.
  const b = brackets.pop() ?? { stx: 0, fx: 0, gx: 0, sty: 0, fy: 0, gy: 0, brackt: false };
  b.stx = 0;
  b.fx = finit;
  b.gx = ginit;
  b.sty = 0;
  b.fy = finit;
  b.gy = ginit;
  b.brackt = false;
  let stmin = 0;
  let stmax = stp + XTRAPU * stp;
  let nfev = 0;
  let ngev = 0;
  for (;;) {
    if (nfev >= maxIter) break;
    const f = phi(stp);
    nfev++;
    if (!Number.isFinite(f)) {
      // Too long: never come back this far; retreat halfway towards the best point.
      limit = stp;
      if (b.brackt && b.sty > b.stx === stp > b.stx && Math.abs(stp - b.stx) < Math.abs(b.sty - b.stx)) {
        b.sty = stp;
        b.fy = Number.POSITIVE_INFINITY;
        b.gy = Number.NaN;
      }
      const next = b.stx + 0.5 * (stp - b.stx);
      if (next === stp || next === b.stx) break;
      stp = next;
      continue;
    }
    const g = dphi(stp);
    ngev++;
    if (!Number.isFinite(g)) return release(b, finish(out, stp, f, g, nfev, ngev, false));
    const ftest = finit + stp * gtest;
    if (stage === 1 && f <= ftest && g >= 0) stage = 2;
    if (f <= ftest && Math.abs(g) <= curvature) return release(b, finish(out, stp, f, g, nfev, ngev, true));
    // MINPACK's warnings: each ends the search at the best point.
    if (b.brackt && (stp <= stmin || stp >= stmax)) break; // rounding errors prevent progress
    if (b.brackt && stmax - stmin <= XTOL * stmax) break; // the bracket has collapsed
    if (stp === stpmax && f <= ftest && g <= gtest)
      return release(b, finish(out, stp, f, g, nfev, ngev, false));
    const upper = stmax;
    if (stage === 1 && f <= b.fx && f > ftest) {
      // The modified function ψ(α) = φ(α) − φ(0) − α·c₁φ'(0) (Moré & Thuente §3).
      b.fx -= b.stx * gtest;
      b.fy -= b.sty * gtest;
      b.gx -= gtest;
      b.gy -= gtest;
      stp = step(b, stp, f - stp * gtest, g - gtest, stmin, stmax);
      b.fx += b.stx * gtest;
      b.fy += b.sty * gtest;
      b.gx += gtest;
      b.gy += gtest;
    } else {
      stp = step(b, stp, f, g, stmin, stmax);
    }
    if (b.brackt) {
      // Bisect when two trials shrank the interval by less than a third.
      const w = Math.abs(b.sty - b.stx);
      if (w >= 0.66 * width1) stp = b.stx + 0.5 * (b.sty - b.stx);
      width1 = width;
      width = w;
      stmin = Math.min(b.stx, b.sty);
      stmax = Math.max(b.stx, b.sty);
    } else {
      // Extrapolating: when the last trial went as far as allowed, allow twice as far next time.
      if (stp === upper) xtrapu *= 2;
      stmin = stp + XTRAPL * (stp - b.stx);
      stmax = stp + xtrapu * (stp - b.stx);
    }
    stp = Math.min(Math.max(stp, 0), stpmax);
    if (stp >= limit) stp = b.stx + 0.5 * (limit - b.stx);
    if (b.brackt && (stp <= stmin || stp >= stmax || stmax - stmin <= XTOL * stmax)) stp = b.stx;
    if (stp === b.stx && b.brackt) break;
  }
  const best = b.stx;
  return release(
    b,
    finish(out, best, best > 0 ? b.fx : finit, best > 0 ? b.gx : Number.NaN, nfev, ngev, false),
  );
}

/** Brackets of finished searches, for the next ones (one per level of nesting). */
const brackets: Bracket[] = [];

/** Gives a search's bracket back to the pool and returns its result. */
function release(b: Bracket, r: LineSearchResult): LineSearchResult {
  brackets.push(b);
  return r;
}

/**
 * One safeguarded step of Moré & Thuente (MINPACK-2 dcstep): updates the interval `b` with the trial
 * (stp, fp, dp) and returns the next trial, kept within [stpmin, stpmax] while not bracketed.
 */
function step(b: Bracket, stp: number, fp: number, dp: number, stpmin: number, stpmax: number): number {
  const { stx, fx, gx: dx, sty, fy, gy: dy } = b;
  const sgnd = dp * Math.sign(dx);
  let stpf: number;
  if (fp > fx) {
    // Case 1: a higher value. The minimum is bracketed; cubic step, or halfway to the quadratic one.
    const theta = (3 * (fx - fp)) / (stp - stx) + dx + dp;
    const s = Math.max(Math.abs(theta), Math.abs(dx), Math.abs(dp));
    let gamma = s * Math.sqrt(Math.max(0, (theta / s) ** 2 - (dx / s) * (dp / s)));
    if (stp < stx) gamma = -gamma;
    const p = gamma - dx + theta;
    const q = gamma - dx + gamma + dp;
    const stpc = stx + (p / q) * (stp - stx);
    const stpq = stx + (dx / ((fx - fp) / (stp - stx) + dx) / 2) * (stp - stx);
    stpf = Math.abs(stpc - stx) < Math.abs(stpq - stx) ? stpc : stpc + (stpq - stpc) / 2;
    b.brackt = true;
  } else if (sgnd < 0) {
    // Case 2: lower value, derivatives of opposite sign: bracketed; the step farther from stp.
    const theta = (3 * (fx - fp)) / (stp - stx) + dx + dp;
    const s = Math.max(Math.abs(theta), Math.abs(dx), Math.abs(dp));
    let gamma = s * Math.sqrt(Math.max(0, (theta / s) ** 2 - (dx / s) * (dp / s)));
    if (stp > stx) gamma = -gamma;
    const p = gamma - dp + theta;
    const q = gamma - dp + gamma + dx;
    const stpc = stp + (p / q) * (stx - stp);
    const stpq = stp + (dp / (dp - dx)) * (stx - stp);
    stpf = Math.abs(stpc - stp) > Math.abs(stpq - stp) ? stpc : stpq;
    b.brackt = true;
  } else if (Math.abs(dp) < Math.abs(dx)) {
    // Case 3: lower value, same sign, |φ'| decreasing: the cubic step if it points beyond stp.
    const theta = (3 * (fx - fp)) / (stp - stx) + dx + dp;
    const s = Math.max(Math.abs(theta), Math.abs(dx), Math.abs(dp));
    let gamma = s * Math.sqrt(Math.max(0, (theta / s) ** 2 - (dx / s) * (dp / s)));
    if (stp > stx) gamma = -gamma;
    const p = gamma - dp + theta;
    const q = gamma + (dx - dp) + gamma;
    const r = p / q;
    const stpc = r < 0 && gamma !== 0 ? stp + r * (stx - stp) : stp > stx ? stpmax : stpmin;
    const stpq = stp + (dp / (dp - dx)) * (stx - stp);
    if (b.brackt) {
      stpf = Math.abs(stpc - stp) < Math.abs(stpq - stp) ? stpc : stpq;
      const lim = stp + 0.66 * (sty - stp);
      stpf = stp > stx ? Math.min(lim, stpf) : Math.max(lim, stpf);
    } else {
      stpf = Math.abs(stpc - stp) > Math.abs(stpq - stp) ? stpc : stpq;
      stpf = Math.max(stpmin, Math.min(stpmax, stpf));
    }
  } else if (b.brackt) {
    // Case 4: lower value, same sign, |φ'| not decreasing, bracketed: the cubic step towards sty.
    if (Number.isFinite(fy)) {
      const theta = (3 * (fp - fy)) / (sty - stp) + dy + dp;
      const s = Math.max(Math.abs(theta), Math.abs(dy), Math.abs(dp));
      let gamma = s * Math.sqrt(Math.max(0, (theta / s) ** 2 - (dy / s) * (dp / s)));
      if (stp > sty) gamma = -gamma;
      const p = gamma - dp + theta;
      const q = gamma - dp + gamma + dy;
      stpf = stp + (p / q) * (sty - stp);
    } else {
      stpf = stp + 0.5 * (sty - stp);
    }
  } else {
    // Case 4, not bracketed: as far as allowed.
    stpf = stp > stx ? stpmax : stpmin;
  }
  if (!Number.isFinite(stpf)) stpf = b.brackt ? stp + 0.5 * (sty - stp) : stp > stx ? stpmax : stpmin;
  // Update the interval: sty takes stp on a higher value; stx takes the best point.
  if (fp > fx) {
    b.sty = stp;
    b.fy = fp;
    b.gy = dp;
  } else {
    if (sgnd < 0) {
      b.sty = stx;
      b.fy = fx;
      b.gy = dx;
    }
    b.stx = stp;
    b.fx = fp;
    b.gx = dp;
  }
  return stpf;
}
