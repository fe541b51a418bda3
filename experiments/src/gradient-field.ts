import { function2, numericalGradient } from '@numcomp/core';
import { arange, defineExperiment, type Params, type ReportSection } from '@numcomp/runner/experiment';

const FUNCTION_2 = function2();
const f2 = (x: Float64Array): number => FUNCTION_2.f(x);

function run(point: Params): Params {
  const g = numericalGradient(f2, [point.x0 as number, point.x1 as number]);
  return { u: -g[0]!, v: -g[1]!, gradNorm: Math.hypot(g[0]!, g[1]!) };
}

/** The notebook's single gradient, numerical_gradient(function_2, [3, 4]) = [6, 8]. */
function notebookGradient(): readonly ReportSection[] {
  const g = numericalGradient(f2, [3, 4]);
  return [
    {
      title: 'numerical_gradient(function_2, [3.0, 4.0])',
      text:
        'The gradient at the point (3, 4), by central differences with h = 1e-4, one coordinate at a time, with ' +
        'every digit. The notebook prints array([ 6., 8.]) (NumPy rounds the display); the exact gradient is ' +
        '(2x₀, 2x₁) = (6, 8).',
      table: {
        columns: ['', { label: '∂f/∂x₀', digits: 'full' }, { label: '∂f/∂x₁', digits: 'full' }],
        rows: [
          ['notebook (as printed)', '6.', '8.'],
          ['numcomp', g[0]!, g[1]!],
          ['exact', 6, 8],
        ],
      },
    },
  ];
}

const axis = arange(-2, 2.5, 0.25);

/**
 * The notebook's quiver: −∇f of function_2 = x₀² + x₁² on the grid np.arange(−2, 2.5, 0.25)², by the
 * numerical gradient, over the contours of f.
 */
export default defineExperiment({
  id: 'gradient-field',
  order: 5,
  title: 'The gradient field of function_2',
  description: [
    'Deep Learning §4.3 (Gradient-Based Optimization): for a function of several inputs, the partial derivative ' +
      '∂f/∂xᵢ measures how f changes as only xᵢ moves, and the gradient ∇ₓf collects them into a vector. The ' +
      'directional derivative in the direction u is uᵀ∇ₓf, smallest for u pointing against the gradient: ' +
      '−∇ₓf is the direction of steepest descent.',
    'The notebook (after “Deep Learning from Scratch” §4.4) computes the partial derivatives of ' +
      'function_2(x) = x₀² + x₁² numerically, one coordinate at a time, by central differences with h = 1e-4: ' +
      'numerical_gradient(function_2, [3.0, 4.0]) gives [6, 8]. It then evaluates the gradient at every point of ' +
      'np.arange(−2, 2.5, 0.25) × np.arange(−2, 2.5, 0.25) and draws −∇f as arrows (plt.quiver). Every arrow points ' +
      'towards the minimum at the origin, and the arrows grow with the distance from it: at each point the ' +
      'negative gradient is the direction in which the function decreases fastest. As the notebook warns, the ' +
      'gradient only says where f decreases locally; nothing guarantees that it points at the minimum of a ' +
      'general function.',
    'Each run is one point of the 18 × 18 grid (one row of the notebook’s batch numerical_gradient, ' +
      'numericalGradientBatch in @numcomp/core, which computes the same bits).',
  ].join('\n\n'),
  notebook:
    '勾配をベクトルだと思っていろんな点で求めて図示すると: … plt.quiver(X, Y, -grad[0], -grad[1], angles="xy", color="#666666") ' +
    '各地点において関数の値を最も減らす方向を示すのが勾配. … ただし,各地点において関数の値を最も減らす方向を示すのが勾配であるため,' +
    '勾配が指す先が本当に関数の最小値なのかどうかは保証されない.',
  grid: { x0: axis, x1: axis },
  run,
  plots: [
    {
      type: 'quiver',
      title: '−∇f of function_2 = x₀² + x₁²',
      caption:
        'Arrows −∇f at the points of np.arange(−2, 2.5, 0.25)², over the contours of f, within the notebook’s ' +
        'xlim and ylim [−2, 2]: all point to the minimum (0, 0), longer far from it (|∇f| = 2‖x‖).',
      x: 'x0',
      y: 'x1',
      u: 'values.u',
      v: 'values.v',
      objective: 'sphere',
      // The notebook's plt.xlim([-2, 2]) and ylim([-2, 2]): the arrows at 2.25 fall outside.
      domain: [
        [-2, 2],
        [-2, 2],
      ],
    },
  ],
  report: notebookGradient,
});
