export type {
  Constraint,
  IterationState,
  LineSearchKind,
  Method,
  MinimizeOptions,
  OptimizeResult,
  Problem,
  RecordOptions,
  Schedule,
  Status,
  Trajectory,
} from './types.js';
