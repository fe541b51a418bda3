// A batch's digest: what the sweep keeps of each plain optimizer run, as numbers, so that the main
// thread builds the run's record without parsing the JSON line (JSON.parse of 10⁵ lines costs ~0.3 s
// of the thread that also feeds the workers), and writes its results.csv row as the worker printed
// it (its numbers printed once, for both files). A run whose line holds more (a trajectory, KKT data,
// an error, a function's values) is marked, and its line is parsed.
//
// `ids`: the runs' ids in order, 16 characters each (the main thread needs no ids of its own for a
// range of runs, see `_space.ts`). `numbers`, per run: [n, time, fun, gradNorm, nit, nfev, ngev, nhev,
// x₀ … xₙ₋₁] with n = x.length, or [-1] for a run to parse. `csv`: UTF-8 lines, line i run i's
// results.csv row for the task's `csvColumns` (see `plainRow`), or empty (a run to parse, or no
// columns given). Both arrays move to the main thread without a copy, and stay off the JS heap there.
import type { OptimizeResult } from '@numcomp/optimizers';
import { parseLine, parseLines } from './_store.js';
import type { BatchResult } from './runBatch.js';
import type { Params, RunRecord } from './types.js';

/** The digest of a batch: see the top of this file. */
export interface BatchDigest {
  /** The runs' ids, 16 characters each. */
  readonly ids: string;
  readonly numbers: Float64Array;
  readonly csv: Uint8Array;
}

const encoder = new TextEncoder();

const HEAD = 8;

/** Collects a batch's digest in a worker. */
export class DigestWriter {
  private numbers = new Float64Array(1024);
  private length = 0;
  private ids = '';
  private csv = '';

  private reserve(n: number): Float64Array {
    if (this.length + n > this.numbers.length) {
      const grown = new Float64Array(Math.max(2 * this.numbers.length, this.length + n));
      grown.set(this.numbers.subarray(0, this.length));
      this.numbers = grown;
    }
    return this.numbers;
  }

  /** A plain run: its id, result, time, and csv row ('' for none). */
  plain(id: string, r: OptimizeResult, gradNorm: number, time: number, csv: string): void {
    this.ids += id;
    const n = r.x.length;
    const a = this.reserve(HEAD + n);
    let k = this.length;
    a[k++] = n;
    a[k++] = time;
    a[k++] = r.fun;
    a[k++] = gradNorm;
    a[k++] = r.nit;
    a[k++] = r.nfev;
    a[k++] = r.ngev;
    a[k++] = r.nhev;
    for (let i = 0; i < n; i++) a[k++] = r.x[i]!;
    this.length = k;
    this.csv += `${csv}\n`;
  }

  /** A run whose line must be parsed. */
  other(id: string): void {
    this.ids += id;
    this.reserve(1)[this.length++] = -1;
    this.csv += '\n';
  }

  /** The digest (a copy of the numbers written). */
  finish(): BatchDigest {
    return { ids: this.ids, numbers: this.numbers.slice(0, this.length), csv: encoder.encode(this.csv) };
  }
}

/** JSON's view of a number: -0 reads back as 0 (the line prints it as `0`). */
function plainNumber(v: number): number {
  return v === 0 ? 0 : v;
}

/** A count read from the digest, as a small integer where it is one (no heap number per record). */
function count(v: number): number {
  return v === (v | 0) ? v | 0 : v;
}

/**
 * Reads a finished batch: calls `emit(i, record, csv, at)` for each of its runs, in order, with `i`
 * the run's index in its plan (`index(k, id)` for the batch's k-th run; undefined when not known:
 * the record's id says which run it is). A plain run's record is built from the digest, with
 * `paramsOf(i)` as its parameters, and comes with its csv row if the worker printed one (the line of
 * `csv` that starts at `at`); any other run's line is parsed (`result.lines` holds only those lines
 * when the worker appended the batch to the results file itself). Without a usable digest (another
 * executor, a failure line), every line is parsed.
 *
 * @returns false if some records could not be read (their lines are in the results file only).
 */
export function readBatch(
  result: BatchResult,
  index: (k: number, id: string) => number | undefined,
  paramsOf: (i: number) => Params,
  emit: (i: number | undefined, record: RunRecord, csv: Uint8Array | undefined, at: number) => void,
): boolean {
  const { lines, statuses, digest } = result;
  const appended = result.appended === true;
  const n = statuses.length;
  const parseAll = (): boolean => {
    for (const r of parseLines(lines, new Map()).values()) emit(undefined, r, undefined, 0);
    return !appended;
  };
  if (
    digest === undefined ||
    typeof digest.ids !== 'string' ||
    digest.ids.length !== 16 * n ||
    !(digest.numbers instanceof Float64Array) ||
    !(digest.csv instanceof Uint8Array)
  )
    return parseAll();
  // Check everything before emitting anything, so that a bad digest falls back cleanly.
  const ids = digest.ids;
  const a = digest.numbers;
  const csv = digest.csv;
  // A Buffer view, whose indexOf is native (a typed array's scans element by element).
  const bytes = Buffer.from(csv.buffer, csv.byteOffset, csv.byteLength);
  const ends: number[] = []; // end of each run's line in `lines` (-1: not there)
  const rows: number[] = []; // start of each run's row in `csv` (-1: none)
  let pos = 0;
  let k = 0;
  let c = 0;
  for (let j = 0; j < n; j++) {
    if (k >= a.length) return parseAll();
    const m = a[k]!;
    k += m < 0 ? 1 : HEAD + m;
    const rowEnd = bytes.indexOf(0x0a, c);
    if (rowEnd < 0) return parseAll();
    rows.push(rowEnd > c ? c : -1);
    c = rowEnd + 1;
    if (appended && m >= 0) {
      ends.push(-1);
      continue;
    }
    const end = lines.indexOf('\n', pos);
    if (end < 0 || lines.slice(pos + 7, pos + 23) !== ids.slice(16 * j, 16 * j + 16)) return parseAll();
    ends.push(end);
    pos = end + 1;
  }
  if (k !== a.length || pos !== lines.length || c !== csv.length) return parseAll();
  let complete = true;
  pos = 0;
  k = 0;
  for (let j = 0; j < n; j++) {
    const id = ids.slice(16 * j, 16 * j + 16);
    const m = a[k]!;
    const i = index(j, id);
    if (ends[j]! >= 0 && (m < 0 || i === undefined)) {
      const r = parseLine(lines.slice(pos, ends[j]));
      if (r !== undefined) emit(r.id === id ? i : undefined, r, undefined, 0);
      pos = ends[j]! + 1;
    } else if (i === undefined) {
      complete = false;
    } else {
      // Sized at once (pushing onto [] would reserve 16 slots per record).
      const x = new Array<number>(m);
      for (let e = 0; e < m; e++) x[e] = plainNumber(a[k + HEAD + e]!);
      emit(
        i,
        {
          id,
          status: statuses[j]!,
          params: paramsOf(i),
          x,
          fun: plainNumber(a[k + 2]!),
          gradNorm: plainNumber(a[k + 3]!),
          nit: count(a[k + 4]!),
          nfev: count(a[k + 5]!),
          ngev: count(a[k + 6]!),
          nhev: count(a[k + 7]!),
          time: a[k + 1]!,
        },
        rows[j]! < 0 ? undefined : csv,
        rows[j]!,
      );
      if (ends[j]! >= 0) pos = ends[j]! + 1;
    }
    k += m < 0 ? 1 : HEAD + m;
  }
  return complete;
}
