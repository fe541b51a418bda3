// The CLI's disk check: a sweep larger than the free disk is refused, and a resume counts the lines its
// results.jsonl already holds as written (a 10⁷-run sweep killed at 40 % was refused its resume).
import { closeSync, ftruncateSync, mkdirSync, openSync, statfsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { checkDisk } from '../src/cli/disk.ts';
import type { Calibration } from '../src/execute/calibrate.ts';
import { planSweep } from '../src/plan/planSweep.ts';
import type { Experiment } from '../src/types.ts';
import { cleanup, tmp } from './_cli.ts';

const file = fileURLToPath(new URL('./fixtures/guards/paths.js', import.meta.url));

describe('checkDisk', () => {
  afterAll(cleanup);

  it('refuses a sweep larger than the free disk, and lets a resume whose recorded lines leave it room go on', async () => {
    const def = (await import(file)).default as Experiment;
    const plan = planSweep(def);
    const out = tmp();
    const s = statfsSync(out);
    const free = s.bavail * s.bsize;
    // A sweep that writes 1.2 × the free disk: lines take 1 / 1.6 of it, the CSV the rest.
    const bytes = 1.2 * free;
    const calibrated = new Map<string, Calibration>([
      [
        plan.experiment.id,
        { sampled: 30, msPerRun: 0.01, seconds: 1, bytes, bytesPerLine: bytes / 1.6 / plan.count },
      ],
    ]);
    expect(() => checkDisk(out, [plan], calibrated, false)).toThrow(/not enough disk for this sweep/);
    // Half the free disk already recorded (a sparse file: it takes no room): 0.7 × free left to write.
    mkdirSync(join(out, plan.experiment.id), { recursive: true });
    const fd = openSync(join(out, plan.experiment.id, 'results.jsonl'), 'w');
    ftruncateSync(fd, Math.floor(0.5 * free));
    closeSync(fd);
    expect(() => checkDisk(out, [plan], calibrated, false)).not.toThrow();
    // --fresh writes it all again; and recorded lines count at most as the sweep's own lines.
    expect(() => checkDisk(out, [plan], calibrated, true)).toThrow(/not enough disk/);
    // A log of other sweeps' runs: what it holds beyond this sweep's own lines does not count.
    const fd2 = openSync(join(out, plan.experiment.id, 'results.jsonl'), 'w');
    ftruncateSync(fd2, Math.floor(1.5 * free));
    closeSync(fd2);
    const small = new Map([
      [
        plan.experiment.id,
        { ...calibrated.get(plan.experiment.id)!, bytes: 2 * free, bytesPerLine: (0.5 * free) / plan.count },
      ],
    ]);
    expect(() => checkDisk(out, [plan], small, false)).toThrow(/not enough disk/);
  });
});
