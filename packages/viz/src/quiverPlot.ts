import { extentOf, resolveDomain } from './_axis.js';
import { contourColors, contourMarks } from './_contours.js';
import { type ContourOptions, checkContourOptions, contourStyle, sampleGrid } from './_field.js';
import { formatValue, px } from './_format.js';
import { checkPlotOptions, frame } from './_frame.js';
import { colorAttr } from './_marks.js';
import { inside } from './_path.js';
import {
  checkFunction,
  checkNumbers,
  checkOptions,
  checkPositive,
  checkSameLength,
  checkText,
  rangeError,
} from './_validate.js';

import { escapeHtml as esc } from './escapeHtml.js';
import type { PlotOptions } from './types.js';

/** Options of {@link quiverPlot}. */
export interface QuiverPlotOptions extends PlotOptions, ContourOptions {
  /** Arrow bases, e.g. a flattened meshgrid. */
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  /** Arrow components in data units (same length as `x`); non-finite arrows are skipped. */
  u: ArrayLike<number>;
  v: ArrayLike<number>;
  /** A function to draw as isolines (or filled bands, `filled: true`) under the arrows. */
  f?: (x: number, y: number) => number;
  /** Length in pixels of the longest arrow (default 0.9 × the grid spacing). */
  maxLength?: number;
  /** Arrow colour (default the text colour, `currentColor`). */
  color?: string;
}

/** Above this many arrows, arrows have no individual tooltips. */
const MAX_TOOLTIP_ARROWS = 2000;

/** The smallest gap (≥ 1 px) between distinct sorted pixel positions, or undefined if all coincide. */
function smallestGap(pixels: number[]): number | undefined {
  const s = pixels.filter(Number.isFinite).sort((a, b) => a - b);
  let gap = Number.POSITIVE_INFINITY;
  for (let i = 1; i < s.length; i++) {
    const d = s[i]! - s[i - 1]!;
    if (d >= 1 && d < gap) gap = d;
  }
  return Number.isFinite(gap) ? gap : undefined;
}

/**
 * Arrows of a vector field at given points, e.g. the notebook's −∇f on [−2, 2]² at step 0.25. Directions
 * follow the data axes (like matplotlib's `angles="xy"`); lengths are proportional to the magnitude,
 * scaled so that the longest arrow spans `maxLength` pixels and arrows do not overlap. Optionally over
 * contours of `f`.
 *
 * @param options - Arrow bases `x`, `y` and components `u`, `v`, optional `f`, and the common options.
 * @returns An SVG string.
 * @example
 * ```ts
 * // −∇f for f(x) = x₀² + x₁² on [−2, 2]², step 0.25.
 * const x = [], y = [], u = [], v = [];
 * for (let i = -8; i <= 8; i++) for (let j = -8; j <= 8; j++) {
 *   x.push(i / 4); y.push(j / 4); u.push(-i / 2); v.push(-j / 2);
 * }
 * const svg = quiverPlot({ title: '−∇f', x, y, u, v, xDomain: [-2, 2], yDomain: [-2, 2] });
 * ```
 */
export function quiverPlot(options: QuiverPlotOptions): string {
  checkOptions(options);
  checkPlotOptions(options);
  const o = options;
  for (const k of ['x', 'y', 'u', 'v'] as const) checkNumbers(k, o[k]);
  checkSameLength('y', o.y, 'x', o.x);
  checkSameLength('u', o.u, 'x', o.x);
  checkSameLength('v', o.v, 'x', o.x);
  if (o.f !== undefined) checkFunction('f', o.f);
  if (o.maxLength !== undefined) checkPositive('maxLength', o.maxLength);
  checkText('color', o.color);
  if (o.xScale === 'log') throw rangeError('xScale', o.xScale, 'quiverPlot draws on linear axes');
  if (o.yScale === 'log') throw rangeError('yScale', o.yScale, 'quiverPlot draws on linear axes');
  const res = checkContourOptions(o);

  const xDomain = resolveDomain(o.xDomain, extentOf([o.x], 'linear'), 'linear', 0.06);
  const yDomain = resolveDomain(o.yDomain, extentOf([o.y], 'linear'), 'linear', 0.06);
  const style = { ...contourStyle(o), filled: o.filled ?? false };
  const values = o.f ? sampleGrid(o.f, xDomain, yDomain, ['linear', 'linear'], res[0], res[1]) : undefined;
  const colors = values ? contourColors(values, style) : undefined;
  const fr = frame({
    className: 'quiver-plot',
    aspect: o.aspect ?? 'equal',
    options: o,
    x: { kind: 'linear', domain: xDomain },
    y: { kind: 'linear', domain: yDomain },
    ...(colors?.colorBar ? { colorBar: colors.colorBar } : {}),
    grid: !o.f,
    box: true,
  });
  const { x, y, rect } = fr;
  let marks = '';
  if (values && colors) {
    const xPix = [x.project(xDomain[0]), x.project(xDomain[1])] as const;
    const yPix = [y.project(yDomain[0]), y.project(yDomain[1])] as const;
    marks += contourMarks(colors, { values, nx: res[0], ny: res[1], xPix, yPix, rect });
  }

  const n = o.x.length;
  // Pixels per data unit along each axis (y grows downwards on screen).
  const kx = x.project(1) - x.project(0);
  const ky = y.project(1) - y.project(0);
  let longest = 0;
  for (let i = 0; i < n; i++) {
    const l = Math.hypot(o.u[i]! * kx, o.v[i]! * ky);
    if (Number.isFinite(l) && l > longest) longest = l;
  }
  const xs = Array.from(o.x, (v) => x.project(v));
  const ys = Array.from(o.y, (v) => y.project(v));
  const spacing = Math.min(
    smallestGap(xs) ?? Number.POSITIVE_INFINITY,
    smallestGap(ys) ?? Number.POSITIVE_INFINITY,
  );
  const maxLength = o.maxLength ?? 0.9 * (Number.isFinite(spacing) ? spacing : (rect.x1 - rect.x0) / 10);
  const k = longest > 0 ? maxLength / longest : 0;
  const tooltips = n <= MAX_TOOLTIP_ARROWS;
  let arrows = '';
  let dotsD = '';
  for (let i = 0; i < n; i++) {
    const bx = xs[i]!;
    const by = ys[i]!;
    const dx = o.u[i]! * kx * k;
    const dy = o.v[i]! * ky * k;
    if (!(Number.isFinite(bx) && Number.isFinite(by) && Number.isFinite(dx) && Number.isFinite(dy))) continue;
    if (!inside(bx, by, rect, 0.5)) continue;
    const len = Math.hypot(dx, dy);
    if (len < 0.5) {
      dotsD += `M${px(bx)},${px(by)}h0`;
      continue;
    }
    const ux = dx / len;
    const uy = dy / len;
    const head = Math.min(7, 0.4 * len);
    const half = head * 0.45;
    const nx = bx + dx - ux * head;
    const ny = by + dy - uy * head;
    const d =
      `M${px(bx)},${px(by)}L${px(nx)},${px(ny)}` +
      `M${px(bx + dx)},${px(by + dy)}L${px(nx - uy * half)},${px(ny + ux * half)}L${px(nx + uy * half)},${px(ny - ux * half)}Z`;
    const tip = tooltips
      ? `<title>${esc(`(${formatValue(o.x[i]!)}, ${formatValue(o.y[i]!)}) → (${formatValue(o.u[i]!)}, ${formatValue(o.v[i]!)})`)}</title>`
      : '';
    arrows += tip ? `<path d="${d}">${tip}</path>` : `<path d="${d}"/>`;
  }
  const color = o.color ? colorAttr(o.color) : 'currentColor';
  marks += `<g class="arrows" fill="${color}" stroke="${color}" stroke-width="1.2" stroke-linejoin="round" fill-opacity="0.85" stroke-opacity="0.85">${arrows}`;
  if (dotsD)
    marks += `<path class="zero" d="${dotsD}" stroke-width="3" stroke-linecap="round"><title>zero</title></path>`;
  marks += '</g>';
  return fr.render(marks);
}
