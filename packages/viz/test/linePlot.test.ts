import { describe, expect, it } from 'vitest';
import { linePlot } from '../src/index.ts';
import { expectSnapshot } from './_snapshot.ts';
import { findAll, parseXml } from './_xml.ts';

const x = Array.from({ length: 200 }, (_, i) => i / 10);
const function1 = (t: number): number => 0.01 * t * t + 0.1 * t;

describe('linePlot', () => {
  it('linePlot draws function_1 on [0, 20) with its tangent at 5 (the notebook)', () => {
    // numerical_diff(function_1, 5) = 0.2, so the tangent is 0.2 t − 0.25.
    const svg = linePlot({
      title: 'function_1 and its tangent at x = 5',
      xLabel: 'x',
      yLabel: 'f(x)',
      series: [
        { name: 'f(x) = 0.01x² + 0.1x', x, y: x.map(function1) },
        { name: 'tangent at 5', x, y: x.map((t) => 0.2 * t - 0.25), dashed: true },
      ],
      vLines: [{ value: 5, label: 'x = 5' }],
    });
    expectSnapshot('line-function1-tangent', svg);
    const root = parseXml(svg);
    expect(root.attrs.viewBox).toBe('0 0 640 420');
    expect(findAll(root, (e) => e.name === 'path' && e.attrs['stroke-dasharray'] === '6 4')).toHaveLength(1);
  });
});
