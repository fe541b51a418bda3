export { BullmqExecutor, type BullmqExecutorOptions } from './BullmqExecutor.js';
export { canonicalJson } from './canonicalJson.js';
export { defineExperiment } from './defineExperiment.js';
export { ERROR_CODES, type ErrorCode, invalid, RunnerError } from './errors.js';
export { type ExecuteOptions, type Executor, failureLine } from './executor.js';
export { linspace } from './linspace.js';
export { type LoadedExperiment, loadExperiments } from './loadExperiments.js';
export { logspace } from './logspace.js';
export { PiscinaExecutor, type PiscinaExecutorOptions } from './PiscinaExecutor.js';
export { type Override, parseOverride, parseOverrides } from './parseOverride.js';
export { type PlannedRun, type PlanOptions, planSweep, type SweepPlan } from './planSweep.js';
export { pointsGrid } from './pointsGrid.js';
export { randomPoints } from './randomPoints.js';
export { type BatchResult, type BatchTask, runBatch } from './runBatch.js';
export { RUN_ID_LENGTH, runId, runIdOfCanonical } from './runId.js';
export { type RunSweepOptions, runSweep, type SweepOutcome } from './runSweep.js';
export { type SweepWorker, type SweepWorkerOptions, startSweepWorker } from './sweepWorker.js';
export type {
  Accessor,
  ContourSpec,
  ConvergenceSpec,
  DataFigure,
  Experiment,
  ExperimentBase,
  FunctionExperiment,
  Grid,
  HeatmapSpec,
  Json,
  LineSpec,
  ObjectiveSpec,
  OptimizerExperiment,
  OptimizerOptions,
  Overlay,
  Params,
  PlotSpec,
  ProblemWithDim,
  QuiverSpec,
  ReportContext,
  ReportSection,
  RunContext,
  RunRecord,
  RunStatus,
  TableSpec,
  TrajectoryRecord,
  Where,
} from './types.js';
export { values } from './values.js';
export { renderReport, writeIndex, writeReport } from './writeReport.js';
