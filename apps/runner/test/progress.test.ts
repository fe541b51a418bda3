import { describe, expect, it } from 'vitest';
import { Progress } from '../src/cli/progress.ts';

describe('progress ETA', () => {
  it('is within 30 % of the truth once 10 % is done, start-up and reused runs left out', () => {
    let now = 0;
    const p = new Progress('none', process.stderr, () => now);
    p.start('x', 100_000);
    // 3 s of start-up, then 10,000 reused runs at once, then 100 runs every 10 ms (10,000 runs/s).
    now = 3000;
    p.tick(10_000);
    let done = 10_000;
    const truth = (left: number): number => left / 10_000;
    let worst = 0;
    while (done < 100_000) {
      now += 10;
      p.tick(100);
      done += 100;
      if (done >= 20_000)
        worst = Math.max(worst, Math.abs(p.eta(now) - truth(100_000 - done)) / truth(100_000 - done));
      if (done >= 90_000) break;
    }
    expect(worst).toBeLessThan(0.3);
  });

  it('follows a change of pace within the 5 s window', () => {
    let now = 0;
    const p = new Progress('none', process.stderr, () => now);
    p.start('x', 100_000);
    for (let i = 0; i < 200; i++) {
      now += 10;
      p.tick(100); // 10,000 runs/s for 2 s
    }
    for (let i = 0; i < 600; i++) {
      now += 10;
      p.tick(50); // then 5,000 runs/s for 6 s
    }
    // 50,000 left at 5,000 runs/s: 10 s; the blended estimate is within 30 %.
    expect(p.eta(now)).toBeGreaterThan(7);
    expect(p.eta(now)).toBeLessThan(13);
  });
});
