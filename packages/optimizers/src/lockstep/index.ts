export { LOCKSTEP_STATUSES, LockstepResult } from './lockstepResult.js';
export { LOCKSTEP_METHODS, minimizeLockstep } from './minimizeLockstep.js';
export type { BatchProblem, LockstepMethod, LockstepOptions } from './types.js';
