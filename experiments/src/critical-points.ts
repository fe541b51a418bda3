import {
  type CriticalPointsProblem,
  criticalPoints,
  himmelblau,
  type Matrix,
  monkeySaddle,
  saddle,
} from '@numcomp/core';
import {
  defineExperiment,
  type Json,
  linspace,
  type Overlay,
  type Params,
  type PlotSpec,
  type ReportSection,
  type RunRecord,
} from '@numcomp/runner/experiment';

/** A 1-D function with its first two derivatives and what its critical point at 0 really is. */
interface OneD {
  readonly f: (x: number) => number;
  readonly d1: (x: number) => number;
  readonly d2: (x: number) => number;
  readonly truth: string;
}

/** The 1-D functions: Figure 4.2's minimum, maximum and saddle, and two more where f″(0) = 0. */
const ONE_D: Readonly<Record<string, OneD>> = {
  'x²': { f: (x) => x * x, d1: (x) => 2 * x, d2: () => 2, truth: 'local minimum' },
  '−x²': { f: (x) => -x * x, d1: (x) => -2 * x, d2: () => -2, truth: 'local maximum' },
  'x³': { f: (x) => x * x * x, d1: (x) => 3 * x * x, d2: (x) => 6 * x, truth: 'saddle point (inflection)' },
  'x⁴': { f: (x) => x ** 4, d1: (x) => 4 * x ** 3, d2: (x) => 12 * x * x, truth: 'local minimum' },
  '−x⁴': { f: (x) => -(x ** 4), d1: (x) => -4 * x ** 3, d2: (x) => -12 * x * x, truth: 'local maximum' },
};

/** A 1-D function as a problem for `criticalPoints`. */
function oneD(fn: OneD): CriticalPointsProblem {
  return {
    dim: 1,
    domain: [[-1.5, 1.5]],
    f: (p) => fn.f(p[0]!),
    grad: (p, out = new Float64Array(1)) => {
      out[0] = fn.d1(p[0]!);
      return out;
    },
    hess: (p) => ({ rows: 1, cols: 1, data: Float64Array.of(fn.d2(p[0]!)) }),
  };
}

/** A 2-D polynomial problem from f, ∇f and the Hessian's entries. */
function twoD(
  f: (x: number, y: number) => number,
  g: (x: number, y: number) => [number, number],
  h: (x: number, y: number) => [number, number, number],
): CriticalPointsProblem {
  return {
    dim: 2,
    domain: [
      [-1.5, 1.5],
      [-1.5, 1.5],
    ],
    f: (p) => f(p[0]!, p[1]!),
    grad: (p, out = new Float64Array(2)) => {
      const [a, b] = g(p[0]!, p[1]!);
      out[0] = a;
      out[1] = b;
      return out;
    },
    hess: (p): Matrix => {
      const [a, b, c] = h(p[0]!, p[1]!);
      return { rows: 2, cols: 2, data: Float64Array.of(a, b, b, c) };
    },
  };
}

/** The 2-D functions: minimum, maximum, saddle (Figure 4.5), monkey saddle, two degenerate ones, Himmelblau. */
const TWO_D: Readonly<Record<string, { readonly problem: CriticalPointsProblem; readonly truth: string }>> = {
  'x₀² + x₁²': {
    problem: twoD(
      (x, y) => x * x + y * y,
      (x, y) => [2 * x, 2 * y],
      () => [2, 0, 2],
    ),
    truth: 'local minimum',
  },
  '−x₀² − x₁²': {
    problem: twoD(
      (x, y) => -x * x - y * y,
      (x, y) => [-2 * x, -2 * y],
      () => [-2, 0, -2],
    ),
    truth: 'local maximum',
  },
  'x₀² − x₁²': { problem: saddle(), truth: 'saddle point (Figure 4.5)' },
  'x₀³ − 3x₀x₁²': { problem: monkeySaddle(), truth: 'monkey saddle: no extremum' },
  'x₀² + x₁⁴': {
    problem: twoD(
      (x, y) => x * x + y ** 4,
      (x, y) => [2 * x, 4 * y ** 3],
      (_x, y) => [2, 0, 12 * y * y],
    ),
    truth: 'local minimum',
  },
  'x₀² + x₁³': {
    problem: twoD(
      (x, y) => x * x + y ** 3,
      (x, y) => [2 * x, 3 * y * y],
      (_x, y) => [2, 0, 6 * y],
    ),
    truth: 'no extremum (f < 0 for x₁ < 0)',
  },
  Himmelblau: { problem: himmelblau(), truth: 'four minima, four saddles, one maximum' },
};

/** Directions of the cross-sections through the origin, by name. */
const DIRECTIONS: Readonly<Record<string, readonly [number, number]>> = {
  'x₀ axis': [1, 0],
  'x₁ axis': [0, 1],
  'θ = 30°': [Math.cos(Math.PI / 6), Math.sin(Math.PI / 6)],
  'θ = 60°': [Math.cos(Math.PI / 3), Math.sin(Math.PI / 3)],
};

/** A point of a 1-D curve, a point of a 2-D cross-section, or the critical points of one function. */
function run(point: Params): Params {
  const part = point.part;
  if (part === 'curve') {
    const fn = ONE_D[point.fn as string]!;
    const x = point.x as number;
    return { f: fn.f(x), 'f′': fn.d1(x), 'f″': fn.d2(x) };
  }
  if (part === 'section') {
    const [a, b] = DIRECTIONS[point.direction as string]!;
    const t = point.t as number;
    return { f: TWO_D[point.fn as string]!.problem.f(Float64Array.of(t * a, t * b)) };
  }
  const name = point.fn as string;
  const problem = point.dim === 1 ? oneD(ONE_D[name]!) : TWO_D[name]!.problem;
  // Himmelblau's own box [−5, 5]²; the polynomials' [−1.5, 1.5]ⁿ.
  const pts = criticalPoints(problem, point.dim === 1 ? { grid: 31 } : { grid: 21 });
  const count = (kind: string) => pts.filter((p) => p.kind === kind).length;
  return {
    points: pts.map((p) => ({
      x: Array.from(p.x),
      f: p.f,
      kind: p.kind,
      eigenvalues: Array.from(p.eigenvalues),
    })),
    minima: count('minimum'),
    maxima: count('maximum'),
    saddles: count('saddle'),
    inconclusive: count('inconclusive'),
  };
}

const CURVE_X = linspace(-1.5, 1.5, 61);
const SECTION_T = linspace(-1.5, 1.5, 31);
const SECTIONS: readonly [string, string][] = [
  ['x₀² − x₁²', 'x₀ axis'],
  ['x₀² − x₁²', 'x₁ axis'],
  ['x₀³ − 3x₀x₁²', 'x₀ axis'],
  ['x₀³ − 3x₀x₁²', 'θ = 30°'],
  ['x₀³ − 3x₀x₁²', 'θ = 60°'],
  ['x₀² + x₁⁴', 'x₁ axis'],
  ['x₀² + x₁³', 'x₁ axis'],
];

const cases: Params[] = [
  ...Object.keys(ONE_D).flatMap((fn) => CURVE_X.map((x) => ({ part: 'curve', dim: 1, fn, x }))),
  ...SECTIONS.flatMap(([fn, direction]) =>
    SECTION_T.map((t) => ({ part: 'section', dim: 2, fn, direction, t })),
  ),
  ...Object.keys(ONE_D).map((fn) => ({ part: 'classify', dim: 1, fn })),
  ...Object.keys(TWO_D).map((fn) => ({ part: 'classify', dim: 2, fn })),
];

/** Himmelblau's critical points other than its minima (found by `criticalPoints`), as circles to draw. */
const HIMMELBLAU_MARKS: readonly Overlay[] = criticalPoints(himmelblau(), { grid: 11 })
  .filter((p) => p.kind !== 'minimum')
  .map((p) => ({
    type: 'region',
    fade: 'inside',
    label: p.kind,
    points: Array.from({ length: 16 }, (_, k) => {
      const a = (2 * Math.PI * k) / 16;
      return [p.x[0]! + 0.18 * Math.cos(a), p.x[1]! + 0.18 * Math.sin(a)] as [number, number];
    }),
  }));

/** Numbers for the table: a point as (x₀, x₁), eigenvalues as a list. */
const vector = (v: readonly number[]): string =>
  `(${v.map((e) => (Math.abs(e) < 5e-13 ? '0' : Number(e.toPrecision(6)).toString())).join(', ')})`;

/** The table of every critical point found, with the test's verdict next to the truth. */
function classification(records: readonly RunRecord[]): readonly ReportSection[] {
  const rows: Json[][] = [];
  for (const r of records) {
    if (r.params.part !== 'classify' || r.values === undefined) continue;
    const name = r.params.fn as string;
    const truth = r.params.dim === 1 ? ONE_D[name]!.truth : TWO_D[name]!.truth;
    for (const p of r.values.points as { x: number[]; f: number; kind: string; eigenvalues: number[] }[]) {
      rows.push([
        name,
        vector(p.x),
        Math.abs(p.f) < 5e-13 ? 0 : p.f,
        vector(p.eigenvalues),
        p.kind,
        name === 'Himmelblau' ? p.kind : truth,
      ]);
    }
  }
  return [
    {
      title: 'The second-derivative test at every critical point found',
      text:
        'criticalPoints runs Newton’s method on ∇f = 0 from a grid of starts (31 in 1-D, 21 × 21 in 2-D) and ' +
        'classifies each limit by the signs of the Hessian’s eigenvalues (f″ in 1-D). Where an eigenvalue is ' +
        'zero and the others share a sign the test says “inconclusive”, as the book does: x⁴, −x⁴ and x³ all have ' +
        'f″(0) = 0, yet the first is a minimum, the second a maximum and the third neither; x₀² + x₁⁴ is a minimum and ' +
        'x₀² + x₁³ is not, with the same eigenvalues (2, 0). The monkey saddle’s Hessian is zero. Only a positive ' +
        'and a negative eigenvalue together prove a saddle point.',
      table: {
        columns: ['f', 'critical point x*', 'f(x*)', 'eigenvalues of ∇²f(x*)', 'the test says', 'what it is'],
        rows,
      },
    },
  ];
}

/** One panel of Figure 4.2: f of a 1-D function around its critical point x = 0, with the slope 0 drawn. */
function figure42Panel(title: string, caption: string, fn: string): PlotSpec {
  return {
    type: 'line',
    title,
    caption,
    where: { part: 'curve', fn },
    x: 'x',
    y: 'f',
    xLabel: 'x',
    yLabel: 'f(x)',
    xDomain: [-1.5, 1.5],
    overlays: [{ type: 'hline', y: 0, label: 'slope 0 at x = 0' }],
  };
}

/** The second-derivative test: critical points in 1-D (Figure 4.2) and 2-D (Figure 4.5). */
export default defineExperiment({
  id: 'critical-points',
  order: 12,
  figures: ['4.2', '4.5'],
  title: 'Critical points and the second-derivative test',
  description: [
    'Deep Learning §4.3 and §4.3.1. “When f′(x) = 0, the derivative provides no information about which ' +
      'direction to move. Points where f′(x) = 0 are known as critical points, or stationary points. A local ' +
      'minimum is a point where f(x) is lower than at all neighboring points … A local maximum is a point where ' +
      'f(x) is higher than at all neighboring points … Some critical points are neither maxima nor minima. These ' +
      'are known as saddle points.” (Figure 4.2.)',
    'The second derivative tells them apart: when f′(x) = 0 and f″(x) > 0, x is a local minimum; when f′(x) = 0 ' +
      'and f″(x) < 0, a local maximum. “Unfortunately, when f″(x) = 0, the test is inconclusive. In this case x ' +
      'may be a saddle point or a part of a flat region.” In several dimensions the eigenvalues of the Hessian ' +
      'H = ∇²f play the part of f″: all positive, a local minimum; all negative, a local maximum; “when at least ' +
      'one eigenvalue is positive and at least one eigenvalue is negative, we know that x is a local maximum on ' +
      'one cross section of f but a local minimum on another cross section” — a saddle point (Figure 4.5, ' +
      'f(x) = x₁² − x₂² in the book; coordinates count from 0 here, as in the notebook: x₀² − x₁²). “The test is inconclusive whenever all the nonzero eigenvalues have the same sign but ' +
      'at least one eigenvalue is zero.”',
    'Here numcomp’s criticalPoints finds the critical points of five 1-D functions (x², −x², x³, x⁴, −x⁴) and ' +
      'seven 2-D ones (a bowl, a cap, the saddle x₀² − x₁², the monkey saddle x₀³ − 3x₀x₁², x₀² + x₁⁴, x₀² + x₁³ and ' +
      'Himmelblau’s function) and classifies them with classifyCriticalPoint’s eigenvalues (ml-matrix’s symmetric ' +
      'eigensolver, pinned against numpy.linalg.eigvalsh in the tests). The plots draw Figure 4.2’s three curves ' +
      'with f″, Figure 4.5’s saddle as contours with its two cross-sections, and the cases where the test cannot ' +
      'decide.',
  ].join('\n\n'),
  labels: { 'f′': 'f′(x)', 'f″': 'f″(x)', t: 't (distance along the direction)', fn: 'f' },
  cases,
  run,
  plots: [
    figure42Panel(
      'Figure 4.2 (left): a local minimum, f(x) = x²',
      'Figure 4.2: a critical point is a point with zero slope. A local minimum is lower than the neighboring ' +
        'points; f″(0) = 2 > 0 says so.',
      'x²',
    ),
    figure42Panel(
      'Figure 4.2 (middle): a local maximum, f(x) = −x²',
      'Figure 4.2: a local maximum is higher than the neighboring points; f″(0) = −2 < 0 says so.',
      '−x²',
    ),
    figure42Panel(
      'Figure 4.2 (right): a saddle point, f(x) = x³',
      'Figure 4.2: a saddle point has neighbors that are both higher and lower than the point itself. f″(0) = 0: ' +
        'the second-derivative test is inconclusive.',
      'x³',
    ),
    {
      type: 'line',
      title: 'The second derivative of Figure 4.2’s three functions',
      caption:
        'At the critical point x = 0: f″ = 2 > 0 (minimum), f″ = −2 < 0 (maximum), f″ = 0 for x³ (inconclusive; ' +
        'f″ = 6x changes sign there, so x³ curves down on the left and up on the right).',
      where: { part: 'curve', fn: { in: ['x²', '−x²', 'x³'] } },
      x: 'x',
      y: 'f″',
      series: 'fn',
      xLabel: 'x',
      yLabel: 'f″(x)',
      xDomain: [-1.5, 1.5],
      overlays: [{ type: 'vline', x: 0, label: 'x = 0' }],
    },
    {
      type: 'line',
      title: 'f″(0) = 0 decides nothing: x⁴, x³ and −x⁴',
      caption:
        'Three functions with f′(0) = f″(0) = 0: a minimum, a saddle point and a maximum. The test is inconclusive ' +
        'for all three; only higher derivatives (or a look at f) tell them apart.',
      where: { part: 'curve', fn: { in: ['x⁴', 'x³', '−x⁴'] } },
      x: 'x',
      y: 'f',
      series: 'fn',
      xLabel: 'x',
      yLabel: 'f(x)',
      xDomain: [-1.5, 1.5],
    },
    {
      type: 'contour',
      title: 'Figure 4.5: the saddle point of f(x) = x₀² − x₁²',
      caption:
        'Figure 4.5: a saddle point containing both positive and negative curvature. The function curves upward ' +
        'along x₀ (the Hessian’s eigenvector of λ = 2) and downward along x₁ (λ = −2): a local minimum on one ' +
        'cross-section and a local maximum on the other.',
      where: { part: 'section', fn: 'x₀² − x₁²' },
      objective: 'saddle',
      trajectories: false,
      scale: 'linear',
      domain: [
        [-1.5, 1.5],
        [-1.5, 1.5],
      ],
      overlays: [
        {
          type: 'curve',
          points: [
            [-1.4, 0],
            [1.4, 0],
          ],
          label: 'x₀ axis: λ = 2, curves up',
        },
        {
          type: 'curve',
          points: [
            [0, -1.4],
            [0, 1.4],
          ],
          label: 'x₁ axis: λ = −2, curves down',
        },
      ],
    },
    {
      type: 'line',
      title: 'Figure 4.5’s two cross-sections through the saddle point',
      caption: 'f(t, 0) = t² has a minimum at 0 and f(0, t) = −t² a maximum: the eigenvalues 2 and −2 of H.',
      where: { part: 'section', fn: 'x₀² − x₁²' },
      x: 't',
      y: 'f',
      series: 'direction',
      xLabel: 't',
      yLabel: 'f along the direction',
      xDomain: [-1.5, 1.5],
    },
    {
      type: 'contour',
      title: 'The monkey saddle x₀³ − 3x₀x₁²: H = 0, the test is inconclusive',
      caption:
        'Three valleys and three ridges meet at the origin, where the gradient and the whole Hessian vanish: ' +
        'every eigenvalue is 0, so the second-derivative test says nothing, yet the point is no extremum.',
      where: { part: 'section', fn: 'x₀³ − 3x₀x₁²' },
      objective: 'monkey-saddle',
      trajectories: false,
      scale: 'linear',
      domain: [
        [-1.5, 1.5],
        [-1.5, 1.5],
      ],
    },
    {
      type: 'line',
      title: 'Cross-sections of the monkey saddle',
      caption:
        'Along a direction at angle θ, f = t³·cos 3θ: rising (θ = 0), flat (θ = 30°), falling (θ = 60°) — always an ' +
        'inflection, never a minimum or a maximum.',
      where: { part: 'section', fn: 'x₀³ − 3x₀x₁²' },
      x: 't',
      y: 'f',
      series: 'direction',
      xLabel: 't',
      yLabel: 'f along the direction',
      xDomain: [-1.5, 1.5],
    },
    {
      type: 'line',
      title: 'Eigenvalues (2, 0) twice: x₀² + x₁⁴ and x₀² + x₁³ along x₁',
      caption:
        'Both Hessians at the origin are diag(2, 0): inconclusive. Along the zero-eigenvalue direction x₁ the first ' +
        'rises on both sides (a minimum), the second falls on one side (no extremum).',
      where: { part: 'section', fn: { in: ['x₀² + x₁⁴', 'x₀² + x₁³'] } },
      x: 't',
      y: 'f',
      series: 'fn',
      xLabel: 'x₁',
      yLabel: 'f(0, x₁)',
      xDomain: [-1.5, 1.5],
    },
    {
      type: 'contour',
      title: 'Himmelblau’s nine critical points',
      caption:
        'criticalPoints finds four minima (marked), four saddle points and one local maximum (circled): between ' +
        'two minima there is always a saddle, and the maximum sits in the middle.',
      where: { part: 'classify', fn: 'Himmelblau' },
      objective: 'himmelblau',
      trajectories: false,
      overlays: HIMMELBLAU_MARKS,
    },
  ],
  report: classification,
});
