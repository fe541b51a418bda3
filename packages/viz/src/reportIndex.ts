import { checkStats, isSvg, page, type Stat, safeHref, statList } from './_page.js';
import { checkArray, checkObject, checkOptions, checkText, typeError } from './_validate.js';
import { escapeHtml as esc } from './escapeHtml.js';

/** One experiment in a {@link reportIndex}. */
export interface ReportIndexEntry {
  title: string;
  /** Link to the experiment's report, e.g. `sphere/index.html` (only relative, http(s) and file URLs). */
  href: string;
  description?: string;
  /** Key figures, e.g. runs and outcomes. */
  stats?: readonly Stat[];
  /** A small SVG from this package shown on the card (e.g. a heatmap of outcomes). */
  thumbnail?: string;
}

/** Options of {@link reportIndex}. */
export interface ReportIndexOptions {
  title: string;
  subtitle?: string;
  entries: readonly ReportIndexEntry[];
  footer?: string;
}

/**
 * An index page (`reports/index.html`) linking the reports of several experiments, one card each,
 * self-contained like {@link htmlReport}. Links with a scheme other than http(s) or file become `#`.
 *
 * @param options - `title`, `subtitle`, `entries` (title, href, description, stats, thumbnail), `footer`.
 * @returns The HTML document.
 * @example
 * ```ts
 * const html = reportIndex({
 *   title: 'numcomp experiments',
 *   entries: [{ title: 'Notebook GD', href: 'notebook-gd/index.html', stats: [{ label: 'runs', value: 3 }] }],
 * });
 * ```
 */
export function reportIndex(options: ReportIndexOptions): string {
  checkOptions(options);
  const o = options;
  if (typeof o.title !== 'string') throw typeError('title', o.title, 'expected a string');
  checkText('subtitle', o.subtitle);
  checkText('footer', o.footer);
  checkArray('entries', o.entries);
  o.entries.forEach((e, i) => {
    checkObject(`entries[${i}]`, e);
    if (typeof e.title !== 'string') throw typeError(`entries[${i}].title`, e.title, 'expected a string');
    if (typeof e.href !== 'string') throw typeError(`entries[${i}].href`, e.href, 'expected a string');
    checkText(`entries[${i}].description`, e.description);
    checkStats(`entries[${i}].stats`, e.stats);
    if (e.thumbnail !== undefined && !isSvg(e.thumbnail)) {
      throw typeError(`entries[${i}].thumbnail`, e.thumbnail, 'expected an SVG string');
    }
  });
  let header = `<header class="page-header"><h1>${esc(o.title)}</h1>`;
  if (o.subtitle) header += `<p class="subtitle">${esc(o.subtitle)}</p>`;
  header += '</header>';
  const cards = o.entries
    .map((e) => {
      let c = `<a class="card" href="${safeHref(e.href)}"><h2>${esc(e.title)}</h2>`;
      if (e.description) c += `<p>${esc(e.description)}</p>`;
      if (e.thumbnail) c += e.thumbnail.trim();
      c += statList(e.stats ?? [], 'stats');
      return `${c}</a>`;
    })
    .join('\n');
  const body =
    `${header}\n<div class="layout single"><main><div class="cards">\n${cards}\n</div></main></div>\n` +
    `<footer class="page-footer">${o.footer ? `${esc(o.footer)} · ` : ''}Made with @numcomp/viz: static SVG, no scripts, no network.</footer>`;
  return page(o.title, body);
}
