// Every type shared by the runner's stages, in one module that imports nothing else of the runner:
// the authoring types experiments use, the run and batch types that cross threads and queues, and
// the result record of results.jsonl.
import type { MinimizeOptions, Problem, RecordOptions, Status } from '@numcomp/optimizers';

/** A plain JSON value: what run parameters, run records and results files hold. */
export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

/** A resolved grid point or a set of fixed values: parameter name → JSON value. */
export type Params = { readonly [key: string]: Json };

/** Axes of a sweep: parameter name → the values it takes (the sweep is their Cartesian product). */
export type Grid = { readonly [key: string]: readonly Json[] };

/**
 * The options of `minimize` that a sweep can set or sweep, as `@numcomp/optimizers` declares them (the
 * caller's `callback` and `record` aside), and `x0`: an optimizer experiment sets it in `optimizer`,
 * `grid` or `cases`.
 */
export type OptimizerOptions = Omit<MinimizeOptions, 'callback' | 'record'> & {
  readonly x0?: readonly number[];
};

/** A row of `cases`: options typed as `minimize` declares them (`method: 'adamw'` is a type error), and objective parameters. */
export type CaseRow = { readonly [K in keyof OptimizerOptions]?: OptimizerOptions[K] } & {
  readonly [key: string]: unknown;
};

/** An optimizer experiment's grid: the values of each option typed as `minimize` declares them. */
export type OptimizerGrid = {
  readonly [K in keyof OptimizerOptions]?: readonly NonNullable<OptimizerOptions[K]>[];
} & {
  readonly [key: string]: readonly unknown[];
};

/** A problem defined in an experiment module; `dim` lets the runner check `x0` before any run. */
export type ProblemWithDim = Problem & { readonly dim?: number };

/**
 * The objective of an optimizer experiment: a `@numcomp/core` test function by registry name, with
 * parameters, or a problem built by a factory in the module from the resolved parameters.
 * Objective parameters are declared in `params` (with their default values); the grid may sweep them.
 */
export type ObjectiveSpec =
  | string
  | { readonly name: string; readonly params?: Params }
  | { readonly name: string; readonly params?: Params; readonly problem: (params: Params) => ProblemWithDim };

/** A filter on runs: parameter (or result) → the value it must equal, or `{ in: [...] }` for a set. */
export type Where = { readonly [key: string]: Json | { readonly in: readonly Json[] } };

/**
 * A path into a run record: a parameter (`lr`, `x0[1]`), a result field (`fun`, `nit`, `status`,
 * `x[0]`, `gradNorm`, `time`), or a field of the record a `run` function returned (`values.error`,
 * or just `error` when no parameter or result field has that name).
 */
export type Accessor = string;

/**
 * Drawn over a plot: a vertical or horizontal rule, a polyline in data coordinates, or a region (a
 * closed polygon) whose inside or outside is faded, e.g. the infeasible side of a constraint.
 */
export type Overlay =
  | { readonly type: 'vline'; readonly x: number; readonly label?: string }
  | { readonly type: 'hline'; readonly y: number; readonly label?: string }
  | {
      readonly type: 'curve';
      readonly points: readonly (readonly [number, number])[];
      readonly label?: string;
    }
  | {
      readonly type: 'region';
      /** The polygon's vertices (closed automatically); its outline is drawn solid. */
      readonly points: readonly (readonly [number, number])[];
      readonly label?: string;
      /** Which side to fade (default `'outside'`: the region is what stays clear, e.g. a feasible set). */
      readonly fade?: 'inside' | 'outside';
    };

/** `[[x0, x1], [y0, y1]]`: the box a plot shows. */
export type Domain = readonly [readonly [number, number], readonly [number, number]];

interface PlotBase {
  /** Heading above the plot. */
  readonly title?: string;
  /** A sentence under the plot. */
  readonly caption?: string;
  /** Only runs that match. */
  readonly where?: Where;
  /**
   * Set by the planner, never by an experiment: why the plot shows other values than its filter
   * named (an override left none of them; see `plan/relaxPlots.ts`).
   */
  readonly relaxed?: string;
}

/** Contours of the objective with optimizer trajectories over them (2-D objectives). */
export interface ContourSpec extends PlotBase {
  readonly type: 'contour';
  /** Overlay trajectories (default true). */
  readonly trajectories?: boolean;
  /** At most this many trajectories, chosen evenly in grid order (default 12). */
  readonly maxRuns?: number;
  /** Parameters that name a run in the legend (default: the swept ones). */
  readonly label?: readonly Accessor[];
  /** `[[x0, x1], [y0, y1]]`; default: the test function's domain, widened to hold the trajectories. */
  readonly domain?: Domain;
  /** Contour level scale (default `'log'`). */
  readonly scale?: 'log' | 'linear';
  /** Draw the axes x = 0 and y = 0 dashed, as the notebook does. */
  readonly axes?: boolean;
  /** The function to contour (default: the runs' objective). */
  readonly objective?: ObjectiveSpec;
  /** Lines and regions over the contours, under the trajectories: e.g. constraint boundaries. */
  readonly overlays?: readonly Overlay[];
}

/** f, f − f*, or ‖∇f‖ against iteration, one curve per run (log y). */
export interface ConvergenceSpec extends PlotBase {
  readonly type: 'convergence';
  /** What to plot (default `'f'`). `'gap'` is f − f* with f* the objective's known minimum. */
  readonly y?: 'f' | 'gap' | 'gradNorm';
  readonly maxRuns?: number;
  readonly label?: readonly Accessor[];
  /**
   * Line colours: `'run'` (one per run, each in the legend), `'status'` (the outcome palette), or an
   * accessor such as `'method'` (one colour and one legend entry per value). Default: by run up to
   * 8 runs, else by status.
   */
  readonly colorBy?: 'run' | 'status' | Accessor;
}

/** A value or an outcome over two parameters. */
export interface HeatmapSpec extends PlotBase {
  readonly type: 'heatmap';
  readonly x: Accessor;
  readonly y: Accessor;
  /** `'status'` draws outcome classes; anything numeric draws a colour scale. */
  readonly value: Accessor;
  /** How runs that share a cell combine (default: `'mode'` for status, `'mean'` otherwise). */
  readonly reduce?: 'mean' | 'min' | 'max' | 'median' | 'mode';
  /** One heatmap per value of this parameter (small multiples). */
  readonly facet?: Accessor;
  readonly logX?: boolean;
  readonly logY?: boolean;
  /** Log colour scale for numeric values. */
  readonly logValue?: boolean;
  readonly overlays?: readonly Overlay[];
}

/** One or more y accessors against x, one series per distinct value of `series`. */
export interface LineSpec extends PlotBase {
  readonly type: 'line' | 'scatter';
  readonly x: Accessor;
  readonly y: Accessor | readonly Accessor[];
  readonly series?: Accessor | readonly Accessor[];
  readonly logX?: boolean;
  readonly logY?: boolean;
  readonly xLabel?: string;
  readonly yLabel?: string;
  /** `[min, max]` of the x axis (default: the data's extent). */
  readonly xDomain?: readonly [number, number];
  /** `[min, max]` of the y axis (default: the data's extent). */
  readonly yDomain?: readonly [number, number];
  /** Rules, curves (listed in the legend) and regions. */
  readonly overlays?: readonly Overlay[];
}

/** Arrows (u, v) at points (x, y), read from run records. */
export interface QuiverSpec extends PlotBase {
  readonly type: 'quiver';
  readonly x: Accessor;
  readonly y: Accessor;
  readonly u: Accessor;
  readonly v: Accessor;
  /** Contours of this function under the arrows. */
  readonly objective?: ObjectiveSpec;
  /** `[[x0, x1], [y0, y1]]`, e.g. the notebook's xlim and ylim (default: the arrows' extent, padded). */
  readonly domain?: Domain;
}

/** Significant digits of a table's numbers: 1 to 17, or `'full'` for every digit (exact). */
export type Digits = number | 'full';

/** A table column with its own header or digits. */
export interface TableColumn {
  readonly value: Accessor;
  /** Header (default: the accessor). */
  readonly label?: string;
  readonly digits?: Digits;
}

/** A table of runs: the columns given (default: swept parameters and results), sorted, limited. */
export interface TableSpec extends PlotBase {
  readonly type: 'table';
  readonly columns?: readonly (Accessor | TableColumn)[];
  /**
   * Significant digits of non-integer numbers (default 4; integers are always exact), points included:
   * `'full'` shows every digit, e.g. a value to compare with the notebook's output.
   */
  readonly digits?: Digits;
  readonly sort?: Accessor;
  readonly order?: 'asc' | 'desc';
  readonly limit?: number;
}

/**
 * Parallel coordinates: one line per run across one axis per dimension, coloured by outcome (or a
 * metric). Past `maxRuns` runs, a uniform sample of them (fixed seed) is drawn, and the caption says so.
 */
export interface ParallelSpec extends PlotBase {
  readonly type: 'parallel';
  /** The axes, left to right (default: the swept parameters with scalar values, then `fun` and `nit`). */
  readonly dimensions?: readonly Accessor[];
  /** What colours the lines (default `status`). */
  readonly color?: Accessor;
  /** Runs kept and drawn at most (default 2,000). */
  readonly maxRuns?: number;
}

/** A declarative plot: experiments describe what to draw, the runner draws it with `@numcomp/viz`. */
export type PlotSpec =
  | ContourSpec
  | ConvergenceSpec
  | HeatmapSpec
  | LineSpec
  | ParallelSpec
  | QuiverSpec
  | TableSpec;

/** A figure with inline data, for {@link ExperimentBase.report}: a plot spec plus the rows it reads. */
export type DataFigure = PlotSpec & { readonly data: readonly Params[] };

/**
 * A heatmap's cells as a grid: `values[j * x.length + i]` is the cell at `x[i]`, `y[j]` (row after row,
 * from the bottom). For maps too large to list as rows (a row costs ~30 µs to draw; a grid of 10⁶ cells
 * is drawn in well under a second, as one image of a pixel a cell).
 */
export interface HeatmapGrid {
  /** Column centres, strictly increasing: the values of the spec's `x`. */
  readonly x: readonly number[];
  /** Row centres, strictly increasing (bottom to top): the values of the spec's `y`. */
  readonly y: readonly number[];
  /**
   * The spec's `value` of each cell: numbers (a colour scale; NaN for none) or labels (categories, e.g.
   * outcomes; `null` for none).
   */
  readonly values: ArrayLike<number> | readonly (string | null)[];
  /** What a cell with no value means, in its tooltip and legend (default `'no value'`; e.g. `'not run'`). */
  readonly emptyLabel?: string;
}

/** A heatmap of a report section drawn from a grid rather than rows (see {@link HeatmapGrid}). */
export type GridFigure = Omit<HeatmapSpec, 'reduce' | 'facet' | 'where'> & { readonly grid: HeatmapGrid };

/** An extra report section returned by {@link ExperimentBase.report}. */
export interface ReportSection {
  readonly title: string;
  /** Paragraphs of text (blank lines separate paragraphs). */
  readonly text?: string;
  /**
   * A table: header and rows of cells. A column given as `{ label, digits }` shows its numbers to
   * `digits` significant digits (`'full'`: every digit; default 4).
   */
  readonly table?: {
    readonly columns: readonly (string | { readonly label: string; readonly digits?: Digits })[];
    readonly rows: readonly (readonly Json[])[];
  };
  /** Figures drawn from inline data: rows, or a grid for a large heatmap. */
  readonly figures?: readonly (DataFigure | GridFigure)[];
}

/** How a run ended: an optimizer status, `'ok'` for a `run` experiment, or a failure of the run. */
export type RunStatus = Status | 'ok' | 'error' | 'timeout';

/** A recorded trajectory, thinned (see `@numcomp/optimizers` `RecordOptions`). */
export interface TrajectoryRecord {
  readonly iter: readonly number[];
  readonly x: readonly (readonly number[])[];
  readonly f: readonly number[];
  readonly gradNorm: readonly number[];
}

/**
 * The resolved parameters of an optimizer run, with its parts apart: the objective (a test-function or
 * module problem name and its parameters), the options of `minimize` that its method uses, and `x0`.
 */
export interface OptimizerRunParams {
  readonly objective: { readonly name: string; readonly params: Params };
  readonly optimizer: Params;
  readonly x0: readonly number[];
}

/** A run's parameters: {@link OptimizerRunParams} for an optimizer sweep, the point itself for a function sweep. */
export type RunParams = OptimizerRunParams | Params;

/** One line of `results.jsonl`. Non-finite numbers are stored as the strings `"NaN"`, `"Infinity"`, `"-Infinity"`. */
export interface RunRecord {
  /** Stable hash of the experiment id, its code digest and `params`. */
  readonly id: string;
  /** The resolved parameters of the run (see {@link RunParams}). */
  readonly params: Params;
  readonly status: RunStatus;
  /** Wall time of the run in milliseconds (the only field that differs between identical runs). */
  readonly time: number;
  /** Optimizer runs: final point, value, ‖∇f‖ and counters. */
  readonly x?: readonly number[];
  readonly fun?: number;
  readonly gradNorm?: number;
  readonly nit?: number;
  readonly nfev?: number;
  readonly ngev?: number;
  readonly nhev?: number;
  readonly kkt?: { readonly residual: number; readonly multipliers: readonly number[] };
  readonly trajectory?: TrajectoryRecord;
  /** `run` experiments: the record the function returned. */
  readonly values?: Params;
  /** `error` / `timeout`: what happened. */
  readonly message?: string;
}

/** What a `run` function receives besides its point. */
export interface RunContext {
  /** The run's id. */
  readonly id: string;
  /** A 32-bit seed derived from the id: use it for any randomness, so results do not depend on order. */
  readonly seed: number;
}

/** What {@link ExperimentBase.report} receives besides the records. */
export interface ReportContext {
  /** The experiment's id. */
  readonly id: string;
  /** The swept parameters (those taking more than one value), in grid order. */
  readonly swept: readonly string[];
}

/** Fields shared by every experiment. */
export interface ExperimentBase {
  /** Lower-case id, also the report directory: `[a-z0-9][a-z0-9-]*`. */
  readonly id: string;
  readonly title: string;
  /** What the experiment shows; blank lines separate paragraphs. */
  readonly description: string;
  /** The notebook's own explanation, quoted in the report where it has one. */
  readonly notebook?: string;
  /** Part of the suite that `pnpm sweep` runs with no id (default true). */
  readonly default?: boolean;
  /** Swept parameters. */
  readonly grid?: Grid;
  /** Rows of parameters that go together (e.g. a method with its own lr), crossed with `grid`. */
  readonly cases?: readonly Params[];
  /** What the report draws; default plots are chosen when omitted. */
  readonly plots?: readonly PlotSpec[];
  /** Extra report sections computed from the records (no viz import needed). */
  readonly report?: (records: readonly RunRecord[], ctx: ReportContext) => readonly ReportSection[];
  /** Per-run time limit in ms (default 30 000); a slower run is recorded as `timeout`. */
  readonly timeout?: number;
  /** Runs per worker task (default 100). */
  readonly batchSize?: number;
  /** Position in the report index (ascending; then by id). */
  readonly order?: number;
  /**
   * The book's figures this experiment redraws, as numbers such as `'4.2'`: the report index lists them
   * under "The chapter's figures" and links each to the experiment's page.
   */
  readonly figures?: readonly string[];
  /**
   * Labels for people, by field: a parameter (`lr: 'learning rate'`), a value (`'values.f': 'f(x)'`)
   * or a record field (`nit: 'iterations'`). Legends, axes and tables use them in place of raw names.
   */
  readonly labels?: Readonly<Record<string, string>>;
}

/** An experiment that runs `minimize` at every grid point. */
export interface OptimizerExperiment extends Omit<ExperimentBase, 'grid' | 'cases'> {
  /** Swept options and objective parameters (the sweep is their Cartesian product). */
  readonly grid?: OptimizerGrid;
  /** Rows that go together (e.g. a method with its own lr), crossed with `grid`. */
  readonly cases?: readonly CaseRow[];
  readonly objective: ObjectiveSpec;
  /** Fixed options of `minimize` (the grid and cases override them). */
  readonly optimizer?: OptimizerOptions;
  /** Trajectory thinning for runs that plots draw (default `{ max: 100 }`). */
  readonly trajectory?: RecordOptions;
  readonly run?: undefined;
}

/** An experiment that calls its own function at every grid point and records what it returns. */
export interface FunctionExperiment extends ExperimentBase {
  /** Fixed parameters (the grid and cases override them). */
  readonly params?: Params;
  /** One run: plain JSON in, plain JSON out. Must be deterministic (use `ctx.seed`). */
  readonly run: (point: Params, ctx: RunContext) => Params;
  readonly objective?: undefined;
}

/** An experiment definition, as `defineExperiment` returns it. */
export type Experiment = OptimizerExperiment | FunctionExperiment;

// ---- runs and batches (plan → execute → store) ----

/** One run of a plan: its id, its parameters as canonical JSON, and whether to record its trajectory. */
export interface PlannedRun {
  readonly id: string;
  readonly params: string;
  readonly trajectory: boolean;
}

/**
 * The values of one key of a run space as numbers: row r is `data[r]` (`dim` 0: a number) or the array
 * `data[r·dim … (r+1)·dim)` (see `plan/values.ts`).
 */
export interface PackedValues {
  readonly dim: number;
  readonly rows: number;
  readonly data: Float64Array;
}

/** A run space's values of one key: per row its canonical JSON text (null: unset), or packed numbers. */
export type SpaceValues = readonly (string | null)[] | PackedValues;

/**
 * A sweep's runs, described by its grid rather than listed (plain data: it crosses threads). Run i is
 * point `positions[i]` (or i) of the product of the factors, first factor outermost. A run's canonical
 * params are built from one fragment per key, its id from the hash of that text.
 */
export interface RunSpace {
  /** Experiment id (part of every run's hashed text). */
  readonly experiment: string;
  /** Digest of the experiment's code and the numcomp packages it runs on (part of every id). */
  readonly code: string;
  /** Optimizer sweeps nest their params as {@link OptimizerRunParams}; function sweeps keep them flat. */
  readonly nested: boolean;
  /** Keys, in the order the canonical text lists them. */
  readonly keys: readonly string[];
  /** `part[j]`: where key j goes in nested params: 0 objective name, 1 objective params, 2 optimizer, 3 x0 (flat: 4). */
  readonly part: readonly number[];
  /** `owner[j]`: the factor whose rows give key j. */
  readonly owner: readonly number[];
  /**
   * `values[j][r]`: canonical JSON of key j in row r of its factor, or null where the row does not set it;
   * or, for a key of many numeric rows, the numbers (see `plan/values.ts`: read them with `rowText`).
   */
  readonly values: readonly SpaceValues[];
  /** Rows of each factor. */
  readonly sizes: readonly number[];
  /** Points of the grid (the product of `sizes`). */
  readonly points: number;
  /**
   * Optimizer sweeps: `uses[m][j]` is 1 when method row m (of key `method`'s factor) uses option key j,
   * so that an option its method ignores is not part of a run. Empty for function sweeps.
   */
  readonly methodKey: number;
  readonly uses: readonly (readonly number[])[];
  /** Runs (points with equal params dropped): `positions.length`, or `points` when every point is distinct. */
  readonly count: number;
  /** Run i's point, when some points repeat another's params (otherwise run i is point i). */
  readonly positions?: Int32Array;
  /** Runs that record a trajectory (run indices, ascending). */
  readonly chosen: readonly number[];
}

/**
 * The ids a sweep finds recorded in results.jsonl, in shared memory: workers skip the runs recorded
 * with a usable result and flag what they reuse or run again (see `store/idTable.ts`).
 */
export interface SharedIdTable {
  readonly keys: SharedArrayBuffer;
  readonly flags: SharedArrayBuffer;
  /** Per slot: the 0-based line of results.jsonl holding the id's last record (Uint32). */
  readonly lines: SharedArrayBuffer;
  /** Ids in the table (0: workers skip looking runs up in it). */
  readonly ids: number;
  /** The lines tagged with the sweep's plan, by run index (flags: Uint8, lines: Uint32; see `PlanTable`). */
  readonly plan?: {
    readonly tag: string;
    readonly flags: SharedArrayBuffer;
    readonly lines: SharedArrayBuffer;
  };
  /** results.jsonl, where workers read the records they reuse. */
  readonly path: string;
  /** Names the scan these buffers come from: a worker reopens the file for a new one (a compaction replaces it). */
  readonly scan: string;
  /** Byte offset of every 64th line of results.jsonl (Float64: lines 0, 64, 128, …), then of its end. */
  readonly offsets: SharedArrayBuffer;
}

/** A batch of runs of one experiment, as sent to a worker (plain data: it crosses threads or a queue). */
export interface BatchTask {
  /** File URL of the compiled experiment module (its default export is the definition). */
  readonly module: string;
  readonly experiment: string;
  /** The experiment's code digest, recorded with each result line (default none). */
  readonly code?: string;
  /** Thinning of recorded trajectories. */
  readonly trajectory: RecordOptions;
  /** The runs: a range of a run space (workers build and hash each run), or listed. */
  readonly work:
    | { readonly kind: 'range'; readonly space: RunSpace; readonly first: number; readonly count: number }
    | { readonly kind: 'runs'; readonly runs: readonly PlannedRun[] };
  /** Ids already recorded (local threads only): recorded runs are skipped and counted as reused. */
  readonly recorded?: SharedIdTable;
  /**
   * A range's plan tag (see `planTag`): each line says `"plan":"<tag>","i":<run index>`, so that the
   * next sweep of the plan finds it by index.
   */
  readonly plan?: string;
  /** The code digest of the last sweep, when it differs: runs recorded under it are counted as re-run. */
  readonly previousCode?: string;
  /**
   * A range's space is ASCII text (so is every params text, line and CSV row it builds): set by the wire,
   * which sees the space's bytes; a worker finds out itself when it is not set.
   */
  readonly asciiSpace?: boolean;
  /** Optional shared cell: the worker stores 1 + the index of the run it starts (a watchdog reads it). */
  readonly progress?: Int32Array;
  /** results.csv columns (flat parameter names and widths): with them, the worker prints the rows. */
  readonly csvColumns?: readonly (readonly [string, number])[];
  /** results.csv: how many `x[i]` columns (0: x as one JSON cell). */
  readonly csvXWidth?: number;
}

/** What a batch returns: its result lines (UTF-8, whole lines), and what it did. */
export interface BatchResult {
  /** One JSON line per run it ran, each ending in a newline. */
  readonly lines: Uint8Array;
  /** Runs it ran. */
  readonly ran: number;
  /** Runs it found recorded and skipped. */
  readonly reused: number;
  /** Runs it ran that were recorded under the previous code digest (the code changed). */
  readonly changed: number;
  /** The same results as numbers, for the runs of a range (see `execute/digest.ts`). */
  readonly digest?: BatchDigest;
  /**
   * The recorded lines of reused runs that the digest cannot hold as numbers (trajectories, values,
   * KKT data): folded into the report, never appended again.
   */
  readonly reusedLines?: Uint8Array;
}

/**
 * A batch's results as numbers, so that the coordinator folds them into the report's aggregates
 * without parsing lines: `ids` (16 characters per run), `numbers` per run
 * `[index, status, n, lineBytes, rowBytes, time, fun, gradNorm, nit, nfev, ngev, nhev, x₀ … xₙ₋₁]`, or
 * `[index, status, -1, lineBytes, rowBytes]` for a run whose line holds more (a trajectory, KKT data,
 * values, an error) and is parsed; `csv` holds each run's results.csv row (an empty line for a parsed
 * run), `rowBytes` long with its newline; `lineBytes` is the length of the run's line in `lines` (0 for a
 * reused run, not appended again). The coordinator finds lines and rows by them, without scanning.
 */
export interface BatchDigest {
  readonly ids: string;
  readonly numbers: Float64Array;
  readonly csv: Uint8Array;
}

/** Where a sweep reports its progress (the CLI draws it). */
export interface ProgressSink {
  /** A sweep of `total` runs starts. */
  start(label: string, total: number): void;
  /** `n` more runs are done (run or reused). */
  tick(n: number): void;
  /** The sweep's runs are over. */
  finish(): void;
}
