import { defineExperiment, logspace, type Params, type PlotSpec } from '@numcomp/runner/experiment';
import { namedProblem } from './_problems.js';

/** The test functions and their usual starting points. */
const FUNCTIONS = [
  { fn: 'rosenbrock', x0: [-1.2, 1], title: 'Rosenbrock from (−1.2, 1)' },
  { fn: 'beale', x0: [1, 1], title: 'Beale from (1, 1)' },
  { fn: 'himmelblau', x0: [0, 0], title: 'Himmelblau from (0, 0)' },
  { fn: 'quadratic', kappa: 100, x0: [-5, 0.05], title: 'Quadratic ½(x₀² + 100x₁²) from (−5, 0.05)' },
] as const;

type FirstOrder = 'gradient-descent' | 'momentum' | 'nesterov' | 'adagrad' | 'rmsprop' | 'adam';

/** The learning rates tried: 10^-4, 10^-3.5, …, 1 (`logspace(-4, 0, 9)`, as `lr=logspace(-4,0,9)` gives them). */
const RATES = logspace(-4, 0, 9);

/**
 * log10 of the learning rate of each first-order method: for each function the rate of {@link RATES}
 * with the fewest steps to ‖∇f‖ ≤ 1e-5 (RMSProp reaches it only on Himmelblau: its steps keep a size
 * of about lr, so elsewhere the value is the rate with the lowest final f).
 */
const LOG_LR: Readonly<Record<string, Readonly<Record<FirstOrder, number>>>> = {
  rosenbrock: { 'gradient-descent': -3, momentum: -2.5, nesterov: -3, adagrad: 0, rmsprop: -4, adam: -0.5 },
  beale: { 'gradient-descent': -1.5, momentum: -2, nesterov: -2, adagrad: 0, rmsprop: -4, adam: -0.5 },
  himmelblau: { 'gradient-descent': -2, momentum: -2.5, nesterov: -2, adagrad: 0, rmsprop: -1, adam: 0 },
  quadratic: { 'gradient-descent': -2, momentum: -2, nesterov: -2, adagrad: 0, rmsprop: -3.5, adam: -0.5 },
};

const lrOf = (fn: string, method: FirstOrder): number => RATES[(LOG_LR[fn]![method] + 4) * 2]!;

const FIRST_ORDER: readonly FirstOrder[] = [
  'gradient-descent',
  'momentum',
  'nesterov',
  'adagrad',
  'rmsprop',
  'adam',
];
const SECOND_ORDER = ['newton', 'bfgs', 'lbfgs', 'conjugate-gradient', 'nelder-mead'] as const;

const cases: Params[] = FUNCTIONS.flatMap(({ title: _, ...f }) => [
  ...FIRST_ORDER.map((method) => ({
    ...f,
    method,
    lr: lrOf(f.fn, method),
    maxIter: 50_000,
    ...(method === 'momentum' || method === 'nesterov' ? { momentum: 0.9 } : {}),
  })),
  ...SECOND_ORDER.map((method) => ({ ...f, method })),
]);

const perFunction: PlotSpec[] = FUNCTIONS.flatMap(({ fn, title }): PlotSpec[] => [
  {
    type: 'contour',
    title: `Trajectories: ${title}`,
    where: { fn },
    label: ['method'],
    maxRuns: 11,
  },
  {
    type: 'convergence',
    title: `f − f* against step: ${title}`,
    where: { fn },
    y: 'gap',
    label: ['method'],
    colorBy: 'method',
  },
]);

/**
 * Eleven methods of `minimize` on four test functions: first-order methods at their best learning
 * rate, Newton, quasi-Newton (BFGS, L-BFGS), nonlinear conjugate gradients and Nelder–Mead.
 */
export default defineExperiment({
  id: 'optimizers',
  order: 9,
  title: 'Optimizers compared on the test functions',
  description: [
    'Deep Learning §4.3 and §4.3.1 (Beyond the Gradient: Jacobian and Hessian Matrices). Gradient descent uses ' +
      'only the gradient, so it cannot tell a steep direction with strong curvature from a gentle one: when the ' +
      'Hessian is poorly conditioned, the step size must be small enough for the steepest direction and progress ' +
      'along the flat ones is slow. Newton’s method uses the second-order Taylor expansion ' +
      'f(x) ≈ f(x⁽⁰⁾) + (x − x⁽⁰⁾)ᵀ∇f + ½(x − x⁽⁰⁾)ᵀH(x − x⁽⁰⁾) and jumps to its minimum, ' +
      'x* = x⁽⁰⁾ − H⁻¹∇f: one step on a positive definite quadratic, a few iterations near any minimum where f is ' +
      'locally quadratic. Optimization algorithms that use only the gradient are first-order, those that also use ' +
      'the Hessian second-order.',
    'Compared here on Rosenbrock’s banana valley, Beale, Himmelblau (four global minima) and an ill-conditioned ' +
      'quadratic (κ = 100), until ‖∇f‖ ≤ 1e-5: gradient descent, heavy-ball momentum and Nesterov momentum (0.9), ' +
      'AdaGrad, RMSProp and Adam, each at its best learning rate of 10⁻⁴, 10^−3.5, …, 1 for that function ' +
      '(at most 50,000 steps); Newton’s method with a line search (and a modified Cholesky factorization where ' +
      'H is not positive definite); BFGS and L-BFGS, which build a curvature model from successive gradients; ' +
      'nonlinear conjugate gradients; and Nelder–Mead, which uses only values of f.',
    'Newton, BFGS, L-BFGS and conjugate gradients need at most a few tens of iterations; the first-order methods ' +
      'need hundreds to tens of thousands in the valleys of Rosenbrock, Beale and the quadratic (Himmelblau’s ' +
      'basins are rounder). Nelder–Mead needs no gradient but more evaluations. RMSProp’s normalized steps stay about lr ' +
      'long, so with a constant rate it circles the minimum without meeting the tolerance (except on Himmelblau; ' +
      'elsewhere its rate is the one with the lowest final f). From (0, 0) on ' +
      'Himmelblau, Newton’s method and heavy-ball momentum end at another of its four global minima, ' +
      '(3.584, −1.848), than the others, (3, 2). ' +
      'Try other rates with `pnpm sweep optimizers lr=logspace(-4,0,9)`.',
  ].join('\n\n'),
  objective: { name: 'testbed', params: { fn: 'rosenbrock', kappa: null }, problem: namedProblem },
  optimizer: { tol: 1e-5 },
  cases,
  plots: [
    {
      type: 'table',
      title: 'Steps and evaluations',
      caption:
        'nit: iterations; nfev, ngev, nhev: evaluations of f, ∇f and the Hessian (line searches included).',
      columns: ['fn', 'method', 'lr', 'status', 'nit', 'nfev', 'ngev', 'nhev', 'fun', 'x'],
    },
    {
      type: 'heatmap',
      title: 'Iterations to ‖∇f‖ ≤ 1e-5',
      x: 'method',
      y: 'fn',
      value: 'nit',
      logValue: true,
    },
    {
      type: 'heatmap',
      title: 'Evaluations of f',
      x: 'method',
      y: 'fn',
      value: 'nfev',
      logValue: true,
    },
    { type: 'heatmap', title: 'Outcome', x: 'method', y: 'fn', value: 'status' },
    ...perFunction,
  ],
});
