import type { RunRecord } from '@numcomp/runner';
import { beforeAll, describe, expect, it } from 'vitest';
import { chapter, where } from './_chapter.ts';
import { reportHtml, runPoints } from './_harness.ts';

interface Ref {
  eigenvalues: number[];
  condition: number;
  steps: Record<string, number>;
  path036: number[][];
}
const ref = chapter<Ref>('canyon');

let records: RunRecord[];
beforeAll(async () => {
  records = await runPoints('canyon');
});

describe('canyon (Figure 4.6)', () => {
  it('runs 42 learning rates and Newton on a Hessian of condition number 5 (NumPy’s eigenvalues 1 and 5)', () => {
    expect(records).toHaveLength(43);
    expect(ref.eigenvalues[0]).toBeCloseTo(1, 14);
    expect(ref.eigenvalues[1]).toBeCloseTo(5, 14);
    expect(ref.condition).toBeCloseTo(5, 13);
  });

  it('zig-zags with ε = 0.36 through NumPy’s iterates, bit for bit', () => {
    const r = where(records, { method: 'gradient-descent', lr: 0.36 })[0]!;
    const t = r.trajectory!;
    ref.path036.forEach((p, k) => {
      expect([k, t.x[k]]).toEqual([k, p]);
    });
    // Across the canyon (along (1, 1)) the error changes sign at every step: 1 − 0.36·5 = −0.8.
    const across = ref.path036.map((p) => p[0]! + p[1]!);
    for (let k = 1; k < 20; k++) expect(Math.sign(across[k]!)).toBe(-Math.sign(across[k - 1]!));
  });

  it('takes NumPy’s number of steps at each learning rate; diverges past 2/λmax = 0.4', () => {
    for (const r of where(records, { method: 'gradient-descent' })) {
      const lr = r.params.optimizer !== undefined ? ((r.params.optimizer as { lr: number }).lr as number) : 0;
      const want = ref.steps[String(lr)];
      // 0.39999999999999997 (linspace's 0.4): |1 − 5ε| a hair below 1, too slow for 1,000 steps.
      if (lr < 0.39999) expect([lr, r.status, r.nit]).toEqual([lr, 'converged', want]);
      else expect([lr, r.status]).toEqual([lr, lr < 0.4 ? 'max-iter' : 'diverged']);
    }
    const best = Object.entries(ref.steps).reduce((a, b) => (b[1] < a[1] ? b : a));
    expect(Number(best[0])).toBeCloseTo(0.33, 12);
  });

  it('Newton lands on the minimum in one step', () => {
    const r = where(records, { method: 'newton' })[0]!;
    expect([r.status, r.nit]).toEqual(['converged', 1]);
    expect(Math.hypot(...r.x!)).toBeLessThan(1e-15);
  });

  it('captions the figure as the book’s Figure 4.6', async () => {
    expect(await reportHtml('canyon', records)).toContain(
      'Figure 4.6: gradient descent fails to exploit the curvature',
    );
  });
});
