// A sweep's runs, described by its grid rather than listed: run i is point i of the product of the
// factors (first factor outermost). Its canonical params are the concatenation of one fragment per
// key (keys sorted), its id the hash of that text: both are built where they are needed (workers
// build their own runs from a range), so that the main thread neither hashes nor keeps 10⁵ strings.
// Used only when the grid's points are distinct (no two equal points to drop).
import type { PlannedRun } from './planSweep.js';
import type { BatchTask } from './runBatch.js';
import { runIdOfText, runIdPrefix } from './runId.js';
import type { Json, Params } from './types.js';

/** The runs of a plan whose points are distinct: plain data (it crosses threads). */
export interface RunSpace {
  /** Experiment id (part of every run's hashed text). */
  readonly experiment: string;
  /** Keys in canonical (sorted) order. */
  readonly keys: readonly string[];
  /** `owner[j]`: the factor whose rows give key j. */
  readonly owner: readonly number[];
  /** `values[j][r]`: canonical JSON of key j in row r of its factor, or null where the row does not set it. */
  readonly values: readonly (readonly (string | null)[])[];
  /** Rows of each factor. */
  readonly sizes: readonly number[];
  /** Runs (the product of `sizes`). */
  readonly count: number;
  /** Runs that record a trajectory, ascending. */
  readonly chosen: readonly number[];
}

/**
 * Walks a space's runs in order from any run: the current run's hashed text, id, canonical params
 * and params object. Parsed cells are shared by every run that has them (treat them as read-only).
 */
export class SpaceWalker {
  readonly space: RunSpace;
  /** Run index of the current run. */
  index = 0;
  private readonly head: string;
  private readonly open: string;
  /** Per key and row: `,"key":value` and `"key":value` ('' where the row does not set the key). */
  private readonly frags: string[][];
  private readonly bare: string[][];
  private readonly cells: (Json | undefined)[][];
  private readonly rows: number[];
  private readonly chosen: ReadonlySet<number>;

  constructor(space: RunSpace) {
    this.space = space;
    this.head = runIdPrefix(space.experiment);
    this.open = `${this.head}{`;
    this.frags = space.values.map((vs, j) => {
      const key = JSON.stringify(space.keys[j]);
      return vs.map((v) => (v === null ? '' : `,${key}:${v}`));
    });
    this.bare = this.frags.map((fs) => fs.map((f) => f.slice(1)));
    this.cells = space.values.map((vs) => new Array<Json | undefined>(vs.length));
    this.rows = space.sizes.map(() => 0);
    this.chosen = new Set(space.chosen);
  }

  /** Makes run `i` the current run. */
  seek(i: number): void {
    this.index = i;
    let pos = i;
    for (let f = this.rows.length - 1; f >= 0; f--) {
      const n = this.space.sizes[f]!;
      this.rows[f] = pos % n;
      pos = Math.floor(pos / n);
    }
  }

  /** Moves to the next run. */
  next(): void {
    this.index++;
    for (let f = this.rows.length - 1; f >= 0; f--) {
      if (++this.rows[f]! < this.space.sizes[f]!) return;
      this.rows[f] = 0;
    }
  }

  /** The current run's hashed text: `{"experiment":…,"params":<canonical params>}`. */
  text(): string {
    let s = this.open;
    let sep = false;
    for (let j = 0; j < this.frags.length; j++) {
      const r = this.rows[this.space.owner[j]!]!;
      const t = this.frags[j]![r]!;
      if (t === '') continue;
      s += sep ? t : this.bare[j]![r]!;
      sep = true;
    }
    return `${s}}}`;
  }

  /** The current run as a planned run (its text hashed once). */
  run(): PlannedRun {
    const text = this.text();
    return {
      id: runIdOfText(text),
      params: text.slice(this.head.length, -1),
      trajectory: this.chosen.has(this.index),
    };
  }

  /** Whether the current run records a trajectory. */
  trajectory(): boolean {
    return this.chosen.has(this.index);
  }

  /** Canonical params of a hashed text of this space. */
  paramsText(text: string): string {
    return text.slice(this.head.length, -1);
  }

  /** The current run's params as an object, equal to `JSON.parse` of its canonical params. */
  params(): Params {
    const template = (this.template ??= this.makeTemplate());
    if (template === null) return JSON.parse(this.paramsText(this.text())) as Params;
    // A copy of the template (same keys, in order: one allocation, properties in place), with the
    // values of the keys that vary.
    const p: Record<string, Json> = { ...template };
    for (const j of this.varying!) p[this.space.keys[j]!] = this.cell(j, this.rows[this.space.owner[j]!]!);
    return p;
  }

  private template: Params | null | undefined;
  private varying: number[] | undefined;

  /**
   * The params of run 0, when every run has the same keys (a key that varies is set by every row
   * of its factor) and none is `__proto__`; else null (params are parsed).
   */
  private makeTemplate(): Params | null {
    const { keys, owner, values, sizes } = this.space;
    this.varying = [];
    for (let j = 0; j < keys.length; j++) {
      if (keys[j] === '__proto__') return null;
      if (sizes[owner[j]!]! > 1) {
        if (values[j]!.includes(null)) return null;
        this.varying.push(j);
      }
    }
    const w = new SpaceWalker(this.space);
    return JSON.parse(w.paramsText(w.text())) as Params;
  }

  private cell(j: number, r: number): Json {
    const cells = this.cells[j]!;
    let v = cells[r];
    if (v === undefined) cells[r] = v = JSON.parse(this.space.values[j]![r]!) as Json;
    return v;
  }
}

/** Every run of a space, in order (a run's index is its position). */
export function spaceRuns(space: RunSpace): PlannedRun[] {
  const w = new SpaceWalker(space);
  const runs: PlannedRun[] = [];
  for (let i = 0; i < space.count; i++, w.next()) runs.push(w.run());
  return runs;
}

/** A batch given as runs `first` … `first + count − 1` of a space. */
export interface RunRange {
  readonly space: RunSpace;
  readonly first: number;
  readonly count: number;
}

const ranges = new WeakMap<object, RunRange>();
const indexes = new WeakMap<PlannedRun, number>();

/**
 * A batch of a range of a space's runs. Its `runs` are built (and hashed) only if read: an executor
 * that knows ranges (see {@link rangeOf}) sends the range, and the worker builds the runs. A copy of
 * the task (spread) is a plain batch of its runs.
 */
export function rangeTask(base: Omit<BatchTask, 'runs'>, range: RunRange): BatchTask {
  let runs: PlannedRun[] | undefined;
  const task: BatchTask = {
    ...base,
    get runs(): readonly PlannedRun[] {
      if (runs === undefined) {
        const w = new SpaceWalker(range.space);
        w.seek(range.first);
        runs = [];
        for (let k = 0; k < range.count; k++, w.next()) {
          const run = w.run();
          indexes.set(run, range.first + k);
          runs.push(run);
        }
      }
      return runs;
    },
  };
  ranges.set(task, range);
  return task;
}

/** A task's fields but `runs` (which reading would build, for a range task). */
export function taskFields(task: BatchTask): Omit<BatchTask, 'runs'> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(task))
    if (k !== 'runs') out[k] = (task as unknown as Record<string, unknown>)[k];
  return out as unknown as Omit<BatchTask, 'runs'>;
}

/** Runs in a task, without building a range's runs. */
export function taskSize(task: BatchTask): number {
  return ranges.get(task)?.count ?? task.runs.length;
}

/** The range of a task made by {@link rangeTask} (not of a copy). */
export function rangeOf(task: BatchTask): RunRange | undefined {
  return ranges.get(task);
}

/** The run index of a run built by a range task's `runs`. */
export function rangeIndexOf(run: PlannedRun): number | undefined {
  return indexes.get(run);
}
