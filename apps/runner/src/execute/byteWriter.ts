// Text written into one reused buffer as bytes: a string grown by `+=` is a rope that keeps every piece
// alive until it is flattened and encoded at the end (~3 µs a line, and most of a worker's surviving
// garbage); a write into a buffer costs ~0.1 µs and keeps nothing.

/**
 * Node's Buffer writers without `write`'s argument checks (a third of its cost for a short line);
 * public, undocumented in @types/node.
 */
interface Writable extends Buffer {
  utf8Write(text: string, offset: number): number;
  latin1Write(text: string, offset: number): number;
}

/**
 * Appends text as bytes; `bytes()` hands over what was written.
 *
 * @example
 * ```ts
 * const w = new ByteWriter();
 * w.write('{"id":"…"}\n');
 * post(w.bytes());
 * w.reset();
 * ```
 */
export class ByteWriter {
  private buf = Buffer.allocUnsafeSlow(1 << 16) as Writable;
  private length = 0;

  /** Empties the writer (its buffer is kept). */
  reset(): this {
    this.length = 0;
    return this;
  }

  /** Bytes written. */
  get size(): number {
    return this.length;
  }

  /**
   * Appends `text` as UTF-8, or as Latin-1 when the caller knows it is ASCII (`ascii`: faster).
   *
   * @returns The bytes written.
   */
  write(text: string, ascii = false): number {
    const need = ascii ? text.length : 3 * text.length;
    if (this.length + need > this.buf.length) {
      const grown = Buffer.allocUnsafeSlow(Math.max(2 * this.buf.length, this.length + need)) as Writable;
      this.buf.copy(grown, 0, 0, this.length);
      this.buf = grown;
    }
    const n = ascii ? this.buf.latin1Write(text, this.length) : this.buf.utf8Write(text, this.length);
    this.length += n;
    return n;
  }

  /**
   * The bytes written, handed over: the writer goes on in a new buffer of the same capacity (a copy of
   * ~1 MB a task cost a worker ~2 µs a run; the caller may transfer the bytes' whole buffer).
   */
  bytes(): Uint8Array {
    const out = new Uint8Array(this.buf.buffer, this.buf.byteOffset, this.length);
    const spare = takeSpare(this.buf.length);
    this.buf = (
      spare === undefined ? Buffer.allocUnsafeSlow(this.buf.length) : Buffer.from(spare)
    ) as Writable;
    this.length = 0;
    return out;
  }

  /** The bytes written as Latin-1 text (for ASCII written with `ascii`). */
  latin1(): string {
    return this.buf.toString('latin1', 0, this.length);
  }
}

/**
 * Buffers the coordinator handed back once it had written a task's bytes (see PiscinaExecutor), for the
 * next buffers handed over. Fresh memory costs a page fault at every 4 KiB first touched: ~10 µs each on
 * the 2-core VM (measured), ~0.2 s of a worker's 10⁵ runs when every task wrote into new buffers.
 */
const spares: ArrayBuffer[] = [];

/** The most spare buffers a thread keeps. */
const MAX_SPARES = 8;

/**
 * Keeps a buffer for reuse. When enough are kept, it takes the place of the smallest if it is larger:
 * otherwise buffers too small for what the writers need came to fill the spares for good (a resume's
 * tasks of reused runs write no lines, and handed back their small line buffers; the tasks of new runs
 * after them then found no spare for their lines and took ~600 MB of new memory in a 10⁶-run resume, its
 * run phase 40 % slower than a fresh sweep's).
 */
export function giveSpare(buffer: ArrayBuffer): void {
  if (buffer.byteLength === 0) return;
  if (spares.length < MAX_SPARES) {
    spares.push(buffer);
    return;
  }
  let smallest = 0;
  for (let i = 1; i < spares.length; i++)
    if (spares[i]!.byteLength < spares[smallest]!.byteLength) smallest = i;
  if (buffer.byteLength > spares[smallest]!.byteLength) spares[smallest] = buffer;
}

/** A kept buffer of at least `bytes`, taken out of the spares; undefined if none is that large. */
export function takeSpare(bytes: number): ArrayBuffer | undefined {
  for (let i = spares.length - 1; i >= 0; i--) {
    const b = spares[i]!;
    if (b.byteLength >= bytes) {
      spares[i] = spares[spares.length - 1]!;
      spares.pop();
      return b;
    }
  }
  return undefined;
}
