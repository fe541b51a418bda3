// The ids found in results.jsonl, in shared memory: an open-addressing hash table keyed by the 64-bit
// run id (16 hex digits), with a byte of flags and the line of the id's last record per slot. Workers
// read it to skip recorded runs, set the flags of what they reuse or run again, and read the lines
// they reuse (with the log's line offsets, see `recordedLines.ts`). Nothing in it grows with the
// sweep's new runs, so a sweep's memory is bounded by what was recorded before it started: 13 bytes a
// slot, at most 4/5 full (~16 bytes per recorded id; 160 MB for 10⁷).
import { randomUUID } from 'node:crypto';
import type { SharedIdTable } from '../types.js';

/** The id's last record is usable: not `error` or `timeout`. */
export const OK = 1;
/** The id's last record holds a trajectory. */
export const TRAJECTORY = 2;
/** This sweep reuses the id's record (set by the worker that skipped the run). */
export const REUSED = 4;
/** This sweep runs the id again: its recorded lines are superseded by the new one. */
export const RERUN = 8;
/** The coordinator has folded the id's record into the report (a worker read it back). */
export const FOLDED = 16;
/** The id's last line is superseded by a later line tagged with the sweep's plan (see {@link PlanTable}). */
export const DEAD = 64;
const PRESENT = 128;

/** Lines between two kept offsets of results.jsonl (see {@link SharedIdTable.offsets}). */
export const LINE_STRIDE = 64;

/** Slots for `capacity` ids, so that the table stays ≤ 4/5 full. */
function slotsFor(capacity: number): number {
  return Math.max(16, Math.ceil(capacity / 0.8) + 1);
}

/** The two 32-bit halves of a 16-hex-digit id. */
function halves(id: string): [number, number] {
  return [Number.parseInt(id.slice(0, 8), 16) >>> 0, Number.parseInt(id.slice(8, 16), 16) >>> 0];
}

/** A slot's start for a key: the low half is already uniform (a SHA-256 prefix). */
function home(lo: number, slots: number): number {
  return lo % slots;
}

/** Reading and flagging ids, in a worker or the main thread (over the same shared memory). */
export class IdTableView {
  protected readonly keys: Uint32Array;
  protected readonly flags: Uint8Array;
  protected readonly lines: Uint32Array;
  protected readonly slots: number;

  constructor(shared: Pick<SharedIdTable, 'keys' | 'flags' | 'lines'>) {
    this.keys = new Uint32Array(shared.keys);
    this.flags = new Uint8Array(shared.flags);
    this.lines = new Uint32Array(shared.lines);
    this.slots = this.flags.length;
  }

  /** The slot of an id, or -1 when absent (or {@link DEAD}). */
  find(id: string): number {
    if (id.length !== 16) return -1;
    const [hi, lo] = halves(id);
    for (let s = home(lo, this.slots); ; s = s + 1 === this.slots ? 0 : s + 1) {
      const f = Atomics.load(this.flags, s);
      if ((f & PRESENT) === 0) return -1;
      if (this.keys[2 * s] === hi && this.keys[2 * s + 1] === lo) return (f & DEAD) === 0 ? s : -1;
    }
  }

  /** The flags of a slot. */
  flagsAt(slot: number): number {
    return Atomics.load(this.flags, slot);
  }

  /** The line of results.jsonl holding the last record of a slot's id. */
  lineAt(slot: number): number {
    return this.lines[slot]!;
  }

  /** Sets flags of a slot (atomically: threads flag the same table). */
  mark(slot: number, bits: number): void {
    Atomics.or(this.flags, slot, bits);
  }
}

/** The table itself: built by the main thread from results.jsonl before a sweep. */
export class IdTable extends IdTableView {
  private readonly buffers: Pick<SharedIdTable, 'keys' | 'flags' | 'lines'>;
  private used = 0;

  /**
   * @param capacity - How many ids it must hold: the table is sized so that it stays ≤ 4/5 full.
   */
  constructor(capacity: number) {
    const slots = slotsFor(capacity);
    const buffers = {
      keys: new SharedArrayBuffer(8 * slots),
      flags: new SharedArrayBuffer(slots),
      lines: new SharedArrayBuffer(4 * slots),
    };
    super(buffers);
    this.buffers = buffers;
  }

  /** The shared buffers. */
  get sharedBuffers(): Pick<SharedIdTable, 'keys' | 'flags' | 'lines'> {
    return this.buffers;
  }

  /** Ids held. */
  get size(): number {
    return this.used;
  }

  /** Whether it is 4/5 full: {@link grown} before adding more. */
  get full(): boolean {
    return this.used + 1 > 0.8 * this.slots;
  }

  /** A table for `capacity` ids (at least twice the size) with the same ids, flags and lines (only before workers read it). */
  grown(capacity = 0): IdTable {
    const t = new IdTable(Math.max(capacity, 2 * this.slots * 0.8));
    for (let s = 0; s < this.slots; s++) {
      const f = this.flags[s]!;
      if ((f & PRESENT) === 0) continue;
      t.insert(this.keys[2 * s]!, this.keys[2 * s + 1]!, f, this.lines[s]!);
    }
    return t;
  }

  private insert(hi: number, lo: number, flags: number, line: number): void {
    for (let s = home(lo, this.slots); ; s = s + 1 === this.slots ? 0 : s + 1) {
      if ((this.flags[s]! & PRESENT) === 0) {
        this.keys[2 * s] = hi;
        this.keys[2 * s + 1] = lo;
        this.flags[s] = flags;
        this.lines[s] = line;
        this.used++;
        return;
      }
    }
  }

  /**
   * Records that line `line` of results.jsonl holds a record of `id` (a later line supersedes an
   * earlier one): its flags and line become those of this record.
   *
   * @returns True when the id was already present (the earlier line is superseded).
   */
  set(id: string, line: number, flags: number): boolean {
    const [hi, lo] = halves(id);
    for (let s = home(lo, this.slots); ; s = s + 1 === this.slots ? 0 : s + 1) {
      const f = this.flags[s]!;
      if ((f & PRESENT) === 0) {
        if (this.used + 1 >= this.slots) throw new Error('id table is full');
        this.keys[2 * s] = hi;
        this.keys[2 * s + 1] = lo;
        this.lines[s] = line;
        Atomics.store(this.flags, s, PRESENT | flags);
        this.used++;
        return false;
      }
      if (this.keys[2 * s] === hi && this.keys[2 * s + 1] === lo) {
        this.lines[s] = line;
        Atomics.store(this.flags, s, PRESENT | flags);
        return true;
      }
    }
  }

  /** Whether line `line` holds the last record of `id` (false when the id is absent). */
  isLast(id: string, line: number): boolean {
    const s = this.find(id);
    return s >= 0 && this.lines[s] === line;
  }
}

/**
 * The lines tagged with the sweep's plan (`"plan":"<tag>","i":<run index>`, see `planTag`), by run
 * index: a byte of flags and the line of the run's last record per run of the plan, 5 bytes a run (50 MB
 * at 10⁷, where the id table takes ~17 bytes a recorded id). A resumed or repeated sweep finds its own
 * runs here; the id table holds only the lines of other plans (other overrides, earlier code).
 */
export class PlanTable {
  readonly flags: Uint8Array;
  readonly lines: Uint32Array;
  readonly buffers: { readonly flags: SharedArrayBuffer; readonly lines: SharedArrayBuffer };
  /** Runs with a line. */
  size = 0;

  constructor(
    readonly tag: string,
    count: number,
  ) {
    this.buffers = { flags: new SharedArrayBuffer(count), lines: new SharedArrayBuffer(4 * count) };
    this.flags = new Uint8Array(this.buffers.flags);
    this.lines = new Uint32Array(this.buffers.lines);
  }

  /** Records that line `line` holds a record of run `index`; true when an earlier line had one. */
  set(index: number, line: number, flags: number): boolean {
    const had = (this.flags[index]! & PRESENT) !== 0;
    if (!had) this.size++;
    this.lines[index] = line;
    this.flags[index] = PRESENT | flags;
    return had;
  }
}

/**
 * What a sweep finds recorded, as workers and the coordinator read it: the plan's own runs by index
 * ({@link PlanTable}) and every other line's id ({@link IdTable}). A run's entry is a handle: a slot of
 * the id table (≥ 0), a run of the plan (≤ −2), or −1 (not recorded). A live id-table entry of a run
 * is always later in the file than the run's tagged line (a tagged line marks the id's earlier entry
 * {@link DEAD}), so it wins.
 */
export class RecordedView {
  protected readonly ids: IdTableView;
  private readonly anyIds: boolean;
  private readonly planFlags: Uint8Array | undefined;
  private readonly planLines: Uint32Array | undefined;

  constructor(shared: Pick<SharedIdTable, 'keys' | 'flags' | 'lines' | 'ids' | 'plan'>) {
    this.ids = new IdTableView(shared);
    this.anyIds = shared.ids > 0;
    this.planFlags = shared.plan === undefined ? undefined : new Uint8Array(shared.plan.flags);
    this.planLines = shared.plan === undefined ? undefined : new Uint32Array(shared.plan.lines);
  }

  /**
   * The entry of run `index` of the plan when the recorded runs are found by index alone (no line of
   * another plan: no id table), or -1 (not recorded, or the id is needed: use {@link find}).
   */
  findByIndex(index: number): number {
    if (this.anyIds) return -1;
    return this.find('', index);
  }

  /** The entry of a run (its id, and its index in the plan, or -1), or -1 when it is not recorded. */
  find(id: string, index = -1): number {
    if (this.anyIds) {
      const s = this.ids.find(id);
      if (s >= 0) return s;
    }
    const pf = this.planFlags;
    if (pf !== undefined && index >= 0 && index < pf.length && (Atomics.load(pf, index) & PRESENT) !== 0)
      return -2 - index;
    return -1;
  }

  /** The flags of an entry. */
  flagsAt(h: number): number {
    return h >= 0 ? this.ids.flagsAt(h) : Atomics.load(this.planFlags!, -2 - h);
  }

  /** The line of results.jsonl holding an entry's last record. */
  lineAt(h: number): number {
    return h >= 0 ? this.ids.lineAt(h) : this.planLines![-2 - h]!;
  }

  /** Sets flags of an entry (atomically). */
  mark(h: number, bits: number): void {
    if (h >= 0) this.ids.mark(h, bits);
    else Atomics.or(this.planFlags!, -2 - h, bits);
  }

  /**
   * Whether line `line` holds the last record of a run: `index` is the run index a line tagged with
   * the plan gives (-1 for any other line).
   */
  isLast(id: string, line: number, index = -1): boolean {
    // Without an index only the id table is asked; with one, a live id-table entry is the later line.
    const h = this.find(id, index);
    return h !== -1 && this.lineAt(h) === line;
  }
}

/** The tables' shared buffers, as workers and {@link RecordedView} read them. */
function tablesOf(
  idTable: IdTable,
  planTable: PlanTable | undefined,
): Pick<SharedIdTable, 'keys' | 'flags' | 'lines' | 'ids' | 'plan'> {
  return {
    ...idTable.sharedBuffers,
    ids: idTable.size,
    ...(planTable === undefined ? {} : { plan: { tag: planTable.tag, ...planTable.buffers } }),
  };
}

/** {@link RecordedView} over the tables a scan built, in the main thread. */
export class Recorded extends RecordedView {
  private readonly scan = randomUUID();

  constructor(
    readonly idTable: IdTable,
    readonly planTable: PlanTable | undefined,
  ) {
    super(tablesOf(idTable, planTable));
  }

  /** The run index a line gives when it is tagged with this table's plan, else -1. */
  indexOf(info: { readonly plan?: string; readonly index?: number }): number {
    const t = this.planTable;
    return t === undefined ? -1 : planIndex(info, t.tag, t.flags.length);
  }

  /** Recorded ids and runs. */
  get size(): number {
    return this.idTable.size + (this.planTable?.size ?? 0);
  }

  /** The shared buffers, for workers, with where they read the lines. */
  shared(path: string, offsets: SharedArrayBuffer): SharedIdTable {
    return { ...tablesOf(this.idTable, this.planTable), path, offsets, scan: this.scan };
  }
}

/**
 * The run index a line gives (`"plan":"<tag>","i":<index>`) when it is tagged with plan `tag` of
 * `count` runs, else -1: such a line is found by index, any other by id.
 */
export function planIndex(
  info: { readonly plan?: string; readonly index?: number },
  tag: string,
  count: number,
): number {
  return info.plan === tag && info.index !== undefined && info.index < count ? info.index : -1;
}
