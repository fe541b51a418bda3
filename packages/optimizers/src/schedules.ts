import { checkFinite, rangeError } from '@numcomp/core';
import { checkSchedule, type ScheduleSpec } from './_optionShapes.js';
import type { Schedule } from './types.js';

/** lr_k of an already validated schedule (kernels call this; `period` falls back to `horizon`). */
export function scheduledRate(s: ScheduleSpec, lr0: number, k: number, horizon: number): number {
  switch (s.type) {
    case 'constant':
      return lr0;
    case 'step':
      return lr0 * s.factor ** Math.floor(k / s.every);
    case 'exponential':
      return lr0 * s.decay ** k;
    case 'inverse-time':
      return lr0 / (1 + s.decay * k);
    case 'cosine': {
      const period = s.period ?? Math.max(horizon, 1);
      const minLr = s.minLr ?? 0;
      const t = Math.min(k, period) / period;
      return minLr + 0.5 * (lr0 - minLr) * (1 + Math.cos(Math.PI * t));
    }
  }
}

/**
 * The learning rate of iteration `k` (0-based) under a schedule:
 *
 * ```math
 * \begin{aligned}
 * \text{constant}:&\ \eta_k = \eta_0 &
 * \text{step}:&\ \eta_k = \eta_0\,\gamma^{\lfloor k/s \rfloor} \\
 * \text{exponential}:&\ \eta_k = \eta_0\,d^{k} &
 * \text{inverse-time}:&\ \eta_k = \eta_0 / (1 + d\,k) \\
 * \text{cosine}:&\ \eta_k = \eta_{\min} + \tfrac12(\eta_0 - \eta_{\min})\bigl(1 + \cos(\pi \min(k, T)/T)\bigr)
 * \end{aligned}
 * ```
 *
 * (step: `every` = s, `factor` = γ; exponential and inverse-time: `decay` = d; cosine: `period` = T,
 * default `horizon`, and `minLr`, default 0, as optax's `cosine_decay_schedule`.)
 *
 * @param schedule - `'constant'` or `{ type, ... }` as in {@link Schedule}.
 * @param lr0 - The base learning rate η₀ (finite, > 0).
 * @param k - The iteration, a non-negative integer.
 * @param horizon - The cosine period when the schedule gives none (`maxIter` in a run). Default 100.
 * @returns η_k.
 * @example
 * ```ts
 * learningRate({ type: 'step', every: 10, factor: 0.5 }, 0.1, 25); // 0.025
 * learningRate({ type: 'cosine', period: 100 }, 0.1, 50); // 0.05
 * ```
 */
export function learningRate(schedule: Schedule, lr0: number, k: number, horizon = 100): number {
  const s = checkSchedule(schedule);
  checkFinite('lr0', lr0, true);
  if (!(Number.isInteger(k) && k >= 0)) throw rangeError('k', k, 'expected a non-negative integer');
  if (!(Number.isInteger(horizon) && horizon >= 1)) {
    throw rangeError('horizon', horizon, 'expected an integer ≥ 1');
  }
  return scheduledRate(s, lr0, k, horizon);
}
