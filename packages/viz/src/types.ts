/** A continuous axis scale. */
export type AxisScale = 'linear' | 'log';

/**
 * Options every plot takes. Sizes are in pixels of the SVG `viewBox`; the SVG scales down to fit its
 * container (`max-width: 100%`).
 */
export interface PlotOptions {
  /** Title drawn at the top left (and the SVG's accessible name). */
  title?: string;
  /** A second, lighter line under the title. */
  subtitle?: string;
  /** Width of the whole figure; default 640. */
  width?: number;
  /** Height of the whole figure; default 420. */
  height?: number;
  /** Label of the x axis. */
  xLabel?: string;
  /** Label of the y axis. */
  yLabel?: string;
  /** `[min, max]` of the x axis; default: the data's extent, made nice. */
  xDomain?: readonly [number, number];
  /** `[min, max]` of the y axis; default: the data's extent, made nice. */
  yDomain?: readonly [number, number];
  /** `'linear'` (default) or `'log'`; on a log axis values ≤ 0 have no position and are not drawn. */
  xScale?: AxisScale;
  /** `'linear'` (default) or `'log'`; on a log axis values ≤ 0 have no position and are not drawn. */
  yScale?: AxisScale;
  /**
   * `'equal'`: one unit of x spans as many pixels as one unit of y (one decade on log–log axes), so
   * that circles stay circles and right angles stay right — the plot area shrinks to fit, centred
   * (a figure too tall for it loses the extra height). `'auto'`: the axes fill the plot area. Default
   * `'equal'` for plots in x-space (`contourPlot`, `quiverPlot`), else `'auto'`; ignored unless both
   * axes are continuous and of the same kind (linear or log).
   */
  aspect?: 'equal' | 'auto';
}

/** A reference line: a number, or a value with a label; dashed unless `dashed: false`. */
export interface RefLine {
  value: number;
  label?: string;
  dashed?: boolean;
}

/** A path in the plane, e.g. the iterates of one optimisation run. */
export interface Trajectory {
  /** Name in the legend and tooltips, e.g. `lr = 0.1`. */
  name?: string;
  x: ArrayLike<number>;
  /** Same length as `x`; a non-finite point breaks the path and is not drawn. */
  y: ArrayLike<number>;
  /** Outcome of the run; a failed run (`diverged`, `non-finite`, `error`, `timeout`) ends in a ×. */
  status?: string;
  /** Any CSS colour; default the next Okabe–Ito colour. */
  color?: string;
}

/**
 * A line or a shaded region drawn over a plot, in data coordinates (band index on a categorical axis):
 * e.g. a stability bound, a model curve, or the boundary of a feasible set.
 */
export interface Overlay {
  x: ArrayLike<number>;
  /** Same length as `x`; a non-finite point breaks the line. */
  y: ArrayLike<number>;
  /** Label drawn at the line's last visible point (and its tooltip), e.g. `lr = 2/λmax`. */
  label?: string;
  /**
   * Unset (default): a dashed line. `'inside'` / `'outside'`: the points are a closed polygon whose
   * inside / outside is faded towards the background (e.g. the infeasible side of a constraint), its
   * outline drawn solid (except along the plot's frame).
   */
  fade?: 'inside' | 'outside';
}

/** A known minimum marked on a plot in x-space. */
export interface Minimum {
  /** The minimiser's first coordinate. */
  x: number;
  /** The minimiser's second coordinate. */
  y: number;
  /** Tooltip, e.g. `f(1, 1) = 0`; default `minimum (x, y)`. */
  label?: string;
}
