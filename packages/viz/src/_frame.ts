import { type Axis, type AxisSpec, buildAxis, fitBandLabels, widestLabel, xLabelExtent } from './_axis.js';
import { px, textWidth, truncate } from './_format.js';
import { type ColorBar, colorBarWidth, type LegendItem, legendLayout, renderColorBar } from './_legend.js';
import type { Rect } from './_path.js';
import { checkDomain, checkOneOf, checkPositive, checkText } from './_validate.js';
import { escapeHtml as esc } from './escapeHtml.js';
import type { PlotOptions } from './types.js';

export const FONT_FAMILY = "system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif";
const PAD = 12;
const TICK_FONT = 11;
const TITLE_FONT = 15;

/** Checks the options every plot shares; `where` names the function for messages. */
export function checkPlotOptions(o: PlotOptions): void {
  checkText('title', o.title);
  checkText('subtitle', o.subtitle);
  checkText('xLabel', o.xLabel);
  checkText('yLabel', o.yLabel);
  if (o.width !== undefined) checkPositive('width', o.width);
  if (o.height !== undefined) checkPositive('height', o.height);
  if (o.xScale !== undefined) checkOneOf('xScale', o.xScale, ['linear', 'log']);
  if (o.yScale !== undefined) checkOneOf('yScale', o.yScale, ['linear', 'log']);
  if (o.aspect !== undefined) checkOneOf('aspect', o.aspect, ['equal', 'auto']);
  checkDomain('xDomain', o.xDomain, o.xScale ?? 'linear');
  checkDomain('yDomain', o.yDomain, o.yScale ?? 'linear');
}

export interface FrameInput {
  /** CSS class of the root element, e.g. `line-plot`. */
  className: string;
  options: PlotOptions;
  x: AxisSpec;
  y: AxisSpec;
  legend?: readonly LegendItem[];
  colorBar?: ColorBar;
  /** Light grid lines at the ticks (default true). */
  grid?: boolean;
  /** A rectangle around the plot area instead of bare bottom and left axis lines. */
  box?: boolean;
  /**
   * `'equal'`: one data unit (one decade on log axes) spans as many pixels on x as on y; the plot area
   * shrinks to fit (centred horizontally; a figure that is too tall loses the extra height). Ignored
   * unless both axes are continuous and of the same kind.
   */
  aspect?: 'equal' | 'auto';
}

export interface Frame {
  width: number;
  height: number;
  /** The plot area in pixels: marks are clipped to it. */
  rect: Rect;
  x: Axis;
  y: Axis;
  /** Wraps `marks` (drawn over the grid, under the axes) into the finished SVG. */
  render: (marks: string) => string;
}

/**
 * Lays out a plot: title, subtitle and legend on top, axes with ticks and labels left and below, an
 * optional colour bar on the right; margins grow to fit the tick labels actually drawn.
 */
export function frame(input: FrameInput): Frame {
  const o = input.options;
  const width = o.width ?? 640;
  const height = o.height ?? 420;
  const grid = input.grid ?? true;

  let top = PAD;
  const title = o.title ? truncate(o.title, Math.floor((width - 2 * PAD) / (TITLE_FONT * 0.58))) : '';
  const subtitle = o.subtitle ? truncate(o.subtitle, Math.floor((width - 2 * PAD) / (12 * 0.56))) : '';
  const titleY = top + TITLE_FONT - 2;
  if (title) top += TITLE_FONT + 6;
  const subtitleY = top + 10;
  if (subtitle) top += 18;
  const legend = legendLayout(input.legend ?? [], width - 2 * PAD);
  const legendY = top + (title || subtitle ? 2 : 0);
  top += legend.height + (legend.height ? 4 : 0);
  top += title || subtitle || legend.height ? 10 : 6;
  if (input.colorBar?.title) top = Math.max(top + (legend.height ? 10 : 0), PAD + 22);

  // Band labels of the x axis may need rotating, which takes room below and (at −45°) to the left: lay
  // out, measure, and lay out again with that room until nothing grows.
  let labelHeight = 14;
  let minLeft = 0;
  let yAxis!: Axis;
  let xAxis!: Axis;
  let left = 0;
  let right = 0;
  let y1 = 0;
  const y0 = top;
  for (let pass = 0; ; pass++) {
    const bottom = PAD + 5 + labelHeight + (o.xLabel ? 18 : 0);
    y1 = Math.max(y0 + 20, height - bottom);
    const yCount = Math.max(2, Math.round((y1 - y0) / 48));
    yAxis = buildAxis(input.y, [y1, y0], yCount);
    fitBandLabels(yAxis, 'y', TICK_FONT);
    left = Math.max(
      minLeft,
      PAD + (o.yLabel ? 20 : 0) + widestLabel(yAxis, yAxis.labelSize ?? TICK_FONT) + 9,
    );

    right = PAD + 4;
    if (input.colorBar) right = colorBarWidth(input.colorBar, y1 - y0) + PAD;
    const xCount = (r: number): number => Math.max(2, Math.round((width - left - r) / 80));
    xAxis = buildAxis(input.x, [left, Math.max(left + 20, width - right)], xCount(right));
    const lastLabel = [...xAxis.ticks].reverse().find((t) => t.label);
    if (lastLabel && xAxis.kind !== 'band') {
      const overflow = lastLabel.pos + textWidth(lastLabel.label, TICK_FONT) / 2 + 2 - (width - PAD / 2);
      if (overflow > 0 && !input.colorBar) {
        right += overflow;
        xAxis = buildAxis(input.x, [left, Math.max(left + 20, width - right)], xCount(right));
      }
    }
    fitBandLabels(xAxis, 'x', TICK_FONT);
    const ext = xLabelExtent(xAxis, TICK_FONT);
    const first = xAxis.ticks.find((t) => t.label);
    const needLeft = first && ext.left > 0 ? left + Math.max(0, ext.left + PAD / 2 - first.pos) : 0;
    if ((ext.height <= labelHeight && needLeft <= left) || pass === 2) break;
    labelHeight = Math.max(labelHeight, Math.min(ext.height, height / 3));
    minLeft = Math.max(minLeft, needLeft);
  }
  const rect: Rect = { x0: left, y0, x1: Math.max(left + 20, width - right), y1 };
  const left0 = left;
  let svgHeight = height;
  const xs = input.x;
  const ys = input.y;
  if (
    (input.aspect ?? o.aspect) === 'equal' &&
    xs.kind !== 'band' &&
    ys.kind !== 'band' &&
    xs.kind === ys.kind
  ) {
    const span = (d: readonly [number, number]): number =>
      xs.kind === 'log' ? Math.abs(Math.log(d[1] / d[0])) : Math.abs(d[1] - d[0]);
    const sx = span(xs.domain);
    const sy = span(ys.domain);
    const kx = (rect.x1 - rect.x0) / sx;
    const ky = (rect.y1 - rect.y0) / sy;
    if (Number.isFinite(kx) && Number.isFinite(ky) && kx > 0 && ky > 0) {
      if (kx > ky * 1.0005) {
        const w = ky * sx;
        rect.x0 += (rect.x1 - rect.x0 - w) / 2;
        rect.x1 = rect.x0 + w;
        xAxis = buildAxis(xs, [rect.x0, rect.x1], Math.max(3, Math.round(w / 60)));
        fitBandLabels(xAxis, 'x', TICK_FONT);
      } else if (ky > kx * 1.0005) {
        const h = kx * sy;
        const cut = rect.y1 - rect.y0 - h;
        rect.y1 -= cut;
        svgHeight -= cut;
        yAxis = buildAxis(ys, [rect.y1, rect.y0], Math.max(2, Math.round(h / 48)));
      }
    }
  }

  const render = (marks: string): string => {
    const aria = o.title ?? input.className.replace(/-/g, ' ');
    let s =
      `<svg xmlns="http://www.w3.org/2000/svg" class="numcomp-viz ${input.className}" viewBox="0 0 ${px(width)} ${px(svgHeight)}" width="${px(width)}" height="${px(svgHeight)}" role="img" aria-label="${esc(aria)}"` +
      ` font-family="${FONT_FAMILY}" font-size="${TICK_FONT}" fill="currentColor" style="max-width:100%;height:auto;font-variant-numeric:tabular-nums">`;
    if (o.title) s += `<title>${esc(o.title)}</title>`;
    s += gridAndAxes(xAxis, yAxis, rect, grid, input.box ?? false);
    s += marks;
    s += axisLabels(xAxis, yAxis, rect, o, svgHeight, labelHeight, rect.x0 - left0);
    if (input.colorBar) s += renderColorBar(input.colorBar, rect.x1, rect.y0, rect.y1 - rect.y0);
    if (title) {
      s += `<text class="title" x="${PAD}" y="${px(titleY)}" font-size="${TITLE_FONT}" font-weight="600">${esc(title)}</text>`;
    }
    if (subtitle) {
      s += `<text class="subtitle" x="${PAD}" y="${px(subtitleY)}" font-size="12" fill-opacity="0.72">${esc(subtitle)}</text>`;
    }
    s += legend.render(PAD, legendY);
    return `${s}</svg>`;
  };
  return { width, height: svgHeight, rect, x: xAxis, y: yAxis, render };
}

function gridAndAxes(x: Axis, y: Axis, r: Rect, grid: boolean, box: boolean): string {
  let s = '<g class="axes" fill="none" stroke="currentColor">';
  if (grid) {
    let d = '';
    for (const t of x.ticks) if (t.major && x.kind !== 'band') d += `M${px(t.pos)},${px(r.y0)}V${px(r.y1)}`;
    for (const t of y.ticks) if (t.major && y.kind !== 'band') d += `M${px(r.x0)},${px(t.pos)}H${px(r.x1)}`;
    if (d) s += `<path class="grid" d="${d}" stroke-opacity="0.1"/>`;
  }
  const axisD = box
    ? `M${px(r.x0)},${px(r.y0)}H${px(r.x1)}V${px(r.y1)}H${px(r.x0)}Z`
    : `M${px(r.x0)},${px(r.y0)}V${px(r.y1)}H${px(r.x1)}`;
  s += `<path class="domain" d="${axisD}" stroke-opacity="${box ? 0.35 : 0.5}"/>`;
  let ticks = '';
  // A band axis whose labels were thinned keeps the ticks of its labelled bands only.
  for (const t of x.ticks)
    if (x.kind !== 'band' || t.label) ticks += `M${px(t.pos)},${px(r.y1)}v${t.major ? 5 : 3}`;
  for (const t of y.ticks)
    if (y.kind !== 'band' || t.label) ticks += `M${px(r.x0)},${px(t.pos)}h${t.major ? -5 : -3}`;
  if (ticks) s += `<path class="ticks" d="${ticks}" stroke-opacity="0.5"/>`;
  return `${s}</g>`;
}

function axisLabels(
  x: Axis,
  y: Axis,
  r: Rect,
  o: PlotOptions,
  height: number,
  labelHeight: number,
  shift: number,
): string {
  let s = '<g class="tick-labels" fill-opacity="0.8">';
  let xs = '';
  const angle = x.labelAngle;
  for (const t of x.ticks) {
    if (!t.label) continue;
    xs += angle
      ? `<text transform="translate(${px(t.pos)},${px(r.y1 + 9)}) rotate(${angle})" dy="0.32em">${esc(t.label)}</text>`
      : `<text x="${px(t.pos)}" y="${px(r.y1 + 17)}">${esc(t.label)}</text>`;
  }
  const size = (a: Axis): string => (a.labelSize ? ` font-size="${a.labelSize}"` : '');
  if (xs) s += `<g text-anchor="${angle ? 'end' : 'middle'}"${size(x)}>${xs}</g>`;
  let ys = '';
  for (const t of y.ticks) {
    if (t.label) ys += `<text x="${px(r.x0 - 8)}" y="${px(t.pos)}" dy="0.32em">${esc(t.label)}</text>`;
  }
  if (ys) s += `<g text-anchor="end"${size(y)}>${ys}</g>`;
  s += '</g>';
  if (o.xLabel) {
    s += `<text class="x-label" x="${px((r.x0 + r.x1) / 2)}" y="${px(Math.min(height - PAD + 2, r.y1 + labelHeight + 22))}" text-anchor="middle" font-size="12">${esc(o.xLabel)}</text>`;
  }
  if (o.yLabel) {
    s += `<text class="y-label" transform="translate(${px(PAD + 9 + shift)},${px((r.y0 + r.y1) / 2)}) rotate(-90)" text-anchor="middle" font-size="12">${esc(o.yLabel)}</text>`;
  }
  return s;
}
