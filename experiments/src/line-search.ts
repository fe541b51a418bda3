import { defineExperiment, logspace, type Params } from '@numcomp/runner/experiment';
import { namedProblem } from './_problems.js';

/** κ of the ill-conditioned quadratics ½(x₀² + κx₁²): 1 … 1000 in half decades. */
const KAPPAS = [1, 3.1622776601683795, 10, 31.622776601683793, 100, 316.22776601683796, 1000];

/**
 * Candidate steps of the grid search: 12 log-spaced values from 10⁻⁴ to 10 (3 digits). The default grid
 * (10^(k/2)) contains 1 and every 1/κ of {@link KAPPAS}, the reciprocal curvatures of these diagonal
 * quadratics, and would zero an axis of the error in one lucky step; real curvatures are never round.
 */
const GRID = logspace(-4, 1, 12).map((v) => Number(v.toPrecision(3)));

/** The step rules compared. */
const SEARCHES: readonly Params[] = [
  { lineSearch: 'none' },
  { lineSearch: 'grid', lineSearchOptions: { candidates: GRID } },
  { lineSearch: 'exact' },
  { lineSearch: 'backtracking' },
  { lineSearch: 'strong-wolfe' },
];

/**
 * One row per objective and step rule. Quadratic: the fixed step 1/L = 1/κ, and the start (−5, 5/κ),
 * from which steepest descent with exact steps zigzags at its worst rate ((κ − 1)/(κ + 1))².
 * Rosenbrock: the classic start (−1.2, 1) and lr = 1e-3 (stable: λmax of the Hessian is about 1000
 * near the minimum).
 */
const PROBLEMS: readonly Params[] = [
  ...KAPPAS.map((kappa) => ({ fn: 'quadratic', kappa, lr: 1 / kappa, x0: [-5, 5 / kappa] })),
  { fn: 'rosenbrock', lr: 1e-3, x0: [-1.2, 1] },
];

const cases = PROBLEMS.flatMap((p) => SEARCHES.map((s) => ({ ...p, ...s })));

/**
 * Gradient descent with a fixed step against grid, exact, backtracking (Armijo) and strong-Wolfe line
 * searches, on ill-conditioned quadratics (κ = 1 … 1000) and on Rosenbrock.
 */
export default defineExperiment({
  id: 'line-search',
  order: 7,
  title: 'Line search: fixed step, grid, exact, Armijo and strong Wolfe',
  description: [
    'Deep Learning §4.3 (Gradient-Based Optimization): the learning rate ε can be chosen in several ways. A ' +
      'popular approach is to set it to a small constant. Another is to evaluate f(x − ε∇ₓf(x)) for several values ' +
      'of ε and choose the one that gives the smallest objective value; this strategy is called a line search. ' +
      'The notebook states it in one sentence (line search では幾つかの ϵ に対して f(x−ϵ∇xf(x)) を計算して,目的関数が' +
      '最小となるような ϵ を選ぶ).',
    'Here gradient descent runs with five step rules: a fixed step (1/L, the largest safe constant for an ' +
      'L-smooth function: 1/κ for the quadratic, 1e-3 for Rosenbrock); the notebook’s grid search (the best of ' +
      '12 values of ε log-spaced from 10⁻⁴ to 10); an exact search (Brent’s method on φ(ε) = f(x − ε∇f)); backtracking that halves ε ' +
      'from 1 until the Armijo sufficient-decrease condition f(x − ε∇f) ≤ f(x) − c₁ε‖∇f‖² holds (c₁ = 1e-4); and a ' +
      'strong-Wolfe search, which also asks the slope to have shrunk (|φ′(ε)| ≤ c₂|φ′(0)|, c₂ = 0.9). Each runs ' +
      'until ‖∇f‖ ≤ 1e-6 (at most 50,000 steps).',
    'On the quadratic ½(x₀² + κx₁²) even exact steps zigzag across the valley: the error shrinks by ' +
      '((κ − 1)/(κ + 1))² per step from the worst start, so the number of steps grows linearly with κ, the ' +
      'condition number of the Hessian (§4.3.1: gradient descent is unaware of the curvature and wastes its ' +
      'steps). A line search saves the tuning of ε, not the steps; each step costs more function evaluations ' +
      '(nfev). On the Rosenbrock valley the fixed step must be tiny to stay stable where the valley is steep, ' +
      'and then crawls along its flat floor; the searches adapt the step to the local curvature.',
  ].join('\n\n'),
  notebook:
    'line search では幾つかの ϵ に対して f(x−ϵ∇xf(x)) を計算して,目的関数が最小となるような ϵ を選ぶ.',
  objective: { name: 'testbed', params: { fn: 'quadratic', kappa: null }, problem: namedProblem },
  optimizer: { method: 'gradient-descent', gradient: 'analytic', tol: 1e-6, maxIter: 50_000 },
  cases,
  trajectory: { max: 400 },
  plots: [
    {
      type: 'table',
      title: 'Steps and evaluations',
      caption: 'nit: steps; nfev / ngev: function and gradient evaluations, line searches included.',
      columns: ['fn', 'kappa', 'lineSearch', 'status', 'nit', 'nfev', 'ngev', 'fun', 'gradNorm'],
    },
    {
      type: 'contour',
      title: 'Trajectories on ½(x₀² + 10x₁²) from (−5, 0.5)',
      caption:
        'The fixed step 1/L = 1/κ removes the steep x₁ error in its first step (1 − κ/κ = 0) and then crawls along x₀ ' +
        '(factor 0.9 per step); the searches take longer steps and zigzag across the valley, the exact one at right ' +
        'angles.',
      where: { fn: 'quadratic', kappa: 10 },
      label: ['lineSearch'],
      domain: [
        [-5.5, 1.5],
        [-1.5, 1.5],
      ],
    },
    {
      type: 'convergence',
      title: 'f − f* against step, κ = 10',
      where: { fn: 'quadratic', kappa: 10 },
      y: 'gap',
      label: ['lineSearch'],
    },
    {
      type: 'line',
      title: 'Steps to ‖∇f‖ ≤ 1e-6 against κ',
      caption:
        'Linear in κ for every rule (slope 1 on log-log axes): the condition number, not the choice of step, sets ' +
        'the pace of gradient descent.',
      where: { fn: 'quadratic' },
      x: 'kappa',
      y: 'nit',
      series: 'lineSearch',
      logX: true,
      logY: true,
      xLabel: 'κ',
      yLabel: 'steps',
    },
    {
      type: 'line',
      title: 'Function evaluations against κ',
      caption:
        'Evaluations of f, line searches included. The fixed step evaluates f only to watch for divergence; its cost ' +
        'is one gradient per step (ngev in the table). Strong Wolfe also evaluates the gradient at each trial.',
      where: { fn: 'quadratic' },
      x: 'kappa',
      y: 'nfev',
      series: 'lineSearch',
      logX: true,
      logY: true,
      xLabel: 'κ',
      yLabel: 'nfev',
    },
    {
      type: 'contour',
      title: 'Trajectories on Rosenbrock from (−1.2, 1)',
      where: { fn: 'rosenbrock' },
      label: ['lineSearch'],
      domain: [
        [-1.5, 1.5],
        [-0.5, 1.5],
      ],
    },
    {
      type: 'convergence',
      title: 'f − f* against step, Rosenbrock',
      where: { fn: 'rosenbrock' },
      y: 'gap',
      label: ['lineSearch'],
    },
  ],
});
