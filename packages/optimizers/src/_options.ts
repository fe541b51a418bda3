// Validation and defaults of `minimize`'s options, shared by `minimize` and the named method exports:
//
//   const o = resolveOptions(problem, x0, options, 'adam');   // throws RangeError/TypeError, before any work
//   o.x0 (a fresh Float64Array copy), o.lr, o.tol, o.maxIter, o.gradient, o.h, o.schedule, ...
//
// Every check happens here, at the public edge; kernels trust the resolved record. Names, kinds, ranges
// and defaults come from `OPTIONS` (options.ts); this file adds what depends on the problem, x0 and the
// method (lengths, the family's defaults of tol and maxIter).
import { checkFunction, checkOptionKeys, checkVector, rangeError, show, typeError } from '@numcomp/core';
import {
  checkBounds,
  checkConstraints,
  checkInitialSimplex,
  checkSchedule,
  type ScheduleSpec,
} from './_optionShapes.js';
import { SEARCH_KEYS } from './lineSearch/_params.js';
import { checkOption, checkUsedBy, lineSearchOf, OPTIONS, type OptionName } from './options.js';
import type {
  Constraint,
  IterationState,
  LineSearchKind,
  Method,
  MinimizeOptions,
  Problem,
  RecordOptions,
} from './types.js';

export type { ScheduleSpec } from './_optionShapes.js';

/** Methods whose step is lr·(something): schedules apply to them. */
const FIRST_ORDER: ReadonlySet<Method> = new Set(OPTIONS.lr.methods);

/** Options after validation and defaults. */
export interface Resolved {
  readonly method: Method;
  readonly n: number;
  /** A private copy of x0. */
  readonly x0: Float64Array;
  readonly lr: number;
  readonly momentum: number;
  /** The family's default when not given: 0 first-order, 1e-5 line-searched. */
  readonly tol: number;
  /** The family's default when not given: 100 first-order, 200·n otherwise (Nelder–Mead: see maxfev). */
  readonly maxIter: number;
  /** Budget of f evaluations (Infinity when unbounded). */
  readonly maxfev: number;
  readonly gradient: 'analytic' | 'numerical';
  readonly h: number;
  readonly lineSearch: LineSearchKind;
  readonly lineSearchOptions: Readonly<Record<string, unknown>> | undefined;
  readonly schedule: ScheduleSpec;
  readonly callback: ((state: IterationState) => boolean | undefined) | undefined;
  readonly record: boolean | RecordOptions;
  readonly constraints: readonly Constraint[];
  /** Adam's β₁ (default 0.9). */
  readonly beta1: number;
  /** Adam's β₂ (default 0.999). */
  readonly beta2: number;
  /** RMSProp's decay ρ (default 0.9). */
  readonly rho: number;
  /** Centered RMSProp (default false). */
  readonly centered: boolean;
  /** ε of AdaGrad (default 1e-10), RMSProp and Adam (default 1e-8). */
  readonly epsilon: number;
  /** L-BFGS memory (default 10). */
  readonly memory: number;
  /** L-BFGS bounds as −∞/+∞-filled arrays, when given. */
  readonly bounds: { readonly lower: Float64Array; readonly upper: Float64Array } | undefined;
  /** BFGS H₀ scaling (default false). */
  readonly scaleH0: boolean;
  /** Saddle-free Newton's relative eigenvalue floor (default 1e-4). */
  readonly damping: number;
  /** Nelder–Mead tolerances (default tol, else 1e-4). */
  readonly xatol: number;
  readonly fatol: number;
  /** Nelder–Mead coefficients of Gao & Han (default false). */
  readonly adaptive: boolean;
  /** Nelder–Mead initial simplex, (n + 1) × n, when given. */
  readonly initialSimplex: readonly (readonly number[])[] | undefined;
}

/** Default `maxIter` of the first-order methods: the notebook's `step_num`. */
export const DEFAULT_MAX_ITER = 100;

const NAMES = Object.keys(OPTIONS) as OptionName[];

/** The option's value (checked by the caller) or its default from `OPTIONS`. */
function value<T>(o: MinimizeOptions, name: OptionName, fallback?: T): T {
  const v = o[name];
  if (v !== undefined) return v as T;
  return (fallback ?? OPTIONS[name].default) as T;
}

/**
 * Validates everything `minimize` and the method exports accept, before any work, and fills defaults.
 * Throws `TypeError` for a wrong type or an unknown option, and `RangeError` for a bad value, both
 * `invalid <name>: <value>` with `.option` and `.value`. In order: the problem, x0, the options that do
 * not depend on x0's length ({@link resolveCommon}), then those that do ({@link resolveForLength}).
 */
export function resolveOptions(
  problem: Problem,
  x0: ArrayLike<number>,
  options: MinimizeOptions | undefined,
  method: Method,
): Resolved {
  checkProblem(problem);
  checkX0(problem, x0);
  return resolveForLength(resolveCommon(problem, options, method), x0.length, Float64Array.from(x0));
}

/** Checks `minimize`'s problem: an object with functions f, and grad and hess when given. */
export function checkProblem(problem: Problem): void {
  if (problem === null || typeof problem !== 'object') {
    throw typeError('problem', problem, 'expected { f, grad?, hess? }');
  }
  checkFunction('problem.f', problem.f);
  if (problem.grad !== undefined) checkFunction('problem.grad', problem.grad);
  if (problem.hess !== undefined) checkFunction('problem.hess', problem.hess);
}

/** Checks a starting point: finite numbers, of the problem's length when it has a `dim`. */
export function checkX0(problem: Problem, x0: ArrayLike<number>): void {
  checkVector('x0', x0);
  const n = x0.length;
  const dim = (problem as { dim?: unknown }).dim;
  if (typeof dim === 'number' && dim !== n) throw rangeError('x0', x0, `expected length ${dim}`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x0[i])) throw rangeError('x0', x0, `x0[${i}] is not finite`);
  }
}

/** The options read before x0's length matters (see {@link resolveCommon}). */
export interface CommonOptions {
  readonly method: Method;
  readonly o: MinimizeOptions;
  readonly gradient: 'analytic' | 'numerical';
  readonly lineSearch: LineSearchKind;
  readonly lso: Readonly<Record<string, unknown>> | undefined;
}

/** The line searches each line-searched method runs. */
const SEARCHES_OF: Partial<Record<Method, readonly LineSearchKind[]>> = {
  newton: ['backtracking', 'strong-wolfe', 'exact', 'grid', 'none'],
  'saddle-free-newton': ['strong-wolfe', 'backtracking', 'exact', 'grid', 'none'],
  bfgs: ['strong-wolfe'],
  lbfgs: ['strong-wolfe'],
  'conjugate-gradient': ['strong-wolfe'],
};

/**
 * Checks the options that do not depend on x0's length: their names and values, the method, that the
 * method uses each, the gradient, the line search and its options' names.
 */
export function resolveCommon(
  problem: Problem,
  options: MinimizeOptions | undefined,
  method: Method,
): CommonOptions {
  checkOptionKeys(options, NAMES);
  const o: MinimizeOptions = options ?? {};
  for (const k of NAMES) if (o[k] !== undefined) checkOption(k, o[k]);

  if (o.method !== undefined && o.method !== method) {
    throw rangeError('method', o.method, `this function runs ${show(method)}`);
  }
  // An option the method does not use is an error for that method (`invalid lr: 0.1 (newton does not use lr)`).
  checkUsedBy(o as Readonly<Record<string, unknown>>, method);

  const gradient = o.gradient ?? (problem.grad !== undefined ? 'analytic' : 'numerical');
  if (gradient === 'analytic' && problem.grad === undefined) {
    throw rangeError('gradient', gradient, 'the problem has no grad');
  }

  const lineSearch = lineSearchOf(method, o.lineSearch);
  if (lineSearch !== 'none' && FIRST_ORDER.has(method) && method !== 'gradient-descent') {
    throw rangeError('lineSearch', lineSearch, `${method} takes lr steps; only gradient-descent searches`);
  }
  const lso = o.lineSearchOptions as Readonly<Record<string, unknown>> | undefined;
  if (lso !== undefined && lineSearch !== 'none' && OPTIONS.lineSearchOptions.methods.includes(method)) {
    checkOptionKeys(lso, SEARCH_KEYS[lineSearch], 'lineSearchOptions.');
  }
  return { method, o, gradient, lineSearch, lso };
}

/**
 * The resolved options for starting points of length `n` (x0 given as the run's own copy): checks what
 * depends on n (constraints, the initial simplex, bounds), fills the defaults that do (maxIter 200·n),
 * and last the line searches the method runs.
 */
export function resolveForLength(c: CommonOptions, n: number, x0: Float64Array): Resolved {
  const { method, o, gradient, lineSearch, lso } = c;
  const constraints = checkConstraints(o.constraints, n);
  if (method === 'projected-gradient' && constraints.length === 0) {
    throw rangeError('constraints', o.constraints, 'projected-gradient needs at least one constraint');
  }
  if (method !== 'projected-gradient' && constraints.length > 0) {
    throw rangeError('constraints', o.constraints, `${method} is unconstrained; use projected-gradient`);
  }

  const initialSimplex =
    o.initialSimplex === undefined ? undefined : checkInitialSimplex(o.initialSimplex, n);

  const firstOrder = FIRST_ORDER.has(method);
  let tol = value<number>(o, 'tol', firstOrder ? 0 : 1e-5);
  let maxIter = value<number>(o, 'maxIter', firstOrder ? DEFAULT_MAX_ITER : 200 * n);
  let maxfev = value<number>(o, 'maxfev', Number.POSITIVE_INFINITY);
  if (method === 'nelder-mead') {
    // SciPy: maxiter and maxfev both default to 200·n; if only one is given the other is unbounded.
    const iterGiven = o.maxIter !== undefined;
    const fevGiven = o.maxfev !== undefined;
    maxIter = iterGiven ? maxIter : fevGiven ? Number.POSITIVE_INFINITY : 200 * n;
    maxfev = fevGiven ? maxfev : iterGiven ? Number.POSITIVE_INFINITY : 200 * n;
    tol = o.tol ?? 1e-4;
  }
  if (maxIter === Number.POSITIVE_INFINITY && maxfev === Number.POSITIVE_INFINITY) {
    throw rangeError('maxIter', maxIter, 'Infinity needs a finite maxfev budget');
  }
  const schedule = checkSchedule(o.schedule);
  if (schedule.type === 'cosine' && schedule.period === undefined && maxIter === Number.POSITIVE_INFINITY) {
    throw rangeError(
      'schedule.period',
      undefined,
      'a cosine schedule needs a period when maxIter is Infinity',
    );
  }

  const resolved: Resolved = {
    method,
    n,
    x0,
    lr: value(o, 'lr'),
    momentum: value(o, 'momentum', method === 'rmsprop' ? 0 : 0.9),
    tol,
    maxIter,
    maxfev,
    gradient,
    h: value(o, 'h'),
    lineSearch,
    lineSearchOptions: lso,
    schedule,
    callback: o.callback,
    record: value(o, 'record'),
    constraints,
    beta1: value(o, 'beta1'),
    beta2: value(o, 'beta2'),
    rho: value(o, 'rho'),
    centered: value(o, 'centered'),
    epsilon: value(o, 'epsilon', method === 'adagrad' ? 1e-10 : undefined),
    memory: value(o, 'memory'),
    bounds: o.bounds === undefined ? undefined : checkBounds(o.bounds, n),
    scaleH0: value(o, 'scaleH0'),
    damping: value(o, 'damping'),
    xatol: value(o, 'xatol', o.tol),
    fatol: value(o, 'fatol', o.tol),
    adaptive: value(o, 'adaptive'),
    initialSimplex,
  };
  // The line searches the method runs (after every other check, as each method checked them).
  const ls = o.lineSearch;
  if (ls !== undefined) {
    const allowed = SEARCHES_OF[method];
    if (allowed !== undefined && !allowed.includes(ls)) {
      throw rangeError('lineSearch', ls, `${method} supports ${allowed.join(', ')}`);
    }
    if (method === 'nelder-mead' && ls !== 'none') {
      throw rangeError('lineSearch', ls, 'nelder-mead does not search lines');
    }
  }
  return resolved;
}

/** Validates `options.method` of `minimize`. */
export function checkMethod(method: unknown): Method {
  if (method === undefined) return 'gradient-descent';
  checkOption('method', method);
  return method as Method;
}
