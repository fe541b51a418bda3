// The CLI's disk check: a sweep that would not fit on the disk of its output directory is refused before
// it starts, with what it needs and what is free.
import { existsSync, statfsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { RunnerError } from '../errors.js';
import { type Calibration, formatBytes } from '../execute/calibrate.js';
import type { SweepPlan } from '../plan/planSweep.js';
import { layout } from '../store/layout.js';

/**
 * Refuses sweeps that would not fit on the disk of `out`: each run writes a line of results.jsonl (its
 * params and ~250 bytes of results; trajectories ~60 bytes a point) and a row of results.csv. Unless
 * `fresh`, the lines an experiment's results.jsonl already holds count as written (up to the sweep's
 * own lines: their runs are reused, not written again), so that a resume that fits is not refused: a
 * 10⁷-run sweep killed at 40 % was refused its resume for the 7.7 GB of the whole sweep, with 6.9 GB free.
 */
export function checkDisk(
  out: string,
  plans: readonly SweepPlan[],
  calibrated: ReadonlyMap<string, Calibration>,
  fresh: boolean,
): void {
  let need = 0;
  for (const p of plans) {
    if (p.count === 0) continue;
    const c = calibrated.get(p.experiment.id);
    const trajectories = p.space.chosen.length * ((p.trajectory.max ?? 100) * 60);
    const lines = c !== undefined ? p.count * c.bytesPerLine : p.count * (p.runAt(0).params.length + 250);
    const all = c !== undefined ? c.bytes : lines * 1.6 + trajectories;
    need += all - (fresh ? 0 : Math.min(lines, recordedBytes(layout(out, p.experiment.id, []).results)));
  }
  let dir = out;
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  let free: number;
  try {
    const s = statfsSync(dir);
    free = s.bavail * s.bsize;
  } catch {
    return; // no way to tell: go on
  }
  if (need > free) {
    throw new RunnerError(
      'E_USAGE',
      `not enough disk for this sweep: it writes about ${formatBytes(need)} under ${out}, and ${formatBytes(free)} is free ` +
        '(shrink the grid, or choose another --out)',
      { path: '--out', value: out },
    );
  }
}

/** The size of a file, or 0 when there is none. */
function recordedBytes(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
