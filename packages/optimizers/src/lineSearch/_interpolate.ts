// Step-length interpolation used by the zoom phases (Nocedal & Wright §3.5; SciPy's scalar_search_wolfe2).

/**
 * Minimiser of the cubic Hermite interpolant of (a, fa, ga), (b, fb, gb)
 * (Nocedal & Wright eq. 3.59). NaN when the cubic has no local minimiser.
 */
export function cubicHermiteMin(
  a: number,
  fa: number,
  ga: number,
  b: number,
  fb: number,
  gb: number,
): number {
  const d1 = ga + gb - (3 * (fa - fb)) / (a - b);
  const disc = d1 * d1 - ga * gb;
  if (!(disc >= 0)) return Number.NaN;
  const d2 = (b > a ? 1 : -1) * Math.sqrt(disc);
  return b - ((b - a) * (gb + d2 - d1)) / (gb - ga + 2 * d2);
}

/**
 * Minimiser of the cubic through (a, fa) with slope ga, (b, fb) and (c, fc). NaN when none
 * (SciPy `_cubicmin`).
 */
export function cubicMin3(
  a: number,
  fa: number,
  ga: number,
  b: number,
  fb: number,
  c: number,
  fc: number,
): number {
  const db = b - a;
  const dc = c - a;
  const denom = db * db * dc * dc * (db - dc);
  const r1 = fb - fa - ga * db;
  const r2 = fc - fa - ga * dc;
  const A = (dc * dc * r1 - db * db * r2) / denom;
  const B = (-dc * dc * dc * r1 + db * db * db * r2) / denom;
  const radical = B * B - 3 * A * ga;
  if (!(radical >= 0) || A === 0) return Number.NaN;
  return a + (-B + Math.sqrt(radical)) / (3 * A);
}

/** Minimiser of the quadratic through (a, fa) with slope ga and (b, fb). NaN when it opens downwards. */
export function quadraticMin(a: number, fa: number, ga: number, b: number, fb: number): number {
  const db = b - a;
  const B = (fb - fa - ga * db) / (db * db);
  if (!(B > 0)) return Number.NaN;
  return a - ga / (2 * B);
}

/** True when t lies strictly inside the interval between a and b, at least `margin`·|b − a| from both ends. */
export function inside(t: number, a: number, b: number, margin: number): boolean {
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  const m = margin * (hi - lo);
  return t > lo + m && t < hi - m;
}
