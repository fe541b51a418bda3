import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { jsonLine, reviveNumbers } from '../src/_json.ts';
import { parseLines, ResultsFile, readRecords } from '../src/_store.ts';
import { cleanup, tmp } from './_cli.ts';

describe('results.jsonl', () => {
  afterAll(cleanup);

  it('non-finite numbers round-trip through the strings "NaN", "Infinity", "-Infinity"', () => {
    const v = { fun: Number.POSITIVE_INFINITY, x: [Number.NaN, 1, Number.NEGATIVE_INFINITY], s: 'ok' };
    const text = jsonLine(v);
    expect(text).toBe('{"fun":"Infinity","x":["NaN",1,"-Infinity"],"s":"ok"}');
    expect(reviveNumbers(JSON.parse(text))).toEqual(v);
  });

  it('parseLines: later lines for an id win; damaged lines are skipped', () => {
    const m = parseLines(
      '{"id":"a","status":"error","params":{},"time":1}\n{"id":"b",broken\n{"id":"a","status":"ok","params":{},"time":2}\n',
      new Map(),
    );
    expect([...m.keys()]).toEqual(['a']);
    expect(m.get('a')?.status).toBe('ok');
  });

  it('ResultsFile cuts a torn last line before appending, and --fresh empties the file', () => {
    const file = join(tmp(), 'x', 'results.jsonl');
    const a = new ResultsFile(file, false);
    a.append('{"id":"a","status":"ok","params":{},"time":1}\n');
    a.close();
    appendFileSync(file, '{"id":"b","sta');
    const b = new ResultsFile(file, false);
    b.append('{"id":"c","status":"ok","params":{},"time":1}\n');
    b.close();
    expect(readFileSync(file, 'utf8').split('\n')).toEqual([
      '{"id":"a","status":"ok","params":{},"time":1}',
      '{"id":"c","status":"ok","params":{},"time":1}',
      '',
    ]);
    expect([...readRecords(file).keys()]).toEqual(['a', 'c']);
    new ResultsFile(file, true).close();
    expect(readFileSync(file, 'utf8')).toBe('');
    writeFileSync(file, 'no newline at all');
    new ResultsFile(file, false).close();
    expect(readFileSync(file, 'utf8')).toBe('');
  });
});
