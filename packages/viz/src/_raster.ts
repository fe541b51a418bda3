// Large grids as one embedded image: a palette PNG (fast-png) with one pixel per cell when the cells
// are evenly spaced on screen, else resampled at twice the screen resolution; axes stay vector.
import { encode } from 'fast-png';

/** `#rrggbb`, `#rgb` or `rgb(r, g, b)` → [r, g, b] (grey for anything else). */
export function parseColor(c: string): [number, number, number] {
  const hex6 = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(c);
  if (hex6) return [1, 2, 3].map((k) => Number.parseInt(hex6[k]!, 16)) as [number, number, number];
  const hex3 = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(c);
  if (hex3) return [1, 2, 3].map((k) => Number.parseInt(hex3[k]! + hex3[k]!, 16)) as [number, number, number];
  const rgb = /^rgb\((\d+),\s*(\d+),\s*(\d+)\)$/.exec(c);
  if (rgb) return [1, 2, 3].map((k) => Math.min(255, Number(rgb[k]))) as [number, number, number];
  return [136, 136, 136];
}

/** Cells along one axis: the pixel interval of each, from which image pixels are mapped to cells. */
export interface CellSpans {
  lo: Float64Array;
  hi: Float64Array;
}

/** The image's extent over the cells and, for each image pixel along the axis, its cell (or −1). */
export function pixelMap(
  spans: CellSpans,
  maxPixels: number,
): { from: number; to: number; cell: Int32Array } {
  const n = spans.lo.length;
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    from = Math.min(from, spans.lo[i]!);
    to = Math.max(to, spans.hi[i]!);
  }
  // Evenly spaced cells (all widths equal to 1e-6): one image pixel per cell.
  const w0 = spans.hi[0]! - spans.lo[0]!;
  let even = true;
  for (let i = 1; i < n && even; i++) {
    even = Math.abs(spans.hi[i]! - spans.lo[i]! - w0) <= 1e-6 * Math.max(1, Math.abs(w0));
  }
  const size = even ? n : Math.max(1, Math.min(maxPixels, Math.ceil((to - from) * 2)));
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => spans.lo[a]! - spans.lo[b]!);
  const cell = new Int32Array(size);
  let k = 0;
  for (let p = 0; p < size; p++) {
    const at = from + ((p + 0.5) * (to - from)) / size;
    while (k < n - 1 && spans.hi[order[k]!]! <= at) k++;
    const c = order[k]!;
    cell[p] = at >= spans.lo[c]! && at <= spans.hi[c]! ? c : -1;
  }
  return { from, to, cell };
}

/**
 * A PNG data URI of `width × height` palette indices (row 0 at the top). `palette[0]` is transparent;
 * the others opaque. At most 256 colours.
 */
export function palettePng(
  indices: Uint8Array,
  width: number,
  height: number,
  palette: readonly (readonly [number, number, number])[],
): string {
  const png = encode(
    {
      width,
      height,
      data: indices,
      depth: 8,
      channels: 1,
      // fast-png writes the alpha of the leading non-opaque entries as tRNS: keep them first.
      palette: [[0, 0, 0, 0], ...palette.slice(1).map(([r, g, b]) => [r, g, b, 255])],
    },
    { zlib: { level: 9 } },
  );
  return `data:image/png;base64,${Buffer.from(png.buffer, png.byteOffset, png.byteLength).toString('base64')}`;
}

/** A greyscale PNG data URI (255 where `on`, else 0), for an SVG `<mask>`. */
export function maskPng(on: Uint8Array, width: number, height: number): string {
  const png = encode({ width, height, data: on, depth: 8, channels: 1 }, { zlib: { level: 9 } });
  return `data:image/png;base64,${Buffer.from(png.buffer, png.byteOffset, png.byteLength).toString('base64')}`;
}
