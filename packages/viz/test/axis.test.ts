// Tick labels of a log axis shorter than two decades: d3 puts a tick at every digit, and the labels
// at the bottom of a decade (0.08, 0.09, 0.1) ran into each other.
import { describe, expect, it } from 'vitest';
import { buildAxis } from '../src/_axis.ts';
import { textWidth } from '../src/_format.ts';

function labelled(domain: [number, number], width: number): { pos: number; label: string }[] {
  const axis = buildAxis({ kind: 'log', domain }, [0, width], Math.max(3, Math.round(width / 60)));
  return axis.ticks.filter((t) => t.label !== '');
}

describe('log axis labels', () => {
  it('never overlap, keep the powers of ten, and leave the rest as minor ticks', () => {
    // The learning-rate heatmap of `lr=linspace(0.1,1,10)`: bands from ~0.075 to ~1.05 over 330 px.
    for (const [domain, width] of [
      [[0.075, 1.05], 330],
      [[0.075, 1.05], 120],
      [[3, 70], 400],
      [[0.0011, 0.0095], 200],
    ] as [[number, number], number][]) {
      const axis = buildAxis({ kind: 'log', domain }, [0, width], Math.max(3, Math.round(width / 60)));
      const shown = labelled(domain, width);
      for (let k = 1; k < shown.length; k++) {
        const [a, b] = [shown[k - 1]!, shown[k]!];
        const room = Math.abs(b.pos - a.pos) - (textWidth(a.label, 11) + textWidth(b.label, 11)) / 2;
        expect(room, `${a.label} and ${b.label} on ${domain} over ${width} px`).toBeGreaterThanOrEqual(4);
      }
      expect(shown.length).toBeGreaterThanOrEqual(2);
      expect(axis.ticks.length).toBeGreaterThan(shown.length - 1);
    }
    const lr = labelled([0.075, 1.05], 330).map((t) => t.label);
    expect(lr).toContain('0.1');
    expect(lr).toContain('1');
    expect(lr).not.toContain('0.09');
  });
});
