// A batch's digest (see `BatchDigest` in types.ts): what the coordinator needs of each plain optimizer
// run, as numbers, so that it folds the run into the report's aggregates without parsing its JSON
// line (JSON.parse costs ~4 µs a line: 40 s at 10⁷ runs), and writes its results.csv row as the
// worker printed it. A run whose line holds more (a trajectory, KKT data, an error, a function's
// values) is marked, and its line is parsed.
import type { OptimizeResult } from '@numcomp/optimizers';
import { RUN_STATUSES } from '../format/fields.js';
import type { BatchDigest, RunRecord, RunStatus } from '../types.js';
import { ByteWriter, takeSpare } from './byteWriter.js';

/** Status codes of the digest: positions in {@link RUN_STATUSES}. */
export const STATUS_CODES = RUN_STATUSES;
const CODE_OF = new Map(STATUS_CODES.map((s, i) => [s, i]));

/** Numbers before a plain run's x; a parsed run has its first {@link OTHER}. */
const HEAD = 12;
const OTHER = 5;
/** Added to a status code: the run was reused (its record read back, not appended again). */
const REUSED_BIT = 64;

/** What the digest holds of a reused plain run: a parsed record's numbers, or a plain line's (plainLine.ts). */
export type ReusedNumbers = Pick<
  RunRecord,
  'status' | 'time' | 'x' | 'fun' | 'gradNorm' | 'nit' | 'nfev' | 'ngev' | 'nhev'
>;

/** Collects a batch's digest in a worker. */
export class DigestWriter {
  private numbers = new Float64Array(1024);
  private length = 0;
  private readonly ids = new ByteWriter();
  private readonly csv = new ByteWriter();

  /** Empties the digest for the next batch (its buffers are kept). */
  reset(): this {
    this.length = 0;
    this.ids.reset();
    this.csv.reset();
    return this;
  }

  private reserve(n: number): Float64Array {
    if (this.length + n > this.numbers.length) {
      const grown = new Float64Array(Math.max(2 * this.numbers.length, this.length + n));
      grown.set(this.numbers.subarray(0, this.length));
      this.numbers = grown;
    }
    return this.numbers;
  }

  /**
   * A plain run: its index, id, status, result, ‖∇f‖, time, the bytes of its line, and its csv row ('' for
   * none; `ascii`: it is).
   */
  plain(
    index: number,
    id: string,
    status: RunStatus,
    r: OptimizeResult,
    gradNorm: number,
    time: number,
    lineBytes: number,
    csv: string,
    ascii = false,
  ): void {
    this.ids.write(id, true);
    const n = r.x.length;
    const a = this.reserve(HEAD + n);
    let k = this.length;
    const rowBytes = this.csv.write(csv, ascii) + this.csv.write('\n', true);
    a[k++] = index;
    a[k++] = CODE_OF.get(status)!;
    a[k++] = n;
    a[k++] = lineBytes;
    a[k++] = rowBytes;
    a[k++] = time;
    a[k++] = r.fun;
    a[k++] = gradNorm;
    a[k++] = r.nit;
    a[k++] = r.nfev;
    a[k++] = r.ngev;
    a[k++] = r.nhev;
    for (let i = 0; i < n; i++) a[k++] = r.x[i]!;
    this.length = k;
  }

  /**
   * A run whose line must be parsed: a line of the batch's `lines` (`lineBytes` long), or of its
   * `reusedLines` when the run is `reused` (a recorded run, not appended again: 0).
   */
  other(index: number, id: string, status: RunStatus, lineBytes: number, reused = false): void {
    this.ids.write(id, true);
    const a = this.reserve(OTHER);
    a[this.length++] = index;
    a[this.length++] = CODE_OF.get(status)! + (reused ? REUSED_BIT : 0);
    a[this.length++] = -1;
    a[this.length++] = lineBytes;
    a[this.length++] = 1;
    this.csv.write('\n', true);
  }

  /** A recorded plain run this batch reuses (its record read back), with its csv row. */
  reused(index: number, id: string, r: ReusedNumbers, csv: string): void {
    this.ids.write(id, true);
    const x = r.x!;
    const n = x.length;
    const a = this.reserve(HEAD + n);
    let k = this.length;
    const rowBytes = this.csv.write(csv) + this.csv.write('\n', true);
    a[k++] = index;
    a[k++] = CODE_OF.get(r.status)! + REUSED_BIT;
    a[k++] = n;
    a[k++] = 0;
    a[k++] = rowBytes;
    a[k++] = r.time;
    a[k++] = r.fun!;
    a[k++] = r.gradNorm ?? Number.NaN;
    a[k++] = r.nit ?? 0;
    a[k++] = r.nfev ?? 0;
    a[k++] = r.ngev ?? 0;
    a[k++] = r.nhev ?? 0;
    for (let i = 0; i < n; i++) a[k++] = x[i] as number;
    this.length = k;
  }

  /** The digest: its numbers and rows are handed over (the writer goes on in other buffers). */
  finish(): BatchDigest {
    const numbers = this.numbers.subarray(0, this.length);
    const spare = takeSpare(this.numbers.byteLength);
    this.numbers =
      spare === undefined
        ? new Float64Array(this.numbers.length)
        : new Float64Array(spare, 0, Math.floor(spare.byteLength / 8));
    return { ids: this.ids.latin1(), numbers, csv: this.csv.bytes() };
  }
}

/** JSON's view of a number: -0 reads back as 0 (the line prints it as `0`). */
function plainNumber(v: number): number {
  return v === 0 ? 0 : v;
}

/**
 * One run of a digest, as the coordinator reads it: one object, refilled for each run (copy what you
 * keep; {@link digestRecord} makes the run's record).
 */
export interface DigestEntry {
  /** The run's index in its plan. */
  index: number;
  id: string;
  status: RunStatus;
  /** Whether the entry holds the run's results (else its line must be parsed). */
  plain: boolean;
  time: number;
  fun: number;
  gradNorm: number;
  nit: number;
  nfev: number;
  ngev: number;
  nhev: number;
  /** A plain run's x (a new array for each run). */
  x: number[] | undefined;
  /** Where its results.csv row starts in `digest.csv` (-1: none), and ends (after its newline). */
  csvAt: number;
  csvEnd: number;
  /** The bytes of its line in the batch's `lines`, newline included (0 for a reused run). */
  lineBytes: number;
  /** A recorded run reused (its line, if parsed, is in the batch's `reusedLines`). */
  reused: boolean;
}

/** A plain entry's record, with the run's params (as its parsed line would give it, `code` aside). */
export function digestRecord(e: DigestEntry, params: RunRecord['params']): RunRecord {
  return {
    id: e.id,
    status: e.status,
    params,
    time: e.time,
    fun: e.fun,
    gradNorm: e.gradNorm,
    nit: e.nit,
    nfev: e.nfev,
    ngev: e.ngev,
    nhev: e.nhev,
    x: e.x!,
  };
}

/**
 * Calls `visit` for each run of a digest, in order, with one entry object refilled each time (no
 * allocation per run but a plain run's x: the coordinator reads 10⁵–10⁷ of them).
 *
 * @returns False if the digest is malformed (then nothing was visited).
 */
export function readDigest(digest: BatchDigest, visit: (e: DigestEntry) => void): boolean {
  const a = digest.numbers;
  const n = digest.ids.length / 16;
  const bytes = digest.csv;
  // Check the layout first, so that a bad digest is rejected whole.
  let k = 0;
  let c = 0;
  for (let j = 0; j < n; j++) {
    if (k + OTHER > a.length) return false;
    const m = a[k + 2]!;
    c += a[k + 4]!;
    k += m < 0 ? OTHER : HEAD + m;
  }
  if (k !== a.length || c !== bytes.length || !Number.isInteger(n)) return false;
  const e: DigestEntry = {
    index: 0,
    id: '',
    status: 'ok',
    plain: false,
    time: 0.5,
    fun: 0.5,
    gradNorm: 0.5,
    nit: 0,
    nfev: 0,
    ngev: 0,
    nhev: 0,
    x: undefined,
    csvAt: -1,
    csvEnd: -1,
    lineBytes: 0,
    reused: false,
  };
  k = 0;
  c = 0;
  for (let j = 0; j < n; j++) {
    const code = a[k + 1]!;
    const reused = code >= REUSED_BIT;
    const m = a[k + 2]!;
    const rowEnd = c + a[k + 4]!;
    e.index = a[k]!;
    e.status = STATUS_CODES[reused ? code - REUSED_BIT : code]!;
    e.csvAt = rowEnd > c + 1 ? c : -1;
    e.csvEnd = rowEnd;
    c = rowEnd;
    e.lineBytes = a[k + 3]!;
    // A copy: a slice of the batch's ids would hold them alive whole in a kept record (a reservoir of
    // 2,000 records held 2,000 batches' ids: 12 bytes a run of memory at 10⁷ runs). Slices under 13
    // characters are copied by V8, so the two halves hold nothing of the batch.
    e.id = digest.ids.slice(16 * j, 16 * j + 8) + digest.ids.slice(16 * j + 8, 16 * j + 16);
    e.reused = reused;
    if (m < 0) {
      e.plain = false;
      e.x = undefined;
      visit(e);
      k += OTHER;
      continue;
    }
    const x = new Array<number>(m);
    for (let i = 0; i < m; i++) x[i] = plainNumber(a[k + HEAD + i]!);
    e.plain = true;
    e.time = a[k + 5]!;
    e.fun = plainNumber(a[k + 6]!);
    e.gradNorm = plainNumber(a[k + 7]!);
    e.nit = a[k + 8]!;
    e.nfev = a[k + 9]!;
    e.ngev = a[k + 10]!;
    e.nhev = a[k + 11]!;
    e.x = x;
    visit(e);
    k += HEAD + m;
  }
  return true;
}

/**
 * Whether every run of a well-formed digest is plain with a printed row: then its `csv` is every run's row,
 * in order.
 */
export function allPlain(digest: BatchDigest): boolean {
  const a = digest.numbers;
  const n = digest.ids.length / 16;
  let k = 0;
  for (let j = 0; j < n; j++) {
    const m = a[k + 2]!;
    if (!(m >= 0) || !(a[k + 4]! > 1)) return false;
    k += HEAD + m;
  }
  return true;
}
