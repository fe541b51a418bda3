// The shell shared by htmlReport and reportIndex: one self-contained HTML document whose Content
// Security Policy forbids every network request and every script but the report's own, in light and dark colours.
import { format } from 'd3-format';
import { formatValue } from './_format.js';
import { SCRIPT, SCRIPT_HASH } from './_script.js';
import { checkArray, checkObject, checkText, rangeError, typeError } from './_validate.js';
import { escapeHtml as esc } from './escapeHtml.js';
import { outcomeColors } from './palettes.js';

/** `default-src 'none'`: no script (but the report's own, by hash), font, frame or fetch; images only as data URIs. */
const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const CSS = `
:root{--bg:#fff;--fg:#1b1f24;--muted:#5d6672;--border:#e2e5e9;--surface:#f5f6f8;--accent:#0a66a8;--viz-bg:#fff;color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--bg:#15171b;--fg:#e3e5e8;--muted:#9aa3ae;--border:#2b3037;--surface:#1d2025;--accent:#6cc0f0;--viz-bg:#15171b}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;font-variant-numeric:tabular-nums}
a{color:var(--accent);text-decoration:none}
a:hover{text-decoration:underline}
.page-header,.layout,.page-footer{max-width:1320px;margin:0 auto;padding-left:28px;padding-right:28px}
.page-header{padding-top:40px;padding-bottom:20px}
.page-header h1{font-size:30px;line-height:1.2;margin:0;letter-spacing:-.015em;font-weight:700;overflow-wrap:anywhere}
.page-header .subtitle{margin:8px 0 0;color:var(--muted);font-size:16px;max-width:72ch}
.meta{display:flex;flex-wrap:wrap;gap:6px 22px;margin:16px 0 0;font-size:13px;color:var(--muted)}
.meta div{display:flex;gap:6px}.meta dt::after{content:":"}.meta dd{margin:0;color:var(--fg)}
.layout{display:grid;grid-template-columns:190px minmax(0,1fr);gap:44px;align-items:start;padding-bottom:32px}
.layout.single{grid-template-columns:minmax(0,1fr)}
.toc{position:sticky;top:20px;font-size:13px;max-height:calc(100vh - 40px);overflow:auto;padding-top:22px}
.toc h2{font-size:11px;text-transform:uppercase;letter-spacing:.08em;color:var(--muted);margin:0 0 8px;font-weight:600}
.toc ol{list-style:none;margin:0;padding:0;border-left:2px solid var(--border)}
.toc li a{display:block;padding:4px 0 4px 12px;margin-left:-2px;border-left:2px solid transparent;color:var(--muted);overflow-wrap:anywhere}
.toc li a:hover{color:var(--fg);border-left-color:var(--accent);text-decoration:none}
main{min-width:0}
section{border-top:1px solid var(--border);padding:8px 0 28px;scroll-margin-top:12px}
section:first-child{border-top:0}
section>h2{font-size:21px;line-height:1.3;margin:18px 0 6px;letter-spacing:-.01em;overflow-wrap:anywhere}
.description p{margin:0 0 10px;max-width:80ch;color:var(--fg)}
.stats{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:10px;margin:14px 0 18px;padding:0}
.stats div{background:var(--surface);border:1px solid var(--border);border-radius:8px;padding:10px 14px}
.stats dt{font-size:12px;color:var(--muted);overflow-wrap:anywhere}
.stats dd{margin:2px 0 0;font-size:20px;font-weight:600;overflow-wrap:anywhere}
.plots{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,520px),1fr));gap:18px;margin:14px 0 18px;align-items:start}
figure{margin:0;min-width:0}
figure.wide{grid-column:1/-1}
figure svg{display:block;max-width:100%;height:auto}
figcaption{font-size:13px;color:var(--muted);margin-top:4px;max-width:80ch}
.table-wrap{display:inline-block;vertical-align:top;max-width:100%;overflow:auto;max-height:520px;border:1px solid var(--border);border-radius:8px;margin:14px 16px 18px 0}
table{border-collapse:separate;border-spacing:0;min-width:min(640px,100%);font-size:13px}
caption{caption-side:top;text-align:left;font-weight:600;padding:10px 12px 4px;font-size:14px}
th,td{padding:6px 12px;text-align:left;white-space:nowrap;border-bottom:1px solid var(--border)}
thead th{position:sticky;top:0;background:var(--surface);font-weight:600;z-index:1}
tbody tr:last-child td{border-bottom:0}
tbody tr:hover td{background:var(--surface)}
.num{text-align:right}
.badge::before{content:"";display:inline-block;width:9px;height:9px;border-radius:50%;background:var(--c);margin-right:6px;vertical-align:0}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,320px),1fr));gap:16px;padding:8px 0 24px;align-items:start}
.card{display:flex;flex-direction:column;gap:6px;border:1px solid var(--border);border-radius:10px;padding:16px 18px;color:var(--fg);background:var(--bg)}
.card:hover{border-color:var(--accent);text-decoration:none}
.card h2{font-size:17px;margin:0;color:var(--accent);overflow-wrap:anywhere}
.card p{margin:0;color:var(--muted);font-size:14px}
.card .stats{grid-template-columns:repeat(auto-fill,minmax(110px,1fr));margin:6px 0 0;gap:8px}
.card .stats div{padding:6px 10px}.card .stats dd{font-size:15px}
.card svg{display:block;max-width:100%;height:auto;margin-top:4px}
.page-footer{color:var(--muted);font-size:12px;padding-top:18px;padding-bottom:36px;border-top:1px solid var(--border)}
.viz-tip{position:absolute;z-index:10;pointer-events:none;max-width:360px;padding:4px 8px;border-radius:6px;background:var(--fg);color:var(--bg);font-size:12px;line-height:1.35;box-shadow:0 2px 8px rgba(0,0,0,.25);white-space:pre-line}
.table-filter{display:block;margin:14px 0 -6px;padding:5px 9px;font:inherit;font-size:13px;border:1px solid var(--border);border-radius:6px;background:var(--bg);color:var(--fg);width:min(280px,100%)}
table.sortable th{cursor:pointer}table.sortable th[aria-sort=ascending]::after{content:" \\25B2";font-size:10px}table.sortable th[aria-sort=descending]::after{content:" \\25BC";font-size:10px}
.table-note{font-size:12px;color:var(--muted);margin:-10px 0 18px}
@media (max-width:900px){.layout{grid-template-columns:minmax(0,1fr);gap:0}.toc{position:static;max-height:none;padding-top:0;margin-bottom:8px}}
@media print{.toc{display:none}.layout{display:block}.table-wrap{max-height:none;overflow:visible}section{break-inside:avoid-page}}
`;

/**
 * A `<!doctype html>` document with the shared style, a strict CSP, and `body` inserted as is. With
 * `script`, the report script is inlined at the end of the body and the CSP allows it by its sha256
 * hash, and nothing else.
 */
export function page(title: string, body: string, script = false): string {
  const csp = script ? CSP.replace('style-src', `script-src ${SCRIPT_HASH}; style-src`) : CSP;
  return (
    '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n' +
    `<meta http-equiv="Content-Security-Policy" content="${csp}">\n` +
    '<meta name="color-scheme" content="light dark">\n<meta name="generator" content="@numcomp/viz">\n' +
    `<title>${esc(title)}</title>\n<style>${CSS}</style>\n</head>\n<body>\n${body}\n` +
    (script ? `<script>${SCRIPT}</script>\n` : '') +
    '</body>\n</html>\n'
  );
}

/** A label and a value, shown as a key figure. */
export interface Stat {
  label: string;
  value: string | number;
}

const thousands = format(',');

/** How many significant digits a table shows: 1 to 17, or `'full'` (every digit, as JavaScript prints it). */
export type Digits = number | 'full';

/**
 * A number for a table or a key figure: integers with thousands separators, others `digits` significant
 * digits (default 4); `'full'` prints the shortest text that reads back as the same double, exactly.
 */
export function formatCell(v: number, digits: Digits = 4): string {
  if (digits === 'full') {
    if (!Number.isFinite(v)) return formatValue(v);
    return String(v).replace(/^-/, '−').replace(/e\+/, 'e').replace(/e-/, 'e−');
  }
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return thousands(v);
  if (digits === 4 || !Number.isFinite(v)) return formatValue(v);
  return format(`.${digits}~g`)(v).replace(/e\+/, 'e').replace(/e-/, 'e−');
}

/** Checks a `digits` option: an integer from 1 to 17, or `'full'`. */
export function checkDigits(name: string, digits: unknown): void {
  if (digits === undefined || digits === 'full') return;
  if (!(typeof digits === 'number' && Number.isInteger(digits) && digits >= 1 && digits <= 17)) {
    throw rangeError(name, digits, "expected an integer from 1 to 17, or 'full'");
  }
}

/** `<dl class="…">` of label/value pairs. */
export function statList(stats: readonly Stat[], cls: string): string {
  if (stats.length === 0) return '';
  const items = stats
    .map(
      (s) =>
        `<div><dt>${esc(s.label)}</dt><dd>${esc(typeof s.value === 'number' ? formatCell(s.value) : s.value)}</dd></div>`,
    )
    .join('');
  return `<dl class="${cls}">${items}</dl>`;
}

/** A cell: text, an outcome name (drawn with its colour dot), a number (to `digits`), or empty. */
export function cellHtml(v: unknown, digits?: Digits): { html: string; numeric: boolean; value?: number } {
  if (v === null || v === undefined || v === '') return { html: '', numeric: false };
  if (typeof v === 'number') return { html: esc(formatCell(v, digits)), numeric: true, value: v };
  const s = String(v);
  const color = (outcomeColors as Record<string, string>)[s];
  return color
    ? { html: `<span class="badge" style="--c:${color}">${esc(s)}</span>`, numeric: false }
    : { html: esc(s), numeric: false };
}

/** A URL safe for `href`: relative, `http(s):`, `file:` or a fragment; anything else (`javascript:`) → `#`. */
export function safeHref(href: string): string {
  // Browsers drop whitespace and control characters inside a scheme ("java\tscript:"): do the same first.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this removes
  const probe = href.replace(/[\u0000-\u0020\u007f]/g, '');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(probe);
  if (scheme && !['http', 'https', 'file'].includes(scheme[1]!.toLowerCase())) return '#';
  return esc(href);
}

/** A slug for an element id: lowercase ASCII letters, digits and dashes. */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
}

/** Checks a list of `{ label, value }`. */
export function checkStats(name: string, stats: unknown): void {
  if (stats === undefined) return;
  checkArray(name, stats);
  stats.forEach((s, i) => {
    checkObject(`${name}[${i}]`, s);
    checkText(`${name}[${i}].label`, s.label);
    if (typeof s.value !== 'string' && typeof s.value !== 'number') {
      throw typeError(`${name}[${i}].value`, s.value, 'expected a string or a number');
    }
  });
}

/** Whether `s` is an SVG string (what the plot functions return). */
export function isSvg(s: unknown): s is string {
  return typeof s === 'string' && /^\s*<svg[\s>]/.test(s);
}
