import { extentOf, resolveDomain } from './_axis.js';
import { formatValue, px } from './_format.js';
import { checkPlotOptions, frame } from './_frame.js';
import type { LegendItem } from './_legend.js';
import { checkRefLines, colorAttr, refLines } from './_marks.js';
import { inside, linePath, type Project, type Rect } from './_path.js';
import { hoverData, MAX_HOVER_POINTS } from './_series.js';
import { dashAttr, dashOf } from './_style.js';
import {
  checkArray,
  checkNumbers,
  checkObject,
  checkOneOf,
  checkOptions,
  checkSameLength,
  checkText,
} from './_validate.js';
import { escapeHtml as esc } from './escapeHtml.js';
import { categoryColors, okabeIto, outcomes } from './palettes.js';
import type { AxisScale, PlotOptions, RefLine } from './types.js';

/** The history of one run: a value per iteration. */
export interface ConvergenceRun {
  /** Name in the legend and tooltip, e.g. `lr = 0.1`. */
  name?: string;
  /** `values[k]` at iteration `k` (f, f − f*, ‖∇f‖, …), or at iteration `iter[k]` when given. */
  values: ArrayLike<number>;
  /**
   * The iteration of each value, increasing (same length as `values`), for a thinned history such as
   * a recorded trajectory; default `0, 1, 2, …`.
   */
  iter?: ArrayLike<number>;
  /** Outcome of the run: lines can be coloured by it. */
  status?: string;
  /** A group the run belongs to, e.g. its method: lines can be coloured by it (`colorBy: 'group'`). */
  group?: string;
  /** Any CSS colour (when colouring by run). */
  color?: string;
}

/** Options of {@link convergencePlot}. */
export interface ConvergencePlotOptions extends PlotOptions {
  runs: readonly ConvergenceRun[];
  /**
   * `'run'`: one colour per run with a legend of names; `'status'`: the outcome palette with a legend of
   * counts; `'group'`: one colour per distinct `group` (e.g. a method), with one legend entry each.
   * Default: by status when runs have one and there are more than 8 runs, else by run.
   */
  colorBy?: 'run' | 'status' | 'group';
  /** Horizontal reference lines, e.g. a tolerance `[{ value: 1e-6, label: 'tol' }]`. */
  hLines?: readonly (number | RefLine)[];
  /**
   * `'linear'` or `'log'` iteration axis. Default: `'log'` when the iterations span more than two
   * decades (the last iteration is over 100 times the first positive one), else `'linear'`. On a log
   * axis iteration 0 has no position: each run is drawn from iteration 1 on.
   */
  xScale?: AxisScale;
}

/**
 * Convergence curves: a value against the iteration for many runs, on a log y axis by default
 * (`yLabel` `'f'`, `'f − f*'`, `'‖∇f‖'`, …). On a log axis, values ≤ 0 (e.g. f − f* once a run reaches
 * the minimum exactly) and non-finite values (a diverged run) are dropped: the line breaks there; the
 * run's tooltip gives its last value. Many runs are drawn thinner and translucent, by default coloured by
 * outcome (`colorBy: 'group'` colours them by a group such as the method instead). Thinned histories give
 * the iteration of each value (`iter`).
 *
 * @param options - The runs and the common options (`yScale` defaults to `'log'`).
 * @returns An SVG string.
 * @example
 * ```ts
 * // f(x_k) of gradient descent on x₀² + x₁² from (−3, 4): f_k = 25 (1 − 2 lr)^(2k).
 * const run = (lr: number) => Array.from({ length: 20 }, (_, k) => 25 * (1 - 2 * lr) ** (2 * k));
 * const svg = convergencePlot({
 *   title: 'f against iteration',
 *   yLabel: 'f',
 *   runs: [{ name: 'lr = 0.1', values: run(0.1) }, { name: 'lr = 0.01', values: run(0.01) }],
 * });
 * ```
 */
export function convergencePlot(options: ConvergencePlotOptions): string {
  checkOptions(options);
  const o = { xLabel: 'iteration', yLabel: 'f', ...options, yScale: options.yScale ?? 'log' } as const;
  checkPlotOptions(o);
  checkArray('runs', o.runs);
  o.runs.forEach((r, i) => {
    checkObject(`runs[${i}]`, r);
    checkNumbers(`runs[${i}].values`, r.values);
    checkText(`runs[${i}].name`, r.name);
    checkText(`runs[${i}].status`, r.status);
    checkText(`runs[${i}].color`, r.color);
    checkText(`runs[${i}].group`, r.group);
    if (r.iter !== undefined) {
      checkNumbers(`runs[${i}].iter`, r.iter);
      checkSameLength(`runs[${i}].iter`, r.iter, 'values', r.values);
    }
  });
  if (o.colorBy !== undefined) checkOneOf('colorBy', o.colorBy, ['run', 'status', 'group']);
  checkRefLines('hLines', o.hLines);
  const runs = o.runs;
  const lastIter = (r: ConvergenceRun): number =>
    r.iter ? (r.iter.length > 0 ? r.iter[r.iter.length - 1]! : 0) : r.values.length - 1;
  const maxIter = Math.max(0, ...runs.map(lastIter));
  let firstIter = Number.POSITIVE_INFINITY;
  for (const r of runs) {
    const its = r.iter;
    if (!its) firstIter = Math.min(firstIter, 1);
    else for (let k = 0; k < its.length; k++) if (its[k]! > 0) firstIter = Math.min(firstIter, its[k]!);
  }
  const xKind: AxisScale = o.xScale ?? (maxIter > 100 * Math.max(1, firstIter) ? 'log' : 'linear');
  const yKind = o.yScale;
  const colorBy = o.colorBy ?? (runs.length > 8 && runs.some((r) => r.status) ? 'status' : 'run');
  const names = runs.map((r, i) => r.name ?? `run ${i + 1}`);

  // Colours and legend.
  let colorOf: (i: number) => string;
  let dashOfRun: (i: number) => string = () => '';
  let keyOf: (i: number) => string;
  let legend: LegendItem[];
  let order = runs.map((_, i) => i);
  if (colorBy === 'status') {
    const counts = new Map<string, number>();
    for (const r of runs) counts.set(r.status ?? 'unknown', (counts.get(r.status ?? 'unknown') ?? 0) + 1);
    const cats = [...counts.keys()].sort((a, b) => rank(a) - rank(b));
    const palette = categoryColors(cats);
    colorOf = (i) => palette.get(runs[i]!.status ?? 'unknown')!;
    const catIndex = new Map(cats.map((c, k) => [c, k]));
    keyOf = (i) => `c${catIndex.get(runs[i]!.status ?? 'unknown')}`;
    legend = cats.map((c, k) => ({
      label: `${c} (${counts.get(c)})`,
      color: palette.get(c)!,
      shape: 'line',
      key: `c${k}`,
    }));
    // Most common outcome first, so the rarer ones are drawn on top.
    const freq = (i: number): number => counts.get(runs[i]!.status ?? 'unknown')!;
    order = order.sort((a, b) => freq(b) - freq(a) || a - b);
  } else if (colorBy === 'group') {
    // Groups in first-seen order; an ungrouped run is in the group `other`.
    const groupOf = (i: number): string => runs[i]!.group ?? 'other';
    const counts = new Map<string, number>();
    for (let i = 0; i < runs.length; i++) counts.set(groupOf(i), (counts.get(groupOf(i)) ?? 0) + 1);
    const groups = [...counts.keys()];
    const palette = categoryColors(groups);
    const groupIndex = new Map(groups.map((g, k) => [g, k]));
    colorOf = (i) => palette.get(groupOf(i))!;
    dashOfRun = (i) => dashOf(groupIndex.get(groupOf(i))!);
    keyOf = (i) => `c${groupIndex.get(groupOf(i))}`;
    const several = [...counts.values()].some((n) => n > 1);
    legend = groups.map((g, k) => {
      const item: LegendItem = {
        label: several ? `${g} (${counts.get(g)})` : g,
        color: palette.get(g)!,
        shape: 'line',
        key: `c${k}`,
      };
      if (dashOf(k)) item.dash = dashOf(k);
      return item;
    });
  } else {
    colorOf = (i) => colorAttr(runs[i]!.color ?? okabeIto[i % okabeIto.length]!);
    dashOfRun = (i) => dashOf(i);
    keyOf = (i) => `r${i}`;
    legend =
      runs.length > 1 || runs.some((r) => r.name)
        ? runs.map((_, i) => {
            const item: LegendItem = { label: names[i]!, color: colorOf(i), shape: 'line', key: `r${i}` };
            if (dashOf(i)) item.dash = dashOf(i);
            return item;
          })
        : [];
  }

  const xExt = extentOf([[xKind === 'log' ? 1 : 0, Math.max(1, maxIter)]], xKind);
  const yExt = extentOf(
    [...runs.map((r) => r.values), (o.hLines ?? []).map((l) => (typeof l === 'number' ? l : l.value))],
    yKind,
  );
  // A diverging run can reach 1e300 before it overflows: by default show at most 6 decades above the
  // largest starting value on a log axis, and clip the rest.
  if (yExt && yKind === 'log' && !o.yDomain) {
    const starts = extentOf(
      runs.map((r) => (r.values.length > 0 ? [r.values[0]!] : [])),
      'log',
    );
    if (starts) yExt[1] = Math.min(yExt[1], Math.max(starts[1] * 1e6, yExt[0] * 10));
  }
  const fr = frame({
    className: 'convergence-plot',
    options: o,
    x: { kind: xKind, domain: resolveDomain(o.xDomain, xExt, xKind) },
    y: { kind: yKind, domain: resolveDomain(o.yDomain, yExt, yKind) },
    legend,
  });
  const { x, y, rect } = fr;
  const n = runs.length;
  // Few values in all: each run carries its points for the report script's hover readout.
  const hover = runs.reduce((k, r) => k + r.values.length, 0) <= MAX_HOVER_POINTS;
  const width = n <= 10 ? 1.75 : n <= 100 ? 1.25 : 1;
  const opacity = n <= 10 ? 1 : Math.max(0.15, Math.min(0.8, 4 / Math.sqrt(n)));
  let lines = '';
  let index: number[] = [];
  let exits = '';
  for (const i of order) {
    const r = runs[i]!;
    const len = r.values.length;
    if (!r.iter && index.length < len) index = Array.from({ length: len }, (_, k) => k);
    const its = r.iter ?? index;
    const d = linePath(its, r.values, x.project, y.project, rect);
    const last = len > 0 ? formatValue(r.values[len - 1]!) : '—';
    const count = r.iter ? `${len} values to iteration ${len > 0 ? its[len - 1] : 0}` : `${len} values`;
    const tip = `${names[i]}${r.status ? ` (${r.status})` : ''}: ${count}, last ${last}`;
    const data = hover
      ? ` data-name="${esc(names[i])}" data-xy="${hoverData({ x: its, y: r.values }, x, y, rect)}"`
      : '';
    lines += `<path d="${d}" stroke="${colorOf(i)}"${dashAttr(dashOfRun(i))} data-key="${keyOf(i)}"${data}><title>${esc(tip)}</title></path>`;
    if (yKind === 'log')
      exits += exitMark(its, r.values, names[i]!, colorOf(i), keyOf(i), x.project, y.project, rect);
  }
  const marks =
    refLines(o.hLines ?? [], [], x, y, rect) +
    `<g class="runs" fill="none" stroke-width="${width}" stroke-linejoin="round" stroke-linecap="round"${opacity < 1 ? ` stroke-opacity="${Math.round(opacity * 100) / 100}"` : ''}>${lines}</g>` +
    (exits ? `<g class="exits" fill="none" stroke-width="1.5">${exits}</g>` : '');
  return fr.render(marks);
}

/** Legend order: outcomes in their usual order, then any other status alphabetically. */
function rank(status: string): number {
  const k = outcomes.indexOf(status as never);
  return k >= 0 ? k : outcomes.length;
}

/**
 * Where a run leaves a log axis (its value drops to ≤ 0, or becomes non-finite): a dashed segment from
 * its last drawable point to the bottom (≤ 0) or top (non-finite) edge, ending in a small triangle or ×.
 */
function exitMark(
  iter: ArrayLike<number>,
  values: ArrayLike<number>,
  name: string,
  color: string,
  key: string,
  sx: Project,
  sy: Project,
  rect: Rect,
): string {
  for (let k = 1; k < values.length; k++) {
    const prev = values[k - 1]!;
    const v = values[k]!;
    if (!(Number.isFinite(prev) && prev > 0) || (Number.isFinite(v) && v > 0)) continue;
    const x0 = sx(iter[k - 1]!);
    const y0 = sy(prev);
    const x1 = sx(iter[k]!);
    if (!inside(x0, y0, rect, 0.5) || !(x1 <= rect.x1 + 0.5)) return '';
    const down = Number.isFinite(v);
    const y1 = down ? rect.y1 : rect.y0;
    const what = down
      ? `${formatValue(v)} at iteration ${iter[k]} (below a log axis)`
      : `${formatValue(v)} at iteration ${iter[k]}`;
    const tip = `<title>${esc(`${name}: ${what}`)}</title>`;
    const head = down ? `M${px(x1 - 4)},${px(y1 - 7)}h8l-4,7z` : `M${px(x1 - 4)},${px(y1)}l8,8m0,-8l-8,8`;
    return `<g stroke="${color}" data-key="${key}">${tip}<path d="M${px(x0)},${px(y0)}L${px(x1)},${px(y1)}" stroke-dasharray="3 3"/><path d="${head}"${down ? ` fill="${color}"` : ''}/></g>`;
  }
  return '';
}
