// results.csv: one row per run of a sweep, written as the runs are aggregated (atomically: a temp file
// renamed at the end). Parameters are flat and readable (`objective`, `kappa`, `lr`, `x0[0]`): a
// short array of scalars spreads over `name[i]` columns; anything else is one cell (JSON for objects).
// Workers print the rows of their plain optimizer runs with the same cell functions.
import { join } from 'node:path';
import {
  type CsvColumns,
  CsvParams,
  cell,
  csvCell,
  RESULT_FIELDS,
  spread,
  spreads,
} from '../format/csvCells.js';
import { flatParams } from '../format/flatParams.js';
import { jsonLine } from '../format/jsonLine.js';
import { isPacked, packedValue } from '../plan/values.js';
import { AtomicFile } from '../store/files.js';
import type { Json, RunRecord, RunSpace } from '../types.js';

/** The columns of results.csv. */
export interface CsvLayout {
  /** Flat parameter columns with their widths. */
  readonly params: CsvColumns;
  /** Result columns (fun … nhev, x) for an optimizer sweep. */
  readonly results: boolean;
  /** `x[i]` columns (0: x as one JSON cell). */
  readonly xWidth: number;
  /** Value columns of a function sweep (from its first records), with widths. */
  readonly values: CsvColumns;
}

/**
 * The parameter columns of a run space: its keys in the order the flat params list them (the
 * objective, its parameters, the options, x0), each as wide as its values when they are all short
 * arrays of one length.
 */
export function paramColumns(space: RunSpace): CsvColumns {
  const order = space.keys.map((k, j) => ({ k, j })).sort((a, b) => space.part[a.j]! - space.part[b.j]!);
  return order.map(({ k, j }) => {
    const values = space.values[j]!;
    // Packed: every row a number (one column) or an array of `dim` numbers (spread when short).
    if (isPacked(values)) return [k, spreads(packedValue(values, 0)) ? values.dim : 0] as const;
    let w = -1;
    for (const text of values) {
      if (text === null) continue;
      const vw = spreadWidth(text);
      if (w === -1) w = vw;
      else if (w !== vw) w = 0;
      if (w === 0) break;
    }
    return [k, Math.max(w, 0)] as const;
  });
}

/** A flat array of numbers in JSON, as canonical JSON prints it (no strings, nesting or spaces). */
const NUMBERS = /^\[-?\d[\d.eE+-]*(?:,-?\d[\d.eE+-]*)*\]$/;

/**
 * How many `name[i]` columns a value's JSON text spreads over (see `spreads`; 0: one cell). A flat
 * array of numbers is counted by its commas, anything else parsed (10⁴ starts: ~10 → ~2 ms).
 */
export function spreadWidth(text: string): number {
  if (NUMBERS.test(text)) {
    let n = 1;
    for (let i = text.indexOf(','); i !== -1; i = text.indexOf(',', i + 1)) n++;
    return n <= 10 ? n : 0;
  }
  const v = JSON.parse(text) as Json;
  return spreads(v) ? v.length : 0;
}

/** The value columns of a function sweep, from some of its records. */
export function valueColumns(records: readonly RunRecord[]): CsvColumns {
  const widths = new Map<string, number>();
  for (const r of records) {
    for (const [k, v] of Object.entries(r.values ?? {})) {
      const w = spreads(v) ? v.length : 0;
      const prev = widths.get(k);
      widths.set(k, prev === undefined || prev === w ? w : 0);
    }
  }
  return [...widths];
}

/** Writes results.csv row by row. */
export class CsvWriter {
  private readonly file: AtomicFile;
  private readonly params: CsvParams;
  private readonly valueKeys: ReadonlySet<string>;

  /**
   * @param dir - The sweep's directory.
   * @param layout - The columns.
   */
  constructor(
    dir: string,
    private readonly layout: CsvLayout,
  ) {
    this.file = new AtomicFile(join(dir, 'results.csv'));
    this.params = new CsvParams(layout.params);
    this.valueKeys = new Set(layout.values.map(([k]) => k));
    const header = ['id', 'status'];
    const name = (prefix: string, k: string, w: number): string[] =>
      w === 0 ? [`${prefix}${k}`] : Array.from({ length: w }, (_, i) => `${prefix}${k}[${i}]`);
    for (const [k, w] of layout.params) header.push(...name('', k, w));
    if (layout.results) header.push(...RESULT_FIELDS, ...name('', 'x', layout.xWidth));
    for (const [k, w] of layout.values) header.push(...name('values.', k, w));
    if (layout.values.length > 0) header.push('values');
    header.push('message', 'time');
    this.file.write(`${header.map(csvCell).join(',')}\n`);
  }

  /** Rows printed by a worker (UTF-8, from `at` to `end`, after a newline). */
  printed(bytes: Uint8Array, at: number, end: number): void {
    this.file.writeBytes(bytes, at, end);
  }

  /** A record's row. */
  row(r: RunRecord): void {
    let s = `${r.id},${r.status}${this.params.text(flatParams(r.params))}`;
    if (this.layout.results) {
      s += `,${cell(r.fun)},${cell(r.gradNorm)},${cell(r.nit)},${cell(r.nfev)},${cell(r.ngev)},${cell(r.nhev)}`;
      s += spread(r.x as Json | undefined, this.layout.xWidth);
    }
    if (this.layout.values.length > 0) {
      for (const [k, w] of this.layout.values) s += spread(r.values?.[k], w);
      // Keys the first records did not have: one JSON cell.
      const extra: Record<string, Json> = {};
      let any = false;
      for (const [k, v] of Object.entries(r.values ?? {}))
        if (!this.valueKeys.has(k)) {
          extra[k] = v;
          any = true;
        }
      s += `,${any ? csvCell(jsonLine(extra)) : ''}`;
    }
    this.file.write(`${s},${cell(r.message)},${r.time}\n`);
  }

  /** Renames the finished file into place. */
  commit(): void {
    this.file.commit();
  }

  /** Drops the unfinished file. */
  abort(): void {
    this.file.abort();
  }
}
