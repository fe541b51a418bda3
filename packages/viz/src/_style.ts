// How series differ besides colour: dash patterns and marker shapes, cycled once the eight Okabe–Ito
// colours are used up, so that 12 or more series stay distinct (and in grey print).
import { px } from './_format.js';
import { okabeIto } from './palettes.js';

/** Dash patterns, one per cycle of the palette: the first eight series are solid. */
export const DASHES: readonly string[] = ['', '7 3', '2 2.5', '9 3 2 3', '4 4', '12 3 2 3 2 3'];

/** Marker shapes, one per cycle of the palette: the first eight series have dots. */
export type MarkerShape = 'circle' | 'square' | 'triangle' | 'diamond' | 'triangle-down' | 'plus';
export const MARKERS: readonly MarkerShape[] = [
  'circle',
  'square',
  'triangle',
  'diamond',
  'triangle-down',
  'plus',
];

/** The dash pattern of the `i`-th series of a palette of `n` colours: solid for the first cycle. */
export function dashOf(i: number, n = okabeIto.length): string {
  return DASHES[Math.floor(i / n) % DASHES.length]!;
}

/** The marker of the `i`-th series of a palette of `n` colours. */
export function markerOf(i: number, n = okabeIto.length): MarkerShape {
  return MARKERS[Math.floor(i / n) % MARKERS.length]!;
}

/** ` stroke-dasharray="…"` for a non-empty pattern, else nothing. */
export function dashAttr(dash: string | undefined): string {
  return dash ? ` stroke-dasharray="${dash}"` : '';
}

/**
 * Path data of a marker of radius `r` centred at (`x`, `y`), with about the area of a circle of that
 * radius. A circle is drawn as a zero-length round-capped segment by callers, so it returns ''.
 */
export function markerPath(shape: MarkerShape, x: number, y: number, r: number): string {
  switch (shape) {
    case 'square': {
      const h = r * 0.886;
      return `M${px(x - h)},${px(y - h)}h${px(2 * h)}v${px(2 * h)}h${px(-2 * h)}z`;
    }
    case 'diamond': {
      const h = r * 1.25;
      return `M${px(x)},${px(y - h)}l${px(h)},${px(h)}l${px(-h)},${px(h)}l${px(-h)},${px(-h)}z`;
    }
    case 'triangle':
    case 'triangle-down': {
      const s = shape === 'triangle' ? 1 : -1;
      const h = r * 1.35;
      return `M${px(x)},${px(y - s * h)}l${px(h * 0.866)},${px(s * h * 1.5)}h${px(-h * 1.732)}z`;
    }
    case 'plus': {
      const h = r * 1.2;
      const w = r * 0.4;
      return `M${px(x - w)},${px(y - h)}h${px(2 * w)}v${px(h - w)}h${px(h - w)}v${px(2 * w)}h${px(w - h)}v${px(h - w)}h${px(-2 * w)}v${px(w - h)}h${px(w - h)}v${px(-2 * w)}h${px(h - w)}z`;
    }
    default:
      return '';
  }
}

/** A five-pointed star of outer radius `r` at (`x`, `y`): the mark of a known minimum. */
export function starPath(x: number, y: number, r: number): string {
  let d = '';
  for (let k = 0; k < 10; k++) {
    const a = -Math.PI / 2 + (k * Math.PI) / 5;
    const rr = k % 2 === 0 ? r : r * 0.45;
    d += `${k === 0 ? 'M' : 'L'}${px(x + rr * Math.cos(a))},${px(y + rr * Math.sin(a))}`;
  }
  return `${d}z`;
}
