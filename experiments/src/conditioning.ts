import { cond, condEig, errorAmplification, hilbert, type Matrix, rangeError, toRows } from '@numcomp/core';
import {
  defineExperiment,
  type Params,
  type ReportSection,
  type RunRecord,
} from '@numcomp/runner/experiment';

const EPS = Number.EPSILON;

/** The matrix of a run: the notebook's two, a non-normal shear, Hilbert H_n, or diag(1, √κ, κ). */
function matrixOf(point: Params): number[][] | Matrix {
  switch (point.matrix) {
    case 'notebook-rotation':
      return [
        [1, 0, -1],
        [0, 1, 0],
        [1, 0, 1],
      ];
    case 'notebook-diagonal':
      return [
        [1, 0, 0],
        [0, 10, 0],
        [0, 0, 100],
      ];
    case 'shear':
      return [
        [1, 1e4],
        [0, 1],
      ];
    case 'hilbert':
      return hilbert(point.n as number);
    case 'diagonal': {
      const k = point.kappa as number;
      return [
        [1, 0, 0],
        [0, Math.sqrt(k), 0],
        [0, 0, k],
      ];
    }
    default:
      throw rangeError(
        'matrix',
        point.matrix,
        'expected notebook-rotation, notebook-diagonal, shear, hilbert or diagonal',
      );
  }
}

/** What the notebook prints for its two matrices (`np.linalg.cond`): 1.4142135623730951 (= √2) and 100.0. */
const NOTEBOOK: Readonly<Record<string, number>> = {
  'notebook-rotation': Math.SQRT2,
  'notebook-diagonal': 100,
};

function run(point: Params): Params {
  const A = matrixOf(point);
  const rows = toRows('A', A);
  const n = rows.length;
  // b = A·1, so the exact solution is x = 1: the error of the computed x is the amplified rounding error.
  const b = rows.map((r) => r.reduce((s, v) => s + v, 0));
  const amp = errorAmplification(A, b, { relError: 1e-6, trials: 16, seed: 1 });
  let err = 0;
  for (let i = 0; i < n; i++) err += (amp.x[i]! - 1) ** 2;
  const random = Array.from(amp.randomAmplifications).sort((p, q) => p - q);
  const k = cond(A);
  return {
    A: rows,
    size: n,
    cond: k,
    condEig: condEig(A),
    notebook: NOTEBOOK[point.matrix as string] ?? null,
    amplification: amp.amplification,
    worstDirectionAmplification: amp.worstDirectionAmplification,
    randomAmplification: random[random.length >> 1]!,
    solveError: Math.sqrt(err / n),
    kappaEps: k * EPS,
  };
}

/** The notebook's np.linalg.cond values next to numcomp's, to the last digit. */
function notebookTable(records: readonly RunRecord[]): readonly ReportSection[] {
  const rows = ['notebook-rotation', 'notebook-diagonal', 'shear'].map((m) => {
    const v = records.find((r) => r.params.matrix === m)?.values ?? {};
    return [m, JSON.stringify(v.A ?? null), v.notebook ?? null, v.cond ?? null, v.condEig ?? null];
  });
  return [
    {
      title: 'The notebook’s condition numbers',
      text:
        'np.linalg.cond prints 1.4142135623730951 for [[1, 0, −1], [0, 1, 0], [1, 0, 1]] and 100.0 for diag(1, 10, 100). ' +
        'condEig is the book’s max |λᵢ/λⱼ|: the same for these two (normal) matrices, but 1 instead of 10⁸ for the ' +
        'non-normal shear, whose eigenvalues are both 1.',
      table: {
        columns: [
          'matrix',
          'A',
          ...['notebook', 'cond (σmax/σmin)', 'condEig (max |λᵢ/λⱼ|)'].map((label) => ({
            label,
            digits: 'full' as const,
          })),
        ],
        rows,
      },
    },
  ];
}

const hilbertCases = Array.from({ length: 11 }, (_, i) => ({ matrix: 'hilbert', n: i + 2 }));
const diagonalCases = Array.from({ length: 16 }, (_, k) => ({ matrix: 'diagonal', kappa: 10 ** k }));
const boundLine: [number, number][] = [
  [1, 1],
  [1e17, 1e17],
];

/**
 * Poor conditioning (Deep Learning §4.2): condition numbers of the notebook's matrices, of Hilbert
 * matrices, and how much solving `Ax = b` amplifies relative errors against `cond(A)`.
 */
export default defineExperiment({
  id: 'conditioning',
  order: 2,
  title: 'Poor conditioning: condition numbers and error amplification',
  description: [
    'Deep Learning §4.2 (Poor Conditioning). Conditioning is how fast a function changes when its input ' +
      'changes a little. A function that changes rapidly under a slight perturbation of its input is a problem ' +
      'for scientific computing, because rounding errors in the input can then cause large changes in the output.',
    'Take f(x) = A⁻¹x. When A ∈ ℝⁿˣⁿ has an eigendecomposition, its condition number is maxᵢ,ⱼ |λᵢ / λⱼ|, the ' +
      'ratio of the largest and smallest eigenvalue magnitudes; numerical libraries use the singular values, ' +
      'cond(A) = σ_max / σ_min, which agrees for symmetric (normal) matrices. When this number is large, ' +
      'inverting A amplifies the errors of its input; in practice the error is compounded further by the ' +
      'numerical errors of the inversion itself. The notebook computes np.linalg.cond for [[1, 0, −1], [0, 1, 0], ' +
      '[1, 0, 1]] (1.4142135623730951, a scaled rotation) and for diag(1, 10, 100) (100.0).',
    'The sweep adds the Hilbert matrices Hₙ (Hᵢⱼ = 1/(i + j + 1)), n = 2…12, whose condition number grows about ' +
      '30-fold per size until it reaches 1/ε ≈ 4.5·10¹⁵, where no digit of a solution can be trusted; ' +
      'diag(1, √κ, κ) for κ = 1…10¹⁵; and the shear [[1, 10⁴], [0, 1]], whose eigenvalues are both 1 ' +
      '(eigenvalue ratio 1) but whose cond is 10⁸: the book’s eigenvalue formula only holds for normal matrices. ' +
      'For each matrix it solves Ax = b with b = A·1, perturbs b by a relative 10⁻⁶ along the worst direction ' +
      '(the left singular vector of σ_min) and along 16 random ones, and reports the relative error of x over the ' +
      'relative error of b: never above cond(A), close to it along the worst direction, much smaller along a ' +
      'typical one. The error of the computed x against the exact x = 1 is rounding error amplified by up to ' +
      'cond(A)·ε: with cond(H₁₂) ≈ 1.6·10¹⁶ no digit survives.',
  ].join('\n\n'),
  notebook:
    'conditioning: 入力のわずかな変化に対して,関数がどれほど急速に変化するかを指す.入力の丸め誤差が出力に大きな変化をもたらす可能性があるため,' +
    '入力がわずかに動いたときに急激に変化する関数は科学的計算には問題がある. … この値がデカイと,逆行列は入力の誤差を増幅する.' +
    '実際には,誤差は逆行列自体の数値誤差によってさらに複合化される.',
  cases: [
    { matrix: 'notebook-rotation' },
    { matrix: 'notebook-diagonal' },
    { matrix: 'shear' },
    ...hilbertCases,
    ...diagonalCases,
  ],
  run,
  plots: [
    {
      type: 'line',
      title: 'cond(Hₙ) against n',
      caption:
        'The 2-norm condition number of the Hilbert matrix grows by a factor of about 30 per size (asymptotically ' +
        '(1 + √2)⁴ ≈ 34). At n = 12 it passes 1/ε (dashed), and the computed value itself is dominated by rounding ' +
        '(NumPy gives 1.64·10¹⁶, numcomp 1.58·10¹⁶). The eigenvalue ratio (condEig) coincides: Hₙ is symmetric.',
      where: { matrix: 'hilbert' },
      x: 'n',
      y: 'cond',
      logY: true,
      xLabel: 'n',
      yLabel: 'cond(Hₙ)',
      overlays: [{ type: 'hline', y: 1 / EPS, label: '1/ε' }],
    },
    {
      type: 'line',
      title: 'Observed error amplification against cond(A)',
      caption:
        '(‖δx‖/‖x‖)/(‖δb‖/‖b‖) for δb along the worst direction (amplification) and the median over 16 random ' +
        'directions (randomAmplification), for Hilbert matrices and diag(1, √κ, κ). The worst direction comes within ' +
        'a factor of 2 of the bound cond(A) (dashed); a random one is typically 3–10 times below it.',
      where: { matrix: { in: ['hilbert', 'diagonal'] } },
      x: 'cond',
      y: ['amplification', 'randomAmplification'],
      series: 'matrix',
      logX: true,
      logY: true,
      xLabel: 'cond(A)',
      yLabel: 'relative error of x / relative error of b',
      overlays: [{ type: 'curve', points: boundLine, label: 'cond(A)' }],
    },
    {
      type: 'line',
      title: 'Rounding error of the solution of Hₙx = Hₙ·1',
      caption:
        'RMS error of the computed x against the exact solution 1, with the estimate cond(A)·ε (dashed): each factor ' +
        'of 10 in cond(A) costs about one decimal digit of x, and at n = 12 (cond ≈ 1/ε) none is left.',
      where: { matrix: 'hilbert' },
      x: 'cond',
      y: 'solveError',
      logX: true,
      logY: true,
      xLabel: 'cond(Hₙ)',
      yLabel: 'RMS error of x',
      overlays: [
        {
          type: 'curve',
          points: [
            [10, 10 * EPS],
            [1e17, 1e17 * EPS],
          ],
          label: 'cond(A)·ε',
        },
      ],
    },
    {
      type: 'table',
      title: 'Hilbert matrices',
      where: { matrix: 'hilbert' },
      columns: ['n', 'cond', 'condEig', 'amplification', 'randomAmplification', 'solveError'],
      sort: 'n',
    },
  ],
  report: notebookTable,
});
