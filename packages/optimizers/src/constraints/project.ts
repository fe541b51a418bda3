import { checkVector, rangeError } from '@numcomp/core';
import { checkConstraints } from '../_optionShapes.js';
import type { Constraint } from '../types.js';
import { Projector } from './_projector.js';

/**
 * The Euclidean projection of `x` onto the intersection of box, ball and half-space constraints:
 *
 * ```math
 * P_C(x) = \operatorname*{arg\,min}_{y \in C} \|y - x\|_2, \qquad
 * P_{\{a^\top y \ge b\}}(x) = x + \frac{\max(0,\, b - a^\top x)}{\|a\|^2}\, a, \qquad
 * P_{\{\|y - c\| \le r\}}(x) = c + \frac{r}{\max(r,\, \|x - c\|)}(x - c)
 * ```
 *
 * and clamping for a box. With several constraints, Dykstra's algorithm (to ~4 ulp, at most 10,000
 * sweeps); the intersection must be non-empty.
 *
 * @param constraints - One or more constraints (see {@link Constraint}), each of the length of `x`.
 * @param x - The point to project (finite; not modified).
 * @returns A new array, the projection.
 * @example
 * ```ts
 * project([{ type: 'halfspace', a: [1, 1], b: 1 }], [0, 0]); // Float64Array [0.5, 0.5]
 * ```
 */
export function project(constraints: readonly Constraint[], x: ArrayLike<number>): Float64Array {
  checkVector('x', x);
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) throw rangeError('x', x, `x[${i}] is not finite`);
  }
  const cs = checkConstraints(constraints, x.length);
  if (cs.length === 0) throw rangeError('constraints', constraints, 'expected at least one constraint');
  const out = Float64Array.from(x);
  new Projector(cs, out.length).project(out);
  return out;
}
