// How a field's value reads in a label, legend or tooltip: numbers to 4 significant digits, points as
// (a, b), no value as "none".
import { formatValue } from './_format.js';

/** The text of a missing value (null, undefined) on an axis, in a legend or a tooltip. */
export const NONE = 'none';

/** `0.001`, `(1, −2)`, `gd`, `true`, `none` (null or undefined), compact JSON for other objects. */
export function valueText(v: unknown): string {
  if (v === null || v === undefined) return NONE;
  if (typeof v === 'number') return formatValue(v);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (Array.isArray(v) || ArrayBuffer.isView(v)) {
    return `(${Array.from(v as ArrayLike<unknown>, valueText).join(', ')})`;
  }
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
