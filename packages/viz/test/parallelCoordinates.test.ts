import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { outcomeColors, parallelCoordinates, svgNote } from '../src/index.ts';
import { expectSnapshot } from './_snapshot.ts';
import { findAll, hasClass, parseXml, type XmlElement } from './_xml.ts';

/** A deterministic sweep: lr × method × seed, outcome and final f from a toy rule. */
function sweep(n: number): {
  lr: number[];
  method: string[];
  fun: number[];
  status: string[];
} {
  const out = { lr: [] as number[], method: [] as string[], fun: [] as number[], status: [] as string[] };
  const methods = ['gd', 'momentum', 'adam'];
  for (let i = 0; i < n; i++) {
    const lr = 10 ** (-4 + (5 * (i % 50)) / 49);
    const method = methods[Math.floor(i / 50) % 3]!;
    const status = i % 997 === 3 ? 'error' : lr > 1 ? 'diverged' : lr < 1e-3 ? 'max-iter' : 'converged';
    out.lr.push(lr);
    out.method.push(method);
    out.status.push(status);
    out.fun.push(status === 'diverged' || status === 'error' ? Number.NaN : lr * 1e-3 * (1 + (i % 7)));
  }
  return out;
}

const lines = (root: XmlElement): XmlElement[] =>
  findAll(findAll(root, (e) => hasClass(e, 'lines'))[0]!, (e) => e.name === 'path');

describe('parallelCoordinates', () => {
  it('draws one polyline per row through every axis, each with a tooltip of its values', () => {
    const s = sweep(300);
    const svg = parallelCoordinates({
      dimensions: [
        { label: 'lr', values: s.lr },
        { label: 'method', values: s.method },
        { label: 'final f', values: s.fun },
      ],
      color: s.status,
      colorLabel: 'outcome',
    });
    const root = parseXml(svg);
    const paths = lines(root);
    expect(paths).toHaveLength(300);
    const tips = paths.map((p) => findAll(p, (e) => e.name === 'title')[0]!.text);
    const first = tips.indexOf('lr 0.0001, method gd, final f 1e−7; outcome max-iter');
    expect(first).toBeGreaterThanOrEqual(0);
    // Three points: M then two relative segments.
    expect(paths[first]!.attrs.d).toMatch(/^M[\d.]+,[\d.]+l-?[\d.]+,?-?[\d.]+[ -][\d.]+,?-?[\d.]+$/);
    expect(svgNote(svg)).toBe('All 300 lines drawn.');
    expect(findAll(root, (e) => hasClass(e, 'density'))).toHaveLength(0);
  });

  it('colours categories with the outcome palette, one toggle group per outcome with its count', () => {
    const svg = parallelCoordinates({
      dimensions: [{ label: 'a', values: [1, 2, 3, 4, 5] }],
      color: ['converged', 'diverged', 'weird', 'ok', 'max-iter'],
    });
    const root = parseXml(svg);
    const groups = findAll(
      root,
      (e) => e.name === 'g' && e.attrs['data-key'] !== undefined && !hasClass(e, 'legend-item'),
    );
    const stroke = new Map(
      groups.map((g) => [findAll(g, (e) => e.name === 'title')[0]!.text.split('colour ')[1], g.attrs.stroke]),
    );
    expect(stroke.get('converged')).toBe(outcomeColors.converged);
    expect(stroke.get('ok')).toBe(outcomeColors.converged);
    expect(stroke.get('diverged')).toBe(outcomeColors.diverged);
    expect(stroke.get('max-iter')).toBe(outcomeColors['max-iter']);
    expect(stroke.get('weird')).not.toBe(undefined);
    for (const o of ['converged', 'diverged', 'max-iter'])
      expect(stroke.get('weird')).not.toBe(stroke.get(o));
    const legend = findAll(root, (e) => hasClass(e, 'legend-item'));
    // Outcomes first in their usual order ('ok' as converged), then the others as first seen.
    expect(legend.map((g) => findAll(g, (e) => e.name === 'text')[0]!.text)).toEqual([
      'converged (1)',
      'ok (1)',
      'max-iter (1)',
      'diverged (1)',
      'weird (1)',
    ]);
  });

  it('past maxLines draws lines chosen evenly within each outcome, keeps rare ones, shades the density and says so', () => {
    const s = sweep(10_000);
    const errors = s.status.filter((st) => st === 'error').length;
    expect(errors).toBeGreaterThan(5);
    const svg = parallelCoordinates({
      dimensions: [
        { label: 'lr', values: s.lr },
        { label: 'method', values: s.method },
      ],
      color: s.status,
      colorLabel: 'outcome',
      maxLines: 500,
    });
    const root = parseXml(svg);
    const paths = lines(root);
    expect(paths).toHaveLength(500);
    const drawn = (st: string): number =>
      paths.filter((p) => findAll(p, (e) => e.name === 'title')[0]!.text.endsWith(`outcome ${st}`)).length;
    // Every error run is kept; each outcome keeps 50 lines, and shares the rest in proportion.
    expect(drawn('error')).toBe(errors);
    const conv = s.status.filter((st) => st === 'converged').length;
    const maxIter = s.status.filter((st) => st === 'max-iter').length;
    expect((drawn('converged') - 50) / (drawn('max-iter') - 50)).toBeCloseTo((conv - 50) / (maxIter - 50), 1);
    expect(svgNote(svg)).toBe(
      '500 of 10,000 lines drawn, evenly within each outcome; shading: the density of all 10,000.',
    );
    // One density image per outcome, hidden with its lines by the same legend key.
    const shades = findAll(root, (e) => e.name === 'rect' && (e.attrs.mask ?? '').startsWith('url('));
    const keys = findAll(root, (e) => hasClass(e, 'legend-item')).map((g) => g.attrs['data-key']);
    expect(shades.map((r) => r.attrs['data-key']).sort()).toEqual([...keys].sort());
    expect(
      findAll(root, (e) => e.name === 'image').every((i) =>
        i.attrs.href!.startsWith('data:image/png;base64,'),
      ),
    ).toBe(true);
  });

  it('picks a log axis for values > 0 spanning more than two decades, with zeros and nulls in a slot under it', () => {
    const svg = parallelCoordinates({
      dimensions: [
        { label: 'lr', values: [1e-4, 1e-3, 1e-2, 0.1, 1] },
        { label: 'f', values: [0, 1e-8, 1e-4, null, 1] },
        { label: 'method', values: ['gd', null, 'adam', 'gd', 'adam'] },
        { label: 'lin', values: [1, 2, 3, 4, 5] },
      ],
    });
    const root = parseXml(svg);
    const axes = findAll(root, (e) => hasClass(e, 'axes'))[0]!;
    const texts = findAll(axes, (e) => e.name === 'text' && !hasClass(e, 'dimension')).map((t) => t.text);
    expect(texts).toContain('10⁻⁴');
    expect(texts).toContain('10⁻⁸');
    expect(texts.filter((t) => t.endsWith('none, 0'))).toHaveLength(1);
    expect(texts.filter((t) => t.endsWith('none'))).toHaveLength(1);
    expect(texts).toContain('gd');
    expect(texts).toContain('adam');
    // The row with f = 0 and the one with f = null meet at the same slot, below every axis.
    const ys = lines(root).map((p) => {
      const nums = p.attrs
        .d!.slice(1)
        .split(/[l ,]|(?=-)/)
        .filter(Boolean)
        .map(Number);
      let y = nums[1]!;
      const out = [y];
      for (let k = 3; k < nums.length; k += 2) out.push((y += nums[k]!));
      return out;
    });
    expect(ys[0]![1]).toBeCloseTo(ys[3]![1]!, 1);
    expect(ys[0]![1]).toBeGreaterThan(Math.max(ys[1]![1]!, ys[2]![1]!, ys[4]![1]!));
  });

  it('colours by a number on a log scale whose domain comes from the values > 0; zeros are drawn apart', () => {
    const svg = parallelCoordinates({
      dimensions: [{ label: 'i', values: [1, 2, 3, 4] }],
      color: [0, 1e-6, 1e-2, 1],
      colorLabel: 'final f',
    });
    const root = parseXml(svg);
    const paths = lines(root);
    const byTip = new Map(paths.map((p) => [findAll(p, (e) => e.name === 'title')[0]!.text, p]));
    // viridis(0) at the smallest positive value, viridis(1) at the largest.
    expect(byTip.get('i 2; final f 0.000001')!.attrs.stroke).toBe('#440154');
    expect(byTip.get('i 4; final f 1')!.attrs.stroke).toBe('#fde725');
    expect(byTip.get('i 1; final f 0')!.attrs.stroke).toBeUndefined();
    const zero = findAll(
      root,
      (e) => e.name === 'g' && e.attrs['data-key'] === 'offscale' && !hasClass(e, 'legend-item'),
    )[0]!;
    expect(zero.attrs['stroke-dasharray']).toBe('1 2.5');
    expect(
      findAll(root, (e) => hasClass(e, 'legend-item')).map(
        (g) => findAll(g, (e) => e.name === 'text')[0]!.text,
      ),
    ).toEqual(['final f ≤ 0: not on a log scale (1)']);
    expect(findAll(root, (e) => hasClass(e, 'color-bar')).length).toBe(1);
  });

  it('refuses unknown options with the nearest name, and columns of different lengths', () => {
    const dimensions = [{ label: 'a', values: [1, 2] }];
    expect(() => parallelCoordinates({ dimensions, colour: ['a', 'b'] } as never)).toThrow(
      'unknown option colour; did you mean color?',
    );
    expect(() =>
      parallelCoordinates({ dimensions: [{ label: 'a', values: [1], scales: 'log' }] } as never),
    ).toThrow('unknown option dimensions[0].scales; did you mean dimensions[0].scale?');
    expect(() => parallelCoordinates({ dimensions, color: ['a'] })).toThrow('invalid color');
    expect(() => parallelCoordinates({ dimensions: [...dimensions, { label: 'b', values: [1] }] })).toThrow(
      'invalid dimensions[1].values',
    );
    expect(() => parallelCoordinates({ dimensions: [] })).toThrow('invalid dimensions');
    expect(() => parallelCoordinates({ dimensions: [{ label: 'a', values: [{}] as never }] })).toThrow(
      'invalid dimensions[0].values[0]',
    );
  });

  it('never writes NaN, for any numbers', () => {
    const wild = fc.oneof(
      fc.double(),
      fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0, -0, 1e308, 5e-324),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(wild, wild, wild), { maxLength: 20 }), fc.boolean(), (rows, thin) => {
        const svg = parallelCoordinates({
          dimensions: [
            { label: 'a', values: rows.map((r) => r[0]) },
            { label: 'b', values: rows.map((r) => r[1]), scale: 'log' },
          ],
          color: rows.map((r) => r[2]),
          ...(thin ? { maxLines: 3 } : {}),
        });
        // Markup only: an embedded raster's base64 may spell "NaN" by chance (seen: …BTHZQLNPbw…).
        expect(svg.replace(/data:[^"')]*/g, '')).not.toMatch(/NaN|Infinity|undefined/);
        parseXml(svg);
      }),
      { numRuns: 100 },
    );
  }, 30_000);

  it('draws a small sweep by outcome (snapshot)', () => {
    const s = sweep(150);
    expectSnapshot(
      'parallel-outcomes',
      parallelCoordinates({
        title: 'Runs by outcome',
        dimensions: [
          { label: 'learning rate', values: s.lr },
          { label: 'method', values: s.method },
          { label: 'final f', values: s.fun },
        ],
        color: s.status,
        colorLabel: 'outcome',
      }),
    );
  });
});
