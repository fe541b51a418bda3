import type { Json, Params } from '../types.js';

/** Whether params are an optimizer run's nested params. */
export function isNested(p: Params): boolean {
  const o = p.objective;
  return o !== null && typeof o === 'object' && !Array.isArray(o) && 'name' in o && p.optimizer !== undefined;
}

/**
 * A run's params as one flat record, the way a user names them on the command line and in plot specs:
 * `objective` (the name), the objective's parameters, the options of `minimize` and `x0`. Function
 * sweeps' params are flat already.
 *
 * @param p - A run's params.
 * @returns The flat view (a new object for nested params).
 * @example
 * ```ts
 * flatParams({ objective: { name: 'quadratic', params: { kappa: 10 } }, optimizer: { lr: 0.1 }, x0: [1, 1] });
 * // { objective: 'quadratic', kappa: 10, lr: 0.1, x0: [1, 1] }
 * ```
 */
export function flatParams(p: Params): Params {
  if (!isNested(p)) return p;
  const o = p.objective as { name: Json; params: Params };
  return { objective: o.name, ...o.params, ...(p.optimizer as Params), x0: p.x0 ?? null };
}

/**
 * A parameter of a run by the name a user gives it (`lr`, `kappa`, `objective`, `x0`): nested params
 * are looked up in their optimizer options, then the objective's parameters; flat ones directly.
 *
 * @param params - A run's params.
 * @param key - The parameter's name.
 * @returns Its value, or undefined.
 * @example
 * ```ts
 * param({ objective: { name: 'quadratic', params: { kappa: 10 } }, optimizer: { lr: 0.1 }, x0: [1, 1] }, 'kappa'); // 10
 * ```
 */
export function param(params: Params, key: string): Json | undefined {
  const opt = params.optimizer;
  const obj = params.objective;
  if (
    obj !== null &&
    typeof obj === 'object' &&
    !Array.isArray(obj) &&
    opt !== null &&
    typeof opt === 'object' &&
    !Array.isArray(opt)
  ) {
    if (key === 'objective') return (obj as { name?: Json }).name;
    if (key === 'x0') return params.x0;
    const o = (opt as Params)[key];
    if (o !== undefined) return o;
    const p = (obj as { params?: Params }).params;
    return p?.[key];
  }
  return params[key];
}
