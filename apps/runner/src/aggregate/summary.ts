// summary.json: what a sweep did, from its aggregates, for the index page and for scripts.
import { join } from 'node:path';
import { writeFileAtomic } from '../store/files.js';
import type { Experiment, Json, RunRecord } from '../types.js';
import type { SweepAggregates } from './aggregator.js';

/** Where a sweep came from and what it did (the page shows it; summary.json keeps it). */
export interface Provenance {
  /** The command line, as typed (`pnpm sweep learning-rate 'lr=…'`). */
  readonly command: string;
  /** The overrides, as given. */
  readonly overrides: readonly string[];
  /** ISO date and time the sweep started. */
  readonly started: string;
  /** The git commit of the checkout, when in one (with `+dirty` when it has changes). */
  readonly commit: string | undefined;
  /** numcomp package versions. */
  readonly versions: Readonly<Record<string, string>>;
  /** The experiment's code digest (part of every run id). */
  readonly code: string;
  readonly executor: string;
  /**
   * Worker threads: those a local pool had started by the end of the sweep (a pool that grows starts its
   * others only when the work left pays for them), 0 for remote workers.
   */
  readonly threads: number;
  /** Runs of the plan, run now, reused, and failed (error or timeout). */
  readonly runs: {
    readonly planned: number;
    readonly ran: number;
    readonly reused: number;
    readonly failed: number;
  };
  /** Wall time of the sweep so far, ms. */
  readonly wallMs: number;
}

/** summary.json's content. */
export interface Summary {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly order: number | null;
  /** The book's figures the experiment redraws (`'4.2'`, …); absent in summaries of older sweeps. */
  readonly figures?: readonly string[];
  /** The sweep's folder name under the experiment's directory. */
  readonly sweep: string;
  readonly runs: number;
  readonly swept: readonly string[];
  readonly statuses: Record<string, number>;
  readonly best: readonly { readonly objective: string; readonly runs: readonly Json[] }[];
  readonly time: { readonly totalMs: number };
  readonly provenance: Provenance;
}

/** A best run as summary.json lists it. */
function brief(r: RunRecord): Json {
  return {
    id: r.id,
    params: r.params,
    status: r.status,
    fun: r.fun ?? null,
    nit: r.nit ?? null,
    x: (r.x as Json) ?? null,
  };
}

/**
 * The summary of a sweep.
 *
 * @param def - The experiment.
 * @param sweep - The sweep's folder name.
 * @param swept - The swept parameters.
 * @param agg - The sweep's aggregates.
 * @param provenance - Where it came from.
 * @returns The summary.
 */
export function summaryOf(
  def: Experiment,
  sweep: string,
  swept: readonly string[],
  agg: SweepAggregates,
  provenance: Provenance,
): Summary {
  return {
    id: def.id,
    title: def.title,
    description: def.description,
    order: def.order ?? null,
    figures: def.figures ?? [],
    sweep,
    runs: agg.count,
    swept,
    statuses: agg.statuses as Record<string, number>,
    best: [...agg.best.values()].map((b) => ({ objective: b.label, runs: b.runs.map(brief) })),
    time: { totalMs: Math.round(agg.timeMs) },
    provenance,
  };
}

/** Writes summary.json into a directory (atomically). */
export function writeSummary(dir: string, summary: Summary): void {
  writeFileAtomic(
    join(dir, 'summary.json'),
    `${JSON.stringify(summary, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 2)}\n`,
  );
}
