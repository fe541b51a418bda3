import type { Experiment } from '../types.js';

/**
 * Declares an experiment: a module in `experiments/` default-exports what this returns. It only
 * types the definition (like Vite's `defineConfig`); the runner validates it, with field paths, when
 * it loads the module, before any run.
 *
 * An optimizer experiment gives `objective` (a `@numcomp/core` test function name, or a problem the
 * module builds) and `optimizer` (fixed options of `minimize`); a function experiment gives `run`.
 * `grid` sweeps any option or objective parameter; `cases` lists rows that go together.
 *
 * @param definition - The experiment.
 * @returns The same object, typed.
 * @example
 * ```ts
 * export default defineExperiment({
 *   id: 'learning-rate',
 *   title: 'Gradient descent and the learning rate',
 *   description: 'The notebook's three learning rates from (−3, 4).',
 *   objective: 'sphere',
 *   optimizer: { method: 'gradient-descent', gradient: 'numerical', maxIter: 20, x0: [-3, 4] },
 *   grid: { lr: values(0.01, 0.1, 1) },
 *   plots: [{ type: 'contour', axes: true }],
 * });
 * ```
 */
export function defineExperiment<const T extends Experiment>(definition: T): T {
  return definition;
}
