export {
  type ContourOptions,
  type ContourPlotOptions,
  contourPlot,
  type Grid,
  type LevelScale,
  type Minimum,
  type Trajectory,
  type ValueScheme,
} from './contourPlot.js';
export { type ConvergencePlotOptions, type ConvergenceRun, convergencePlot } from './convergencePlot.js';
export { escapeHtml } from './escapeHtml.js';
export { type HeatmapOptions, type HeatmapOverlay, heatmap } from './heatmap.js';
export {
  type HtmlReportOptions,
  htmlReport,
  type ReportCell,
  type ReportColumn,
  type ReportPlot,
  type ReportSection,
  type ReportTable,
  type Stat,
} from './htmlReport.js';
export { type LinePlotOptions, type LineSeries, linePlot, type Reduce, type RefLine } from './linePlot.js';
export { categoryColors, type Outcome, okabeIto, outcomeColors, outcomes } from './palettes.js';
export {
  type ParallelCoordinatesOptions,
  type ParallelDimension,
  type ParallelValues,
  parallelCoordinates,
} from './parallelCoordinates.js';
export {
  type CellMark,
  type CellReduce,
  type ContourMark,
  type ConvergenceMark,
  type DotMark,
  type Fields,
  type LineMark,
  type ParallelField,
  type ParallelMark,
  type PlotSpec,
  plot,
  type Row,
  type VectorMark,
} from './plot.js';
export { type QuiverPlotOptions, quiverPlot } from './quiverPlot.js';
export { type ReportIndexEntry, type ReportIndexOptions, reportIndex } from './reportIndex.js';
export { type ReportTableOptions, reportTable, type TableField } from './reportTable.js';
export { type ScatterPlotOptions, type ScatterSeries, scatterPlot } from './scatterPlot.js';
export { type SmallMultiplesOptions, smallMultiples } from './smallMultiples.js';
export { svgNote } from './svgNote.js';
export type { AxisScale, Overlay, PlotOptions } from './types.js';
