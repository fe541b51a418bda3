// The stepping API, as optax's: an optimizer is `init(x0) → state` and `update(state, grad) → step`, and the
// caller drives the loop. The whole-loop methods (`minimize`, `adam`, …) run the same update rules.
import { checkOptionKeys, checkVector, rangeError, typeError } from '@numcomp/core';
import { checkSchedule } from './_optionShapes.js';
import { makeRule, newState, type Rule, type StepMethod, type UpdateState } from './_updates.js';
import { checkOption, OPTIONS, type OptionName } from './options.js';
import { scheduledRate } from './schedules.js';
import type { MinimizeOptions } from './types.js';

export type { StepMethod } from './_updates.js';

/** The first-order methods the stepping API offers. */
const STEP_METHODS: readonly StepMethod[] = [
  'gradient-descent',
  'momentum',
  'nesterov',
  'adagrad',
  'rmsprop',
  'adam',
];

/** The options of the stepping API: the method's hyperparameters, its schedule and the cosine horizon. */
export type StepOptions = Pick<
  MinimizeOptions,
  'lr' | 'momentum' | 'beta1' | 'beta2' | 'rho' | 'epsilon' | 'centered' | 'schedule' | 'maxIter'
>;

/** The options a step rule reads; `maxIter` only sets a cosine schedule's default period. */
const STEP_KEYS: readonly OptionName[] = [
  'lr',
  'momentum',
  'beta1',
  'beta2',
  'rho',
  'epsilon',
  'centered',
  'schedule',
  'maxIter',
];

/**
 * An optimizer's state: plain data, owned by the caller. `step` is the last Δx (a buffer reused by every
 * update: copy it to keep it); `count` is the number of updates so far.
 */
export interface OptimizerState extends Readonly<UpdateState> {
  /** The method whose `init` made this state. */
  readonly method: StepMethod;
}

/** A first-order method as `init` and `update`, driven by the caller. */
export interface Optimizer {
  /** The method it runs. */
  readonly method: StepMethod;
  /** A fresh state for a point of x0's dimension (x0 itself is not kept). */
  init(x0: ArrayLike<number>): OptimizerState;
  /**
   * One update from the gradient at the current point: advances `state` in place and returns Δx
   * (`state.step`); apply it with {@link applyStep}. Allocates nothing.
   */
  update(state: OptimizerState, grad: ArrayLike<number>): Float64Array;
}

/**
 * A first-order method as an optax-style optimizer, `init(x0) → state` and `update(state, grad) → step`,
 * for a caller that computes gradients itself (stochastic or not) and drives the loop. The update rules
 * are the ones `minimize` runs (gradient descent, heavy ball, Nesterov, AdaGrad, RMSProp with momentum
 * and `centered`, Adam), with the same options and defaults, and the learning rate follows `schedule`
 * at step `state.count` (a cosine schedule's period defaults to `maxIter`, else 100).
 *
 * ```math
 * s_0 = \operatorname{init}(x_0), \qquad (\Delta x_k, s_{k+1}) = \operatorname{update}(s_k, \nabla f(x_k)),
 * \qquad x_{k+1} = x_k + \Delta x_k
 * ```
 *
 * @param method - `'gradient-descent'`, `'momentum'`, `'nesterov'`, `'adagrad'`, `'rmsprop'` or `'adam'`.
 * @param options - `lr`, `momentum`, `beta1`, `beta2`, `rho`, `epsilon`, `centered`, `schedule`,
 *   `maxIter`, each as in {@link MinimizeOptions} (checked here; unknown keys and options the method
 *   does not use are refused).
 * @returns The optimizer.
 * @example
 * ```ts
 * const opt = optimizer('adam', { lr: 0.1 });
 * const x = Float64Array.of(-1, 10, 1);
 * const state = opt.init(x);
 * const g = new Float64Array(3);
 * for (let k = 0; k < 1000; k++) {
 *   for (let i = 0; i < 3; i++) g[i] = 2 * (x[i]! - [1, -1, 1][i]!);
 *   applyStep(x, opt.update(state, g));
 * }
 * x; // ≈ [1, -1, 1]
 * ```
 */
export function optimizer(method: StepMethod, options?: StepOptions): Optimizer {
  if (!(STEP_METHODS as readonly string[]).includes(method)) {
    throw rangeError('method', method, `expected one of ${STEP_METHODS.join(', ')}`);
  }
  const used = STEP_KEYS.filter((k) => k === 'maxIter' || OPTIONS[k].methods.includes(method));
  checkOptionKeys(options, STEP_KEYS);
  const o = (options ?? {}) as Record<string, unknown>;
  for (const k of STEP_KEYS) {
    if (o[k] === undefined) continue;
    checkOption(k, o[k]);
    if (!used.includes(k)) throw rangeError(k, o[k], `${method} does not use ${k}`);
  }
  const get = <T>(k: OptionName, fallback: T): T => (o[k] === undefined ? fallback : (o[k] as T));
  const lr0 = get('lr', OPTIONS.lr.default as number);
  const schedule = checkSchedule(o.schedule);
  const horizon = get('maxIter', 100);
  if (schedule.type === 'cosine' && schedule.period === undefined && !Number.isFinite(horizon)) {
    throw rangeError('schedule.period', undefined, 'a cosine schedule needs a period or a finite maxIter');
  }
  const rule: Rule = makeRule(method, {
    momentum: get('momentum', method === 'rmsprop' ? 0 : 0.9),
    beta1: get('beta1', OPTIONS.beta1.default as number),
    beta2: get('beta2', OPTIONS.beta2.default as number),
    rho: get('rho', OPTIONS.rho.default as number),
    epsilon: get('epsilon', method === 'adagrad' ? 1e-10 : (OPTIONS.epsilon.default as number)),
    centered: get('centered', false),
  });
  const constant = schedule.type === 'constant';
  return {
    method,
    init(x0) {
      checkVector('x0', x0);
      return { ...newState(x0.length), method };
    },
    update(state, grad) {
      if (state === null || typeof state !== 'object' || !(state.step instanceof Float64Array)) {
        throw typeError('state', state, 'expected a state from init');
      }
      if (state.method !== method) throw rangeError('state', state.method, `a state of ${method}`);
      const n = state.step.length;
      if (grad === null || typeof grad !== 'object' || grad.length !== n) {
        throw rangeError('grad', grad, `expected ${n} numbers, got ${grad?.length}`);
      }
      const lr = constant ? lr0 : scheduledRate(schedule, lr0, state.count, horizon);
      rule(state as UpdateState, grad, lr);
      return state.step;
    },
  };
}

/**
 * x ← x + Δx in place (optax's `apply_updates`).
 *
 * @param x - The point, updated in place.
 * @param step - Δx from {@link Optimizer.update}, of x's length.
 * @returns `x`.
 * @example
 * ```ts
 * applyStep(Float64Array.of(1, 2), Float64Array.of(0.5, -1)); // Float64Array [1.5, 1]
 * ```
 */
export function applyStep(x: Float64Array, step: ArrayLike<number>): Float64Array {
  if (!(x instanceof Float64Array)) throw typeError('x', x, 'expected a Float64Array');
  if (step === null || typeof step !== 'object' || step.length !== x.length) {
    throw rangeError('step', step, `expected ${x.length} numbers`);
  }
  for (let i = 0; i < x.length; i++) x[i] = x[i]! + step[i]!;
  return x;
}
