// Aggregate: one pass over a sweep's records (new ones as their batches arrive, reused ones streamed
// from results.jsonl) builds everything the summary, the CLI and the report need, in memory bounded by
// those aggregates: counts, the best runs per objective, heatmap cells and line-plot points with their
// reductions, the trajectories of the few runs a plot draws, top-k tables. A sweep small enough
// (≤ `keepRecords` runs) also keeps its records, in grid order, for the experiment's `report` hook.
import { canonicalJson } from '../format/canonicalJson.js';
import type { Experiment, Json, PlotSpec, RunRecord, RunStatus } from '../types.js';
import { accessor, keyOf, matcher, toNumber } from './accessor.js';
import { Cell } from './cells.js';

/** Runs a parallel-coordinates plot keeps by default. */
const PARALLEL_CAP = 2000;

/** Statuses of runs that produced no result. */
const FAILED: ReadonlySet<RunStatus> = new Set<RunStatus>(['error', 'timeout']);

/** Distinct values kept per heatmap or line axis. */
export const AXIS_CAP = 2000;
/** Runs with trajectories kept per contour or convergence plot, and points per quiver plot. */
const RECORDS_CAP = 1000;
const QUIVER_CAP = 20_000;
/** Points per scatter series. */
const SCATTER_CAP = 5000;
/** Best runs kept per objective, and objectives. */
const BEST = 5;
const OBJECTIVES_CAP = 64;

/** A heatmap or line axis: distinct values (numbers, or labels in first-seen order). */
export class AxisValues {
  readonly values = new Map<string, Json>();
  /** Values past {@link AXIS_CAP} were dropped. */
  truncated = false;
  /**
   * Keys in first-seen order, their positions, and the positions of numbers and strings seen (no key
   * printed).
   */
  private readonly keys: string[] = [];
  private readonly positions = new Map<string, number>();
  private readonly direct = new Map<number | string, number>();

  /** The key of `v` on this axis, or undefined when the axis is full. */
  key(v: Json | undefined): string | undefined {
    const i = this.index(v);
    return i < 0 ? undefined : this.keys[i];
  }

  /** The key at position `i` (see {@link index}). */
  keyAt(i: number): string {
    return this.keys[i]!;
  }

  /** The value at position `i` (see {@link index}). */
  valueAt(i: number): Json | undefined {
    return this.values.get(this.keys[i]!);
  }

  /** The position of `v` on this axis (first seen, first), or -1 when undefined or the axis is full. */
  index(v: Json | undefined): number {
    if (v === undefined) return -1;
    // Map keys compare numbers as String does (NaN to NaN, −0 to 0): one position per key. A string's
    // key is itself quoted: it is found by the string (a facet's value, once a run).
    if (typeof v === 'number' || typeof v === 'string') {
      const i = this.direct.get(v);
      if (i !== undefined) return i;
    }
    const k = keyOf(v);
    let i = this.positions.get(k);
    if (i === undefined) {
      if (this.keys.length >= AXIS_CAP) {
        this.truncated = true;
        return -1;
      }
      i = this.keys.length;
      this.keys.push(k);
      this.positions.set(k, i);
      this.values.set(k, v);
    }
    if (typeof v === 'number' || typeof v === 'string') this.direct.set(v, i);
    return i;
  }
}

/** A heat cell's key in `cells`: its facet, x and y positions on their axes (see {@link cellAt}). */
function cellKey(facet: number, x: number, y: number): number {
  return (facet * AXIS_CAP + x) * AXIS_CAP + y;
}

/** The facet, x and y positions on their axes of a heat cell's key in `cells` (see {@link cellKey}). */
export function cellAt(at: number): [facet: number, x: number, y: number] {
  const y = at % AXIS_CAP;
  const rest = (at - y) / AXIS_CAP;
  const x = rest % AXIS_CAP;
  return [(rest - x) / AXIS_CAP, x, y];
}

/** What a plot keeps of the runs it draws. */
export type PlotData =
  | { readonly kind: 'records'; readonly records: RunRecord[]; total: number; any?: RunRecord[] }
  | {
      readonly kind: 'heat';
      readonly x: AxisValues;
      readonly y: AxisValues;
      readonly facets: AxisValues;
      /** The cells by their axes' positions (see {@link cellAt}), in first-seen order. */
      readonly cells: Map<number, Cell>;
      categorical: boolean;
      total: number;
    }
  | {
      readonly kind: 'line';
      readonly x: AxisValues;
      /** Per y accessor and series label: x key → cell (line) or the points (scatter). */
      readonly series: Map<
        string,
        {
          readonly y: string;
          readonly label: string;
          readonly cells: Map<string, Cell>;
          readonly points: [number, number][];
        }
      >;
      total: number;
    };

/** Runs that failed (`error` or `timeout`) with one message: how many, and one of them. */
export interface FailureGroup {
  readonly message: string;
  readonly status: RunStatus;
  runs: number;
  /** The first such run's params. */
  readonly example: RunRecord['params'];
}

/** Distinct failure messages kept; the runs of any others are counted in `failuresElsewhere`. */
const FAILURE_MESSAGES = 50;

/** What a sweep's records reduce to. */
export interface SweepAggregates {
  /** Runs aggregated. */
  readonly count: number;
  readonly statuses: Partial<Record<RunStatus, number>>;
  /** Total run time, ms. */
  readonly timeMs: number;
  /** Per objective (`name` and its parameters), its best runs: converged first, then by final f. */
  readonly best: ReadonlyMap<string, { readonly label: string; readonly runs: readonly RunRecord[] }>;
  /** Per plot of `plots`, its data. */
  readonly plots: readonly PlotData[];
  /** The plots the data belongs to. */
  readonly specs: readonly PlotSpec[];
  /** Every record in grid order, when the sweep has at most `keepRecords` runs. */
  readonly records: readonly RunRecord[] | undefined;
  /** The first records seen (for choosing a function sweep's default plots). */
  readonly sample: readonly RunRecord[];
  /** Each swept parameter's share of the variance of log₁₀ |final f| (see {@link Importance}). */
  readonly importance: readonly Importance[];
  /** Why runs failed: each distinct message (the first 50) with its runs, most runs first. */
  readonly failures: readonly FailureGroup[];
  /** Failed runs whose message is not among {@link failures}. */
  readonly failuresElsewhere: number;
}

/** Options of {@link SweepAggregator}. */
export interface AggregatorOptions {
  /** Keep every record (for the `report` hook) up to this many runs (default 50 000). */
  readonly keepRecords?: number;
  /** Swept parameters whose importance to log₁₀ |final f| is measured. */
  readonly importance?: readonly string[];
}

/**
 * The share of the variance of y = log₁₀ |final f| that each swept parameter explains on its own: a
 * one-way analysis of variance per parameter, Σₖ nₖ (ȳₖ − ȳ)² / Σ (y − ȳ)², the first-order (main
 * effect) index that fANOVA reports for a full grid.
 */
export interface Importance {
  readonly key: string;
  /** Between 0 and 1. */
  readonly share: number;
  /** Distinct values seen. */
  readonly levels: number;
}

class ImportanceAcc {
  n = 0;
  sum = 0;
  sumsq = 0;
  private readonly groups: {
    key: string;
    get: (r: RunRecord) => Json | undefined;
    /** By value: numbers as themselves (as keyOf tells them apart), anything else by its key. */
    by: Map<string | number, [number, number]>;
  }[];

  constructor(keys: readonly string[]) {
    this.groups = keys.map((key) => ({ key, get: accessor(key), by: new Map() }));
  }

  add(r: RunRecord): void {
    const f = r.fun;
    if (typeof f !== 'number' || !Number.isFinite(f)) return;
    const y = Math.log10(Math.abs(f) + 1e-300);
    this.n++;
    this.sum += y;
    this.sumsq += y * y;
    for (const g of this.groups) {
      const v = g.get(r);
      const k = typeof v === 'number' ? v : keyOf(v);
      let e = g.by.get(k);
      if (e === undefined) {
        if (g.by.size >= AXIS_CAP) continue;
        g.by.set(k, (e = [0, 0]));
      }
      e[0]++;
      e[1] += y;
    }
  }

  result(): Importance[] {
    if (this.n < 2) return [];
    const mean = this.sum / this.n;
    const total = this.sumsq - this.n * mean * mean;
    return this.groups.map((g) => {
      let between = 0;
      for (const [n, s] of g.by.values()) between += n * (s / n - mean) ** 2;
      return { key: g.key, share: total > 0 ? Math.min(1, between / total) : 0, levels: g.by.size };
    });
  }
}

type Adder = (r: RunRecord, index: number | undefined) => void;

/** A run's final f for ranking (NaN and no f last). */
function rankF(r: RunRecord): number {
  const f = r.fun;
  return typeof f === 'number' && !Number.isNaN(f) ? f : Number.POSITIVE_INFINITY;
}

/** Whether run a ranks before run b: converged first, then by final f. */
function better(a: RunRecord, b: RunRecord): boolean {
  const sa = a.status === 'converged' ? 0 : 1;
  const sb = b.status === 'converged' ? 0 : 1;
  return sa < sb || (sa === sb && rankF(a) < rankF(b));
}

/**
 * Folds records into a sweep's aggregates.
 *
 * @example
 * ```ts
 * const agg = new SweepAggregator(def, plan.plots, plan.count);
 * agg.add(record, index);
 * const { statuses, plots } = agg.finish();
 * ```
 */
export class SweepAggregator {
  private count = 0;
  private timeMs = 0;
  private readonly statuses = new Map<RunStatus, number>();
  private readonly best = new Map<string, { label: string; runs: RunRecord[] }>();
  private readonly kept: (RunRecord | undefined)[] | undefined;
  private readonly late: RunRecord[] = [];
  private readonly sample: RunRecord[] = [];
  private readonly failures = new Map<string, FailureGroup>();
  private failuresElsewhere = 0;
  private specs: readonly PlotSpec[] | undefined;
  private data: PlotData[] = [];
  private adders: Adder[] = [];
  private readonly importance: ImportanceAcc;

  /**
   * @param experiment - The experiment (optimizer or function sweep).
   * @param plots - The plots to aggregate for; undefined: chosen later from a sample ({@link setPlots}).
   * @param total - The plan's run count (sizes the kept records).
   * @param options - How many records to keep.
   */
  constructor(
    private readonly experiment: Experiment,
    plots: readonly PlotSpec[] | undefined,
    total: number,
    options: AggregatorOptions = {},
  ) {
    const keep = options.keepRecords ?? 50_000;
    this.importance = new ImportanceAcc(options.importance ?? []);
    this.kept = total <= keep ? new Array<RunRecord | undefined>(total) : undefined;
    if (plots !== undefined) this.setPlots(plots);
  }

  /** Whether the plots are chosen yet. */
  get hasPlots(): boolean {
    return this.specs !== undefined;
  }

  /** The records seen so far, when plots are not chosen yet (a function sweep's default plots need them). */
  get seen(): readonly RunRecord[] {
    return this.sample;
  }

  /** Chooses the plots; records seen before are folded into them. */
  setPlots(plots: readonly PlotSpec[]): void {
    this.specs = plots;
    this.data = [];
    this.adders = plots.map((p) => this.adderFor(p));
    if (this.sample.length > 0 && this.kept === undefined)
      for (const r of this.sample) this.fold(r, undefined);
  }

  /**
   * Adds one run of the sweep.
   *
   * @param r - Its record.
   * @param index - Its index in the plan, when known (orders kept records).
   */
  add(r: RunRecord, index: number | undefined): void {
    this.count++;
    this.timeMs += r.time;
    this.statuses.set(r.status, (this.statuses.get(r.status) ?? 0) + 1);
    if (this.sample.length < 200) this.sample.push(r);
    if (FAILED.has(r.status)) this.addFailure(r);
    if (this.kept !== undefined) {
      if (index !== undefined && index >= 0 && index < this.kept.length) this.kept[index] = r;
      else this.late.push(r);
    }
    if (this.experiment.run === undefined && !FAILED.has(r.status)) {
      this.addBest(r);
      this.importance.add(r);
    }
    if (this.kept === undefined && this.specs !== undefined) this.fold(r, index);
  }

  private addFailure(r: RunRecord): void {
    const message = r.message ?? '(no message)';
    const g = this.failures.get(message);
    if (g !== undefined) g.runs++;
    else if (this.failures.size < FAILURE_MESSAGES)
      this.failures.set(message, { message, status: r.status, runs: 1, example: r.params });
    else this.failuresElsewhere++;
  }

  private fold(r: RunRecord, index: number | undefined): void {
    for (const add of this.adders) add(r, index);
  }

  private addBest(r: RunRecord): void {
    const o = r.params.objective as { name?: Json; params?: Json } | undefined;
    const key = o !== undefined && typeof o === 'object' && o !== null ? keyOf(o) : '';
    let b = this.best.get(key);
    if (b === undefined) {
      if (this.best.size >= OBJECTIVES_CAP) return;
      const p = o?.params as Record<string, Json> | undefined;
      const args =
        p === undefined
          ? ''
          : Object.entries(p)
              .map(([k, v]) => `${k} = ${typeof v === 'number' ? v : JSON.stringify(v)}`)
              .join(', ');
      const label = `${String(o?.name ?? 'objective')}${args ? ` (${args})` : ''}`;
      this.best.set(key, (b = { label, runs: [] }));
    }
    const runs = b.runs;
    if (runs.length === BEST && !better(r, runs[BEST - 1]!)) return;
    let i = runs.length;
    while (i > 0 && better(r, runs[i - 1]!)) i--;
    runs.splice(i, 0, r);
    if (runs.length > BEST) runs.pop();
  }

  private adderFor(spec: PlotSpec): Adder {
    const where = matcher(spec.where);
    switch (spec.type) {
      case 'contour':
      case 'convergence': {
        const d: PlotData = { kind: 'records', records: [], total: 0 };
        this.data.push(d);
        return (r) => {
          if (!where(r)) return;
          d.total++;
          // One run of each objective even without a trajectory (contours draw its function).
          if (d.any === undefined) d.any = [];
          const o = keyOf(r.params.objective ?? null);
          if (d.any.length < 6 && !d.any.some((x) => keyOf(x.params.objective ?? null) === o)) d.any.push(r);
          if (r.trajectory !== undefined && d.records.length < RECORDS_CAP) d.records.push(r);
        };
      }
      case 'parallel': {
        // A uniform sample of the matching runs (Algorithm R with a fixed seed).
        const d: PlotData = { kind: 'records', records: [], total: 0 };
        this.data.push(d);
        const cap = spec.maxRuns ?? PARALLEL_CAP;
        let seed = 0x2545f491;
        return (r) => {
          if (!where(r)) return;
          d.total++;
          if (d.records.length < cap) {
            d.records.push(r);
            return;
          }
          seed ^= seed << 13;
          seed ^= seed >>> 17;
          seed ^= seed << 5;
          const j = (seed >>> 0) % d.total;
          if (j < cap) d.records[j] = r;
        };
      }
      case 'quiver':
      case 'table': {
        const d: PlotData = { kind: 'records', records: [], total: 0 };
        this.data.push(d);
        if (spec.type === 'table' && spec.sort !== undefined) {
          const get = accessor(spec.sort);
          const sign = spec.order === 'desc' ? -1 : 1;
          const limit = spec.limit ?? 200;
          const key = (r: RunRecord): number => {
            const n = toNumber(get(r));
            return n === undefined || Number.isNaN(n) ? Number.POSITIVE_INFINITY : sign * n;
          };
          return (r) => {
            if (!where(r)) return;
            d.total++;
            const k = key(r);
            const rs = d.records;
            if (rs.length === limit && !(k < key(rs[limit - 1]!))) return;
            let i = rs.length;
            while (i > 0 && k < key(rs[i - 1]!)) i--;
            rs.splice(i, 0, r);
            if (rs.length > limit) rs.pop();
          };
        }
        const cap = spec.type === 'quiver' ? QUIVER_CAP : (spec.limit ?? 200);
        return (r) => {
          if (!where(r)) return;
          d.total++;
          if (d.records.length < cap) d.records.push(r);
        };
      }
      case 'heatmap': {
        const d = {
          kind: 'heat' as const,
          x: new AxisValues(),
          y: new AxisValues(),
          facets: new AxisValues(),
          cells: new Map<number, Cell>(),
          categorical: spec.value === 'status',
          total: 0,
        };
        this.data.push(d);
        const gx = accessor(spec.x);
        const gy = accessor(spec.y);
        const gv = accessor(spec.value);
        const gf = spec.facet === undefined ? undefined : accessor(spec.facet);
        // Only a median needs a sample of each cell's values.
        const quantiles = spec.reduce === 'median';
        // Cells by their axes' positions: no key text per run or cell (a map of 200 × 200 starts is
        // 40,000 cells).
        return (r) => {
          if (!where(r)) return;
          d.total++;
          const fi = gf === undefined ? 0 : d.facets.index(gf(r));
          const xi = d.x.index(gx(r));
          const yi = d.y.index(gy(r));
          if (fi < 0 || xi < 0 || yi < 0) return;
          const at = cellKey(fi, xi, yi);
          let c = d.cells.get(at);
          if (c === undefined) d.cells.set(at, (c = new Cell(quantiles)));
          const v = gv(r);
          if (v === undefined || v === null) return;
          const n = toNumber(v);
          if (typeof v === 'string' && n === undefined) d.categorical = true;
          // Labels only for categories (numbers would keep one string per run); a numeric cell counts
          // its runs' outcomes instead, so that max-iter and diverged cells are drawn as such.
          if (n !== undefined) {
            c.add(n);
            c.label(r.status);
          } else c.label(typeof v === 'string' ? v : keyOf(v));
        };
      }
      case 'line':
      case 'scatter': {
        const d = {
          kind: 'line' as const,
          x: new AxisValues(),
          series: new Map<
            string,
            { y: string; label: string; cells: Map<string, Cell>; points: [number, number][] }
          >(),
          total: 0,
        };
        this.data.push(d);
        const gx = accessor(spec.x);
        const ys = [spec.y].flat().map((y) => [y, accessor(y)] as const);
        const keys = spec.series === undefined ? [] : [spec.series].flat();
        const gets = keys.map((k) => [k, accessor(k)] as const);
        const scatter = spec.type === 'scatter';
        // Without series, one label and one series key per y (no text per run).
        const plainKeys = ys.map(([y]) => `${y}\0`);
        return (r) => {
          if (!where(r)) return;
          d.total++;
          const xv = toNumber(gx(r));
          if (xv === undefined || !Number.isFinite(xv)) return;
          const label = gets.length === 0 ? '' : gets.map(([k, g]) => `${k} = ${briefKey(g(r))}`).join(', ');
          for (let j = 0; j < ys.length; j++) {
            const [y, gy] = ys[j]!;
            const skey = gets.length === 0 ? plainKeys[j]! : `${y}\0${label}`;
            let s = d.series.get(skey);
            if (s === undefined) {
              if (d.series.size >= AXIS_CAP) continue;
              d.series.set(skey, (s = { y, label, cells: new Map(), points: [] }));
            }
            const yv = toNumber(gy(r)) ?? Number.NaN;
            if (scatter) {
              if (s.points.length < SCATTER_CAP) s.points.push([xv, yv]);
              continue;
            }
            const xk = d.x.key(xv);
            if (xk === undefined) continue;
            let c = s.cells.get(xk);
            if (c === undefined) s.cells.set(xk, (c = new Cell()));
            c.add(yv);
          }
        };
      }
    }
  }

  /** The aggregates. A kept sweep folds its records into the plots now, in grid order. */
  finish(): SweepAggregates {
    let records: RunRecord[] | undefined;
    if (this.kept !== undefined) {
      records = [];
      for (const r of this.kept) if (r !== undefined) records.push(r);
      records.push(...this.late);
      if (this.specs !== undefined) {
        this.setPlots(this.specs);
        for (const r of records) this.fold(r, undefined);
      }
    }
    return {
      count: this.count,
      statuses: Object.fromEntries(this.statuses) as Partial<Record<RunStatus, number>>,
      timeMs: this.timeMs,
      best: this.best,
      plots: this.data,
      specs: this.specs ?? [],
      records,
      sample: this.sample,
      importance: this.importance.result(),
      failures: [...this.failures.values()].sort((a, b) => b.runs - a.runs),
      failuresElsewhere: this.failuresElsewhere,
    };
  }
}

/** A short text for a series label (numbers to 4 significant digits). */
function briefKey(v: Json | undefined): string {
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || (Number.isInteger(v) && Math.abs(v) < 1e6)) return String(v);
    const s = v.toPrecision(4);
    return s.includes('e') ? s.replace(/\.?0+e/, 'e') : s.includes('.') ? s.replace(/\.?0+$/, '') : s;
  }
  if (Array.isArray(v)) return `(${v.map((e) => briefKey(e)).join(', ')})`;
  if (v === undefined || v === null) return '';
  return typeof v === 'object' ? canonicalJson(v) : String(v);
}
