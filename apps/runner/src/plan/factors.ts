// The sweep as a product of factors. A factor is one grid axis (one key, many values), a table of
// cases (several keys, many rows) or a fixed value (one key, one row). Points are the Cartesian
// product, first factor outermost (see `space.ts`).
import type { Json, PackedValues } from '../types.js';
import { packedValue, unpack } from './values.js';

/** One factor: `rows[r][c]` is the value of `keys[c]` in row r (`undefined`: not set by this row). */
export interface Factor {
  readonly keys: string[];
  /** How many rows it has (`rows.length`, without making a packed axis's rows). */
  readonly size: number;
  readonly rows: (Json | undefined)[][];
  /**
   * Where cell (r, c) came from, for error messages: `grid.lr[2]`, `cases[1].x0`, `override lr[0]`.
   * Made when asked: an axis may have 10⁶ values, and their texts were ~70 MB to build and keep.
   */
  readonly origin: (r: number, c: number) => string;
  /** An axis's values as given (`rows[r][0] === values[r]`; the rows are never changed). */
  readonly values?: readonly Json[];
  /**
   * An axis's values as numbers (an override's `pointsGrid` of 10⁶ starts): its `rows` and `values`
   * are made from them only when read, and the planner reads them where it can without.
   */
  readonly packed?: PackedValues;
  /** Whether a packed axis's rows are known to differ from each other. */
  readonly distinct?: boolean;
}

/** A factor for a fixed value. */
export function fixedFactor(key: string, value: Json, origin: string): Factor {
  return { keys: [key], size: 1, rows: [[value]], origin: () => origin };
}

/** A factor for one axis. */
export function axisFactor(key: string, values: readonly Json[], origin: (i: number) => string): Factor {
  return { keys: [key], size: values.length, rows: values.map((v) => [v]), origin: (r) => origin(r), values };
}

/** A factor for one axis of packed numbers; `distinct` when its rows are known to differ. */
export function packedAxisFactor(
  key: string,
  packed: PackedValues,
  distinct: boolean,
  origin: (i: number) => string,
): Factor {
  let values: Json[] | undefined;
  let rows: Json[][] | undefined;
  const valuesOf = (): Json[] => {
    values ??= unpack(packed);
    return values;
  };
  return {
    keys: [key],
    size: packed.rows,
    get rows(): Json[][] {
      rows ??= valuesOf().map((v) => [v]);
      return rows;
    },
    origin: (r) => origin(r),
    get values(): readonly Json[] {
      return valuesOf();
    },
    packed,
    distinct,
  };
}

/** Cell (r, c) of a factor (a packed axis's without making its rows). */
export function cellOf(f: Factor, r: number, c: number): Json | undefined {
  return f.packed === undefined ? f.rows[r]![c] : packedValue(f.packed, r);
}
