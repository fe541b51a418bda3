// A batch's digest must describe exactly what its lines say: the coordinator folds new runs into the
// report from the digest (no JSON.parse), and writes the CSV rows the workers printed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CsvWriter, paramColumns } from '../src/aggregate/csv.ts';
import { ByteWriter, giveSpare, takeSpare } from '../src/execute/byteWriter.ts';
import { allPlain, digestRecord, readDigest } from '../src/execute/digest.ts';
import { BatchRunner } from '../src/execute/runBatch.ts';
import { planSweep } from '../src/plan/planSweep.ts';
import { parseLine } from '../src/store/resultsLog.ts';
import type { BatchTask, RunRecord } from '../src/types.ts';
import { cleanup, FIXTURES, tmp } from './_cli.ts';

const file = join(FIXTURES, 'edge', 'edge.js');
const module = pathToFileURL(file).href;
const def = (await import(file)).default;
const plan = planSweep(def, [], { code: 'c0de' });
const columns = paramColumns(plan.space);

function task(first: number, count: number): BatchTask {
  return {
    module,
    experiment: 'edge',
    trajectory: plan.trajectory,
    csvColumns: columns,
    csvXWidth: 1,
    work: { kind: 'range', space: plan.space, first, count },
  };
}

describe('batch digests: the records and CSV rows the sweep builds without parsing', {
  timeout: 30_000,
}, () => {
  afterAll(cleanup);

  it("a batch's bytes are handed over: the runner's next batch leaves them as they were", async () => {
    const runner = new BatchRunner();
    const first = await runner.run(task(0, 4));
    const text = new TextDecoder().decode(first.lines);
    const csv = new TextDecoder().decode(first.digest!.csv);
    const numbers = Array.from(first.digest!.numbers);
    const second = await runner.run(task(4, 4));
    expect(new TextDecoder().decode(first.lines)).toBe(text);
    expect(new TextDecoder().decode(first.digest!.csv)).toBe(csv);
    expect(Array.from(first.digest!.numbers)).toEqual(numbers);
    expect(second.digest!.numbers.buffer).not.toBe(first.digest!.numbers.buffer);
    expect(
      text
        .trim()
        .split('\n')
        .map((l) => parseLine(l)!.id),
    ).toEqual([0, 1, 2, 3].map((i) => plan.runAt(i).id));
    expect(second.lines.buffer).not.toBe(first.lines.buffer);
  });

  it('ByteWriter: UTF-8 by default, Latin-1 when told ASCII, and bytes() hands over what was written', () => {
    const w = new ByteWriter();
    w.write('{"name":"α"}\n');
    w.write('x=1\n', true);
    const a = w.bytes();
    expect(new TextDecoder().decode(a)).toBe('{"name":"α"}\nx=1\n');
    expect(a.byteLength).toBe(18); // α is 2 bytes
    w.write('y'.repeat(70_000), true);
    expect(new TextDecoder().decode(a)).toBe('{"name":"α"}\nx=1\n');
    expect(w.bytes().byteLength).toBe(70_000);
    expect(w.size).toBe(0);
  });

  it('bytes() goes on in a buffer handed back (giveSpare) that is large enough, else in a new one', () => {
    while (takeSpare(0) !== undefined); // none left from other tests
    const w = new ByteWriter(); // 64 KiB
    const small = new ArrayBuffer(1000);
    const large = new ArrayBuffer(1 << 17);
    giveSpare(small);
    giveSpare(large);
    w.write('a', true);
    const first = w.bytes();
    w.write('b', true);
    const second = w.bytes();
    expect(second.buffer).toBe(large);
    expect(first.buffer).not.toBe(small);
    expect(new TextDecoder().decode(first)).toBe('a');
    expect(new TextDecoder().decode(second)).toBe('b');
    w.write('c', true);
    expect(w.bytes().buffer).not.toBe(small); // still too small: kept
    expect(takeSpare(1)).toBe(small);
    expect(takeSpare(1)).toBeUndefined();
  });

  it('spares full of small buffers take a larger one in place of the smallest (else a writer never finds one)', () => {
    while (takeSpare(0) !== undefined);
    const smalls = Array.from({ length: 8 }, (_, i) => new ArrayBuffer(1000 + i));
    for (const b of smalls) giveSpare(b);
    const large = new ArrayBuffer(1 << 17);
    giveSpare(new ArrayBuffer(500)); // smaller than all: dropped
    giveSpare(large); // replaces the 1000-byte one
    expect(takeSpare(1 << 16)).toBe(large);
    const left: ArrayBuffer[] = [];
    for (let b = takeSpare(0); b !== undefined; b = takeSpare(0)) left.push(b);
    expect(left.map((b) => b.byteLength).sort((x, y) => x - y)).toEqual([
      1001, 1002, 1003, 1004, 1005, 1006, 1007,
    ]);
  });

  it('each digest entry equals its parsed line (−0, NaN and ∞ included), and trajectories are parsed', async () => {
    const result = await new BatchRunner().run(task(0, plan.count));
    expect(result.ran).toBe(plan.count);
    const lines = new TextDecoder().decode(result.lines).trim().split('\n');
    expect(lines).toHaveLength(8);
    const parsed = lines.map((l) => parseLine(l)!);
    const seen: { index: number; plain: boolean }[] = [];
    expect(
      readDigest(result.digest!, (e) => {
        const r = parsed[seen.length]!;
        seen.push({ index: e.index, plain: e.plain });
        expect([e.id, e.status]).toEqual([r.id, r.status]);
        expect(plan.runAt(e.index).id).toBe(r.id);
        if (!e.plain) {
          expect(r.trajectory).toBeDefined();
          return;
        }
        const { code: _code, ...rest } = r as RunRecord & { code?: string };
        expect(digestRecord(e, plan.paramsOf(e.index))).toEqual(rest);
      }),
    ).toBe(true);
    expect(seen.map((s) => s.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    // Each entry gives its line's length in bytes and its row's: the coordinator scans for neither.
    const sizes: number[] = [];
    readDigest(result.digest!, (e) => {
      sizes.push(e.lineBytes);
    });
    expect(sizes).toEqual(lines.map((l) => Buffer.byteLength(l) + 1));
    expect(allPlain(result.digest!)).toBe(false);
    // The convergence plot draws (square, lr 0.2): its run is the one parsed.
    expect(seen.filter((s) => !s.plain)).toHaveLength(1);
  });

  it('rows the workers print are the rows the coordinator prints from the records', async () => {
    const result = await new BatchRunner().run(task(0, plan.count));
    const parsed = new TextDecoder()
      .decode(result.lines)
      .trim()
      .split('\n')
      .map((l) => parseLine(l)!);
    const layout = { params: columns, results: true, xWidth: 1, values: [] };
    const a = tmp();
    const b = tmp();
    const fromWorkers = new CsvWriter(a, layout);
    const fromRecords = new CsvWriter(b, layout);
    let k = 0;
    readDigest(result.digest!, (e) => {
      const r = parsed[k++]!;
      if (e.csvAt >= 0) fromWorkers.printed(result.digest!.csv, e.csvAt, e.csvEnd);
      else fromWorkers.row(r);
      fromRecords.row(r);
    });
    fromWorkers.commit();
    fromRecords.commit();
    const x = readFileSync(join(a, 'results.csv'), 'utf8');
    expect(x).toBe(readFileSync(join(b, 'results.csv'), 'utf8'));
    expect(x.split('\n')[0]).toBe(
      'id,status,objective,kind,lr,maxIter,method,x0[0],fun,gradNorm,nit,nfev,ngev,nhev,x[0],message,time',
    );
    expect(x).toMatch(/,negzero,0\.1,3,gradient-descent,1,0,/);
    expect(x).toMatch(/,nan,0\.1,3,gradient-descent,1,NaN,/);
  });

  it('a malformed digest is refused whole', () => {
    const bad = { ids: '0123456789abcdef', numbers: new Float64Array([0, 0, 5]), csv: new Uint8Array([10]) };
    expect(readDigest(bad, () => expect.unreachable())).toBe(false);
    // Row lengths that do not add up to the CSV bytes.
    const other = {
      ids: '0123456789abcdef',
      numbers: new Float64Array([0, 0, -1, 10, 2]),
      csv: new Uint8Array([10]),
    };
    expect(readDigest(other, () => expect.unreachable())).toBe(false);
    expect(readDigest({ ...other, numbers: new Float64Array([0, 0, -1, 10, 1]) }, () => {})).toBe(true);
    // A batch's CSV goes in one piece only when every run is plain and has its row.
    const plain = (rowBytes: number) => ({
      ids: '0123456789abcdef',
      numbers: new Float64Array([0, 0, 1, 10, rowBytes, 0.5, 1, 2, 3, 4, 5, 0, 7]),
      csv: new Uint8Array(rowBytes).fill(10),
    });
    expect(allPlain(plain(5))).toBe(true);
    expect(allPlain(plain(1))).toBe(false);
    expect(allPlain(other)).toBe(false);
  });
});
