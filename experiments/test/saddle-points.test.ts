import type { RunRecord } from '@numcomp/runner';
import { beforeAll, describe, expect, it } from 'vitest';
import { chapter, where } from './_chapter.ts';
import { num, reportOf, runPoints, sectionRows } from './_harness.ts';

interface Ref {
  starts: number[][];
  newton: string[];
  newtonSteps: number[];
  gd: string[];
  gdSteps: number[];
  near: number[][];
  gdEscape: number[];
  gdNearSteps: number[];
  newtonNear: string[];
}
const ref = chapter<Ref>('saddle-points');

let records: RunRecord[];
beforeAll(async () => {
  records = await runPoints('saddle-points');
});

const map = (method: string) => where(records, { part: 'map', method });
const endOf = (r: RunRecord) => r.values!.end as string;

describe('saddle-points', () => {
  it('runs 4 methods × (400 map starts + 12 near the axis + 4 drawn paths)', () => {
    expect(records).toHaveLength(4 * (400 + 12 + 4));
    expect(records.every((r) => r.status === 'ok')).toBe(true);
  });

  it('saddle-free Newton escapes to a minimum from every start, where Newton converges to the saddle from 240', () => {
    const sfn = map('saddle-free Newton');
    expect(sfn).toHaveLength(400);
    expect(sfn.filter((r) => endOf(r).startsWith('minimum'))).toHaveLength(400);
    const newton = map('Newton');
    const toSaddle = newton.filter((r) => endOf(r) === 'saddle point (0, 0)');
    expect(toSaddle).toHaveLength(240);
    // …exactly the starts with |x₁| < √(2/5), where x₁ ← 2x₁³/(3x₁² − 2) shrinks.
    for (const r of toSaddle) expect(Math.abs((r.params.x0 as number[])[1]!)).toBeLessThan(Math.sqrt(0.4));
    // And saddle-free Newton ends on the minimum on the side of its start from every one of them.
    for (const r of toSaddle) {
      const x1 = (r.params.x0 as number[])[1]!;
      const s = where(sfn, { x0: r.params.x0 as number[] })[0]!;
      expect(endOf(s)).toBe(x1 > 0 ? 'minimum (0, +√2)' : 'minimum (0, −√2)');
      expect(num(s, 'steps')).toBeLessThanOrEqual(8);
    }
    expect(map('modified Newton').every((r) => endOf(r).startsWith('minimum'))).toBe(true);
    // The step counts the captions quote.
    const span = (method: string) => {
      const steps = map(method).map((r) => num(r, 'steps'));
      return [Math.min(...steps), Math.max(...steps)];
    };
    expect(span('gradient descent')).toEqual([125, 136]);
    expect(span('Newton')).toEqual([3, 10]);
    expect(span('modified Newton')).toEqual([4, 7]);
    expect(span('saddle-free Newton')).toEqual([4, 8]);
  });

  it('Newton ends where NumPy’s x ← x − H⁻¹∇f ends, from each of the 400 starts', () => {
    const newton = map('Newton');
    ref.starts.forEach((x0, i) => {
      const r = where(newton, { x0 })[0]!;
      expect([x0, endOf(r)]).toEqual([x0, ref.newton[i]]);
      expect([x0, num(r, 'steps')]).toEqual([x0, ref.newtonSteps[i]]);
    });
  });

  it('gradient descent reaches NumPy’s minimum in NumPy’s number of steps, from each start', () => {
    const gd = map('gradient descent');
    ref.starts.forEach((x0, i) => {
      const r = where(gd, { x0 })[0]!;
      expect([x0, endOf(r), num(r, 'steps')]).toEqual([x0, ref.gd[i], ref.gdSteps[i]]);
    });
  });

  it('from (0.5, 10⁻ᵏ): gradient descent escapes in NumPy’s ~ln(1/x₁)/ln 1.2 steps, saddle-free Newton in ≤ 5', () => {
    ref.near.forEach((x0, i) => {
      const gd = where(records, { part: 'near', method: 'gradient descent', x0 })[0]!;
      expect([x0, num(gd, 'escape'), num(gd, 'steps')]).toEqual([x0, ref.gdEscape[i], ref.gdNearSteps[i]]);
      const newton = where(records, { part: 'near', method: 'Newton', x0 })[0]!;
      expect(endOf(newton)).toBe(ref.newtonNear[i]);
      expect(endOf(newton)).toBe('saddle point (0, 0)');
      const sfn = where(records, { part: 'near', method: 'saddle-free Newton', x0 })[0]!;
      expect(endOf(sfn)).toBe('minimum (0, +√2)');
      expect(num(sfn, 'escape')).toBeLessThanOrEqual(5);
      expect(num(sfn, 'f')).toBeCloseTo(-1, 14);
    });
    // Twelve decades at 1.2× per step: about 12·ln 10/ln 1.2 ≈ 152 steps more than from 1 itself.
    expect(ref.gdEscape.at(-1)! - ref.gdEscape[0]!).toBe(138);
  });

  it('reports the acceptance table: 400/400 for saddle-free Newton, 240 starts to the saddle for Newton', async () => {
    const rows = sectionRows(
      await reportOf('saddle-points', records),
      'Where each method ends, from the 400 starts of the map',
    );
    expect(rows.map((r) => r.slice(0, 5))).toEqual([
      ['gradient descent', 400, 400, 0, 0],
      ['Newton', 400, 160, 240, 0],
      ['modified Newton', 400, 400, 0, 0],
      ['saddle-free Newton', 400, 400, 0, 0],
    ]);
  });
});
