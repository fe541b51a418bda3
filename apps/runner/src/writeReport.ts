import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  htmlReport,
  type ReportIndexEntry,
  type ReportPlot,
  type ReportTable,
  reportIndex,
  type Stat,
  type ReportSection as VizSection,
} from '@numcomp/viz';
import { brief } from './_accessor.js';
import { plotsOf } from './_defaultPlots.js';
import { bestRuns, countStatuses, sweptParams } from './_derived.js';
import { type PlotContext, plotTitle, renderPlot } from './_plots.js';
import { sectionSchema } from './_schema.js';
import type { SweepPlan } from './planSweep.js';
import type { Json, Params, ReportSection, RunRecord } from './types.js';

function statusStats(records: readonly RunRecord[]): Stat[] {
  return Object.entries(countStatuses(records)).map(([label, value]) => ({ label, value: value ?? 0 }));
}

/** Parameters that are the same in every run, as `key = value` rows. */
function fixedTable(records: readonly RunRecord[], swept: readonly string[]): ReportTable | undefined {
  const first = records[0];
  if (first === undefined) return undefined;
  const rows = Object.entries(first.params)
    .filter(([k]) => !swept.includes(k))
    .map(([k, v]) => [k, brief(v)]);
  return rows.length > 0 ? { caption: 'Fixed parameters', columns: ['parameter', 'value'], rows } : undefined;
}

function bestTable(records: readonly RunRecord[], swept: readonly string[]): ReportTable | undefined {
  const best = bestRuns(records, 10);
  if (best.length === 0) return undefined;
  return {
    caption: 'Best configurations (lowest final f)',
    columns: [...swept, 'status', 'f', '‖∇f‖', 'steps', 'x'],
    rows: best.map((r) => {
      const p = sweptParams(r, swept);
      return [
        ...swept.map((k) => brief(p[k])),
        r.status,
        r.fun ?? null,
        r.gradNorm ?? null,
        r.nit ?? null,
        brief(r.x as Json),
      ];
    }),
  };
}

/** Sections returned by the experiment's `report` hook, validated and drawn. */
function hookSections(plan: SweepPlan, records: readonly RunRecord[], ctx: PlotContext): VizSection[] {
  const hook = plan.experiment.report;
  if (hook === undefined) return [];
  let returned: readonly ReportSection[];
  try {
    returned = hook(records, { id: plan.experiment.id, swept: plan.swept });
    const r = sectionSchema.array().safeParse(returned);
    if (!r.success)
      throw new Error(r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  } catch (e) {
    return [{ title: 'Report', description: `The experiment's report() failed: ${(e as Error).message}` }];
  }
  return returned.map((s) => {
    const plots: ReportPlot[] = [];
    const tables: ReportTable[] = [];
    const notes: string[] = [];
    for (const fig of s.figures ?? []) {
      const { data, ...spec } = fig;
      const rows = data.map(
        (d: Params, i) => ({ id: String(i), params: d, status: 'ok', time: 0 }) as RunRecord,
      );
      const out = renderPlot(spec, rows, ctx);
      if (out.svg) plots.push(fig.caption ? { svg: out.svg, caption: fig.caption } : out.svg);
      if (out.table) tables.push({ ...out.table, ...(fig.title ? { caption: fig.title } : {}) });
      if (out.note) notes.push(out.note);
    }
    if (s.table)
      tables.push({
        columns: [...s.table.columns],
        rows: s.table.rows.map((row) => row.map((c) => (c !== null && typeof c === 'object' ? brief(c) : c))),
      });
    const text = [s.text, ...notes].filter(Boolean).join('\n\n');
    return {
      title: s.title,
      ...(text ? { description: text } : {}),
      ...(plots.length ? { plots } : {}),
      ...(tables.length ? { tables } : {}),
    };
  });
}

/**
 * The HTML report of a sweep, from its records only: the description (and the notebook's words), key
 * figures, the best configurations, each plot the experiment declares (or the default ones), and the
 * sections its `report` hook adds. Self-contained (inline SVG and CSS, no script, no network).
 *
 * @param plan - The sweep's plan (experiment, swept keys).
 * @param records - The plan's recorded runs, in grid order.
 * @returns The HTML document.
 * @example
 * ```ts
 * writeFileSync('reports/demo/index.html', renderReport(plan, records));
 * ```
 */
export function renderReport(plan: SweepPlan, records: readonly RunRecord[]): string {
  const def = plan.experiment;
  const ctx: PlotContext = { experiment: def, swept: plan.swept, objectiveKeys: plan.objectiveKeys };
  const overview: VizSection = {
    title: 'Overview',
    description: [def.description, def.notebook ? `From the notebook: ${def.notebook}` : '']
      .filter(Boolean)
      .join('\n\n'),
    stats: [{ label: 'runs', value: records.length }, ...statusStats(records)],
    tables: [bestTable(records, plan.swept), fixedTable(records, plan.swept)].filter(
      (t): t is ReportTable => t !== undefined,
    ),
  };
  const plotSections: VizSection[] = plotsOf(def, plan.swept, plan.dim, records).map((spec) => {
    const out = renderPlot(spec, records, ctx);
    const title = plotTitle(spec);
    return {
      title,
      ...(out.note || spec.caption
        ? { description: [spec.caption, out.note].filter(Boolean).join('\n\n') }
        : {}),
      ...(out.svg ? { plots: [out.svg] } : {}),
      ...(out.table ? { table: out.table } : {}),
    };
  });
  return htmlReport({
    title: def.title,
    subtitle: plan.swept.length > 0 ? `Swept: ${plan.swept.join(' × ')}` : undefined,
    meta: [
      { label: 'experiment', value: def.id },
      { label: 'runs', value: records.length },
    ],
    sections: [overview, ...plotSections, ...hookSections(plan, records, ctx)],
    footer: 'numcomp · derived from results.jsonl (rebuild with pnpm sweep)',
  });
}

/**
 * Writes `<dir>/index.html`, the report of a sweep.
 *
 * @param dir - The experiment's directory.
 * @param plan - The sweep's plan.
 * @param records - The plan's recorded runs, in grid order.
 * @returns The file written.
 * @example
 * ```ts
 * writeReport('reports/demo', plan, records); // 'reports/demo/index.html'
 * ```
 */
export function writeReport(dir: string, plan: SweepPlan, records: readonly RunRecord[]): string {
  const path = join(dir, 'index.html');
  writeFileSync(path, renderReport(plan, records));
  return path;
}

interface SummaryFile {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly order?: number | null;
  readonly runs: number;
  readonly statuses: Record<string, number>;
}

/**
 * Writes `<out>/index.html`, linking the report of every experiment directory in `out` that has a
 * `summary.json` (in `order`, then id).
 *
 * @param out - The reports directory.
 * @returns The file written.
 * @example
 * ```ts
 * writeIndex('reports'); // 'reports/index.html'
 * ```
 */
export function writeIndex(out: string): string {
  mkdirSync(out, { recursive: true });
  const summaries: SummaryFile[] = [];
  for (const d of readdirSync(out, { withFileTypes: true })) {
    const f = join(out, d.name, 'summary.json');
    if (!d.isDirectory() || !existsSync(f) || !existsSync(join(out, d.name, 'index.html'))) continue;
    try {
      summaries.push(JSON.parse(readFileSync(f, 'utf8')) as SummaryFile);
    } catch {
      // a damaged summary: the experiment is left out of the index until its next sweep
    }
  }
  summaries.sort(
    (a, b) =>
      (a.order ?? Number.POSITIVE_INFINITY) - (b.order ?? Number.POSITIVE_INFINITY) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const entries: ReportIndexEntry[] = summaries.map((s) => {
    const first = s.description.split(/\n\s*\n/)[0] ?? '';
    return {
      title: s.title,
      href: `${encodeURIComponent(s.id)}/index.html`,
      description: first.length > 240 ? `${first.slice(0, 237)}…` : first,
      stats: [
        { label: 'runs', value: s.runs },
        ...Object.entries(s.statuses).map(([label, value]) => ({ label, value })),
      ],
    };
  });
  const path = join(out, 'index.html');
  writeFileSync(
    path,
    reportIndex({
      title: 'numcomp experiments',
      subtitle: 'Numerical computation (Deep Learning, chapter 4): sweeps and reports',
      entries,
      footer: 'numcomp · pnpm sweep',
    }),
  );
  return path;
}
