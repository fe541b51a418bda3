// The sweep as a product of factors. A factor is one grid axis (one key, many values), a table of
// cases (several keys, many rows) or a fixed value (one key, one row). Points are the Cartesian
// product, first factor outermost (see `space.ts`).
import type { Json } from '../types.js';

/** One factor: `rows[r][c]` is the value of `keys[c]` in row r (`undefined`: not set by this row). */
export interface Factor {
  readonly keys: string[];
  readonly rows: (Json | undefined)[][];
  /**
   * Where cell (r, c) came from, for error messages: `grid.lr[2]`, `cases[1].x0`, `override lr[0]`.
   * Made when asked: an axis may have 10⁶ values, and their texts were ~70 MB to build and keep.
   */
  readonly origin: (r: number, c: number) => string;
  /** An axis's values as given (`rows[r][0] === values[r]`; the rows are never changed). */
  readonly values?: readonly Json[];
}

/** A factor for a fixed value. */
export function fixedFactor(key: string, value: Json, origin: string): Factor {
  return { keys: [key], rows: [[value]], origin: () => origin };
}

/** A factor for one axis. */
export function axisFactor(key: string, values: readonly Json[], origin: (i: number) => string): Factor {
  return { keys: [key], rows: values.map((v) => [v]), origin: (r) => origin(r), values };
}
