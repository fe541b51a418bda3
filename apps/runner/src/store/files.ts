// File-system faults as runner errors, and derived files written atomically (a temp file, then a
// rename), so that a crash or a full disk never leaves a half-written summary, CSV or page behind.
import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { RunnerError } from '../errors.js';

const CAUSES: Readonly<Record<string, string>> = {
  ENOSPC: 'no space left on the device',
  EFBIG: 'file too large (over the file size limit, see ulimit -f)',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  EDQUOT: 'disk quota exceeded',
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a parent is not a directory',
  EISDIR: 'is a directory',
  EMFILE: 'too many open files',
  EIO: 'input/output error',
};

/**
 * An `E_IO` runner error naming the path and the real cause (`ENOSPC: no space left on the device`).
 *
 * @param e - The error a file operation threw.
 * @param what - What was being done, e.g. `cannot write`.
 * @param path - The file.
 * @returns The runner error (a RunnerError passes through).
 */
export function ioError(e: unknown, what: string, path: string): RunnerError {
  if (e instanceof RunnerError) return e;
  const code = (e as NodeJS.ErrnoException)?.code;
  const cause =
    code !== undefined
      ? `${code}: ${CAUSES[code] ?? (e as Error).message}`
      : String((e as Error)?.message ?? e);
  return new RunnerError('E_IO', `${what} ${path}: ${cause}`, { path, value: code });
}

/** Runs a file operation, turning what it throws into {@link ioError}. */
export function io<T>(what: string, path: string, op: () => T): T {
  try {
    return op();
  } catch (e) {
    throw ioError(e, what, path);
  }
}

/** Writes a whole buffer to a file descriptor (writeSync may write less than asked). */
export function writeAll(fd: number, data: Uint8Array): void {
  let off = 0;
  while (off < data.length) off += writeSync(fd, data, off, data.length - off);
}

/**
 * A file written atomically: chunks go to `.<name>.<pid>.tmp` beside it, and `commit` renames it
 * over the target; `abort` (or any error) removes the temp file and leaves the target as it was.
 */
export class AtomicFile {
  readonly path: string;
  private readonly tmp: string;
  private fd: number;
  /** Bytes not yet written: one 1 MiB buffer, written when full (one syscall per MiB, whatever the rows). */
  private readonly buf = Buffer.allocUnsafe(1 << 20);
  private used = 0;

  constructor(path: string) {
    this.path = path;
    this.tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
    this.fd = io('cannot write', path, () => openSync(this.tmp, 'w'));
  }

  /** Appends text (UTF-8). */
  write(text: string): void {
    // A UTF-16 unit takes at most 3 bytes of UTF-8.
    if (this.used + 3 * text.length > this.buf.length) {
      this.flush();
      if (3 * text.length > this.buf.length) {
        this.put(Buffer.from(text, 'utf8'));
        return;
      }
    }
    this.used += this.buf.write(text, this.used, 'utf8');
  }

  /** Appends bytes (from `start` to `end`, by default all of them). */
  writeBytes(bytes: Uint8Array, start = 0, end = bytes.length): void {
    const n = end - start;
    if (this.used + n > this.buf.length) {
      this.flush();
      if (n > this.buf.length) {
        this.put(bytes.subarray(start, end));
        return;
      }
    }
    if (n < 512) for (let i = 0; i < n; i++) this.buf[this.used + i] = bytes[start + i]!;
    else this.buf.set(bytes.subarray(start, end), this.used);
    this.used += n;
  }

  private put(bytes: Uint8Array): void {
    try {
      writeAll(this.fd, bytes);
    } catch (e) {
      this.abort();
      throw ioError(e, 'cannot write', this.path);
    }
  }

  private flush(): void {
    if (this.used === 0) return;
    const n = this.used;
    this.used = 0;
    this.put(this.buf.subarray(0, n));
  }

  /** Flushes, syncs and renames the temp file over the target. */
  commit(): void {
    this.flush();
    try {
      fsyncSync(this.fd);
      closeSync(this.fd);
      this.fd = -1;
      renameSync(this.tmp, this.path);
    } catch (e) {
      this.abort();
      throw ioError(e, 'cannot write', this.path);
    }
  }

  /** Drops the temp file. */
  abort(): void {
    if (this.fd >= 0) {
      try {
        closeSync(this.fd);
      } catch {
        // already closed
      }
      this.fd = -1;
    }
    rmSync(this.tmp, { force: true });
  }
}

/**
 * Writes a whole file atomically.
 *
 * @param path - The target.
 * @param text - Its content.
 * @example
 * ```ts
 * writeFileAtomic('reports/demo/summary.json', '{}\n');
 * ```
 */
export function writeFileAtomic(path: string, text: string): void {
  const f = new AtomicFile(path);
  f.write(text);
  f.commit();
}

/**
 * Removes the temp files of {@link AtomicFile}s in `dir` whose process is gone (a sweep killed while
 * writing its CSV leaves one, as large as the CSV).
 *
 * @returns The files removed.
 */
export function removeStaleTemps(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const removed: string[] = [];
  for (const name of readdirSync(dir)) {
    const m = /^\..+\.(\d+)\.tmp$/.exec(name);
    if (m === null) continue;
    const pid = Number(m[1]);
    let alive = pid === process.pid;
    if (!alive) {
      try {
        process.kill(pid, 0);
        alive = true;
      } catch (e) {
        alive = (e as NodeJS.ErrnoException).code === 'EPERM';
      }
    }
    if (alive) continue;
    rmSync(join(dir, name), { force: true });
    removed.push(name);
  }
  return removed;
}
