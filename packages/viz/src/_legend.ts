import { type Axis, buildAxis } from './_axis.js';
import { px, textWidth, truncate } from './_format.js';
import { dashAttr, type MarkerShape, markerPath, starPath } from './_style.js';
import { escapeHtml as esc } from './escapeHtml.js';

export type SwatchShape = 'line' | 'dashed' | 'dot' | 'square' | 'path' | 'ring' | 'cross' | 'star';

export interface LegendItem {
  label: string;
  color: string;
  shape: SwatchShape;
  /** Longer text for the item's tooltip. */
  tooltip?: string;
  /** Opacity of the swatch, matching the marks it stands for. */
  opacity?: number;
  /** Dash pattern of a line swatch (`line`, `path`), matching the series. */
  dash?: string;
  /** Marker of a `path` or `dot` swatch other than a circle, matching the series. */
  marker?: MarkerShape;
  /** A fill drawn over a `square` swatch, e.g. `url(#…)` of a hatching pattern. */
  pattern?: string;
  /**
   * The marks this item stands for carry `data-key` = this key: the report's script hides and shows
   * them when the item is clicked.
   */
  key?: string;
}

const FONT = 11;
const LINE = 13;
const ROW = 18;
const SWATCH = 16;
/** Legend labels wrap at this width (and at most 3 lines) rather than being cut. */
const LABEL_WIDTH = 230;
const MAX_LINES = 3;

function swatch(item: LegendItem, x: number, y: number): string {
  const { shape, color } = item;
  const marker = (r: number): string => {
    const d = item.marker && item.marker !== 'circle' ? markerPath(item.marker, x + 8, y, r) : '';
    return d
      ? `<path d="${d}" fill="${color}"/>`
      : `<circle cx="${px(x + 8)}" cy="${px(y)}" r="${r}" fill="${color}"/>`;
  };
  switch (shape) {
    case 'dot':
      return marker(4);
    case 'ring':
      return `<circle cx="${px(x + 8)}" cy="${px(y)}" r="4" fill="none" stroke="${color}" stroke-width="1.6"/>`;
    case 'cross':
      return `<path d="M${px(x + 4)},${px(y - 4)}l8,8m0,-8l-8,8" stroke="${color}" stroke-width="2" fill="none"/>`;
    case 'star':
      return `<path d="${starPath(x + 8, y, 6)}" fill="${color}" style="stroke:var(--viz-bg,#fff)" stroke-width="1"/>`;
    case 'square': {
      const over = item.pattern
        ? `<rect x="${px(x + 2)}" y="${px(y - 6)}" width="12" height="12" fill="${item.pattern}"/>`
        : '';
      return `<rect x="${px(x + 2)}" y="${px(y - 6)}" width="12" height="12" fill="${color}"/>${over}`;
    }
    case 'path':
      return `<path d="M${px(x)},${px(y)}h16" stroke="${color}" stroke-width="2"${dashAttr(item.dash)} fill="none"/>${marker(3)}`;
    default: {
      const dash = shape === 'dashed' ? '4 3' : item.dash;
      return `<path d="M${px(x)},${px(y)}h${item.dash ? 22 : 16}" stroke="${color}" stroke-width="2"${dashAttr(dash)} fill="none"/>`;
    }
  }
}

/** Splits `text` into lines at most `width` px wide (at spaces, else anywhere), at most `max` lines. */
export function wrapText(text: string, width: number, fontSize: number, max = MAX_LINES): string[] {
  const lines: string[] = [];
  let line = '';
  const push = (): void => {
    lines.push(line);
    line = '';
  };
  for (const word of text.split(/(?<=[\s,;/])/)) {
    if (line && textWidth(line + word.trimEnd(), fontSize) > width) push();
    if (textWidth(word.trimEnd(), fontSize) <= width) {
      line += word;
      continue;
    }
    // A word wider than a line: break it between characters.
    for (const ch of word) {
      if (line && textWidth(line + ch, fontSize) > width) push();
      line += ch;
    }
  }
  if (line) push();
  const out = lines.map((l) => l.trimEnd());
  if (out.length <= max) return out;
  const kept = out.slice(0, max);
  kept[max - 1] = truncate(
    `${kept[max - 1]} ${out.slice(max).join(' ')}`,
    Math.max(2, kept[max - 1]!.length),
  );
  return kept;
}

/**
 * A legend laid out in rows across `width` pixels (wrapping, at most `maxRows` rows; the rest is
 * summarised as "+N more"), placed above the plot so that it never covers data. Long labels wrap onto
 * up to three lines instead of being cut.
 */
export function legendLayout(
  items: readonly LegendItem[],
  width: number,
  maxRows = 3,
): { height: number; render: (x0: number, y0: number) => string } {
  if (items.length === 0) return { height: 0, render: () => '' };
  const placed: { item: LegendItem; dx: number; row: number; lines: string[]; w: number }[] = [];
  const rowLines: number[] = [1];
  let row = 0;
  let dx = 0;
  let dropped = 0;
  const labelWidth = Math.max(60, Math.min(LABEL_WIDTH, width - SWATCH - 24));
  for (const [k, item] of items.entries()) {
    const lines = wrapText(item.label, labelWidth, FONT);
    const textW = Math.max(0, ...lines.map((l) => textWidth(l, FONT)));
    const sw = item.dash && item.shape === 'line' ? SWATCH + 6 : SWATCH;
    const w = sw + 5 + textW + 14;
    if (dx > 0 && dx + w > width) {
      row++;
      rowLines.push(1);
      dx = 0;
    }
    const more = `+${items.length - k} more`;
    const needsMore = k < items.length - 1;
    if (row >= maxRows || (row === maxRows - 1 && needsMore && dx + w + textWidth(more, FONT) > width)) {
      dropped = items.length - k;
      break;
    }
    placed.push({ item, dx, row, lines, w });
    rowLines[row] = Math.max(rowLines[row]!, lines.length);
    dx += w;
  }
  if (dropped > 0) row = Math.min(row, maxRows - 1);
  const rows = row + 1;
  const rowTop: number[] = [0];
  for (let r = 0; r < rows; r++) rowTop.push(rowTop[r]! + ROW + (rowLines[r]! - 1) * LINE);
  return {
    height: rowTop[rows]!,
    render(x0, y0) {
      let s = `<g class="legend" font-size="${FONT}">`;
      for (const p of placed) {
        const x = x0 + p.dx;
        const y = y0 + rowTop[p.row]! + ROW / 2;
        const tip = p.item.tooltip ?? p.item.label;
        const sw = swatch(p.item, x, y);
        const faded = p.item.opacity === undefined ? sw : `<g opacity="${p.item.opacity}">${sw}</g>`;
        const key = p.item.key === undefined ? '' : ` class="legend-item" data-key="${esc(p.item.key)}"`;
        const tx = x + (p.item.dash && p.item.shape === 'line' ? SWATCH + 6 : SWATCH) + 5;
        const text =
          p.lines.length === 1
            ? esc(p.lines[0])
            : p.lines
                .map((l, i) => `<tspan x="${px(tx)}"${i > 0 ? ` dy="${LINE}"` : ''}>${esc(l)}</tspan>`)
                .join('');
        s += `<g${key}><title>${esc(tip)}</title>${faded}`;
        s += `<text x="${px(tx)}" y="${px(y)}" dy="0.35em">${text}</text></g>`;
      }
      if (dropped > 0) {
        const last = placed.at(-1);
        const x = last ? x0 + last.dx + last.w : x0;
        const y = y0 + rowTop[rows - 1]! + ROW / 2;
        s += `<text x="${px(x)}" y="${px(y)}" dy="0.35em" fill-opacity="0.7">+${dropped} more</text>`;
      }
      return `${s}</g>`;
    },
  };
}

/** A colour bar: discrete bands with labelled boundaries, or a continuous ramp with an axis. */
export type ColorBar =
  | {
      kind: 'discrete';
      /** Band colours, bottom to top. */
      colors: readonly string[];
      /** Labels bottom to top: `colors.length + 1` boundaries, or `colors.length` band centres. */
      labels: readonly string[];
      title?: string;
      /** Opacity of the bands, matching the marks they describe. */
      opacity?: number;
    }
  | {
      kind: 'continuous';
      interpolate: (t: number) => string;
      scale: 'linear' | 'log';
      domain: readonly [number, number];
      title?: string;
    };

const BAR_W = 12;
const BAR_GAP = 16;
const BAR_MAX_H = 260;

/** Pixels the colour bar needs right of the plot area (for labels sized `FONT - 1`). */
export function colorBarWidth(bar: ColorBar, height: number): number {
  const labels =
    bar.kind === 'discrete'
      ? bar.labels
      : buildAxis({ kind: bar.scale, domain: bar.domain }, [Math.min(height, BAR_MAX_H), 0], 5).ticks.map(
          (t) => t.label,
        );
  const widest = Math.max(0, ...labels.map((l) => textWidth(l, FONT - 1)));
  return BAR_GAP + BAR_W + 5 + widest + 4;
}

/** Draws `bar` to the right of the plot area whose right edge is `x` and top `y0`, `height` tall. */
export function renderColorBar(bar: ColorBar, x: number, y0: number, height: number): string {
  const h = Math.min(height, BAR_MAX_H);
  const bx = x + BAR_GAP;
  let s = `<g class="color-bar" font-size="${FONT - 1}">`;
  if (bar.title) {
    const t = truncate(bar.title, 14);
    s += `<text x="${px(bx)}" y="${px(y0 - 10)}"><title>${esc(bar.title)}</title>${esc(t)}</text>`;
  }
  let ticks: { pos: number; label: string }[];
  if (bar.kind === 'discrete') {
    const n = bar.colors.length;
    const band = h / Math.max(1, n);
    if (bar.opacity !== undefined) s += `<g opacity="${bar.opacity}">`;
    for (let i = 0; i < n; i++) {
      const y = y0 + h - (i + 1) * band;
      s += `<rect x="${px(bx)}" y="${px(y)}" width="${BAR_W}" height="${px(band + 0.3)}" fill="${bar.colors[i]}"><title>${esc(bar.labels.length > n ? `${bar.labels[i]} – ${bar.labels[i + 1]}` : bar.labels[i])}</title></rect>`;
    }
    if (bar.opacity !== undefined) s += '</g>';
    const every = Math.max(1, Math.ceil(20 / band));
    const centred = bar.labels.length === n;
    ticks = bar.labels.map((label, i) => ({
      pos: y0 + h - (i + (centred ? 0.5 : 0)) * band,
      label: i % every === 0 ? label : '',
    }));
  } else {
    const n = 48;
    const axis: Axis = buildAxis({ kind: bar.scale, domain: bar.domain }, [y0 + h, y0], 5);
    for (let i = 0; i < n; i++) {
      const y = y0 + h - ((i + 1) * h) / n;
      s += `<rect x="${px(bx)}" y="${px(y)}" width="${BAR_W}" height="${px(h / n + 0.3)}" fill="${bar.interpolate((i + 0.5) / n)}"/>`;
    }
    ticks = axis.ticks;
  }
  s += `<rect x="${px(bx)}" y="${px(y0)}" width="${BAR_W}" height="${px(h)}" fill="none" stroke="currentColor" stroke-opacity="0.3"/>`;
  let d = '';
  for (const t of ticks) d += `M${px(bx + BAR_W)},${px(t.pos)}h${t.label ? 4 : 2}`;
  s += `<path d="${d}" stroke="currentColor" stroke-opacity="0.5" fill="none"/>`;
  for (const t of ticks) {
    if (t.label) s += `<text x="${px(bx + BAR_W + 6)}" y="${px(t.pos)}" dy="0.32em">${esc(t.label)}</text>`;
  }
  return `${s}</g>`;
}
