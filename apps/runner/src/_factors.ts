// The sweep as a product of factors. A factor is one grid axis (one key, many values), a table of
// cases (several keys, many rows) or a fixed value (one key, one row). Points are the Cartesian
// product, first factor outermost. Each cell's canonical JSON is computed once, so a point's canonical
// JSON (keys sorted) is a concatenation of precomputed fragments: the sweep's hot path for 10⁵ runs.
import { canonicalJson } from './canonicalJson.js';
import type { Json, Params } from './types.js';

/** One factor: `rows[r][c]` is the value of `keys[c]` in row r (`undefined`: not set by this row). */
export interface Factor {
  readonly keys: string[];
  readonly rows: (Json | undefined)[][];
  /** Where each cell came from, for error messages: `grid.lr[2]`, `cases[1].x0`, `override lr[0]`. */
  readonly origins: string[][];
}

/** A factor for a fixed value. */
export function fixedFactor(key: string, value: Json, origin: string): Factor {
  return { keys: [key], rows: [[value]], origins: [[origin]] };
}

/** A factor for one axis. */
export function axisFactor(key: string, values: readonly Json[], origin: (i: number) => string): Factor {
  return { keys: [key], rows: values.map((v) => [v]), origins: values.map((_, i) => [origin(i)]) };
}

/** Points of a product of factors, as canonical JSON strings. */
export class PointSpace {
  readonly factors: readonly Factor[];
  /** Number of points (duplicates included). */
  readonly size: number;
  /** `frags[f][r]`: for each sorted key slot owned by factor f, the `,"key":value` text of row r. */
  private readonly frags: string[][][];
  /** Sorted keys, each with its factor and column. */
  private readonly slots: { readonly f: number; readonly c: number }[];

  constructor(factors: readonly Factor[]) {
    this.factors = factors;
    this.size = factors.reduce((n, f) => n * f.rows.length, 1);
    const all: { key: string; f: number; c: number }[] = [];
    factors.forEach((fac, f) => {
      fac.keys.forEach((key, c) => {
        all.push({ key, f, c });
      });
    });
    all.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    this.slots = all.map(({ f, c }) => ({ f, c }));
    this.frags = factors.map((fac) =>
      fac.rows.map((row) =>
        row.map((v, c) => (v === undefined ? '' : `,${JSON.stringify(fac.keys[c])}:${canonicalJson(v)}`)),
      ),
    );
  }

  /** Calls `cb` with each point's canonical JSON and its row per factor, first factor outermost. */
  forEach(cb: (canonical: string, rows: readonly number[]) => void): void {
    if (this.size === 0) return;
    const nf = this.factors.length;
    const idx = new Array<number>(nf).fill(0);
    const slots = this.slots;
    const frags = this.frags;
    for (let k = 0; k < this.size; k++) {
      let s = '';
      for (const { f, c } of slots) s += frags[f]![idx[f]!]![c]!;
      cb(s === '' ? '{}' : `{${s.slice(1)}}`, idx);
      for (let f = nf - 1; f >= 0; f--) {
        if (++idx[f]! < this.factors[f]!.rows.length) break;
        idx[f] = 0;
      }
    }
  }

  /** The point at the given rows, as an object. */
  point(rows: readonly number[]): Params {
    const p: Record<string, Json> = {};
    this.factors.forEach((fac, f) => {
      const row = fac.rows[rows[f]!]!;
      fac.keys.forEach((key, c) => {
        if (row[c] !== undefined) p[key] = row[c]!;
      });
    });
    return p;
  }
}
