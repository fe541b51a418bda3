// Lines and shaded regions drawn over a plot in data coordinates (heatmap, contour, line and scatter
// plots share them): a stability bound, a model curve, the boundary of a feasible set.
import type { Axis } from './_axis.js';
import { px } from './_format.js';
import { clipPolygon, clipPolyline, encodeRuns, type Rect } from './_path.js';
import {
  checkArray,
  checkNumbers,
  checkObject,
  checkOneOf,
  checkSameLength,
  checkText,
} from './_validate.js';
import { escapeHtml as esc } from './escapeHtml.js';
import type { Overlay } from './types.js';

/** Checks a list of overlays: `{ x, y, label?, fade? }` with `x` and `y` of the same length. */
export function checkOverlays(name: string, overlays: unknown): asserts overlays is Overlay[] | undefined {
  if (overlays === undefined) return;
  checkArray(name, overlays);
  overlays.forEach((l, k) => {
    checkObject(`${name}[${k}]`, l);
    checkNumbers(`${name}[${k}].x`, l.x);
    checkNumbers(`${name}[${k}].y`, l.y);
    checkSameLength(`${name}[${k}].y`, l.y as ArrayLike<number>, 'x', l.x as ArrayLike<number>);
    checkText(`${name}[${k}].label`, l.label);
    if (l.fade !== undefined) checkOneOf(`${name}[${k}].fade`, l.fade, ['inside', 'outside']);
  });
}

const HALO = 'style="stroke:var(--viz-bg,#fff)"';

/** The projected finite vertices of a polygon, clipped to `rect` (pixels, interleaved). */
function polygonPixels(o: Overlay, x: Axis, y: Axis, rect: Rect): number[] {
  const pts: number[] = [];
  for (let i = 0; i < o.x.length; i++) {
    const px_ = x.project(o.x[i]!);
    const py_ = y.project(o.y[i]!);
    if (Number.isFinite(px_) && Number.isFinite(py_)) pts.push(px_, py_);
  }
  return pts.length >= 6 ? clipPolygon(pts, rect) : [];
}

/** Splits a pixel run where it runs along an edge of `rect` (both ends of a segment on the same edge). */
function offFrame(run: number[], rect: Rect): number[][] {
  const near = (a: number, b: number): boolean => Math.abs(a - b) < 0.5;
  const onEdge = (ax: number, ay: number, bx: number, by: number): boolean =>
    (near(ax, rect.x0) && near(bx, rect.x0)) ||
    (near(ax, rect.x1) && near(bx, rect.x1)) ||
    (near(ay, rect.y0) && near(by, rect.y0)) ||
    (near(ay, rect.y1) && near(by, rect.y1));
  const out: number[][] = [];
  let cur: number[] = [run[0]!, run[1]!];
  for (let i = 2; i < run.length; i += 2) {
    if (onEdge(run[i - 2]!, run[i - 1]!, run[i]!, run[i + 1]!)) {
      if (cur.length >= 4) out.push(cur);
      cur = [run[i]!, run[i + 1]!];
    } else cur.push(run[i]!, run[i + 1]!);
  }
  if (cur.length >= 4) out.push(cur);
  return out;
}

/**
 * Overlays as SVG: a dashed line with a halo for a line; for a region, the faded inside or outside of
 * its polygon and its solid outline. Each is labelled at its last visible point and has a tooltip.
 */
export function overlayMarks(overlays: readonly Overlay[], x: Axis, y: Axis, rect: Rect): string {
  let marks = '';
  for (const o of overlays) {
    const region = o.fade !== undefined;
    let xs = o.x;
    let ys = o.y;
    if (region && o.x.length > 0) {
      // The outline closes the polygon.
      xs = [...Array.from(o.x), o.x[0]!];
      ys = [...Array.from(o.y), o.y[0]!];
    }
    let runs = clipPolyline(xs, ys, x.project, y.project, rect);
    // A region's outline where the plot area cuts the polygon is the frame, not a boundary: leave it out.
    if (region) runs = runs.flatMap((run) => offFrame(run, rect));
    const d = encodeRuns(runs);
    let shade = '';
    if (region) {
      const poly = polygonPixels(o, x, y, rect);
      const inner = poly.length >= 6 ? encodeRuns([poly], true) : '';
      const box = encodeRuns(
        [[rect.x0, rect.y0, rect.x1, rect.y0, rect.x1, rect.y1, rect.x0, rect.y1]],
        true,
      );
      const area = o.fade === 'inside' ? inner : box + inner;
      if (area) {
        shade = `<path d="${area}" fill-rule="evenodd" style="fill:var(--viz-bg,#fff)" fill-opacity="0.6" stroke="none"/>`;
      }
    }
    if (!d && !shade) continue;
    const tip = o.label ? `<title>${esc(o.label)}</title>` : '';
    marks += `<g class="overlay">${tip}${shade}`;
    if (d) {
      marks += region
        ? `<path d="${d}" fill="none" ${HALO} stroke-width="3.5" stroke-opacity="0.8"/><path d="${d}" fill="none" stroke="currentColor" stroke-width="1.5"/>`
        : `<path d="${d}" fill="none" ${HALO} stroke-width="4" stroke-opacity="0.8"/><path d="${d}" fill="none" stroke="currentColor" stroke-width="2" stroke-dasharray="6 3"/>`;
    }
    const last = runs.at(-1);
    if (o.label && last) {
      const lx = last[last.length - 2]!;
      const ly = last[last.length - 1]!;
      const anchor = lx > (rect.x0 + rect.x1) / 2 ? 'end' : 'start';
      const tx = lx + (anchor === 'end' ? -5 : 5);
      const ty = Math.max(rect.y0 + 12, Math.min(rect.y1 - 4, ly + (ly < (rect.y0 + rect.y1) / 2 ? 12 : -6)));
      marks += `<text x="${px(tx)}" y="${px(ty)}" text-anchor="${anchor}" font-size="11" font-weight="600" paint-order="stroke" ${HALO} stroke-width="3" stroke-linejoin="round">${esc(o.label)}</text>`;
    }
    marks += '</g>';
  }
  return marks;
}
