import type { RunStatus } from '../types.js';

/** Every way a run can end, in one list (the digest codes them by position). */
export const RUN_STATUSES: readonly RunStatus[] = [
  'converged',
  'max-iter',
  'diverged',
  'stalled',
  'non-finite',
  'stopped',
  'ok',
  'error',
  'timeout',
];

/** Fields of a run record itself: a plot or filter may name them besides the parameters. */
export const RECORD_FIELDS: ReadonlySet<string> = new Set([
  'id',
  'status',
  'time',
  'x',
  'fun',
  'gradNorm',
  'nit',
  'nfev',
  'ngev',
  'nhev',
  'kkt',
  'message',
]);
