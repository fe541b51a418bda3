// Small problems written out for the tests (the notebook's, and ones with known answers).
import type { Problem } from '../src/index.ts';

/** The notebook's function_2, f = x0² + x1² (NumPy's np.sum(x**2) for two terms), numerical gradient. */
export const function2: Problem = { f: (x) => x[0]! * x[0]! + x[1]! * x[1]! };

/** f = x0² + x1² with the analytic gradient 2x. */
export const sphere2: Problem = {
  f: (x) => x[0]! * x[0]! + x[1]! * x[1]!,
  grad: (x, out = new Float64Array(2)) => {
    out[0] = 2 * x[0]!;
    out[1] = 2 * x[1]!;
    return out;
  },
};

/** A 1-D problem from f and f′. */
export function scalar(f: (t: number) => number, df: (t: number) => number): Problem {
  return {
    f: (x) => f(x[0]!),
    grad: (x, out = new Float64Array(1)) => {
      out[0] = df(x[0]!);
      return out;
    },
  };
}

/** The notebook's least squares with A = I₂, b = (1, 1): f = ½‖x − b‖², ∇f = AᵀAx − Aᵀb. */
export const notebookLeastSquares: Problem = {
  f: (x) => 0.5 * ((x[0]! - 1) ** 2 + (x[1]! - 1) ** 2),
  grad: (x, out = new Float64Array(2)) => {
    out[0] = x[0]! - 1;
    out[1] = x[1]! - 1;
    return out;
  },
};
