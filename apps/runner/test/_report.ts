// Helpers for report tests: aggregate records as a sweep does, and render a page from them.
import type { PlotData } from '../src/aggregate/aggregator.ts';
import { SweepAggregator } from '../src/aggregate/aggregator.ts';
import { functionPlots } from '../src/plan/defaultPlots.ts';
import { parseOverrides } from '../src/plan/parseOverride.ts';
import { planSweep } from '../src/plan/planSweep.ts';
import { renderReport } from '../src/report/writeReport.ts';
import type { Experiment, PlotSpec, RunRecord } from '../src/types.ts';

/** The plot data of one spec over records, aggregated as a sweep aggregates them. */
export function dataOf(spec: PlotSpec, records: readonly RunRecord[], def: Experiment): PlotData {
  const agg = new SweepAggregator(def, [spec], records.length);
  records.forEach((r, i) => {
    agg.add(r, i);
  });
  return agg.finish().plots[0]!;
}

/** The page of an experiment over records, as a sweep with these overrides writes it. */
export function pageOf(
  def: Experiment,
  records: readonly RunRecord[],
  overrides: readonly string[] = [],
): string {
  const plan = planSweep(def, parseOverrides(overrides));
  const agg = new SweepAggregator(def, plan.plots ?? functionPlots(plan.swept, records), records.length);
  records.forEach((r, i) => {
    agg.add(r, i);
  });
  return renderReport({
    experiment: def,
    swept: plan.swept,
    aggregates: agg.finish(),
    sweep: 'default',
    valuesOf: plan.valuesOf,
    unused: plan.unused,
    provenance: {
      command: `pnpm sweep ${def.id}`,
      overrides: [...overrides],
      started: '2026-12-05T00:00:00.000Z',
      commit: undefined,
      versions: {},
      code: '',
      executor: 'piscina',
      threads: 1,
      runs: { planned: plan.count, ran: records.length, reused: 0, failed: 0 },
      wallMs: 0,
    },
  });
}
