import type { Matrix } from './_matrix.js';
import { rangeError, typeError } from './_validate.js';

/**
 * The `n × n` Hilbert matrix `H_ij = 1 / (i + j + 1)` (0-based), the classic ill-conditioned matrix:
 * `cond(hilbert(n))` grows like `e^{3.5 n}` (about 5e2 for n = 3, 4.8e5 for n = 5, 1.6e13 for n = 10).
 * Entries equal `scipy.linalg.hilbert(n)` bit for bit.
 *
 * @param n - The size, an integer `>= 1`.
 * @returns A row-major {@link Matrix}.
 * @example
 * ```ts
 * hilbert(3).data; // Float64Array [1, 0.5, 0.333…, 0.5, 0.333…, 0.25, 0.333…, 0.25, 0.2]
 * ```
 */
export function hilbert(n: number): Matrix {
  if (typeof n !== 'number') throw typeError('n', n, 'expected a number');
  if (!Number.isInteger(n) || n < 1) throw rangeError('n', n, 'expected an integer >= 1');
  const data = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) data[i * n + j] = 1 / (i + j + 1);
  return { rows: n, cols: n, data };
}
