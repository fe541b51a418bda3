// What a worker needs of each run of a range besides its id and canonical text, read from the run
// space's rows instead of a params object per run (JSON.parse, then flatParams, cost ~1.5 µs a run and
// most of the worker's garbage): the run's results.csv parameter cells, each key's cells printed once
// per row, and for lockstep grouping a signature of every key but lr and x0 (two runs with one
// signature have the same objective and options), with lr and x0 themselves.

import type { CsvParams } from '../format/csvCells.js';
import { PART, type SpaceWalker } from '../plan/space.js';
import { rowCount } from '../plan/values.js';
import type { Json } from '../types.js';

/**
 * Rows of a key whose cells a worker keeps (parsed values and printed CSV cells): a larger key, like
 * 10⁵ starts, is read again for each run (~0.3 µs) rather than held (~12 MB a thread).
 */
export const CACHE_ROWS = 16_384;

/**
 * Reads the current run of a walker.
 *
 * @example
 * ```ts
 * const runs = new SpaceRuns(walker, new CsvParams(paramColumns(space)));
 * walker.seek(7);
 * runs.csv(); // ',sphere,0.01,…' as CsvParams.text(flatParams(walker.params()))
 * ```
 */
export class SpaceRuns {
  /** Per CSV column: the space key it prints (-1: none), its cells per row, its cells when unset. */
  private readonly columnKey: number[];
  private readonly columnRows: ((string | undefined)[] | undefined)[];
  private readonly unset: string[];
  /** Keys that group runs: all but lr and x0, and the factors that own them. */
  private readonly groupFactors: number[];
  private readonly lrKey: number;
  private readonly x0Key: number;
  private readonly lastRows: Int32Array;
  private lastSignature = '';
  private lastUnset = '';

  constructor(
    readonly walker: SpaceWalker,
    readonly printer: CsvParams | undefined,
    cacheRows = CACHE_ROWS,
  ) {
    const space = walker.space;
    const keys = space.keys;
    const columns = printer?.columns ?? [];
    // A nested run's flat view names its objective `objective`: the key of part `name`.
    this.columnKey = columns.map(([name]) =>
      space.nested && name === 'objective' ? space.part.indexOf(PART.name) : keys.indexOf(name),
    );
    // Cells printed once per row, for keys of at most `cacheRows` rows (others per run).
    this.columnRows = columns.map((_, c) => {
      const j = this.columnKey[c]!;
      const rows = j < 0 ? 0 : rowCount(space.values[j]!);
      return j < 0 || rows > cacheRows ? undefined : new Array<string | undefined>(rows);
    });
    this.unset = columns.map((_, c) => printer!.column(c, undefined));
    this.lrKey = space.nested ? keys.findIndex((k, j) => k === 'lr' && space.part[j] === PART.optimizer) : -1;
    this.x0Key = space.part.indexOf(PART.x0);
    const factors = new Set<number>();
    for (let j = 0; j < keys.length; j++)
      if (j !== this.lrKey && j !== this.x0Key) factors.add(space.owner[j]!);
    this.groupFactors = [...factors].sort((a, b) => a - b);
    this.lastRows = new Int32Array(this.groupFactors.length).fill(-1);
  }

  /** The current run's parameter cells (`,c,c,…`), as `CsvParams.text(flatParams(params))` prints them. */
  csv(): string {
    const { walker, printer } = this;
    let s = '';
    for (let c = 0; c < this.columnKey.length; c++) {
      const j = this.columnKey[c]!;
      if (j < 0 || !walker.uses(j)) {
        s += this.unset[c]!;
        continue;
      }
      const rows = this.columnRows[c];
      if (rows === undefined) {
        s += printer!.column(c, walker.value(j));
        continue;
      }
      const r = walker.rowOf(j);
      let t = rows[r];
      if (t === undefined) rows[r] = t = printer!.column(c, walker.value(j));
      s += t;
    }
    return s;
  }

  /**
   * The current run's group signature: the rows of the factors that own every key but lr and x0 (the
   * same string object while they stay the same), with whether lr is set.
   */
  signature(): string {
    const { walker, groupFactors, lastRows } = this;
    let same = this.lastSignature !== '';
    for (let f = 0; f < groupFactors.length; f++) {
      const r = walker.row(groupFactors[f]!);
      if (lastRows[f] !== r) {
        lastRows[f] = r;
        same = false;
      }
    }
    if (!same) {
      this.lastSignature = `${lastRows.join(',')};`;
      this.lastUnset = `${this.lastSignature}-`;
    }
    return this.lr() === undefined ? this.lastUnset : this.lastSignature;
  }

  /** The current run's lr (undefined where unset). */
  lr(): Json | undefined {
    return this.lrKey < 0 ? undefined : this.walker.value(this.lrKey);
  }

  /** The current run's x0. */
  x0(): Json | undefined {
    return this.x0Key < 0 ? undefined : this.walker.value(this.x0Key);
  }
}
