// Batches cross the thread boundary cheaply. A range of a run space sends the space once, as JSON in
// shared memory (its positions, if any, as a shared Int32Array, and its packed values as shared
// Float64Arrays, which every worker reads in place), and each worker decodes it once;
// listed runs go as one string (`id \t trajectory(0|1) \t params \n`: canonical JSON holds no raw tab
// or newline), since structured-cloning 100 small objects costs ~0.2 ms per task.
import { isAscii } from 'node:buffer';
import { isPacked } from '../plan/values.js';
import type { BatchTask, PlannedRun, RunSpace, SpaceValues } from '../types.js';

/** A shared run space: its JSON (positions and packed values aside), its positions and packed values. */
interface SharedSpace {
  /** Names the space within this process (workers cache decoded spaces by it). */
  readonly key: string;
  readonly json: SharedArrayBuffer;
  readonly positions?: SharedArrayBuffer;
  /** The data of each packed key, in key order (the JSON holds `{dim, rows, packed: k}` in its place). */
  readonly packed: readonly SharedArrayBuffer[];
}

/** A batch as sent to a piscina worker. */
export type WireTask = Omit<BatchTask, 'work'> & {
  readonly work:
    | { readonly kind: 'range'; readonly space: SharedSpace; readonly first: number; readonly count: number }
    | { readonly kind: 'text'; readonly runs: string };
  /** Buffers of earlier results, moved back for the worker to write into again (see `giveSpare`). */
  readonly spares?: readonly ArrayBuffer[];
};

/** Encodes tasks in the coordinator; keeps each space's shared copy for as long as the space lives. */
export class TaskEncoder {
  private readonly shared = new WeakMap<RunSpace, SharedSpace>();
  private spaces = 0;

  private share(space: RunSpace): SharedSpace {
    let s = this.shared.get(space);
    if (s === undefined) {
      const { positions } = space;
      const bytes = spaceJson(space);
      const json = new SharedArrayBuffer(bytes.length);
      bytes.copy(Buffer.from(json));
      let pos: SharedArrayBuffer | undefined;
      if (positions !== undefined) {
        pos = new SharedArrayBuffer(positions.byteLength);
        new Int32Array(pos).set(positions);
      }
      const packed = space.values.filter(isPacked).map((p) => {
        const b = new SharedArrayBuffer(p.data.byteLength);
        new Float64Array(b).set(p.data);
        return b;
      });
      s = {
        key: `${process.pid}:${++this.spaces}`,
        json,
        ...(pos === undefined ? {} : { positions: pos }),
        packed,
      };
      this.shared.set(space, s);
    }
    return s;
  }

  encode(task: BatchTask): WireTask {
    const w = task.work;
    if (w.kind === 'range') {
      return { ...task, work: { kind: 'range', space: this.share(w.space), first: w.first, count: w.count } };
    }
    return { ...task, work: { kind: 'text', runs: runsToText(w.runs) } };
  }
}

/** Where a packed key's values are in the JSON of a shared space: its shape, and its shared buffer's index. */
interface PackedMark {
  readonly dim: number;
  readonly rows: number;
  readonly packed: number;
}

/** A space's JSON, positions and packed data aside (what a range task sends), as UTF-8 bytes. */
function spaceJson(space: RunSpace): Buffer {
  const { positions: _, ...rest } = space;
  let k = 0;
  const values = space.values.map((vs): SpaceValues | PackedMark =>
    isPacked(vs) ? { dim: vs.dim, rows: vs.rows, packed: k++ } : vs,
  );
  return Buffer.from(JSON.stringify({ ...rest, values }), 'utf8');
}

/** The values of a decoded space, with its packed keys' data read in place from the shared buffers. */
function sharedValues(
  values: readonly (readonly (string | null)[] | PackedMark)[],
  packed: readonly SharedArrayBuffer[],
): SpaceValues[] {
  return values.map((vs) => {
    if (Array.isArray(vs)) return vs as readonly (string | null)[];
    const m = vs as PackedMark;
    return { dim: m.dim, rows: m.rows, data: new Float64Array(packed[m.packed]!) };
  });
}

/**
 * Whether a space's text is ASCII: then so is every params text it builds (its keys and values), and
 * every line and CSV row of its runs. The decoder tells it from the bytes it receives; a runner given a
 * task in its own thread asks here.
 */
export function asciiSpace(space: RunSpace): boolean {
  return isAscii(spaceJson(space));
}

/** Decodes tasks in a worker; keeps the last few decoded spaces. */
export class TaskDecoder {
  private readonly spaces = new Map<string, { readonly space: RunSpace; readonly ascii: boolean }>();

  decode(wire: WireTask): BatchTask {
    const w = wire.work;
    if (w.kind === 'range') {
      let decoded = this.spaces.get(w.space.key);
      if (decoded === undefined) {
        if (this.spaces.size >= 4) this.spaces.clear();
        const bytes = new Uint8Array(w.space.json);
        const json = JSON.parse(Buffer.from(bytes).toString('utf8')) as Omit<
          RunSpace,
          'positions' | 'values'
        > & {
          values: (readonly (string | null)[] | PackedMark)[];
        };
        const rest: Omit<RunSpace, 'positions'> = {
          ...json,
          values: sharedValues(json.values, w.space.packed),
        };
        const space =
          w.space.positions === undefined ? rest : { ...rest, positions: new Int32Array(w.space.positions) };
        decoded = { space, ascii: isAscii(bytes) };
        this.spaces.set(w.space.key, decoded);
      }
      return batchTask(
        wire,
        { kind: 'range', space: decoded.space, first: w.first, count: w.count },
        decoded.ascii,
      );
    }
    return batchTask(wire, { kind: 'runs', runs: textToRuns(w.runs) }, wire.asciiSpace);
  }
}

/**
 * A decoded task, with every key of a task in one order whether the wire had it or not: the runner's
 * optimized code checks a task's shape, and tasks of different shapes (one with buffers moved back, or a
 * progress cell, another without) made V8 throw that code away and compile `BatchRunner`'s methods again.
 */
function batchTask(wire: WireTask, work: BatchTask['work'], asciiSpace: boolean | undefined): BatchTask {
  const task = {
    module: wire.module,
    experiment: wire.experiment,
    code: wire.code,
    trajectory: wire.trajectory,
    work,
    recorded: wire.recorded,
    plan: wire.plan,
    previousCode: wire.previousCode,
    asciiSpace,
    progress: wire.progress,
    csvColumns: wire.csvColumns,
    csvXWidth: wire.csvXWidth,
  } satisfies Record<keyof BatchTask, unknown>;
  return task as BatchTask;
}

/** Listed runs as one string: `id \t trajectory(0|1) \t params \n` each. */
export function runsToText(runs: readonly PlannedRun[]): string {
  let text = '';
  for (const r of runs) text += `${r.id}\t${r.trajectory ? 1 : 0}\t${r.params}\n`;
  return text;
}

/** The runs of {@link runsToText}'s text. */
export function textToRuns(text: string): PlannedRun[] {
  const runs: PlannedRun[] = [];
  let start = 0;
  while (start < text.length) {
    const end = text.indexOf('\n', start);
    const t1 = text.indexOf('\t', start);
    runs.push({
      id: text.slice(start, t1),
      trajectory: text[t1 + 1] === '1',
      params: text.slice(t1 + 3, end),
    });
    start = end + 1;
  }
  return runs;
}
