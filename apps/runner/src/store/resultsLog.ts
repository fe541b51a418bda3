// results.jsonl: the only state of a sweep, and this module its only writer. Lines are appended whole
// (one write per batch); the file is read back line by line, as a stream, whatever its size. A torn
// last line (a write cut by a crash or a full disk) is cut off when the file is opened; torn, garbage,
// foreign or incomplete lines are skipped and counted; a later line for an id supersedes an earlier
// one, and the file is compacted (temp file + rename) once superseded lines pass half of it.

import { isAscii } from 'node:buffer';
import { closeSync, existsSync, fstatSync, ftruncateSync, mkdirSync, openSync, readSync } from 'node:fs';
import { dirname } from 'node:path';
import { RunnerError } from '../errors.js';
import { RUN_STATUSES } from '../format/fields.js';
import { reviveNumbers } from '../format/jsonLine.js';
import type { RunRecord, RunStatus } from '../types.js';
import { AtomicFile, io, ioError, writeAll } from './files.js';
import { DEAD, IdTable, LINE_STRIDE, OK, PlanTable, planIndex, Recorded, TRAJECTORY } from './idTable.js';

/** Statuses that a re-run runs again. */
export const FAILED: ReadonlySet<RunStatus> = new Set<RunStatus>(['error', 'timeout']);

const STATUSES: ReadonlySet<string> = new Set<RunStatus>(RUN_STATUSES);

/** What this writer puts first on every line: `{"id":"<16 hex>","status":"<status>",…`. */
const HEAD = /^\{"id":"([0-9a-f]{16})","status":"([a-z-]+)","params":\{/;
const CODE = /,"code":"([0-9a-f]+)"/;

/** The id, status and flags of a line, or undefined for a line that is not a whole run record. */
export interface LineInfo {
  readonly id: string;
  readonly status: RunStatus;
  /** {@link OK} and {@link TRAJECTORY} bits. */
  readonly flags: number;
  /** The plan the line's sweep ran (see `planTag`), and the run's index in it, when the line says. */
  readonly plan?: string;
  readonly index?: number;
}

const PLAN_KEY = ',"plan":"';
const PLAN = /^,"plan":"([0-9a-f]{16})","i":(\d{1,15}),/;

/** The plan tag and run index a line this store wrote carries before its code and time. */
function planOf(line: string): { plan: string; index: number } | undefined {
  const at = line.lastIndexOf(PLAN_KEY);
  if (at < 0) return undefined;
  const m = PLAN.exec(line.slice(at, at + 48));
  return m === null ? undefined : { plan: m[1]!, index: Number(m[2]) };
}

/**
 * Reads what a sweep needs of a line without parsing it all: lines this module wrote start with the
 * id and status and end with `,"time":<ms>}`; any other line is parsed and must hold a whole record
 * (id of 16 hex digits, a known status, params, time), or it is rejected.
 */
export function lineInfo(line: string): LineInfo | undefined {
  const m = HEAD.exec(line);
  if (m !== null && STATUSES.has(m[2]!) && line.endsWith('}') && line.includes(',"time":')) {
    const status = m[2] as RunStatus;
    const flags = flagsOf(status, line.includes('"trajectory":'));
    const p = planOf(line);
    return p === undefined ? { id: m[1]!, status, flags } : { id: m[1]!, status, flags, ...p };
  }
  const r = parseLine(line);
  if (r === undefined) return undefined;
  return { id: r.id, status: r.status, flags: flagsOf(r.status, r.trajectory !== undefined) };
}

/** The statuses as the bytes a line spells them with, by their first byte. */
const STATUS_BYTES: readonly (readonly [Buffer, RunStatus])[] = RUN_STATUSES.map((st) => [
  Buffer.from(`${st}","params":{`, 'latin1'),
  st,
]);
const TIME_BYTES = Buffer.from(',"time":', 'latin1');
const CODE_BYTES = Buffer.from(',"code":"', 'latin1');
const PLAN_BYTES = Buffer.from(PLAN_KEY, 'latin1');
const I_BYTES = Buffer.from('","i":', 'latin1');
const HEAD_BYTES = Buffer.from('{"id":"', 'latin1');
const STATUS_KEY_BYTES = Buffer.from('","status":"', 'latin1');
/** What a line with a trajectory holds (see `lineInfo`). */
const TRAJECTORY_BYTES = Buffer.from('"trajectory":', 'latin1');

/** Whether `b[at, at + length)` is the first `length` bytes of `word` (all of it by default). */
function bytesAt(b: Uint8Array, at: number, word: Uint8Array, length = word.length): boolean {
  if (at < 0 || at + length > b.length) return false;
  for (let k = 0; k < length; k++) if (b[at + k] !== word[k]) return false;
  return true;
}

/** Whether `b[from, to)` is lower-case hex digits (at least one). */
function hexBytes(b: Uint8Array, from: number, to: number): boolean {
  if (to <= from) return false;
  for (let k = from; k < to; k++) {
    const c = b[k]!;
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

/**
 * What {@link tailBytes} read of a line (valid until its next call): the status, the run's index, and
 * where the plan tag and the code digest are (the code's end is -1 when the line has none).
 */
export const tail = { status: 'ok' as RunStatus, index: 0, planAt: 0, codeAt: 0, codeEnd: -1 };

/**
 * Reads a line of bytes `b[s, e)` (no newline) as this store writes the line of a planned run, by
 * position, with no string, pattern or JSON: the head `{"id":"<16 hex>","status":"<status>","params":{`
 * and the tail `,"plan":"<16 hex>","i":<index>[,"code":"<hex>"],"time":<ms>}`. Fills {@link tail} and
 * returns true, or returns false for any other line (which {@link lineInfo} reads, giving the same id,
 * status, plan and index for a line this one reads). The scan of 10⁶ lines by patterns over their text
 * took ~1.5 s; this way it takes a fraction of that.
 */
export function tailBytes(b: Uint8Array, s: number, e: number): boolean {
  if (e - s < 80 || b[e - 1] !== 0x7d || !bytesAt(b, s, HEAD_BYTES) || !hexBytes(b, s + 7, s + 23))
    return false;
  if (!bytesAt(b, s + 23, STATUS_KEY_BYTES)) return false;
  let status: RunStatus | undefined;
  let q = -1;
  for (const [word, st] of STATUS_BYTES) {
    if (bytesAt(b, s + 35, word)) {
      status = st;
      q = s + 35 + word.length;
      break;
    }
  }
  if (status === undefined) return false;
  // Back from the end: the time (digits, '.', 'e', signs), `,"time":`, the code, the index, the plan.
  let t = e - 2;
  while (t > q) {
    const c = b[t]!;
    if (!((c >= 48 && c <= 57) || c === 46 || c === 101 || c === 45 || c === 43)) break;
    t--;
  }
  if (t === e - 2) return false;
  t -= TIME_BYTES.length - 1;
  if (t <= q || !bytesAt(b, t, TIME_BYTES)) return false;
  let codeAt = 0;
  let codeEnd = -1;
  let end = t; // of the index's digits
  if (b[t - 1] === 0x22) {
    let c = t - 2;
    while (c > q && hexBytes(b, c, c + 1)) c--;
    c -= CODE_BYTES.length - 1;
    if (c <= q || !bytesAt(b, c, CODE_BYTES) || !hexBytes(b, c + CODE_BYTES.length, t - 1)) return false;
    codeAt = c + CODE_BYTES.length;
    codeEnd = t - 1;
    end = c;
  }
  let d = end - 1;
  let index = 0;
  let scale = 1;
  while (d > q && b[d]! >= 48 && b[d]! <= 57) {
    index += (b[d]! - 48) * scale;
    scale *= 10;
    d--;
  }
  const digits = end - 1 - d;
  if (digits < 1 || digits > 15) return false;
  const p = d + 1 - I_BYTES.length - 16 - PLAN_BYTES.length;
  if (p <= q || !bytesAt(b, p, PLAN_BYTES) || !bytesAt(b, d + 1 - I_BYTES.length, I_BYTES)) return false;
  if (!hexBytes(b, p + PLAN_BYTES.length, p + PLAN_BYTES.length + 16)) return false;
  tail.status = status;
  tail.index = index;
  tail.planAt = p + PLAN_BYTES.length;
  tail.codeAt = codeAt;
  tail.codeEnd = codeEnd;
  return true;
}

function flagsOf(status: RunStatus, trajectory: boolean): number {
  return (FAILED.has(status) ? 0 : OK) | (trajectory ? TRAJECTORY : 0);
}

/** One line as a whole record (non-finite numbers revived), or undefined if it is not one. */
export function parseLine(line: string): RunRecord | undefined {
  let r: RunRecord;
  try {
    r = JSON.parse(line) as RunRecord;
  } catch {
    return undefined;
  }
  if (
    r === null ||
    typeof r !== 'object' ||
    typeof r.id !== 'string' ||
    !/^[0-9a-f]{16}$/.test(r.id) ||
    !STATUSES.has(r.status) ||
    r.params === null ||
    typeof r.params !== 'object' ||
    Array.isArray(r.params) ||
    typeof r.time !== 'number'
  )
    return undefined;
  if (line.includes('NaN"') || line.includes('Infinity"')) reviveNumbers(r);
  if ('plan' in r) {
    // Where the run sits in the plan that wrote it: for the store, not part of the record.
    const { plan: _plan, i: _i, ...rest } = r as RunRecord & { plan?: unknown; i?: unknown };
    return rest;
  }
  return r;
}

/** A piece of a file: whole lines as one string, the byte offset where it starts, and its encoding. */
interface Piece {
  readonly text: string;
  readonly offset: number;
  /** Every character is one byte (ASCII, decoded as Latin-1). */
  readonly ascii: boolean;
}

/** Whole lines of a file as bytes: `bytes` holds them all (each ends in a newline), from file offset `offset`. */
interface RawPiece {
  readonly bytes: Buffer;
  readonly offset: number;
}

/**
 * The whole lines of a file, read in pieces of ~1 MiB: each piece's bytes, valid until the next piece
 * is asked for (the buffer is reused).
 */
function* rawPieces(path: string): Generator<RawPiece> {
  if (!existsSync(path)) return;
  const fd = io('cannot read', path, () => openSync(path, 'r'));
  let buf = Buffer.allocUnsafe(1 << 20);
  let kept = 0; // bytes of an unfinished line carried to the front of `buf`
  let offset = 0; // of buf[0] in the file
  try {
    for (;;) {
      if (kept === buf.length) {
        // A line longer than the buffer: grow it.
        const bigger = Buffer.allocUnsafe(2 * buf.length);
        buf.copy(bigger, 0, 0, kept);
        buf = bigger;
      }
      const n = io('cannot read', path, () => readSync(fd, buf, kept, buf.length - kept, null));
      if (n === 0) return;
      const end = kept + n;
      const last = buf.lastIndexOf(0x0a, end - 1);
      if (last < 0) {
        kept = end;
        continue;
      }
      yield { bytes: buf.subarray(0, last + 1), offset };
      offset += last + 1;
      kept = end - (last + 1);
      buf.copy(buf, 0, last + 1, end);
    }
  } finally {
    closeSync(fd);
  }
}

/** The whole lines of a file, read in pieces of 1 MiB: each piece's lines as one string. */
function* pieces(path: string): Generator<Piece> {
  for (const { bytes, offset } of rawPieces(path)) {
    // Decode whole lines only (UTF-8 never splits inside them), as one string; ASCII (what this store
    // writes, mostly) as Latin-1, several times faster than a UTF-8 decoder.
    const ascii = isAscii(bytes);
    yield { text: bytes.toString(ascii ? 'latin1' : 'utf8'), offset, ascii };
  }
}

/** Called for each line: its text, its 0-based index, and the byte offset where it starts. */
export type LineVisitor = (line: string, index: number, offset: number) => void;

/** Calls `visit` for each line of a piece, counting from `index`; returns the next index, or -1 past `limit`. */
function visitLines(piece: Piece, index: number, visit: LineVisitor, limit: number): number {
  const text = piece.text;
  let start = 0;
  let offset = piece.offset;
  for (;;) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) return index;
    const line = text.slice(start, nl);
    visit(line, index++, piece.ascii ? piece.offset + start : offset);
    if (!piece.ascii) offset += Buffer.byteLength(line) + 1;
    start = nl + 1;
    if (index >= limit) return -1;
  }
}

/**
 * Calls `visit(line, index, offset)` for each whole line of a file (newline-terminated), in order,
 * reading it in pieces: no size limit. `index` counts lines from 0 (empty lines included), `offset` is
 * the line's first byte; reading stops after `limit` lines.
 *
 * @returns The number of lines.
 */
export function forEachLine(path: string, visit: LineVisitor, limit = Number.POSITIVE_INFINITY): number {
  let index = 0;
  for (const piece of pieces(path)) {
    const next = visitLines(piece, index, visit, limit);
    if (next < 0) return limit;
    index = next;
  }
  return index;
}

/**
 * {@link forEachLine} that lets the event loop run between pieces (signals, timers): for passes over
 * a large file while the process must stay responsive.
 */
export async function forEachLineAsync(
  path: string,
  visit: LineVisitor,
  limit = Number.POSITIVE_INFINITY,
): Promise<number> {
  let index = 0;
  for (const piece of pieces(path)) {
    const next = visitLines(piece, index, visit, limit);
    if (next < 0) return limit;
    index = next;
    await new Promise((r) => setImmediate(r));
  }
  return index;
}

/** What a scan of results.jsonl found. */
export interface LogScan {
  /** The recorded runs (their flags and last line): the plan's by index, the others by id. */
  readonly table: Recorded;
  /** Lines in the file. */
  readonly lines: number;
  /** Byte offsets of every {@link LINE_STRIDE}-th line, then of the end (shared with workers). */
  readonly offsets: SharedArrayBuffer;
  /** Lines that are not whole run records (skipped). */
  readonly damaged: number;
  /** Lines superseded by a later line for the same id. */
  readonly superseded: number;
  /** The code digest of the last record, if it has one. */
  readonly lastCode: string | undefined;
}

/**
 * Lines a file of `bytes` holds that are not tagged with `tag`, judged from its first 64 KiB (at
 * least 1): what the id table must hold.
 */
function estimateLines(path: string, bytes: number, tag: string | undefined): number {
  if (bytes === 0) return 1;
  const head = Buffer.allocUnsafe(Math.min(bytes, 1 << 16));
  const fd = io('cannot read', path, () => openSync(path, 'r'));
  try {
    const n = io('cannot read', path, () => readSync(fd, head, 0, head.length, 0));
    const mark = tag === undefined ? undefined : Buffer.from(`${PLAN_KEY}${tag}"`);
    let lines = 0;
    let tagged = 0;
    let last = 0;
    for (let i = head.indexOf(0x0a); i >= 0 && i < n; i = head.indexOf(0x0a, i + 1)) {
      if (mark !== undefined && head.subarray(last, i).includes(mark)) tagged++;
      lines++;
      last = i + 1;
    }
    return lines === 0 ? 1 : Math.max(1, Math.ceil((bytes / (last / lines)) * ((lines - tagged) / lines)));
  } finally {
    closeSync(fd);
  }
}

/** The results file of one experiment, open for appending. */
export class ResultsLog {
  readonly path: string;
  private fd = -1;

  /**
   * Opens (creating directories) for appending; `fresh` empties the file first. A torn last line is
   * cut off, so that the next append starts on a line of its own.
   */
  constructor(path: string, fresh: boolean) {
    this.path = path;
    io('cannot open', path, () => {
      mkdirSync(dirname(path), { recursive: true });
      this.fd = openSync(path, fresh ? 'w' : 'a+');
    });
    // A device or a pipe in its place (a symlink to /dev/full, say) would be read for ever.
    if (!fstatSync(this.fd).isFile()) {
      closeSync(this.fd);
      this.fd = -1;
      throw new RunnerError('E_IO', `cannot open ${path}: not a regular file`, { path });
    }
    if (!fresh) this.repairTail();
  }

  private repairTail(): void {
    io('cannot repair', this.path, () => {
      const size = fstatSync(this.fd).size;
      if (size === 0) return;
      // Back from the end to the last newline, a block at a time.
      const block = Buffer.allocUnsafe(1 << 16);
      let end = size;
      while (end > 0) {
        const start = Math.max(0, end - block.length);
        const n = readSync(this.fd, block, 0, end - start, start);
        const at = block.subarray(0, n).lastIndexOf(0x0a);
        if (at >= 0) {
          if (start + at + 1 < size) ftruncateSync(this.fd, start + at + 1);
          return;
        }
        end = start;
      }
      ftruncateSync(this.fd, 0);
    });
  }

  /**
   * Reads the file once, as a stream: every whole record's status and line, by run index for the
   * lines tagged with `plan` (the sweep's plan: its tag and run count), by id for the others.
   */
  async scan(plan?: { readonly tag: string; readonly count: number }): Promise<LogScan> {
    // One pass. The id table is sized from the file's size and its first lines, so that it seldom
    // grows (a growth holds the old and the new table at once); the plan's runs need no id table.
    const bytes = io('cannot read', this.path, () => fstatSync(this.fd).size);
    let table = new IdTable(Math.ceil(1.05 * estimateLines(this.path, bytes, plan?.tag)));
    let runs: PlanTable | undefined;
    let offsets = new Float64Array(Math.max(16, Math.ceil(bytes / 4096)));
    let kept = 0;
    let damaged = 0;
    let superseded = 0;
    let lastCode: string | undefined;
    // The lines are read as bytes: a line as this store writes it for a run of a plan is read by
    // position (tailBytes), and only its id is decoded when it is not the plan's; any other line is
    // decoded and read as text (lineInfo).
    const tag = plan === undefined ? undefined : Buffer.from(plan.tag, 'latin1');
    const code = Buffer.alloc(64);
    let codeLength = -1;
    let lines = 0;
    // Line i holds run `index` of this plan: its entry; an earlier line of the same run, from another
    // plan, is superseded by this one (`id` is only read when the id table holds any).
    const planned = (index: number, i: number, flags: number, id: string): void => {
      runs ??= new PlanTable(plan!.tag, plan!.count);
      if (runs.set(index, i, flags)) superseded++;
      if (table.size > 0) {
        const found = table.find(id);
        if (found >= 0) {
          table.mark(found, DEAD);
          superseded++;
        }
      }
    };
    for (const piece of rawPieces(this.path)) {
      const b = piece.bytes;
      // Where the next `"trajectory":` is (at or after the line's start): one search of the piece.
      let traj = -1;
      let s = 0;
      while (s < b.length) {
        const e = b.indexOf(0x0a, s);
        const i = lines++;
        const offset = piece.offset + s;
        if (i % LINE_STRIDE === 0) {
          if (kept === offsets.length) {
            const more = new Float64Array(2 * offsets.length);
            more.set(offsets);
            offsets = more;
          }
          offsets[kept++] = offset;
        }
        let info: LineInfo | undefined;
        if (tailBytes(b, s, e)) {
          if (traj < s) {
            traj = b.indexOf(TRAJECTORY_BYTES, s);
            if (traj < 0) traj = b.length;
          }
          const flags = flagsOf(tail.status, traj < e);
          // The code digest, decoded when it differs from the last line's.
          const length = tail.codeEnd - tail.codeAt;
          if (tail.codeEnd < 0) {
            lastCode = undefined;
            codeLength = -1;
          } else if (length !== codeLength || !bytesAt(b, tail.codeAt, code, length)) {
            lastCode = b.toString('latin1', tail.codeAt, tail.codeEnd);
            codeLength = length <= code.length ? length : -1;
            if (codeLength >= 0) b.copy(code, 0, tail.codeAt, tail.codeEnd);
          }
          if (tag !== undefined && bytesAt(b, tail.planAt, tag) && tail.index < plan!.count) {
            planned(tail.index, i, flags, table.size > 0 ? b.toString('latin1', s + 7, s + 23) : '');
            s = e + 1;
            continue;
          }
          info = { id: b.toString('latin1', s + 7, s + 23), status: tail.status, flags };
        } else {
          const line = b.toString('utf8', s, e);
          info = lineInfo(line);
          if (info === undefined) {
            if (line !== '') damaged++;
            s = e + 1;
            continue;
          }
          const c = CODE.exec(line);
          lastCode = c === null ? undefined : c[1];
          codeLength = -1;
          const index = plan === undefined ? -1 : planIndex(info, plan.tag, plan.count);
          if (index >= 0) {
            planned(index, i, info.flags, info.id);
            s = e + 1;
            continue;
          }
        }
        // Grown to what the rest of the file holds at the rate seen so far.
        if (table.full) table = table.grown(Math.ceil((1.1 * (i + 1) * bytes) / Math.max(offset, 1)));
        if (table.set(info.id, i, info.flags)) superseded++;
        s = e + 1;
      }
      // Signals and timers run between pieces.
      await new Promise((r) => setImmediate(r));
    }
    const shared = new SharedArrayBuffer(8 * (kept + 1));
    const view = new Float64Array(shared);
    view.set(offsets.subarray(0, kept));
    view[kept] = bytes;
    return { table: new Recorded(table, runs), lines, offsets: shared, damaged, superseded, lastCode };
  }

  /**
   * Rewrites the file with only the last line of each id (damaged lines dropped), atomically, and
   * reopens it for appending.
   *
   * @returns The lines kept.
   */
  async compact(table: Recorded): Promise<number> {
    const out = new AtomicFile(this.path);
    let kept = 0;
    try {
      await forEachLineAsync(this.path, (line, i) => {
        const info = lineInfo(line);
        if (info === undefined) return;
        if (table.isLast(info.id, i, table.indexOf(info))) {
          out.write(`${line}\n`);
          kept++;
        }
      });
      closeSync(this.fd);
      this.fd = -1;
      out.commit();
    } catch (e) {
      out.abort();
      throw e;
    }
    this.fd = io('cannot open', this.path, () => openSync(this.path, 'a'));
    return kept;
  }

  /** Appends whole lines (UTF-8 text ending in a newline), in as few writes as the OS needs. */
  append(lines: Uint8Array | string): void {
    if (lines.length === 0) return;
    const bytes = typeof lines === 'string' ? Buffer.from(lines, 'utf8') : lines;
    const before = io('cannot write', this.path, () => fstatSync(this.fd).size);
    try {
      writeAll(this.fd, bytes);
    } catch (e) {
      // A full disk or a file size limit cuts the write: take the torn part back, so that the file
      // holds whole lines only (what was written before stays).
      try {
        ftruncateSync(this.fd, before);
      } catch {
        // the next open cuts the torn line off
      }
      throw ioError(e, 'cannot write', this.path);
    }
  }

  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }
}
