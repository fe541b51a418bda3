export { adagrad } from './adagrad.js';
export { adam } from './adam.js';
export { bfgs } from './bfgs.js';
export { conjugateGradient } from './conjugateGradient.js';
export type { KktReport } from './constraints/kkt.js';
export { kkt } from './constraints/kkt.js';
export { project } from './constraints/project.js';
export { gradientDescent } from './gradientDescent.js';
export { lbfgs } from './lbfgs.js';
export type { LstsqOptions, LstsqResult } from './leastSquares.js';
export { lstsq } from './leastSquares.js';
export type { BacktrackingOptions } from './lineSearch/backtracking.js';
export { backtracking } from './lineSearch/backtracking.js';
export type { ExactLineSearchOptions } from './lineSearch/exact.js';
export { exactLineSearch } from './lineSearch/exact.js';
export type { GridSearchOptions } from './lineSearch/grid.js';
export { DEFAULT_GRID, gridSearch } from './lineSearch/grid.js';
export type { Restriction } from './lineSearch/restrictToLine.js';
export { restrictToLine } from './lineSearch/restrictToLine.js';
export type { StrongWolfeOptions } from './lineSearch/strongWolfe.js';
export { strongWolfe } from './lineSearch/strongWolfe.js';
export type { LineSearchResult, ScalarFunction } from './lineSearch/types.js';
export { LINE_SEARCHES, METHODS } from './methods.js';
export { minimize, minimizer } from './minimize.js';
export { momentum } from './momentum.js';
export { nelderMead } from './nelderMead.js';
export { nesterov } from './nesterov.js';
export { newton } from './newton.js';
export type { Optimizer, OptimizerState, StepMethod, StepOptions } from './optimizer.js';
export { applyStep, optimizer } from './optimizer.js';
export type { OptionName, OptionSpec } from './options.js';
export { checkOption, checkOptions, LINE_SEARCH_OPTIONS, OPTIONS, optionsFor } from './options.js';
export { projectedGradient } from './projectedGradient.js';
export { rmsprop } from './rmsprop.js';
export { saddleFreeNewton } from './saddleFreeNewton.js';
export { learningRate } from './schedules.js';
export type {
  Bounds,
  Constraint,
  IterationState,
  LineSearchKind,
  LineSearchOptions,
  Method,
  MinimizeOptions,
  OptimizeResult,
  Problem,
  RecordOptions,
  Schedule,
  Status,
  Trajectory,
} from './types.js';
