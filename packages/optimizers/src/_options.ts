// Validation and defaults of `minimize`'s options, shared by `minimize` and the named method exports:
//
//   const o = resolveOptions(problem, x0, options, 'adam');   // throws RangeError/TypeError, before any work
//   o.x0 (a fresh Float64Array copy), o.lr, o.tol, o.maxIter, o.gradient, o.h, o.schedule, ...
//
// Every check happens here, at the public edge; kernels trust the resolved record.
import { checkFunction, checkVector, rangeError, show, typeError } from '@numcomp/core';
import { LINE_SEARCHES, METHODS } from './methods.js';
import type {
  Constraint,
  IterationState,
  LineSearchKind,
  Method,
  MinimizeOptions,
  Problem,
  RecordOptions,
  Schedule,
} from './types.js';

/** Methods whose step is lr·(something): schedules apply to them. */
const FIRST_ORDER: ReadonlySet<Method> = new Set([
  'gradient-descent',
  'momentum',
  'nesterov',
  'adagrad',
  'rmsprop',
  'adam',
  'projected-gradient',
]);

/** A schedule in object form. */
export type ScheduleSpec = Exclude<Schedule, 'constant'>;

/** Options after validation and defaults. */
export interface Resolved {
  readonly method: Method;
  readonly n: number;
  /** A private copy of x0. */
  readonly x0: Float64Array;
  readonly lr: number;
  readonly momentum: number;
  readonly tol: number;
  readonly maxIter: number;
  readonly gradient: 'analytic' | 'numerical';
  readonly h: number;
  readonly lineSearch: LineSearchKind;
  readonly lineSearchOptions: Readonly<Record<string, unknown>> | undefined;
  readonly schedule: ScheduleSpec;
  readonly callback: ((state: IterationState) => boolean | undefined) | undefined;
  readonly record: boolean | RecordOptions;
  readonly constraints: readonly Constraint[];
  /** Adam's β₂ (default 0.999). */
  readonly beta2: number;
  /** RMSProp's decay ρ (default 0.9). */
  readonly rho: number;
  /** ε of AdaGrad (default 1e-10), RMSProp and Adam (default 1e-8). */
  readonly epsilon: number;
}

/** Default `maxIter` of the first-order methods: the notebook's `step_num`. */
export const DEFAULT_MAX_ITER = 100;

function num(options: MinimizeOptions, name: string, fallback: number): number {
  const v = options[name];
  if (v === undefined) return fallback;
  if (typeof v !== 'number') throw typeError(name, v, 'expected a number');
  return v;
}

/** Validates `schedule` (the base rate is checked separately) and returns its object form. */
export function checkSchedule(s: unknown): ScheduleSpec {
  if (s === undefined || s === 'constant') return { type: 'constant' };
  if (s === null || typeof s !== 'object')
    throw typeError('schedule', s, 'expected "constant" or { type, ... }');
  const o = s as Record<string, unknown>;
  const positiveInt = (k: string): void => {
    const v = o[k];
    if (typeof v !== 'number') throw typeError(`schedule.${k}`, v, 'expected a number');
    if (!(Number.isInteger(v) && v >= 1)) throw rangeError(`schedule.${k}`, v, 'expected an integer ≥ 1');
  };
  const inRange = (k: string, lo: number, hi: number, optional = false): void => {
    const v = o[k];
    if (optional && v === undefined) return;
    if (typeof v !== 'number') throw typeError(`schedule.${k}`, v, 'expected a number');
    if (!(v >= lo && v <= hi)) throw rangeError(`schedule.${k}`, v, `expected a number in [${lo}, ${hi}]`);
  };
  switch (o.type) {
    case 'constant':
      return { type: 'constant' };
    case 'step':
      positiveInt('every');
      inRange('factor', 0, 1);
      return s as ScheduleSpec;
    case 'exponential':
      inRange('decay', 0, 1);
      return s as ScheduleSpec;
    case 'inverse-time':
      inRange('decay', 0, Number.MAX_VALUE);
      return s as ScheduleSpec;
    case 'cosine':
      if (o.period !== undefined) positiveInt('period');
      inRange('minLr', 0, Number.MAX_VALUE, true);
      return s as ScheduleSpec;
    default:
      throw rangeError(
        'schedule.type',
        o.type,
        'expected constant, step, exponential, inverse-time or cosine',
      );
  }
}

/** Validates constraints for dimension n. */
export function checkConstraints(cs: unknown, n: number): readonly Constraint[] {
  if (cs === undefined) return [];
  if (!Array.isArray(cs)) throw typeError('constraints', cs, 'expected an array');
  cs.forEach((c: unknown, j) => {
    const name = `constraints[${j}]`;
    if (c === null || typeof c !== 'object') throw typeError(name, c, 'expected { type, ... }');
    const o = c as Record<string, unknown>;
    const vec = (k: string): ArrayLike<number> => {
      const v = o[k];
      checkVector(`${name}.${k}`, v);
      if (v.length !== n) throw rangeError(`${name}.${k}`, v, `expected length ${n}`);
      return v;
    };
    const finiteVec = (k: string): void => {
      const v = vec(k);
      for (let i = 0; i < n; i++) {
        if (!Number.isFinite(v[i])) throw rangeError(`${name}.${k}[${i}]`, v[i], 'expected a finite number');
      }
    };
    switch (o.type) {
      case 'box': {
        const lo = vec('lower');
        const hi = vec('upper');
        for (let i = 0; i < n; i++) {
          const l = lo[i]!;
          const u = hi[i]!;
          if (Number.isNaN(l) || l === Number.POSITIVE_INFINITY) {
            throw rangeError(`${name}.lower[${i}]`, l, 'expected a number < Infinity');
          }
          if (Number.isNaN(u) || u === Number.NEGATIVE_INFINITY) {
            throw rangeError(`${name}.upper[${i}]`, u, 'expected a number > -Infinity');
          }
          if (l > u) throw rangeError(`${name}.lower[${i}]`, l, `greater than upper ${u}`);
        }
        break;
      }
      case 'ball': {
        if (o.center !== undefined) finiteVec('center');
        const r = o.radius;
        if (typeof r !== 'number') throw typeError(`${name}.radius`, r, 'expected a number');
        if (!(r >= 0 && r < Number.POSITIVE_INFINITY)) {
          throw rangeError(`${name}.radius`, r, 'expected a finite number ≥ 0');
        }
        break;
      }
      case 'halfspace': {
        finiteVec('a');
        const a = o.a as ArrayLike<number>;
        let nz = false;
        for (let i = 0; i < n; i++) if (a[i] !== 0) nz = true;
        if (!nz) throw rangeError(`${name}.a`, a, 'expected a non-zero normal');
        if (typeof o.b !== 'number') throw typeError(`${name}.b`, o.b, 'expected a number');
        if (!Number.isFinite(o.b)) throw rangeError(`${name}.b`, o.b, 'expected a finite number');
        break;
      }
      default:
        throw rangeError(`${name}.type`, o.type, 'expected box, ball or halfspace');
    }
  });
  return cs as readonly Constraint[];
}

/**
 * Validates everything `minimize` and the method exports accept, before any work, and fills defaults.
 * Throws `TypeError` for a wrong type and `RangeError` for a bad value, `invalid <name>: <value>`.
 */
export function resolveOptions(
  problem: Problem,
  x0: ArrayLike<number>,
  options: MinimizeOptions | undefined,
  method: Method,
): Resolved {
  if (problem === null || typeof problem !== 'object') {
    throw typeError('problem', problem, 'expected { f, grad?, hess? }');
  }
  checkFunction('problem.f', problem.f);
  if (problem.grad !== undefined) checkFunction('problem.grad', problem.grad);
  if (problem.hess !== undefined) checkFunction('problem.hess', problem.hess);
  checkVector('x0', x0);
  const n = x0.length;
  const dim = (problem as { dim?: unknown }).dim;
  if (typeof dim === 'number' && dim !== n) throw rangeError('x0', x0, `expected length ${dim}`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x0[i])) throw rangeError('x0', x0, `x0[${i}] is not finite`);
  }
  if (options !== undefined && (options === null || typeof options !== 'object')) {
    throw typeError('options', options, 'expected an object');
  }
  const o: MinimizeOptions = options ?? {};

  if (o.method !== undefined && o.method !== method) {
    throw rangeError('method', o.method, `this function runs ${show(method)}`);
  }

  const lr = num(o, 'lr', 0.01);
  if (!(lr > 0 && lr < Number.POSITIVE_INFINITY)) throw rangeError('lr', lr, 'expected a finite number > 0');

  const defaultMomentum = 0.9;
  const momentum = num(o, 'momentum', defaultMomentum);
  if (!(momentum >= 0 && momentum < 1)) throw rangeError('momentum', momentum, 'expected a number in [0, 1)');

  const tol = num(o, 'tol', 0);
  if (!(tol >= 0 && tol < Number.POSITIVE_INFINITY))
    throw rangeError('tol', tol, 'expected a finite number ≥ 0');

  const maxIter = num(o, 'maxIter', DEFAULT_MAX_ITER);
  if (!(Number.isInteger(maxIter) && maxIter >= 0)) {
    throw rangeError('maxIter', maxIter, 'expected a non-negative integer');
  }

  const gradient = o.gradient ?? (problem.grad !== undefined ? 'analytic' : 'numerical');
  if (gradient !== 'analytic' && gradient !== 'numerical') {
    throw rangeError('gradient', gradient, 'expected "analytic" or "numerical"');
  }
  if (gradient === 'analytic' && problem.grad === undefined) {
    throw rangeError('gradient', gradient, 'the problem has no grad');
  }

  const h = num(o, 'h', 1e-4);
  if (!(h > 0 && h < Number.POSITIVE_INFINITY)) throw rangeError('h', h, 'expected a finite number > 0');

  const lineSearch = o.lineSearch ?? 'none';
  if (!LINE_SEARCHES.includes(lineSearch)) {
    throw rangeError('lineSearch', lineSearch, `expected one of ${LINE_SEARCHES.join(', ')}`);
  }
  if (lineSearch !== 'none' && FIRST_ORDER.has(method) && method !== 'gradient-descent') {
    throw rangeError('lineSearch', lineSearch, `${method} takes lr steps; only gradient-descent searches`);
  }
  const lso = o.lineSearchOptions;
  if (lso !== undefined && (lso === null || typeof lso !== 'object')) {
    throw typeError('lineSearchOptions', lso, 'expected an object');
  }

  const schedule = checkSchedule(o.schedule);

  if (o.callback !== undefined) checkFunction('callback', o.callback);

  const record = o.record ?? false;
  if (typeof record !== 'boolean') {
    if (record === null || typeof record !== 'object') {
      throw typeError('record', record, 'expected a boolean or { every, max }');
    }
    const { every, max } = record;
    if (every !== undefined && !(Number.isInteger(every) && every >= 1)) {
      throw rangeError('record.every', every, 'expected an integer ≥ 1');
    }
    if (max !== undefined && !((Number.isInteger(max) && max >= 2) || max === Number.POSITIVE_INFINITY)) {
      throw rangeError('record.max', max, 'expected an integer ≥ 2');
    }
  }

  const constraints = checkConstraints(o.constraints, n);
  if (method === 'projected-gradient' && constraints.length === 0) {
    throw rangeError('constraints', o.constraints, 'projected-gradient needs at least one constraint');
  }
  if (method !== 'projected-gradient' && constraints.length > 0) {
    throw rangeError('constraints', o.constraints, `${method} is unconstrained; use projected-gradient`);
  }

  const beta2 = num(o, 'beta2', 0.999);
  if (!(beta2 >= 0 && beta2 < 1)) throw rangeError('beta2', beta2, 'expected a number in [0, 1)');
  const rho = num(o, 'rho', 0.9);
  if (!(rho >= 0 && rho < 1)) throw rangeError('rho', rho, 'expected a number in [0, 1)');
  const epsilon = num(o, 'epsilon', method === 'adagrad' ? 1e-10 : 1e-8);
  if (!(epsilon > 0 && epsilon < Number.POSITIVE_INFINITY)) {
    throw rangeError('epsilon', epsilon, 'expected a finite number > 0');
  }

  return {
    method,
    n,
    x0: Float64Array.from(x0),
    lr,
    momentum,
    tol,
    maxIter,
    gradient,
    h,
    lineSearch,
    lineSearchOptions: lso as Readonly<Record<string, unknown>> | undefined,
    schedule,
    callback: o.callback,
    record,
    constraints,
    beta2,
    rho,
    epsilon,
  };
}

/** Validates `options.method` of `minimize`. */
export function checkMethod(method: unknown): Method {
  if (method === undefined) return 'gradient-descent';
  if (typeof method !== 'string') throw typeError('method', method, 'expected a string');
  if (!(METHODS as readonly string[]).includes(method)) {
    throw rangeError('method', method, `expected one of ${METHODS.join(', ')}`);
  }
  return method as Method;
}
