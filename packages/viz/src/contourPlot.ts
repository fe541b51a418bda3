import { extentOf, resolveDomain } from './_axis.js';
import { contourColors, contourMarks } from './_contours.js';
import { type ContourOptions, checkContourOptions, contourStyle, sampleGrid } from './_field.js';
import { checkPlotOptions, frame } from './_frame.js';
import { checkRefLines, refLines } from './_marks.js';
import { checkOverlays, overlayMarks } from './_overlays.js';
import {
  checkMinima,
  checkTrajectories,
  minimaMarks,
  trajectoryLegend,
  trajectoryMarks,
} from './_trajectories.js';
import {
  checkFunction,
  checkNumbers,
  checkObject,
  checkOptions,
  checkPositiveInteger,
  rangeError,
  typeError,
} from './_validate.js';
import type { AxisScale, Overlay, PlotOptions, RefLine, Trajectory } from './types.js';

export type { LevelScale, ValueScheme } from './_contours.js';
export type { ContourOptions } from './_field.js';
export type { Minimum } from './types.js';

import type { Minimum } from './types.js';

export type { Trajectory } from './types.js';

/** A field sampled on a regular grid of nodes. */
export interface Grid {
  /** Row-major: `values[j * nx + i]` is the value at `(x_i, y_j)`, `j = 0` being the bottom row. */
  values: ArrayLike<number>;
  nx: number;
  ny: number;
}

/** Options of {@link contourPlot}. */
export interface ContourPlotOptions extends PlotOptions, ContourOptions {
  /** The function to draw, sampled on a `resolution` grid over `xDomain` × `yDomain`. */
  f?: (x: number, y: number) => number;
  /** Or the field already sampled, nodes evenly spaced over the domains (geometrically on a log axis). */
  grid?: Grid;
  /** Dashed lines x = 0 and y = 0, as the notebook draws them (default false). */
  axesLines?: boolean;
  /** Horizontal reference lines (dashed), e.g. `[{ value: 1, label: 'y = 1' }]`. */
  hLines?: readonly (number | RefLine)[];
  /** Vertical reference lines (dashed). */
  vLines?: readonly (number | RefLine)[];
  /**
   * Lines or shaded regions over the field, under the trajectories: e.g. the boundary of a feasible set
   * with its infeasible side faded (`fill: 'outside'`).
   */
  overlays?: readonly Overlay[];
  /** Paths drawn over the field, one colour each, start (○) and end (●, × for a failed run) marked. */
  trajectories?: readonly Trajectory[];
  /**
   * A dot at every trajectory point (default: when all trajectories together have ≤ 5,000 points;
   * with ≤ 400 each dot has a tooltip).
   */
  points?: boolean;
  /**
   * Known minima of `f`, each marked with a star (legend "minimum"), distinct from the start ○ and
   * end ● of trajectories, e.g. `[{ x: 1, y: 1, label: 'f(1, 1) = 0' }]`.
   */
  minima?: readonly Minimum[];
}

/**
 * Contours of a 2-D function (filled bands or isolines, from d3-contour), optionally with the notebook's
 * dashed axes lines, reference lines, overlays (lines, shaded regions such as an infeasible set) and
 * optimisation trajectories on top. Levels can be spaced linearly, on a log scale of `f − min f`, or by
 * quantiles, so that a narrow valley such as Rosenbrock's shows. NaN values of `f` leave holes (nothing is
 * painted there); non-finite trajectory points break the path; everything is clipped to the plot area.
 *
 * @param options - `f` (with `xDomain` and `yDomain`) or `grid`, levels, trajectories, common options.
 * @returns An SVG string.
 * @example
 * ```ts
 * // The notebook: gradient descent on f(x) = x₀² + x₁² from (−3, 4) with lr = 0.1.
 * const xs = [-3];
 * const ys = [4];
 * for (let k = 0; k < 20; k++) xs.push(xs[k]! * 0.8), ys.push(ys[k]! * 0.8);
 * const svg = contourPlot({
 *   title: 'Gradient descent, lr = 0.1',
 *   f: (x, y) => x * x + y * y,
 *   xDomain: [-3.5, 3.5],
 *   yDomain: [-4.5, 4.5],
 *   axesLines: true,
 *   trajectories: [{ name: 'lr = 0.1', x: xs, y: ys, status: 'converged' }],
 * });
 * ```
 */
export function contourPlot(options: ContourPlotOptions): string {
  checkOptions(options);
  checkPlotOptions(options);
  const o = options;
  if (o.f === undefined && o.grid === undefined) throw typeError('f', o.f, 'contourPlot needs f or grid');
  if (o.f !== undefined) checkFunction('f', o.f);
  if (o.grid !== undefined && o.f === undefined) {
    checkObject('grid', o.grid);
    checkPositiveInteger('grid.nx', o.grid.nx);
    checkPositiveInteger('grid.ny', o.grid.ny);
    checkNumbers('grid.values', o.grid.values);
    const n = o.grid.nx * o.grid.ny;
    if (o.grid.values.length !== n) {
      throw rangeError(
        'grid.values',
        o.grid.values,
        `length ${o.grid.values.length}, expected nx × ny = ${n}`,
      );
    }
  }
  const res = checkContourOptions(o);
  checkTrajectories('trajectories', o.trajectories);
  checkMinima('minima', o.minima);
  checkRefLines('hLines', o.hLines);
  checkRefLines('vLines', o.vLines);
  checkOverlays('overlays', o.overlays);

  const kinds: [AxisScale, AxisScale] = [o.xScale ?? 'linear', o.yScale ?? 'linear'];
  const ts = o.trajectories ?? [];
  let xDomain = o.xDomain;
  let yDomain = o.yDomain;
  if (!o.f && o.grid) {
    xDomain ??= [0, o.grid.nx - 1];
    yDomain ??= [0, o.grid.ny - 1];
  } else if (ts.length > 0) {
    xDomain ??= resolveDomain(
      undefined,
      extentOf(
        ts.map((t) => t.x),
        kinds[0],
      ),
      kinds[0],
      0.1,
    );
    yDomain ??= resolveDomain(
      undefined,
      extentOf(
        ts.map((t) => t.y),
        kinds[1],
      ),
      kinds[1],
      0.1,
    );
  }
  if (!xDomain) throw rangeError('xDomain', xDomain, 'contourPlot samples f over xDomain × yDomain');
  if (!yDomain) throw rangeError('yDomain', yDomain, 'contourPlot samples f over xDomain × yDomain');
  const [nx, ny] = o.f ? res : [o.grid!.nx, o.grid!.ny];
  const values = o.f ? sampleGrid(o.f, xDomain, yDomain, kinds, nx, ny) : o.grid!.values;
  const colors = contourColors(values, contourStyle(o));

  const fr = frame({
    className: 'contour-plot',
    aspect: o.aspect ?? 'equal',
    options: o,
    x: { kind: kinds[0], domain: xDomain },
    y: { kind: kinds[1], domain: yDomain },
    legend: trajectoryLegend(ts, o.minima?.length ?? 0),
    ...(colors.colorBar ? { colorBar: colors.colorBar } : {}),
    grid: false,
    box: true,
  });
  const xPix = [fr.x.project(xDomain[0]), fr.x.project(xDomain[1])] as const;
  const yPix = [fr.y.project(yDomain[0]), fr.y.project(yDomain[1])] as const;
  let marks = contourMarks(colors, { values, nx, ny, xPix, yPix, rect: fr.rect });
  if (o.axesLines) marks += refLines([0], [0], fr.x, fr.y, fr.rect);
  if (o.overlays) marks += overlayMarks(o.overlays, fr.x, fr.y, fr.rect);
  if (o.hLines || o.vLines) marks += refLines(o.hLines ?? [], o.vLines ?? [], fr.x, fr.y, fr.rect);
  if (o.minima) marks += minimaMarks(o.minima, fr);
  if (ts.length > 0) marks += trajectoryMarks(ts, fr, o.points);
  return fr.render(marks);
}
