import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { spreadWidth } from '../src/aggregate/csv.ts';
import { spreads } from '../src/format/csvCells.ts';
import { jsonLine } from '../src/format/jsonLine.ts';
import type { Json } from '../src/types.ts';

/** What a value's text spreads over, by parsing it: the reference `spreadWidth` keeps. */
const parsed = (text: string): number => {
  const v = JSON.parse(text) as Json;
  return spreads(v) ? v.length : 0;
};

describe('results.csv parameter columns: spreadWidth', () => {
  it('counts a flat array of numbers by its commas, and parses anything else', () => {
    const cases: [string, number][] = [
      ['[1,2]', 2],
      ['[-4,4]', 2],
      ['[1e-5,-2.5E+3,0.1]', 3],
      ['[5e-324,1.7976931348623157e+308]', 2],
      [`[${Array(10).fill(1).join(',')}]`, 10],
      [`[${Array(11).fill(1).join(',')}]`, 0],
      ['[]', 0],
      ['["a",1]', 2],
      ['["a,b","c"]', 2],
      ['[[1,2]]', 0],
      ['[null,1]', 0],
      ['[1,true]', 0],
      ['{"a":[1,2]}', 0],
      ['1.5', 0],
      ['"x"', 0],
    ];
    for (const [text, w] of cases) {
      expect([text, spreadWidth(text)]).toEqual([text, w]);
      expect([text, parsed(text)]).toEqual([text, w]);
    }
  });

  it('agrees with parsing on any JSON value as the plan prints it', () => {
    const scalar = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.integer(),
      fc.string({ maxLength: 4 }),
      fc.constant(null),
      fc.boolean(),
    );
    const value = fc.oneof(
      fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { maxLength: 13 }),
      fc.array(scalar, { maxLength: 12 }),
      fc.array(fc.array(fc.integer(), { maxLength: 3 }), { maxLength: 3 }),
      scalar,
      fc.dictionary(fc.string({ maxLength: 3 }), scalar, { maxKeys: 3 }),
    );
    fc.assert(
      fc.property(value, (v) => {
        const text = jsonLine(v as Json);
        return spreadWidth(text) === parsed(text);
      }),
      { numRuns: 3000 },
    );
  });
});
