// Ridders' extrapolation of a symmetric difference quotient (Numerical Recipes, 3rd ed., §5.7 `dfridr`),
// for a vector of quotients at once: each entry keeps its own best estimate and stops on its own.

const CON = 1.4;
const CON2 = CON * CON;
const NTAB = 10;
const SAFE = 2;

/** Writes the difference quotients at step `h` into `out`. */
export type QuotientAt = (h: number, out: Float64Array) => void;

/**
 * Ridders' tableau on `m` quotients whose error expands in even powers of `h` (central differences of
 * any order, the central Hessian): steps `h, h/1.4, h/1.4², …` (at most 10), Neville extrapolation,
 * and for each entry the tableau value with the smallest error estimate (the larger change from its
 * two neighbours). An entry stops when its highest-order value grows worse than its best by a factor 2.
 * Writes the values and their error estimates; allocates its tableau.
 */
export function riddersVector(
  D: QuotientAt,
  m: number,
  h: number,
  value: Float64Array,
  error: Float64Array,
): void {
  let prev = new Float64Array(NTAB * m);
  let cur = new Float64Array(NTAB * m);
  const q = new Float64Array(m);
  const active = new Uint8Array(m).fill(1);
  let left = m;
  let hh = h;
  D(hh, q);
  for (let k = 0; k < m; k++) {
    prev[k] = q[k]!;
    value[k] = q[k]!;
    error[k] = Number.POSITIVE_INFINITY;
  }
  for (let i = 1; i < NTAB && left > 0; i++) {
    hh /= CON;
    D(hh, q);
    for (let k = 0; k < m; k++) {
      if (!active[k]) continue;
      cur[k] = q[k]!;
      let fac = CON2;
      for (let j = 1; j <= i; j++) {
        const c = (cur[(j - 1) * m + k]! * fac - prev[(j - 1) * m + k]!) / (fac - 1);
        cur[j * m + k] = c;
        fac *= CON2;
        const errt = Math.max(Math.abs(c - cur[(j - 1) * m + k]!), Math.abs(c - prev[(j - 1) * m + k]!));
        if (errt <= error[k]!) {
          error[k] = errt;
          value[k] = c;
        }
      }
      if (Math.abs(cur[i * m + k]! - prev[(i - 1) * m + k]!) >= SAFE * error[k]!) {
        active[k] = 0;
        left--;
      }
    }
    const t = prev;
    prev = cur;
    cur = t;
  }
}

/**
 * {@link riddersVector} from `h`, retried from `h/10`, `h/100`, `h/1000` while some entry's error
 * estimate exceeds `1e-10·max(1, |value|)` (a first step too large for the function); each entry keeps
 * the estimate with the smallest error.
 */
export function riddersVectorAuto(
  D: QuotientAt,
  m: number,
  h: number,
  value: Float64Array,
  error: Float64Array,
): void {
  riddersVector(D, m, h, value, error);
  const v = new Float64Array(m);
  const e = new Float64Array(m);
  for (let k = 1; k < 4; k++) {
    let done = true;
    for (let j = 0; j < m; j++) if (!(error[j]! <= 1e-10 * Math.max(1, Math.abs(value[j]!)))) done = false;
    if (done) return;
    riddersVector(D, m, h / 10 ** k, v, e);
    for (let j = 0; j < m; j++) {
      if (e[j]! < error[j]! || Number.isNaN(value[j]!)) {
        value[j] = v[j]!;
        error[j] = e[j]!;
      }
    }
  }
}
