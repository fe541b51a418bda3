import { Matrix as MlMatrix, solve } from 'ml-matrix';
import { numberFrom } from './_callback.js';
import type { Matrix } from './_matrix.js';
import { type CriticalPointKind, classify, symmetricEigenvalues } from './_secondDerivativeTest.js';
import { checkFinite, checkFunction, checkOptionKeys, rangeError, typeError } from './_validate.js';
import type { TestFunction } from './testFunctions/_types.js';

/** A critical point found by {@link criticalPoints}, with its second-derivative test. */
export interface CriticalPoint {
  /** The point, where `∇f` vanishes (to `gradTol`). */
  readonly x: Float64Array;
  /** `f(x)`. */
  readonly f: number;
  /** `'minimum'`, `'maximum'`, `'saddle'` or `'inconclusive'` (an eigenvalue is about zero). */
  readonly kind: CriticalPointKind;
  /** The Hessian's eigenvalues at `x`, ascending. */
  readonly eigenvalues: Float64Array;
  /** `max |∂f/∂xᵢ|` at `x`. */
  readonly gradNorm: number;
}

/** Options of {@link criticalPoints}. */
export interface CriticalPointsOptions {
  /** The box to search, `[lo, hi]` per coordinate. Default: the function's `domain`. */
  readonly domain?: readonly (readonly [number, number])[];
  /**
   * Starting points per coordinate, evenly spaced over the domain (ends included): one number for all
   * coordinates or one per coordinate. Default 101 (1-D), 21 (2-D), 9 (3-D), 5 (more). At most 10⁵ starts.
   */
  readonly grid?: number | readonly number[];
  /** Two points closer than `tol·max(1, ‖x‖∞)` (max norm) are the same critical point. Default `1e-6`. */
  readonly tol?: number;
  /** A limit point is critical when `max |∂f/∂xᵢ| ≤ gradTol`. Default `1e-8`. */
  readonly gradTol?: number;
  /** Newton iterations per start. Default 100 (degenerate critical points converge only linearly). */
  readonly maxIter?: number;
  /** Eigenvalues with `|λ| ≤ eigTol·max(1, max|λ|)` count as zero. Default `1e-8`. */
  readonly eigTol?: number;
}

/** What {@link criticalPoints} needs of a function: its gradient and Hessian (a `TestFunction` has them). */
export type CriticalPointsProblem = Pick<TestFunction, 'f' | 'grad' | 'hess'> &
  Partial<Pick<TestFunction, 'dim' | 'domain'>>;

const KEYS = ['domain', 'grid', 'tol', 'gradTol', 'maxIter', 'eigTol'];
const DEFAULT_GRID = [101, 21, 9];

/**
 * The critical points of `f` (where `∇f = 0`) in a box, each classified by the second-derivative test.
 * Newton's method on `∇f(x) = 0`, `x ← x − ∇²f(x)⁺ ∇f(x)` (the pseudo-inverse, from ml-matrix's SVD
 * solve, so a singular Hessian does not stop it), runs from every point of a grid over the box; Newton
 * goes to the nearest root whatever its kind, which is why it finds saddles and maxima as well as minima
 * (and why, as an optimizer, it is attracted to saddle points). Starts that leave the box (widened by half
 * its size) or do not settle within `maxIter` steps are dropped; limits inside the box with
 * `max|∇f| ≤ gradTol` are merged within `tol`, keeping the one with the smallest gradient; each is classified from the
 * eigenvalues of `∇²f` ({@link classifyCriticalPoint}).
 *
 * @param fn - A {@link TestFunction}, or any `{ f, grad, hess, dim?, domain? }`; `f` and `grad` take
 *   `Float64Array` points, `hess` returns a row-major `Matrix`.
 * @param options - `{ domain, grid, tol, gradTol, maxIter, eigTol }`, see {@link CriticalPointsOptions}.
 * @returns The critical points found in the box, sorted by their coordinates.
 * @example
 * ```ts
 * const pts = criticalPoints(himmelblau());
 * pts.length; // 9: four minima, four saddles and one maximum
 * pts.filter((p) => p.kind === 'maximum')[0].x; // ≈ [-0.270845, -0.923039]
 * ```
 */
export function criticalPoints(fn: CriticalPointsProblem, options?: CriticalPointsOptions): CriticalPoint[] {
  if (fn === null || typeof fn !== 'object') throw typeError('fn', fn, 'expected { f, grad, hess }');
  checkFunction('fn.f', fn.f);
  checkFunction('fn.grad', fn.grad);
  checkFunction('fn.hess', fn.hess);
  checkOptionKeys(options, KEYS);
  const o = options ?? {};
  const domain = readDomain(o.domain ?? fn.domain, fn.dim);
  const n = domain.length;
  const grid = readGrid(o.grid, n);
  const tol = readPositive('tol', o.tol, 1e-6);
  const gradTol = readPositive('gradTol', o.gradTol, 1e-8);
  const eigTol = readPositive('eigTol', o.eigTol, 1e-8, true);
  const maxIter = o.maxIter ?? 100;
  if (typeof maxIter !== 'number') throw typeError('maxIter', maxIter, 'expected an integer');
  if (!Number.isInteger(maxIter) || maxIter < 1)
    throw rangeError('maxIter', maxIter, 'expected an integer >= 1');

  const lo = domain.map((d) => d[0]);
  const hi = domain.map((d) => d[1]);
  const width = domain.map((d) => d[1] - d[0]);
  const grad = (x: Float64Array, out: Float64Array): Float64Array => {
    const g = fn.grad(x, out);
    if (!(g instanceof Float64Array) || g.length !== n) {
      throw typeError('fn.grad', g, `grad(x) must return a Float64Array of ${n} numbers`);
    }
    return g;
  };
  const hess = (x: Float64Array): Matrix => {
    const h = fn.hess(x);
    if (
      h === null ||
      typeof h !== 'object' ||
      h.rows !== n ||
      h.cols !== n ||
      !(h.data instanceof Float64Array)
    ) {
      throw typeError('fn.hess', h, `hess(x) must return an ${n}x${n} Matrix`);
    }
    return h;
  };

  const found: { x: Float64Array; g: number }[] = [];
  const total = grid.reduce((a, b) => a * b, 1);
  const idx = new Array<number>(n).fill(0);
  const g = new Float64Array(n);
  for (let s = 0; s < total; s++) {
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++)
      x[i] = grid[i] === 1 ? (lo[i]! + hi[i]!) / 2 : lo[i]! + (width[i]! * idx[i]!) / (grid[i]! - 1);
    const limit = newton(x, grad, hess, g, maxIter, lo, hi, width);
    if (limit !== undefined && limit <= gradTol && inside(x, lo, hi)) found.push({ x, g: limit });
    for (let i = 0; i < n; i++) {
      if (++idx[i]! < grid[i]!) break;
      idx[i] = 0;
    }
  }

  // Merge limits closer than tol, keeping the one with the smallest gradient.
  const unique: { x: Float64Array; g: number }[] = [];
  for (const p of found) {
    const same = unique.find((q) => maxDist(p.x, q.x) <= tol * Math.max(1, maxAbs(q.x)));
    if (!same) unique.push(p);
    else if (p.g < same.g) {
      same.x = p.x;
      same.g = p.g;
    }
  }
  unique.sort((a, b) => {
    for (let i = 0; i < n; i++) if (a.x[i] !== b.x[i]) return a.x[i]! - b.x[i]!;
    return 0;
  });
  return unique.map(({ x, g: gn }) => {
    const h = hess(x);
    const rows = Array.from({ length: n }, (_, i) => Array.from(h.data.subarray(i * n, (i + 1) * n)));
    const eigenvalues = symmetricEigenvalues('fn.hess(x)', rows);
    return {
      x,
      f: numberFrom('fn.f', fn.f(x)),
      kind: classify(eigenvalues, eigTol),
      eigenvalues,
      gradNorm: gn,
    };
  });
}

/**
 * Newton's iteration on `∇f = 0` from `x` (updated in place). Returns `max|∇f|` at the limit, or
 * undefined when it leaves the widened box, produces non-finite values, or does not settle.
 */
function newton(
  x: Float64Array,
  grad: (x: Float64Array, out: Float64Array) => Float64Array,
  hess: (x: Float64Array) => Matrix,
  g: Float64Array,
  maxIter: number,
  lo: number[],
  hi: number[],
  width: number[],
): number | undefined {
  const n = x.length;
  for (let k = 0; k < maxIter; k++) {
    grad(x, g);
    const gn = maxAbs(g);
    if (!Number.isFinite(gn)) return undefined;
    if (gn === 0) return 0;
    const h = hess(x);
    const H = new MlMatrix(n, n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) H.set(i, j, h.data[i * n + j]!);
    const step = solve(H, MlMatrix.columnVector(Array.from(g)), true).getColumn(0);
    let size = 0;
    for (let i = 0; i < n; i++) {
      const d = step[i]!;
      x[i] = x[i]! - d;
      size = Math.max(size, Math.abs(d));
      if (!(x[i]! >= lo[i]! - width[i]! / 2 && x[i]! <= hi[i]! + width[i]! / 2)) return undefined;
    }
    if (size <= 1e-14 * Math.max(1, maxAbs(x))) return maxAbs(grad(x, g));
  }
  return undefined;
}

function inside(x: Float64Array, lo: number[], hi: number[]): boolean {
  for (let i = 0; i < x.length; i++) if (!(x[i]! >= lo[i]! && x[i]! <= hi[i]!)) return false;
  return true;
}

function maxAbs(v: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]!));
  return m;
}

function maxDist(a: Float64Array, b: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

function readDomain(d: unknown, dim: number | undefined): (readonly [number, number])[] {
  if (d === undefined) throw typeError('domain', d, 'expected [lo, hi] per coordinate (fn has no domain)');
  if (!Array.isArray(d) || d.length === 0) throw typeError('domain', d, 'expected [lo, hi] per coordinate');
  if (dim !== undefined && d.length !== dim)
    throw rangeError('domain', d, `expected ${dim} intervals, one per coordinate`);
  return d.map((iv: unknown, i) => {
    if (!Array.isArray(iv) || iv.length !== 2) throw typeError(`domain[${i}]`, iv, 'expected [lo, hi]');
    checkFinite(`domain[${i}][0]`, iv[0]);
    checkFinite(`domain[${i}][1]`, iv[1]);
    if (!(iv[0] < iv[1])) throw rangeError(`domain[${i}]`, iv, 'expected lo < hi');
    return [iv[0], iv[1]] as const;
  });
}

function readGrid(v: unknown, n: number): number[] {
  const grid =
    v === undefined
      ? new Array<number>(n).fill(DEFAULT_GRID[n - 1] ?? 5)
      : typeof v === 'number'
        ? new Array<number>(n).fill(v)
        : v;
  if (!Array.isArray(grid) || grid.length !== n)
    throw typeError('grid', v, `expected a number or ${n} numbers`);
  for (let i = 0; i < n; i++) {
    const k = grid[i];
    if (typeof k !== 'number' || !Number.isInteger(k) || k < 1) {
      throw rangeError(typeof v === 'number' ? 'grid' : `grid[${i}]`, k, 'expected an integer >= 1');
    }
  }
  if (grid.reduce((a: number, b: number) => a * b, 1) > 1e5)
    throw rangeError('grid', v, 'more than 1e5 starting points');
  return grid as number[];
}

function readPositive(name: string, v: unknown, fallback: number, zeroOk = false): number {
  if (v === undefined) return fallback;
  checkFinite(name, v);
  if (!(v > 0 || (zeroOk && v === 0)))
    throw rangeError(name, v, zeroOk ? 'expected a number >= 0' : 'expected a number > 0');
  return v;
}
