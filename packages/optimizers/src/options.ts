// The one description of `minimize`'s options. Everything else derives from `OPTIONS`: `resolveOptions`
// checks each value with `checkOption`, `optionsFor` lists a method's options, the runner builds its
// schemas and help texts from it.
import { checkOptionKeys, rangeError, typeError } from '@numcomp/core';
import { checkValue, type ValueSpec } from './_checkValue.js';
import {
  checkBounds,
  checkConstraints,
  checkInitialSimplex,
  checkRecord,
  checkSchedule,
} from './_optionShapes.js';
import { ALL_SEARCH_KEYS, checkParam, SEARCH_KEYS, type SearchKind } from './lineSearch/_params.js';
import { LINE_SEARCHES, METHODS } from './methods.js';
import type { LineSearchKind, LineSearchOptions, Method, MinimizeOptions } from './types.js';

/** The name of an option of `minimize`. */
export type OptionName = keyof MinimizeOptions;

/** One option of `minimize`: what it is, its range, its default and the methods that use it. */
export interface OptionSpec {
  /** The option's name (its key in {@link OPTIONS}). */
  readonly name: OptionName;
  /** Its type; `'object'` options have a nested shape checked by {@link checkOption}. */
  readonly kind: 'number' | 'integer' | 'enum' | 'boolean' | 'vector' | 'object' | 'function';
  /** One line, for help texts and docs. */
  readonly doc: string;
  /** The methods that use it. */
  readonly methods: readonly Method[];
  /** The values of an 'enum'. */
  readonly values?: readonly string[];
  /** Lower end of a numeric range (absent: none). */
  readonly min?: number;
  /** True when `min` itself is excluded. */
  readonly minExclusive?: boolean;
  /** Upper end of a numeric range. Absent: finite. `Infinity` (inclusive): Infinity is allowed. */
  readonly max?: number;
  /** True when `max` itself is excluded. */
  readonly maxExclusive?: boolean;
  /** The default when it is one value for every method that uses the option. */
  readonly default?: number | string | boolean;
  /** False for options that are not plain JSON or belong to the caller (callback, record). */
  readonly sweepable: boolean;
}

const FIRST_ORDER: readonly Method[] = [
  'gradient-descent',
  'momentum',
  'nesterov',
  'adagrad',
  'rmsprop',
  'adam',
  'projected-gradient',
];
const SEARCHED: readonly Method[] = [
  'gradient-descent',
  'newton',
  'saddle-free-newton',
  'bfgs',
  'lbfgs',
  'conjugate-gradient',
];
const GRADIENT: readonly Method[] = METHODS.filter((m) => m !== 'nelder-mead');
const UNIT = { min: 0, max: 1, maxExclusive: true } as const;
const POSITIVE = { min: 0, minExclusive: true } as const;

/**
 * Every option of `minimize`, described once. Keys are the option names.
 *
 * @example
 * ```ts
 * OPTIONS.lr; // { name: 'lr', kind: 'number', min: 0, minExclusive: true, default: 0.01, methods: [...], ... }
 * OPTIONS.beta1.methods; // ['adam']
 * ```
 */
export const OPTIONS: Readonly<Record<OptionName, OptionSpec>> = {
  method: {
    name: 'method',
    kind: 'enum',
    doc: 'the method to run',
    methods: METHODS,
    values: METHODS,
    default: 'gradient-descent',
    sweepable: true,
  },
  lr: {
    name: 'lr',
    kind: 'number',
    doc: 'learning rate η of the first-order methods',
    methods: FIRST_ORDER,
    ...POSITIVE,
    default: 0.01,
    sweepable: true,
  },
  momentum: {
    name: 'momentum',
    kind: 'number',
    doc: 'momentum coefficient β of heavy ball and Nesterov (default 0.9) and of RMSProp (default 0: off)',
    methods: ['momentum', 'nesterov', 'rmsprop'],
    ...UNIT,
    sweepable: true,
  },
  tol: {
    name: 'tol',
    kind: 'number',
    doc: 'stop when ‖∇f‖₂ ≤ tol (default 0 first-order, 1e-5 line-searched; Nelder–Mead: xatol and fatol)',
    methods: METHODS,
    min: 0,
    sweepable: true,
  },
  maxIter: {
    name: 'maxIter',
    kind: 'integer',
    doc: 'maximum number of iterations (default 100 first-order, 200·n otherwise); Infinity with a finite maxfev',
    methods: METHODS,
    min: 0,
    max: Number.POSITIVE_INFINITY,
    sweepable: true,
  },
  gradient: {
    name: 'gradient',
    kind: 'enum',
    doc: "'analytic' (default when the problem has grad) or 'numerical' (central differences, step h)",
    methods: METHODS,
    values: ['analytic', 'numerical'],
    sweepable: true,
  },
  h: {
    name: 'h',
    kind: 'number',
    doc: 'step of the numerical gradient (central differences)',
    methods: GRADIENT,
    ...POSITIVE,
    default: 1e-4,
    sweepable: true,
  },
  lineSearch: {
    name: 'lineSearch',
    kind: 'enum',
    doc: "line search: gradient descent, Newton and saddle-free Newton choose any; BFGS, L-BFGS and CG use 'strong-wolfe'",
    methods: SEARCHED,
    values: LINE_SEARCHES,
    sweepable: true,
  },
  lineSearchOptions: {
    name: 'lineSearchOptions',
    kind: 'object',
    doc: 'options of the line search (initialStep, c1, c2, maxStep, maxIter, rho, interpolate, xtol, candidates)',
    methods: SEARCHED,
    sweepable: true,
  },
  schedule: {
    name: 'schedule',
    kind: 'object',
    doc: "learning-rate schedule: 'constant' or { type: step | exponential | inverse-time | cosine, ... }",
    methods: FIRST_ORDER,
    default: 'constant',
    sweepable: true,
  },
  callback: {
    name: 'callback',
    kind: 'function',
    doc: 'called after each iteration with the state; returning false stops the run',
    methods: METHODS,
    sweepable: false,
  },
  record: {
    name: 'record',
    kind: 'object',
    doc: 'record the trajectory: true, or { every, max } to thin it',
    methods: METHODS,
    default: false,
    sweepable: false,
  },
  constraints: {
    name: 'constraints',
    kind: 'object',
    doc: 'box, ball and half-space constraints of projected gradient',
    methods: ['projected-gradient'],
    sweepable: true,
  },
  beta1: {
    name: 'beta1',
    kind: 'number',
    doc: "Adam's β₁, decay of the first-moment average",
    methods: ['adam'],
    ...UNIT,
    default: 0.9,
    sweepable: true,
  },
  beta2: {
    name: 'beta2',
    kind: 'number',
    doc: "Adam's β₂, decay of the second-moment average",
    methods: ['adam'],
    ...UNIT,
    default: 0.999,
    sweepable: true,
  },
  rho: {
    name: 'rho',
    kind: 'number',
    doc: "RMSProp's decay ρ of the squared-gradient average",
    methods: ['rmsprop'],
    ...UNIT,
    default: 0.9,
    sweepable: true,
  },
  centered: {
    name: 'centered',
    kind: 'boolean',
    doc: 'RMSProp: divide by the root of the running variance E[g²] − E[g]² (TensorFlow, optax)',
    methods: ['rmsprop'],
    default: false,
    sweepable: true,
  },
  epsilon: {
    name: 'epsilon',
    kind: 'number',
    doc: 'ε added to the denominator of AdaGrad (default 1e-10), RMSProp and Adam (1e-8)',
    methods: ['adagrad', 'rmsprop', 'adam'],
    ...POSITIVE,
    default: 1e-8,
    sweepable: true,
  },
  memory: {
    name: 'memory',
    kind: 'integer',
    doc: 'number of (s, y) pairs L-BFGS keeps',
    methods: ['lbfgs'],
    min: 1,
    default: 10,
    sweepable: true,
  },
  bounds: {
    name: 'bounds',
    kind: 'object',
    doc: 'L-BFGS: [lower, upper] per coordinate (null: none), as SciPy L-BFGS-B; the run stays in the box',
    methods: ['lbfgs'],
    sweepable: true,
  },
  scaleH0: {
    name: 'scaleH0',
    kind: 'boolean',
    doc: 'BFGS: rescale H₀ to (yᵀs/yᵀy)I before the first update (N&W eq. 6.20)',
    methods: ['bfgs'],
    default: false,
    sweepable: true,
  },
  damping: {
    name: 'damping',
    kind: 'number',
    doc: 'saddle-free Newton: floor δ under the eigenvalues of |H|, relative to the largest (|λᵢ| ← max(|λᵢ|, δ·max|λ|))',
    methods: ['saddle-free-newton'],
    ...UNIT,
    minExclusive: true,
    default: 1e-4,
    sweepable: true,
  },
  xatol: {
    name: 'xatol',
    kind: 'number',
    doc: 'Nelder–Mead: absolute tolerance on the spread of the simplex in x (default tol, else 1e-4)',
    methods: ['nelder-mead'],
    min: 0,
    default: 1e-4,
    sweepable: true,
  },
  fatol: {
    name: 'fatol',
    kind: 'number',
    doc: 'Nelder–Mead: absolute tolerance on the spread of f over the simplex (default tol, else 1e-4)',
    methods: ['nelder-mead'],
    min: 0,
    default: 1e-4,
    sweepable: true,
  },
  maxfev: {
    name: 'maxfev',
    kind: 'integer',
    doc: "budget of f evaluations, checked before each iteration; ends the run 'max-iter', 'maxfev reached'",
    methods: METHODS,
    min: 1,
    sweepable: true,
  },
  adaptive: {
    name: 'adaptive',
    kind: 'boolean',
    doc: "Nelder–Mead: Gao & Han's dimension-dependent coefficients",
    methods: ['nelder-mead'],
    default: false,
    sweepable: true,
  },
  initialSimplex: {
    name: 'initialSimplex',
    kind: 'object',
    doc: 'Nelder–Mead: the initial simplex, n + 1 rows of n numbers',
    methods: ['nelder-mead'],
    sweepable: true,
  },
};

const NAMES = Object.keys(OPTIONS) as OptionName[];

const BY_METHOD: Readonly<Record<Method, readonly OptionName[]>> = Object.fromEntries(
  METHODS.map((m) => [m, NAMES.filter((k) => OPTIONS[k].methods.includes(m))]),
) as unknown as Record<Method, readonly OptionName[]>;

/**
 * The option names of each line search (`lineSearchOptions` keys), derived from the searches' own table.
 *
 * @example
 * ```ts
 * LINE_SEARCH_OPTIONS['strong-wolfe']; // ['initialStep', 'c1', 'c2', 'maxStep', 'maxIter']
 * ```
 */
export const LINE_SEARCH_OPTIONS: Readonly<Record<SearchKind, readonly (keyof LineSearchOptions)[]>> =
  SEARCH_KEYS;

/** The line search `method` runs with the given `lineSearch` option. */
export function lineSearchOf(method: Method, lineSearch: LineSearchKind | undefined): LineSearchKind {
  if (lineSearch !== undefined) return lineSearch;
  if (method === 'gradient-descent' || !SEARCHED.includes(method)) return 'none';
  return 'strong-wolfe';
}

/** Checks the keys and values of `lineSearchOptions` against `keys` (every search's when not given). */
function checkLineSearchOptions(v: unknown, search?: LineSearchKind): void {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    throw typeError('lineSearchOptions', v, 'expected an object');
  }
  const keys = search === undefined ? ALL_SEARCH_KEYS : search === 'none' ? [] : SEARCH_KEYS[search];
  checkOptionKeys(v, keys, 'lineSearchOptions.');
  for (const k of keys) {
    const x = (v as Record<string, unknown>)[k];
    if (x !== undefined) checkParam(`lineSearchOptions.${k}`, k, x);
  }
}

/**
 * Checks one option's value alone: its type and range, an enum's values, and the nested shape of
 * `schedule`, `constraints`, `record`, `lineSearchOptions` and `initialSimplex` (lengths that depend on
 * the dimension are checked by `minimize`). Undefined passes (the option is absent). An unknown name is
 * refused with the nearest valid one.
 *
 * @param name - The option's name.
 * @param value - Its value.
 * @throws `ArgumentTypeError` / `ArgumentRangeError` (from `@numcomp/core`) with `.option` the path of
 *   the bad part (`lr`, `schedule.every`, `lineSearchOptions.c1`) and `.value` the bad value.
 * @example
 * ```ts
 * checkOption('lr', 0.1); // ok
 * checkOption('schedule', { type: 'step', every: 0, factor: 0.5 }); // RangeError, .option 'schedule.every'
 * checkOption('maxiter', 5); // TypeError "unknown option maxiter; did you mean maxIter?"
 * ```
 */
export function checkOption(name: string, value: unknown): void {
  if (!Object.hasOwn(OPTIONS, name)) checkOptionKeys({ [name]: value }, NAMES);
  if (value === undefined) return;
  const spec: ValueSpec = OPTIONS[name as OptionName];
  switch (name as OptionName) {
    case 'schedule':
      checkSchedule(value);
      return;
    case 'constraints':
      checkConstraints(value);
      return;
    case 'record':
      checkRecord(value);
      return;
    case 'lineSearchOptions':
      checkLineSearchOptions(value);
      return;
    case 'initialSimplex':
      checkInitialSimplex(value);
      return;
    case 'bounds':
      checkBounds(value);
      return;
    default:
      checkValue(name, spec, value);
  }
}

/**
 * The names of the options `method` uses.
 *
 * @param method - One of {@link METHODS}.
 * @returns The option names, in the order of {@link OPTIONS}.
 * @example
 * ```ts
 * optionsFor('adam'); // ['method', 'lr', 'tol', 'maxIter', 'gradient', 'h', 'schedule', 'callback', 'record', 'beta1', 'beta2', 'epsilon']
 * ```
 */
export function optionsFor(method: Method): readonly OptionName[] {
  const names = BY_METHOD[method];
  if (names === undefined) checkValue('method', OPTIONS.method, method);
  return names;
}

/**
 * Checks a whole options object: unknown keys (with did-you-mean), each value ({@link checkOption}),
 * and, when `method` is given, options that method does not use (`invalid lr: 0.1 (newton does not use
 * lr)`) and `lineSearchOptions` keys the method's line search does not read.
 *
 * @param options - The options (undefined passes).
 * @param method - The method they are meant for; without it only names and values are checked.
 * @throws `ArgumentTypeError` / `ArgumentRangeError` with `.option` and `.value`.
 * @example
 * ```ts
 * checkOptions({ lr: 0.1, maxIter: 50 }); // ok
 * checkOptions({ lrr: 0.1 }); // TypeError "unknown option lrr; did you mean lr?"
 * checkOptions({ lr: 0.1 }, 'newton'); // RangeError "invalid lr: 0.1 (newton does not use lr)"
 * ```
 */
export function checkOptions(options: unknown, method?: Method): void {
  checkOptionKeys(options, NAMES);
  if (options === undefined) return;
  const o = options as Record<string, unknown>;
  for (const k of NAMES) checkOption(k, o[k]);
  if (method === undefined) return;
  checkUsedBy(o, method);
}

/** Refuses options `method` does not use, and line-search keys its search does not read. */
export function checkUsedBy(o: Readonly<Record<string, unknown>>, method: Method): void {
  const used = optionsFor(method);
  for (const k of NAMES) {
    if (o[k] !== undefined && !used.includes(k)) {
      throw rangeError(k, o[k], `${method} does not use ${k}`);
    }
  }
  const lso = o.lineSearchOptions;
  if (lso !== undefined) checkLineSearchOptions(lso, lineSearchOf(method, o.lineSearch as LineSearchKind));
}
