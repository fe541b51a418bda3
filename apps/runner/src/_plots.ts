// Declarative plot specs → @numcomp/viz calls, from run records. Viz draws; this file only selects,
// groups and aggregates the recorded data (and samples the objective for contours).
import type { TestFunction } from '@numcomp/core';
import {
  contourPlot,
  convergencePlot,
  heatmap,
  type LineSeries,
  linePlot,
  quiverPlot,
  type RefLine,
  type ReportCell,
  type ReportColumn,
  type ReportTable,
  scatterPlot,
  smallMultiples,
  type Trajectory,
  type Overlay as VizOverlay,
} from '@numcomp/viz';
import { accessor, brief, keyOf, matcher, toNumber } from './_accessor.js';
import { buildObjective, normalizeObjective, pickParams } from './_objective.js';
import { OBJECTIVE_KEY } from './_schema.js';
import { canonicalJson } from './canonicalJson.js';
import type {
  ContourSpec,
  ConvergenceSpec,
  Experiment,
  HeatmapSpec,
  Json,
  LineSpec,
  ObjectiveSpec,
  Overlay,
  PlotSpec,
  ProblemWithDim,
  QuiverSpec,
  RunRecord,
  TableColumn,
  TableSpec,
} from './types.js';

/** What the renderers know besides the records. */
export interface PlotContext {
  readonly experiment: Experiment;
  readonly swept: readonly string[];
  readonly objectiveKeys: readonly string[];
}

/** A rendered plot: an SVG, a table, or a note saying why nothing was drawn. */
export interface Rendered {
  readonly svg?: string;
  readonly table?: ReportTable;
  readonly note?: string;
}

/** Draws one spec over the records. A spec that cannot be drawn gives a note, never an exception. */
export function renderPlot(spec: PlotSpec, records: readonly RunRecord[], ctx: PlotContext): Rendered {
  const rows = records.filter(matcher(spec.where));
  if (rows.length === 0) return { note: 'No run matches this plot.' };
  try {
    switch (spec.type) {
      case 'contour':
        return contour(spec, rows, ctx);
      case 'convergence':
        return convergence(spec, rows, ctx);
      case 'heatmap':
        return heat(spec, rows);
      case 'line':
      case 'scatter':
        return line(spec, rows);
      case 'quiver':
        return quiver(spec, rows);
      case 'table':
        return { table: table(spec, rows, ctx) };
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
    case 'table':
      return 'Runs';
  }
}

// ---- objectives ----

const objectives = new Map<string, ProblemWithDim>();

/** The objective of a record (cached), or of an explicit spec. */
function objectiveOf(
  r: RunRecord | undefined,
  ctx: PlotContext,
  spec?: ObjectiveSpec,
): ProblemWithDim | undefined {
  if (spec !== undefined) {
    const info = normalizeObjective(spec);
    const key = `spec:${canonicalJson([info.name, info.params])}`;
    let p = objectives.get(key);
    if (p === undefined) objectives.set(key, (p = buildObjective(info, info.name, info.params)));
    return p;
  }
  const def = ctx.experiment;
  if (def.objective === undefined || r === undefined) return undefined;
  const name = r.params[OBJECTIVE_KEY] as string;
  const params = pickParams(r.params, ctx.objectiveKeys);
  const key = `${def.id}:${canonicalJson([name, params])}`;
  let p = objectives.get(key);
  if (p === undefined)
    objectives.set(key, (p = buildObjective(normalizeObjective(def.objective), name, params)));
  return p;
}

/** Records grouped by their objective (name and parameters), in first-seen order. */
function byObjective(rows: readonly RunRecord[], ctx: PlotContext): RunRecord[][] {
  const groups = new Map<string, RunRecord[]>();
  for (const r of rows) {
    const key = canonicalJson([r.params[OBJECTIVE_KEY] ?? null, pickParams(r.params, ctx.objectiveKeys)]);
    let g = groups.get(key);
    if (g === undefined) groups.set(key, (g = []));
    g.push(r);
  }
  return [...groups.values()];
}

/** Label of a run: the given accessors, or the swept parameters that vary among `rows`. */
function labeller(
  rows: readonly RunRecord[],
  keys: readonly string[] | undefined,
  ctx: PlotContext,
): (r: RunRecord) => string {
  const ks =
    keys ??
    ctx.swept.filter((k) => {
      const get = accessor(k);
      return new Set(rows.map((r) => keyOf(get(r)))).size > 1;
    });
  const gets = ks.map((k) => [k, accessor(k)] as const);
  return (r) => gets.map(([k, g]) => `${k} = ${brief(g(r))}`).join(', ') || r.id;
}

/** An accessor as an axis label: `values.error` → `error`. */
function label(path: string): string {
  return path.replace(/^(values|params)\./, '');
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

// ---- contour ----

function contour(spec: ContourSpec, rows: readonly RunRecord[], ctx: PlotContext): Rendered {
  const withTraj = spec.trajectories === false ? [] : rows.filter((r) => r.trajectory !== undefined);
  const groups =
    spec.objective !== undefined
      ? [withTraj.length > 0 ? withTraj : [...rows]]
      : byObjective(withTraj.length > 0 ? withTraj : rows, ctx);
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
    const label = labeller(runs, spec.label, ctx);
    const trajectories: Trajectory[] = runs.map((r) => ({
      name: label(r),
      x: r.trajectory!.x.map((p) => toNumber(p[0] as Json) ?? Number.NaN),
      y: r.trajectory!.x.map((p) => toNumber(p[1] as Json) ?? Number.NaN),
      status: r.status,
    }));
    const [xDomain, yDomain] = spec.domain ?? contourDomain(problem, trajectories);
    const x = new Float64Array(2);
    const name = g[0]?.params[OBJECTIVE_KEY];
    svgs.push(
      contourPlot({
        ...(groups.length > 1 && typeof name === 'string' ? { title: name } : {}),
        f: (a, b) => {
          x[0] = a;
          x[1] = b;
          return problem.f(x);
        },
        xDomain,
        yDomain,
        xLabel: 'x₀',
        yLabel: 'x₁',
        levelScale: spec.scale ?? 'log',
        axesLines: spec.axes ?? false,
        hLines: refs(spec.overlays, 'hline'),
        vLines: refs(spec.overlays, 'vline'),
        overlays: shapes(spec.overlays),
        trajectories,
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
  trajectories: readonly Trajectory[],
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
  const label = labeller(runs, spec.label, ctx);
  const series = runs.map((r) => {
    const t = r.trajectory!;
    let ys = (what === 'gradNorm' ? t.gradNorm : t.f).map((v) => toNumber(v as Json) ?? Number.NaN);
    if (what === 'gap') {
      const minima = (objectiveOf(r, ctx) as Partial<TestFunction> | undefined)?.minima ?? [];
      const fstar = minima.length > 0 ? Math.min(...minima.map((m) => m.f)) : Number.NaN;
      ys = ys.map((v) => v - fstar);
    }
    return { r, iter: t.iter, ys };
  });
  const yLabel = what === 'gradNorm' ? '‖∇f‖' : what === 'gap' ? 'f − f*' : 'f';
  const colorBy = spec.colorBy;
  const group =
    colorBy === undefined || colorBy === 'run' || colorBy === 'status' ? undefined : accessor(colorBy);
  const contiguous = series.every((s) => s.iter.every((k, i) => k === i));
  return {
    svg: convergencePlot({
      yLabel,
      ...(colorBy === undefined
        ? {}
        : { colorBy: group ? ('group' as const) : (colorBy as 'run' | 'status') }),
      runs: series.map((s) => ({
        name: label(s.r),
        values: s.ys,
        // Thinned trajectories: each value at its recorded iteration.
        ...(contiguous ? {} : { iter: s.iter }),
        status: s.r.status,
        ...(group ? { group: brief(group(s.r)) } : {}),
      })),
    }),
  };
}

// ---- heatmap ----

interface Axis {
  readonly values: (number | string)[];
  readonly index: (v: Json | undefined) => number;
  readonly numeric: boolean;
}

/** Distinct values of an accessor as a heatmap axis: sorted numbers, or labels in first-seen order. */
function axisOf(rows: readonly RunRecord[], get: (r: RunRecord) => Json | undefined): Axis {
  const vals = rows.map(get).filter((v) => v !== undefined) as Json[];
  if (vals.length > 0 && vals.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    const sorted = [...new Set(vals as number[])].sort((a, b) => a - b);
    const pos = new Map(sorted.map((v, i) => [v, i]));
    return { values: sorted, index: (v) => (typeof v === 'number' ? (pos.get(v) ?? -1) : -1), numeric: true };
  }
  const labels: string[] = [];
  const pos = new Map<string, number>();
  for (const v of vals) {
    const key = keyOf(v);
    if (!pos.has(key)) {
      pos.set(key, labels.length);
      labels.push(brief(v));
    }
  }
  // Labels must be distinct for the viz axis; disambiguate collisions from rounding.
  const seen = new Map<string, number>();
  const unique = labels.map((l) => {
    const n = (seen.get(l) ?? 0) + 1;
    seen.set(l, n);
    return n > 1 ? `${l} #${n}` : l;
  });
  return {
    values: unique,
    index: (v) => (v === undefined ? -1 : (pos.get(keyOf(v)) ?? -1)),
    numeric: false,
  };
}

function autoLog(axis: Axis): boolean {
  if (!axis.numeric || axis.values.length < 3) return false;
  const v = axis.values as number[];
  return v[0]! > 0 && v[v.length - 1]! / v[0]! >= 100;
}

function reduceNumbers(xs: number[], how: NonNullable<HeatmapSpec['reduce']>): number {
  if (xs.length === 0) return Number.NaN;
  switch (how) {
    case 'min':
      return Math.min(...xs);
    case 'max':
      return Math.max(...xs);
    case 'median': {
      const s = [...xs].sort((a, b) => a - b);
      const m = s.length >> 1;
      return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
    }
    default: {
      let sum = 0;
      for (const x of xs) sum += x;
      return sum / xs.length;
    }
  }
}

function mode(xs: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  let best: string | undefined;
  let n = 0;
  for (const x of xs) {
    const c = (counts.get(x) ?? 0) + 1;
    counts.set(x, c);
    if (c > n) [best, n] = [x, c];
  }
  return best;
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

function heat(spec: HeatmapSpec, rows: readonly RunRecord[]): Rendered {
  const facets = new Map<string, { label: string; rows: RunRecord[] }>();
  const getFacet = spec.facet === undefined ? undefined : accessor(spec.facet);
  for (const r of rows) {
    const v = getFacet?.(r);
    const key = keyOf(v);
    let f = facets.get(key);
    if (f === undefined)
      facets.set(key, (f = { label: spec.facet ? `${spec.facet} = ${brief(v)}` : '', rows: [] }));
    f.rows.push(r);
  }
  const gx = accessor(spec.x);
  const gy = accessor(spec.y);
  const gv = accessor(spec.value);
  // Shared axes across facets, so small multiples compare.
  const xa = axisOf(rows, gx);
  const ya = axisOf(rows, gy);
  const categorical =
    spec.value === 'status' || rows.some((r) => typeof gv(r) === 'string' && toNumber(gv(r)) === undefined);
  const how = spec.reduce ?? (categorical ? 'mode' : 'mean');
  const logX = spec.logX ?? autoLog(xa);
  const logY = spec.logY ?? autoLog(ya);
  const svgs: string[] = [];
  const many = facets.size > 1;
  for (const f of facets.values()) {
    const cells: (number | string)[][][] = ya.values.map(() => xa.values.map(() => []));
    for (const r of f.rows) {
      const i = xa.index(gx(r));
      const j = ya.index(gy(r));
      if (i < 0 || j < 0) continue;
      const v = gv(r);
      if (categorical) {
        if (v !== undefined && v !== null) cells[j]![i]!.push(typeof v === 'string' ? v : brief(v));
      } else {
        const n = toNumber(v);
        if (n !== undefined) cells[j]![i]!.push(n);
      }
    }
    const common = {
      x: xa.values,
      y: ya.values,
      xLabel: label(spec.x),
      yLabel: label(spec.y),
      ...(xa.numeric ? { xScale: logX ? ('log' as const) : ('linear' as const) } : {}),
      ...(ya.numeric ? { yScale: logY ? ('log' as const) : ('linear' as const) } : {}),
      ...(many ? { title: f.label, width: 420, height: 340 } : {}),
      overlays: overlayLines(spec.overlays, xa, ya),
    };
    if (categorical) {
      svgs.push(
        heatmap({ ...common, categories: cells.map((row) => row.map((c) => mode(c as string[]) ?? null)) }),
      );
    } else {
      const values = cells.map((row) =>
        row.map((c) => {
          const finite = (c as number[]).filter((v) => !Number.isNaN(v));
          const v = reduceNumbers(finite, how === 'mode' ? 'mean' : how);
          return Number.isFinite(v) ? v : null;
        }),
      );
      svgs.push(
        heatmap({
          ...common,
          values,
          colorLabel: label(spec.value),
          colorScale: spec.logValue ? 'log' : 'linear',
        }),
      );
    }
  }
  return { svg: grid(svgs) };
}

// ---- line / scatter ----

function seriesLabel(keys: readonly string[]): (r: RunRecord) => string {
  const gets = keys.map((k) => [k, accessor(k)] as const);
  return (r) => gets.map(([k, g]) => `${k} = ${brief(g(r))}`).join(', ');
}

function refs(overlays: readonly Overlay[] | undefined, type: 'vline' | 'hline'): RefLine[] {
  return (overlays ?? [])
    .filter((o): o is Extract<Overlay, { type: typeof type }> => o.type === type)
    .map((o) => ({
      value: o.type === 'vline' ? o.x : (o as { y: number }).y,
      ...(o.label ? { label: o.label } : {}),
    }));
}

function line(spec: LineSpec, rows: readonly RunRecord[]): Rendered {
  const ys = [spec.y].flat();
  const seriesKeys = spec.series === undefined ? [] : [spec.series].flat();
  const gx = accessor(spec.x);
  const seriesOf = seriesLabel(seriesKeys);
  const groups = new Map<string, RunRecord[]>();
  for (const r of rows) {
    const k = seriesOf(r);
    let g = groups.get(k);
    if (g === undefined) groups.set(k, (g = []));
    g.push(r);
  }
  const series: { name: string; x: number[]; y: number[] }[] = [];
  for (const y of ys) {
    const gy = accessor(y);
    for (const [k, g] of groups) {
      const pts = g
        .map((r) => [toNumber(gx(r)), toNumber(gy(r))] as const)
        .filter(
          (p): p is readonly [number, number | undefined] => p[0] !== undefined && Number.isFinite(p[0]),
        )
        .sort((a, b) => a[0] - b[0]);
      if (pts.length === 0) continue;
      const name = [ys.length > 1 ? label(y) : '', k].filter(Boolean).join(': ');
      series.push({ name, x: pts.map((p) => p[0]), y: pts.map((p) => p[1] ?? Number.NaN) });
    }
  }
  if (series.length === 0) return { note: `No numeric ${spec.x} to plot against.` };
  // Curves are model lines: dashed, and in the legend beside the data.
  const curves: LineSeries[] = (spec.overlays ?? [])
    .filter((o): o is Extract<Overlay, { type: 'curve' }> => o.type === 'curve')
    .map((o) => ({
      ...(o.label ? { name: o.label } : {}),
      x: o.points.map((p) => p[0]),
      y: o.points.map((p) => p[1]),
      dashed: true,
    }));
  const yLabel = spec.yLabel ?? (ys.length === 1 ? label(ys[0]!) : '');
  const common = {
    xLabel: spec.xLabel ?? label(spec.x),
    ...(yLabel ? { yLabel } : {}),
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
  if (spec.type === 'scatter') {
    return {
      svg: scatterPlot({
        ...common,
        series: series.map((s) => ({ ...(s.name ? { name: s.name } : {}), x: s.x, y: s.y })),
        lines: curves,
      }),
    };
  }
  return {
    svg: linePlot({
      ...common,
      series: [
        ...series.map((s) => ({
          ...(s.name ? { name: s.name } : {}),
          x: s.x,
          y: s.y,
          marker: s.x.length <= 60,
        })),
        ...curves,
      ],
    }),
  };
}

// ---- quiver ----

function quiver(spec: QuiverSpec, rows: readonly RunRecord[]): Rendered {
  const [gx, gy, gu, gv] = [spec.x, spec.y, spec.u, spec.v].map(accessor) as [
    ReturnType<typeof accessor>,
    ReturnType<typeof accessor>,
    ReturnType<typeof accessor>,
    ReturnType<typeof accessor>,
  ];
  const num = (v: Json | undefined): number => toNumber(v) ?? Number.NaN;
  const x = rows.map((r) => num(gx(r)));
  const y = rows.map((r) => num(gy(r)));
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
    svg: quiverPlot({
      x,
      y,
      u: rows.map((r) => num(gu(r))),
      v: rows.map((r) => num(gv(r))),
      xLabel: label(spec.x),
      yLabel: label(spec.y),
      ...(spec.domain ? { xDomain: spec.domain[0], yDomain: spec.domain[1] } : {}),
      ...(f ? { f, filled: false } : {}),
    }),
  };
}

// ---- table ----

const RESULT_COLUMNS = ['status', 'fun', 'gradNorm', 'nit', 'nfev'];

function cellOf(v: Json | undefined, digits: number | 'full' | undefined): ReportCell {
  if (v === undefined || v === null) return null;
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'string') return v;
  return brief(v, digits);
}

/** A table of runs; numbers stay numbers (the report formats them, to the spec's digits). */
export function table(spec: TableSpec, rows: readonly RunRecord[], ctx: PlotContext): ReportTable {
  let given = spec.columns;
  if (given === undefined) {
    const valueKeys = [...new Set(rows.slice(0, 50).flatMap((r) => Object.keys(r.values ?? {})))];
    given =
      ctx.experiment.run === undefined
        ? [...ctx.swept, ...RESULT_COLUMNS]
        : [...ctx.swept, ...(rows.some((r) => r.status !== 'ok') ? ['status'] : []), ...valueKeys];
  }
  const columns: TableColumn[] = given.map((c) => (typeof c === 'string' ? { value: c } : c));
  let sorted = [...rows];
  if (spec.sort !== undefined) {
    const get = accessor(spec.sort);
    const sign = spec.order === 'desc' ? -1 : 1;
    const key = (r: RunRecord): number => {
      const n = toNumber(get(r));
      return n === undefined || Number.isNaN(n) ? Number.POSITIVE_INFINITY : sign * n;
    };
    sorted = sorted
      .map((r) => [key(r), r] as const)
      .sort((a, b) => a[0] - b[0])
      .map(([, r]) => r);
  }
  const limit = spec.limit ?? 200;
  const shown = sorted.slice(0, limit);
  const gets = columns.map((c) => accessor(c.value));
  const digits = columns.map((c) => c.digits ?? spec.digits);
  const header: ReportColumn[] = columns.map((c, k) => {
    const text = c.label ?? c.value;
    return digits[k] === undefined ? text : { label: text, digits: digits[k]! };
  });
  return {
    columns: header,
    rows: shown.map((r) => gets.map((g, k) => cellOf(g(r), digits[k]))),
    ...(sorted.length > shown.length ? { caption: `${shown.length} of ${sorted.length} runs` } : {}),
  };
}
