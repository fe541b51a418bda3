// The plots a report draws when an experiment lists none: for an optimizer sweep, contours with
// trajectories (2-D objectives), convergence curves, outcome and value heatmaps over the two main swept
// axes (or curves over the one axis), and a table of the best runs; for a function sweep, each numeric
// field of the records against the first numeric swept parameter, and a table.
import type { Experiment, PlotSpec, RunRecord } from '../types.js';

/** The plots of an optimizer sweep: its own, or defaults from its swept keys and the objective's dimension. */
export function plotsOf(
  def: Experiment,
  swept: readonly string[],
  dim: number | undefined,
): readonly PlotSpec[] {
  if (def.plots !== undefined) return def.plots;
  const [a, b] = swept;
  const plots: PlotSpec[] = [];
  if (dim === 2) plots.push({ type: 'contour', title: 'Trajectories', trajectories: true, maxRuns: 12 });
  plots.push({ type: 'convergence', title: 'Convergence', y: 'f', maxRuns: 20 });
  if (a !== undefined && b !== undefined) {
    plots.push({ type: 'heatmap', title: `Outcome over ${a} × ${b}`, x: a, y: b, value: 'status' });
    plots.push({
      type: 'heatmap',
      title: `Final f over ${a} × ${b}`,
      x: a,
      y: b,
      value: 'fun',
      logValue: true,
    });
    plots.push({ type: 'heatmap', title: `Steps over ${a} × ${b}`, x: a, y: b, value: 'nit' });
  } else if (a !== undefined) {
    plots.push({ type: 'line', title: `Final f against ${a}`, x: a, y: 'fun', logY: true });
    plots.push({ type: 'line', title: `Steps against ${a}`, x: a, y: 'nit' });
  }
  plots.push({ type: 'table', title: 'Best runs', sort: 'fun', order: 'asc', limit: 20 });
  return plots;
}

/**
 * The default plots of a function sweep, from its first records: each numeric field of the records
 * against the first numeric swept parameter, and a table.
 */
export function functionPlots(swept: readonly string[], sample: readonly RunRecord[]): readonly PlotSpec[] {
  const plots: PlotSpec[] = [];
  // x: the first swept parameter with numeric values; the other swept ones name the series.
  const x = swept.find((k) => sample.length > 0 && sample.every((r) => typeof r.params[k] === 'number'));
  if (x !== undefined) {
    const fields = new Set<string>();
    for (const r of sample) {
      for (const [k, v] of Object.entries(r.values ?? {})) if (typeof v === 'number') fields.add(k);
    }
    const series = swept.filter((k) => k !== x).slice(0, 2);
    for (const f of fields)
      plots.push({ type: 'line', title: `${f} against ${x}`, x, y: `values.${f}`, series });
  }
  plots.push({ type: 'table', title: 'Runs', limit: 200 });
  return plots;
}
