// A run space's values of one key (`RunSpace.values[j]`): the canonical JSON text of each row, or, for a
// key of many numeric rows (an axis of 10⁵–10⁶ starts), the numbers themselves in one Float64Array. A
// million x0 points as texts were ~60 MB of strings in the coordinator and again in each worker (plus a
// parsed copy), which every collection walked; as numbers they are 16 MB, shared by the workers, and
// their texts are printed where a run needs them (the same text: a finite number prints as JSON does).
import type { Json, PackedValues, SpaceValues } from '../types.js';

/** Rows from which a numeric key is packed (as many as a worker caches of a key's cells: `CACHE_ROWS`). */
export const PACK_ROWS = 16_384;

/** Whether a key's values (or a factor's rows) are packed numbers. */
export function isPacked(values: PackedValues | readonly unknown[]): values is PackedValues {
  return !Array.isArray(values);
}

/** A key's rows. */
export function rowCount(values: SpaceValues): number {
  return isPacked(values) ? values.rows : (values as readonly (string | null)[]).length;
}

/**
 * Numbers for `values` when there are at least `minRows` and each is a finite number (`dim` 0) or each
 * an array of `dim` finite numbers; otherwise undefined. −0 is stored as 0, as its JSON text reads back.
 *
 * @example
 * ```ts
 * packValues([[1, 2], [3, -0]], 1); // { dim: 2, rows: 2, data: Float64Array [1, 2, 3, 0] }
 * packValues([[1, 2], [3]], 1); // undefined
 * ```
 */
export function packValues(
  values: readonly (Json | undefined)[],
  minRows = PACK_ROWS,
): PackedValues | undefined {
  const rows = values.length;
  if (rows < minRows || rows === 0) return undefined;
  const first = values[0];
  const dim = typeof first === 'number' ? 0 : Array.isArray(first) ? first.length : -1;
  if (dim < 0 || (dim === 0 && typeof first !== 'number')) return undefined;
  const width = dim === 0 ? 1 : dim;
  const data = new Float64Array(rows * width);
  for (let r = 0, k = 0; r < rows; r++) {
    const v = values[r];
    if (dim === 0) {
      if (typeof v !== 'number' || !Number.isFinite(v)) return undefined;
      data[k++] = v === 0 ? 0 : v;
      continue;
    }
    if (!Array.isArray(v) || v.length !== dim) return undefined;
    for (let i = 0; i < dim; i++) {
      const e = v[i];
      if (typeof e !== 'number' || !Number.isFinite(e)) return undefined;
      data[k++] = e === 0 ? 0 : e;
    }
  }
  return { dim, rows, data };
}

const packedOf = new WeakMap<readonly (Json | undefined)[], PackedValues | null>();

/**
 * `packValues(values, minRows)`, packing a list once however often it is asked (an override's 10⁶
 * starts were packed for its text and again for the run space: ~60 ms each).
 */
export function packValuesOnce(
  values: readonly (Json | undefined)[],
  minRows = PACK_ROWS,
): PackedValues | undefined {
  if (values.length < minRows || values.length === 0) return undefined;
  let packed = packedOf.get(values);
  if (packed === undefined) {
    packed = packValues(values, 0) ?? null;
    packedOf.set(values, packed);
  }
  return packed ?? undefined;
}

/** Row r's canonical JSON text (null where the row does not set the key). */
export function rowText(values: SpaceValues, r: number): string | null {
  if (!isPacked(values)) return (values as readonly (string | null)[])[r] ?? null;
  const { dim, data } = values;
  if (dim === 0) return String(data[r]);
  let s = '[';
  for (let i = 0, k = r * dim; i < dim; i++, k++) s += i === 0 ? String(data[k]) : `,${data[k]}`;
  return `${s}]`;
}

/** Row r's value of a packed key (a new array for a vector). */
export function packedValue(values: PackedValues, r: number): number | number[] {
  const { dim, data } = values;
  if (dim === 0) return data[r]!;
  const out = new Array<number>(dim);
  for (let i = 0, k = r * dim; i < dim; i++, k++) out[i] = data[k]!;
  return out;
}

/** Every row's value of a packed key, in order (new arrays for vectors). */
export function unpack(values: PackedValues): Json[] {
  const out = new Array<Json>(values.rows);
  for (let r = 0; r < values.rows; r++) out[r] = packedValue(values, r);
  return out;
}

/** Whether every row of a packed key differs from every other (as their texts would). */
export function packedDistinct(values: PackedValues): boolean {
  const { rows, data } = values;
  const width = values.dim === 0 ? 1 : values.dim;
  // Open addressing over the rows' bits (−0 was stored as 0, so equal bits are equal texts).
  const bits = new Uint32Array(data.buffer, data.byteOffset, data.length * 2);
  let size = 1;
  while (size < 2 * rows) size *= 2;
  const slots = new Int32Array(size).fill(-1);
  for (let r = 0; r < rows; r++) {
    let h = 0x811c9dc5;
    for (let i = 2 * r * width, end = i + 2 * width; i < end; i++) h = Math.imul(h ^ bits[i]!, 0x01000193);
    let s = (h ^ (h >>> 15)) & (size - 1);
    for (;;) {
      const o = slots[s]!;
      if (o < 0) {
        slots[s] = r;
        break;
      }
      if (sameRow(data, width, o, r)) return false;
      s = (s + 1) & (size - 1);
    }
  }
  return true;
}

/** Whether some row of a packed key differs from its first. */
export function packedVaries(values: PackedValues): boolean {
  const { rows, data } = values;
  const width = values.dim === 0 ? 1 : values.dim;
  for (let r = 1; r < rows; r++) if (!sameRow(data, width, 0, r)) return true;
  return false;
}

function sameRow(data: Float64Array, width: number, a: number, b: number): boolean {
  for (let i = 0; i < width; i++) if (data[a * width + i] !== data[b * width + i]) return false;
  return true;
}
