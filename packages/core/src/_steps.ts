import { checkVector, rangeError, typeError } from './_validate.js';

/** The finite-difference rules whose step sizes follow SciPy's `approx_derivative`. */
export type StepRule = 'forward' | 'backward' | 'central' | 'complex-step';

const EPS = Number.EPSILON;

/**
 * SciPy's relative step `_eps_for_method` for a first derivative: `√ε` for one-sided differences and
 * the complex step, `ε^(1/3)` for central differences. For a derivative of order `k` the balance of
 * truncation `O(h²)` (central) or `O(h)` (one-sided) against rounding `ε/hᵏ` moves it to `ε^(1/(k+2))`
 * and `ε^(1/(k+1))`.
 */
export function relativeStep(rule: StepRule, order = 1): number {
  if (rule === 'central') return EPS ** (1 / (order + 2));
  return EPS ** (1 / (order + 1));
}

/** A per-coordinate step option: one number for all coordinates or one per coordinate. */
export type Steps = number | ArrayLike<number>;

/** Validates `absStep`/`relStep`: finite and non-zero numbers, one or `n` of them. */
export function readSteps(name: string, v: unknown, n: number): Float64Array | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v === 0) throw rangeError(name, v, 'expected a finite, non-zero number');
    return new Float64Array(n).fill(v);
  }
  if (v === null || typeof v !== 'object')
    throw typeError(name, v, 'expected a number or an array of numbers');
  checkVector(name, v);
  if (v.length !== n) throw rangeError(name, v, `expected ${n} entries, one per coordinate`);
  const out = Float64Array.from(v);
  for (let i = 0; i < n; i++) {
    const s = out[i]!;
    if (!Number.isFinite(s) || s === 0)
      throw rangeError(`${name}[${i}]`, s, 'expected a finite, non-zero number');
  }
  return out;
}

/**
 * The signed step for coordinate `xᵢ`, by SciPy's rules (`approx_derivative`, `_compute_absolute_step`):
 * an absolute step is used as given; a relative one is `rel·sign(xᵢ)·|xᵢ|`; the default is
 * `r·sign(xᵢ)·max(1, |xᵢ|)` with `r` = {@link relativeStep}; and a given step that vanishes in
 * `(xᵢ + h) − xᵢ` falls back to the default. `sign(0) = 1`.
 */
export function scipyStep(xi: number, r: number, abs?: number, rel?: number): number {
  const sign = xi >= 0 ? 1 : -1;
  let h: number;
  if (abs !== undefined) h = abs;
  else if (rel !== undefined) h = rel * sign * Math.abs(xi);
  else return r * sign * Math.max(1, Math.abs(xi));
  if (xi + h - xi === 0) h = r * sign * Math.max(1, Math.abs(xi));
  return h;
}

/**
 * Resolved step options of a first-derivative rule: `explicit` when the caller gave `absStep` or
 * `relStep` (SciPy's signs then apply: a negative step reverses a one-sided difference).
 */
export interface StepPlan {
  readonly abs: Float64Array | undefined;
  readonly rel: Float64Array | undefined;
}

/**
 * The step for coordinate `i` of a first-derivative `rule`: SciPy's, made positive (forward) or
 * negative (backward) when it is a default, kept with its sign when the caller gave it.
 */
export function stepAt(plan: StepPlan, rule: StepRule, xi: number, i: number): number {
  const abs = plan.abs?.[i];
  const rel = plan.rel?.[i];
  const h = scipyStep(xi, relativeStep(rule), abs, rel);
  if (abs === undefined && rel === undefined) return rule === 'backward' ? -Math.abs(h) : Math.abs(h);
  return rule === 'backward' ? -h : h;
}
