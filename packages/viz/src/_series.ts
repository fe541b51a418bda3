// Line series (linePlot's series, scatterPlot's lines): checks, legend entries and marks.
import type { Axis } from './_axis.js';
import { formatValue } from './_format.js';
import type { LegendItem } from './_legend.js';
import { dots, MAX_TOOLTIP_DOTS } from './_marks.js';
import { linePath, type Rect } from './_path.js';
import { checkArray, checkNumbers, checkObject, checkSameLength, checkText } from './_validate.js';
import { escapeHtml as esc } from './escapeHtml.js';
import type { LineSeries } from './linePlot.js';

export function checkLineSeries(name: string, series: unknown): asserts series is LineSeries[] {
  checkArray(name, series);
  series.forEach((s, i) => {
    checkObject(`${name}[${i}]`, s);
    checkNumbers(`${name}[${i}].x`, s.x);
    checkNumbers(`${name}[${i}].y`, s.y);
    checkSameLength(`${name}[${i}].y`, s.y as ArrayLike<number>, 'x', s.x as ArrayLike<number>);
    checkText(`${name}[${i}].name`, s.name);
    checkText(`${name}[${i}].color`, s.color);
  });
}

/** The legend entry of a line series: its swatch follows how it is drawn. */
export function lineLegendItem(s: LineSeries, label: string, color: string): LegendItem {
  return { label, color, shape: s.line === false ? 'dot' : s.dashed ? 'dashed' : s.marker ? 'path' : 'line' };
}

/** Each series as a `<g class="series">`: its line (clipped, thinned) and its dots if it has markers. */
export function lineMarks(
  series: readonly LineSeries[],
  colors: readonly string[],
  names: readonly string[],
  x: Axis,
  y: Axis,
  rect: Rect,
): string {
  const markerCount = series.reduce((n, s) => n + (s.marker || s.line === false ? s.x.length : 0), 0);
  const tooltips = markerCount <= MAX_TOOLTIP_DOTS;
  let marks = '';
  series.forEach((s, i) => {
    let g = '';
    if (s.line !== false) {
      const d = linePath(s.x, s.y, x.project, y.project, rect);
      const dash = s.dashed ? ' stroke-dasharray="6 4"' : '';
      if (d)
        g += `<path d="${d}" fill="none" stroke="${colors[i]}" stroke-width="2" stroke-linejoin="round" stroke-linecap="round"${dash}/>`;
    }
    if (s.marker || s.line === false) {
      g += dots(
        s.x,
        s.y,
        x,
        y,
        rect,
        {
          color: colors[i]!,
          r: 3,
          tip: (k) => `${names[i]}: (${formatValue(s.x[k]!)}, ${formatValue(s.y[k]!)})`,
        },
        tooltips,
      );
    }
    marks += `<g class="series"><title>${esc(names[i])}</title>${g}</g>`;
  });
  return marks;
}
