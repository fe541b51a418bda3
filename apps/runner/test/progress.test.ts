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

describe('progress held while the sweep before writes its report', () => {
  const sink = (): { stream: NodeJS.WritableStream; text: () => string } => {
    let text = '';
    const stream = {
      write: (s: string) => {
        text += s;
        return true;
      },
    } as unknown as NodeJS.WritableStream;
    return { stream, text: () => text };
  };

  it('plain lines wait for release, in order, then go straight out', () => {
    let now = 0;
    const out = sink();
    const p = new Progress('plain', out.stream, () => now);
    p.start('a', 10);
    p.tick(10);
    p.finish();
    const a = out.text();
    expect(a).toBe('a: 10 runs\na: 10/10 (100.0%) 0 runs/s ETA 0s\n');
    p.hold();
    p.start('b', 20);
    now = 6000;
    p.tick(5);
    expect(out.text()).toBe(a);
    p.release();
    expect(out.text()).toBe(`${a}b: 20 runs\nb: 5/20 (25.0%) 0 runs/s ETA ?\n`);
    now = 12_000;
    p.tick(15);
    p.finish();
    expect(out.text().split('\n').slice(-3)).toEqual([
      'b: 20/20 (100.0%) 3 runs/s ETA 0s',
      'b: 20/20 (100.0%) 3 runs/s ETA 0s',
      '',
    ]);
    p.release(); // not held: nothing
    expect(out.text().endsWith('ETA 0s\n')).toBe(true);
  });

  it("a terminal's bar is not drawn while held; release draws the current one, or the finished bar held", () => {
    let now = 0;
    const out = sink();
    const p = new Progress('tty', out.stream, () => now);
    p.hold();
    p.start('b', 20);
    now = 500;
    p.tick(5);
    expect(out.text()).toBe('');
    p.release();
    expect(out.text()).toBe(`\r\x1b[Kb ${'█'.repeat(6)}${'░'.repeat(18)} 5/20 (25.0%) 0 runs/s ETA ?`);
    const drawn = out.text();
    p.hold();
    now = 1000;
    p.tick(15);
    p.finish();
    expect(out.text()).toBe(drawn);
    p.release();
    expect(out.text()).toBe(`${drawn}\r\x1b[Kb ${'█'.repeat(24)} 20/20 (100.0%) 30 runs/s ETA 0s\n`);
  });
});
