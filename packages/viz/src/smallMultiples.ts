import { px } from './_format.js';
import { FONT_FAMILY } from './_frame.js';
import {
  checkArray,
  checkOptions,
  checkPositive,
  checkPositiveInteger,
  checkText,
  typeError,
} from './_validate.js';
import { escapeHtml as esc } from './escapeHtml.js';

/** Options of {@link smallMultiples}. */
export interface SmallMultiplesOptions {
  /** Plots per row (default 2). */
  columns?: number;
  /** Space between plots in pixels (default 8). */
  gap?: number;
  /** A title over the grid. */
  title?: string;
}

const ROOT = /^<svg\b([^>]*)>/;

/**
 * Lays plots made by this package out in a grid, as one SVG: each plot keeps its own coordinates (a
 * nested `<svg>` with its `viewBox`); rows are as tall as their tallest plot. For comparing runs side
 * by side, e.g. the notebook's three learning rates.
 *
 * @param plots - SVG strings returned by the plot functions of this package.
 * @param options - `columns`, `gap`, `title`.
 * @returns An SVG string.
 * @example
 * ```ts
 * const svg = smallMultiples(
 *   [0.1, 0.01, 1].map((lr) => contourPlot({ title: `lr = ${lr}`, f, xDomain, yDomain, width: 320, height: 300 })),
 *   { columns: 3, title: 'Three learning rates' },
 * );
 * ```
 */
export function smallMultiples(plots: readonly string[], options: SmallMultiplesOptions = {}): string {
  checkArray('plots', plots);
  checkOptions(options);
  const columns = options.columns ?? 2;
  checkPositiveInteger('columns', columns);
  const gap = options.gap ?? 8;
  if (gap !== 0) checkPositive('gap', gap);
  checkText('title', options.title);
  const sizes = plots.map((p, i) => {
    const m = typeof p === 'string' ? ROOT.exec(p) : null;
    const vb = m ? /\bviewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(m[1]!) : null;
    if (!m || !vb) throw typeError(`plots[${i}]`, p, 'expected an SVG string from this package');
    return { w: Number(vb[1]), h: Number(vb[2]), attrs: m[1]!, body: p.slice(m[0].length) };
  });
  const cols = Math.max(1, Math.min(columns, plots.length));
  const colW = Math.max(0, ...sizes.map((s) => s.w));
  const top = options.title ? 30 : 0;
  let y = top;
  let s = '';
  for (let r = 0; r * cols < sizes.length; r++) {
    const row = sizes.slice(r * cols, (r + 1) * cols);
    const rowH = Math.max(...row.map((p) => p.h));
    row.forEach((p, c) => {
      // Keep the plot's own attributes except size and style; place it in its cell.
      const attrs = p.attrs.replace(/\s(width|height|style|xmlns)="[^"]*"/g, '').trim();
      const x = c * (colW + gap);
      s += `<svg x="${px(x)}" y="${px(y)}" width="${px(p.w)}" height="${px(p.h)}" ${attrs}>${p.body}`;
    });
    y += rowH + gap;
  }
  const width = cols * colW + (cols - 1) * gap;
  const height = Math.max(top, y - gap);
  const title = options.title
    ? `<title>${esc(options.title)}</title><text x="12" y="20" font-size="16" font-weight="600">${esc(options.title)}</text>`
    : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="numcomp-viz small-multiples" viewBox="0 0 ${px(width)} ${px(height)}" width="${px(width)}" height="${px(height)}" role="img"${options.title ? ` aria-label="${esc(options.title)}"` : ''} font-family="${FONT_FAMILY}" fill="currentColor" style="max-width:100%;height:auto">` +
    `${title}${s}</svg>`
  );
}
