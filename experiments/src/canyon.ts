import { defineExperiment, including, linspace, type Overlay } from '@numcomp/runner/experiment';

/**
 * f(x) = ½xᵀAx with A = [[3, 2], [2, 3]]: eigenvalues 5 along (1, 1)/√2 and 1 along (1, −1)/√2, condition
 * number 5, as in the book's Figure 4.6.
 */
const A = [
  [3, 2],
  [2, 3],
];
/** The start: far along the canyon floor (the (1, −1) direction) and up one wall. */
const X0 = [-2.4, 0.6];
/** The figure's "somewhat too large" step: 1 − 0.36·5 = −0.8, so each step overshoots the floor. */
const LR_FIGURE = 0.36;
/** The three steps compared: too small, the best fixed step 2/(λmin + λmax) = 1/3, and the figure's. */
const RATES = [0.1, 1 / 3, LR_FIGURE];
/** The step sweep, up to the stability bound 2/λmax = 0.4 and past it, with the three steps drawn. */
const SWEEP = including(linspace(0.02, 0.42, 41), ...RATES);

/** A line through the origin along (c, s), from −r to r. */
const through = (c: number, s: number, r: number, label: string): Overlay => ({
  type: 'curve',
  points: [
    [-r * c, -r * s],
    [r * c, r * s],
  ],
  label,
});
const EIGEN: readonly Overlay[] = [
  through(Math.SQRT1_2, Math.SQRT1_2, 2.6, 'most curvature: λ = 5 along (1, 1)'),
  through(Math.SQRT1_2, -Math.SQRT1_2, 3.6, 'least curvature: λ = 1 along (1, −1)'),
];
const DOMAIN: [[number, number], [number, number]] = [
  [-3, 3],
  [-2.5, 2.5],
];

/** Gradient descent in a canyon: Figure 4.6, and Newton's one step. */
export default defineExperiment({
  id: 'canyon',
  order: 16,
  figures: ['4.6'],
  title: 'Gradient descent zig-zags down a canyon (condition number 5)',
  description: [
    'Deep Learning §4.3.1. “When there are multiple input dimensions … the condition number of the Hessian at ' +
      'this point measures how much the second derivatives differ from each other. When the Hessian has a poor ' +
      'condition number, gradient descent performs poorly. This is because in one direction, the derivative ' +
      'increases rapidly, while in another direction, it increases slowly. Gradient descent is unaware of this ' +
      'change in the derivative so it does not know that it needs to explore preferentially in the direction ' +
      'where the derivative remains negative for longer. It also makes it difficult to choose a good step size. ' +
      'The step size must be small enough to avoid overshooting the minimum and going uphill in directions with ' +
      'strong positive curvature. This usually means that the step size is too small to make significant progress ' +
      'in other directions with less curvature.” (Figure 4.6.)',
    'Here f(x) = ½xᵀAx with A = [[3, 2], [2, 3]]: the most curvature (λ = 5) along (1, 1), the least (λ = 1) along ' +
      '(1, −1), condition number 5 — a long canyon. Gradient descent from (−2.4, 0.6) multiplies the error along ' +
      'each eigenvector by 1 − ελ per step: with ε = 0.36, “somewhat too large”, that is −0.8 across the canyon ' +
      '(each step overshoots the floor and lands on the opposite wall) and 0.64 along it. ε = 1/3 = 2/(λmin + ' +
      'λmax) balances the two (factors −⅔ and ⅔, the best a fixed step can do); ε = 0.1 never overshoots but ' +
      'crawls along the floor (0.9 per step). Past 2/λmax = 0.4 it diverges across the canyon. “This issue can be ' +
      'resolved by using information from the Hessian matrix to guide the search. The simplest method for doing ' +
      'so is known as Newton’s method”: x* = x − H⁻¹∇f, which on a quadratic lands on the minimum in one step.',
  ].join('\n\n'),
  labels: { lr: 'learning rate ε', nit: 'steps to ‖∇f‖ ≤ 1e-8' },
  objective: { name: 'quadratic', params: { A, b: [0, 0] } },
  optimizer: { maxIter: 1000, tol: 1e-8, x0: X0 },
  cases: [...SWEEP.map((lr) => ({ method: 'gradient-descent' as const, lr })), { method: 'newton' as const }],
  trajectory: { max: 200 },
  plots: [
    {
      type: 'contour',
      title: 'Figure 4.6: gradient descent in a canyon, ε = 0.36',
      caption:
        'Figure 4.6: gradient descent fails to exploit the curvature information contained in the Hessian matrix. ' +
        'The Hessian of this quadratic has condition number 5: the most curvature is in the direction (1, 1) and the ' +
        'least in the direction (1, −1). The path of gradient descent wastes time repeatedly descending canyon ' +
        'walls, because they are the steepest feature: the step size is somewhat too large, so it overshoots the ' +
        'bottom and descends the opposite wall on the next iteration.',
      where: { method: 'gradient-descent', lr: LR_FIGURE },
      domain: DOMAIN,
      scale: 'linear',
      label: ['lr'],
      overlays: EIGEN,
    },
    {
      type: 'contour',
      title: 'Three fixed steps from (−2.4, 0.6)',
      caption:
        'ε = 0.1 slides down the wall and crawls along the floor; ε = 1/3 overshoots by as much as it falls short; ' +
        'ε = 0.36 zig-zags.',
      where: { method: 'gradient-descent', lr: { in: RATES } },
      domain: DOMAIN,
      scale: 'linear',
      label: ['lr'],
      overlays: EIGEN,
    },
    {
      type: 'contour',
      title: 'Newton’s method from (−2.4, 0.6): one step',
      caption:
        'x − H⁻¹∇f = x − A⁻¹Ax = 0: the Hessian rescales each eigen-direction by its curvature, and the step lands on ' +
        'the minimum of the quadratic.',
      where: { method: 'newton' },
      domain: DOMAIN,
      scale: 'linear',
      label: ['method'],
      overlays: EIGEN,
    },
    {
      type: 'convergence',
      title: 'f against step, the three fixed steps',
      caption:
        'Linear convergence at the rate max|1 − ελ|: 0.9 (ε = 0.1), ⅔ (ε = 1/3), 0.8 (ε = 0.36); f falls by the ' +
        'square of it per step.',
      where: { method: 'gradient-descent', lr: { in: RATES } },
      y: 'f',
      label: ['lr'],
    },
    {
      type: 'line',
      title: 'Steps to ‖∇f‖ ≤ 1e-8 against the learning rate',
      caption:
        'Fewest steps near ε = 2/(λmin + λmax) = 1/3, where the slow direction and the fast one shrink equally (the ' +
        'best worst-case rate, ⅔ per step; from this start 0.33 takes 49 steps and 1/3 takes 51). The count grows ' +
        'without bound at the stability edge 2/λmax = 0.4, and beyond it the runs diverge (no point).',
      where: { method: 'gradient-descent', status: 'converged' },
      x: 'lr',
      y: 'nit',
      logY: true,
      xLabel: 'learning rate ε',
      yLabel: 'steps',
      xDomain: [0, 0.42],
      overlays: [
        { type: 'vline', x: 1 / 3, label: '2/(λmin + λmax)' },
        { type: 'vline', x: 0.4, label: '2/λmax' },
      ],
    },
  ],
});
