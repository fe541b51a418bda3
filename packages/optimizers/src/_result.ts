// Building the result record, shared by every method:
//
//   return buildResult({ x, fun, grad, nit, status }, ev, trajectory);
//
// `ev` supplies nfev/ngev/nhev; `success` is `status === 'converged'`; `message` comes from
// `statusMessage` unless given. `x` and `grad` are stored as given (pass arrays you no longer write to).
import type { Evaluator } from './_evaluator.js';
import type { OptimizeResult, Status, Trajectory } from './types.js';

/** The message of a run that ended because its budget of f evaluations (`maxfev`) was spent. */
export const MAXFEV_MESSAGE = 'maxfev reached: the budget of objective evaluations is spent';

/** One human-readable message per status. */
export const statusMessage: Readonly<Record<Status, string>> = {
  converged: 'converged: gradient norm at or below tol',
  'max-iter': 'maximum number of iterations reached',
  diverged: 'diverged: the objective or the iterate blew up',
  stalled: 'stalled: the step no longer changes x',
  'non-finite': 'non-finite objective or gradient at the starting point',
  stopped: 'stopped by the callback',
};

/** The parts of a result a method computes itself. */
export interface ResultParts {
  readonly x: Float64Array;
  readonly fun: number;
  readonly grad: Float64Array;
  readonly nit: number;
  readonly status: Status;
  /** Overrides `statusMessage[status]`. */
  readonly message?: string;
  readonly kkt?: { readonly residual: number; readonly multipliers: number[] };
}

/** Assembles an {@link OptimizeResult} from a method's parts and the evaluator's counters. */
export function buildResult(
  parts: ResultParts,
  counts: Pick<Evaluator, 'nfev' | 'ngev' | 'nhev'>,
  trajectory?: Trajectory,
): OptimizeResult {
  const result: {
    -readonly [K in keyof OptimizeResult]: OptimizeResult[K];
  } = {
    x: parts.x,
    fun: parts.fun,
    grad: parts.grad,
    nit: parts.nit,
    nfev: counts.nfev,
    ngev: counts.ngev,
    nhev: counts.nhev,
    status: parts.status,
    success: parts.status === 'converged',
    message: parts.message ?? statusMessage[parts.status],
  };
  if (trajectory !== undefined) result.trajectory = trajectory;
  if (parts.kkt !== undefined) result.kkt = parts.kkt;
  return result;
}
