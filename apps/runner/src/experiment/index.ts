// The authoring API, `@numcomp/runner/experiment`: what an experiment module imports. It loads no
// executor (no piscina, bullmq or ioredis), so importing an experiment is cheap in every worker.

export { flatParams, param } from '../format/flatParams.js';
export type {
  Accessor,
  CaseRow,
  ContourSpec,
  ConvergenceSpec,
  DataFigure,
  Digits,
  Domain,
  Experiment,
  ExperimentBase,
  FunctionExperiment,
  Grid,
  GridFigure,
  HeatmapGrid,
  HeatmapSpec,
  Json,
  LineSpec,
  ObjectiveSpec,
  OptimizerExperiment,
  OptimizerGrid,
  OptimizerOptions,
  OptimizerRunParams,
  Overlay,
  Params,
  PlotSpec,
  ProblemWithDim,
  QuiverSpec,
  ReportContext,
  ReportSection,
  RunContext,
  RunParams,
  RunRecord,
  RunStatus,
  TableColumn,
  TableSpec,
  TrajectoryRecord,
  Where,
} from '../types.js';
export { arange } from './arange.js';
export { defineExperiment } from './defineExperiment.js';
export { including } from './including.js';
export { linspace } from './linspace.js';
export { logspace } from './logspace.js';
export { pointsGrid } from './pointsGrid.js';
export { randomPoints } from './randomPoints.js';
export { values } from './values.js';
