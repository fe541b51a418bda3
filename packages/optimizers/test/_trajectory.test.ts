import { describe, expect, it } from 'vitest';
import { makeRecorder, TrajectoryRecorder } from '../src/_trajectory.ts';
import { minimize } from '../src/index.ts';
import { sphere2 } from './_problems.ts';

describe('trajectory recording', () => {
  it('record: { every: 5 } keeps iterations 0, 5, 10, 15, 20 of 20', () => {
    const r = minimize(sphere2, [-3, 4], { lr: 0.1, maxIter: 20, record: { every: 5 } });
    const t = r.trajectory!;
    expect(t.iter).toEqual([0, 5, 10, 15, 20]);
    expect(t.x[4]).toEqual(Array.from(r.x));
    expect(t.f[4]).toBe(r.fun);
    expect(t.x[1]![0]).toBeCloseTo(-3 * 0.8 ** 5, 14);
    expect(t.gradNorm[0]).toBe(10);
    // step 5 moved x by 0.2·‖x₄‖ = 0.2 · 5 · 0.8⁴
    expect(t.stepLength[1]).toBeCloseTo(0.2 * 5 * 0.8 ** 4, 14);
  });

  it('record: { every: 7 } always keeps the final point', () => {
    const t = minimize(sphere2, [-3, 4], { lr: 0.1, maxIter: 20, record: { every: 7 } }).trajectory!;
    expect(t.iter).toEqual([0, 7, 14, 20]);
  });

  it('record: { max: 21 } keeps all 21 iterates of a 20-step run (no off-by-one)', () => {
    const t = minimize(sphere2, [-3, 4], { lr: 0.1, maxIter: 20, record: { max: 21 } }).trajectory!;
    expect(t.iter).toEqual(Array.from({ length: 21 }, (_, k) => k));
    expect(t.x[20]![0]).toBeCloseTo(-3 * 0.8 ** 20, 14);
    const u = minimize(sphere2, [-3, 4], { lr: 0.1, maxIter: 20, record: { max: 22 } }).trajectory!;
    expect(u.iter).toHaveLength(21);
  });

  it('record: { max: 8 } keeps the first 4 iterates, then every 1st, 3rd, 9th … and the final point', () => {
    // Head 0–3; later points at stride 1 (4–7), then 3 (4, 7, 10, 13), then 9 (4, 13, 22); final 30.
    const t = minimize(sphere2, [-3, 4], { lr: 0.01, maxIter: 30, record: { max: 8 } }).trajectory!;
    expect(t.iter).toEqual([0, 1, 2, 3, 4, 13, 22, 30]);
    expect(t.x[5]![0]).toBeCloseTo(-3 * 0.98 ** 13, 14);
  });

  it('a period-2 bounce (lr = 1 on x₀² + x₁²) shows both of its sides after thinning', () => {
    // x ← x − 2x = −x: (−3, 4), (3, −4), (−3, 4), … for 1,000 steps, recorded with max 100.
    const t = minimize(sphere2, [-3, 4], { lr: 1, maxIter: 1000, tol: 0, record: { max: 100 } }).trajectory!;
    expect(t.iter.length).toBeLessThanOrEqual(100);
    expect(t.iter.slice(0, 50)).toEqual(Array.from({ length: 50 }, (_, k) => k));
    const later = t.iter.slice(50, -1);
    const strides = new Set(later.slice(1).map((k, i) => k - later[i]!));
    expect(strides).toEqual(new Set([27]));
    // Odd stride: the later points alternate between (3, −4) and (−3, 4), like the iterates themselves.
    for (let i = 50; i < t.iter.length; i++) expect(t.x[i]![0]).toBe(t.iter[i]! % 2 === 0 ? -3 : 3);
    expect(new Set(t.x.slice(50).map((p) => p[0]))).toEqual(new Set([-3, 3]));
    expect(t.iter.at(-1)).toBe(1000);
  });

  it('record: { max: 2 } keeps x0 and the final point', () => {
    const t = minimize(sphere2, [-3, 4], { lr: 0.1, maxIter: 20, record: { max: 2 } }).trajectory!;
    expect(t.iter).toEqual([0, 20]);
  });

  it('no trajectory when recording is off, and makeRecorder returns null', () => {
    expect(minimize(sphere2, [-3, 4], { maxIter: 3 }).trajectory).toBeUndefined();
    expect(minimize(sphere2, [-3, 4], { maxIter: 3, record: false }).trajectory).toBeUndefined();
    expect(makeRecorder(undefined)).toBeNull();
    expect(makeRecorder(false)).toBeNull();
  });

  it('the recorder stays within max over long runs, with every iterate up to max', () => {
    for (const max of [2, 3, 4, 5, 17, 100]) {
      const rec = new TrajectoryRecorder(1, max);
      for (let k = 0; k < 1000; k++) if (rec.wants(k)) rec.push(k, [k], k, 0, 0);
      const t = rec.finish(1000, [1000], 1000, 0, 0);
      expect(t.iter.length).toBeLessThanOrEqual(max);
      expect(t.iter[0]).toBe(0);
      expect(t.iter.at(-1)).toBe(1000);
      for (let i = 1; i < t.iter.length; i++) expect(t.iter[i]!).toBeGreaterThan(t.iter[i - 1]!);
      // A run of n ≤ max iterates (0 … n − 1) keeps them all.
      for (const n of [max - 1, max]) {
        const short = new TrajectoryRecorder(1, max);
        for (let k = 0; k < n - 1; k++) if (short.wants(k)) short.push(k, [k], k, 0, 0);
        expect(short.finish(n - 1, [n - 1], n - 1, 0, 0).iter).toEqual(
          Array.from({ length: n }, (_, k) => k),
        );
      }
    }
  });

  it('with every and max, candidates are the multiples of every', () => {
    const rec = new TrajectoryRecorder(5, 6);
    for (let k = 0; k <= 100; k++) if (rec.wants(k)) rec.push(k, [k], k, 0, 0);
    // Head 0, 5, 10; later points from 15 at stride 5, 15, 45 (×5); final 101.
    expect(rec.finish(101, [101], 101, 0, 0).iter).toEqual([0, 5, 10, 15, 60, 101]);
  });
});
