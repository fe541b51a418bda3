const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes `& < > " '` so that any text can sit in HTML or SVG, as element content or inside a quoted
 * attribute. Every plot and report in this package passes user text (titles, labels, series names,
 * table cells) through it.
 *
 * @param text - Any value; non-strings are converted with `String(text)` (`null`/`undefined` give `''`).
 * @returns The escaped text.
 * @example
 * ```ts
 * escapeHtml('<img src=x onerror=alert(1)>'); // '&lt;img src=x onerror=alert(1)&gt;'
 * ```
 */
export function escapeHtml(text: unknown): string {
  const s = text === null || text === undefined ? '' : String(text);
  return s.replace(/[&<>"']/g, (c) => entities[c]!);
}
