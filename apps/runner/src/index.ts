// @numcomp/runner: the sweep machinery, stage by stage. Experiments import the authoring API from
// `@numcomp/runner/experiment` instead: it loads none of this.

export { accessor } from './aggregate/accessor.js';
export { type SweepAggregates, SweepAggregator } from './aggregate/aggregator.js';
export { ERROR_CODES, type ErrorCode, invalid, RunnerError } from './errors.js';
export { BullmqExecutor, type BullmqExecutorOptions } from './execute/bullmq/BullmqExecutor.js';
export { type SweepWorker, type SweepWorkerOptions, startSweepWorker } from './execute/bullmq/sweepWorker.js';
export { type ExecuteOptions, type Executor, failureLine } from './execute/executor.js';
export { PiscinaExecutor, type PiscinaExecutorOptions } from './execute/PiscinaExecutor.js';
export { BatchRunner } from './execute/runBatch.js';
export * from './experiment/index.js';
export { canonicalJson } from './format/canonicalJson.js';
export { CodeDigester } from './plan/codeDigest.js';
export { functionPlots, plotsOf } from './plan/defaultPlots.js';
export { type LoadedExperiment, loadExperiments } from './plan/loadExperiments.js';
export { type Override, parseOverride, parseOverrides } from './plan/parseOverride.js';
export { type PlanOptions, planSweep, type SweepPlan } from './plan/planSweep.js';
export { RUN_ID_LENGTH, runId } from './plan/runId.js';
export { renderReport, writeIndex, writeReport } from './report/writeReport.js';
export { type RunSweepOptions, runSweep, type SweepOutcome } from './runSweep.js';
export { ResultsLog } from './store/resultsLog.js';
export type { BatchResult, BatchTask, PlannedRun, RunSpace } from './types.js';
