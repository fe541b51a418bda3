// A method's line search reads its options once (bindSearch) and then runs with them at every step: each
// call must give exactly what the public search gives with the same options, the method's first trial
// step included, and refuse what the public search refuses.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { bindSearch, SEARCH_DEFAULTS } from '../../src/_descent.ts';
import { backtracking } from '../../src/lineSearch/backtracking.ts';
import { exactLineSearch } from '../../src/lineSearch/exact.ts';
import { gridSearch } from '../../src/lineSearch/grid.ts';
import { strongWolfe } from '../../src/lineSearch/strongWolfe.ts';
import type { LineSearchResult, ScalarFunction, SearchStart } from '../../src/lineSearch/types.ts';

/** A bound search's start: φ(0), φ'(0) and the method's first trial step. */
const start = (fx: number, slope: number, a0: number): SearchStart => ({ fx, slope, a0 });

/** A blank result for a bound search to fill. */
const blank = (): LineSearchResult => ({ alpha: 0, phi: 0, dphi: 0, nfev: 0, ngev: 0, ok: false });

type Search = (
  phi: ScalarFunction,
  dphi: ScalarFunction,
  phi0: number,
  dphi0: number,
  options: Record<string, unknown>,
  out?: LineSearchResult,
) => LineSearchResult;

const SEARCHES: [string, Search, Record<string, unknown>][] = [
  ['strong-wolfe', strongWolfe as Search, { c1: 1e-3, c2: 0.4, maxIter: 30 }],
  ['backtracking', backtracking as Search, { rho: 0.3, interpolate: true, maxIter: 20 }],
  ['exact', exactLineSearch as Search, { xtol: 1e-6, maxIter: 60 }],
  ['grid', gridSearch as Search, { candidates: [0.01, 0.1, 0.5, 1, 2] }],
];

describe('bindSearch: options read once, every call as the public search', () => {
  test.each(SEARCHES)(
    '%s: the same result as the public search, with the method’s first step',
    (kind, search, user) => {
      const defaults = kind === 'exact' || kind === 'grid' ? {} : { c1: 1e-4 };
      const bound = bindSearch(kind as 'grid', user, defaults);
      fc.assert(
        fc.property(
          fc.double({ min: 0.05, max: 20, noNaN: true }),
          fc.double({ min: -3, max: 3, noNaN: true }),
          fc.double({ min: 1e-3, max: 4, noNaN: true }),
          (s, c, a0) => {
            // φ(α) = s·(α − c)² + sin(3α), φ'(α) = 2s·(α − c) + 3cos(3α)
            const phi = (a: number): number => s * (a - c) ** 2 + Math.sin(3 * a);
            const dphi = (a: number): number => 2 * s * (a - c) + 3 * Math.cos(3 * a);
            const dphi0 = dphi(0);
            if (!(dphi0 < 0)) return;
            const options = { ...defaults, ...user, ...(kind === 'grid' ? {} : { initialStep: a0 }) };
            expect(bound(phi, dphi, start(phi(0), dphi0, a0), blank())).toEqual(
              search(phi, dphi, phi(0), dphi0, options),
            );
          },
        ),
        { numRuns: 200 },
      );
    },
  );

  test('a method’s defaults alone are read once and shared: each bound search still takes its own first step', () => {
    const phi = (a: number): number => 3 * (a - 0.7) ** 2 + Math.sin(5 * a);
    const dphi = (a: number): number => 6 * (a - 0.7) + 5 * Math.cos(5 * a);
    const a = bindSearch('strong-wolfe', undefined, SEARCH_DEFAULTS.conjugateGradient);
    const b = bindSearch('strong-wolfe', undefined, SEARCH_DEFAULTS.conjugateGradient);
    for (const a0 of [0.01, 0.3, 2]) {
      const want = strongWolfe(phi, dphi, phi(0), dphi(0), { c1: 1e-4, c2: 0.2, initialStep: a0 });
      expect(a(phi, dphi, start(phi(0), dphi(0), a0), blank())).toEqual(want);
      expect(b(phi, dphi, start(phi(0), dphi(0), a0), blank())).toEqual(want);
    }
    const n = bindSearch('backtracking', undefined, SEARCH_DEFAULTS.interpolate);
    expect(n(phi, dphi, start(phi(0), dphi(0), 1.5), blank())).toEqual(
      backtracking(phi, dphi, phi(0), dphi(0), { interpolate: true, initialStep: 1.5 }),
    );
  });

  test('a first step the method gets wrong is refused as the option would be', () => {
    const bound = bindSearch('strong-wolfe', undefined, {});
    const phi = (a: number): number => (a - 1) ** 2;
    const dphi = (a: number): number => 2 * (a - 1);
    const out = blank();
    expect(() => bound(phi, dphi, start(1, -2, Number.NaN), out)).toThrow(/initialStep/);
    expect(() => bound(phi, dphi, start(1, -2, -1), out)).toThrow(/initialStep/);
    expect(() => strongWolfe(phi, dphi, 1, -2, { initialStep: -1 })).toThrow(/initialStep/);
    // A step the user fixed wins over the method's.
    const fixed = bindSearch('backtracking', { initialStep: 0.25 }, {});
    expect(fixed(phi, dphi, start(1, -2, 8), out).alpha).toBe(0.25);
  });

  test('bad options are refused when the search is bound, before any step', () => {
    expect(() => bindSearch('strong-wolfe', { c1: 0.5, c2: 0.4 }, {})).toThrow(/c2/);
    expect(() => bindSearch('exact', { maxIter: 2 }, {})).toThrow(/maxIter/);
    expect(() => bindSearch('backtracking', { rh: 0.5 }, {})).toThrow(/rho/);
    expect(() => bindSearch('grid', { candidates: [1, -1] }, {})).toThrow(/candidates\[1\]/);
    // Arguments are still checked at every call.
    const bound = bindSearch('backtracking', undefined, {});
    expect(() => bound((a) => a, undefined as never, start(Number.NaN, -1, 1), blank())).toThrow(/phi0/);
  });
});
