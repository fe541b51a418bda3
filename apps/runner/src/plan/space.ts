// A sweep's runs, described by its grid rather than listed (see `RunSpace` in types.ts). A run's
// canonical params are the concatenation of precomputed fragments, one per key, and its id the hash
// of that text: both are built where they are needed (workers build their own runs from a range), so
// that the main thread neither hashes nor keeps 10⁷ strings.
//
// Optimizer sweeps nest their params, keys sorted at every level:
//   {"objective":{"name":…,"params":{…}},"optimizer":{…},"x0":[…]}
// and leave out an option the run's method does not use (so a grid of method × momentum does not
// run BFGS once per momentum).

import { createHash } from 'node:crypto';
import type { Json, Params, PlannedRun, RunSpace } from '../types.js';
import { runIdOfText, runIdPrefix } from './runId.js';
import { isPacked, packedValue, rowText } from './values.js';

/** Parts of nested params (`RunSpace.part`). */
export const PART = { name: 0, objective: 1, optimizer: 2, x0: 3, flat: 4 } as const;

/**
 * Walks a space's runs in order from any run: the current run's hashed text, id, canonical params
 * and params object. Parsed cells are shared by every run that has them (treat them as read-only).
 */
export class SpaceWalker {
  readonly space: RunSpace;
  /** Run index of the current run. */
  index = 0;
  /** Point (grid position) of the current run. */
  private point = 0;
  /** The hashed text's start (see `runIdPrefix`). */
  readonly head: string;
  /** Per key and row: `"key":value` ('' where the row does not set the key); undefined for packed keys. */
  private readonly frags: (string[] | undefined)[];
  /** Per packed key, the row of its last fragment printed (-1: none), and that fragment. */
  private readonly packedRows: Int32Array;
  private readonly packedFrags: string[];
  private readonly cells: ((Json | undefined)[] | undefined)[];
  private readonly rows: number[];
  private readonly chosen: ReadonlySet<number>;
  /** Per key, its row in the last params built (-1: none yet, -2: unused), and that run's objects. */
  private readonly lastRows: Int32Array;
  private lastObjective: Params | undefined;
  private lastOptimizer: Params | undefined;

  /**
   * @param space - The run space.
   * @param options - `cacheRows`: parse and keep the cells of keys with at most this many rows
   *   (default: all); a key with more is parsed for each run that reads it (a worker walks 10⁵ starts
   *   once per learning rate: keeping them all costs ~7 MB a thread).
   */
  constructor(space: RunSpace, options: { readonly cacheRows?: number } = {}) {
    this.space = space;
    const cacheRows = options.cacheRows ?? Number.POSITIVE_INFINITY;
    this.head = runIdPrefix(space.experiment, space.code);
    this.frags = space.values.map((vs, j) => {
      if (isPacked(vs)) return undefined;
      const key = JSON.stringify(space.keys[j]);
      return vs.map((v) =>
        v === null ? '' : space.part[j] === PART.name || space.part[j] === PART.x0 ? v : `${key}:${v}`,
      );
    });
    this.packedRows = new Int32Array(space.keys.length).fill(-1);
    this.packedFrags = space.keys.map(() => '');
    // Packed values are made for each run that reads them (a vector's array, from numbers: no parse).
    this.cells = space.values.map((vs) =>
      isPacked(vs) || vs.length > cacheRows ? undefined : new Array<Json | undefined>(vs.length),
    );
    this.rows = space.sizes.map(() => 0);
    this.chosen = new Set(space.chosen);
    this.lastRows = new Int32Array(space.keys.length).fill(-1);
  }

  /** Makes run `i` the current run. */
  seek(i: number): void {
    this.index = i;
    this.point = this.space.positions === undefined ? i : this.space.positions[i]!;
    this.seekPoint(this.point);
  }

  private seekPoint(k: number): void {
    let pos = k;
    for (let f = this.rows.length - 1; f >= 0; f--) {
      const n = this.space.sizes[f]!;
      this.rows[f] = pos % n;
      pos = Math.floor(pos / n);
    }
  }

  /** Moves to the next run. */
  next(): void {
    this.index++;
    if (this.space.positions !== undefined) {
      if (this.index < this.space.count) this.seek(this.index);
      return;
    }
    this.point++;
    for (let f = this.rows.length - 1; f >= 0; f--) {
      if (++this.rows[f]! < this.space.sizes[f]!) return;
      this.rows[f] = 0;
    }
  }

  /** Moves to grid point `k` (run order aside): for planning. */
  seekGridPoint(k: number): void {
    this.point = k;
    this.seekPoint(k);
  }

  /** The current run's canonical params. */
  paramsText(): string {
    const { space, frags, rows } = this;
    const n = frags.length;
    if (!space.nested) {
      let s = '{';
      let sep = false;
      for (let j = 0; j < n; j++) {
        const r = rows[space.owner[j]!]!;
        const fr = frags[j];
        const t = fr === undefined ? this.packedFrag(j, r) : fr[r]!;
        if (t === '') continue;
        s += sep ? `,${t}` : t;
        sep = true;
      }
      return `${s}}`;
    }
    const uses = space.uses[rows[space.owner[space.methodKey]!]!]!;
    let name = '';
    let obj = '';
    let opt = '';
    let x0 = '';
    for (let j = 0; j < n; j++) {
      const r = rows[space.owner[j]!]!;
      const fr = frags[j];
      const t = fr === undefined ? this.packedFrag(j, r) : fr[r]!;
      if (t === '') continue;
      switch (space.part[j]) {
        case PART.name:
          name = t;
          break;
        case PART.objective:
          obj += obj === '' ? t : `,${t}`;
          break;
        case PART.optimizer:
          if (uses[j] === 1) opt += opt === '' ? t : `,${t}`;
          break;
        default:
          x0 = t;
      }
    }
    return `{"objective":{"name":${name},"params":{${obj}}},"optimizer":{${opt}},"x0":${x0}}`;
  }

  /** A packed key's fragment for row r, printed once for consecutive calls on one row. */
  private packedFrag(j: number, r: number): string {
    if (this.packedRows[j] === r) return this.packedFrags[j]!;
    const text = rowText(this.space.values[j]!, r)!;
    const part = this.space.part[j];
    const t = part === PART.name || part === PART.x0 ? text : `${JSON.stringify(this.space.keys[j])}:${text}`;
    this.packedRows[j] = r;
    this.packedFrags[j] = t;
    return t;
  }

  /** The current run's hashed text (see `runIdPrefix`). */
  text(): string {
    return `${this.head}${this.paramsText()}}`;
  }

  /** The current run as a planned run (its text hashed once). */
  run(): PlannedRun {
    const params = this.paramsText();
    return {
      id: runIdOfText(`${this.head}${params}}`),
      params,
      trajectory: this.chosen.has(this.index),
    };
  }

  /**
   * The current run as a planned run whose id is not known yet (''), for a run its recorded line names:
   * the line of the same plan and index holds the id this run hashes to (see `planTag`).
   */
  unhashedRun(): PlannedRun {
    return { id: '', params: this.paramsText(), trajectory: this.chosen.has(this.index) };
  }

  /** The current run's id. */
  id(): string {
    return runIdOfText(this.text());
  }

  /** Whether the current run records a trajectory. */
  trajectory(): boolean {
    return this.chosen.has(this.index);
  }

  /**
   * The current run's params as an object, equal to `JSON.parse(paramsText())`. Its parts are shared
   * with other runs (cells, and a nested run's objective and options while their rows repeat): read-only.
   */
  params(): Params {
    const { space, rows } = this;
    if (!space.nested) {
      const p: Record<string, Json> = {};
      for (let j = 0; j < space.keys.length; j++) {
        const v = this.cell(j, rows[space.owner[j]!]!);
        if (v !== undefined) p[space.keys[j]!] = v;
      }
      return p;
    }
    const uses = space.uses[rows[space.owner[space.methodKey]!]!]!;
    // The objective and the options are the previous run's objects while their rows stay the same
    // (a grid changes x0 fastest): records share them, read-only, like the cells.
    const last = this.lastRows;
    let objective = this.lastObjective;
    let optimizer = this.lastOptimizer;
    let x0: Json = null;
    for (let j = 0; j < space.keys.length; j++) {
      const part = space.part[j];
      if (part === PART.x0) {
        const v = this.cell(j, rows[space.owner[j]!]!);
        if (v !== undefined) x0 = v;
        continue;
      }
      const r = part === PART.optimizer && uses[j] !== 1 ? -2 : rows[space.owner[j]!]!;
      if (last[j] === r) continue;
      last[j] = r;
      if (part === PART.optimizer) optimizer = undefined;
      else objective = undefined;
    }
    if (objective === undefined) {
      let name: Json = null;
      const obj: Record<string, Json> = {};
      for (let j = 0; j < space.keys.length; j++) {
        const part = space.part[j];
        if (part !== PART.name && part !== PART.objective) continue;
        const v = this.cell(j, rows[space.owner[j]!]!);
        if (v === undefined) continue;
        if (part === PART.name) name = v;
        else obj[space.keys[j]!] = v;
      }
      this.lastObjective = objective = { name, params: obj };
    }
    if (optimizer === undefined) {
      const opt: Record<string, Json> = {};
      for (let j = 0; j < space.keys.length; j++) {
        if (space.part[j] !== PART.optimizer || uses[j] !== 1) continue;
        const v = this.cell(j, rows[space.owner[j]!]!);
        if (v !== undefined) opt[space.keys[j]!] = v;
      }
      this.lastOptimizer = optimizer = opt;
    }
    return { objective, optimizer, x0 };
  }

  /** Factor f's row for the current run. */
  row(f: number): number {
    return this.rows[f]!;
  }

  /** Key j's row (in the factor that owns it) for the current run. */
  rowOf(j: number): number {
    return this.rows[this.space.owner[j]!]!;
  }

  /** Whether the current run has key j: false where its method does not use the option. */
  uses(j: number): boolean {
    const { space } = this;
    return !space.nested || space.uses[this.rows[space.owner[space.methodKey]!]!]![j] === 1;
  }

  /**
   * Key j's value in the current run, as in {@link params} (parsed once per row and shared: treat it as
   * read-only), or undefined where the run does not set it.
   */
  value(j: number): Json | undefined {
    return this.uses(j) ? this.cell(j, this.rowOf(j)) : undefined;
  }

  private cell(j: number, r: number): Json | undefined {
    const values = this.space.values[j]!;
    if (isPacked(values)) return packedValue(values, r);
    const text = values[r];
    if (text === null || text === undefined) return undefined;
    const cells = this.cells[j];
    if (cells === undefined) return JSON.parse(text) as Json;
    let v = cells[r];
    if (v === undefined) cells[r] = v = JSON.parse(text) as Json;
    return v;
  }
}

/**
 * A digest of everything that maps a run index of a space to its run (the code digest, the keys, the
 * factors' values, which options each method uses, the repeated points dropped), 16 hex digits. Lines
 * a sweep writes carry it with their run index (`"plan":"<tag>","i":<index>`): the next sweep of the
 * same plan finds its recorded runs by index, in 5 bytes a run, instead of by id.
 *
 * @example
 * ```ts
 * planTag(planSweep(def).space) === planTag(planSweep(def).space); // true
 * ```
 */
export function planTag(space: RunSpace): string {
  const h = createHash('sha256');
  // Packed values are hashed as their bytes, after the rest (their place in the JSON says how they are laid out).
  const packed = space.values.filter(isPacked);
  h.update(
    JSON.stringify([
      space.experiment,
      space.code,
      space.nested,
      space.keys,
      space.part,
      space.owner,
      space.values.map((vs) => (isPacked(vs) ? { dim: vs.dim, rows: vs.rows } : vs)),
      space.sizes,
      space.methodKey,
      space.uses,
      space.count,
    ]),
  );
  for (const p of packed) h.update(new Uint8Array(p.data.buffer, p.data.byteOffset, p.data.byteLength));
  if (space.positions !== undefined)
    h.update(new Uint8Array(space.positions.buffer, space.positions.byteOffset, space.positions.byteLength));
  return h.digest('hex').slice(0, 16);
}
