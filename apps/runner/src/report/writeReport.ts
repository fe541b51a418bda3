// Report: a sweep's page from its aggregates (with links back to the index and to its data files,
// and where it came from), the experiment's page listing its sweeps, newest first, and the top index.
// Every page is written atomically, and a page numcomp did not write is never overwritten.
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import {
  escapeHtml,
  htmlReport,
  type ReportIndexEntry,
  type ReportPlot,
  type ReportTable,
  reportIndex,
  reportTable,
  type ReportSection as VizSection,
} from '#viz';
import { brief } from '../aggregate/accessor.js';
import { type PlotData, type SweepAggregates, SweepAggregator } from '../aggregate/aggregator.js';
import type { Provenance, Summary } from '../aggregate/summary.js';
import { RunnerError } from '../errors.js';
import { sectionSchema } from '../experiment/schema.js';
import { canonicalJson } from '../format/canonicalJson.js';
import { listed, relaxPlots } from '../plan/relaxPlots.js';
import { writeFileAtomic } from '../store/files.js';
import type { Experiment, Json, Params, PlotSpec, ReportSection, RunRecord } from '../types.js';
import { gridHeatmap, label, plotFields, plotTitle, type Rendered, renderPlot } from './plots.js';

/** What a sweep's page is made of. */
export interface ReportInput {
  readonly experiment: Experiment;
  readonly swept: readonly string[];
  readonly aggregates: SweepAggregates;
  readonly provenance: Provenance;
  /** The sweep's folder name. */
  readonly sweep: string;
  /** The values a parameter takes in this sweep (for plots that match no run). */
  readonly valuesOf?: (key: string) => readonly Json[];
  /** Options the sweep gives values that no method of it uses (see `SweepPlan.unused`). */
  readonly unused?: readonly string[];
}

const MARK = '<meta name="generator" content="@numcomp/viz">';

/**
 * Writes an HTML page atomically, unless a page is there that numcomp did not write.
 *
 * @throws RunnerError `E_IO` naming the foreign page.
 */
export function writePage(path: string, html: string): void {
  if (existsSync(path)) {
    // Its first 4 KiB only (a page of raster maps weighs megabytes).
    let head = '';
    let fd = -1;
    try {
      fd = openSync(path, 'r');
      const buf = Buffer.alloc(4096);
      head = buf.toString('utf8', 0, readSync(fd, buf, 0, buf.length, 0));
    } catch {
      head = '';
    } finally {
      if (fd >= 0) closeSync(fd);
    }
    if (!head.includes(MARK)) {
      throw new RunnerError(
        'E_IO',
        `refusing to overwrite ${path}: numcomp did not write it (choose another --out, or move it away)`,
        { path },
      );
    }
  }
  writeFileAtomic(path, html);
}

/** Links at the top of a page. */
function nav(links: readonly (readonly [string, string])[]): VizSection {
  return {
    title: 'Files',
    html: `<p>${links.map(([href, text]) => `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>`).join(' · ')}</p>`,
  };
}

function fmt(v: Json | undefined): string {
  return brief(v);
}

/** The best runs of each objective, with only the options its method uses (runs keep only those). */
function bestTables(agg: SweepAggregates): ReportTable[] {
  return [...agg.best.values()]
    .filter((b) => b.runs.length > 0)
    .map((b) =>
      reportTable({
        caption:
          agg.best.size > 1 ? `Best runs on ${b.label}` : 'Best runs (converged first, then lowest final f)',
        data: b.runs.map((r) => {
          const opt = (r.params.optimizer ?? {}) as Params;
          return {
            method: String(opt.method ?? ''),
            options: Object.entries(opt)
              .filter(([k]) => k !== 'method')
              .map(([k, v]) => `${k} = ${fmt(v)}`)
              .join(', '),
            x0: fmt(r.params.x0),
            status: r.status,
            f: r.fun ?? null,
            gradNorm: r.gradNorm ?? null,
            steps: r.nit ?? null,
            x: fmt(r.x as Json),
          };
        }),
        columns: [
          'method',
          'options',
          'x0',
          'status',
          'f',
          { field: 'gradNorm', label: '‖∇f‖' },
          'steps',
          'x',
        ],
      }),
    );
}

/** Why runs failed: each distinct message of the `error` and `timeout` runs, its count and one run's parameters. */
function failureTables(agg: SweepAggregates): ReportTable[] {
  const failed = (agg.statuses.error ?? 0) + (agg.statuses.timeout ?? 0);
  if (failed === 0 || agg.failures.length === 0) return [];
  const data = agg.failures.map((g) => ({
    status: g.status,
    message: g.message,
    runs: g.runs,
    example: canonicalJson(g.example),
  }));
  const elsewhere = agg.failuresElsewhere;
  return [
    reportTable({
      caption:
        `Why runs failed (${failed.toLocaleString('en-US')} runs` +
        (elsewhere > 0
          ? `; ${elsewhere.toLocaleString('en-US')} of them with messages past the first ${agg.failures.length})`
          : ')'),
      data,
      columns: ['status', 'message', 'runs', { field: 'example', label: 'one of them' }],
      sort: 'runs',
      order: 'desc',
      maxRows: 20,
    }),
  ];
}

function provenanceTable(p: Provenance, sweep: string): ReportTable {
  const rows: [string, string][] = [
    ['command', p.command],
    ['overrides', p.overrides.length > 0 ? p.overrides.join(' ') : '(none: the experiment as defined)'],
    ['sweep folder', sweep],
    ['started', p.started.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')],
    ['git commit', p.commit ?? '(not in a git checkout)'],
    [
      'numcomp',
      Object.entries(p.versions)
        .map(([k, v]) => `${k} ${v}`)
        .join(', '),
    ],
    ['code digest', p.code],
    ['executor', `${p.executor}, ${p.threads} thread${p.threads === 1 ? '' : 's'}`],
    [
      'runs',
      `${p.runs.planned} planned: ${p.runs.ran} new, ${p.runs.reused} reused, ${p.runs.failed} failed`,
    ],
    ['wall time', `${(p.wallMs / 1000).toFixed(1)} s`],
  ];
  return { caption: 'How this page was made', columns: ['', ''], rows };
}

/** Sections returned by the experiment's `report` hook, validated and drawn from inline data. */
function hookSections(input: ReportInput): VizSection[] {
  const def = input.experiment;
  const hook = def.report;
  if (hook === undefined) return [];
  const records = input.aggregates.records;
  if (records === undefined) {
    return [
      {
        title: 'Report',
        description: `The experiment's own sections need every record; this sweep has ${input.aggregates.count} runs, more than a report keeps. Run a smaller sweep to see them.`,
      },
    ];
  }
  let returned: readonly ReportSection[];
  try {
    returned = hook(records, { id: def.id, swept: input.swept });
    // Non-finite numbers are results (a diverged run's residual is ∞): the schema takes them, and the
    // report prints them.
    const r = sectionSchema.array().safeParse(returned);
    if (!r.success)
      throw new Error(r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  } catch (e) {
    return [{ title: 'Report', description: `The experiment's report() failed: ${(e as Error).message}` }];
  }
  const ctx = { experiment: def, swept: input.swept };
  return returned.map((s) => {
    const plots: ReportPlot[] = [];
    const tables: ReportTable[] = [];
    const notes: string[] = [];
    for (const fig of s.figures ?? []) {
      let out: Rendered;
      if ('grid' in fig) out = gridHeatmap(fig, ctx);
      else {
        const { data, ...spec } = fig;
        const rows = data.map(
          (d: Params, i) => ({ id: String(i), params: d, status: 'ok', time: 0 }) as RunRecord,
        );
        out = renderPlot(spec, inline(spec, rows), ctx);
      }
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

/** Inline rows as plot data (a figure of the `report` hook), aggregated as a sweep's records are. */
function inline(spec: PlotSpec, rows: readonly RunRecord[]): PlotData {
  const agg = new SweepAggregator(
    { id: 'inline', title: '', description: '', run: () => ({}) },
    [spec],
    rows.length,
    {
      keepRecords: 0,
    },
  );
  rows.forEach((r, i) => {
    agg.add(r, i);
  });
  return agg.finish().plots[0]!;
}

/**
 * A plot whose filter matches no run of this sweep, drawn from the kept records with each value the sweep
 * lacks replaced by its nearest (the planner's `relaxPlots`, for a plot it could not relax: values it
 * had no axis for), with its note. Contours and convergence plots are left out: trajectories are
 * recorded only for the runs a plot asks for when the sweep is planned.
 */
function redrawn(
  spec: PlotSpec,
  records: readonly RunRecord[],
  ctx: Parameters<typeof renderPlot>[2],
): Rendered | undefined {
  if (ctx.valuesOf === undefined || spec.type === 'contour' || spec.type === 'convergence') return undefined;
  const relaxed = relaxPlots([spec], ctx.valuesOf)[0]!;
  if (relaxed.relaxed === undefined) return undefined;
  const out = renderPlot(relaxed, inline(relaxed, records), ctx);
  if (out.svg === undefined && out.table === undefined) return undefined;
  return { ...out, note: [relaxed.relaxed, out.note].filter(Boolean).join(' ') };
}

/**
 * "This sweep overrides x0 = (-1.2, 1): …" for an experiment's own plot that does not lay out
 * or filter on a parameter the sweep overrides, whose title and caption may name its defined value.
 */
function overrideNote(
  spec: PlotSpec,
  overridden: readonly string[],
  ctx: Parameters<typeof renderPlot>[2],
): string | undefined {
  // Only words that state numbers can go stale (`x0[0]` and `x₀²` state none).
  const words = `${plotTitle(spec)} ${spec.caption ?? ''}`;
  if (!/(^|[^\w[])\d/.test(words)) return undefined;
  const laid = new Set(plotFields(spec).map((f) => f.replace(/\[\d+\]$/, '')));
  const keys = overridden.filter((k) => !laid.has(k) && !(spec.where !== undefined && k in spec.where));
  if (keys.length === 0 || ctx.valuesOf === undefined) return undefined;
  const set = keys.map((k) => {
    const vs = ctx.valuesOf!(k);
    return vs.length === 0
      ? k
      : vs.length <= 6
        ? `${k} ${vs.length === 1 ? '=' : '∈'} ${listed(vs)}`
        : `${k} = ${brief(vs[0])} … ${brief(vs[vs.length - 1])} (${vs.length} values)`;
  });
  return `This sweep overrides ${set.join(' and ')}: numbers in this title and caption describe the experiment as defined.`;
}

/**
 * The HTML page of a sweep, from its aggregates: links to the index and the data, the description
 * (and the notebook's words), key figures, the best runs per objective, where the page came from,
 * each plot the experiment declares (or the default ones), and the sections its `report` hook adds.
 *
 * @param input - The experiment, its aggregates and provenance.
 * @returns The HTML document.
 */
export function renderReport(input: ReportInput): string {
  const def = input.experiment;
  const agg = input.aggregates;
  const ctx = {
    experiment: def,
    swept: input.swept,
    ...(input.valuesOf ? { valuesOf: input.valuesOf } : {}),
    ...(input.unused ? { unused: input.unused } : {}),
  };
  const stats = [
    { label: 'runs', value: agg.count },
    ...Object.entries(agg.statuses).map(([label, value]) => ({ label, value: value ?? 0 })),
  ];
  const overview: VizSection = {
    title: 'Overview',
    description: [
      def.description,
      def.notebook ? `From the notebook: ${def.notebook}` : '',
      input.provenance.overrides.length > 0
        ? `This sweep overrides ${input.provenance.overrides.join(' ')}: the words above, and the titles and ` +
          "captions of the experiment's own plots, describe the experiment as defined; the plots show this sweep's runs."
        : '',
    ]
      .filter(Boolean)
      .join('\n\n'),
    stats,
    tables: [...failureTables(agg), ...bestTables(agg), provenanceTable(input.provenance, input.sweep)],
  };
  const importance: VizSection[] =
    agg.importance.length > 0
      ? [
          {
            title: 'Sweep: which parameters matter',
            description:
              'Share of the variance of log₁₀ |final f| that each swept parameter explains on its own: a one-way ' +
              'analysis of variance per parameter, Σₖ nₖ (ȳₖ − ȳ)² / Σ (y − ȳ)² — the first-order (main-effect) ' +
              'index fANOVA reports for a full grid. Shares of a grid with interactions add up to less than 1.',
            table: reportTable({
              data: agg.importance.map((m) => ({
                parameter: label(m.key, ctx),
                values: m.levels,
                share: m.share,
              })),
              columns: ['parameter', 'values', { field: 'share', label: 'variance share', digits: 3 }],
              sort: 'share',
              order: 'desc',
            }),
          },
        ]
      : [];
  const own = new Set((def.plots ?? []).map((p) => canonicalJson(p as unknown as Json)));
  const overridden = input.provenance.overrides.map((o) => o.slice(0, o.indexOf('='))).filter(Boolean);
  const plotSections: VizSection[] = agg.specs.map((spec, i) => {
    let out = renderPlot(spec, agg.plots[i]!, ctx);
    if (agg.plots[i]!.total === 0 && agg.records !== undefined) out = redrawn(spec, agg.records, ctx) ?? out;
    // Planned for the nearest values the sweep has (see plan/relaxPlots.ts): say so.
    if (spec.relaxed !== undefined && (out.svg !== undefined || out.table !== undefined))
      out = { ...out, note: [spec.relaxed, out.note].filter(Boolean).join(' ') };
    // The experiment's own plots keep their words, which may name values this sweep overrides.
    if ((out.svg || out.table) && own.has(canonicalJson(spec as unknown as Json))) {
      const n = overrideNote(spec, overridden, ctx);
      if (n) out = { ...out, note: [out.note, n].filter(Boolean).join(' ') };
    }
    return {
      title: plotTitle(spec),
      ...(out.note || spec.caption
        ? { description: [spec.caption, out.note].filter(Boolean).join('\n\n') }
        : {}),
      ...(out.svg ? { plots: [out.svg] } : {}),
      ...(out.table ? { table: out.table } : {}),
    };
  });
  return htmlReport({
    title: def.title,
    subtitle: input.swept.length > 0 ? `Swept: ${input.swept.join(' × ')}` : undefined,
    meta: [
      { label: 'experiment', value: def.id },
      { label: 'runs', value: agg.count },
      { label: 'date', value: input.provenance.started.slice(0, 10) },
    ],
    sections: [
      nav([
        ['../../index.html', '← all experiments'],
        ['../index.html', `all sweeps of ${def.id}`],
        ['results.csv', 'results.csv'],
        ['../results.jsonl', 'results.jsonl'],
        ['summary.json', 'summary.json'],
      ]),
      overview,
      ...plotSections,
      ...importance,
      ...hookSections(input),
    ],
    footer: 'numcomp · derived from results.jsonl (rebuild with pnpm sweep)',
  });
}

/** Reads the summaries of an experiment directory's sweeps, newest first. */
export function sweepsOf(dir: string): Summary[] {
  const out: Summary[] = [];
  if (!existsSync(dir)) return out;
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    if (!d.isDirectory()) continue;
    const f = join(dir, d.name, 'summary.json');
    if (!existsSync(f) || !existsSync(join(dir, d.name, 'index.html'))) continue;
    try {
      const s = JSON.parse(readFileSync(f, 'utf8')) as Summary;
      if (typeof s.id === 'string' && typeof s.title === 'string' && s.provenance?.started !== undefined)
        out.push({ ...s, sweep: d.name });
    } catch {
      // a damaged summary: left out until its next sweep
    }
  }
  return out.sort((a, b) => (a.provenance.started < b.provenance.started ? 1 : -1));
}

function when(iso: string): string {
  return iso.replace('T', ' ').replace(/:\d\d\.\d+Z$/, ' UTC');
}

function statsOf(s: Summary): { label: string; value: number | string }[] {
  return [
    { label: 'runs', value: s.runs },
    ...Object.entries(s.statuses ?? {}).map(([label, value]) => ({ label, value })),
  ];
}

/**
 * Writes `<dir>/index.html`, the experiment's page: its sweeps, newest first.
 *
 * @param dir - The experiment's directory.
 * @returns The file written, or undefined when it has no sweep.
 */
export function writeExperimentIndex(dir: string): string | undefined {
  const sweeps = sweepsOf(dir);
  const first = sweeps[0];
  if (first === undefined) return undefined;
  const path = join(dir, 'index.html');
  writePage(
    path,
    reportIndex({
      title: first.title,
      subtitle: `Sweeps of ${first.id}, newest first`,
      entries: sweeps.map((s) => ({
        title: `${when(s.provenance.started)} · ${s.provenance.overrides.length > 0 ? s.provenance.overrides.join(' ') : 'as defined'}`,
        href: `${encodeURIComponent(s.sweep)}/index.html`,
        description: s.swept.length > 0 ? `Swept: ${s.swept.join(' × ')}` : 'One configuration',
        stats: statsOf(s),
      })),
      footer: 'numcomp · ../index.html lists every experiment',
    }),
  );
  return path;
}

/**
 * Writes `<out>/index.html`, linking every experiment directory in `out` that has a sweep (in
 * `order`, then id), with the date of its latest sweep.
 *
 * @param out - The reports directory.
 * @returns The file written.
 */
export function writeIndex(out: string): string {
  const latest: Summary[] = [];
  for (const d of existsSync(out) ? readdirSync(out, { withFileTypes: true }) : []) {
    if (!d.isDirectory()) continue;
    const s = sweepsOf(join(out, d.name))[0];
    if (s !== undefined && existsSync(join(out, d.name, 'index.html'))) latest.push({ ...s, id: d.name });
  }
  latest.sort(
    (a, b) =>
      (a.order ?? Number.POSITIVE_INFINITY) - (b.order ?? Number.POSITIVE_INFINITY) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const entries: ReportIndexEntry[] = latest.map((s) => {
    const first = s.description.split(/\n\s*\n/)[0] ?? '';
    return {
      title: s.title,
      href: `${encodeURIComponent(s.id)}/${encodeURIComponent(s.sweep)}/index.html`,
      description: `${first.length > 240 ? `${first.slice(0, 237)}…` : first}\n\nLatest sweep ${when(s.provenance.started)}; all sweeps: ${s.id}/index.html`,
      stats: statsOf(s),
    };
  });
  // The chapter's figures first, in the book's order, each linking the page that redraws it.
  const figures: { n: string; s: Summary }[] = [];
  for (const s of latest) for (const n of s.figures ?? []) figures.push({ n, s });
  const figureOrder = (n: string): number[] => n.split('.').map(Number);
  figures.sort((a, b) => {
    const [x, y] = [figureOrder(a.n), figureOrder(b.n)];
    return x[0]! - y[0]! || x[1]! - y[1]! || (a.s.id < b.s.id ? -1 : 1);
  });
  const figureEntries: ReportIndexEntry[] = figures.map(({ n, s }) => ({
    title: `Figure ${n} · ${s.title}`,
    href: `${encodeURIComponent(s.id)}/${encodeURIComponent(s.sweep)}/index.html`,
    description: `The chapter's figures: Deep Learning, figure ${n}, redrawn from numcomp runs by the ${s.id} experiment.`,
  }));
  const path = join(out, 'index.html');
  writePage(
    path,
    reportIndex({
      title: 'numcomp experiments',
      subtitle:
        'Numerical computation (Deep Learning, chapter 4): sweeps and reports' +
        (figureEntries.length > 0 ? ". The chapter's figures come first, then every experiment." : ''),
      entries: [...figureEntries, ...entries],
      footer: 'numcomp · pnpm sweep',
    }),
  );
  return path;
}

/**
 * Writes a sweep's page into its folder.
 *
 * @param dir - The sweep's folder.
 * @param input - What the page is made of.
 * @returns The file written.
 */
export function writeReport(dir: string, input: ReportInput): string {
  const path = join(dir, 'index.html');
  writePage(path, renderReport(input));
  return path;
}
