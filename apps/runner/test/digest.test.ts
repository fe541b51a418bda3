import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { csvColumnsOf, writeCsv } from '../src/_csv.ts';
import { readBatch } from '../src/_digest.ts';
import { reviveNumbers } from '../src/_json.ts';
import { rangeTask } from '../src/_space.ts';
import { ResultsFile } from '../src/_store.ts';
import { planSweep } from '../src/planSweep.ts';
import { type BatchResult, type BatchTask, runBatch } from '../src/runBatch.ts';
import type { RunRecord } from '../src/types.ts';
import { cleanup, FIXTURES, tmp } from './_cli.ts';

const file = join(FIXTURES, 'edge', 'edge.js');
const module = pathToFileURL(file).href;
const def = (await import(file)).default;
const plan = planSweep(def);
const base = {
  module,
  experiment: 'edge',
  objectiveKeys: plan.objectiveKeys,
  trajectory: plan.trajectory,
  csvColumns: csvColumnsOf(plan.paramsOf(0)),
};

/** Records as the sweep reads them from a result: by plan index, and by id when the index is unknown. */
function read(
  result: BatchResult,
  first = 0,
): { records: RunRecord[]; rows: (string | undefined)[]; ok: boolean } {
  const records: RunRecord[] = [];
  const rows: (string | undefined)[] = [];
  const ok = readBatch(
    result,
    (k) => first + k,
    plan.paramsOf,
    (i, r, csv, at) => {
      expect(i === undefined || plan.runs[i]!.id === r.id).toBe(true);
      records.push(r);
      rows.push(
        csv === undefined ? undefined : Buffer.from(csv.subarray(at, csv.indexOf(0x0a, at))).toString(),
      );
    },
  );
  return { records, rows, ok };
}

/** The lines parsed as a re-run parses results.jsonl. */
function parsed(lines: string): RunRecord[] {
  return lines
    .split('\n')
    .filter(Boolean)
    .map((l) => reviveNumbers(JSON.parse(l) as RunRecord));
}

describe('batch digests: the records and CSV rows the sweep builds without parsing', {
  timeout: 30_000,
}, () => {
  afterAll(cleanup);

  it('equal the parsed lines, key order and -0 → 0, NaN, ∞ included, for listed runs and for a range', async () => {
    expect(plan.count).toBe(8);
    const listed = await runBatch({ ...base, runs: plan.runs });
    const ranged = await runBatch(rangeTask(base, { space: plan.space!, first: 0, count: 8 }));
    const strip = (text: string): string => text.replace(/"time":[0-9.e-]+/g, '');
    expect(strip(ranged.lines)).toBe(strip(listed.lines));
    for (const result of [listed, ranged]) {
      const { records, ok } = read(result);
      expect(ok).toBe(true);
      const lines = parsed(result.lines);
      expect(records.map((r) => JSON.stringify(r))).toEqual(lines.map((r) => JSON.stringify(r)));
      expect(records).toEqual(lines);
      const negzero = records.find((r) => r.params.kind === 'negzero')!;
      expect(Object.is(negzero.fun, 0)).toBe(true);
      expect(records.find((r) => r.params.kind === 'nan')!.fun).toBeNaN();
      expect(records.find((r) => r.params.kind === 'inf')!.fun).toBe(Number.POSITIVE_INFINITY);
      // The convergence plot's run records a trajectory: its line is parsed.
      expect(records.filter((r) => r.trajectory !== undefined)).toHaveLength(1);
    }
  });

  it('rows printed by the worker are the rows writeCsv prints, and writeCsv uses them only where they fit', async () => {
    const result = await runBatch({ ...base, runs: plan.runs });
    const { records, rows } = read(result);
    expect(rows.filter((r) => r !== undefined)).toHaveLength(7); // all but the trajectory's
    const dir = tmp();
    writeCsv(dir, records);
    const plain = readFileSync(join(dir, 'results.csv'), 'utf8');
    const lines = plain.split('\n');
    records.forEach((_, i) => {
      if (rows[i] !== undefined) expect(rows[i]).toBe(lines[i + 1]);
    });
    const bytes = records.map((_, i) => (rows[i] === undefined ? undefined : Buffer.from(`${rows[i]}\n`)));
    const at = records.map(() => 0);
    writeCsv(dir, records, { columns: base.csvColumns, bytes, at });
    expect(readFileSync(join(dir, 'results.csv'), 'utf8')).toBe(plain);
    // Rows drafted for other columns are not used.
    const wrong = bytes.map((b) => (b === undefined ? b : Buffer.from('wrong\n')));
    writeCsv(dir, records, { columns: [['lr', 0]], bytes: wrong, at });
    expect(readFileSync(join(dir, 'results.csv'), 'utf8')).toBe(plain);
  });

  it('a worker that appends its batch to results.jsonl returns only the lines to parse', async () => {
    const path = join(tmp(), 'edge', 'results.jsonl');
    const results = new ResultsFile(path, true);
    const task: BatchTask = rangeTask(
      { ...base, appendTo: path },
      { space: plan.space!, first: 2, count: 6 },
    );
    const result = await runBatch(task);
    results.close();
    expect(result.appended).toBe(true);
    const written = readFileSync(path, 'utf8');
    expect(written.split('\n').filter(Boolean)).toHaveLength(6);
    expect(parsed(result.lines).map((r) => r.id)).toEqual(
      parsed(written)
        .filter((r) => r.trajectory !== undefined)
        .map((r) => r.id),
    );
    const { records, ok } = read(result, 2);
    expect(ok).toBe(true);
    expect(records).toEqual(parsed(written));
  });

  it('a digest that does not match its lines is not trusted: the lines are parsed', async () => {
    const result = await runBatch({ ...base, runs: plan.runs.slice(0, 3) });
    const d = result.digest!;
    const bad = { ...result, digest: { ...d, ids: d.ids.split('').reverse().join('') } };
    const ids: (number | undefined)[] = [];
    readBatch(
      bad,
      () => 0,
      plan.paramsOf,
      (i) => ids.push(i),
    );
    expect(ids).toEqual([undefined, undefined, undefined]);
    // Appended lines whose digest cannot be read: the caller must read results.jsonl.
    expect(
      readBatch(
        { ...bad, lines: '', appended: true },
        () => 0,
        plan.paramsOf,
        () => {},
      ),
    ).toBe(false);
  });
});
