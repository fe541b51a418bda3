// An optimizer experiment's grid and cases are typed with minimize's own option types.
import { describe, expect, it } from 'vitest';
import { defineExperiment } from '../src/experiment/defineExperiment.ts';
import type { CaseRow, OptimizerGrid } from '../src/types.ts';

describe('typed experiment definitions', () => {
  it('cases and grid take only the values minimize declares (a type error otherwise)', () => {
    // @ts-expect-error: 'adamw' is not a method of minimize
    const bad: CaseRow = { method: 'adamw' };
    // @ts-expect-error: lr is a number
    const badGrid: OptimizerGrid = { lr: ['fast'] };
    const good: CaseRow = { method: 'adam', beta1: 0.8, kappa: 10 };
    const grid: OptimizerGrid = { lr: [0.1, 0.2], method: ['bfgs', 'adam'], kappa: [1, 10] };
    const def = defineExperiment({
      id: 't',
      title: 't',
      description: '',
      objective: 'sphere',
      optimizer: { x0: [1, 1] },
      grid,
      cases: [good],
    });
    expect([def.cases?.length, bad.method, badGrid.lr?.length]).toEqual([1, 'adamw', 1]);
  });
});
