// The L-BFGS two-loop recursion (Nocedal & Wright Algorithms 7.4–7.5) over ring buffers, shared by the
// unconstrained driver and the bounded one (lbfgs with `bounds`).
import type { DescentRule, DescentState } from './_descent.js';

/** Two-loop recursion over ring buffers. */
export class LbfgsRule implements DescentRule {
  private readonly n: number;
  private readonly m: number;
  /** Pair i occupies [i·n, (i+1)·n) of S and Y. */
  private readonly S: Float64Array;
  private readonly Y: Float64Array;
  private readonly rho: Float64Array;
  private readonly alpha: Float64Array;
  /** Index of the newest pair and number of stored pairs. */
  private newest = -1;
  private count = 0;
  private gamma = 1;

  constructor(n: number, m: number) {
    this.n = n;
    this.m = m;
    // One buffer for the four arrays: each typed array past 64 bytes has a buffer of its own outside V8's
    // heap (~1.7 µs to make and collect: four of them were a third of a 2-D run).
    const all = new Float64Array(2 * m * n + 2 * m);
    this.S = all.subarray(0, m * n);
    this.Y = all.subarray(m * n, 2 * m * n);
    this.rho = all.subarray(2 * m * n, 2 * m * n + m);
    this.alpha = all.subarray(2 * m * n + m);
  }

  direction(_x: Float64Array, g: Float64Array, d: Float64Array, _k: number, st: DescentState): void {
    const { n, m, S, Y, rho, alpha, count } = this;
    for (let i = 0; i < n; i++) d[i] = -g[i]!;
    if (count === 0) {
      let gg = 0;
      for (let i = 0; i < n; i++) gg += g[i]! * g[i]!;
      st.a0 = Math.min(1, 1 / Math.sqrt(gg));
      return;
    }
    // N&W Algorithm 7.4, with q = d = −∇f (the result is then −H∇f directly).
    let j = this.newest;
    for (let c = 0; c < count; c++) {
      const off = j * n;
      let a = 0;
      for (let i = 0; i < n; i++) a += S[off + i]! * d[i]!;
      a *= rho[j]!;
      alpha[j] = a;
      for (let i = 0; i < n; i++) d[i] = d[i]! - a * Y[off + i]!;
      j = j === 0 ? m - 1 : j - 1;
    }
    const gamma = this.gamma;
    for (let i = 0; i < n; i++) d[i] = gamma * d[i]!;
    j = (this.newest - count + 1 + m) % m;
    for (let c = 0; c < count; c++) {
      const off = j * n;
      let b = 0;
      for (let i = 0; i < n; i++) b += Y[off + i]! * d[i]!;
      b = alpha[j]! - rho[j]! * b;
      for (let i = 0; i < n; i++) d[i] = d[i]! + b * S[off + i]!;
      j = j === m - 1 ? 0 : j + 1;
    }
    st.a0 = 1;
  }

  restart(): boolean {
    if (this.count === 0) return false;
    this.count = 0;
    this.newest = -1;
    return true;
  }

  update(s: Float64Array, y: Float64Array): void {
    const n = this.n;
    let ys = 0;
    let yy = 0;
    let ss = 0;
    for (let i = 0; i < n; i++) {
      ys += y[i]! * s[i]!;
      yy += y[i]! * y[i]!;
      ss += s[i]! * s[i]!;
    }
    if (!(ys > Number.EPSILON * Math.sqrt(ss * yy))) return; // curvature condition fails: skip
    const j = this.newest === this.m - 1 ? 0 : this.newest + 1;
    this.S.set(s, j * n);
    this.Y.set(y, j * n);
    this.rho[j] = 1 / ys;
    this.newest = j;
    if (this.count < this.m) this.count++;
    this.gamma = ys / yy;
  }
}
