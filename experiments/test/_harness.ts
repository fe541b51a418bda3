// Runs chosen points of an experiment the way a worker does: planSweep validates and expands the
// definition, runBatch imports the module (its TypeScript source here) and runs the points.
import {
  BatchRunner,
  type Experiment,
  flatParams,
  functionPlots,
  type Json,
  type Params,
  param,
  parseOverrides,
  planSweep,
  type ReportSection,
  type RunRecord,
  renderReport,
  SweepAggregator,
} from '@numcomp/runner';

/** The module's file URL, from its id. */
export function moduleUrl(id: string): string {
  return new URL(`../src/${id}.ts`, import.meta.url).href;
}

/** Imports an experiment module and returns its default export. */
export async function load(id: string): Promise<Experiment> {
  const m = (await import(moduleUrl(id))) as { default: Experiment };
  return m.default;
}

function revive(v: unknown): unknown {
  if (v === 'NaN') return Number.NaN;
  if (v === 'Infinity') return Number.POSITIVE_INFINITY;
  if (v === '-Infinity') return Number.NEGATIVE_INFINITY;
  if (Array.isArray(v)) return v.map(revive);
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(
      Object.entries(v).map(([k, e]) => [k, k === 'id' || k === 'status' ? e : revive(e)]),
    );
  }
  return v;
}

/**
 * Plans the experiment (with `key=value` overrides), keeps the runs whose parameters pass `keep`, and
 * runs them through the runner's `runBatch` as a sweep would: trajectories recorded for the runs the
 * plots draw, thinned as the experiment asks.
 */
export async function runPoints(
  id: string,
  keep: (params: Params) => boolean = () => true,
  overrides: readonly string[] = [],
): Promise<RunRecord[]> {
  const def = await load(id);
  const plan = planSweep(def, parseOverrides(overrides));
  const runs = Array.from({ length: plan.count }, (_, i) => plan.runAt(i)).filter((r) =>
    keep(flatParams(JSON.parse(r.params) as Params)),
  );
  const { lines } = await new BatchRunner().run({
    module: moduleUrl(id),
    experiment: id,
    trajectory: plan.trajectory,
    work: { kind: 'runs', runs },
  });
  return new TextDecoder()
    .decode(lines)
    .trim()
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => revive(JSON.parse(l)) as RunRecord);
}

/** The one record whose parameters include `match` (compared as JSON). */
export function pick(records: readonly RunRecord[], match: Params): RunRecord {
  const hits = records.filter((r) =>
    Object.entries(match).every(([k, v]) => JSON.stringify(param(r.params, k)) === JSON.stringify(v)),
  );
  if (hits.length !== 1)
    throw new Error(`expected one record matching ${JSON.stringify(match)}, found ${hits.length}`);
  return hits[0]!;
}

/** The experiments of the default suite, in report order. */
export const SUITE = [
  'overflow-underflow',
  'conditioning',
  'finite-difference-step',
  'tangent-line',
  'gradient-field',
  'learning-rate',
  'line-search',
  'least-squares',
  'optimizers',
  'constrained',
  'gradient-descent-1d',
  'critical-points',
  'local-minima',
  'curvature',
  'saddle-points',
  'canyon',
  'lipschitz-convexity',
] as const;

/** A numeric field of a function experiment's record. */
export function num(r: RunRecord, key: string): number {
  const v = r.values?.[key];
  if (typeof v !== 'number')
    throw new Error(`values.${key} of ${JSON.stringify(r.params)} is not a number: ${String(v)}`);
  return v;
}

/** A numeric-vector field of a function experiment's record. */
export function vec(r: RunRecord, key: string): number[] {
  const v = r.values?.[key];
  if (!Array.isArray(v)) throw new Error(`values.${key} of ${JSON.stringify(r.params)} is not an array`);
  return v as number[];
}

/** The report sections an experiment computes from its records. */
export async function reportOf(id: string, records: readonly RunRecord[]): Promise<readonly ReportSection[]> {
  const def = await load(id);
  if (def.report === undefined) throw new Error(`${id} has no report hook`);
  return def.report(records, { id, swept: planSweep(def).swept });
}

/** The HTML report of an experiment over `records`, as `pnpm sweep` writes it. */
export async function reportHtml(id: string, records: readonly RunRecord[]): Promise<string> {
  const def = await load(id);
  const plan = planSweep(def);
  const agg = new SweepAggregator(def, plan.plots ?? functionPlots(plan.swept, records), records.length);
  records.forEach((r, i) => {
    agg.add(r, i);
  });
  return renderReport({
    experiment: def,
    swept: plan.swept,
    aggregates: agg.finish(),
    sweep: 'default',
    provenance: {
      command: `pnpm sweep ${id}`,
      overrides: [],
      started: new Date(0).toISOString(),
      commit: undefined,
      versions: {},
      code: '',
      executor: 'piscina',
      threads: 1,
      runs: { planned: plan.count, ran: records.length, reused: 0, failed: 0 },
      wallMs: 0,
    },
  });
}

/** The rows of the report section titled `title`. */
export function sectionRows(sections: readonly ReportSection[], title: string): readonly (readonly Json[])[] {
  const s = sections.find((x) => x.title === title);
  if (s?.table === undefined) throw new Error(`no report table titled ${title}`);
  return s.table.rows;
}
