import { format } from 'd3-format';
import { cellHtml, checkDigits, checkStats, isSvg, page, type Stat, slug, statList } from './_page.js';
import { checkArray, checkObject, checkOptions, checkText, typeError } from './_validate.js';
import { escapeHtml as esc } from './escapeHtml.js';

export type { Stat } from './_page.js';

/**
 * A table column: a label, or a label with an alignment (numbers align right by default) and the
 * significant digits of its numbers (1 to 17, or `'full'` for every digit; default the table's).
 */
export type ReportColumn = string | { label: string; align?: 'left' | 'right'; digits?: number | 'full' };

/** A table cell: text (an outcome name gets its colour dot), a number (formatted), or empty. */
export type ReportCell = string | number | boolean | null | undefined;

/** A table of a report, e.g. a summary of runs or the best configurations. */
export interface ReportTable {
  columns: readonly ReportColumn[];
  rows: readonly (readonly ReportCell[])[];
  /** A title over the table. */
  caption?: string;
  /**
   * Significant digits of non-integer numbers (default 4; integers are always exact): 1 to 17, or
   * `'full'` for every digit (the shortest text that reads back as the same double, e.g. `0.1999999999990898`).
   */
  digits?: number | 'full';
  /**
   * At most this many rows are written (default 1,000); a note under the table says how many were
   * left out. Sort and aggregate before, so that the rows kept are the ones that matter.
   */
  maxRows?: number;
  /**
   * How many rows there were before they were cut to `rows` (e.g. by {@link reportTable}): the note
   * under the table then says how many of how many are shown.
   */
  totalRows?: number;
}

/** A plot of a report: an SVG string from this package, optionally with a caption. */
export type ReportPlot = string | { svg: string; caption?: string };

/** One section of a report: shown in this order, each part optional. */
export interface ReportSection {
  title: string;
  /** Plain text (escaped); blank lines separate paragraphs. */
  description?: string;
  /** Key figures, e.g. `{ label: 'converged', value: 812 }`. */
  stats?: readonly Stat[];
  /** SVG strings from this package's plot functions (inserted as they are). */
  plots?: readonly ReportPlot[];
  table?: ReportTable;
  tables?: readonly ReportTable[];
  /**
   * Trusted HTML, inserted WITHOUT escaping (never put user text here; use `description`). The
   * report's Content Security Policy still blocks any script but its own, and network requests.
   */
  html?: string;
}

/** Options of {@link htmlReport}. */
export interface HtmlReportOptions {
  title: string;
  subtitle?: string;
  /** Facts under the title, e.g. experiment id, number of runs, date. */
  meta?: readonly Stat[];
  sections: readonly ReportSection[];
  /** A line at the bottom of the page. */
  footer?: string;
  /**
   * Inline the report script (default true): click a column header to sort a table, type in a box to
   * filter its rows, click a legend entry to hide or show its series, and read values on hover (nearest
   * point of a line, a heatmap cell, also in raster heatmaps). The Content Security Policy allows that
   * one script by its sha256 hash and nothing else; the page reads fully without it. `false`: no script.
   */
  interactive?: boolean;
}

function checkTable(name: string, t: unknown): asserts t is ReportTable {
  checkObject(name, t);
  checkArray(`${name}.columns`, t.columns);
  checkArray(`${name}.rows`, t.rows);
  checkText(`${name}.caption`, t.caption);
  t.rows.forEach((r, i) => {
    checkArray(`${name}.rows[${i}]`, r);
  });
  checkDigits(`${name}.digits`, t.digits);
  if (t.maxRows !== undefined && !(Number.isInteger(t.maxRows) && (t.maxRows as number) >= 0)) {
    throw typeError(`${name}.maxRows`, t.maxRows, 'expected an integer ≥ 0');
  }
  if (t.totalRows !== undefined && !(Number.isInteger(t.totalRows) && (t.totalRows as number) >= 0)) {
    throw typeError(`${name}.totalRows`, t.totalRows, 'expected an integer ≥ 0');
  }
  t.columns.forEach((c, k) => {
    if (typeof c === 'string') return;
    checkObject(`${name}.columns[${k}]`, c);
    if (typeof c.label !== 'string')
      throw typeError(`${name}.columns[${k}].label`, c.label, 'expected a string');
    checkDigits(`${name}.columns[${k}].digits`, c.digits);
  });
}

/** Width of an SVG from its `viewBox`, to let wide figures span the whole row. */
function svgWidth(svg: string): number {
  const m = /^\s*<svg\b[^>]*\bviewBox="[\d.-]+ [\d.-]+ ([\d.]+) /.exec(svg);
  return m ? Number(m[1]) : 0;
}

/** Rows written per table unless `maxRows` says otherwise. */
const MAX_ROWS = 1000;
const thousands = format(',');

function tableHtml(t: ReportTable, interactive: boolean): string {
  const cols = t.columns.map((c) => (typeof c === 'string' ? { label: c } : c));
  const digits = cols.map((c) => (c as { digits?: number | 'full' }).digits ?? t.digits);
  const max = t.maxRows ?? MAX_ROWS;
  const rows = t.rows.length > max ? t.rows.slice(0, max) : t.rows;
  const cells = rows.map((r) => cols.map((_, k) => cellHtml(r[k], digits[k])));
  // A column is numeric (right-aligned) when all its non-empty cells are numbers.
  const numeric = cols.map(
    (c, k) =>
      c.align === 'right' ||
      (c.align === undefined &&
        cells.some((r) => r[k]!.html) &&
        cells.every((r) => !r[k]!.html || r[k]!.numeric)),
  );
  const cls = (k: number): string => (numeric[k] ? ' class="num"' : '');
  const head = cols.map((c, k) => `<th scope="col"${cls(k)}>${esc(c.label)}</th>`).join('');
  // With the script, numbers carry their exact value for sorting.
  const value = (c: { value?: number }): string =>
    interactive && c.value !== undefined && Number.isFinite(c.value) ? ` data-v="${c.value}"` : '';
  const body = cells
    .map((r) => `<tr>${r.map((c, k) => `<td${cls(k)}${value(c)}>${c.html}</td>`).join('')}</tr>`)
    .join('\n');
  const caption = t.caption ? `<caption>${esc(t.caption)}</caption>` : '';
  const total = Math.max(t.rows.length, t.totalRows ?? 0);
  const note =
    total > rows.length
      ? `<p class="table-note">Showing the first ${thousands(rows.length)} of ${thousands(total)} rows.</p>`
      : '';
  return `<div class="table-wrap"><table${interactive ? ' class="sortable"' : ''}>${caption}<thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div>${note}`;
}

function paragraphs(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${esc(p)}</p>`)
    .join('');
}

/**
 * One self-contained HTML report: inline SVG and CSS, one small inline script (optional, see
 * `interactive`; the page reads fully without it), and a Content Security Policy that allows that script
 * by its sha256 hash and forbids every other script and every network request, so it opens anywhere,
 * offline. Tables sort by a click on a column header and filter by a text box; a click on a legend entry
 * hides its series; hovering reads values. Light and dark mode follow the reader's
 * system (`prefers-color-scheme`); plots use `currentColor`, so their axes stay readable in both. A table
 * of contents links the sections; tables scroll with a sticky header and colour outcome names. All text
 * is escaped: an experiment named `<img src=x onerror=alert(1)>` shows as text.
 *
 * @param options - `title`, `subtitle`, `meta`, `sections` (description, stats, plots, tables), `footer`.
 * @returns The HTML document.
 * @example
 * ```ts
 * const html = htmlReport({
 *   title: 'Gradient descent on the sphere',
 *   meta: [{ label: 'runs', value: 3 }],
 *   sections: [
 *     { title: 'Trajectories', plots: [contourPlot({ f, xDomain, yDomain, trajectories })] },
 *     { title: 'Runs', table: { columns: ['lr', 'status', 'f'], rows: [[0.1, 'converged', 1.2e-9]] } },
 *   ],
 * });
 * writeFileSync('reports/sphere/index.html', html);
 * ```
 */
export function htmlReport(options: HtmlReportOptions): string {
  checkOptions(options);
  const o = options;
  if (typeof o.title !== 'string') throw typeError('title', o.title, 'expected a string');
  checkText('subtitle', o.subtitle);
  checkText('footer', o.footer);
  checkStats('meta', o.meta);
  checkArray('sections', o.sections);
  o.sections.forEach((s, i) => {
    checkObject(`sections[${i}]`, s);
    if (typeof s.title !== 'string') throw typeError(`sections[${i}].title`, s.title, 'expected a string');
    checkText(`sections[${i}].description`, s.description);
    checkText(`sections[${i}].html`, s.html);
    checkStats(`sections[${i}].stats`, s.stats);
    if (s.plots !== undefined) {
      checkArray(`sections[${i}].plots`, s.plots);
      s.plots.forEach((p, k) => {
        const svg = typeof p === 'object' && p !== null ? (p as { svg: unknown }).svg : p;
        if (!isSvg(svg)) throw typeError(`sections[${i}].plots[${k}]`, svg, 'expected an SVG string');
      });
    }
    if (s.table !== undefined) checkTable(`sections[${i}].table`, s.table);
    if (s.tables !== undefined) {
      checkArray(`sections[${i}].tables`, s.tables);
      s.tables.forEach((t, k) => {
        checkTable(`sections[${i}].tables[${k}]`, t);
      });
    }
  });

  if (o.interactive !== undefined && typeof o.interactive !== 'boolean') {
    throw typeError('interactive', o.interactive, 'expected a boolean');
  }
  const interactive = o.interactive ?? true;
  const ids = o.sections.map((s, i) => `s${i + 1}${slug(s.title) ? `-${slug(s.title)}` : ''}`);
  let header = `<header class="page-header"><h1>${esc(o.title)}</h1>`;
  if (o.subtitle) header += `<p class="subtitle">${esc(o.subtitle)}</p>`;
  header += statList(o.meta ?? [], 'meta');
  header += '</header>';
  const toc =
    o.sections.length > 1
      ? `<nav class="toc" aria-label="Contents"><h2>Contents</h2><ol>${o.sections
          .map((s, i) => `<li><a href="#${ids[i]}">${esc(s.title)}</a></li>`)
          .join('')}</ol></nav>`
      : '';
  const sections = o.sections.map((s, i) => {
    let h = `<section id="${ids[i]}" aria-labelledby="${ids[i]}-h"><h2 id="${ids[i]}-h">${esc(s.title)}</h2>`;
    if (s.description) h += `<div class="description">${paragraphs(s.description)}</div>`;
    h += statList(s.stats ?? [], 'stats');
    if (s.plots && s.plots.length > 0) {
      const figs = s.plots.map((p) => {
        const svg = typeof p === 'string' ? p : p.svg;
        const caption =
          typeof p === 'object' && p.caption ? `<figcaption>${esc(p.caption)}</figcaption>` : '';
        return `<figure${svgWidth(svg) > 700 ? ' class="wide"' : ''}>${svg.trim()}${caption}</figure>`;
      });
      h += `<div class="plots">\n${figs.join('\n')}\n</div>`;
    }
    for (const t of [...(s.table ? [s.table] : []), ...(s.tables ?? [])]) h += tableHtml(t, interactive);
    if (s.html) h += s.html;
    return `${h}</section>`;
  });
  const body =
    `${header}\n<div class="layout${toc ? '' : ' single'}">${toc}<main>\n${sections.join('\n')}\n</main></div>\n` +
    `<footer class="page-footer">${o.footer ? `${esc(o.footer)} · ` : ''}Made with @numcomp/viz: ${interactive ? 'SVG with one optional inline script' : 'static SVG, no scripts'}, no network.</footer>`;
  return page(o.title, body, interactive);
}
