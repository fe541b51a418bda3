import { checkFinite, checkFunction, rangeError, typeError } from '@numcomp/core';
import type { LineSearchResult, ScalarFunction } from './types.js';

/** Validates the shared arguments of every line search (public edge). */
export function checkLineSearchArgs(
  phi: unknown,
  dphi: unknown,
  phi0: unknown,
  dphi0: unknown,
  needsDphi: boolean,
): asserts phi is ScalarFunction {
  checkFunction('phi', phi);
  if (needsDphi) checkFunction('dphi', dphi);
  else if (dphi !== undefined && dphi !== null && typeof dphi !== 'function') {
    throw typeError('dphi', dphi, 'expected a function or undefined');
  }
  checkFinite('phi0', phi0);
  if (typeof dphi0 !== 'number') throw typeError('dphi0', dphi0, 'expected a number');
  if (Number.isNaN(dphi0)) throw rangeError('dphi0', dphi0, 'expected a number, not NaN');
}

/** Writes the outcome into `out` (or a new record) and returns it. */
export function finish(
  out: LineSearchResult | undefined,
  alpha: number,
  phi: number,
  dphi: number,
  nfev: number,
  ngev: number,
  ok: boolean,
): LineSearchResult {
  if (out === undefined) return { alpha, phi, dphi, nfev, ngev, ok };
  out.alpha = alpha;
  out.phi = phi;
  out.dphi = dphi;
  out.nfev = nfev;
  out.ngev = ngev;
  out.ok = ok;
  return out;
}
