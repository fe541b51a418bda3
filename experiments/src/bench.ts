import { defineExperiment, logspace, pointsGrid } from '@numcomp/runner/experiment';

/**
 * The speed benchmark: the notebook's gradient descent (numerical gradient, h = 1e-4) on the 2-D sum
 * of squares, swept over lr = logspace(−3, 0, 10) × starting points on a 100 × 100 grid over [−4, 4]²,
 * 1,000 steps each, tol 0: 100,000 runs, no trajectories. Not in the default suite:
 * `pnpm sweep bench` (and `pnpm bench` in apps/runner) run it.
 */
export default defineExperiment({
  id: 'bench',
  title: 'Benchmark: 100,000 runs of the notebook’s gradient descent',
  description:
    'The notebook’s gradient descent with its numerical gradient (central differences, h = 1e-4) on f(x) = x₀² + x₁², ' +
    'for 10 learning rates from 0.001 to 1 and 10,000 starting points on a 100 × 100 grid over [−4, 4]², ' +
    '1,000 steps each with tol 0: 100,000 runs, 10⁸ steps. It measures the runner. With tol 0 a run only ' +
    '"converges" when its numerical gradient is exactly zero (lr near 0.5 gets there in under 20 steps); ' +
    'small learning rates are still creeping after 1,000 steps, and lr = 1 bounces between x0 and −x0 for ever.',
  default: false,
  objective: 'sphere',
  optimizer: { method: 'gradient-descent', gradient: 'numerical', h: 1e-4, maxIter: 1000, tol: 0 },
  grid: {
    lr: logspace(-3, 0, 10),
    x0: pointsGrid(
      [
        [-4, 4],
        [-4, 4],
      ],
      100,
    ),
  },
  plots: [
    {
      type: 'heatmap',
      title: 'Largest final f over lr × x0[0] (all x0[1])',
      x: 'lr',
      y: 'x0[0]',
      value: 'fun',
      reduce: 'max',
      logX: true,
      logValue: true,
    },
    { type: 'heatmap', title: 'Outcome over lr × x0[0]', x: 'lr', y: 'x0[0]', value: 'status', logX: true },
    {
      type: 'table',
      title: 'Slowest learning rate: worst runs',
      where: { lr: 0.001 },
      sort: 'fun',
      order: 'desc',
      limit: 10,
    },
  ],
});
