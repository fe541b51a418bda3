// Curated plots under overrides: a plot whose filter asks for values the sweep no longer has (the
// notebook's maxIter = 20 under maxIter=50, its start (−3, 4) under an x0 grid) is planned for the
// nearest values the sweep has, so that it is drawn — at any size, trajectories included — with a note
// saying what it was meant for. Values that do not compare (method names) are never substituted.
import { brief, keyOf } from '../aggregate/accessor.js';
import type { Json, PlotSpec, Where } from '../types.js';

/** The values a filter clause asks for. */
export function wantedOf(cond: Where[string]): readonly Json[] {
  return cond !== null && typeof cond === 'object' && !Array.isArray(cond) && 'in' in cond
    ? (cond.in as readonly Json[])
    : [cond as Json];
}

/** How far apart two parameter values are: log-ratio of positive numbers, distance of points; ∞ when they do not compare. */
export function distance(a: Json, b: Json): number {
  if (typeof a === 'number' && typeof b === 'number')
    return a > 0 && b > 0 ? Math.abs(Math.log(a / b)) : Math.abs(a - b);
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    let s = 0;
    for (let i = 0; i < a.length; i++) {
      const [x, y] = [a[i], b[i]];
      if (typeof x !== 'number' || typeof y !== 'number') return Number.POSITIVE_INFINITY;
      s += (x - y) ** 2;
    }
    return Math.sqrt(s);
  }
  return keyOf(a) === keyOf(b) ? 0 : Number.POSITIVE_INFINITY;
}

/** The value of `present` nearest `w`, or undefined when none compares with it. */
export function nearest(w: Json, present: readonly Json[]): Json | undefined {
  let best: Json | undefined;
  let d = Number.POSITIVE_INFINITY;
  for (const p of present) {
    const e = distance(w, p);
    if (e < d) [best, d] = [p, e];
  }
  return best;
}

/** Values as people read them: `0.1`, or `{0.01, 0.1}`. */
export const listed = (vs: readonly Json[]): string =>
  vs.length === 1 ? brief(vs[0]) : `{${vs.map((v) => brief(v)).join(', ')}}`;

/**
 * The plots with each filter value the sweep does not have replaced by the nearest value it has; such a plot carries a `relaxed` note ("Drawn for maxIter = 50, the nearest this sweep
 * has: the plot is meant for maxIter = 20, …").
 *
 * @param plots - The plots.
 * @param valuesOf - The values a parameter takes in the sweep (none for a result field).
 * @returns The plots, the relaxed ones replaced.
 */
export function relaxPlots(
  plots: readonly PlotSpec[],
  valuesOf: (key: string) => readonly Json[],
): PlotSpec[] {
  return plots.map((spec) => {
    const where = spec.where;
    if (where === undefined) return spec;
    const next: Record<string, Where[string]> = { ...where };
    const meant: string[] = [];
    const drawn: string[] = [];
    for (const [k, cond] of Object.entries(where)) {
      const wanted = wantedOf(cond);
      const present = valuesOf(k);
      if (present.length === 0) continue;
      const keys = new Set(present.map(keyOf));
      // Every value there: nothing to do. Some missing (the notebook's lr ∈ {0.01, 0.1, 1} under
      // lr=logspace(-3,0,30)): each missing one is replaced by its nearest, the others stay.
      if (wanted.every((w) => keys.has(keyOf(w)))) continue;
      const near = [
        ...new Map(
          wanted
            .map((w) => nearest(w, present))
            .filter((v): v is Json => v !== undefined)
            .map((v) => [keyOf(v), v]),
        ).values(),
      ];
      if (near.length === 0) continue;
      next[k] = near.length === 1 ? near[0]! : { in: near };
      meant.push(`${k} ${wanted.length === 1 ? '=' : '∈'} ${listed(wanted)}`);
      drawn.push(`${k} ${near.length === 1 ? '=' : '∈'} ${listed(near)}`);
    }
    if (meant.length === 0) return spec;
    const relaxed =
      `Drawn for ${drawn.join(' and ')}, the nearest this sweep has: the plot is meant for ${meant.join(' and ')}` +
      ', and the numbers in its title and caption speak of those.';
    return { ...spec, where: next, relaxed } as PlotSpec;
  });
}
