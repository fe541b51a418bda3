import type { Params, RunRecord } from '@numcomp/runner';
import { param } from '@numcomp/runner/experiment';
import { beforeAll, describe, expect, it } from 'vitest';
import { reportOf, runPoints, sectionRows } from './_harness.ts';

let records: RunRecord[];
beforeAll(async () => {
  records = await runPoints('learning-rate');
});

const where = (m: Params) =>
  records.filter((r) =>
    Object.entries(m).every(([k, v]) => JSON.stringify(param(r.params, k)) === JSON.stringify(v)),
  );
const notebook = (lr: number) => where({ kappa: 1, maxIter: 20, x0: [-3, 4], lr })[0]!;

describe('learning-rate', () => {
  it('runs every point', () => {
    expect(records).toHaveLength(2 * 2 * 33 * 17);
    expect(records.some((r) => r.status === 'error')).toBe(false);
  });

  it('ends the notebook’s three runs where its NumPy code ends them, bit for bit', async () => {
    // NumPy, the notebook's gradient_descent(function_2, [-3.0, 4.0], lr, 20) with its numerical_gradient.
    expect(notebook(0.01).x).toEqual([-2.0028239152637823, 2.6704318870183172]);
    expect(notebook(0.1).x).toEqual([-0.03458764513817675, 0.04611686018418694]);
    expect(notebook(1).x).toEqual([-3, 4]);
    for (const lr of [0.01, 0.1, 1]) expect(notebook(lr).nit).toBe(20);
    const rows = sectionRows(await reportOf('learning-rate', records), 'The notebook’s end points');
    expect(rows.map((q) => q[3])).toEqual(['yes', 'yes', 'yes']);
    // A sweep without lr = 0.01 and 0.1 (say lr=logspace(-3,0,30)) says "not run", never "no".
    const without = records.filter((r) => ![0.01, 0.1].includes(param(r.params, 'lr') as number));
    const partial = sectionRows(await reportOf('learning-rate', without), 'The notebook’s end points');
    expect(partial.map((q) => q[3])).toEqual(['not run', 'not run', 'yes']);
  });

  it('records the bounce of lr = 1 between (−3, 4) and (3, −4)', () => {
    const t = notebook(1).trajectory!;
    expect(t.iter).toEqual(Array.from({ length: 21 }, (_, k) => k));
    // x − 1.0·∇f(x) = −x up to the rounding of the numerical gradient; every other step undoes it exactly.
    t.x.forEach((p, k) => {
      if (k % 2 === 0) expect(p).toEqual([-3, 4]);
      else expect(p).toEqual([expect.closeTo(3, 10), expect.closeTo(-4, 10)]);
    });
  });

  it('converges on x₀² + x₁² exactly for lr below the bound 2/λmax = 1 (and fast enough for 1,000 steps)', () => {
    for (const r of where({ kappa: 1, maxIter: 1000 })) {
      const lr = param(r.params, 'lr') as number;
      const expected = lr > 1 ? 'diverged' : lr === 1 || lr < 0.008 ? 'max-iter' : 'converged';
      expect([lr, r.status]).toEqual([lr, expected]);
    }
  });

  it('has two bounds on x₀² + 10x₁²: between 0.1 and 1 only starts on the x₀ axis converge', () => {
    for (const r of where({ kappa: 10, maxIter: 1000 })) {
      const lr = param(r.params, 'lr') as number;
      const onAxis = (param(r.params, 'x0') as number[])[1] === 0;
      if (lr > 0.1 && lr < 1)
        expect([lr, onAxis, r.status]).toEqual([lr, onAxis, onAxis ? 'converged' : 'diverged']);
      if (lr > 1) expect(r.status).toBe('diverged');
      if (lr >= 0.008 && lr < 0.1) expect(r.status).toBe('converged');
    }
  });

  it('takes the fewest steps near lr = 0.5 = 2/(λmin + λmax)', () => {
    const runs = where({ kappa: 1, maxIter: 1000, x0: [-3, 4] }).filter((r) => r.status === 'converged');
    const fastest = runs.reduce((a, b) => (b.nit! < a.nit! ? b : a));
    expect(param(fastest.params, 'lr')).toBeGreaterThan(0.4);
    expect(param(fastest.params, 'lr')).toBeLessThan(0.6);
  });
});
