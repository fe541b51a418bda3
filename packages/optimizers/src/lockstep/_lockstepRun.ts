// The lockstep loop: many runs of one first-order method side by side, each step one pass over the
// active runs, finished runs compacted out. Every run does what it would do alone, in the same order
// with the same operations, so its result has the bits of `minimize`:
//
//   - gradient descent with a constant lr is `gradientDescent`'s specialised loop (`numericalLoop` /
//     `analyticLoop` in gradientDescent.ts): x ← x − η∇f; unchanged x → 'stalled' (x kept); non-finite
//     x → 'diverged'; off-step numerical coordinates count 2j extra f evaluations; the maxfev message
//     only while the status stays 'max-iter';
//   - every other case is `runFirstOrder` (_firstOrder.ts) with the method's rule (_updates.ts):
//     Δx from the rule, x ← x + Δx; non-finite → 'diverged'; unchanged → 'stalled' (x restored).
//
// Both: f(x₀), ∇f(x₀) → 'non-finite'; before each step ‖∇f‖ ≤ tol → 'converged', k = maxIter or
// nfev ≥ maxfev → 'max-iter'; after each step ∇f not finite, or every 16 steps, f decides ('diverged',
// 'non-finite'); the final f is counted unless it was just evaluated, and may turn the status into
// 'diverged'. All active runs share k, so Adam's βᵗ and a schedule's factor are computed once a step.
//
// State is struct-of-arrays with stride m (the active count): coordinate j of run p at [j·m + p], the
// layout of core's fBatch. Nothing is allocated per step. The fastest path, n = 2 with f of two numbers
// (`step2s`), holds X, G and LR in one buffer, compacts after every step that ends a run, and keeps its
// pass free of calls and of per-run tests beyond a few guards proved equivalent to the full tests
// (`twoHBound`, `sqrtBound`), leaving those to the runs that fail one.
import { rangeError } from '@numcomp/core';
import { CHECK_EVERY, divergenceBound, fStatus } from '../_firstOrder.js';
import type { Resolved } from '../_options.js';
import { scheduledRate } from '../schedules.js';
import { BatchEval } from './_batchEval.js';
import { LockstepResult } from './lockstepResult.js';
import type { BatchProblem, LockstepMethod } from './types.js';

/** f of two numbers ({@link BatchProblem.f2}). */
type F2 = (x0: number, x1: number) => number;

const SQRT_EPS = Math.sqrt(Number.EPSILON);
const CBRT_EPS = Math.cbrt(Number.EPSILON);

const CONVERGED = 0;
const MAX_ITER = 1;
const DIVERGED = 2;
const STALLED = 3;
const NON_FINITE = 4;
/** {@link Lockstep.step2s}'s list of ended runs: the status code, and flags. */
const CODE = 7;
const SPENT = 8;
/** Ended after taking the step. */
const AFTER = 16;

/**
 * A bound on |x| below which x ± h steps 2h to √ε relative, as `gradientDescent`'s numerical loop and
 * core's kernel test it (|((x + h) − (x − h)) − 2h| ≤ √ε·2h): −1 (no x) for h outside [2⁻⁹⁰⁰, 2⁹⁰⁰].
 *
 * With u = 2⁻⁵³ and |x| ≤ B = 2²⁴h: x ± h round with errors ≤ u·|x ± h| ≤ u·2²⁴h·(1 + 2⁻²⁴), so their
 * difference is 2h to within 2⁻²⁸h·(1 + 2⁻²⁴) and rounds to within 2⁻²⁷h of 2h; it is then within a
 * factor 2 of 2h and subtracting 2h is exact (Sterbenz). √ε·2h = 2⁻²⁵h exactly (√ε = 2⁻²⁶, h normal).
 */
export function twoHBound(h: number): number {
  return h >= 2 ** -900 && h <= 2 ** 900 ? h * 2 ** 24 : -1;
}

const F64 = new Float64Array(1);
const U64 = new BigUint64Array(F64.buffer);

/**
 * The largest s with √s ≤ tol (rounded √, as Math.sqrt), so that for every s ≥ 0 or NaN,
 * `Math.sqrt(s) <= tol` is `s <= sqrtBound(tol)` (a rounded √ is monotone): −∞ for tol < 0 or NaN.
 */
export function sqrtBound(tol: number): number {
  if (!(tol >= 0)) return Number.NEGATIVE_INFINITY;
  if (tol === Number.POSITIVE_INFINITY) return tol;
  let s = tol * tol;
  // tol² is within an ulp or two of the bound: step down while √s > tol, then up while the next fits.
  while (Math.sqrt(s) > tol) s = nextDouble(s, -1);
  for (;;) {
    const t = nextDouble(s, 1);
    if (!(Math.sqrt(t) <= tol)) return s;
    s = t;
  }
}

/** The next double after s ≥ 0 (finite or +∞) up (dir 1) or down (dir −1); 0 stays 0 down. */
function nextDouble(s: number, dir: 1 | -1): number {
  if (s === 0) return dir > 0 ? Number.MIN_VALUE : 0;
  F64[0] = s;
  U64[0] = dir > 0 ? U64[0]! + 1n : U64[0]! - 1n;
  return F64[0]!;
}

const RULES: Readonly<Record<LockstepMethod, number>> = {
  'gradient-descent': 0,
  momentum: 1,
  nesterov: 2,
  adagrad: 3,
  rmsprop: 4,
  adam: 5,
};

/** What a lockstep batch runs. */
export interface LockstepSetup {
  readonly method: LockstepMethod;
  /** Validated options (the first run's lr; lr below). */
  readonly o: Resolved;
  readonly n: number;
  readonly count: number;
  /** Starting points, validated. */
  readonly x0: ArrayLike<ArrayLike<number>>;
  /** Learning rates, row-major `count × n` (a per-run lr repeated over its coordinates). */
  readonly lr: Float64Array;
  /** The problem's f of two numbers, when it has one. */
  readonly f2?: F2 | undefined;
}

/** Runs a lockstep batch; see the file comment. */
export function runLockstep(problem: BatchProblem, s: LockstepSetup): LockstepResult {
  const { n, count, o } = s;
  const out = new LockstepResult(count, n);
  if (count === 0) return out;
  const numerical = o.gradient === 'numerical' || problem.grad === undefined;
  const be = new BatchEval(problem, n, numerical, o.h, count);
  return new Lockstep(be, s, out).run();
}

class Lockstep {
  private readonly n: number;
  private readonly be: BatchEval;
  private readonly out: LockstepResult;
  private readonly o: Resolved;
  private readonly method: LockstepMethod;
  /** Gradient descent's specialised loop (constant lr), else `runFirstOrder`'s. */
  private readonly fast: boolean;
  /** The fast loop fused and unrolled for n = 2 with a batched objective ({@link step2}). */
  private readonly fast2: boolean;
  /** The fast loop in one pass for n = 2 with f of two numbers ({@link step2s}). */
  private readonly f2: F2 | undefined;
  /** The two components of an off-step gradient ({@link offGradient}). */
  private readonly g2 = new Float64Array(2);
  // Struct-of-arrays, n rows of stride m.
  private readonly X: Float64Array;
  private readonly G: Float64Array;
  private readonly LR: Float64Array;
  private readonly V: Float64Array;
  private readonly M: Float64Array;
  private readonly S: Float64Array;
  private readonly B: Float64Array;
  /** With f2: X, G and LR one after the other (they are views of it); empty otherwise. */
  private readonly XGL: Float64Array;
  private readonly rows: Float64Array[];
  // One value per active run.
  private readonly IDX: Int32Array;
  private readonly BOUND: Float64Array;
  /** f evaluations beyond the shared count. */
  private readonly EXTRA: Float64Array;
  /** f at the last check (f(x₀) at first). */
  private readonly FLAST: Float64Array;
  /** Σ gⱼ² and Σ (gⱼ − gⱼ) of the current gradient (fresh after each gradient: never compacted). */
  private readonly GS: Float64Array;
  private readonly BAD: Float64Array;
  private readonly DONE: Uint8Array;
  private readonly KEEP: Int32Array;
  /** x before the step, one run (to restore a stalled run). */
  private readonly XS: Float64Array;
  /** Runs {@link step2s} ended in a step: position, code and flags, f where tested. */
  private readonly ENDP: Int32Array;
  private readonly ENDC: Uint8Array;
  private readonly ENDF: Float64Array;
  /** Runs {@link step2s} left to {@link slowRuns}: p, or ~p when its gradient is taken. */
  private readonly SLOW: Int32Array;
  /** The largest Σ gⱼ² with ‖∇f‖ ≤ tol ({@link sqrtBound}). */
  private readonly T: number;
  /** {@link step2s}'s constants as doubles: h, 2h, twoHBound(h), T. */
  private readonly C: Float64Array;
  // Per run, by index.
  private readonly bound: Float64Array;
  private readonly needF: Uint8Array;
  /** Active runs. */
  private m: number;
  /** Steps taken by every active run. */
  private k = 0;
  /** f evaluations of every active run (EXTRA aside). */
  private base: number;
  /** Gradient evaluations of every active run. */
  private ngev = 1;
  private finished = 0;
  /** Runs finished since the last {@link settle}. */
  private fresh = 0;
  private readonly FRESH: Int32Array;
  /** Adam's β₁ᵗ and β₂ᵗ. */
  private p1 = 1;
  private p2 = 1;

  constructor(be: BatchEval, s: LockstepSetup, out: LockstepResult) {
    const { n, count, method, o } = s;
    this.n = n;
    this.be = be;
    this.out = out;
    this.o = o;
    this.method = method;
    this.fast = method === 'gradient-descent' && o.schedule.type === 'constant';
    this.f2 = this.fast && n === 2 && be.numerical && typeof s.f2 === 'function' ? s.f2 : undefined;
    this.fast2 =
      this.f2 === undefined &&
      this.fast &&
      n === 2 &&
      be.fb !== undefined &&
      (be.numerical ? be.W.length > 0 : be.gb !== undefined);
    const size = n * count;
    // With f2, X, G and LR are views of one buffer ({@link step2s} reads them through it).
    const XGL = new Float64Array(this.f2 === undefined ? 0 : 3 * size);
    this.XGL = XGL;
    this.X = this.f2 === undefined ? new Float64Array(size) : XGL.subarray(0, size);
    this.G = this.f2 === undefined ? new Float64Array(size) : XGL.subarray(size, 2 * size);
    this.LR = this.f2 === undefined ? new Float64Array(size) : XGL.subarray(2 * size, 3 * size);
    const uses = (...ms: LockstepMethod[]): Float64Array =>
      ms.includes(method) ? new Float64Array(size) : new Float64Array(0);
    this.V = uses('momentum', 'nesterov', 'adam');
    this.M = uses('adam', 'rmsprop');
    this.S = uses('adagrad', 'rmsprop');
    this.B = uses('rmsprop');
    this.rows = [this.X, this.G, this.LR, this.V, this.M, this.S, this.B].filter((a) => a.length > 0);
    this.IDX = new Int32Array(count);
    this.BOUND = new Float64Array(count);
    this.EXTRA = new Float64Array(count);
    this.FLAST = new Float64Array(count);
    this.GS = new Float64Array(count);
    this.BAD = new Float64Array(count);
    this.DONE = new Uint8Array(count);
    this.KEEP = new Int32Array(count);
    this.FRESH = new Int32Array(count);
    this.XS = new Float64Array(n);
    const ends = this.f2 === undefined ? 0 : count;
    this.ENDP = new Int32Array(ends);
    this.ENDC = new Uint8Array(ends);
    this.ENDF = new Float64Array(ends);
    this.SLOW = new Int32Array(ends);
    this.T = sqrtBound(o.tol);
    this.C = Float64Array.of(o.h, 2 * o.h, twoHBound(o.h), this.T);
    this.bound = new Float64Array(count);
    this.needF = new Uint8Array(count);
    this.m = count;
    this.base = 1 + (be.numerical ? 2 * n : 0);
    for (let p = 0; p < count; p++) {
      const x0 = s.x0[p]!;
      for (let j = 0; j < n; j++) {
        this.X[j * count + p] = x0[j]!;
        this.LR[j * count + p] = s.lr[p * n + j]!;
      }
      this.IDX[p] = p;
    }
  }

  run(): LockstepResult {
    this.start();
    if (this.f2 !== undefined) this.checkF2();
    while (this.m > this.finished) {
      if (this.f2 !== undefined) {
        this.step2s(this.f2);
        continue;
      }
      if (this.fast2) {
        this.step2();
        this.settle();
        continue;
      }
      if (this.fast) this.descentStep();
      else this.ruleStep();
      this.settle();
      if (this.m === this.finished) break;
      this.k++;
      this.be.gradient(this.X, this.m, this.G, this.GS, this.BAD, this.fast ? this.EXTRA : null);
      this.ngev++;
      if (this.be.numerical) this.base += 2 * this.n;
      this.afterStep();
      this.settle();
    }
    return this.finish();
  }

  /** f(x₀), ∇f(x₀), the 'non-finite' test and the checks before the first step. */
  private start(): void {
    const { m, X, G, FLAST, GS, BAD, BOUND, bound } = this;
    this.be.values(X, m, FLAST);
    this.be.gradient(X, m, G, GS, BAD, null);
    for (let p = 0; p < m; p++) {
      const f0 = FLAST[p]!;
      if (!Number.isFinite(f0) || BAD[p] !== 0) {
        this.end(p, NON_FINITE, 0, f0, true, 0);
        continue;
      }
      bound[p] = BOUND[p] = divergenceBound(f0);
      this.check(p);
    }
    this.compact();
  }

  /** The tests before a step (at k, for run p): 'converged', then 'max-iter' (steps, then maxfev). */
  private check(p: number): void {
    const { k, o } = this;
    if (Math.sqrt(this.GS[p]!) <= o.tol) this.endAt(p, CONVERGED, 0);
    else if (k >= o.maxIter) this.endAt(p, MAX_ITER, 0);
    else if (this.base + this.EXTRA[p]! >= o.maxfev) this.endAt(p, MAX_ITER, 1);
  }

  /** Ends run p at k before a step: f is known when it was checked at this k. */
  private endAt(p: number, code: number, spent: number): void {
    const known = (this.k & (CHECK_EVERY - 1)) === 0;
    this.end(p, code, this.k, known ? this.FLAST[p]! : Number.NaN, known, spent);
  }

  /** After the gradient at k: its finiteness, the periodic f check, then the next step's tests. */
  private afterStep(): void {
    const { m, BAD, FLAST, BOUND, EXTRA, DONE, be } = this;
    const checking = (this.k & (CHECK_EVERY - 1)) === 0;
    if (checking) {
      be.values(this.X, m, FLAST);
      this.base++;
    }
    for (let p = 0; p < m; p++) {
      if (DONE[p] === 1) continue;
      const bad = BAD[p]!;
      if (bad !== 0 || checking) {
        if (!checking) {
          EXTRA[p] = EXTRA[p]! + 1;
          FLAST[p] = be.valueAt(this.X, m, p);
        }
        const fx = FLAST[p]!;
        const st = fStatus(fx, BOUND[p]!);
        if (st !== undefined || bad !== 0) {
          this.end(p, st === 'diverged' ? DIVERGED : NON_FINITE, this.k, fx, true, 0);
          continue;
        }
      }
      this.check(p);
    }
  }

  /**
   * {@link descentStep}, the gradient and {@link afterStep} for n = 2 with fBatch (and gradBatch for an
   * analytic gradient), fused and unrolled: one pass updates x and writes the four perturbed copies of
   * each point, one fBatch call evaluates them all (or gradBatch the gradients), one pass forms the
   * quotients and norms and makes the tests. The same operations in the same order, per run.
   */
  private step2(): void {
    const { X, G, LR, FLAST, EXTRA, DONE, be, o } = this;
    const m = this.m;
    const k = this.k;
    const numerical = be.numerical;
    const { W, FW, h } = be;
    const h2 = 2 * h;
    const tol = SQRT_EPS * h2;
    const m2 = 2 * m;
    const m3 = 3 * m;
    const c = 4 * m;
    let off = 0;
    for (let p = 0; p < m; p++) {
      if (DONE[p] === 1) continue;
      const a = X[p]!;
      const b = X[m + p]!;
      const an = a - LR[p]! * G[p]!;
      const bn = b - LR[m + p]! * G[m + p]!;
      X[p] = an;
      X[m + p] = bn;
      if (an === a && bn === b) {
        this.endAt(p, STALLED, 0);
        continue;
      }
      if (an - an + (bn - bn) !== 0) {
        this.end(p, DIVERGED, k + 1, Number.NaN, false, 0);
        continue;
      }
      if (numerical) {
        const ha = an + h;
        const la = an - h;
        const hb = bn + h;
        const lb = bn - h;
        const ea = ha - la - h2;
        const eb = hb - lb - h2;
        if (!(ea <= tol && ea >= -tol && eb <= tol && eb >= -tol)) off++;
        W[p] = ha;
        W[m + p] = la;
        W[m2 + p] = an;
        W[m3 + p] = an;
        W[c + p] = bn;
        W[c + m + p] = bn;
        W[c + m2 + p] = hb;
        W[c + m3 + p] = lb;
      }
    }
    const kk = k + 1;
    this.k = kk;
    if (numerical) {
      be.fb!(W, c, FW);
      this.base += 4;
    } else {
      be.gb!(X, m, G);
    }
    this.ngev++;
    const checking = (kk & (CHECK_EVERY - 1)) === 0;
    if (checking) {
      be.fb!(X, m, FLAST);
      this.base++;
    }
    if (numerical && off > 0) {
      // Points whose x ± h does not step 2h: the general path.
      for (let p = 0; p < m; p++) {
        G[p] = (FW[p]! - FW[m + p]!) / h2;
        G[m + p] = (FW[m2 + p]! - FW[m3 + p]!) / h2;
      }
      be.fixOffSteps(X, m, G, this.GS, this.BAD, EXTRA);
      for (let p = 0; p < m; p++) if (DONE[p] === 0) this.tests(p, this.BAD[p]!, this.GS[p]!, checking);
      return;
    }
    const tolG = o.tol;
    const last = kk >= o.maxIter;
    const maxfev = o.maxfev;
    const base = this.base;
    for (let p = 0; p < m; p++) {
      if (DONE[p] === 1) continue;
      let g0: number;
      let g1: number;
      if (numerical) {
        g0 = (FW[p]! - FW[m + p]!) / h2;
        g1 = (FW[m2 + p]! - FW[m3 + p]!) / h2;
        G[p] = g0;
        G[m + p] = g1;
      } else {
        g0 = G[p]!;
        g1 = G[m + p]!;
      }
      const bad = g0 - g0 + (g1 - g1);
      if (bad !== 0 || checking) {
        if (this.fCheck(p, bad, checking)) continue;
      }
      if (Math.sqrt(g0 * g0 + g1 * g1) <= tolG) this.endAt(p, CONVERGED, 0);
      else if (last) this.endAt(p, MAX_ITER, 0);
      else if (base + EXTRA[p]! >= maxfev) this.endAt(p, MAX_ITER, 1);
    }
  }

  /** `f2` must give f's value: checked at the first running start (an error otherwise, before any step). */
  private checkF2(): void {
    const { m, X, DONE } = this;
    let p = 0;
    while (p < m && DONE[p] === 1) p++;
    if (p === m) return;
    const a = X[p]!;
    const b = X[m + p]!;
    const v = this.f2!(a, b);
    if (!Object.is(v, this.FLAST[p])) {
      throw rangeError('f2', v, `f2(${a}, ${b}) differs from f at that point, ${this.FLAST[p]}`);
    }
  }

  /**
   * {@link step2} with f of two numbers: per run, in one pass, the step x ← x − ηg, the four values
   * f(x ± h·eⱼ) (inline: no batch buffers), the quotients and the tests after the step. The same
   * operations in the same order as the one-at-a-time loop, run by run.
   *
   * Every active run is running (the layout is compacted after each step that ends a run: no DONE[]
   * test), and the pass calls nothing but f2. The common case goes through cheap guards, each provably
   * equivalent to the tests it stands for; a run that fails one is listed and finished after the pass by
   * the full tests ({@link slowRuns}):
   *   - |x₀|, |x₁| ≤ {@link twoHBound}(h): x is finite (not 'diverged') and both x ± h step 2h to √ε;
   *   - {@link sqrtBound}(tol) < Σ gⱼ² ≤ MAX_VALUE: ∇f is finite and ‖∇f‖ > tol, on a step that is not
   *     the last, with no maxfev (otherwise the bound is +∞: every run is listed);
   *   - every 16 steps, f within its bound (the f test).
   * Runs that end are listed too, and ended after the pass ({@link endListed}).
   */
  private step2s(f2: F2): void {
    const { XGL, FLAST, BOUND, ENDP, ENDC, SLOW, C, o } = this;
    // An int32 and doubles for the pass (a tagged number read in it would be checked at every run).
    const m = this.m | 0;
    const h = C[0]!;
    const h2 = C[1]!;
    const near = C[2]!;
    const kk = this.k + 1;
    const checking = (kk & (CHECK_EVERY - 1)) === 0;
    const last = kk >= o.maxIter;
    const guard = last || o.maxfev < Number.POSITIVE_INFINITY ? Number.POSITIVE_INFINITY : C[3]!;
    // X, G and LR in one buffer (one typed array to check in the pass): row j of G at oG + j·m.
    const oG = this.X.length;
    const oL = 2 * oG;
    let ends = 0;
    let slow = 0;
    for (let p = 0; p < m; p++) {
      const q = m + p;
      const a = XGL[p]!;
      const b = XGL[q]!;
      const an = a - XGL[oL + p]! * XGL[oG + p]!;
      const bn = b - XGL[oL + q]! * XGL[oG + q]!;
      XGL[p] = an;
      XGL[q] = bn;
      if (an === a && bn === b) {
        ENDP[ends] = p;
        ENDC[ends++] = STALLED;
        continue;
      }
      if (!(Math.abs(an) <= near && Math.abs(bn) <= near)) {
        SLOW[slow++] = p;
        continue;
      }
      const g0 = (f2(an + h, bn) - f2(an - h, bn)) / h2;
      const g1 = (f2(an, bn + h) - f2(an, bn - h)) / h2;
      XGL[oG + p] = g0;
      XGL[oG + q] = g1;
      const s = g0 * g0 + g1 * g1;
      if (s > guard && s <= Number.MAX_VALUE) {
        if (!checking) continue;
        const fx = f2(an, bn);
        FLAST[p] = fx;
        // fStatus(fx, bound) === undefined
        if (fx <= BOUND[p]! && fx !== Number.NEGATIVE_INFINITY) continue;
      }
      SLOW[slow++] = ~p;
    }
    // Counts after this step, for the runs that take it: 4 f for the gradient, 1 for the f test.
    const base1 = this.base + 4 + (checking ? 1 : 0);
    if (slow > 0) ends = this.slowRuns(f2, slow, ends, base1);
    if (ends > 0) this.endListed(ends, base1);
    this.k = kk;
    this.base = base1;
    this.ngev++;
    if (ends > 0) this.compact();
  }

  /**
   * The runs {@link step2s} listed at step k + 1, as the one-at-a-time loop makes them: p (x taken: x
   * not finite → 'diverged', else the gradient, core's where x ± h does not step 2h), or ~p (gradient
   * taken); then the f test (∇f not finite, or every 16 steps) and the next step's tests. Returns the
   * count of ended runs listed.
   */
  private slowRuns(f2: F2, slow: number, ends: number, base1: number): number {
    const { X, G, FLAST, EXTRA, BOUND, ENDP, ENDC, ENDF, SLOW, o, g2, m } = this;
    const kk = this.k + 1;
    const h = this.be.h;
    const h2 = 2 * h;
    const tol = SQRT_EPS * h2;
    const checking = (kk & (CHECK_EVERY - 1)) === 0;
    const last = kk >= o.maxIter;
    const maxfev = o.maxfev;
    for (let i = 0; i < slow; i++) {
      const e = SLOW[i]!;
      const p = e < 0 ? ~e : e;
      const an = X[p]!;
      const bn = X[m + p]!;
      let g0: number;
      let g1: number;
      if (e < 0) {
        g0 = G[p]!;
        g1 = G[m + p]!;
      } else {
        if (an - an + (bn - bn) !== 0) {
          ENDP[ends] = p;
          ENDC[ends++] = DIVERGED;
          continue;
        }
        const ha = an + h;
        const la = an - h;
        const hb = bn + h;
        const lb = bn - h;
        const ea = ha - la - h2;
        const eb = hb - lb - h2;
        if (ea <= tol && ea >= -tol && eb <= tol && eb >= -tol) {
          g0 = (f2(ha, bn) - f2(la, bn)) / h2;
          g1 = (f2(an, hb) - f2(an, lb)) / h2;
        } else {
          this.offGradient(f2, p, an, bn);
          g0 = g2[0]!;
          g1 = g2[1]!;
        }
        G[p] = g0;
        G[m + p] = g1;
      }
      const bad = g0 - g0 + (g1 - g1);
      if (bad !== 0 || checking) {
        if (!checking) EXTRA[p] = EXTRA[p]! + 1;
        const fx = f2(an, bn);
        FLAST[p] = fx;
        const st = fStatus(fx, BOUND[p]!);
        if (st !== undefined || bad !== 0) {
          ENDP[ends] = p;
          ENDF[ends] = fx;
          ENDC[ends++] = AFTER | (st === 'diverged' ? DIVERGED : NON_FINITE);
          continue;
        }
      }
      // Σ gⱼ² ≤ T is ‖∇f‖ ≤ tol (sqrtBound).
      if (g0 * g0 + g1 * g1 <= this.T) {
        ENDP[ends] = p;
        ENDC[ends++] = AFTER | CONVERGED;
      } else if (last) {
        ENDP[ends] = p;
        ENDC[ends++] = AFTER | MAX_ITER;
      } else if (base1 + EXTRA[p]! >= maxfev) {
        ENDP[ends] = p;
        ENDC[ends++] = AFTER | SPENT | MAX_ITER;
      }
    }
    return ends;
  }

  /**
   * Ends the runs {@link step2s} listed: first those that did not take step k + 1 ('stalled', x not
   * finite: the counters still read k), then those that took it (with the f just tested, or by the tests
   * before the next step, f known when that step is a multiple of 16).
   */
  private endListed(ends: number, base1: number): void {
    const { ENDP, ENDC, ENDF } = this;
    const kk = this.k + 1;
    for (let e = 0; e < ends; e++) {
      const c = ENDC[e]!;
      if ((c & AFTER) !== 0) continue;
      if (c === STALLED) this.endAt(ENDP[e]!, STALLED, 0);
      else this.end(ENDP[e]!, DIVERGED, kk, Number.NaN, false, 0);
    }
    const { k, base, ngev } = this;
    this.k = kk;
    this.base = base1;
    this.ngev = ngev + 1;
    for (let e = 0; e < ends; e++) {
      const c = ENDC[e]!;
      if ((c & AFTER) === 0) continue;
      const code = c & CODE;
      if (code === DIVERGED || code === NON_FINITE) this.end(ENDP[e]!, code, kk, ENDF[e]!, true, 0);
      else this.endAt(ENDP[e]!, code, (c & SPENT) !== 0 ? 1 : 0);
    }
    this.k = k;
    this.base = base;
    this.ngev = ngev;
  }

  /**
   * The gradient of run p at (a, b) where a ± h or b ± h does not step 2h: core's kernel coordinate by
   * coordinate (the step taken, or SciPy's relative step where ±h is lost), into {@link g2}; the fast
   * loop counts 2j more f evaluations from the first such coordinate j.
   */
  private offGradient(f2: F2, p: number, a: number, b: number): void {
    const h = this.be.h;
    const h2 = 2 * h;
    const tol = SQRT_EPS * h2;
    let first = -1;
    for (let j = 0; j < 2; j++) {
      const t = j === 0 ? a : b;
      let hi = t + h;
      let lo = t - h;
      const e = hi - lo - h2;
      let v: number;
      if (e <= tol && e >= -tol) {
        v = j === 0 ? (f2(hi, b) - f2(lo, b)) / h2 : (f2(a, hi) - f2(a, lo)) / h2;
      } else {
        if (first < 0) first = j;
        if (hi - lo === 0) {
          const s = CBRT_EPS * Math.max(1, Math.abs(t));
          hi = t + s;
          lo = t - s;
        }
        v = j === 0 ? (f2(hi, b) - f2(lo, b)) / (hi - lo) : (f2(a, hi) - f2(a, lo)) / (hi - lo);
      }
      this.g2[j] = v;
    }
    if (first > 0) this.EXTRA[p] = this.EXTRA[p]! + 2 * first;
  }

  /** The f test after a step (∇f not finite, or every 16 steps): true when it ends run p. */
  private fCheck(p: number, bad: number, checking: boolean): boolean {
    const { FLAST, EXTRA } = this;
    if (!checking) {
      EXTRA[p] = EXTRA[p]! + 1;
      FLAST[p] = this.be.valueAt(this.X, this.m, p);
    }
    const fx = FLAST[p]!;
    const st = fStatus(fx, this.BOUND[p]!);
    if (st === undefined && bad === 0) return false;
    this.end(p, st === 'diverged' ? DIVERGED : NON_FINITE, this.k, fx, true, 0);
    return true;
  }

  /** The tests after a step for run p: the f test, then the next step's. */
  private tests(p: number, bad: number, s: number, checking: boolean): void {
    if ((bad !== 0 || checking) && this.fCheck(p, bad, checking)) return;
    this.GS[p] = s;
    this.check(p);
  }

  /** Gradient descent's specialised step: x ← x − ηg; unchanged → 'stalled', non-finite → 'diverged'. */
  private descentStep(): void {
    const { n, m, X, G, LR, DONE, k } = this;
    for (let p = 0; p < m; p++) {
      if (DONE[p] === 1) continue;
      let changed = false;
      let bad = 0;
      for (let q = p; q < n * m; q += m) {
        const xi = X[q]!;
        const xn = xi - LR[q]! * G[q]!;
        X[q] = xn;
        bad += xn - xn;
        if (xn !== xi) changed = true;
      }
      if (!changed) this.endAt(p, STALLED, 0);
      else if (bad !== 0) this.end(p, DIVERGED, k + 1, Number.NaN, false, 0);
    }
  }

  /** `runFirstOrder`'s step with the method's rule: x ← x + Δx; non-finite → 'diverged', unchanged → 'stalled'. */
  private ruleStep(): void {
    const { n, m, X, G, LR, V, M, S, B, XS, DONE, k, o } = this;
    const rule = RULES[this.method];
    const constant = o.schedule.type === 'constant';
    const { schedule, maxIter, momentum: beta, rho, epsilon: eps, centered, beta1, beta2 } = o;
    const c = 1 - rho;
    const mu = beta;
    const ob1 = 1 - beta1;
    const ob2 = 1 - beta2;
    // Adam's βᵗ, kept as running products: every active run takes its (k+1)-th step.
    this.p1 *= beta1;
    this.p2 *= beta2;
    const c1 = 1 - this.p1;
    const c2 = 1 - this.p2;
    for (let p = 0; p < m; p++) {
      if (DONE[p] === 1) continue;
      let changed = false;
      let bad = 0;
      for (let j = 0; j < n; j++) {
        const q = j * m + p;
        const xi = X[q]!;
        XS[j] = xi;
        const gi = G[q]!;
        const lr = constant ? LR[q]! : scheduledRate(schedule, LR[q]!, k, maxIter);
        let step: number;
        switch (rule) {
          case 0:
            step = -(lr * gi);
            break;
          case 1: {
            const vi = beta * V[q]! - lr * gi;
            V[q] = vi;
            step = vi;
            break;
          }
          case 2: {
            const gl = lr * gi;
            const vi = beta * V[q]! - gl;
            V[q] = vi;
            step = beta * vi - gl;
            break;
          }
          case 3: {
            const a = S[q]! + gi * gi;
            S[q] = a;
            step = -((lr * gi) / (Math.sqrt(a) + eps));
            break;
          }
          case 4: {
            const sq = rho * S[q]! + c * gi * gi;
            S[q] = sq;
            let den = sq;
            if (centered) {
              const mm = rho * M[q]! + c * gi;
              M[q] = mm;
              den = Math.max(0, sq - mm * mm);
            }
            const u = (lr * gi) / (Math.sqrt(den) + eps);
            if (mu > 0) {
              const bi = mu * B[q]! + u;
              B[q] = bi;
              step = -bi;
            } else {
              step = -u;
            }
            break;
          }
          default: {
            const mi = beta1 * M[q]! + ob1 * gi;
            const vi = beta2 * V[q]! + ob2 * gi * gi;
            M[q] = mi;
            V[q] = vi;
            step = -((lr * (mi / c1)) / (Math.sqrt(vi / c2) + eps));
          }
        }
        const xn = xi + step;
        X[q] = xn;
        bad += xn - xn;
        if (xn - xi !== 0) changed = true;
      }
      if (bad !== 0) {
        this.end(p, DIVERGED, k + 1, Number.NaN, false, 0);
      } else if (!changed) {
        for (let j = 0; j < n; j++) X[j * m + p] = XS[j]!;
        this.endAt(p, STALLED, 0);
      }
    }
  }

  /** Writes run p's result (f known, or evaluated at the end) and marks it for compaction. */
  private end(p: number, code: number, nit: number, fun: number, known: boolean, spent: number): void {
    const { n, m, X, G, out } = this;
    const i = this.IDX[p]!;
    for (let j = 0; j < n; j++) {
      out.x[i * n + j] = X[j * m + p]!;
      out.grad[i * n + j] = G[j * m + p]!;
    }
    out.nit[i] = nit;
    out.nfev[i] = this.base + this.EXTRA[p]!;
    out.ngev[i] = this.ngev;
    out.status[i] = code;
    out.fun[i] = fun;
    out.spent[i] = spent;
    this.needF[i] = known ? 0 : 1;
    this.DONE[p] = 1;
    this.finished++;
    this.FRESH[this.fresh++] = p;
  }

  /**
   * After a step: finished runs are compacted out once they are an eighth of the layout; until then they
   * stay in it, skipped by every pass, with the coordinates of a running run (so that batched evaluations,
   * which take every point of the layout, see only points where f was fine).
   */
  private settle(): void {
    if (this.fresh === 0) return;
    if (8 * this.finished >= this.m) {
      this.compact();
      return;
    }
    const { n, m, X, DONE, FRESH } = this;
    let q = 0;
    while (DONE[q] === 1) q++;
    for (let f = 0; f < this.fresh; f++) {
      const p = FRESH[f]!;
      for (let j = 0; j < n; j++) X[j * m + p] = X[j * m + q]!;
    }
    this.fresh = 0;
  }

  /** Drops finished runs, keeping the order of the others (stride m → the new m). */
  private compact(): void {
    if (this.finished === 0) return;
    const { m, DONE, KEEP } = this;
    let w = 0;
    for (let p = 0; p < m; p++) if (DONE[p] === 0) KEEP[w++] = p;
    for (const a of this.rows) {
      for (let j = 0; j < this.n; j++) {
        const from = j * m;
        const to = j * w;
        for (let r = 0; r < w; r++) a[to + r] = a[from + KEEP[r]!]!;
      }
    }
    for (const a of [this.BOUND, this.EXTRA, this.FLAST]) {
      for (let r = 0; r < w; r++) a[r] = a[KEEP[r]!]!;
    }
    const { IDX } = this;
    for (let r = 0; r < w; r++) IDX[r] = IDX[KEEP[r]!]!;
    DONE.fill(0, 0, m);
    this.m = w;
    this.finished = 0;
    this.fresh = 0;
  }

  /** The final f where it was not known, its bound test, and the maxfev messages. */
  private finish(): LockstepResult {
    const { out, needF, bound, n, be } = this;
    const count = out.count;
    let c = 0;
    for (let i = 0; i < count; i++) c += needF[i]!;
    if (c > 0) {
      // One batch of the final points.
      const P = new Float64Array(n * c);
      const F = new Float64Array(c);
      let r = 0;
      for (let i = 0; i < count; i++) {
        if (needF[i] === 0) continue;
        for (let j = 0; j < n; j++) P[j * c + r] = out.x[i * n + j]!;
        r++;
      }
      be.values(P, c, F);
      r = 0;
      for (let i = 0; i < count; i++) {
        if (needF[i] === 0) continue;
        out.fun[i] = F[r++]!;
        out.nfev[i] = out.nfev[i]! + 1;
      }
    }
    for (let i = 0; i < count; i++) {
      const code = out.status[i]!;
      if (code !== DIVERGED && code !== NON_FINITE) {
        const st = fStatus(out.fun[i]!, bound[i]!);
        if (st !== undefined) out.status[i] = st === 'diverged' ? DIVERGED : NON_FINITE;
      }
      // The specialised loop reports maxfev only while the run stays 'max-iter'.
      if (this.fast && out.status[i] !== MAX_ITER) out.spent[i] = 0;
    }
    return out;
  }
}
