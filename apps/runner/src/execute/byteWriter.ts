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
    this.buf = Buffer.allocUnsafeSlow(this.buf.length) as Writable;
    this.length = 0;
    return out;
  }

  /** The bytes written as Latin-1 text (for ASCII written with `ascii`). */
  latin1(): string {
    return this.buf.toString('latin1', 0, this.length);
  }
}
