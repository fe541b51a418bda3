// Channels of the declarative layer: a channel names a field of plain row objects (or several, whose
// values together name a group). Reading rows, checking that the fields exist, and the scales a
// channel's values call for.
import { didYouMean, rangeError, typeError } from './_validate.js';
import { valueText } from './_valueText.js';

/** A row of data: plain fields, as the runner's aggregates are. */
export type Row = Readonly<Record<string, unknown>>;

/** One field, or several whose values together name a group (`lr = 0.1, x0 = (1, 2)`). */
export type Fields = string | readonly string[];

/** The fields of a {@link Fields} channel, as a list. */
export function fieldList(f: Fields): readonly string[] {
  return typeof f === 'string' ? [f] : f;
}

/**
 * Checks that a channel names a field that some row has, when there are rows: a `RangeError` naming
 * the channel, the field and the nearest field of the rows otherwise.
 */
export function checkField(name: string, field: unknown, data: readonly Row[]): asserts field is string {
  if (typeof field !== 'string') throw typeError(name, field, 'expected a field name');
  if (data.length === 0) return;
  for (let i = 0; i < data.length; i++) if (Object.hasOwn(data[i]!, field)) return;
  const keys = new Set<string>();
  for (let i = 0; i < Math.min(data.length, 100); i++) for (const k of Object.keys(data[i]!)) keys.add(k);
  const near = didYouMean(field, keys);
  const have = [...keys].slice(0, 12).join(', ');
  throw rangeError(
    name,
    field,
    `no row has this field; ${near ? `did you mean ${JSON.stringify(near)}?` : `the rows have ${have}`}`,
  );
}

/** {@link checkField} for a channel of one field or a list of them. */
export function checkFields(name: string, fields: unknown, data: readonly Row[]): asserts fields is Fields {
  if (!Array.isArray(fields)) return checkField(name, fields, data);
  if (fields.length === 0) throw rangeError(name, fields, 'expected at least one field');
  fields.forEach((f, i) => {
    checkField(`${name}[${i}]`, f, data);
  });
}

/** A number read from a field: numbers as they are, anything else NaN. */
export function num(v: unknown): number {
  return typeof v === 'number' ? v : Number.NaN;
}

/**
 * The name of a row's group: `label = value` for each field, joined by `, `; a field labelled `''`
 * reads as its value alone (a name the caller wrote, e.g. `naive digits: precision = float64`).
 */
export function groupName(row: Row, fields: readonly string[], label: (f: string) => string): string {
  return fields
    .map((f) => {
      const l = label(f);
      const v = valueText(row[f]);
      return l === '' ? v : `${l} = ${v}`;
    })
    .join(', ');
}

/** Rows grouped by the text of their fields, in first-seen order (one unnamed group without fields). */
export function groupRows(
  data: readonly Row[],
  fields: readonly string[] | undefined,
  label: (f: string) => string,
): Map<string, Row[]> {
  const m = new Map<string, Row[]>();
  // One field (a facet): each distinct value's name once, not once a row (−0 apart: a Map takes it for 0).
  const one = fields?.length === 1 ? fields[0]! : undefined;
  const names = new Map<unknown, string>();
  for (const r of data) {
    let key: string;
    if (fields === undefined) key = '';
    else if (one !== undefined && (typeof r[one] !== 'object' || r[one] === null) && !Object.is(r[one], -0)) {
      const v = r[one];
      const known = names.get(v);
      if (known === undefined) names.set(v, (key = groupName(r, fields, label)));
      else key = known;
    } else key = groupName(r, fields, label);
    let g = m.get(key);
    if (!g) m.set(key, (g = []));
    g.push(r);
  }
  return m;
}

/**
 * `'log'` when every finite value is > 0 (or ≥ 0 with `allowZero`) and the values > 0 span more than
 * two decades; else `'linear'`.
 */
export function autoScale(values: Iterable<number>, allowZero = false): 'linear' | 'log' {
  let lo = Number.POSITIVE_INFINITY;
  let hi = 0;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < 0 || (v === 0 && !allowZero)) return 'linear';
    if (v > 0 && v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return hi > 0 && hi / lo > 100 ? 'log' : 'linear';
}
