// An experiment's plot specs → viz's declarative marks (`plot({ mark, data, … })`) and `reportTable`,
// from a sweep's aggregates (see `aggregate/`). Viz draws; this file chooses the data, turns cells,
// reductions and the few kept records into rows, names fields with the experiment's labels, and says
// in notes what a plot could not show.
import type { TestFunction } from '@numcomp/core';
import {
  heatmap,
  type LineSeries,
  okabeIto,
  plot,
  type RefLine,
  type ReportTable,
  reportTable,
  smallMultiples,
  type Overlay as VizOverlay,
} from '#viz';
import { accessor, brief, keyOf, toNumber } from '../aggregate/accessor.js';
import { AXIS_CAP, type AxisValues, cellAt, type PlotData } from '../aggregate/aggregator.js';
import { buildObjective, normalizeObjective } from '../experiment/objective.js';
import { canonicalJson } from '../format/canonicalJson.js';
import type {
  ContourSpec,
  ConvergenceSpec,
  Experiment,
  GridFigure,
  HeatmapSpec,
  Json,
  LineSpec,
  ObjectiveSpec,
  Overlay,
  ParallelSpec,
  Params,
  PlotSpec,
  ProblemWithDim,
  QuiverSpec,
  RunRecord,
  TableColumn,
  TableSpec,
} from '../types.js';

/** What the renderers know besides the data. */
export interface PlotContext {
  readonly experiment: Experiment;
  readonly swept: readonly string[];
  /** The values a parameter takes in this sweep (to say what a plot that matches nothing needs). */
  readonly valuesOf?: (key: string) => readonly Json[];
  /** Options the sweep gives values that no method of it uses (no run has them). */
  readonly unused?: readonly string[];
}

/** "Not drawn for this sweep: its runs have no lr …" for a plot over an option no run has, else undefined. */
function missing(spec: PlotSpec, ctx: PlotContext): string | undefined {
  if (ctx.unused === undefined || ctx.unused.length === 0) return undefined;
  // The fields it is laid out over, sorted by or filtered on (a table's columns, a parallel plot's axes
  // and a contour's labels are drawn without them).
  const axes =
    spec.type === 'heatmap' || spec.type === 'line' || spec.type === 'scatter' || spec.type === 'quiver';
  const fields = axes ? plotFields(spec) : spec.type === 'table' && spec.sort ? [spec.sort] : [];
  fields.push(...Object.keys(spec.where ?? {}));
  const heads = new Set(fields.map((f) => f.split(/[.[]/)[0]!));
  const keys = ctx.unused.filter((k) => heads.has(k));
  if (keys.length === 0) return undefined;
  const names = keys.join(' and ');
  return `Not drawn for this sweep: its runs have no ${names} (no method of this sweep uses ${keys.length === 1 ? 'it' : 'them'}).`;
}

/** Fields a plot lays out (axes, series, facets): the values of these speak for themselves. */
export function plotFields(spec: PlotSpec): string[] {
  const f: (string | readonly string[] | undefined)[] = [];
  switch (spec.type) {
    case 'heatmap':
      f.push(spec.x, spec.y, spec.value, spec.facet);
      break;
    case 'line':
    case 'scatter':
      f.push(spec.x, spec.y, spec.series);
      break;
    case 'quiver':
      f.push(spec.x, spec.y, spec.u, spec.v);
      break;
    case 'parallel':
      f.push(spec.dimensions, spec.color);
      break;
    case 'table':
      f.push(spec.columns?.map((c) => (typeof c === 'string' ? c : c.value)));
      break;
    case 'contour':
    case 'convergence':
      f.push(spec.label);
      break;
  }
  return f.flat().filter((x): x is string => typeof x === 'string');
}

/** A value as an override types it: every digit of a number, points as `[-3,4]`. */
const typed = (v: Json): string => (typeof v === 'string' ? v : JSON.stringify(v));

/** "needs lr ∈ {0.01, 0.1, 1}; this sweep has lr = 0.001 … 1 (30 values)" for a filter that matches no run. */
function unmatched(spec: PlotSpec, ctx: PlotContext): string {
  const where = spec.where;
  if (where === undefined || ctx.valuesOf === undefined) return 'No run matches this plot.';
  const list = (vs: readonly Json[]): string =>
    vs.length <= 6
      ? vs.map((v) => brief(v)).join(', ')
      : `${brief(vs[0])} … ${brief(vs[vs.length - 1])} (${vs.length} values)`;
  const needs: string[] = [];
  const has: string[] = [];
  const adds: string[] = [];
  for (const [k, cond] of Object.entries(where)) {
    const wanted =
      cond !== null && typeof cond === 'object' && !Array.isArray(cond) && 'in' in cond
        ? (cond.in as readonly Json[])
        : [cond as Json];
    const present = ctx.valuesOf(k);
    if (present.length === 0) continue;
    const keys = new Set(present.map(keyOf));
    if (wanted.some((w) => keys.has(keyOf(w)))) continue;
    needs.push(wanted.length === 1 ? `${k} = ${brief(wanted[0])}` : `${k} ∈ {${list(wanted)}}`);
    adds.push(`${k}=${wanted.map(typed).join(',')}`);
    has.push(present.length === 1 ? `${k} = ${brief(present[0])}` : `${k} = ${list(present)}`);
  }
  if (needs.length === 0) return 'No run matches this plot.';
  return (
    `Not drawn for this sweep: the plot needs ${needs.join(' and ')}; this sweep has ${has.join(' and ')} ` +
    `(add ${adds.join(' ')} to the sweep's values to see it).`
  );
}

/**
 * "Drawn for lr = 1 only: the plot is meant for lr ∈ {0.01, 0.1, 1}; this sweep has …" when a filter's
 * list of values is only partly in this sweep (its title and caption speak of the whole list).
 */
function partial(spec: PlotSpec, ctx: PlotContext): string | undefined {
  const where = spec.where;
  if (where === undefined || ctx.valuesOf === undefined) return undefined;
  const notes: string[] = [];
  for (const [k, cond] of Object.entries(where)) {
    if (cond === null || typeof cond !== 'object' || Array.isArray(cond) || !('in' in cond)) continue;
    const wanted = cond.in as readonly Json[];
    const present = ctx.valuesOf(k);
    if (present.length === 0) continue;
    const keys = new Set(present.map(keyOf));
    const found = wanted.filter((w) => keys.has(keyOf(w)));
    if (found.length === wanted.length || found.length === 0) continue;
    const missing = wanted.filter((w) => !keys.has(keyOf(w)));
    notes.push(
      `Drawn for ${k} ∈ {${found.map((v) => brief(v)).join(', ')}} only: the plot is meant for ${k} ∈ {${wanted
        .map((v) => brief(v))
        .join(', ')}}, and this sweep has no run at ${missing.map((v) => brief(v)).join(', ')} ` +
        `(add ${k}=${missing.map(typed).join(',')} to the sweep's values to see them).`,
    );
  }
  return notes.length === 0 ? undefined : notes.join(' ');
}

/** A rendered plot: an SVG, a table, or a note saying why nothing was drawn. */
export interface Rendered {
  readonly svg?: string;
  readonly table?: ReportTable;
  readonly note?: string;
}

/** Draws one spec from its data. A spec that cannot be drawn gives a note, never an exception. */
export function renderPlot(spec: PlotSpec, data: PlotData, ctx: PlotContext): Rendered {
  const none = missing(spec, ctx);
  if (none !== undefined) return { note: none };
  if (data.total === 0) return { note: unmatched(spec, ctx) };
  const drawn = draw(spec, data, ctx);
  const part = drawn.svg === undefined && drawn.table === undefined ? undefined : partial(spec, ctx);
  return part === undefined ? drawn : { ...drawn, note: [part, drawn.note].filter(Boolean).join(' ') };
}

function draw(spec: PlotSpec, data: PlotData, ctx: PlotContext): Rendered {
  try {
    switch (spec.type) {
      case 'contour':
        return contour(spec, data.kind === 'records' ? data : { records: [], any: [] }, ctx);
      case 'convergence':
        return convergence(spec, data.kind === 'records' ? data.records : [], ctx);
      case 'heatmap':
        return data.kind === 'heat' ? heat(spec, data, ctx) : { note: 'No data.' };
      case 'line':
      case 'scatter':
        return data.kind === 'line' ? line(spec, data, ctx) : { note: 'No data.' };
      case 'quiver':
        return quiver(spec, data.kind === 'records' ? data.records : [], ctx);
      case 'parallel':
        return data.kind === 'records' ? parallel(spec, data.records, data.total, ctx) : { note: 'No data.' };
      case 'table':
        return { table: table(spec, data.kind === 'records' ? data.records : [], data.total, ctx) };
    }
  } catch (e) {
    return { note: `This plot could not be drawn: ${(e as Error).message}` };
  }
}

/** The default title of a spec. */
export function plotTitle(spec: PlotSpec): string {
  if (spec.title) return spec.title;
  switch (spec.type) {
    case 'contour':
      return 'Trajectories on the contours of f';
    case 'convergence':
      return spec.y === 'gradNorm'
        ? '‖∇f‖ against iteration'
        : spec.y === 'gap'
          ? 'f − f* against iteration'
          : 'f against iteration';
    case 'heatmap':
      return `${spec.value} over ${spec.x} × ${spec.y}`;
    case 'line':
    case 'scatter':
      return `${[spec.y].flat().join(', ')} against ${spec.x}`;
    case 'quiver':
      return `(${spec.u}, ${spec.v}) at (${spec.x}, ${spec.y})`;
    case 'parallel':
      return 'Every run across its parameters (parallel coordinates)';
    case 'table':
      return 'Runs';
  }
}

// ---- objectives ----

/** The objective of a run record, or of an explicit spec. */
function objectiveOf(
  r: RunRecord | undefined,
  ctx: PlotContext,
  spec?: ObjectiveSpec,
): ProblemWithDim | undefined {
  if (spec !== undefined) {
    const info = normalizeObjective(spec);
    return buildObjective(info, info.name, info.params);
  }
  const def = ctx.experiment;
  const o = r?.params.objective as { name?: string; params?: Params } | undefined;
  if (def.objective === undefined || o?.name === undefined) return undefined;
  return buildObjective(normalizeObjective(def.objective), o.name, o.params ?? {});
}

/** Records grouped by their objective (name and parameters), in first-seen order. */
function byObjective(rows: readonly RunRecord[]): RunRecord[][] {
  const groups = new Map<string, RunRecord[]>();
  for (const r of rows) {
    const key = canonicalJson(r.params.objective ?? null);
    let g = groups.get(key);
    if (g === undefined) groups.set(key, (g = []));
    g.push(r);
  }
  return [...groups.values()];
}

/**
 * Label of a run: the given accessors, or the swept parameters that vary among `rows`; when the given
 * ones leave runs alike (an override swept another parameter), the varying swept ones are added.
 */
function labeller(
  rows: readonly RunRecord[],
  keys: readonly string[] | undefined,
  ctx: PlotContext,
): (r: RunRecord) => string {
  const varying = ctx.swept.filter((k) => {
    const get = accessor(k);
    return new Set(rows.map((r) => keyOf(get(r)))).size > 1;
  });
  const named = (ks: readonly string[]): ((r: RunRecord) => string) => {
    const gets = ks.map((k) => [k, accessor(k)] as const);
    return (r) => gets.map(([k, g]) => `${label(k, ctx)} = ${brief(g(r))}`).join(', ') || r.id;
  };
  if (keys === undefined) return named(varying);
  const given = named(keys);
  if (new Set(rows.map(given)).size === rows.length) return given;
  return named([...keys, ...varying.filter((k) => !keys.includes(k))]);
}

/** How people name a run record's result fields (an experiment's own labels win). */
const RESULT_LABELS: Readonly<Record<string, string>> = {
  fun: 'final f',
  nit: 'steps',
  gradNorm: 'final ‖∇f‖',
  nfev: 'f evaluations',
  ngev: '∇f evaluations',
};

/**
 * A field as people read it: the experiment's own label for it (`labels: { lr: 'learning rate' }`),
 * else a result field's usual name (`fun` → `final f`; not for table headers, which captions may
 * name as they are), else the accessor without its prefix (`values.error` → `error`).
 */
export function label(path: string, ctx: Pick<PlotContext, 'experiment'>, results = true): string {
  const short = path.replace(/^(values|params)\./, '');
  const own = ctx.experiment.labels;
  return (
    own?.[path] ?? own?.[short] ?? (results && path === short ? RESULT_LABELS[short] : undefined) ?? short
  );
}

function evenly<T>(xs: readonly T[], max: number): T[] {
  if (xs.length <= max) return [...xs];
  return Array.from({ length: max }, (_, j) => xs[Math.floor((j * (xs.length - 1)) / Math.max(max - 1, 1))]!);
}

function grid(rendered: string[], title?: string): string {
  return rendered.length === 1
    ? rendered[0]!
    : smallMultiples(rendered, { columns: 2, ...(title ? { title } : {}) });
}

// ---- parallel coordinates ----

/**
 * The default axes of a parallel-coordinates plot: the swept parameters that vary among the runs,
 * short points split into their coordinates (`x0[0]`, `x0[1]`), then final f and the steps.
 */
function parallelDimensions(rows: readonly RunRecord[], ctx: PlotContext): string[] {
  const dims: string[] = [];
  for (const k of ctx.swept) {
    const get = accessor(k);
    const seen = new Set<string>();
    let width = -1;
    for (const r of rows) {
      const v = get(r);
      seen.add(keyOf(v));
      const w = Array.isArray(v) && v.length <= 3 && v.every((e) => typeof e === 'number') ? v.length : 0;
      width = width < 0 || width === w ? w : 0;
      if (v !== null && typeof v === 'object' && width === 0) break;
    }
    if (seen.size < 2) continue;
    if (width > 0) {
      // Only the coordinates that vary (a column of starts (−3, x₁) has one axis, x0[1]).
      for (let i = 0; i < width; i++)
        if (new Set(rows.map((r) => (get(r) as number[])[i])).size > 1) dims.push(`${k}[${i}]`);
    } else if (
      rows.every((r) => {
        const v = get(r);
        return v === null || v === undefined || typeof v !== 'object';
      })
    )
      dims.push(k);
  }
  for (const f of ['fun', 'nit']) if (rows.some((r) => typeof r[f as 'fun'] === 'number')) dims.push(f);
  // A function experiment's results: its numeric values that vary (at most six).
  const fields = new Set<string>();
  for (const r of rows.slice(0, 200)) for (const k of Object.keys(r.values ?? {})) fields.add(k);
  let added = 0;
  for (const k of fields) {
    if (added === 6) break;
    const vs = rows.map((r) => r.values?.[k]);
    if (vs.every((v) => typeof v === 'number' || v === null || v === undefined) && new Set(vs).size > 1) {
      dims.push(`values.${k}`);
      added++;
    }
  }
  return dims;
}

function parallel(spec: ParallelSpec, rows: readonly RunRecord[], total: number, ctx: PlotContext): Rendered {
  const dims = spec.dimensions ? [...spec.dimensions] : parallelDimensions(rows, ctx);
  if (dims.length < 2) return { note: 'Parallel coordinates need at least two fields that vary.' };
  // By outcome, unless every run has the same one (a function's runs are all ok): then by the last result.
  const color =
    spec.color ??
    (new Set(rows.map((r) => r.status)).size > 1 || spec.dimensions ? 'status' : dims[dims.length - 1]!);
  const gets = [...dims, color].map((d) => [d, accessor(d)] as const);
  const data = rows.map((r) => {
    const o: Record<string, number | string | null> = {};
    for (const [d, g] of gets) {
      const v = g(r);
      o[d] =
        typeof v === 'number' || typeof v === 'string' ? v : v === null || v === undefined ? null : brief(v);
    }
    return o;
  });
  const labels = Object.fromEntries([...dims, color].map((d) => [d, label(d, ctx)]));
  const svg = plot({
    mark: 'parallel',
    data,
    dimensions: dims,
    stroke: color,
    labels,
    width: 860,
    height: 380,
  });
  return rows.length < total
    ? {
        svg,
        note: `${rows.length.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} runs, drawn as a uniform random sample.`,
      }
    : { svg };
}

// ---- contour ----

function contour(
  spec: ContourSpec,
  data: { readonly records: readonly RunRecord[]; readonly any?: readonly RunRecord[] },
  ctx: PlotContext,
): Rendered {
  const withTraj = spec.trajectories === false ? [] : data.records;
  const rows = withTraj.length > 0 ? withTraj : (data.any ?? []);
  const groups = spec.objective !== undefined ? [[...rows]] : byObjective(rows);
  const svgs: string[] = [];
  for (const g of groups.slice(0, 6)) {
    const problem = objectiveOf(g[0], ctx, spec.objective);
    if (problem === undefined) return { note: 'A contour plot needs an objective.' };
    if (problem.dim !== undefined && problem.dim !== 2)
      return { note: `Contours need a 2-D objective (this one has ${problem.dim}).` };
    const runs =
      spec.trajectories === false
        ? []
        : evenly(
            g.filter((r) => r.trajectory),
            spec.maxRuns ?? 12,
          );
    const name = labeller(runs, spec.label, ctx);
    // One row per run: its name, its path as two arrays, its outcome.
    const paths = runs.map((r) => ({
      run: name(r),
      x: r.trajectory!.x.map((p) => toNumber(p[0] as Json) ?? Number.NaN),
      y: r.trajectory!.x.map((p) => toNumber(p[1] as Json) ?? Number.NaN),
      status: r.status,
    }));
    const [xDomain, yDomain] = spec.domain ?? contourDomain(problem, paths);
    const x = new Float64Array(2);
    const fname = (g[0]?.params.objective as { name?: Json } | undefined)?.name;
    svgs.push(
      plot({
        mark: 'contour',
        data: paths,
        x: 'x',
        y: 'y',
        z: 'run',
        status: 'status',
        labels: { run: '', x: 'x₀', y: 'x₁' },
        ...(groups.length > 1 && typeof fname === 'string' ? { title: fname } : {}),
        f: (a, b) => {
          x[0] = a;
          x[1] = b;
          return problem.f(x);
        },
        xDomain,
        yDomain,
        levelScale: spec.scale ?? 'log',
        axesLines: spec.axes ?? false,
        hLines: refs(spec.overlays, 'hline'),
        vLines: refs(spec.overlays, 'vline'),
        overlays: shapes(spec.overlays),
        // The function's known minima, marked apart from the runs' start and end points.
        minima: ((problem as Partial<TestFunction>).minima ?? [])
          .filter((m) => m.x.length === 2)
          .map((m) => ({
            x: m.x[0]!,
            y: m.x[1]!,
            label: `minimum: f(${brief(m.x[0])}, ${brief(m.x[1])}) = ${brief(m.f)}`,
          })),
        colorLabel: 'f',
        ...(groups.length > 1 ? { width: 480, height: 400 } : {}),
      }),
    );
  }
  return { svg: grid(svgs) };
}

/** The objective's domain, widened (at most 3×) to hold the trajectories' finite points. */
function contourDomain(
  problem: ProblemWithDim,
  trajectories: readonly { readonly x: readonly number[]; readonly y: readonly number[] }[],
): [[number, number], [number, number]] {
  const dom = (problem as Partial<TestFunction>).domain;
  const box: [number, number][] = [0, 1].map((i) => {
    const d = dom?.[i];
    return d ? [d[0], d[1]] : [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
  }) as [number, number][];
  const base = box.map((b) => [...b] as [number, number]);
  for (const t of trajectories) {
    for (const [k, arr] of [
      [0, t.x],
      [1, t.y],
    ] as const) {
      for (let i = 0; i < arr.length; i++) {
        const v = arr[i]!;
        if (!Number.isFinite(v)) continue;
        box[k]![0] = Math.min(box[k]![0], v);
        box[k]![1] = Math.max(box[k]![1], v);
      }
    }
  }
  return box.map((b, k) => {
    let [lo, hi] = b;
    if (!(lo < hi)) [lo, hi] = Number.isFinite(lo) ? [lo - 1, lo + 1] : [-5, 5];
    const [b0, b1] = base[k]!;
    if (Number.isFinite(b0) && Number.isFinite(b1)) {
      const w = b1 - b0;
      lo = Math.max(lo, b0 - w);
      hi = Math.min(hi, b1 + w);
    }
    const pad = (hi - lo) * (dom ? 0 : 0.1);
    return [lo - pad, hi + pad] as [number, number];
  }) as [[number, number], [number, number]];
}

// ---- convergence ----

function convergence(spec: ConvergenceSpec, rows: readonly RunRecord[], ctx: PlotContext): Rendered {
  const runs = evenly(
    rows.filter((r) => r.trajectory !== undefined),
    spec.maxRuns ?? 20,
  );
  if (runs.length === 0) return { note: 'No trajectory was recorded for these runs.' };
  const what = spec.y ?? 'f';
  const name = labeller(runs, spec.label, ctx);
  const colorBy = spec.colorBy;
  const group =
    colorBy === undefined || colorBy === 'run' || colorBy === 'status' ? undefined : accessor(colorBy);
  // Thinned trajectories give each value's iteration; contiguous ones are 0, 1, 2, …
  const contiguous = runs.every((r) => r.trajectory!.iter.every((k, i) => k === i));
  // One row per run: its name, its values (f, f − f*, ‖∇f‖), their iterations, outcome and group.
  const data = runs.map((r) => {
    const t = r.trajectory!;
    let ys = (what === 'gradNorm' ? t.gradNorm : t.f).map((v) => toNumber(v as Json) ?? Number.NaN);
    if (what === 'gap') {
      const minima = (objectiveOf(r, ctx) as Partial<TestFunction> | undefined)?.minima ?? [];
      const fstar = minima.length > 0 ? Math.min(...minima.map((m) => m.f)) : Number.NaN;
      ys = ys.map((v) => v - fstar);
    }
    return {
      run: name(r),
      value: ys,
      ...(contiguous ? {} : { iter: t.iter }),
      status: r.status,
      ...(group ? { group: brief(group(r)) } : {}),
    };
  });
  const yLabel = what === 'gradNorm' ? '‖∇f‖' : what === 'gap' ? 'f − f*' : 'f';
  const stroke =
    colorBy === undefined ? undefined : colorBy === 'run' ? 'run' : colorBy === 'status' ? 'status' : 'group';
  return {
    svg: plot({
      mark: 'convergence',
      data,
      y: 'value',
      ...(contiguous ? {} : { x: 'iter' }),
      z: 'run',
      status: 'status',
      ...(stroke ? { stroke } : {}),
      labels: { run: '', group: '', value: yLabel, iter: 'iteration' },
    }),
  };
}

// ---- heatmap ----

/** Cells from which a heatmap is drawn as an image (viz's default: above 10⁴). */
const RASTER_CELLS = 10_000;

interface Axis {
  /** The values in order: numbers (a continuous axis, or a few as bands), or labels; `null` last. */
  readonly values: (number | string | null)[];
  /** The value on this axis of the value at a position of the aggregate's axis. */
  readonly valueAt: (i: number) => number | string | null | undefined;
  readonly numeric: boolean;
}

/**
 * An axis's distinct values as a heatmap axis: sorted numbers on a continuous axis (always, with
 * `continuous`), or labelled bands (a few numbers such as maxIter 20 and 1000 read better as labelled
 * columns, in ascending order; other values in first-seen order, which is the sweep's).
 */
function axisOf(values: AxisValues, continuous = false): Axis {
  // In the order of the positions: the aggregate's first seen, first.
  const vals = [...values.values.values()];
  const fewLinear = !continuous && vals.length <= 12 && !(vals.length >= 3 && autoLogValues(vals));
  if (!fewLinear && vals.length > 0 && vals.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    const sorted = [...new Set(vals as number[])].sort((a, b) => a - b);
    return { values: sorted, valueAt: (i) => vals[i] as number | undefined, numeric: true };
  }
  // A few numbers (and `null` perhaps): viz sorts them and labels each band.
  if (vals.every((v) => v === null || typeof v === 'number')) {
    const sorted = [...new Set(vals.filter((v) => v !== null) as number[])].sort((a, b) => a - b);
    return {
      values: vals.includes(null) ? [...sorted, null] : sorted,
      valueAt: (i) => vals[i] as number | null | undefined,
      numeric: false,
    };
  }
  // Labels must be distinct for the viz axis; disambiguate collisions from rounding.
  const seen = new Map<string, number>();
  const at: (string | null)[] = [];
  const labels: string[] = [];
  let none = false;
  for (const v of vals) {
    if (v === null) {
      at.push(null);
      none = true;
      continue;
    }
    const l = brief(v);
    const n = (seen.get(l) ?? 0) + 1;
    seen.set(l, n);
    const unique = n > 1 ? `${l} #${n}` : l;
    at.push(unique);
    labels.push(unique);
  }
  return { values: none ? [...labels, null] : labels, valueAt: (i) => at[i], numeric: false };
}

function autoLogValues(vals: readonly Json[]): boolean {
  if (!vals.every((v) => typeof v === 'number' && v > 0)) return false;
  const v = vals as number[];
  return Math.max(...v) / Math.min(...v) >= 100;
}

function autoLog(axis: Axis): boolean {
  if (!axis.numeric || axis.values.length < 3) return false;
  const v = axis.values as number[];
  return v[0]! > 0 && v[v.length - 1]! / v[0]! >= 100;
}

function overlayLines(overlays: readonly Overlay[] | undefined, xa: Axis, ya: Axis): VizOverlay[] {
  const span = (a: Axis): [number, number] =>
    a.numeric
      ? [a.values[0] as number, a.values[a.values.length - 1] as number]
      : [-0.5, a.values.length - 0.5];
  return (overlays ?? []).map((o) => {
    const label = o.label === undefined ? {} : { label: o.label };
    if (o.type === 'vline') return { x: [o.x, o.x], y: span(ya), ...label };
    if (o.type === 'hline') return { x: span(xa), y: [o.y, o.y], ...label };
    return shape(o);
  });
}

/** A curve or region overlay as a viz overlay. */
function shape(o: Extract<Overlay, { type: 'curve' | 'region' }>): VizOverlay {
  return {
    x: o.points.map((p) => p[0]),
    y: o.points.map((p) => p[1]),
    ...(o.label === undefined ? {} : { label: o.label }),
    ...(o.type === 'region' ? { fade: o.fade ?? 'outside' } : {}),
  };
}

/** The curves and regions of `overlays` (rules are drawn as reference lines), for contour plots. */
function shapes(overlays: readonly Overlay[] | undefined): VizOverlay[] {
  return (overlays ?? [])
    .filter(
      (o): o is Extract<Overlay, { type: 'curve' | 'region' }> => o.type === 'curve' || o.type === 'region',
    )
    .map(shape);
}

function heat(spec: HeatmapSpec, data: Extract<PlotData, { kind: 'heat' }>, ctx: PlotContext): Rendered {
  // Overlays are drawn in data coordinates: an axis of numbers they lie on stays continuous (as a few
  // labelled bands it would place lr = 0.5 at the half-way of its first two bands).
  const on = (axis: 'x' | 'y'): boolean =>
    (spec.overlays ?? []).some((o) => o.type !== (axis === 'x' ? 'hline' : 'vline'));
  const xa = axisOf(data.x, on('x'));
  const ya = axisOf(data.y, on('y'));
  const categorical = data.categorical;
  const how = spec.reduce ?? (categorical ? 'mode' : 'mean');
  const logX = spec.logX ?? autoLog(xa);
  const logY = spec.logY ?? autoLog(ya);
  const facets = spec.facet !== undefined && data.facets.values.size > 1;
  // One row per cell (in the order the cells were first seen, which orders labelled axes as the
  // sweep's values): its reduced value and its most frequent outcome (viz hatches max-iter cells and
  // marks failed ones), or its most frequent category.
  const rows: Record<string, number | string | null>[] = [];
  for (const [at, c] of data.cells) {
    const [fi, xi, yi] = cellAt(at);
    const x = xa.valueAt(xi);
    const y = ya.valueAt(yi);
    if (x === undefined || y === undefined) continue;
    const row: Record<string, number | string | null> = { x, y };
    if (categorical) row.value = c.mode() ?? null;
    else {
      const v = c.reduce(how === 'mode' ? 'mean' : how);
      row.value = Number.isFinite(v) ? v : Number.NaN;
      row.status = c.mode() ?? null;
    }
    if (facets) row.facet = brief(data.facets.valueAt(fi));
    rows.push(row);
  }
  const svg = plot({
    mark: 'cell',
    data: rows,
    x: 'x',
    y: 'y',
    fill: 'value',
    ...(categorical ? {} : { status: 'status', colorScale: spec.logValue ? 'log' : 'linear' }),
    ...(xa.numeric ? { xScale: logX ? 'log' : 'linear' } : {}),
    ...(ya.numeric ? { yScale: logY ? 'log' : 'linear' } : {}),
    ...(facets ? { fx: 'facet', width: 420, height: 340 } : {}),
    // A map of 100 × 100 cells and more is one image (10⁴ rects with tooltips weigh 1.8 MB).
    ...(xa.values.length * ya.values.length >= RASTER_CELLS ? { raster: true } : {}),
    labels: {
      x: label(spec.x, ctx),
      y: label(spec.y, ctx),
      value: label(spec.value, ctx),
      ...(spec.facet ? { facet: label(spec.facet, ctx) } : {}),
    },
    overlays: overlayLines(spec.overlays, xa, ya),
  });
  const notes = [
    data.x.truncated || data.y.truncated ? `Only the first ${AXIS_CAP} values of an axis are drawn.` : '',
  ].filter(Boolean);
  return { svg, ...(notes.length ? { note: notes.join(' ') } : {}) };
}

/**
 * A report hook's heatmap given as a grid (see `HeatmapGrid`): the page its cells as rows would give
 * (the same axes, labels, colours, legend and overlays, one image of a pixel a cell above 10⁴ cells),
 * drawn from the grid directly rather than from a row per cell.
 */
export function gridHeatmap(figure: GridFigure, ctx: Pick<PlotContext, 'experiment'>): Rendered {
  const { x, y, values, emptyLabel } = figure.grid;
  const nx = x.length;
  const numeric =
    ArrayBuffer.isView(values) || Array.prototype.some.call(values, (v) => typeof v === 'number');
  let empty = false;
  const rows = y.map((_, j) => {
    const row = new Array<number | string | null>(nx);
    for (let i = 0; i < nx; i++) {
      const v = values[j * nx + i];
      // As a row's cell: a number's mean of one (−0 as 0), a label as itself; NaN and null: no value.
      const c = numeric ? (Number.isNaN(v) ? null : 0 + (v as number)) : ((v as string | null) ?? null);
      if (c === null) empty = true;
      row[i] = c;
    }
    return row;
  });
  const xa: Axis = { values: [...x], valueAt: (i) => x[i], numeric: true };
  const ya: Axis = { values: [...y], valueAt: (j) => y[j], numeric: true };
  const logX = figure.logX ?? autoLog(xa);
  const logY = figure.logY ?? autoLog(ya);
  const svg = heatmap({
    xLabel: label(figure.x, ctx),
    yLabel: label(figure.y, ctx),
    xScale: logX ? 'log' : 'linear',
    yScale: logY ? 'log' : 'linear',
    // As rows would: a label's missing cell is named ('no value'), a number's NaN is not.
    ...(empty && (emptyLabel !== undefined || !numeric) ? { emptyLabel: emptyLabel ?? 'no value' } : {}),
    ...(nx * y.length >= RASTER_CELLS ? { raster: true } : {}),
    overlays: overlayLines(figure.overlays, xa, ya),
    x,
    y,
    ...(numeric
      ? {
          values: rows as (number | null)[][],
          colorLabel: label(figure.value, ctx),
          colorScale: figure.logValue ? 'log' : 'linear',
        }
      : { categories: rows as (string | null)[][] }),
  });
  return { svg };
}

// ---- line / scatter ----

function refs(overlays: readonly Overlay[] | undefined, type: 'vline' | 'hline'): RefLine[] {
  return (overlays ?? [])
    .filter((o): o is Extract<Overlay, { type: typeof type }> => o.type === type)
    .map((o) => ({
      value: o.type === 'vline' ? o.x : (o as { y: number }).y,
      ...(o.label ? { label: o.label } : {}),
    }));
}

function line(spec: LineSpec, data: Extract<PlotData, { kind: 'line' }>, ctx: PlotContext): Rendered {
  const ys = [spec.y].flat();
  // One row per point of each series (for a line, per x: the median of the runs there, with its
  // quartiles when several runs share the x), named as the legend shows it.
  const rows: { x: number; y: number; series: string }[] = [];
  const quartiles: { name: string; x: number[]; lo: number[]; hi: number[] }[] = [];
  const names: string[] = [];
  let reduced = 0;
  let longest = 0;
  for (const s of data.series.values()) {
    // The aggregator names series `key = value, …`: the experiment's labels replace the keys.
    let named = s.label;
    for (const k of spec.series === undefined ? [] : [spec.series].flat())
      named = named.replace(`${k} = `, `${label(k, ctx)} = `);
    const name = [ys.length > 1 ? label(s.y, ctx) : '', named].filter(Boolean).join(': ');
    if (spec.type === 'scatter') {
      const pts = [...s.points].sort((a, b) => a[0] - b[0]);
      if (pts.length === 0) continue;
      names.push(name);
      for (const [x, y] of pts) rows.push({ x, y, series: name });
      continue;
    }
    // Several runs at one x (the other swept axes): their median, with the interquartile range.
    const pts = [...s.cells]
      .map(([k, c]) => [Number(data.x.values.get(k)), c] as const)
      .sort((a, b) => a[0] - b[0]);
    if (pts.length === 0) continue;
    const many = pts.some(([, c]) => c.n + c.nan > 1);
    if (many) reduced = Math.max(reduced, ...pts.map(([, c]) => c.n));
    names.push(name);
    longest = Math.max(longest, pts.length);
    for (const [x, c] of pts)
      rows.push({ x, y: c.n === 0 ? Number.NaN : many ? c.quantile(0.5) : c.min, series: name });
    if (many)
      quartiles.push({
        name,
        x: pts.map((p) => p[0]),
        lo: pts.map(([, c]) => c.quantile(0.25)),
        hi: pts.map(([, c]) => c.quantile(0.75)),
      });
  }
  if (rows.length === 0) return { note: `No numeric ${spec.x} to plot against.` };
  // Curves are model lines: dashed, and in the legend beside the data.
  const curves: LineSeries[] = (spec.overlays ?? [])
    .filter((o): o is Extract<Overlay, { type: 'curve' }> => o.type === 'curve')
    .map((o) => ({
      ...(o.label ? { name: o.label } : {}),
      x: o.points.map((p) => p[0]),
      y: o.points.map((p) => p[1]),
      dashed: true,
    }));
  const one = names.length === 1;
  // A single unnamed line that is a median says so.
  if (one && quartiles.length === 1 && names[0] === '') for (const r of rows) r.series = 'median';
  const named = names.some((n) => n !== '') || (one && quartiles.length === 1);
  const yLabel = spec.yLabel ?? (ys.length === 1 ? label(ys[0]!, ctx) : '');
  const common = {
    data: rows,
    x: 'x',
    y: 'y',
    labels: { x: spec.xLabel ?? label(spec.x, ctx), y: yLabel, series: '' },
    // No y label at all (several quantities, none given): not even an empty one in the legend.
    ...(yLabel ? {} : { yLabel: undefined }),
    xScale: spec.logX ? ('log' as const) : ('linear' as const),
    yScale: spec.logY ? ('log' as const) : ('linear' as const),
    ...(spec.xDomain ? { xDomain: spec.xDomain } : {}),
    ...(spec.yDomain ? { yDomain: spec.yDomain } : {}),
    hLines: refs(spec.overlays, 'hline'),
    vLines: refs(spec.overlays, 'vline'),
    overlays: (spec.overlays ?? [])
      .filter((o): o is Extract<Overlay, { type: 'region' }> => o.type === 'region')
      .map(shape),
  };
  if (spec.type === 'scatter')
    return { svg: plot({ mark: 'dot', ...common, ...(named ? { fill: 'series' } : {}), lines: curves }) };
  const notes: string[] = [];
  if (reduced > 1)
    notes.push(
      `Several runs share each ${label(spec.x, ctx)}: the line is their median, the dashed lines their quartiles.`,
    );
  // Runs without a number for x (a parameter some methods do not take) have no place on the line.
  let placed = 0;
  for (const s of data.series.values())
    if (s.y === ys[0]) for (const c of s.cells.values()) placed += c.n + c.nan;
  if (placed < data.total && !data.x.truncated)
    notes.push(
      `${(data.total - placed).toLocaleString('en-US')} of ${data.total.toLocaleString('en-US')} runs have no ` +
        `number for ${label(spec.x, ctx)} and are left out.`,
    );
  // Quartiles dashed in the colour of their median: one line each, broken between the lower and the
  // upper (one legend entry per median, not two).
  const bands: LineSeries[] = quartiles.map((q) => ({
    name: one ? 'quartiles' : `${q.name}: quartiles`,
    x: [...q.x, q.x[q.x.length - 1]!, ...q.x],
    y: [...q.lo, Number.NaN, ...q.hi],
    dashed: true,
    color: okabeIto[names.indexOf(q.name) % okabeIto.length]!,
  }));
  return {
    svg: plot({
      mark: 'line',
      ...common,
      ...(named ? { stroke: 'series' } : {}),
      marker: longest <= 60,
      reduce: 'none',
      lines: [...bands, ...curves],
    }),
    ...(notes.length > 0 ? { note: notes.join(' ') } : {}),
  };
}

// ---- quiver ----

function quiver(spec: QuiverSpec, rows: readonly RunRecord[], ctx: PlotContext): Rendered {
  const [gx, gy, gu, gv] = [spec.x, spec.y, spec.u, spec.v].map(accessor) as [
    ReturnType<typeof accessor>,
    ReturnType<typeof accessor>,
    ReturnType<typeof accessor>,
    ReturnType<typeof accessor>,
  ];
  const num = (v: Json | undefined): number => toNumber(v) ?? Number.NaN;
  let f: ((a: number, b: number) => number) | undefined;
  if (spec.objective !== undefined) {
    const info = normalizeObjective(spec.objective);
    const problem = buildObjective(info, info.name, info.params);
    const p = new Float64Array(2);
    f = (a, b) => {
      p[0] = a;
      p[1] = b;
      return problem.f(p);
    };
  }
  return {
    svg: plot({
      mark: 'vector',
      // One row per arrow: its base and its components.
      data: rows.map((r) => ({ x: num(gx(r)), y: num(gy(r)), u: num(gu(r)), v: num(gv(r)) })),
      x: 'x',
      y: 'y',
      u: 'u',
      v: 'v',
      labels: { x: label(spec.x, ctx), y: label(spec.y, ctx) },
      ...(spec.domain ? { xDomain: spec.domain[0], yDomain: spec.domain[1] } : {}),
      ...(f ? { f, filled: false } : {}),
    }),
  };
}

// ---- table ----

const RESULT_COLUMNS = ['status', 'fun', 'gradNorm', 'nit', 'nfev'];

/** A table cell's value: numbers, text and booleans as they are; points and objects to `digits`. */
function cellOf(v: Json | undefined, digits: number | 'full' | undefined): Json {
  if (v === undefined || v === null) return null;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return v;
  return brief(v, digits);
}

/**
 * A table of runs, by viz's `reportTable`: one row per run (a field per column, and the sort key),
 * sorted, at most `limit` of them; numbers stay numbers (the report formats them, to the spec's
 * digits). The report's note says how many of how many runs are shown.
 */
export function table(
  spec: TableSpec,
  rows: readonly RunRecord[],
  total: number,
  ctx: PlotContext,
): ReportTable {
  let given = spec.columns;
  if (given === undefined) {
    const valueKeys = [...new Set(rows.slice(0, 50).flatMap((r) => Object.keys(r.values ?? {})))];
    given =
      ctx.experiment.run === undefined
        ? [...ctx.swept, ...RESULT_COLUMNS]
        : [...ctx.swept, ...(rows.some((r) => r.status !== 'ok') ? ['status'] : []), ...valueKeys];
  }
  const columns: TableColumn[] = given.map((c) => (typeof c === 'string' ? { value: c } : c));
  const gets = columns.map((c) => accessor(c.value));
  const digits = columns.map((c) => c.digits ?? spec.digits);
  // The sort key: a number (missing values last, in either order).
  const sortBy = spec.sort === undefined ? undefined : accessor(spec.sort);
  const sign = spec.order === 'desc' ? -1 : 1;
  const data = rows.map((r) => {
    const row: Record<string, Json> = {};
    gets.forEach((g, k) => {
      row[k] = cellOf(g(r), digits[k]);
    });
    if (sortBy) {
      const n = toNumber(sortBy(r));
      row.sort = n === undefined || Number.isNaN(n) ? Number.POSITIVE_INFINITY : sign * n;
    }
    return row;
  });
  const t = reportTable({
    data,
    columns: columns.map((c, k) => ({
      field: String(k),
      label: c.label ?? label(c.value, ctx, false),
      ...(digits[k] === undefined ? {} : { digits: digits[k]! }),
    })),
    ...(sortBy ? { sort: 'sort' } : {}),
    maxRows: spec.limit ?? 200,
  });
  return total > t.rows.length ? { ...t, totalRows: total } : t;
}
