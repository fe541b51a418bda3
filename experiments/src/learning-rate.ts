import { rangeError, type TestFunction } from '@numcomp/core';
import {
  defineExperiment,
  including,
  logspace,
  type Params,
  param,
  pointsGrid,
  type ReportSection,
  type RunRecord,
  values,
} from '@numcomp/runner/experiment';

/**
 * f(x) = x₀² + κ·x₁²: the notebook's function_2 for κ = 1 (same bits: 1·y = y), an ill-conditioned
 * bowl for κ > 1. Hessian diag(2, 2κ): gradient descent is stable along xᵢ for lr < 2/λᵢ.
 */
function bowl(params: Params): TestFunction {
  const kappa = params.kappa as number;
  if (!(typeof kappa === 'number' && kappa >= 1 && Number.isFinite(kappa))) {
    throw rangeError('kappa', kappa, 'expected a finite number >= 1');
  }
  return {
    name: 'bowl',
    dim: 2,
    f: (x) => x[0]! * x[0]! + kappa * (x[1]! * x[1]!),
    grad: (x, out = new Float64Array(2)) => {
      out[0] = 2 * x[0]!;
      out[1] = 2 * kappa * x[1]!;
      return out;
    },
    hess: () => ({ rows: 2, cols: 2, data: Float64Array.of(2, 0, 0, 2 * kappa) }),
    minima: [{ x: [0, 0], f: 0 }],
    domain: [
      [-4.5, 4.5],
      [-4.5, 4.5],
    ],
  };
}

const LR = logspace(-3, 0.5, 30);
const NOTEBOOK_LR = [0.01, 0.1, 1];
/** The largest lr of the grid below 2/λmax = 0.1 for κ = 10. */
const BELOW_BOUND_10 = Math.max(...LR.filter((lr) => lr < 0.1));
const NOTEBOOK_X0 = [-3, 4];
const NOTEBOOK_RUNS = { kappa: 1, maxIter: 20, x0: NOTEBOOK_X0, lr: { in: NOTEBOOK_LR } };

/** Where the notebook's gradient_descent ends after 20 steps (its NumPy code, run as written). */
const NUMPY_END: Readonly<Record<number, readonly [number, number]>> = {
  0.01: [-2.0028239152637823, 2.6704318870183172],
  0.1: [-0.03458764513817675, 0.04611686018418694],
  1: [-3, 4],
};

/** The notebook's three end points from NumPy and from numcomp, to the last digit. */
function notebookEnds(records: readonly RunRecord[]): readonly ReportSection[] {
  const rows = NOTEBOOK_LR.map((lr) => {
    const r = records.find(
      (q) =>
        param(q.params, 'lr') === lr &&
        param(q.params, 'kappa') === 1 &&
        param(q.params, 'maxIter') === 20 &&
        JSON.stringify(param(q.params, 'x0')) === JSON.stringify(NOTEBOOK_X0),
    );
    const np = NUMPY_END[lr]!;
    // A sweep whose overrides leave out this run says so, rather than reading as a failed reproduction.
    if (r === undefined) return [lr, `(${np.join(', ')})`, 'not run in this sweep', 'not run'];
    const x = r.x ?? [];
    const same = x.length === 2 && x[0] === np[0] && x[1] === np[1];
    return [lr, `(${np.join(', ')})`, `(${x.join(', ')})`, same ? 'yes' : 'no'];
  });
  return [
    {
      title: 'The notebook’s end points',
      text:
        'x after the 20 steps of gradient_descent from (−3.0, 4.0) with the numerical gradient: the notebook’s NumPy ' +
        'code and numcomp’s minimize (same operations in the same order, so the same bits).',
      table: { columns: ['lr', 'NumPy (the notebook’s code)', 'numcomp', 'identical'], rows },
    },
  ];
}

/**
 * Gradient descent and the learning rate: the notebook's lr = 0.01 / 0.1 / 1.0 from (−3, 4), and a
 * dense lr × starting-point sweep with the stability bound lr < 2/λmax, for κ = 1 and 10.
 */
export default defineExperiment({
  id: 'learning-rate',
  order: 6,
  title: 'Gradient descent and the learning rate',
  description: [
    'Deep Learning §4.3 (Gradient-Based Optimization). Most deep learning algorithms involve optimization: ' +
      'minimizing (or maximizing) a function f(x), the objective function or criterion (when minimized, also ' +
      'cost, loss or error function), by altering x. Gradient descent proposes the new point x′ = x − ε∇ₓf(x), ' +
      'where ε, the learning rate, is a positive scalar determining the size of the step. In neural network ' +
      'training it is common practice to change the learning rate and check whether training proceeds correctly.',
    'The notebook (after “Deep Learning from Scratch” §4.4.1) runs gradient_descent on function_2 = x₀² + x₁² ' +
      'with the numerical gradient (central differences, h = 1e-4), 20 steps from (−3.0, 4.0): lr = 0.1 walks ' +
      'straight to the minimum (🙆); lr = 0.01 is too small and has barely moved after 20 steps (🙀); lr = 1.0 is ' +
      'too large: x − 1.0·2x = −x, so it jumps between (−3, 4) and (3, −4) for ever and ends where it started (🙀).',
    'Why 1.0 is exactly the edge: on a quadratic with Hessian H, each step multiplies the error along the ' +
      'eigenvector of λᵢ by 1 − ε·λᵢ, so gradient descent converges iff ε < 2/λmax and is fastest at ' +
      'ε = 2/(λmin + λmax). For function_2, H = 2I: the bound is 1 and lr = 0.5 reaches (0, 0) in one step. The ' +
      'dense sweep runs 33 learning rates from 10⁻³ to 10^0.5 (with the notebook’s three) from 17 starting points ' +
      '(−3, x₁), x₁ = −4 … 4, for 1,000 steps with tol 1e-6, and the notebook’s 20 steps with tol 0. The variant ' +
      'f = x₀² + 10·x₁² (κ = 10, H = diag(2, 20)) has a different bound along each axis: lr < 1 along x₀ but ' +
      'lr < 0.1 along x₁. Between the two it diverges from every start except those on the x₀ axis (x₁ = 0), where ' +
      'the unstable direction is never excited — the poor conditioning of §4.3.1 in one picture.',
  ].join('\n\n'),
  notebook:
    '初期値 (−3.0, 4.0), 学習率 η = 0.1: 🙆 / 学習率 η = 0.01: 小さすぎた 🙀 / 学習率 η = 1.0: デカすぎた 🙀. ' +
    'η (ϵ) は学習率 (learning rate) と呼ばれる.ニューラルネットワークの学習においては,学習率の値を変更しながら,' +
    '正しく学習できているかどうか,確認作業を行うのが一般的.',
  objective: { name: 'bowl', params: { kappa: 1 }, problem: bowl },
  optimizer: { method: 'gradient-descent', gradient: 'numerical', h: 1e-4 },
  cases: [
    { maxIter: 20, tol: 0 },
    { maxIter: 1000, tol: 1e-6 },
  ],
  grid: {
    kappa: values(1, 10),
    lr: including(LR, ...NOTEBOOK_LR),
    x0: pointsGrid(
      [
        [-3, -3],
        [-4, 4],
      ],
      [1, 17],
    ),
  },
  plots: [
    {
      type: 'contour',
      title: 'The notebook: lr = 0.01, 0.1 and 1.0 from (−3, 4), 20 steps',
      caption:
        'lr = 0.1 converges; lr = 0.01 creeps; lr = 1.0 jumps between (−3, 4) and (3, −4). Axes dashed as in the notebook.',
      where: NOTEBOOK_RUNS,
      domain: [
        [-3.5, 3.5],
        [-4.5, 4.5],
      ],
      axes: true,
      label: ['lr'],
    },
    {
      type: 'convergence',
      title: 'f against step, the notebook’s three runs',
      where: NOTEBOOK_RUNS,
      y: 'f',
      label: ['lr'],
    },
    {
      type: 'heatmap',
      title: 'Outcome over lr × x₁ of the start (−3, x₁), f = x₀² + x₁², 1,000 steps',
      caption:
        'Converged (‖∇f‖ ≤ 1e-6) for lr below the bound 2/λmax = 1 (line); too slow to converge in 1,000 steps below ' +
        'lr ≈ 0.008 (the error shrinks by 1 − 2·lr per step); lr = 1 bounces for ever; every lr above 1 diverges.',
      where: { kappa: 1, maxIter: 1000 },
      x: 'lr',
      y: 'x0[1]',
      value: 'status',
      logX: true,
      overlays: [{ type: 'vline', x: 1, label: '2/λmax = 1' }],
    },
    {
      type: 'heatmap',
      title: 'Steps to converge, f = x₀² + x₁²',
      caption:
        'Fewest steps at lr = 0.5 = 2/(λmin + λmax), one step from anywhere: the step lands on the minimum.',
      where: { kappa: 1, maxIter: 1000, status: 'converged' },
      x: 'lr',
      y: 'x0[1]',
      value: 'nit',
      logX: true,
      overlays: [
        { type: 'vline', x: 0.5, label: '2/(λmin + λmax)' },
        { type: 'vline', x: 1, label: '2/λmax' },
      ],
    },
    {
      type: 'heatmap',
      title: 'Final f after the notebook’s 20 steps, f = x₀² + x₁²',
      caption:
        'f after 20 steps from (−3, x₁): each step scales x by |1 − 2·lr|, so f falls fastest at lr = 0.5 and stays ' +
        'at f(x0) at lr = 1.',
      where: { kappa: 1, maxIter: 20 },
      x: 'lr',
      y: 'x0[1]',
      value: 'fun',
      logX: true,
      logValue: true,
      overlays: [{ type: 'vline', x: 1, label: '2/λmax = 1' }],
    },
    {
      type: 'heatmap',
      title: 'Outcome over lr × x₁ of the start, f = x₀² + 10·x₁², 1,000 steps',
      caption:
        'Two bounds: lr < 2/λ₁ = 0.1 along x₁ and lr < 2/λ₀ = 1 along x₀. For 0.1 < lr < 1 every start diverges except ' +
        'x₁ = 0, which never excites the unstable direction.',
      where: { kappa: 10, maxIter: 1000 },
      x: 'lr',
      y: 'x0[1]',
      value: 'status',
      logX: true,
      overlays: [
        { type: 'vline', x: 0.1, label: '2/λmax = 0.1 (x₁)' },
        { type: 'vline', x: 1, label: '2/λmin = 1 (x₀)' },
      ],
    },
    {
      type: 'contour',
      title: 'f = x₀² + 10·x₁² from (−3, 4), 20 steps: below, just below and at the bound 0.1',
      caption: `lr = 0.01 is slow along x₀; lr = ${BELOW_BOUND_10.toPrecision(3)} zigzags across the valley; lr = 0.1 bounces between x₁ = 4 and −4 while x₀ converges.`,
      where: { kappa: 10, maxIter: 20, x0: NOTEBOOK_X0, lr: { in: [0.01, BELOW_BOUND_10, 0.1] } },
      domain: [
        [-3.5, 3.5],
        [-4.5, 4.5],
      ],
      axes: true,
      label: ['lr'],
    },
  ],
  report: notebookEnds,
});
