import { numericalDiff, quadratic } from '@numcomp/core';
import { minimize } from '@numcomp/optimizers';
import { defineExperiment, linspace, type Params } from '@numcomp/runner/experiment';

/** f(x) = ½x², the book's Figure 4.1, as a problem for `minimize` (f′ = x, f″ = 1). */
const HALF = quadratic([[1]], [0]);
const half = (x: number): number => 0.5 * x * x;

/** The learning rates of the xₖ plot: each step multiplies x by 1 − lr. */
const RATES = [0.1, 0.3, 0.5, 1.5, 1.9, 2.1];
/** The figure's gradient descent: lr 0.3 from ±2. */
const LR = 0.3;
/** Steps of every run. */
const STEPS = 20;

/**
 * One point: on the curve (`part: 'curve'`, f and its central-difference derivative at `x`) or the
 * iterate xₖ of gradient descent from `x0` after `k` steps (`part: 'descent'`).
 */
function run(point: Params): Params {
  if (point.part === 'curve') {
    const x = point.x as number;
    return { f: half(x), 'f′': numericalDiff(half, x) };
  }
  const k = point.k as number;
  const r = minimize(HALF, [point.x0 as number], {
    method: 'gradient-descent',
    lr: point.lr as number,
    maxIter: k,
    tol: 0,
  });
  const xk = r.x[0]!;
  return { xk, f: r.fun, 'f′': r.grad[0]!, distance: Math.abs(xk) };
}

const curve = linspace(-2, 2, 81).map((x) => ({ part: 'curve', x }));
const steps = (x0: number, lr: number, n: number) =>
  Array.from({ length: n + 1 }, (_, k) => ({ part: 'descent', x0, lr, k }));

/** A horizontal segment at height h from x = a to x = b. */
const segment = (a: number, b: number, h: number): [number, number][] => [
  [a, h],
  [b, h],
];

/** Gradient descent on f(x) = ½x²: the derivative says which way is down (Figure 4.1). */
export default defineExperiment({
  id: 'gradient-descent-1d',
  order: 11,
  figures: ['4.1'],
  title: 'Gradient descent follows the derivative downhill',
  description: [
    'Deep Learning §4.3 (Gradient-Based Optimization). “The derivative is therefore useful for minimizing a ' +
      'function because it tells us how to change x in order to make a small improvement in y. For example, we ' +
      'know that f(x − ε sign(f′(x))) is less than f(x) for small enough ε. We can thus reduce f(x) by moving x ' +
      'in small steps with the opposite sign of the derivative. This technique is called gradient descent ' +
      '(Cauchy, 1847).” When f′(x) = 0 the derivative provides no information about which direction to move: ' +
      'points where f′(x) = 0 are critical points, or stationary points.',
    'Figure 4.1 draws f(x) = ½x² and f′(x) = x on [−2, 2]: for x < 0, f′(x) < 0, so f decreases moving right; ' +
      'for x > 0, f′(x) > 0, so it decreases moving left; at the global minimum x = 0, f′(x) = 0 and gradient ' +
      'descent halts. Here f′ is numcomp’s central difference (h = 1e-4; exact for a quadratic up to ' +
      'rounding), and gradient descent x ← x − ε f′(x) runs from x₀ = ±2 with ε = 0.3: each step multiplies x ' +
      'by 1 − ε = 0.7, so the iterates walk down both sides of the parabola to 0. The last plot sweeps ε: ' +
      'the factor |1 − ε| is below 1 exactly for 0 < ε < 2 = 2/f″, the stability bound of a quadratic ' +
      '(see the lipschitz-convexity experiment for the general one, ε < 2/L).',
  ].join('\n\n'),
  labels: { xk: 'xₖ', f: 'f(x)', 'f′': 'f′(x)', x0: 'x₀', lr: 'learning rate ε', k: 'step k' },
  cases: [...curve, ...steps(-2, LR, STEPS), ...RATES.flatMap((lr) => steps(2, lr, STEPS))],
  run,
  plots: [
    {
      type: 'line',
      title: 'Figure 4.1: f(x) = ½x² and its derivative f′(x) = x',
      caption:
        'Figure 4.1 (Deep Learning, ch. 4): for x < 0, f′(x) < 0, so we can decrease f by moving rightward; for ' +
        'x > 0, f′(x) > 0, so we can decrease f by moving leftward. At the global minimum x = 0, f′(x) = 0: ' +
        'gradient descent halts there.',
      where: { part: 'curve' },
      x: 'x',
      y: ['f', 'f′'],
      xLabel: 'x',
      yLabel: 'f(x), f′(x)',
      overlays: [
        { type: 'vline', x: 0, label: 'minimum: f′(0) = 0' },
        { type: 'hline', y: 0 },
        { type: 'curve', points: segment(-1.9, -0.7, 1.4), label: 'x < 0: f′ < 0, move right →' },
        { type: 'curve', points: segment(0.7, 1.9, 1.4), label: '← move left: f′ > 0, x > 0' },
      ],
    },
    {
      type: 'line',
      title: 'Gradient descent from x₀ = −2 and 2, ε = 0.3, on f(x) = ½x²',
      caption:
        'Each iterate xₖ₊₁ = xₖ − 0.3·f′(xₖ) = 0.7·xₖ, drawn at (xₖ, f(xₖ)) on the curve: 20 steps bring both runs to ' +
        '|x| = 2·0.7²⁰ ≈ 0.0016.',
      where: { part: 'descent', lr: LR },
      x: 'xk',
      y: 'f',
      series: 'x0',
      xLabel: 'xₖ',
      yLabel: 'f(xₖ)',
      overlays: [
        {
          type: 'curve',
          points: linspace(-2, 2, 41).map((x) => [x, half(x)] as [number, number]),
          label: 'f(x) = ½x²',
        },
      ],
    },
    {
      type: 'line',
      title: 'The iterate xₖ against step k, from x₀ = 2, for five learning rates',
      caption:
        'Each step multiplies x by 1 − ε. ε = 0.1 creeps (0.9ᵏ) and ε = 0.5 halves x; past ε = 1 each step ' +
        'overshoots the minimum, so xₖ alternates in sign: shrinking for ε = 1.5 and 1.9 (|1 − ε| < 1), growing ' +
        'for ε = 2.1 (|1 − ε| = 1.1), which leaves the frame. ε = 2 = 2/f″ is the edge of stability.',
      where: { part: 'descent', x0: 2, lr: { in: [0.1, 0.5, 1.5, 1.9, 2.1] } },
      x: 'k',
      y: 'xk',
      series: 'lr',
      xLabel: 'step k',
      yLabel: 'xₖ',
      yDomain: [-3, 3],
      overlays: [{ type: 'hline', y: 0, label: 'minimum x = 0' }],
    },
  ],
});
