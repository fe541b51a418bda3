import { describe, expect, it } from 'vitest';
import { contourPlot } from '../src/index.ts';
import { expectSnapshot } from './_snapshot.ts';
import { findAll, hasClass, parseXml } from './_xml.ts';

const sphere = (x: number, y: number): number => x * x + y * y;
const rosenbrock = (x: number, y: number): number => (1 - x) ** 2 + 100 * (y - x * x) ** 2;

/** The notebook's gradient_descent on function_2: x_history holds the 20 iterates before each step. */
function notebookHistory(lr: number, steps = 20): { x: number[]; y: number[] } {
  const x = [-3];
  const y = [4];
  for (let k = 1; k < steps; k++) {
    x.push(x[k - 1]! * (1 - 2 * lr));
    y.push(y[k - 1]! * (1 - 2 * lr));
  }
  return { x, y };
}

describe('contourPlot', () => {
  it('contourPlot draws the notebook figure: gradient descent for lr = 0.1, 0.01, 1.0 on x₀² + x₁²', () => {
    const svg = contourPlot({
      title: 'Gradient descent on f(x) = x₀² + x₁² from (−3, 4)',
      subtitle: '20 steps each; lr = 1.0 oscillates between (−3, 4) and (3, −4)',
      f: sphere,
      xDomain: [-3.5, 3.5],
      yDomain: [-4.5, 4.5],
      xLabel: 'x₀',
      yLabel: 'x₁',
      colorLabel: 'f(x)',
      axesLines: true,
      trajectories: [
        { name: 'lr = 0.1', ...notebookHistory(0.1), status: 'converged' },
        { name: 'lr = 0.01', ...notebookHistory(0.01), status: 'max-iter' },
        { name: 'lr = 1.0', ...notebookHistory(1.0), status: 'max-iter' },
      ],
    });
    expectSnapshot('contour-notebook-gd', svg);
    const root = parseXml(svg);
    expect(findAll(root, (e) => hasClass(e, 'trajectory'))).toHaveLength(3);
    const groups = findAll(root, (e) => hasClass(e, 'dots'));
    expect(groups.map((g) => g.attrs['data-run'])).toEqual(['0', '1', '2']);
    for (const g of groups) {
      // 20 iterates given → 20 dots drawn, each with its own tooltip.
      expect(g.children.filter((e) => e.name === 'circle')).toHaveLength(20);
      expect(g.children.every((e) => e.children[0]?.name === 'title')).toBe(true);
    }
  });

  it('contourPlot with levelScale "log" resolves the Rosenbrock valley', () => {
    const svg = contourPlot({
      title: 'Rosenbrock, log-spaced levels',
      f: rosenbrock,
      xDomain: [-2, 2],
      yDomain: [-1, 3],
      levelScale: 'log',
      levels: 14,
      colorLabel: 'f',
    });
    expectSnapshot('contour-rosenbrock-log', svg);
  });
});
