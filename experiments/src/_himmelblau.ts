// Himmelblau's function and where a start ends on it, for the basin maps of local-minima (200 × 200 starts,
// in the default suite) and of basins (1,000 × 1,000): its critical points, the names of the ends, and one
// start run by gradient descent or by Newton's method as the book writes it.
import { criticalPoints, himmelblau } from '@numcomp/core';
import { minimize } from '@numcomp/optimizers';
import { pureNewton } from './_pureNewton.js';

export const HIMMELBLAU = himmelblau();
/** Himmelblau's critical points: four minima, four saddles, one maximum. */
const HIMMELBLAU_POINTS = criticalPoints(HIMMELBLAU, { grid: 11 });
/**
 * The names of the ends, by code (one character per start in a row's `ends`): the names sort minima first,
 * so that the maps of both methods colour them alike.
 */
const CODES: string[] = [];
for (const p of HIMMELBLAU_POINTS) {
  const at = `(${p.x[0]!.toFixed(2)}, ${p.x[1]!.toFixed(2)})`;
  const name = p.kind === 'minimum' ? `min ${at}` : p.kind === 'maximum' ? 'the maximum' : 'saddle point';
  CODES.push(name);
}
const UNSETTLED = 'unsettled';
const AWAY = 'x → ∞';
CODES.push(UNSETTLED, AWAY);
/** The names of the ends of a Himmelblau row, by code: character `97 + k` of `ends` is `HIMMELBLAU_ENDS[k]`. */
export const HIMMELBLAU_ENDS: readonly string[] = CODES;

/** The code of the critical point x reached (within 1e-4), else unsettled or away. */
export function endCode(x: ArrayLike<number>, converged: boolean): number {
  if (!(Math.abs(x[0]!) < 1e3 && Math.abs(x[1]!) < 1e3)) return CODES.length - 1;
  if (converged) {
    for (let k = 0; k < HIMMELBLAU_POINTS.length; k++) {
      const p = HIMMELBLAU_POINTS[k]!.x;
      if (Math.abs(x[0]! - p[0]!) < 1e-4 && Math.abs(x[1]! - p[1]!) < 1e-4) return k;
    }
  }
  return CODES.length - 2;
}

/** Gradient descent's learning rate on Himmelblau (its Hessian reaches ~80 at the minima: 2/80 = 0.025). */
export const LR_HIMMELBLAU = 0.01;
/** Gradient descent's options on Himmelblau (lockstep runs take the same: the same bits). */
export const DESCENT = { lr: LR_HIMMELBLAU, tol: 1e-6, maxIter: 2000 } as const;
/** Newton's tolerance and step limit. */
export const NEWTON = { tol: 1e-10, maxIter: 100 } as const;

/** Where gradient descent from (x, y) ends (its code) and in how many steps. */
export function descentEnd(x: number, y: number): [number, number] {
  const r = minimize(HIMMELBLAU, [x, y], { method: 'gradient-descent', ...DESCENT });
  return [endCode(r.x, r.status === 'converged'), r.nit];
}

/** Where Newton's method as the book writes it, from (x, y), ends (its code) and in how many steps. */
export function newtonEnd(x: number, y: number): [number, number] {
  const r = pureNewton(HIMMELBLAU, [x, y], NEWTON.tol, NEWTON.maxIter);
  return [endCode(r.x, r.status === 'converged'), r.nit];
}
