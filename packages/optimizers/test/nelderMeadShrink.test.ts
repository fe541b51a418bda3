// The shrink step of Nelder–Mead (taken when the inside contraction fails), pinned against SciPy:
// without it both runs end elsewhere (checked by disabling the step: 400 evaluations, x unchanged).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nelderMead } from '../src/index.js';

const ref = JSON.parse(
  readFileSync(new URL('./fixtures/nelderMeadShrink.json', import.meta.url), 'utf8'),
) as Record<string, { x: number[]; fun: number; nit: number; nfev: number }>;

const cases: Record<string, (x: Float64Array) => number> = {
  ripple: (x) => x[0]! ** 2 + x[1]! ** 2 + 0.5 * Math.abs(Math.sin(20 * x[0]!)),
  step: (x) => Math.floor(4 * Math.abs(x[0]!)) + Math.floor(4 * Math.abs(x[1]!)),
};

describe('nelderMead shrink step', () => {
  it.each(Object.keys(cases))('nelderMead(%s) from (1.3, −0.7) matches SciPy bit for bit', (name) => {
    const r = nelderMead({ f: cases[name]! }, [1.3, -0.7]);
    const s = ref[name]!;
    expect([...r.x]).toEqual(s.x);
    expect(r.fun).toBe(s.fun);
    expect(r.nfev).toBe(s.nfev);
    // SciPy counts the initial simplex as an iteration; numcomp counts steps.
    expect(r.nit).toBe(s.nit - 1);
  });
});
