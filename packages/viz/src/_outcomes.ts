// Outcomes in legends: their usual order, `ok` standing for `converged`.
import { outcomes } from './palettes.js';

/** Legend rank of a category: outcomes first in their usual order (`ok` as `converged`), then the rest. */
export function outcomeRank(c: string): number {
  const k = outcomes.indexOf((c === 'ok' ? 'converged' : c) as never);
  return k >= 0 ? k : outcomes.length;
}

/** Categories in legend order: outcomes first, the others in the order given. */
export function legendOrder(categories: Iterable<string>): string[] {
  const cs = [...categories];
  const at = new Map(cs.map((c, i) => [c, i]));
  return cs.sort((a, b) => outcomeRank(a) - outcomeRank(b) || at.get(a)! - at.get(b)!);
}
