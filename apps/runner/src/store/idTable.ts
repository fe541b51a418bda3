// The ids found in results.jsonl, in shared memory: an open-addressing hash table keyed by the 64-bit
// run id (16 hex digits), with a byte of flags per id, and (main thread only) the line of results.jsonl
// that holds the last record of an id recorded more than once. Workers read it to skip recorded runs
// and set the flags of what they reuse or run again; nothing in it grows with the sweep's new runs, so
// a sweep's memory is bounded by what was recorded before it started: 9 bytes a slot, at most 4/5 full
// (~11 bytes per recorded id; 113 MB for 10⁷).
import type { SharedIdTable } from '../types.js';

/** The id's last record is usable: not `error` or `timeout`. */
export const OK = 1;
/** The id's last record holds a trajectory. */
export const TRAJECTORY = 2;
/** This sweep reuses the id's record (set by the worker that skipped the run). */
export const REUSED = 4;
/** This sweep runs the id again: its recorded lines are superseded by the new one. */
export const RERUN = 8;
const PRESENT = 128;

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
  protected readonly slots: number;

  constructor(shared: SharedIdTable) {
    this.keys = new Uint32Array(shared.keys);
    this.flags = new Uint8Array(shared.flags);
    this.slots = this.flags.length;
  }

  /** The slot of an id, or -1 when absent. */
  find(id: string): number {
    if (id.length !== 16) return -1;
    const [hi, lo] = halves(id);
    for (let s = home(lo, this.slots); ; s = s + 1 === this.slots ? 0 : s + 1) {
      const f = Atomics.load(this.flags, s);
      if ((f & PRESENT) === 0) return -1;
      if (this.keys[2 * s] === hi && this.keys[2 * s + 1] === lo) return s;
    }
  }

  /** The flags of a slot. */
  flagsAt(slot: number): number {
    return Atomics.load(this.flags, slot);
  }

  /** Sets flags of a slot (atomically: threads flag the same table). */
  mark(slot: number, bits: number): void {
    Atomics.or(this.flags, slot, bits);
  }
}

/** The table itself: built by the main thread from results.jsonl before a sweep. */
export class IdTable extends IdTableView {
  /** The shared buffers, for workers. */
  readonly shared: SharedIdTable;
  /** Ids recorded more than once: id → the 0-based line of results.jsonl holding the last record. */
  private last = new Map<string, number>();
  private used = 0;

  /**
   * @param capacity - How many ids it must hold: the table is sized so that it stays ≤ 4/5 full.
   */
  constructor(capacity: number) {
    const slots = Math.max(16, Math.ceil(capacity / 0.8) + 1);
    const shared = {
      keys: new SharedArrayBuffer(8 * slots),
      flags: new SharedArrayBuffer(slots),
    };
    super(shared);
    this.shared = shared;
  }

  /** Ids held. */
  get size(): number {
    return this.used;
  }

  /** Whether it is 4/5 full: {@link grown} before adding more. */
  get full(): boolean {
    return this.used + 1 > 0.8 * this.slots;
  }

  /** A table twice the size with the same ids, flags and last lines (only before workers read it). */
  grown(): IdTable {
    const t = new IdTable(2 * this.slots);
    for (let s = 0; s < this.slots; s++) {
      const f = this.flags[s]!;
      if ((f & PRESENT) === 0) continue;
      t.insert(this.keys[2 * s]!, this.keys[2 * s + 1]!, f);
    }
    t.last = this.last;
    return t;
  }

  private insert(hi: number, lo: number, flags: number): void {
    for (let s = home(lo, this.slots); ; s = s + 1 === this.slots ? 0 : s + 1) {
      if ((this.flags[s]! & PRESENT) === 0) {
        this.keys[2 * s] = hi;
        this.keys[2 * s + 1] = lo;
        this.flags[s] = flags;
        this.used++;
        return;
      }
    }
  }

  /**
   * Records that line `line` of results.jsonl holds a record of `id` (a later line supersedes an
   * earlier one): its flags become those of this record.
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
        Atomics.store(this.flags, s, PRESENT | flags);
        this.used++;
        return false;
      }
      if (this.keys[2 * s] === hi && this.keys[2 * s + 1] === lo) {
        this.last.set(id, line);
        Atomics.store(this.flags, s, PRESENT | flags);
        return true;
      }
    }
  }

  /**
   * Whether line `line` holds the last record of `id`: true for the id's only line, or for the last
   * of several.
   */
  isLast(id: string, line: number): boolean {
    const l = this.last.get(id);
    return l === undefined || l === line;
  }
}
