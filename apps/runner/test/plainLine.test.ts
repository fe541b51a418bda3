// A reused plain run's line is read back by position (readPlainLine) instead of JSON.parse: the same
// numbers, the same digest and CSV rows, and every other line left to JSON.parse.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { paramColumns } from '../src/aggregate/csv.ts';
import { readPlainLine } from '../src/execute/plainLine.ts';
import { BatchRunner } from '../src/execute/runBatch.ts';
import { planSweep } from '../src/plan/planSweep.ts';
import { planTag } from '../src/plan/space.ts';
import { parseLine, ResultsLog } from '../src/store/resultsLog.ts';
import type { BatchTask, Experiment } from '../src/types.ts';

const ID = '0123456789abcdef';
const PARAMS =
  '{"objective":{"name":"sphere","params":{}},"optimizer":{"lr":0.1,"note":"é \\" ,"},"x0":[-4,1e-7]}';
const lineOf = (x: string, fun: string, o: { gn?: string; tail?: string; status?: string } = {}): string =>
  `{"id":"${ID}","status":"${o.status ?? 'converged'}","params":${PARAMS},"x":[${x}],"fun":${fun},"gradNorm":${o.gn ?? '1.5'},` +
  `"nit":12,"nfev":61,"ngev":13,"nhev":0${o.tail ?? ',"plan":"aaaaaaaaaaaaaaaa","i":7,"code":"c0de","time":0.125'}}`;

/** The fields parseLine gives, in the shape readPlainLine gives them. */
const parsed = (line: string) => {
  const r = parseLine(line)!;
  return {
    id: r.id,
    status: r.status,
    time: r.time,
    x: r.x,
    fun: r.fun,
    gradNorm: r.gradNorm,
    nit: r.nit,
    nfev: r.nfev,
    ngev: r.ngev,
    nhev: r.nhev,
  };
};

describe('readPlainLine', () => {
  it('reads the numbers JSON.parse reads, bit for bit (−0, exponents, 17 digits, integers)', () => {
    const seen: string[] = [];
    let seed = 7;
    const rand = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const values = [
      0,
      -0,
      1,
      -1,
      5e-324,
      -1.7976931348623157e308,
      1e21,
      1e-7,
      123456789012345680000,
      0.1 + 0.2,
    ];
    for (let k = 0; k < 200; k++) values.push((rand() - 0.5) * 10 ** Math.round(40 * rand() - 20));
    for (let k = 0; k + 2 < values.length; k++) {
      const [a, b, c] = [values[k]!, values[k + 1]!, values[k + 2]!];
      // Printed as the store prints them (String), and in other valid JSON forms (1E5, 1e+5, -0).
      for (const x of [`${a},${b}`, `${a}`, '', `${JSON.stringify(c)},-0,1E5,2.50e+3`]) {
        const line = lineOf(x, String(c), { gn: String(b) });
        const got = readPlainLine(line, ID, PARAMS);
        expect(got).toBeDefined();
        const want = parsed(line);
        expect(got).toEqual(want);
        for (let i = 0; i < want.x!.length; i++) expect(Object.is(got!.x[i], want.x![i])).toBe(true);
        expect(Object.is(got!.fun, want.fun)).toBe(true);
        seen.push(x);
      }
    }
    expect(seen.length).toBeGreaterThan(800);
    // Tails: none, the code alone, the plan alone; other statuses.
    for (const tail of [
      ',"time":3',
      ',"code":"ab12","time":3',
      ',"plan":"aaaaaaaaaaaaaaaa","i":0,"time":1e-3',
    ])
      for (const status of ['max-iter', 'diverged', 'stalled'])
        expect(readPlainLine(lineOf('1,2', '3', { tail, status }), ID, PARAMS)).toEqual(
          parsed(lineOf('1,2', '3', { tail, status })),
        );
  });

  it('leaves to JSON.parse every line of another run, another shape or a non-finite number', () => {
    const good = lineOf('1,2', '0.5');
    expect(readPlainLine(good, ID, PARAMS)).toBeDefined();
    // Without an id (a run found by its plan index): the line's, when it is 16 hex digits.
    expect(readPlainLine(good, undefined, PARAMS)).toEqual(readPlainLine(good, ID, PARAMS));
    expect(readPlainLine(good, undefined, PARAMS)?.id).toBe(ID);
    expect(readPlainLine(good.replace(ID, ID.toUpperCase()), undefined, PARAMS)).toBeUndefined();
    expect(readPlainLine(good.replace(ID, `${ID.slice(1)}"`), undefined, PARAMS)).toBeUndefined();
    for (const [why, line, id, params] of [
      ['another id', good, 'fedcba9876543210', PARAMS],
      ['other params', good, ID, PARAMS.replace('0.1', '0.2')],
      ['a non-finite x', lineOf('"NaN",2', '0.5'), ID, PARAMS],
      ['a non-finite fun', lineOf('1,2', '"Infinity"'), ID, PARAMS],
      ['a trajectory', lineOf('1,2', '0.5', { tail: ',"trajectory":{"iter":[0]},"time":1' }), ID, PARAMS],
      ['kkt', lineOf('1,2', '0.5', { tail: ',"kkt":{"residual":0,"multipliers":[]},"time":1' }), ID, PARAMS],
      ['whitespace', good.replace('"x":[', '"x": ['), ID, PARAMS],
      ['torn', good.slice(0, -1), ID, PARAMS],
      ['trailing text', `${good} `, ID, PARAMS],
      ['an unknown status', lineOf('1,2', '0.5', { status: 'weird' }), ID, PARAMS],
      ['5.', lineOf('5.,2', '0.5'), ID, PARAMS],
      ['.5', lineOf('.5,2', '0.5'), ID, PARAMS],
      ['+1', lineOf('+1,2', '0.5'), ID, PARAMS],
      ['01', lineOf('1,2', '01'), ID, PARAMS],
      ['1e', lineOf('1,2', '1e'), ID, PARAMS],
      ['a trailing comma', lineOf('1,2,', '0.5'), ID, PARAMS],
      ['upper-case hex code', lineOf('1,2', '0.5', { tail: ',"code":"AB","time":1' }), ID, PARAMS],
    ] as const)
      expect([why, readPlainLine(line, id, params)]).toEqual([why, undefined]);
  });

  it('a batch reusing its runs gives the digest and CSV rows it gives when it parses their lines, by id or by index', async () => {
    const file = fileURLToPath(new URL('./fixtures/lockstep/lockstep.js', import.meta.url));
    const def = (await import(file)).default as Experiment;
    const plan = planSweep(def, [], { code: 'c0de' });
    const tag = planTag(plan.space);
    const task: BatchTask = {
      module: pathToFileURL(file).href,
      experiment: def.id,
      trajectory: plan.trajectory,
      csvColumns: paramColumns(plan.space),
      csvXWidth: 2,
      work: { kind: 'range', space: plan.space, first: 0, count: plan.count },
      plan: tag,
    };
    const runner = new BatchRunner();
    const dir = mkdtempSync(join(tmpdir(), 'numcomp-plain-'));
    try {
      const fast = join(dir, 'fast.jsonl');
      const slow = join(dir, 'slow.jsonl');
      const first = await runner.run(task);
      writeFileSync(fast, first.lines);
      // The same records with a space after each "x": JSON.parse reads them, readPlainLine does not.
      const lines = readFileSync(fast, 'utf8');
      writeFileSync(slow, lines.replaceAll('"x":[', '"x": ['));
      const reuse = async (path: string, byIndex: boolean) => {
        const log = new ResultsLog(path, false);
        const scan = await log.scan(byIndex ? { tag, count: plan.count } : undefined);
        log.close();
        expect(scan.table.idTable.size).toBe(byIndex ? 0 : plan.count);
        return runner.run({ ...task, recorded: structuredClone(scan.table.shared(path, scan.offsets)) });
      };
      const a = await reuse(fast, false);
      const b = await reuse(slow, false);
      // By index (the lines' plan is the sweep's): runs are not hashed, their ids come from their lines.
      const c = await reuse(fast, true);
      const d = await reuse(slow, true);
      for (const r of [a, b, c, d]) {
        expect([r.ran, r.reused]).toEqual([0, plan.count]);
        expect(r.digest!.ids).toBe(first.digest!.ids);
        expect(Array.from(r.digest!.numbers)).toEqual(Array.from(a.digest!.numbers));
        expect(Buffer.from(r.digest!.csv).toString()).toBe(Buffer.from(a.digest!.csv).toString());
      }
      // Against the fresh batch: the same rows (the plain runs' rows are printed again from the line).
      expect(Buffer.from(a.digest!.csv).toString()).toBe(Buffer.from(first.digest!.csv).toString());
      // Most lines were read by position (the other 90: 87 diverged runs' non-finite numbers, 3 trajectories).
      const byPosition = lines
        .split('\n')
        .filter((l, i) => l !== '' && readPlainLine(l, plan.runAt(i).id, plan.runAt(i).params) !== undefined);
      expect([plan.count, byPosition.length]).toEqual([448, 358]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
