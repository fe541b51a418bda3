import { lstsq } from '@numcomp/optimizers';
import {
  defineExperiment,
  including,
  type Json,
  logspace,
  param,
  type ReportSection,
  type RunRecord,
} from '@numcomp/runner/experiment';

const A = [
  [1, 0],
  [0, 1],
];
const B = [1, 1];
const NOTEBOOK = { lr: 0.01, tol: 0.01 };

/** The direct solution next to the notebook's gradient descent. */
function direct(records: readonly RunRecord[]): readonly ReportSection[] {
  const d = lstsq(A, B);
  const nb = records.find(
    (r) => param(r.params, 'lr') === NOTEBOOK.lr && param(r.params, 'tol') === NOTEBOOK.tol,
  );
  const vec = (v: ArrayLike<number>): string => `(${Array.from(v).join(', ')})`;
  const rows: Json[][] = [['lstsq (SVD of A)', vec(d.x), null, d.residualNorm]];
  if (nb?.x !== undefined) {
    // ‖Ax − b‖ with A = I.
    const res = Math.hypot(nb.x[0]! - B[0]!, nb.x[1]! - B[1]!);
    const t = nb.trajectory;
    const last = t !== undefined && t.iter.at(-2) === (nb.nit ?? 0) - 1 ? t.x.at(-2) : undefined;
    if (last !== undefined)
      rows.unshift([
        'notebook history[-1] (one step before the stop)',
        vec(last as number[]),
        nb.nit! - 1,
        null,
      ]);
    rows.unshift(['gradient descent, ε = 0.01, δ = 0.01', vec(nb.x), nb.nit ?? null, res]);
  }
  return [
    {
      title: 'The direct solution',
      text:
        'numpy.linalg.lstsq’s counterpart (the SVD of A, @numcomp/optimizers lstsq) solves the normal equations ' +
        'AᵀAx = Aᵀb in one factorization, without forming AᵀA, and gives the minimum-norm solution x = A⁺b = (1, 1) ' +
        `(rank ${d.rank}, singular values ${Array.from(d.singularValues).join(', ')}). Gradient descent stops as soon as ` +
        '‖∇f‖ ≤ tol, so its answer is only within tol/σ²min of it: the notebook’s last recorded iterate, ' +
        'history[-1], is (1.00712059, 1.00712059) (NumPy: 1.0071205860972052), one step before the stop.',
      table: { columns: ['method', 'x', 'steps', { label: '‖Ax − b‖', digits: 'full' }], rows },
    },
  ];
}

/**
 * The notebook's least squares: gradient descent on ½‖Ax − b‖² with A = I₂, b = (1, 1), from (2, 2),
 * lr 0.01, until ‖∇f‖ ≤ 0.01 (493 steps); a step × tolerance sweep; the direct solution.
 */
export default defineExperiment({
  id: 'least-squares',
  order: 8,
  title: 'Linear least squares by gradient descent',
  description: [
    'Deep Learning §4.5 (Example: Linear Least Squares). Find x that minimizes f(x) = ½‖Ax − b‖². Its gradient ' +
      'is ∇ₓf(x) = Aᵀ(Ax − b) = AᵀAx − Aᵀb, and the book’s algorithm sets a step size ε and a tolerance δ and ' +
      'repeats x ← x − ε(AᵀAx − Aᵀb) while ‖AᵀAx − Aᵀb‖₂ > δ. The problem can also be solved in one step with ' +
      'Newton’s method (the Hessian AᵀA is constant), or directly from the normal equations.',
    'The notebook runs it with A = I₂, b = (1, 1)ᵀ, x = (2, 2)ᵀ, step_size = 0.01 and tolerance = 0.01: the while ' +
      'loop takes 493 steps, and the last point it records is (1.00712059, 1.00712059); f is minimal at x = (1, 1), ' +
      'so all is well (OK牧場). With A = I every step shrinks x − (1, 1) by 1 − ε, so the loop needs ' +
      '⌈ln(δ / ‖∇f(x₀)‖) / ln(1 − ε)⌉ = ⌈ln(0.01/√2) / ln 0.99⌉ = 493 steps.',
    'The sweep varies the step ε from 10⁻³ to 10^0.4 and the tolerance δ from 10⁻⁸ to 10⁻¹ (with the notebook’s ' +
      'values): the step count grows like ln(1/δ)/ε for small ε, is 1 at ε = 1 (= 2/(λmin + λmax) of AᵀA = I, ' +
      'the step lands on the solution), and the iteration bounces at ε = 2 and diverges beyond (2/λmax). The ' +
      'report ends with the direct solution by the SVD.',
  ].join('\n\n'),
  notebook:
    'A = np.eye(2); b = np.array([1, 1]).reshape((2, 1)); step_size = 0.01; tolerance = 0.01; x = np.array([[2.0], [2.0]]) … ' +
    'len(history) → 493; history[-1] → [[1.00712059], [1.00712059]]. x = [1, 1] で f(x) が最小なのでOK牧場.',
  objective: { name: 'least-squares', params: { A, b: B } },
  optimizer: { method: 'gradient-descent', gradient: 'analytic', x0: [2, 2], maxIter: 50_000 },
  // Every iterate of the notebook's run (x0 and 493 steps: 494 points, all kept with max 494), so the
  // report can show its history[-1].
  trajectory: { max: 494 },
  grid: {
    lr: including(logspace(-3, 0.4, 35), 0.01, 0.1, 1, 1.5, 2),
    tol: including(logspace(-8, -1, 15), 0.01),
  },
  plots: [
    {
      type: 'table',
      title: 'The notebook’s run',
      caption:
        'The notebook: 493 steps. x is the point where ‖∇f‖ first drops to 0.01 or below (every digit).',
      where: NOTEBOOK,
      columns: ['lr', 'tol', 'status', 'nit', 'x', 'fun', 'gradNorm', 'nfev', 'ngev'],
      digits: 'full',
    },
    {
      type: 'heatmap',
      title: 'Steps over step size × tolerance',
      caption:
        'Steps until ‖∇f‖ ≤ tol. The cross marks the notebook’s (0.01, 0.01): 493 steps. One step at ε = 1; no ' +
        'convergence from ε = 2 on.',
      x: 'lr',
      y: 'tol',
      value: 'nit',
      logX: true,
      logY: true,
      logValue: true,
      overlays: [
        { type: 'vline', x: 0.01, label: 'notebook ε' },
        { type: 'hline', y: 0.01, label: 'notebook δ' },
        { type: 'vline', x: 2, label: '2/λmax' },
      ],
    },
    {
      type: 'heatmap',
      title: 'Outcome over step size × tolerance',
      x: 'lr',
      y: 'tol',
      value: 'status',
      logX: true,
      logY: true,
      overlays: [{ type: 'vline', x: 2, label: '2/λmax' }],
    },
    {
      type: 'line',
      title: 'Steps against step size, δ = 0.01',
      caption:
        'nit ≈ ln(0.01/√2)/ln(1 − ε): 493 at ε = 0.01; 1 at ε = 1; the curve turns up again towards ε = 2.',
      where: { tol: 0.01, status: 'converged' },
      x: 'lr',
      y: 'nit',
      logX: true,
      logY: true,
      xLabel: 'step size ε',
      yLabel: 'steps',
      overlays: [{ type: 'vline', x: 0.01, label: 'notebook' }],
    },
    {
      type: 'convergence',
      title: '‖∇f‖ against step, δ = 0.01',
      caption: 'Straight lines on a log scale: ‖∇f‖ shrinks by |1 − ε| per step, until it reaches δ = 0.01.',
      where: { tol: 0.01, lr: { in: [0.01, 0.1, 1, 1.5] } },
      y: 'gradNorm',
      label: ['lr'],
    },
    {
      type: 'contour',
      title: 'Paths from (2, 2), δ = 0.01',
      caption:
        'ε = 0.01 and 0.1 walk straight to (1, 1); ε = 1 jumps there; ε = 1.5 overshoots, hopping across (1, 1) with ' +
        'the error halved and its sign flipped at each step. (ε = 2 bounces between (2, 2) and (0, 0) for ever.)',
      where: { tol: 0.01, lr: { in: [0.01, 0.1, 1, 1.5] } },
      label: ['lr'],
      domain: [
        [-0.5, 2.5],
        [-0.5, 2.5],
      ],
    },
  ],
  report: direct,
});
