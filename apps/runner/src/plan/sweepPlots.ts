// The sweep section every optimizer report gets, whatever was swept: for each swept parameter, the
// final f and the steps against it (median and quartiles over the other axes); for pairs of swept
// parameters, outcome and final-f maps. Generated from the plan alone, so they exist for any
// experiment and any overrides, user experiments too.

import type { Json, PlotSpec } from '../types.js';
import { cellOf, type Factor } from './factors.js';

/** What the planner knows of a swept parameter: its distinct values. */
export interface SweptAxis {
  readonly key: string;
  readonly values: readonly Json[];
  /** The factor that sets it: keys of one factor (a table of cases) vary together. */
  readonly factor: number;
}

/** The swept axes of factors: each swept key with its distinct values (in factor order). */
export function sweptAxes(factors: readonly Factor[], swept: readonly string[]): SweptAxis[] {
  return swept.map((key) => {
    const seen = new Map<string, Json>();
    let factor = -1;
    for (const [fi, f] of factors.entries()) {
      const c = f.keys.indexOf(key);
      if (c < 0) continue;
      if (factor < 0) factor = fi;
      for (let r = 0; r < f.size; r++) {
        const v = cellOf(f, r, c);
        if (v === undefined) continue;
        const k = JSON.stringify(v);
        if (!seen.has(k)) seen.set(k, v);
        if (seen.size > 2000) break;
      }
    }
    return { key, values: [...seen.values()], factor };
  });
}

const numeric = (a: SweptAxis): boolean => a.values.every((v) => typeof v === 'number' && Number.isFinite(v));

/** Values spread over two decades or more, all positive: drawn on a log axis. */
function logSpaced(a: SweptAxis): boolean {
  if (!numeric(a) || a.values.length < 3) return false;
  const v = a.values as number[];
  const lo = Math.min(...v);
  return lo > 0 && Math.max(...v) / lo >= 100;
}

/** A scalar axis a map can show: numbers, or at most 40 categories (x0 points are left to the curated plots). */
const mappable = (a: SweptAxis): boolean =>
  a.values.every((v) => v === null || typeof v !== 'object') && (numeric(a) || a.values.length <= 40);

/**
 * The generic plots of an optimizer sweep.
 *
 * @param axes - The swept axes (from {@link sweptAxes}).
 * @returns Slice plots for each numeric axis and maps for up to three pairs of axes.
 */
export function sweepPlots(axes: readonly SweptAxis[]): PlotSpec[] {
  const plots: PlotSpec[] = [];
  const scalar = axes.filter(mappable);
  for (const a of scalar.filter(numeric)) {
    const logX = logSpaced(a);
    const others = axes.filter((b) => b !== a).map((b) => b.key);
    const over = others.length > 0 ? ` (median and quartiles over ${others.join(', ')})` : '';
    plots.push({
      type: 'line',
      title: `Sweep: final f against ${a.key}${over}`,
      x: a.key,
      y: 'fun',
      logX,
      logY: true,
    });
    plots.push({ type: 'line', title: `Sweep: steps against ${a.key}${over}`, x: a.key, y: 'nit', logX });
  }
  // Every run across the swept parameters and its results (a sample of 2,000 past that).
  if (axes.length > 0)
    plots.push({
      type: 'parallel',
      title: `Sweep: every run across ${axes.map((a) => a.key).join(', ')} and its result (parallel coordinates)`,
      caption:
        'One line per run, from its parameters on the left to its final f and steps on the right, coloured by outcome. ' +
        'Click an outcome in the legend to hide its runs; the shading under the lines is where all runs go.',
    });
  // Pairs: the axes with the most values first (a user's own axis, usually), at most three pairs.
  const ordered = [...scalar].sort((a, b) => b.values.length - a.values.length);
  let pairs = 0;
  for (let i = 0; i < ordered.length && pairs < 3; i++) {
    for (let j = i + 1; j < ordered.length && pairs < 3; j++, pairs++) {
      const [x, y] = [ordered[i]!, ordered[j]!];
      // Keys of one table of cases vary together: their map would only fill its diagonal.
      if (x.factor === y.factor) {
        pairs--;
        continue;
      }
      const common = { x: x.key, y: y.key, logX: logSpaced(x), logY: logSpaced(y) };
      plots.push({
        type: 'heatmap',
        title: `Sweep: outcome over ${x.key} × ${y.key}`,
        value: 'status',
        ...common,
      });
      plots.push({
        type: 'heatmap',
        title: `Sweep: median final f over ${x.key} × ${y.key}`,
        value: 'fun',
        reduce: 'median',
        logValue: true,
        ...common,
      });
    }
  }
  return plots;
}

/**
 * The sweep section of a function experiment: its runs across the swept parameters and their numeric
 * results, as parallel coordinates (the fields are found in the records when the report is drawn).
 *
 * @param axes - The swept axes.
 * @returns One parallel-coordinates plot, or none when nothing was swept.
 */
export function functionSweepPlots(axes: readonly SweptAxis[]): PlotSpec[] {
  if (axes.length === 0) return [];
  return [
    {
      type: 'parallel',
      title: `Sweep: every run across ${axes.map((a) => a.key).join(', ')} and its results (parallel coordinates)`,
      caption:
        'One line per run, from its parameters on the left to the numbers it returned on the right, coloured by ' +
        'the last of them. The shading under the lines is where all runs go.',
    },
  ];
}
