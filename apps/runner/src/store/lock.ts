// One coordinator per output directory: `<out>/.numcomp.lock` holds the pid and host of the sweep
// that owns it. A second sweep on the same directory stops with exit 2; a lock left by a process
// that is gone (same host, pid not running) is taken over with a warning.
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { RunnerError } from '../errors.js';
import { io, ioError } from './files.js';

interface LockInfo {
  readonly pid: number;
  readonly host: string;
  readonly started: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A held lock on an output directory. */
export interface DirLock {
  readonly path: string;
  /** Removes the lock file (idempotent). */
  release(): void;
}

/**
 * Takes the lock of an output directory (creating the directory).
 *
 * @param dir - The output directory.
 * @param warn - Where a takeover of a stale lock is reported.
 * @returns The lock; release it when the sweep ends.
 * @throws RunnerError `E_LOCKED` (exit 2) when a live sweep holds it.
 */
export function lockDir(dir: string, warn: (message: string) => void): DirLock {
  io('cannot create', dir, () => mkdirSync(dir, { recursive: true }));
  // Generated files are never source: a reports directory inside a repository ignores itself (git,
  // and the linters that read .gitignore), as tool caches do.
  const ignore = join(dir, '.gitignore');
  if (!existsSync(ignore))
    io('cannot write', ignore, () => writeFileSync(ignore, '# written by numcomp: generated reports\n*\n'));
  const path = join(dir, '.numcomp.lock');
  const me: LockInfo = { pid: process.pid, host: hostname(), started: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, 'wx');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw ioError(e, 'cannot create', path);
      let other: LockInfo | undefined;
      try {
        other = JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
      } catch {
        other = undefined; // torn or empty: the writer died before finishing it
      }
      const stale =
        other === undefined || (other.host === me.host && other.pid !== me.pid && !alive(other.pid));
      if (!stale) {
        throw new RunnerError(
          'E_LOCKED',
          `${dir} is in use by another sweep (pid ${other!.pid} on ${other!.host}, since ${other!.started}): ` +
            `wait for it, or use another --out` +
            (other!.host === me.host ? '' : ` (if that sweep is gone, delete ${path})`),
          { path, value: other },
        );
      }
      warn(
        `taking over a stale lock ${path}` +
          (other === undefined ? ' (unreadable)' : ` (pid ${other.pid} on ${other.host} is gone)`),
      );
      rmSync(path, { force: true });
      continue;
    }
    try {
      writeSync(fd, `${JSON.stringify(me)}\n`);
    } finally {
      closeSync(fd);
    }
    let held = true;
    return {
      path,
      release(): void {
        if (!held) return;
        held = false;
        try {
          const now = JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
          if (now.pid === me.pid && now.host === me.host) rmSync(path, { force: true });
        } catch {
          // gone already
        }
      },
    };
  }
  throw new RunnerError('E_LOCKED', `cannot take the lock ${path}: another sweep keeps taking it`, { path });
}
