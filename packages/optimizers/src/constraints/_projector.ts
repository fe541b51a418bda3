// Euclidean projection onto validated constraints, in place and allocation-free per call:
//
//   const P = new Projector(constraints, n);
//   P.project(x);   // x ← argmin_{y ∈ C} ‖y − x‖
//
// One constraint: its closed form. Several: Dykstra's alternating projections (Boyle & Dykstra, 1986),
// which converge to the projection onto the intersection (plain alternating projections would only
// find some point of it).
import type { Constraint } from '../types.js';

/** Projects x in place onto one constraint. */
export function projectOne(c: Constraint, x: Float64Array): void {
  const n = x.length;
  switch (c.type) {
    case 'box':
      for (let i = 0; i < n; i++) {
        const v = x[i]!;
        const l = c.lower[i]!;
        const u = c.upper[i]!;
        x[i] = Math.min(Math.max(v, l), u);
      }
      return;
    case 'ball': {
      const ctr = c.center;
      let s = 0;
      for (let i = 0; i < n; i++) {
        const d = x[i]! - (ctr === undefined ? 0 : ctr[i]!);
        s += d * d;
      }
      const norm = Math.sqrt(s);
      if (norm <= c.radius) return;
      const t = c.radius / norm;
      for (let i = 0; i < n; i++) {
        const o = ctr === undefined ? 0 : ctr[i]!;
        x[i] = o + t * (x[i]! - o);
      }
      return;
    }
    case 'halfspace': {
      const a = c.a;
      let ax = 0;
      let aa = 0;
      for (let i = 0; i < n; i++) {
        ax += a[i]! * x[i]!;
        aa += a[i]! * a[i]!;
      }
      if (ax >= c.b) return;
      const t = (c.b - ax) / aa;
      for (let i = 0; i < n; i++) x[i] = x[i]! + t * a[i]!;
      return;
    }
  }
}

/** Projection onto the intersection of constraints; see the file comment. */
export class Projector {
  private readonly cs: readonly Constraint[];
  private readonly p: Float64Array[];
  private readonly y: Float64Array;
  private readonly prev: Float64Array;
  /** Maximum Dykstra sweeps. */
  static readonly maxSweeps = 10_000;

  constructor(constraints: readonly Constraint[], n: number) {
    this.cs = constraints;
    this.p = constraints.length > 1 ? constraints.map(() => new Float64Array(n)) : [];
    this.y = new Float64Array(n);
    this.prev = new Float64Array(n);
  }

  /** x ← P_C(x). */
  project(x: Float64Array): void {
    const { cs } = this;
    if (cs.length === 1) {
      projectOne(cs[0]!, x);
      return;
    }
    const { p, y, prev } = this;
    const n = x.length;
    for (const pj of p) pj.fill(0);
    for (let sweep = 0; sweep < Projector.maxSweeps; sweep++) {
      prev.set(x);
      for (let j = 0; j < cs.length; j++) {
        const pj = p[j]!;
        for (let i = 0; i < n; i++) y[i] = x[i]! + pj[i]!;
        x.set(y);
        projectOne(cs[j]!, x);
        for (let i = 0; i < n; i++) pj[i] = y[i]! - x[i]!;
      }
      let change = 0;
      let scale = 0;
      for (let i = 0; i < n; i++) {
        change = Math.max(change, Math.abs(x[i]! - prev[i]!));
        scale = Math.max(scale, Math.abs(x[i]!));
      }
      if (change <= 4 * Number.EPSILON * (1 + scale)) return;
    }
  }
}
