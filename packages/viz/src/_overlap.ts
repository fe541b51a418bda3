// Paths lying on one another (e.g. three learning rates on one ray): found on a grid of 4-px cells, so
// that later ones can be shifted (trajectories) or dashed (line series) and every one stays visible.

/** Cells (4 px) that a pixel polyline passes through, sampled every 2 px. */
export function cellsOf(runs: readonly number[][]): Set<number> {
  const cells = new Set<number>();
  const add = (x: number, y: number): void => {
    cells.add(Math.floor(x / 4) * 65_536 + Math.floor(y / 4));
  };
  for (const r of runs) {
    if (r.length >= 2) add(r[0]!, r[1]!);
    for (let k = 2; k + 1 < r.length; k += 2) {
      const [ax, ay, bx, by] = [r[k - 2]!, r[k - 1]!, r[k]!, r[k + 1]!];
      const steps = Math.min(4096, Math.ceil(Math.hypot(bx - ax, by - ay) / 2));
      for (let s = 1; s <= steps; s++) add(ax + ((bx - ax) * s) / steps, ay + ((by - ay) * s) / steps);
    }
  }
  return cells;
}

/**
 * An overlap level per path (pixel runs, in drawing order): a path sharing more than half of the shorter
 * one's cells with an earlier path overlaps it; each path gets the lowest level that no path it overlaps
 * has. Level 0: drawn as usual.
 */
export function overlapLevels(runs: readonly (readonly number[][])[]): number[] {
  const cells = runs.map(cellsOf);
  const levels: number[] = [];
  for (let i = 0; i < runs.length; i++) {
    const taken = new Set<number>();
    for (let j = 0; j < i; j++) {
      const [a, b] = cells[i]!.size <= cells[j]!.size ? [cells[i]!, cells[j]!] : [cells[j]!, cells[i]!];
      if (a.size === 0) continue;
      let shared = 0;
      for (const c of a) if (b.has(c)) shared++;
      if (shared / a.size > 0.5) taken.add(levels[j]!);
    }
    let level = 0;
    while (taken.has(level)) level++;
    levels.push(level);
  }
  return levels;
}
