import { illConditionedQuadratic } from '@numcomp/core';
import { describe, expect, it } from 'vitest';
import { adagrad, adam, minimize, momentum, nesterov, type Problem, rmsprop } from '../src/index.ts';
import { function2, sphere2 } from './_problems.ts';

/** f = (x − 3)² + 10(y + 1)², minimum (3, −1). */
const bowl: Problem = {
  f: (x) => (x[0]! - 3) ** 2 + 10 * (x[1]! + 1) ** 2,
  grad: (x, out = new Float64Array(2)) => {
    out[0] = 2 * (x[0]! - 3);
    out[1] = 20 * (x[1]! + 1);
    return out;
  },
};

describe('momentum (heavy ball)', () => {
  it('needs several times fewer iterations than gradient descent on diag(1, κ) with optimal parameters', () => {
    const ratios: number[] = [];
    for (const kappa of [10, 100, 1000]) {
      const q = illConditionedQuadratic(kappa);
      const gd = minimize(q, [1, 1], { lr: 2 / (1 + kappa), tol: 1e-8, maxIter: 100_000 });
      const s = Math.sqrt(kappa);
      const hb = minimize(q, [1, 1], {
        method: 'momentum',
        lr: 4 / (s + 1) ** 2,
        momentum: ((s - 1) / (s + 1)) ** 2,
        tol: 1e-8,
        maxIter: 100_000,
      });
      expect(gd.status).toBe('converged');
      expect(hb.status).toBe('converged');
      ratios.push(gd.nit / hb.nit);
    }
    // measured: 104/38, 1152/143, 12665/510 — the gap grows like √κ
    expect(ratios[0]).toBeGreaterThan(2.5);
    expect(ratios[1]).toBeGreaterThan(7);
    expect(ratios[2]).toBeGreaterThan(20);
  });

  it('is x_{k+1} = x_k − η∇f(x_k) + β(x_k − x_{k−1})', () => {
    const lr = 0.02;
    const beta = 0.7;
    const r = momentum(bowl, [0, 0], { lr, momentum: beta, maxIter: 30, record: true });
    let prev = [0, 0];
    let x = [0, 0];
    const g = new Float64Array(2);
    for (let k = 0; k < 30; k++) {
      bowl.grad!(Float64Array.from(x), g);
      const next = x.map((v, i) => v - lr * g[i]! + beta * (v - prev[i]!));
      prev = x;
      x = next;
      expect(r.trajectory!.x[k + 1]![0]).toBeCloseTo(x[0]!, 13);
      expect(r.trajectory!.x[k + 1]![1]).toBeCloseTo(x[1]!, 13);
    }
  });

  it('with momentum 0 is gradient descent, bit for bit', () => {
    const a = momentum(function2, [-3, 4], { lr: 0.1, momentum: 0, maxIter: 20 });
    expect(Array.from(a.x)).toEqual([-0.03458764513817675, 0.04611686018418694]);
  });
});

describe('nesterov', () => {
  it('reports the look-ahead point y_k = θ_k + βv_k of Sutskever et al. (2013)', () => {
    const lr = 0.02;
    const beta = 0.8;
    const r = nesterov(bowl, [0, 0], { lr, momentum: beta, maxIter: 25, record: true });
    // θ and v as in the paper: v ← βv − η∇f(θ + βv), θ ← θ + v
    let theta = [0, 0];
    let v = [0, 0];
    const g = new Float64Array(2);
    for (let k = 0; k < 25; k++) {
      bowl.grad!(Float64Array.from(theta.map((t, i) => t + beta * v[i]!)), g);
      v = v.map((vi, i) => beta * vi - lr * g[i]!);
      theta = theta.map((t, i) => t + v[i]!);
      const y = theta.map((t, i) => t + beta * v[i]!);
      expect(r.trajectory!.x[k + 1]![0]).toBeCloseTo(y[0]!, 12);
      expect(r.trajectory!.x[k + 1]![1]).toBeCloseTo(y[1]!, 12);
    }
  });

  it('converges faster than gradient descent on diag(1, 100) with β = (√κ − 1)/(√κ + 1), η = 1/L', () => {
    const q = illConditionedQuadratic(100);
    const gd = minimize(q, [1, 1], { lr: 1 / 100, tol: 1e-8, maxIter: 100_000 });
    const nag = minimize(q, [1, 1], {
      method: 'nesterov',
      lr: 1 / 100,
      momentum: 9 / 11,
      tol: 1e-8,
      maxIter: 100_000,
    });
    expect(nag.status).toBe('converged');
    expect(gd.nit / nag.nit).toBeGreaterThan(5);
  });
});

describe('adagrad, rmsprop, adam', () => {
  // References: the update formulas transcribed in NumPy (float64), 5 steps from (0, 0) on the bowl.
  it('adam(bowl, (0, 0), { lr: 0.1, maxIter: 5 }) matches the paper’s Algorithm 1 in NumPy', () => {
    const r = adam(bowl, [0, 0], { lr: 0.1, maxIter: 5 });
    expect(r.x[0]).toBeCloseTo(0.4982205437727129, 14);
    expect(r.x[1]).toBeCloseTo(-0.49203634313224887, 14);
  });

  it('rmsprop(bowl, (0, 0), { lr: 0.01, maxIter: 5 }) matches Hinton’s update in NumPy (ρ 0.9)', () => {
    const r = rmsprop(bowl, [0, 0], { lr: 0.01, maxIter: 5 });
    expect(r.x[0]).toBeCloseTo(0.1058157523761238, 14);
    expect(r.x[1]).toBeCloseTo(-0.10449329006467643, 14);
  });

  it('adagrad(bowl, (0, 0), { lr: 0.1, maxIter: 5 }) matches Duchi et al.’s diagonal update in NumPy', () => {
    const r = adagrad(bowl, [0, 0], { lr: 0.1, maxIter: 5 });
    expect(r.x[0]).toBeCloseTo(0.31665990727662807, 14);
    expect(r.x[1]).toBeCloseTo(-0.30228513795506984, 14);
  });

  it('the first Adam and AdaGrad steps have length lr per coordinate whatever the gradient scale', () => {
    for (const fn of [adam, adagrad]) {
      const r = fn(bowl, [0, 0], { lr: 0.1, maxIter: 1 });
      expect(r.x[0]).toBeCloseTo(0.1, 8);
      expect(r.x[1]).toBeCloseTo(-0.1, 8);
    }
    // RMSProp's first step is lr/√(1 − ρ)
    const r = rmsprop(bowl, [0, 0], { lr: 0.01, rho: 0.99, maxIter: 1 });
    expect(r.x[0]).toBeCloseTo(0.01 / Math.sqrt(0.01), 8);
  });

  it('the extras beta2, rho and epsilon are used', () => {
    const a = adam(bowl, [0, 0], { lr: 0.1, maxIter: 5 });
    const b = adam(bowl, [0, 0], { lr: 0.1, maxIter: 5, beta2: 0.9 });
    expect(b.x[0]).not.toBe(a.x[0]);
    const c = adagrad(sphere2, [1, 1], { lr: 0.1, maxIter: 1, epsilon: 2 });
    // g = 2, step = 0.1·2/(2 + 2)
    expect(c.x[0]).toBeCloseTo(0.95, 15);
  });

  it('each converges on the bowl from (0, 0) to 1e-6 with a suitable rate', () => {
    const runs = [
      minimize(bowl, [0, 0], { method: 'adam', lr: 0.05, tol: 1e-6, maxIter: 20_000 }),
      minimize(bowl, [0, 0], { method: 'adagrad', lr: 1, tol: 1e-6, maxIter: 20_000 }),
      minimize(bowl, [0, 0], {
        method: 'rmsprop',
        lr: 0.01,
        tol: 1e-6,
        maxIter: 20_000,
        schedule: { type: 'exponential', decay: 0.999 },
      }),
    ];
    for (const r of runs) {
      expect(r.status).toBe('converged');
      expect(r.x[0]).toBeCloseTo(3, 5);
      expect(r.x[1]).toBeCloseTo(-1, 5);
    }
  });
});
