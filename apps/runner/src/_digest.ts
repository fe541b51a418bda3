// A batch's digest: what the sweep keeps of each plain optimizer run, as numbers, so that the main
// thread builds the run's record without parsing the JSON line it has just appended (JSON.parse of
// 10⁵ lines costs ~0.3 s of the thread that also feeds the workers), and writes its results.csv row
// from text the worker printed once for both files. A run whose line holds more (a trajectory, KKT
// data, an error, a function's values) is marked, and its line is parsed.
//
// Per run, in `numbers`: [n, time, fun, gradNorm, nit, nfev, ngev, nhev, x₀ … xₙ₋₁] with n = x.length,
// or [-1] for a run to parse. `csv[i]` is the run's results.csv row for the task's `csvColumns` (see
// `plainRow`), or '' (a run to parse, or no columns given).
import type { OptimizeResult } from '@numcomp/optimizers';
import { parseLine, parseLines } from './_store.js';
import type { PlannedRun } from './planSweep.js';
import type { Params, RunRecord, RunStatus } from './types.js';

/** The digest of a batch: see the top of this file. */
export interface BatchDigest {
  readonly numbers: Float64Array;
  readonly csv: readonly string[];
}

const HEAD = 8;

/** Collects a batch's digest in a worker. */
export class DigestWriter {
  private numbers = new Float64Array(1024);
  private length = 0;
  readonly csv: string[] = [];

  private reserve(n: number): Float64Array {
    if (this.length + n > this.numbers.length) {
      const grown = new Float64Array(Math.max(2 * this.numbers.length, this.length + n));
      grown.set(this.numbers.subarray(0, this.length));
      this.numbers = grown;
    }
    return this.numbers;
  }

  /** A plain run: its result, its time, and its csv row ('' for none). */
  plain(r: OptimizeResult, gradNorm: number, time: number, csv: string): void {
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
    this.csv.push(csv);
  }

  /** A run whose line must be parsed. */
  other(): void {
    this.reserve(1)[this.length++] = -1;
    this.csv.push('');
  }

  /** The digest (a copy of the numbers written). */
  finish(): BatchDigest {
    return { numbers: this.numbers.slice(0, this.length), csv: this.csv };
  }
}

/** JSON's view of a number: -0 reads back as 0 (the line prints it as `0`). */
function plainNumber(v: number): number {
  return v === 0 ? 0 : v;
}

/**
 * Reads a finished batch: calls `emit(run, record, csv)` for each of its runs, in order. A record
 * built from the digest gets `paramsOf(run)` as its parameters and comes with its csv row, if the
 * worker printed one; a record of a parsed line comes without. Without a usable digest (another
 * executor, a line that does not match its run), every line is parsed and emitted with no run (its
 * id says which it is).
 */
export function readBatch(
  runs: readonly PlannedRun[],
  lines: string,
  statuses: readonly RunStatus[],
  digest: BatchDigest | undefined,
  paramsOf: (run: PlannedRun) => Params,
  emit: (run: PlannedRun | undefined, record: RunRecord, csv: string | undefined) => void,
): void {
  const parseAll = (): void => {
    for (const r of parseLines(lines, new Map()).values()) emit(undefined, r, undefined);
  };
  if (
    digest === undefined ||
    !(digest.numbers instanceof Float64Array) ||
    !Array.isArray(digest.csv) ||
    digest.csv.length !== runs.length ||
    statuses.length !== runs.length
  ) {
    parseAll();
    return;
  }
  // Check everything before emitting anything, so that a bad digest falls back cleanly.
  const a = digest.numbers;
  const ends: number[] = [];
  let pos = 0;
  let k = 0;
  for (let i = 0; i < runs.length; i++) {
    const end = lines.indexOf('\n', pos);
    if (end < 0 || !lines.startsWith(runs[i]!.id, pos + 7) || k >= a.length) {
      parseAll();
      return;
    }
    const n = a[k]!;
    k += n < 0 ? 1 : HEAD + n;
    ends.push(end);
    pos = end + 1;
  }
  if (k !== a.length || pos !== lines.length) {
    parseAll();
    return;
  }
  pos = 0;
  k = 0;
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i]!;
    const n = a[k]!;
    if (n < 0) {
      const r = parseLine(lines.slice(pos, ends[i]));
      if (r !== undefined) emit(r.id === run.id ? run : undefined, r, undefined);
      k += 1;
    } else {
      const x: number[] = [];
      for (let j = 0; j < n; j++) x.push(plainNumber(a[k + HEAD + j]!));
      emit(
        run,
        {
          id: run.id,
          status: statuses[i]!,
          params: paramsOf(run),
          x,
          fun: plainNumber(a[k + 2]!),
          gradNorm: plainNumber(a[k + 3]!),
          nit: a[k + 4]!,
          nfev: a[k + 5]!,
          ngev: a[k + 6]!,
          nhev: a[k + 7]!,
          time: a[k + 1]!,
        },
        digest.csv[i] || undefined,
      );
      k += HEAD + n;
    }
    pos = ends[i]! + 1;
  }
}
