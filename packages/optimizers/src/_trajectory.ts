// Trajectory recording with thinning, shared by every method. Create one only when recording is on
// (`makeRecorder` returns null when off), so an unrecorded run allocates nothing per iteration:
//
//   const rec = makeRecorder(options.record);           // null when off
//   if (rec !== null) rec.push(0, x0, f0, gnorm0, 0);   // x0 is iteration 0
//   ... after step k: if (rec !== null && rec.wants(k)) rec.push(k, x, fx, gnorm, stepLength);
//   trajectory: rec === null ? undefined : rec.finish(nit, x, fx, gnorm, stepLength)
//
// `wants(k)` lets a method skip evaluating f for points that will not be kept. `finish` always keeps
// the final point.
//
// Thinning with `max` (counting in units of `every`): a run with at most `max` candidate iterates keeps
// them all. A longer one keeps its first ⌊max/2⌋ iterates exactly (the start, where paths turn and
// oscillate, is what plots look at) and, after them, iterates at an odd stride s = 1, 3, 9, 27, …: when
// the buffer is full, every third of the later points is kept and s triples. An odd stride alternates
// between even and odd iterates, so a period-2 path (gradient descent bouncing across a valley at
// lr = 2/λ) shows both of its sides all along; a power-of-two stride would keep only one side. The
// buffer holds at most `max` points (O(max) memory); when it is full at `finish`, the final point
// takes the last slot.
import type { RecordOptions, Trajectory } from './types.js';

/** Collects thinned iterates; see the file comment. */
export class TrajectoryRecorder {
  private readonly every: number;
  private readonly max: number;
  /** The first `head` candidates (iterations 0, every, 2·every, …) are always kept. */
  private readonly head: number;
  /** Stride of the later points, in units of `every`: 1, 3, 9, … (odd). */
  private stride = 1;
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
    this.head = Math.floor(max / 2);
  }

  /** Whether iteration `k` would be kept by `push`. */
  wants(k: number): boolean {
    if (k % this.every !== 0) return false;
    const u = k / this.every - this.head;
    return u < 0 || u % this.stride === 0;
  }

  /** Keeps iterate `k` when `wants(k)`; `x` is copied. */
  push(k: number, x: ArrayLike<number>, f: number, gradNorm: number, stepLength: number): void {
    if (!this.wants(k)) return;
    while (this.iters.length >= this.max) {
      this.thin();
      if (!this.wants(k)) return;
    }
    this.iters.push(k);
    this.xs.push(Array.from(x));
    this.fs.push(f);
    this.gs.push(gradNorm);
    this.ss.push(stepLength);
  }

  /** Adds the final point (unless iteration `k` is already the last kept) and returns the record. */
  finish(k: number, x: ArrayLike<number>, f: number, gradNorm: number, stepLength: number): Trajectory {
    let last = this.iters.length - 1;
    if (last < 0 || (this.iters[last] !== k && this.iters.length < this.max)) {
      last++;
      this.iters.push(k);
      this.xs.push([]);
      this.fs.push(0);
      this.gs.push(0);
      this.ss.push(0);
    }
    // The last kept point is iteration k itself, or the buffer is full: the final point takes its slot.
    this.iters[last] = k;
    this.xs[last] = Array.from(x);
    this.fs[last] = f;
    this.gs[last] = gradNorm;
    this.ss[last] = stepLength;
    return { iter: this.iters, x: this.xs, f: this.fs, gradNorm: this.gs, stepLength: this.ss };
  }

  /** Triples the stride of the later points, keeping those on the new grid (every third of them). */
  private thin(): void {
    this.stride *= 3;
    let j = 0;
    for (let i = 0; i < this.iters.length; i++) {
      const u = this.iters[i]! / this.every - this.head;
      if (u >= 0 && u % this.stride !== 0) continue;
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
