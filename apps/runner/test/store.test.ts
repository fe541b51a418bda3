import {
  appendFileSync,
  chmodSync,
  existsSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { RunnerError } from '../src/errors.ts';
import { RecordedLines } from '../src/execute/recordedLines.ts';
import { jsonLine, reviveNumbers } from '../src/format/jsonLine.ts';
import { AtomicFile, ioError, writeFileAtomic } from '../src/store/files.ts';
import { IdTable, OK, TRAJECTORY } from '../src/store/idTable.ts';
import { lockDir } from '../src/store/lock.ts';
import { forEachLine, lineInfo, parseLine, ResultsLog, tail, tailBytes } from '../src/store/resultsLog.ts';
import { cleanup, tmp } from './_cli.ts';

const A = '0123456789abcdef';
const B = 'fedcba9876543210';
const C = '00000000000000c0';
const line = (id: string, status = 'ok', extra = ''): string =>
  `{"id":"${id}","status":"${status}","params":{}${extra},"time":1}`;

describe('results.jsonl', () => {
  afterAll(cleanup);

  it('non-finite numbers round-trip through the strings "NaN", "Infinity", "-Infinity"', () => {
    const v = { fun: Number.POSITIVE_INFINITY, x: [Number.NaN, 1, Number.NEGATIVE_INFINITY], s: 'ok' };
    const text = jsonLine(v);
    expect(text).toBe('{"fun":"Infinity","x":["NaN",1,"-Infinity"],"s":"ok"}');
    expect(reviveNumbers(JSON.parse(text))).toEqual(v);
  });

  it('jsonLine is JSON.stringify with non-finite numbers as strings, for any value (nulls, text with null, −0)', {
    timeout: 60_000,
  }, () => {
    const reference = (v: unknown) =>
      JSON.stringify(v, (_k, x) => (typeof x === 'number' && !Number.isFinite(x) ? String(x) : x));
    const leaf = fc.oneof(
      fc.double(),
      fc.constantFrom(
        Number.NaN,
        Number.POSITIVE_INFINITY,
        Number.NEGATIVE_INFINITY,
        -0,
        null,
        'null',
        'nullish',
      ),
      fc.string(),
      fc.boolean(),
      fc.integer(),
    );
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('object')),
      array: fc.array(tie('node'), { maxLength: 6 }),
      object: fc.dictionary(fc.oneof(fc.string(), fc.constant('null')), tie('node'), { maxKeys: 5 }),
    })).node;
    fc.assert(
      fc.property(value, (v) => {
        expect(jsonLine(v)).toBe(reference(v));
      }),
      { numRuns: 2000, seed: 13 },
    );
    // Large arrays of finite numbers (the fast path) and one with a NaN among them.
    const big = Array.from({ length: 10_000 }, (_, i) => Math.sin(i) * 10 ** (i % 40) - (i % 3));
    expect(jsonLine(big)).toBe(reference(big));
    big[5_000] = Number.NaN;
    expect(jsonLine(big)).toBe(reference(big));
    expect(jsonLine(big)).toContain(',"NaN",');
    expect(jsonLine(undefined)).toBeUndefined();
  });

  it('lineInfo reads id, status and flags of whole records, and rejects torn, garbage, foreign and incomplete lines', () => {
    expect(lineInfo(line(A))).toEqual({ id: A, status: 'ok', flags: OK });
    expect(lineInfo(line(A, 'error'))).toEqual({ id: A, status: 'error', flags: 0 });
    expect(lineInfo(line(A, 'converged', ',"trajectory":{"iter":[0]}'))?.flags).toBe(OK | TRAJECTORY);
    // Another key order (a hand-written line) is parsed and accepted when whole.
    expect(lineInfo(`{"status":"ok","time":2,"params":{},"id":"${A}"}`)?.id).toBe(A);
    for (const bad of [
      line(A).slice(0, 30), // torn
      'garbage',
      '{"id":"abc","status":"ok","params":{},"time":1}', // foreign id
      `{"id":"${A}","status":"ok"}`, // incomplete: no params, no time
      `{"id":"${A}","status":"weird","params":{},"time":1}`, // unknown status
      `{"id":"${A}","status":"ok","params":[],"time":1}`,
      '',
    ])
      expect([bad, lineInfo(bad)]).toEqual([bad, undefined]);
    expect(parseLine(`{"id":"${A}","status":"ok","params":{"x":1},"fun":"NaN","time":1}`)?.fun).toBeNaN();
  });

  it('ResultsLog cuts a torn last line before appending, and fresh empties the file', () => {
    const file = join(tmp(), 'x', 'results.jsonl');
    const a = new ResultsLog(file, false);
    a.append(`${line(A)}\n`);
    a.close();
    appendFileSync(file, line(B).slice(0, 20));
    const b = new ResultsLog(file, false);
    b.append(`${line(C)}\n`);
    b.close();
    expect(readFileSync(file, 'utf8')).toBe(`${line(A)}\n${line(C)}\n`);
    new ResultsLog(file, true).close();
    expect(readFileSync(file, 'utf8')).toBe('');
    writeFileSync(file, 'no newline at all');
    new ResultsLog(file, false).close();
    expect(readFileSync(file, 'utf8')).toBe('');
  });

  it('scan counts damaged and superseded lines; a later line for an id wins (the resume of error records)', async () => {
    const file = join(tmp(), 'results.jsonl');
    writeFileSync(
      file,
      [line(A, 'error'), 'garbage', line(B), `{"id":"${C}","status":"ok"}`, line(A, 'converged'), ''].join(
        '\n',
      ),
    );
    const log = new ResultsLog(file, false);
    const s = await log.scan();
    log.close();
    expect([s.lines, s.damaged, s.superseded, s.table.size]).toEqual([5, 2, 1, 2]);
    const slot = s.table.find(A);
    expect([s.table.isLast(A, 4), s.table.isLast(A, 0)]).toEqual([true, false]);
    expect(s.table.flagsAt(slot) & OK).toBe(OK);
    // An error that is not superseded is recorded without OK: a sweep runs it again.
    writeFileSync(file, `${line(B, 'timeout')}\n`);
    const again = await new ResultsLog(file, false).scan();
    expect(again.table.flagsAt(again.table.find(B)) & OK).toBe(0);
    expect(again.table.find(A)).toBe(-1);
  });

  it('scan with the plan: tagged lines are found by run index, all others by id; the later line of a run wins either way', async () => {
    const T = 'aaaaaaaaaaaaaaaa'; // this plan
    const U = 'bbbbbbbbbbbbbbbb'; // another plan
    const at = (tag: string, i: number): string => `,"plan":"${tag}","i":${i}`;
    const file = join(tmp(), 'results.jsonl');
    const lines = [
      line(A, 'error'), // 0: A untagged (an older sweep)
      line(A, 'ok', at(T, 3)), // 1: A as run 3 of this plan: supersedes line 0
      line(B, 'ok', at(T, 5)), // 2: B as run 5
      line(C, 'ok', at(U, 5)), // 3: run 5 of another plan: by id
      line(B, 'error', at(T, 5)), // 4: B again: supersedes line 2
      line(C, 'ok', at(T, 99)), // 5: an index past the plan's runs: by id (line 3 superseded)
    ];
    writeFileSync(file, `${lines.join('\n')}\n`);
    const log = new ResultsLog(file, false);
    const s = await log.scan({ tag: T, count: 10 });
    const t = s.table;
    expect([s.lines, s.damaged, s.superseded, t.size, t.idTable.size, t.planTable?.size]).toEqual([
      6, 0, 3, 4, 2, 2,
    ]);
    // A: run 3's tagged line, not the untagged one before it.
    expect(t.find(A, 3)).toBe(-2 - 3);
    expect(t.find(A)).toBe(-1); // its id-table entry is dead
    expect([t.lineAt(t.find(A, 3)), t.isLast(A, 1, 3), t.isLast(A, 0)]).toEqual([1, true, false]);
    expect(t.flagsAt(t.find(A, 3)) & OK).toBe(OK);
    // B: the later (error) line, so a sweep runs it again.
    expect([
      t.lineAt(t.find(B, 5)),
      t.flagsAt(t.find(B, 5)) & OK,
      t.isLast(B, 2, 5),
      t.isLast(B, 4, 5),
    ]).toEqual([4, 0, false, true]);
    // C by id (its tag is another plan's, then an index past this plan): the last line.
    expect([t.find(C) >= 0, t.lineAt(t.find(C)), t.isLast(C, 3), t.isLast(C, 5)]).toEqual([
      true,
      5,
      false,
      true,
    ]);
    // Unrecorded runs and ids.
    expect([t.find(A, 4), t.find('1111111111111111', 7), t.find(B)]).toEqual([-1, -1, -1]);
    // An untagged line after a tagged one of the same run supersedes it: the id table's entry wins.
    appendFileSync(file, `${line(A, 'converged')}\n`);
    const again = (await log.scan({ tag: T, count: 10 })).table;
    expect([
      again.find(A, 3) >= 0,
      again.lineAt(again.find(A, 3)),
      again.isLast(A, 1, 3),
      again.isLast(A, 6),
    ]).toEqual([true, 6, false, true]);
    // Compaction keeps exactly the last line of each run.
    expect(await log.compact(again)).toBe(3);
    log.close();
    expect(readFileSync(file, 'utf8')).toBe(`${[lines[4], lines[5], line(A, 'converged')].join('\n')}\n`);
    // Without the plan, every line is found by id (as before tags existed).
    const plain = (await new ResultsLog(file, false).scan()).table;
    expect([plain.planTable, plain.idTable.size, plain.isLast(B, 0)]).toEqual([undefined, 3, true]);
  });

  it('compact keeps the last line of each id, drops damaged lines, atomically', async () => {
    const dir = tmp();
    const file = join(dir, 'results.jsonl');
    writeFileSync(
      file,
      `${[line(A, 'error'), line(A, 'error'), 'junk', line(B), line(A, 'ok')].join('\n')}\n`,
    );
    const log = new ResultsLog(file, false);
    const s = await log.scan();
    expect(await log.compact(s.table)).toBe(2);
    log.append(`${line(C)}\n`);
    log.close();
    expect(readFileSync(file, 'utf8')).toBe(`${line(B)}\n${line(A, 'ok')}\n${line(C)}\n`);
    expect(readdirSync(dir)).toEqual(['results.jsonl']);
  });

  it('forEachLine streams a file larger than its read buffer, multi-byte characters across reads included', () => {
    const file = join(tmp(), 'big.jsonl');
    const text = `${'é'.repeat(3000)}\n`;
    writeFileSync(file, text.repeat(2000)); // ~12 MB, three reads of 4 MiB
    let n = 0;
    let ok = true;
    const count = forEachLine(file, (l) => {
      n++;
      if (l.length !== 3000 || l !== 'é'.repeat(3000)) ok = false;
    });
    expect([count, n, ok]).toEqual([2000, 2000, true]);
    expect(forEachLine(file, () => {}, 7)).toBe(7);
  });

  it('refuses a results.jsonl that is not a regular file (a device would be read for ever)', () => {
    const dir = tmp();
    const file = join(dir, 'results.jsonl');
    symlinkSync('/dev/full', file);
    expect(() => new ResultsLog(file, false)).toThrow(/cannot open .*results\.jsonl: not a regular file/);
  });

  it('forEachLine gives each line its byte offset, in ASCII and in multi-byte pieces', () => {
    const file = join(tmp(), 'offsets.jsonl');
    const lines = Array.from({ length: 5000 }, (_, i) =>
      i % 7 === 3 ? `é${'x'.repeat(i % 500)}ü` : `a${i}`,
    );
    const text = `${lines.join('\n')}\n`;
    writeFileSync(file, text);
    const bytes = Buffer.from(text);
    let bad = 0;
    forEachLine(file, (l, i, offset) => {
      if (bytes.toString('utf8', offset, offset + Buffer.byteLength(l)) !== l || l !== lines[i]) bad++;
    });
    expect(bad).toBe(0);
  });

  /** A line as the store writes it for run `i` of plan `tag` (long enough for the byte reader). */
  const runLine = (
    id: string,
    i: number,
    o: { tag?: string; status?: string; code?: string; extra?: string; s?: string } = {},
  ): string =>
    `{"id":"${id}","status":"${o.status ?? 'converged'}","params":{"objective":{"name":"sphere","params":{}},` +
    `"optimizer":{"lr":0.1,"method":"gradient-descent","note":"${o.s ?? ''}"},"x0":[${i},-4]},"x":[1e-9,-0.5],` +
    `"fun":0.25,"gradNorm":1.5,"nit":12,"nfev":61,"ngev":13,"nhev":0${o.extra ?? ''}` +
    `${o.tag === undefined ? '' : `,"plan":"${o.tag}","i":${i}`}${o.code === undefined ? '' : `,"code":"${o.code}"`},"time":0.125}`;

  it("the byte reader reads what lineInfo reads of a planned run's line, and leaves every other line to it", () => {
    const T = 'aaaaaaaaaaaaaaaa';
    const CODE = /,"code":"([0-9a-f]+)"/;
    const read = (l: string) => {
      const b = Buffer.from(`xx${l}\n`);
      if (!tailBytes(b, 2, b.length - 1)) return undefined;
      return {
        status: tail.status,
        index: tail.index,
        plan: b.toString('latin1', tail.planAt, tail.planAt + 16),
        code: tail.codeEnd < 0 ? undefined : b.toString('latin1', tail.codeAt, tail.codeEnd),
      };
    };
    const read1 = [
      runLine(A, 0, { tag: T, code: 'c0de12' }),
      runLine(B, 123456789012345, { tag: T, status: 'max-iter', code: '0' }),
      runLine(C, 7, { tag: T }), // no code
      runLine(A, 3, { tag: T, status: 'error', code: 'ab' }),
      runLine(A, 3, { tag: T, code: 'ab', extra: ',"trajectory":{"iter":[0]}' }),
      runLine(A, 3, { tag: T, code: 'ab', s: 'é"\\u00e9' }), // non-ASCII and escapes in the params
      line(A, 'ok', `,"plan":"${T}","i":3`), // the shortest
    ];
    for (const l of read1) {
      const info = lineInfo(l)!;
      expect(read(l)).toEqual({
        status: info.status,
        index: info.index,
        plan: info.plan,
        code: CODE.exec(l)?.[1],
      });
      expect(info.plan).toBe(T);
    }
    // Lines the byte reader leaves to lineInfo: untagged, torn, reordered, unknown status, an index of
    // 16 digits, a tail with another key after the plan, upper-case hex, an id of 15 digits.
    for (const l of [
      runLine(A, 3),
      runLine(A, 3, { tag: T }).slice(0, -1),
      runLine(A, 3, { tag: T, status: 'weird' }),
      runLine(A, 1234567890123456, { tag: T }),
      runLine(A, 3, { tag: T }).replace(',"time"', ',"more":1,"time"'),
      runLine(A, 3, { tag: T, code: 'AB' }),
      runLine(A, 3, { tag: 'AAAAAAAAAAAAAAAA' }),
      runLine(A.slice(1), 3, { tag: T }),
      `{"status":"ok","id":"${A}"${runLine(A, 3, { tag: T }).slice(27)}`,
    ])
      expect([l, read(l)]).toEqual([l, undefined]);
  });

  it('scan reads realistic lines by bytes as it reads them by text: plans, ids, flags, codes, damage', async () => {
    const T = 'aaaaaaaaaaaaaaaa';
    const U = 'bbbbbbbbbbbbbbbb';
    const D = '000000000000000d';
    const E = '000000000000000e';
    const file = join(tmp(), 'results.jsonl');
    const lines = [
      runLine(A, 0, { tag: T, code: 'c1' }), // 0: run 0
      runLine(B, 1, { tag: T, code: 'c1', extra: ',"trajectory":{"iter":[0]}' }), // 1: run 1, trajectory
      runLine(C, 2, { tag: U, code: 'c1' }), // 2: another plan's: by id
      'garbage', // 3
      '', // 4: empty, not damaged
      runLine(A, 0, { tag: T, code: 'c2', status: 'error' }), // 5: run 0 again: supersedes 0
      runLine(D, 4, { code: 'c2', s: 'ünïcode' }), // 6: untagged, non-ASCII: by id
      runLine(C, 2, { tag: U, code: 'c2' }), // 7: C again: supersedes 2
      runLine(E, 99, { tag: T, code: 'c3', s: 'é' }), // 8: past the plan's runs, non-ASCII: by id
      runLine(A, 5, { tag: T }), // 9: run 5, no code: the last code is none
    ];
    writeFileSync(file, `${lines.join('\n')}\n`);
    const log = new ResultsLog(file, false);
    const s = await log.scan({ tag: T, count: 10 });
    log.close();
    const t = s.table;
    expect([s.lines, s.damaged, s.superseded, s.lastCode, t.idTable.size, t.planTable?.size]).toEqual([
      10,
      1,
      2,
      undefined,
      3,
      3,
    ]);
    const flags = (h: number): number => t.flagsAt(h) & (OK | TRAJECTORY);
    expect([t.lineAt(t.find(A, 0)), flags(t.find(A, 0))]).toEqual([5, 0]);
    expect([t.lineAt(t.find(B, 1)), flags(t.find(B, 1))]).toEqual([1, OK | TRAJECTORY]);
    expect([t.lineAt(t.find(A, 5)), flags(t.find(A, 5))]).toEqual([9, OK]);
    expect([t.lineAt(t.find(C)), t.lineAt(t.find(D)), t.lineAt(t.find(E)), t.find(B)]).toEqual([7, 6, 8, -1]);
    // The byte offsets of lines 0 and the end (multi-byte characters counted as bytes).
    expect(Array.from(new Float64Array(s.offsets))).toEqual([0, Buffer.byteLength(`${lines.join('\n')}\n`)]);
    // The last code: the last line's, or the previous one's when the last line has one.
    writeFileSync(file, `${lines.slice(0, 9).join('\n')}\n`);
    expect((await new ResultsLog(file, false).scan({ tag: T, count: 10 })).lastCode).toBe('c3');
    writeFileSync(file, `${lines.slice(0, 3).join('\n')}\n`);
    expect((await new ResultsLog(file, false).scan({ tag: T, count: 10 })).lastCode).toBe('c1');
  });

  it('scan keeps every 64th line offset, and RecordedLines reads lines back by number', async () => {
    const file = join(tmp(), 'results.jsonl');
    const ids = Array.from({ length: 3000 }, (_, i) =>
      (i * 2654435761).toString(16).padStart(16, '0').slice(-16),
    );
    // Lines of varied length, some with multi-byte text, a few damaged.
    const text = ids
      .map((id, i) =>
        i % 997 === 5
          ? 'garbage'
          : `{"id":"${id}","status":"ok","params":{"i":${i},"s":"${'é'.repeat(i % 40)}"},"time":1}`,
      )
      .join('\n');
    writeFileSync(file, `${text}\n`);
    const log = new ResultsLog(file, false);
    const s = await log.scan();
    log.close();
    const offsets = new Float64Array(s.offsets);
    expect(offsets.length).toBe(Math.ceil(3000 / 64) + 1);
    expect(offsets[offsets.length - 1]).toBe(Buffer.byteLength(`${text}\n`));
    const all = text.split('\n');
    const reader = new RecordedLines(file, s.offsets);
    const want = [0, 1, 63, 64, 65, 127, 128, 1000, 1001, 2047, 2998, 2999];
    expect(reader.read(want)).toEqual(want.map((i) => all[i]));
    // A table's lines point at each id's record.
    const slot = s.table.find(ids[1234]!);
    expect(reader.read([s.table.lineAt(slot)])[0]).toContain('"i":1234,');
    // Far apart lines are read with separate reads; past the end gives undefined.
    const spread = Array.from({ length: 30 }, (_, k) => k * 100);
    expect(reader.read(spread)).toEqual(spread.map((i) => all[i]));
    expect(reader.read([3000])).toEqual([undefined]);
    reader.close();
  });

  it('IdTable finds every id it holds and none it does not (10⁵ random ids), also after growing', () => {
    let t = new IdTable(16);
    const ids: string[] = [];
    for (let i = 0; i < 100_000; i++) {
      const id =
        (i * 2654435761 + 12345).toString(16).padStart(8, '0').slice(-8) +
        (i * 40503).toString(16).padStart(8, '0').slice(-8);
      ids.push(id);
      if (t.full) t = t.grown();
      t.set(id, i, OK);
    }
    expect(t.size).toBe(new Set(ids).size);
    for (let i = 0; i < ids.length; i += 997)
      expect(t.find(ids[i]!) >= 0 && t.isLast(ids[i]!, ids.lastIndexOf(ids[i]!))).toBe(true);
    expect(t.find('ffffffffffffffff')).toBe(-1);
  });
});

describe('derived files and the lock', () => {
  afterAll(cleanup);

  it('writeFileAtomic replaces a file whole, and an aborted AtomicFile leaves the old one and no temp', () => {
    const dir = tmp();
    const f = join(dir, 'summary.json');
    writeFileAtomic(f, 'one\n');
    const a = new AtomicFile(f);
    a.write('half');
    a.abort();
    expect(readFileSync(f, 'utf8')).toBe('one\n');
    expect(readdirSync(dir)).toEqual(['summary.json']);
    writeFileAtomic(f, 'two\n');
    expect(readFileSync(f, 'utf8')).toBe('two\n');
  });

  it('ioError names the path and the real cause (ENOSPC, EACCES, EROFS)', () => {
    for (const [code, cause] of [
      ['ENOSPC', 'no space left on the device'],
      ['EACCES', 'permission denied'],
      ['EROFS', 'read-only file system'],
    ]) {
      const e = ioError(Object.assign(new Error('x'), { code }), 'cannot write', '/r/results.jsonl');
      expect(e).toBeInstanceOf(RunnerError);
      expect([e.code, e.message]).toEqual(['E_IO', `cannot write /r/results.jsonl: ${code}: ${cause}`]);
    }
  });

  it.skipIf(process.getuid?.() === 0)('a read-only directory gives E_IO EACCES, not a stack trace', () => {
    const dir = tmp();
    chmodSync(dir, 0o500);
    expect(() => new ResultsLog(join(dir, 'e', 'results.jsonl'), false)).toThrow(/E?ACCES/);
    chmodSync(dir, 0o700);
  });

  it('lockDir stops a second holder, and takes over a lock whose process is gone', () => {
    const dir = tmp();
    const warnings: string[] = [];
    const lock = lockDir(dir, (m) => warnings.push(m));
    expect(() => lockDir(dir, () => {})).toThrow(/is in use by another sweep \(pid \d+ on /);
    try {
      lockDir(dir, () => {});
    } catch (e) {
      expect((e as RunnerError).code).toBe('E_LOCKED');
    }
    lock.release();
    expect(existsSync(join(dir, '.numcomp.lock'))).toBe(false);
    // A lock left by a process that is gone: pid 2^22 + 1 is above Linux's default pid_max.
    writeFileSync(
      join(dir, '.numcomp.lock'),
      JSON.stringify({ pid: 4194305, host: hostname(), started: 'then' }),
    );
    const again = lockDir(dir, (m) => warnings.push(m));
    expect(warnings.at(-1)).toMatch(/taking over a stale lock .* \(pid 4194305 on .* is gone\)/);
    again.release();
  });
});

describe('temp files of killed sweeps', () => {
  afterAll(cleanup);

  it('removeStaleTemps removes temps whose process is gone and keeps live ones', async () => {
    const { removeStaleTemps } = await import('../src/store/files.ts');
    const dir = tmp();
    writeFileSync(join(dir, '.results.csv.4194305.tmp'), 'half');
    writeFileSync(join(dir, `.summary.json.${process.pid}.tmp`), 'mine');
    writeFileSync(join(dir, 'results.csv'), 'whole');
    expect(removeStaleTemps(dir)).toEqual(['.results.csv.4194305.tmp']);
    expect(readdirSync(dir).sort()).toEqual([`.summary.json.${process.pid}.tmp`, 'results.csv']);
  });
});
