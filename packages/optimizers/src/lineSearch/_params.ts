// The one description of the line searches' options (`lineSearchOptions` in `minimize`): kind, range and
// the searches that read each. The kernels read their options through `param`, `checkParamKeys` refuses
// keys a search does not know, and `options.ts` derives `LINE_SEARCH_OPTIONS` from this table.
import { checkOptionKeys, rangeError } from '@numcomp/core';
import { checkValue, type ValueSpec } from '../_checkValue.js';
import type { LineSearchKind, LineSearchOptions } from '../types.js';

/** The searches that take options (`'none'` takes none). */
export type SearchKind = Exclude<LineSearchKind, 'none'>;

/** One line-search option. */
export interface LineSearchParamSpec extends ValueSpec {
  readonly doc: string;
  readonly searches: readonly SearchKind[];
}

/** Every line-search option. */
export const LINE_SEARCH_PARAMS: Readonly<Record<keyof LineSearchOptions, LineSearchParamSpec>> = {
  initialStep: {
    kind: 'number',
    doc: 'first trial step α₀',
    searches: ['strong-wolfe', 'backtracking', 'exact'],
    min: 0,
    minExclusive: true,
  },
  c1: {
    kind: 'number',
    doc: 'sufficient-decrease (Armijo) constant c₁',
    searches: ['strong-wolfe', 'backtracking'],
    min: 0,
    minExclusive: true,
    max: 1,
    maxExclusive: true,
  },
  c2: {
    kind: 'number',
    doc: 'curvature constant c₂ ∈ (c₁, 1)',
    searches: ['strong-wolfe'],
    min: 0,
    minExclusive: true,
    max: 1,
    maxExclusive: true,
  },
  maxStep: {
    kind: 'number',
    doc: 'largest step allowed',
    searches: ['strong-wolfe'],
    min: 0,
    minExclusive: true,
    max: Number.POSITIVE_INFINITY,
  },
  maxIter: {
    kind: 'integer',
    doc: 'evaluation budget of one search',
    searches: ['strong-wolfe', 'backtracking', 'exact'],
    min: 1,
  },
  rho: {
    kind: 'number',
    doc: 'contraction factor ρ of backtracking',
    searches: ['backtracking'],
    min: 0,
    minExclusive: true,
    max: 1,
    maxExclusive: true,
  },
  interpolate: {
    kind: 'boolean',
    doc: 'quadratic/cubic interpolated trials instead of α ← ρα',
    searches: ['backtracking'],
  },
  xtol: {
    kind: 'number',
    doc: "relative tolerance on α of Brent's method",
    searches: ['exact'],
    min: 0,
    minExclusive: true,
    max: 1,
    maxExclusive: true,
  },
  candidates: { kind: 'vector', doc: 'candidate steps, each finite and > 0', searches: ['grid'] },
};

const NAMES = Object.keys(LINE_SEARCH_PARAMS) as (keyof LineSearchOptions)[];

/** The option names of each search. */
export const SEARCH_KEYS: Readonly<Record<SearchKind, readonly (keyof LineSearchOptions)[]>> = {
  'strong-wolfe': NAMES.filter((k) => LINE_SEARCH_PARAMS[k].searches.includes('strong-wolfe')),
  backtracking: NAMES.filter((k) => LINE_SEARCH_PARAMS[k].searches.includes('backtracking')),
  exact: NAMES.filter((k) => LINE_SEARCH_PARAMS[k].searches.includes('exact')),
  grid: NAMES.filter((k) => LINE_SEARCH_PARAMS[k].searches.includes('grid')),
};

/** Every line-search option name. */
export const ALL_SEARCH_KEYS: readonly (keyof LineSearchOptions)[] = NAMES;

/**
 * Refuses keys `search` does not read (did-you-mean), without allocating when all keys are known
 * (the kernels call this on every search).
 */
export function checkParamKeys(options: object | undefined, search: SearchKind, prefix = ''): void {
  if (options === undefined) return;
  const keys = SEARCH_KEYS[search];
  for (const k in options) {
    if (!(keys as readonly string[]).includes(k)) checkOptionKeys(options, keys, prefix);
  }
}

/** Validates one value of a line-search option; `path` names it in errors. */
export function checkParam(path: string, name: keyof LineSearchOptions, v: unknown): void {
  const spec = LINE_SEARCH_PARAMS[name];
  checkValue(path, spec, v);
  if (name === 'candidates') {
    const c = v as ArrayLike<number>;
    for (let i = 0; i < c.length; i++) {
      const ci = c[i]!;
      if (!(ci > 0 && ci < Number.POSITIVE_INFINITY)) throw rangeError(`${path}[${i}]`, ci, 'expected > 0');
    }
  }
}

/**
 * A first trial step a method chose, checked as the `initialStep` option is (a finite number > 0): the
 * test itself at every step, the spec's message when it fails.
 */
export function checkInitialStep(v: number): number {
  if (typeof v === 'number' && v > 0 && v < Number.POSITIVE_INFINITY) return v;
  checkValue('initialStep', LINE_SEARCH_PARAMS.initialStep, v);
  return v;
}

/** A numeric option of a search: the fallback when absent, else the value, checked against the table. */
export function param(
  options: Readonly<Record<string, unknown>> | undefined,
  name: keyof LineSearchOptions,
  fallback: number,
): number {
  const v = options?.[name];
  if (v === undefined) return fallback;
  checkValue(name, LINE_SEARCH_PARAMS[name], v);
  return v as number;
}
