// The box-counting dimension of the borders in a map of letters: trainability's boundary between training
// and diverging, basins' borders between basins.

/** A cell's side of the trainability boundary: diverges (d) or not. */
const diverges = (code: number): number => (code === 100 ? 1 : 0);

/**
 * The box-counting dimension of the boundary between the kinds of cells of a map (by default, diverging
 * and bounded ones): a cell is on the boundary when its right or upper neighbour is of another kind (one
 * cell of each pair across it: a line of cells); for boxes of e × e cells (e = 2, 4, 8, 16), N(e) boxes hold
 * a cell of the boundary; the dimension is the least-squares slope of log N(e) against log(1/e). 1 for a
 * smooth boundary, up to 2 for one that fills the plane. (Counting the boxes that hold both kinds instead
 * misses a boundary along a box's edge: gradient descent's basins on Himmelblau, whose borders run along
 * rows and columns, measured 0.73; both cells of each pair, a band two cells wide, 1.13; one cell, 0.995.)
 *
 * @param rows - The map's letters, one string per row (d: diverges).
 * @param kind - A cell's kind, from its letter's code (default: diverges or not; e.g. the code itself for
 *   the borders between basins).
 * @returns The dimension and the counts N(e).
 * @example
 * ```ts
 * boxDimension(['dddd', 'dddd', 'mmmm', 'mmmm']).counts; // [2, 1, 1, 1]
 * ```
 */
export function boxDimension(
  rows: readonly string[],
  kind: (code: number) => number = diverges,
): { dimension: number; counts: number[] } {
  const h = rows.length;
  const w = Math.max(0, ...rows.map((r) => r.length));
  const kinds = new Float64Array(w * h).fill(Number.NaN);
  for (let r = 0; r < h; r++) {
    const row = rows[r]!;
    for (let c = 0; c < row.length; c++) kinds[r * w + c] = kind(row.charCodeAt(c));
  }
  // Cells whose right or upper neighbour is of another kind (a cell not in the map is of none).
  const edge = new Uint8Array(w * h);
  const other = (a: number, b: number): boolean => !Number.isNaN(a) && !Number.isNaN(b) && a !== b;
  for (let r = 0; r < h; r++) {
    for (let c = 0; c < w; c++) {
      const k = kinds[r * w + c]!;
      if ((c + 1 < w && other(k, kinds[r * w + c + 1]!)) || (r + 1 < h && other(k, kinds[(r + 1) * w + c]!)))
        edge[r * w + c] = 1;
    }
  }
  const sides = [2, 4, 8, 16];
  const counts = sides.map((e) => {
    let n = 0;
    for (let r0 = 0; r0 < h; r0 += e) {
      for (let c0 = 0; c0 < w; c0 += e) {
        let hit = false;
        for (let r = r0; r < Math.min(h, r0 + e) && !hit; r++)
          for (let c = c0; c < Math.min(w, c0 + e); c++)
            if (edge[r * w + c] === 1) {
              hit = true;
              break;
            }
        if (hit) n++;
      }
    }
    return n;
  });
  const xs = sides.map((e) => Math.log(1 / e));
  const ys = counts.map((n) => Math.log(Math.max(n, 1)));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
  }
  return { dimension: sxy / sxx, counts };
}
