// Trajectory recording with thinning, shared by every method. Create one only when recording is on
// (`makeRecorder` returns null when off), so an unrecorded run allocates nothing per iteration:
//
//   const rec = makeRecorder(options.record);           // null when off
//   if (rec !== null) rec.push(0, x0, f0, gnorm0, 0);   // x0 is iteration 0
//   ... after step k: if (rec !== null && rec.wants(k)) rec.push(k, x, fx, gnorm, stepLength);
//   trajectory: rec === null ? undefined : rec.finish(nit, x, fx, gnorm, stepLength)
//
// `wants(k)` lets a method skip evaluating f for points that will not be kept. `finish` always keeps
// the final point. With `max`, when the buffer is full every other kept point is dropped and `every`
// doubles, so the record spans the whole run at bounded size.
import type { RecordOptions, Trajectory } from './types.js';

/** Collects thinned iterates; see the file comment. */
export class TrajectoryRecorder {
  private every: number;
  private readonly max: number;
  private readonly iters: number[] = [];
  private readonly xs: number[][] = [];
  private readonly fs: number[] = [];
  private readonly gs: number[] = [];
  private readonly ss: number[] = [];

  /**
   * @param every keep iterations that are multiples of `every` (≥ 1)
   * @param max at most this many points including the final one (≥ 2), Infinity for no bound
   */
  constructor(every = 1, max = Number.POSITIVE_INFINITY) {
    this.every = every;
    this.max = max;
  }

  /** Whether iteration `k` would be kept by `push`. */
  wants(k: number): boolean {
    return k % this.every === 0;
  }

  /** Keeps iterate `k` when `wants(k)`; `x` is copied. */
  push(k: number, x: ArrayLike<number>, f: number, gradNorm: number, stepLength: number): void {
    if (k % this.every !== 0) return;
    while (this.iters.length >= this.max - 1) {
      if (this.iters.length <= 1) return; // only x0 kept: the last slot is the final point's
      this.halve();
      if (k % this.every !== 0) return;
    }
    this.iters.push(k);
    this.xs.push(Array.from(x));
    this.fs.push(f);
    this.gs.push(gradNorm);
    this.ss.push(stepLength);
  }

  /** Adds the final point (unless iteration `k` is already the last kept) and returns the record. */
  finish(k: number, x: ArrayLike<number>, f: number, gradNorm: number, stepLength: number): Trajectory {
    const last = this.iters.length - 1;
    if (last >= 0 && this.iters[last] === k) {
      this.xs[last] = Array.from(x);
      this.fs[last] = f;
      this.gs[last] = gradNorm;
      this.ss[last] = stepLength;
    } else {
      this.iters.push(k);
      this.xs.push(Array.from(x));
      this.fs.push(f);
      this.gs.push(gradNorm);
      this.ss.push(stepLength);
    }
    return { iter: this.iters, x: this.xs, f: this.fs, gradNorm: this.gs, stepLength: this.ss };
  }

  /** Drops every other kept point (keeping those on the doubled grid) and doubles `every`. */
  private halve(): void {
    this.every *= 2;
    let j = 0;
    for (let i = 0; i < this.iters.length; i++) {
      if (this.iters[i]! % this.every !== 0) continue;
      this.iters[j] = this.iters[i]!;
      this.xs[j] = this.xs[i]!;
      this.fs[j] = this.fs[i]!;
      this.gs[j] = this.gs[i]!;
      this.ss[j] = this.ss[i]!;
      j++;
    }
    this.iters.length = j;
    this.xs.length = j;
    this.fs.length = j;
    this.gs.length = j;
    this.ss.length = j;
  }
}

/** A recorder for `options.record` (already validated), or `null` when recording is off. */
export function makeRecorder(record: boolean | RecordOptions | undefined): TrajectoryRecorder | null {
  if (record === undefined || record === false) return null;
  if (record === true) return new TrajectoryRecorder();
  return new TrajectoryRecorder(record.every ?? 1, record.max ?? Number.POSITIVE_INFINITY);
}
