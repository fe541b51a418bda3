import { defineExperiment, values } from '@numcomp/runner/experiment';

/**
 * A small sweep that shows every part of a report: the notebook's three learning rates from two
 * starting points on the sum of squares. Not in the default suite: `pnpm sweep demo`.
 */
export default defineExperiment({
  id: 'demo',
  title: 'Demo: learning rate × starting point',
  description:
    'Gradient descent with the numerical gradient on f(x) = x₀² + x₁², 20 steps, for the notebook’s learning ' +
    'rates 0.01, 0.1 and 1.0, from (−3, 4) and from (2, −1). Small enough to read every run: lr 0.01 creeps, ' +
    'lr 0.1 converges, lr 1.0 bounces between x0 and −x0.',
  notebook: '初期値 (−3.0, 4.0), 学習率 η = 0.1: 🙆 / η = 0.01: 小さすぎた 🙀 / η = 1.0: デカすぎた 🙀',
  default: false,
  objective: 'sphere',
  optimizer: { method: 'gradient-descent', gradient: 'numerical', maxIter: 20, tol: 0 },
  grid: { lr: values(0.01, 0.1, 1), x0: values([-3, 4], [2, -1]) },
  trajectory: { max: 21 },
  plots: [
    {
      type: 'contour',
      title: 'Trajectories',
      axes: true,
      domain: [
        [-4.5, 4.5],
        [-4.5, 4.5],
      ],
    },
    { type: 'convergence', title: 'f against step', y: 'f' },
    { type: 'heatmap', title: 'Final f', x: 'lr', y: 'x0', value: 'fun', logX: true, logValue: true },
    { type: 'table', title: 'Runs', columns: ['lr', 'x0', 'status', 'fun', 'nit', 'x'] },
  ],
});
