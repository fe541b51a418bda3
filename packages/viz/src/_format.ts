import { format } from 'd3-format';

/** A pixel coordinate rounded to 2 decimals, without `-0` or trailing zeros. */
export function px(v: number): string {
  return String(Math.round(v * 100) / 100);
}

const sig4 = format('.4~g');
const sig3 = format('.3~g');
const superscripts: Record<string, string> = {
  '-': '⁻',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};

/** Exponent notation as people write it: `1.2e−5`, not `1.2e-5` or `1.2e+5`. */
function tidyExponent(s: string): string {
  return s.replace(/e\+/, 'e').replace(/e-/, 'e−');
}

/**
 * A value for a tooltip, legend or table: 4 significant digits, `∞`, `−∞`, and `—` for NaN (so that no
 * SVG ever contains the text `NaN`).
 */
export function formatValue(v: number, digits: 3 | 4 = 4): string {
  if (Number.isNaN(v)) return '—';
  if (v === Number.POSITIVE_INFINITY) return '∞';
  if (v === Number.NEGATIVE_INFINITY) return '−∞';
  return tidyExponent((digits === 3 ? sig3 : sig4)(v));
}

/** `10` raised to an integer, written with superscripts: `10⁻⁶`. */
export function powerOfTen(k: number): string {
  return `10${String(k)
    .split('')
    .map((c) => superscripts[c] ?? c)
    .join('')}`;
}

/** Approximate width in pixels of `text` set in a sans-serif face at `fontSize`. */
export function textWidth(text: string, fontSize: number): number {
  let w = 0;
  for (const ch of text) {
    if ("il.,:;|!'’ ".includes(ch)) w += 0.3;
    else if ('mwMW@—'.includes(ch)) w += 0.85;
    else if (ch >= 'A' && ch <= 'Z') w += 0.66;
    else w += 0.56;
  }
  return w * fontSize;
}

/** Shortens `text` to at most `max` characters, with an ellipsis. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
