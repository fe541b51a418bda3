import { checkField, type Row } from './_channels.js';
import {
  checkArray,
  checkKeys,
  checkObject,
  checkOneOf,
  checkOptions,
  checkText,
  rangeError,
  typeError,
} from './_validate.js';
import { valueText } from './_valueText.js';
import type { ReportCell, ReportColumn, ReportTable } from './htmlReport.js';

/** A column of {@link reportTable}: a field, or a field with its header, alignment and digits. */
export type TableField =
  | string
  | { field: string; label?: string; align?: 'left' | 'right'; digits?: number | 'full' };

/** Options of {@link reportTable}. */
export interface ReportTableOptions {
  /** The rows: plain objects, e.g. one per run. */
  data: readonly Row[];
  /** The columns, in order (default: the fields of the first row). */
  columns?: readonly TableField[];
  /** Human labels of fields, for the headers, e.g. `{ fun: 'final f' }`. */
  labels?: Readonly<Record<string, string>>;
  /**
   * The field to sort by: numbers ascending (NaN and missing values last), then text; `order: 'desc'`
   * reverses it (missing values still last).
   */
  sort?: string;
  /** `'asc'` (default) or `'desc'`. */
  order?: 'asc' | 'desc';
  /**
   * At most this many rows are kept (default 1,000), after sorting; the report's note under the table
   * says how many of how many are shown.
   */
  maxRows?: number;
  /** A title over the table. */
  caption?: string;
  /** Significant digits of non-integer numbers (default 4; 1 to 17, or `'full'`). */
  digits?: number | 'full';
}

const KEYS = {
  data: true,
  columns: true,
  labels: true,
  sort: true,
  order: true,
  maxRows: true,
  caption: true,
  digits: true,
} satisfies Record<keyof ReportTableOptions, true>;

/** A table cell from a field's value: numbers, text and booleans as they are; points as `(a, b)`. */
function cellOf(v: unknown): ReportCell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  return valueText(v);
}

/**
 * A table of {@link htmlReport} from rows and the fields to show, in Observable Inputs' way
 * (`columns`, `sort`): sorted, capped at `maxRows` (default 1,000) with the total kept for the report's
 * note ("Showing the first 1,000 of 1,000,000 rows"), numbers kept as numbers so that the report
 * formats them and its script sorts them. Only the rows kept are turned into cells, so a million rows
 * cost one sort.
 *
 * @param options - `data`, `columns`, `labels`, `sort`, `order`, `maxRows`, `caption`, `digits`.
 * @returns A {@link ReportTable} for a report section's `table`.
 * @example
 * ```ts
 * const runs = reportTable({
 *   data: rows,
 *   columns: ['method', 'lr', 'status', { field: 'fun', label: 'final f', digits: 6 }],
 *   sort: 'fun',
 *   caption: 'Runs, best first',
 * });
 * htmlReport({ title: 'Sweep', sections: [{ title: 'Runs', table: runs }] });
 * ```
 */
export function reportTable(options: ReportTableOptions): ReportTable {
  checkOptions(options);
  const o = options;
  checkKeys(o, Object.keys(KEYS));
  checkArray('data', o.data);
  o.data.forEach((r, i) => {
    checkObject(`data[${i}]`, r);
  });
  if (o.labels !== undefined) checkObject('labels', o.labels);
  checkText('caption', o.caption);
  if (o.order !== undefined) checkOneOf('order', o.order, ['asc', 'desc']);
  if (o.maxRows !== undefined && !(Number.isInteger(o.maxRows) && o.maxRows >= 0))
    throw rangeError('maxRows', o.maxRows, 'expected an integer ≥ 0');
  const fields = (o.columns ?? Object.keys(o.data[0] ?? {})).map((c, k) => {
    if (typeof c === 'string') {
      checkField(`columns[${k}]`, c, o.data);
      return { field: c };
    }
    checkObject(`columns[${k}]`, c);
    checkKeys(c, ['field', 'label', 'align', 'digits'], `columns[${k}].`);
    checkField(`columns[${k}].field`, c.field, o.data);
    if (c.label !== undefined && typeof c.label !== 'string')
      throw typeError(`columns[${k}].label`, c.label, 'expected a string');
    return c;
  });
  if (o.sort !== undefined) checkField('sort', o.sort, o.data);
  const n = o.data.length;
  const max = o.maxRows ?? 1000;
  let kept: number[];
  if (o.sort === undefined) kept = Array.from({ length: Math.min(n, max) }, (_, i) => i);
  else {
    const key = o.sort;
    const sign = o.order === 'desc' ? -1 : 1;
    // Numbers first (by value), then text; missing values (and NaN) last whatever the order.
    const ranks = new Uint8Array(n);
    const nums = new Float64Array(n);
    let numbers = 0;
    for (let i = 0; i < n; i++) {
      const v = o.data[i]![key];
      if (typeof v === 'number' && !Number.isNaN(v)) {
        nums[i] = sign * v;
        numbers++;
      } else ranks[i] = v === null || v === undefined || typeof v === 'number' ? 2 : 1;
    }
    const text = (i: number): string => valueText(o.data[i]![key]);
    const compare = (a: number, b: number): number =>
      ranks[a]! - ranks[b]! ||
      (ranks[a] === 0 ? nums[a]! - nums[b]! : ranks[a] === 1 ? sign * text(a).localeCompare(text(b)) : 0) ||
      a - b;
    // Only the first `max` rows are kept: when numbers alone fill them, select the rows up to the
    // max-th smallest value (one native sort of the values), and sort those.
    let candidates: number[];
    if (numbers >= max && max < n) {
      const sorted = new Float64Array(numbers);
      let w = 0;
      for (let i = 0; i < n; i++) if (ranks[i] === 0) sorted[w++] = nums[i]!;
      sorted.sort();
      const limit = max > 0 ? sorted[max - 1]! : Number.NEGATIVE_INFINITY;
      candidates = [];
      for (let i = 0; i < n; i++) if (ranks[i] === 0 && nums[i]! <= limit) candidates.push(i);
    } else candidates = Array.from({ length: n }, (_, i) => i);
    kept = candidates.sort(compare).slice(0, max);
  }
  const columns: ReportColumn[] = fields.map((c) => {
    const label = c.label ?? o.labels?.[c.field] ?? c.field;
    return c.align === undefined && c.digits === undefined
      ? label
      : {
          label,
          ...(c.align ? { align: c.align } : {}),
          ...(c.digits !== undefined ? { digits: c.digits } : {}),
        };
  });
  return {
    columns,
    rows: kept.map((i) => fields.map((c) => cellOf(o.data[i]![c.field]))),
    ...(o.caption !== undefined ? { caption: o.caption } : {}),
    ...(o.digits !== undefined ? { digits: o.digits } : {}),
    ...(n > kept.length ? { totalRows: n } : {}),
  };
}
