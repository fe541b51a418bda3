import { saddle } from '@numcomp/core';
import { exactLineSearch } from '@numcomp/optimizers';
import { defineExperiment, type Json, linspace, type Overlay, type Params } from '@numcomp/runner/experiment';

// ---- Figure 4.4: f(x₀ − εg) against its first-order Taylor model, at three curvatures ----

/** f(x) = x + (c/2)x² from x₀ = 0: g = f′(0) = 1, curvature f″ = c. Along the step x = −εg = −ε. */
function taylor(c: number, eps: number): Params {
  const actual = -eps + 0.5 * c * eps * eps;
  return { f: actual, 'first-order prediction': -eps };
}

// ---- ε* = gᵀg / gᵀHg against the exact line search ----

/** A symmetric 2 × 2 matrix [[a, b], [b, d]] with eigenvalues λ₁, λ₂ and the first eigenvector at angle θ. */
function rotated(l1: number, l2: number, theta: number): [number, number, number] {
  const c = Math.cos(theta);
  const s = Math.sin(theta);
  return [l1 * c * c + l2 * s * s, (l1 - l2) * c * s, l1 * s * s + l2 * c * c];
}

/**
 * Case k of a family: its Hessian [[a, b], [b, d]] and start x. Positive definite: eigenvalues 1 + k/2 and
 * 0.3 + k/10, rotated by 0.37k. Indefinite: 1 + k/4 and −(0.5 + k/5), rotated by 0.61k. Starts on a
 * deterministic scatter of [−3, 3]² (the same in fixtures/chapter.py).
 */
function quadraticCase(kind: string, k: number): { H: [number, number, number]; x: [number, number] } {
  const H =
    kind === 'positive definite'
      ? rotated(1 + k / 2, 0.3 + k / 10, 0.37 * k)
      : rotated(1 + k / 4, -(0.5 + k / 5), 0.61 * k);
  return { H, x: [3 * Math.cos(1.7 * k + 0.3), 3 * Math.sin(1.3 * k + 0.5)] };
}

/** The saddle of saddle-points, f = x₀² − x₁² + (x₀⁴ + x₁⁴)/4, at points where gᵀHg ≤ 0 or > 0. */
const SADDLE = saddle(0.25);
const SADDLE_POINTS: readonly [number, number][] = [
  [0.1, 0.5],
  [0.05, 0.3],
  [0.2, 0.6],
  [0.3, 0.2],
  [0.8, 0.1],
  [0.5, 0.9],
];

/**
 * One gradient step from x on f: the step's Taylor-optimal length ε* = gᵀg/gᵀHg (when gᵀHg > 0) and the
 * exact line search's (Brent on φ(ε) = f(x − εg)), and f after each.
 */
function step(point: Params): Params {
  const kind = point.kind as string;
  const k = point.k as number;
  let f: (x0: number, x1: number) => number;
  let g: [number, number];
  let H: [number, number, number];
  let x: [number, number];
  if (kind === 'saddle function') {
    x = SADDLE_POINTS[k]!;
    const p = Float64Array.from(x);
    const grad = SADDLE.grad(p);
    g = [grad[0]!, grad[1]!];
    const h = SADDLE.hess(p).data;
    H = [h[0]!, h[1]!, h[3]!];
    f = (a, b) => SADDLE.f(Float64Array.of(a, b));
  } else {
    ({ H, x } = quadraticCase(kind, k));
    const [a, b, d] = H;
    f = (u, v) => 0.5 * (a * u * u + 2 * b * u * v + d * v * v);
    g = [a * x[0] + b * x[1], b * x[0] + d * x[1]];
  }
  const gg = g[0] * g[0] + g[1] * g[1];
  const gHg = H[0] * g[0] * g[0] + 2 * H[1] * g[0] * g[1] + H[2] * g[1] * g[1];
  const epsStar = gHg > 0 ? gg / gHg : Number.NaN;
  const phi = (e: number) => f(x[0] - e * g[0], x[1] - e * g[1]);
  const f0 = phi(0);
  const search = exactLineSearch(phi, undefined, f0, -gg, { xtol: 1e-12, maxIter: 200 });
  const out: Record<string, Json> = {
    gg,
    gHg,
    epsStar,
    exact: search.ok ? search.alpha : Number.NaN,
    search: search.ok ? 'finds a minimum' : 'unbounded: f keeps falling',
    // The decrease the second-order model predicts at ε*, the actual one there, and the exact search's.
    predicted: gHg > 0 ? (-0.5 * (gg * gg)) / gHg : Number.NaN,
    atEpsStar: gHg > 0 ? phi(epsStar) - f0 : Number.NaN,
    atExact: search.ok ? search.phi - f0 : Number.NaN,
  };
  return out;
}

// ---- the directional second derivative dᵀHd and the Hessian's eigen-directions ----

/** The two Hessians whose directional curvature is drawn: Figure 4.6's canyon and an indefinite one. */
const MATRICES: Readonly<Record<string, [number, number, number]>> = {
  'H = [[3, 2], [2, 3]]': [3, 2, 3],
  'H = [[1, 2], [2, −2]]': [1, 2, -2],
};

/** Eigenvalues (ascending) and the angle of the eigenvector of the larger, of [[a, b], [b, d]]. */
function eig2([a, b, d]: [number, number, number]): { lo: number; hi: number; angle: number } {
  const m = 0.5 * (a + d);
  const r = Math.hypot(0.5 * (a - d), b);
  return { lo: m - r, hi: m + r, angle: 0.5 * Math.atan2(2 * b, a - d) };
}

function direction(point: Params): Params {
  const [a, b, d] = MATRICES[point.matrix as string]!;
  const t = ((point.theta as number) * Math.PI) / 180;
  const c = Math.cos(t);
  const s = Math.sin(t);
  const curvature = a * c * c + 2 * b * c * s + d * s * s;
  return { dHd: curvature, 'ε* = 1/dᵀHd': curvature > 0 ? 1 / curvature : Number.NaN };
}

function run(point: Params): Params {
  if (point.part === 'taylor') return taylor(point.c as number, point.eps as number);
  if (point.part === 'step') return step(point);
  return direction(point);
}

/** The eigen-directions of a Hessian as line overlays through the origin, labelled with dᵀHd = λ. */
function eigenLines(key: string, r: number): Overlay[] {
  const { lo, hi, angle } = eig2(MATRICES[key]!);
  const line = (t: number, label: string): Overlay => ({
    type: 'curve',
    points: [
      [-r * Math.cos(t), -r * Math.sin(t)],
      [r * Math.cos(t), r * Math.sin(t)],
    ],
    label,
  });
  const fmt = (v: number) => Number(v.toPrecision(3)).toString().replace('-', '−');
  return [line(angle, `dᵀHd = λ = ${fmt(hi)}`), line(angle + Math.PI / 2, `dᵀHd = λ = ${fmt(lo)}`)];
}

const EPS = linspace(0, 3, 61);
const CURVATURES: readonly [number, string][] = [
  [-1, 'negative curvature'],
  [0, 'no curvature'],
  [1, 'positive curvature'],
];
const THETA = linspace(0, 180, 73);

const cases: Params[] = [
  ...CURVATURES.flatMap(([c]) => EPS.map((eps) => ({ part: 'taylor', c, eps }))),
  ...Array.from({ length: 16 }, (_, k) => ({ part: 'step', kind: 'positive definite', k })),
  ...Array.from({ length: 8 }, (_, k) => ({ part: 'step', kind: 'indefinite', k })),
  ...SADDLE_POINTS.map((_, k) => ({ part: 'step', kind: 'saddle function', k })),
  ...Object.keys(MATRICES).flatMap((matrix) => THETA.map((theta) => ({ part: 'direction', matrix, theta }))),
];

/** The first-order prediction f(x₀) − εgᵀg (g = 1), dashed on each panel. */
const PREDICTION: Overlay = {
  type: 'curve',
  points: [
    [0, 0],
    [3, -3],
  ],
  label: 'first-order prediction: −εgᵀg',
};

/** A Figure 4.4 panel: f along the step, with the first-order prediction. */
const figure44 = (c: number, name: string, side: string, yDomain: [number, number]) => ({
  type: 'line' as const,
  title: `Figure 4.4 (${side}): ${name}, f″ = ${String(c).replace('-', '−')}`,
  where: { part: 'taylor', c },
  x: 'eps',
  y: 'f',
  xLabel: 'step ε along −g',
  yLabel: 'f(x₀ − εg) − f(x₀)',
  yDomain,
  overlays: [PREDICTION],
});

/** The second derivative and the gradient step: Figure 4.4, ε* = gᵀg/gᵀHg, and dᵀHd. */
export default defineExperiment({
  id: 'curvature',
  order: 14,
  figures: ['4.4'],
  title: 'Curvature, the Taylor step ε* = gᵀg/gᵀHg, and directional second derivatives',
  description: [
    'Deep Learning §4.3.1. “The second derivative tells us how the first derivative will change as we vary the ' +
      'input … We can think of the second derivative as measuring curvature. Suppose we have a quadratic ' +
      'function … If such a function has a second derivative of zero, then there is no curvature. It is a ' +
      'perfectly flat line, and its value can be predicted using only the gradient. If the gradient is 1, then ' +
      'we can make a step of size ε along the negative gradient, and the cost function will decrease by ε. If the ' +
      'second derivative is negative, the function curves downward, so the cost function will actually decrease ' +
      'by more than ε. Finally, if the second derivative is positive, the function curves upward, so the cost ' +
      'function can decrease by less than ε.” (Figure 4.4.)',
    'The second-order Taylor series predicts f(x − εg) ≈ f(x) − εgᵀg + ½ε²gᵀHg. “When gᵀHg is positive, solving ' +
      'for the optimal step size that decreases the Taylor series approximation of the function the most yields ' +
      'ε* = gᵀg / gᵀHg. In the worst case, when g aligns with the eigenvector of H corresponding to the maximal ' +
      'eigenvalue λmax, then this optimal step size is given by 1/λmax.” On a quadratic the model is exact, so ε* ' +
      'is what an exact line search finds: here numcomp’s exactLineSearch (Brent) on 16 positive-definite ' +
      'quadratics. “When gᵀHg is zero or negative, the Taylor series approximation predicts that increasing ε ' +
      'forever will decrease f forever. In practice, the Taylor series is unlikely to remain accurate for large ε”: ' +
      'on 8 indefinite quadratics with gᵀHg < 0 f really decreases without bound along −g (the search runs out of ' +
      'bracket), while on the saddle function x₀² − x₁² + (x₀⁴ + x₁⁴)/4 the quartic term stops it at a finite step ' +
      'that the model cannot predict.',
    '“The second derivative in a specific direction represented by a unit vector d is given by dᵀHd. When d is an ' +
      'eigenvector of H, the second derivative in that direction is given by the corresponding eigenvalue. For ' +
      'other directions of d, the directional second derivative is a weighted average of all the eigenvalues.” ' +
      'The last plots sweep d = (cos θ, sin θ) and draw the eigen-directions on the contours of ½xᵀHx.',
  ].join('\n\n'),
  labels: {
    eps: 'step ε',
    epsStar: 'ε* = gᵀg/gᵀHg',
    exact: 'exact line search step',
    gHg: 'gᵀHg',
    dHd: 'dᵀHd',
    theta: 'direction angle θ (degrees)',
  },
  cases,
  run,
  plots: [
    {
      ...figure44(-1, 'negative curvature', 'left', [-7.5, 0.5]),
      caption:
        'Figure 4.4: with negative curvature the cost function actually decreases faster than the gradient ' +
        'predicts (dashed: f(x₀) − εgᵀg, the first-order prediction).',
    },
    {
      ...figure44(0, 'no curvature', 'middle', [-3.5, 0.5]),
      caption:
        'Figure 4.4: with no curvature the gradient predicts the decrease correctly: the two lines coincide.',
    },
    {
      ...figure44(1, 'positive curvature', 'right', [-3.5, 1.5]),
      caption:
        'Figure 4.4: with positive curvature the function decreases more slowly than expected and eventually ' +
        'begins to increase, so steps that are too large can actually increase the function inadvertently: here ' +
        'the decrease is largest at ε* = gᵀg/gᵀHg = 1 and gone at ε = 2.',
      overlays: [
        PREDICTION,
        { type: 'vline', x: 1, label: 'ε* = 1' },
        { type: 'vline', x: 2, label: 'ε = 2: back to f(x₀)' },
      ],
    },
    {
      type: 'scatter',
      title: 'ε* = gᵀg/gᵀHg against the exact line search, 16 positive-definite quadratics',
      caption:
        'On a quadratic the second-order Taylor model is exact, so the step that minimizes it is the exact line ' +
        'search’s: every point lies on the diagonal (to Brent’s tolerance, 1e-12 relative). The steps range from ' +
        'near 1/λmax to near 1/λmin with the direction of g.',
      where: { part: 'step', kind: 'positive definite' },
      x: 'epsStar',
      y: 'exact',
      logX: true,
      logY: true,
      xLabel: 'ε* = gᵀg / gᵀHg',
      yLabel: 'step of the exact line search',
      overlays: [
        {
          type: 'curve',
          points: [
            [0.05, 0.05],
            [5, 5],
          ],
          label: 'ε = ε*',
        },
      ],
    },
    {
      type: 'table',
      title: 'Every step: curvature along g, ε*, the exact search, and the decrease each gives',
      caption:
        'predicted: −½(gᵀg)²/gᵀHg, the model’s decrease at ε*; at ε*, at exact: the actual change of f. What ' +
        'matters is the curvature along g, not the definiteness of H: on an indefinite quadratic with gᵀHg > 0, ' +
        'ε* is still the exact step; with gᵀHg < 0 there is no ε* and f is unbounded below along −g (the search ' +
        'gives up after 200 evaluations). On the saddle function the quartic term makes the exact search stop at a ' +
        'finite step even where gᵀHg < 0, and where gᵀHg > 0 ε* is only a guess, too short or too long.',
      where: { part: 'step' },
      columns: [
        'kind',
        'k',
        { value: 'gHg', label: 'gᵀHg' },
        { value: 'epsStar', label: 'ε*' },
        { value: 'exact', label: 'exact search' },
        { value: 'search', label: 'along −g' },
        'predicted',
        { value: 'atEpsStar', label: 'f change at ε*' },
        { value: 'atExact', label: 'f change at exact' },
      ],
    },
    {
      type: 'line',
      title: 'The directional second derivative dᵀHd against the direction d = (cos θ, sin θ)',
      caption:
        'dᵀHd = λ₁cos²(θ − θ₁) + λ₂sin²(θ − θ₁), a weighted average of the eigenvalues: largest along the ' +
        'eigenvector of λmax, smallest along the other. For [[3, 2], [2, 3]]: 5 at 45°, 1 at 135°. For the ' +
        'indefinite [[1, 2], [2, −2]]: 2 at 26.6° and −3 at 116.6°, negative curvature over a range of directions.',
      where: { part: 'direction' },
      x: 'theta',
      y: 'dHd',
      series: 'matrix',
      xLabel: 'θ (degrees)',
      yLabel: 'dᵀHd',
      overlays: [{ type: 'hline', y: 0 }],
    },
    {
      type: 'contour',
      title: 'The eigen-directions of H = [[3, 2], [2, 3]] on the contours of ½xᵀHx',
      caption:
        'Along the eigenvector (1, 1)/√2 the second derivative is λ = 5, along (1, −1)/√2 it is λ = 1: the ' +
        'ellipses are √5 ≈ 2.2 times longer in the flat direction. Every other direction’s dᵀHd lies between.',
      where: { part: 'direction', matrix: 'H = [[3, 2], [2, 3]]' },
      objective: {
        name: 'quadratic',
        params: {
          A: [
            [3, 2],
            [2, 3],
          ],
          b: [0, 0],
        },
      },
      trajectories: false,
      scale: 'linear',
      domain: [
        [-2, 2],
        [-2, 2],
      ],
      overlays: eigenLines('H = [[3, 2], [2, 3]]', 1.9),
    },
    {
      type: 'contour',
      title: 'The eigen-directions of the indefinite H = [[1, 2], [2, −2]]',
      caption:
        'A saddle: f = ½xᵀHx curves up along the eigenvector of λ = 2 and down along that of λ = −3. A gradient ' +
        'step whose g leans towards the second has gᵀHg < 0, and the quadratic model then has no best step.',
      where: { part: 'direction', matrix: 'H = [[1, 2], [2, −2]]' },
      objective: {
        name: 'quadratic',
        params: {
          A: [
            [1, 2],
            [2, -2],
          ],
          b: [0, 0],
        },
      },
      trajectories: false,
      scale: 'linear',
      domain: [
        [-2, 2],
        [-2, 2],
      ],
      overlays: eigenLines('H = [[1, 2], [2, −2]]', 1.9),
    },
  ],
});
