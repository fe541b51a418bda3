import { type CriticalPoint, criticalPoints, type Matrix } from '@numcomp/core';
import { minimize } from '@numcomp/optimizers';
import {
  type DataFigure,
  defineExperiment,
  linspace,
  type Overlay,
  type Params,
  type ReportSection,
  type RunRecord,
} from '@numcomp/runner/experiment';
import { HIMMELBLAU_ENDS as CODES, descentEnd, newtonEnd } from './_himmelblau.js';
import { pureNewton } from './_pureNewton.js';

// ---- the 1-D landscape of Figure 4.3 ----

/** Three Gaussian wells (centre, depth, width): a poor local minimum, the global one, a nearly-as-good one. */
const WELLS: readonly (readonly [number, number, number])[] = [
  [1.5, 0.6, 0.5],
  [9, 2, 0.7],
  [12, 1.85, 0.6],
];

/**
 * f(x) = −Σ aᵢ exp(−(x − cᵢ)²/2sᵢ²), f′ and f″: the wells, and between the first two a plateau where
 * only their tails remain (|f′| below 1e-3 on [3.56, 5.96]).
 */
function landscape(x: number): [number, number, number] {
  let f = 0;
  let d1 = 0;
  let d2 = 0;
  for (const [c, a, s] of WELLS) {
    const u = (x - c) / s;
    const e = a * Math.exp(-0.5 * u * u);
    f -= e;
    d1 += (e * u) / s;
    d2 += (e * (1 - u * u)) / (s * s);
  }
  return [f, d1, d2];
}

/** The landscape as a problem for `minimize` and `criticalPoints`. */
const LANDSCAPE = {
  dim: 1,
  domain: [[0, 13.5]] as [number, number][],
  f: (x: Float64Array): number => landscape(x[0]!)[0],
  grad: (x: Float64Array, out: Float64Array = new Float64Array(1)): Float64Array => {
    out[0] = landscape(x[0]!)[1];
    return out;
  },
  hess: (x: Float64Array): Matrix => ({ rows: 1, cols: 1, data: Float64Array.of(landscape(x[0]!)[2]) }),
};

/** The landscape's critical points (criticalPoints on [0, 13.5]), minima named by their value. */
const CRITICAL: readonly CriticalPoint[] = criticalPoints(LANDSCAPE, { grid: 136 });
const MINIMA = CRITICAL.filter((p) => p.kind === 'minimum').sort((a, b) => a.f - b.f);
const MINIMUM_NAMES = ['global minimum', 'good local minimum', 'poor local minimum'];
/** Their labels on Figure 4.3 (short enough not to run into the plateau). */
const MINIMUM_LABELS = ['global minimum', 'good local minimum', 'poor local min.'];

/** Where a 1-D run ends: a minimum or maximum (within 1e-3), the plateau, or out in the flat tails. */
function end1d(x: number): string {
  for (let k = 0; k < MINIMA.length; k++) if (Math.abs(x - MINIMA[k]!.x[0]!) < 1e-3) return MINIMUM_NAMES[k]!;
  // The maximum inside the plateau (f = −1e-7 at 4.37) is part of it.
  if (x > 2.5 && x < 7.5) return 'stuck on the plateau';
  if (!(x >= 0 && x <= 13.5)) return 'off into the flat tails';
  if (CRITICAL.some((p) => p.kind === 'maximum' && Math.abs(x - p.x[0]!) < 1e-3)) return 'local maximum';
  return 'unsettled';
}

// ---- Himmelblau ----

export { HIMMELBLAU_ENDS } from './_himmelblau.js';

/** Starts per axis of the Himmelblau maps, over [−5, 5]². */
const N = 200;
const AXIS = linspace(-5, 5, N);
/** The 1-D landscape's (max |f″| = 5.13: 2/L = 0.39). */
const LR_LANDSCAPE = 0.1;

/** One row of the Himmelblau map (x₁ = AXIS[row], every x₀): where each start ends and in how many steps. */
function himmelblauRow(method: string, row: number): Params {
  const y = AXIS[row]!;
  let ends = '';
  const steps: number[] = [];
  for (const x of AXIS) {
    const [code, nit] = method === 'Newton' ? newtonEnd(x, y) : descentEnd(x, y);
    ends += String.fromCharCode(97 + code);
    steps.push(nit);
  }
  return { ends, steps };
}

/** A 1-D run from x0. */
function landscapeRun(method: string, x0: number): Params {
  let x: number;
  let nit: number;
  if (method === 'Newton') {
    const r = pureNewton(LANDSCAPE, [x0], 1e-10, 200);
    x = r.x[0]!;
    nit = r.nit;
  } else {
    const r =
      method === 'gradient descent'
        ? minimize(LANDSCAPE, [x0], {
            method: 'gradient-descent',
            lr: LR_LANDSCAPE,
            tol: 1e-8,
            maxIter: 5000,
          })
        : minimize(LANDSCAPE, [x0], { method: 'newton', tol: 1e-10 });
    x = r.x[0]!;
    nit = r.nit;
  }
  return {
    end: end1d(x),
    xEnd: Number.isFinite(x) ? Math.max(-2, Math.min(15.5, x)) : Number.NaN,
    steps: nit,
  };
}

function run(point: Params): Params {
  if (point.part === 'curve') {
    const [f, d1] = landscape(point.x as number);
    return { f, 'f′': d1 };
  }
  if (point.part === 'landscape') return landscapeRun(point.method as string, point.x0 as number);
  return himmelblauRow(point.method as string, point.row as number);
}

const STARTS_1D = linspace(0, 13.5, 136);
const METHODS_1D = ['gradient descent', 'Newton', 'modified Newton'];
const cases: Params[] = [
  ...STARTS_1D.map((x) => ({ part: 'curve', x })),
  ...METHODS_1D.flatMap((method) => STARTS_1D.map((x0) => ({ part: 'landscape', method, x0 }))),
  ...['gradient descent', 'Newton'].flatMap((method) =>
    Array.from({ length: N }, (_, row) => ({ part: 'himmelblau', method, row })),
  ),
];

/** Figure 4.3's annotations: the three minima and the plateau. */
const FIGURE_OVERLAYS: readonly Overlay[] = [
  ...MINIMA.map((m, k) => ({ type: 'vline' as const, x: m.x[0]!, label: MINIMUM_LABELS[k]! })),
  {
    type: 'region',
    fade: 'inside',
    label: 'plateau: f′ ≈ 0',
    points: [
      [3.56, -0.15],
      [5.96, -0.15],
      [5.96, 0.05],
      [3.56, 0.05],
    ],
  },
];

/** The Himmelblau basin maps (200 × 200 starts per method) and a count of where the starts end. */
function himmelblauMaps(records: readonly RunRecord[]): readonly ReportSection[] {
  const rows = records.filter((r) => r.params.part === 'himmelblau' && r.values !== undefined);
  const data: Params[] = [];
  const counts = new Map<string, number[]>();
  const range = new Map<string, [number, number]>();
  for (const r of rows) {
    const method = r.params.method as string;
    const y = AXIS[r.params.row as number]!;
    const ends = r.values!.ends as string;
    const steps = r.values!.steps as number[];
    let c = counts.get(method);
    if (c === undefined) counts.set(method, (c = new Array<number>(CODES.length).fill(0)));
    const span = range.get(method) ?? [Number.POSITIVE_INFINITY, 0];
    for (let i = 0; i < ends.length; i++) {
      const code = ends.charCodeAt(i) - 97;
      c[code]!++;
      data.push({ method, x0: AXIS[i]!, x1: y, end: CODES[code]! });
      span[0] = Math.min(span[0], steps[i]!);
      span[1] = Math.max(span[1], steps[i]!);
    }
    range.set(method, span);
  }
  const spans = [...range].map(([m, [a, b]]) => `${m} ${a}–${b}`).join(', ');
  const figure: DataFigure = {
    type: 'heatmap',
    x: 'x0',
    y: 'x1',
    value: 'end',
    facet: 'method',
    caption: `Where each start ends. Steps taken: ${spans}, the most near the borders between basins.`,
    data,
  };
  const names = [...new Set(CODES)].sort();
  return [
    {
      title: 'Basins of attraction on Himmelblau’s function, 200 × 200 starts',
      text:
        'Each pixel is a start in [−5, 5]², coloured by where the method ends. Gradient descent (ε = 0.01, to ' +
        '‖∇f‖ ≤ 1e-6) reaches one of the four minima from every start: four basins with smooth borders along the ' +
        'ridges through the saddle points. Newton’s method (x ← x − H⁻¹∇f, to ‖∇f‖ ≤ 1e-10) converges to whatever ' +
        'critical point its quadratic model points at: the four saddle points and the maximum have basins of ' +
        'their own, and the borders between basins are fractal.',
      figures: [figure],
      table: {
        columns: ['where the run ends', ...counts.keys()],
        rows: names.map((name) => [
          name,
          ...[...counts.values()].map((c) => CODES.reduce((sum, n, k) => sum + (n === name ? c[k]! : 0), 0)),
        ]),
      },
    },
  ];
}

/** Local minima and a plateau (Figure 4.3), and the basins of attraction of Himmelblau's function. */
export default defineExperiment({
  id: 'local-minima',
  order: 13,
  figures: ['4.3'],
  title: 'Local minima, a plateau, and basins of attraction',
  description: [
    'Deep Learning §4.3. “A point that obtains the absolute lowest value of f(x) is a global minimum. There can ' +
      'be only one global minimum or multiple global minima of the function. It is also possible for there to be ' +
      'local minima that are not globally optimal. In the context of deep learning, we optimize functions that ' +
      'may have many local minima that are not optimal and many saddle points surrounded by very flat regions. All ' +
      'of this makes optimization difficult, especially when the input to the function is multidimensional. We ' +
      'therefore usually settle for finding a value of f that is very low but not necessarily minimal in any ' +
      'formal sense.” (Figure 4.3.)',
    'The 1-D landscape is three Gaussian wells, f(x) = −Σ aᵢ exp(−(x − cᵢ)²/2sᵢ²): a poor local minimum ' +
      '(f = −0.6 at 1.5), the global minimum (f = −2 at 9) and a local minimum nearly as good (f = −1.85 at 12), ' +
      'with a plateau between the first two where only the wells’ tails remain (|f′| < 1e-3 on [3.56, 5.96]). ' +
      'Gradient descent (ε = 0.1 < 2/max|f″| = 0.39, to |f′| ≤ 1e-8, at most 5,000 steps), Newton’s method as the ' +
      'book writes it, and numcomp’s modified Newton start from 136 points of [0, 13.5]: each reaches the minimum ' +
      'of the basin it starts in — or, on the plateau, stays where the gradient vanishes, “converged” in name ' +
      'only; Newton converges to a minimum only where f is convex, and elsewhere to a local maximum or off into ' +
      'the flat tails (where the quadratic model is concave it points uphill).',
    'In 2-D, Himmelblau’s function (four global minima f = 0, four saddle points, one local maximum) shows the ' +
      'basins of attraction of gradient descent and of Newton’s method at 200 × 200 starts (each run of the sweep ' +
      'is a row of 200 starts).',
  ].join('\n\n'),
  labels: { x0: 'start x₀', x1: 'start x₁', xEnd: 'where the run ends', end: 'where the run ends' },
  cases,
  run,
  plots: [
    {
      type: 'line',
      title: 'Figure 4.3: approximate minimization',
      caption:
        'Figure 4.3: optimization algorithms may fail to find a global minimum when there are multiple local minima ' +
        'or plateaus present. In the context of deep learning, we generally accept such solutions even though they ' +
        'are not truly minimal, so long as they correspond to significantly low values of the cost function. The ' +
        'local minimum at 12 performs nearly as well as the global one, an acceptable halting point; the one at 1.5 ' +
        'performs poorly and should be avoided.',
      where: { part: 'curve' },
      x: 'x',
      y: 'f',
      xLabel: 'x',
      yLabel: 'f(x)',
      xDomain: [0, 15],
      overlays: FIGURE_OVERLAYS,
    },
    {
      type: 'heatmap',
      title: 'Where each start ends, by method (the basins of Figure 4.3’s landscape)',
      caption:
        'Gradient descent and modified Newton end in the minimum of the well they start in (modified Newton’s ' +
        'first, bounded steps carry some starts over a hump); gradient descent’s starts on the plateau stay there. ' +
        'Newton converges to a minimum only from the convex core of a well (|x − cᵢ| < sᵢ); elsewhere its ' +
        'quadratic model is concave and it climbs to the local maximum between the wells, or runs off into the ' +
        'flat tails beyond [0, 13.5].',
      where: { part: 'landscape' },
      x: 'x0',
      y: 'method',
      value: 'end',
    },
    {
      type: 'line',
      title: 'End point against start, by method',
      caption:
        'Flat steps are basins: every start in a step ends at the same point. Gradient descent’s diagonal on the ' +
        'plateau is its failure to move; Newton’s values at −1 and 14.5 are runs that left [0, 13.5] (clipped).',
      where: { part: 'landscape' },
      x: 'x0',
      y: 'xEnd',
      series: 'method',
      xLabel: 'start x₀',
      yLabel: 'end x',
    },
  ],
  report: himmelblauMaps,
});
