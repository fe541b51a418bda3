import { function1, tangentLine } from '@numcomp/core';
import {
  arange,
  defineExperiment,
  type Params,
  type ReportSection,
  type RunRecord,
} from '@numcomp/runner/experiment';

const FUNCTION_1 = function1();
const f1 = (x: number): number => FUNCTION_1.f(Float64Array.of(x));

function run(point: Params): Params {
  const x = point.x as number;
  const tf = tangentLine(f1, point.at as number);
  return { f: f1(x), tangent: tf(x), slope: tf.slope, intercept: tf.intercept };
}

/** A table column that shows every digit of its numbers. */
const full = (label: string) => ({ label, digits: 'full' as const });

/** Slope and intercept of each tangent, to the last digit. */
function tangentTable(records: readonly RunRecord[]): readonly ReportSection[] {
  const seen = new Map<number, RunRecord>();
  for (const r of records)
    if (r.values !== undefined && !seen.has(r.params.at as number)) seen.set(r.params.at as number, r);
  return [
    {
      title: 'The tangent line',
      text:
        'Slope d = numerical_diff(function_1, x) (central difference, h = 1e-4) and intercept f(x) − d·x, against ' +
        'the exact f′(x) = 0.02x + 0.1 and f(x) − x·f′(x) = −0.01x² (0.2 and −0.25 at x = 5).',
      table: {
        columns: ['x', ...['slope d', 'exact slope', 'intercept', 'exact intercept'].map(full)],
        rows: [...seen.entries()].map(([at, r]) => [
          at,
          r.values!.slope!,
          0.02 * at + 0.1,
          r.values!.intercept!,
          -0.01 * at * at,
        ]),
      },
    },
  ];
}

/**
 * The notebook's function_1 on [0, 20) with its tangent line at 5, from the numerical derivative.
 */
export default defineExperiment({
  id: 'tangent-line',
  order: 4,
  title: 'The tangent line of function_1 at x = 5',
  description: [
    'Deep Learning §4.3 (Gradient-Based Optimization): the derivative f′(x) is the slope of f at x, so ' +
      'f(x + ε) ≈ f(x) + ε f′(x) near x, and moving x a small step against the sign of the derivative reduces f. ' +
      'The book assumes the reader knows calculus and only sketches how it relates to optimization.',
    'The notebook draws this with the function_1 of “Deep Learning from Scratch” §4.3, f(x) = 0.01x² + 0.1x, on ' +
      'np.arange(0.0, 20.0, 0.1), and its tangent at x = 5: tangent_line(f, x) takes d = numerical_diff(f, x) ' +
      '(central difference, h = 1e-4) and returns t ↦ d·t + (f(x) − d·x). The numerical slope is ' +
      '0.1999999999990898 against the exact f′(5) = 0.2: the rounding error of the central difference (see the ' +
      'finite-difference-step experiment). Override the point with `pnpm sweep tangent-line at=5,10,15`.',
  ].join('\n\n'),
  notebook:
    'x = np.arange(0.0, 20.0, 0.1); y = function_1(x); tf = tangent_line(function_1, 5); y2 = tf(x); plt.plot(x, y); plt.plot(x, y2)',
  params: { at: 5 },
  grid: { x: arange(0, 20, 0.1) },
  run,
  plots: [
    {
      type: 'line',
      title: 'f(x) = 0.01x² + 0.1x and its tangent at x = 5',
      caption:
        'The tangent touches f at (5, 0.75) with slope ≈ 0.2; f curves above it on both sides (f is convex).',
      x: 'x',
      y: ['f', 'tangent'],
      series: 'at',
      xLabel: 'x',
      yLabel: 'f(x)',
      overlays: [{ type: 'vline', x: 5, label: 'x = 5' }],
    },
  ],
  report: tangentTable,
});
