// results.jsonl: the only state of a sweep. Lines are appended whole (one write per batch of lines);
// a torn last line (a write cut by a crash) is cut off when the file is opened again. A later line for
// an id supersedes an earlier one (a failed run that was re-run).
import { closeSync, existsSync, ftruncateSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { reviveNumbers } from './_json.js';
import { RunnerError } from './errors.js';
import type { RunRecord, RunStatus } from './types.js';

/** Statuses that a re-run runs again. */
export const FAILED: ReadonlySet<RunStatus> = new Set<RunStatus>(['error', 'timeout']);

/** One JSON line as a record (non-finite numbers revived), or `undefined` if it is damaged. */
export function parseLine(line: string): RunRecord | undefined {
  try {
    const r = JSON.parse(line) as RunRecord;
    if (line.includes('NaN"') || line.includes('Infinity"')) reviveNumbers(r);
    return typeof r.id === 'string' ? r : undefined;
  } catch {
    return undefined;
  }
}

/** Parses JSON lines into `into` (later lines for an id win); a damaged line is skipped. */
export function parseLines(text: string, into: Map<string, RunRecord>): Map<string, RunRecord> {
  let start = 0;
  for (;;) {
    const end = text.indexOf('\n', start);
    if (end < 0) break;
    if (end > start) {
      const r = parseLine(text.slice(start, end));
      if (r !== undefined) into.set(r.id, r);
    }
    start = end + 1;
  }
  return into;
}

/** Reads every complete, parseable line of a results file into `into` (a new map by default). */
export function readRecords(path: string, into = new Map<string, RunRecord>()): Map<string, RunRecord> {
  if (!existsSync(path)) return into;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new RunnerError('E_IO', `cannot read ${path}: ${(e as Error).message}`);
  }
  return parseLines(text, into);
}

/** An open results file, for appending. */
export class ResultsFile {
  private fd: number;
  readonly path: string;

  /**
   * Opens (creating directories) for appending; `fresh` empties the file first. A torn last line is
   * cut off so that the next append starts on a fresh line. Every write appends (O_APPEND), so that
   * workers may append whole batches to the same file (see {@link appendLines}).
   */
  constructor(path: string, fresh: boolean) {
    this.path = path;
    try {
      mkdirSync(dirname(path), { recursive: true });
      if (fresh) closeSync(openSync(path, 'w'));
      this.fd = openSync(path, 'a+');
      if (!fresh) repairTail(this.fd, path);
    } catch (e) {
      if (e instanceof RunnerError) throw e;
      throw new RunnerError('E_IO', `cannot open ${path}: ${(e as Error).message}`);
    }
  }

  /** Appends whole lines (the text ends in a newline) with as few writes as the OS needs. */
  append(text: string): void {
    writeAll(this.fd, text);
  }

  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }
}

function writeAll(fd: number, text: string): void {
  if (text === '') return;
  const buf = Buffer.from(text, 'utf8');
  let off = 0;
  while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
}

/**
 * Appends whole lines to a results file that a {@link ResultsFile} holds open (a worker's batch:
 * one write, O_APPEND, so batches of several threads never mix).
 */
export function appendLines(path: string, text: string): void {
  const fd = openSync(path, 'a');
  try {
    writeAll(fd, text);
  } finally {
    closeSync(fd);
  }
}

function repairTail(fd: number, path: string): void {
  const text = readFileSync(path);
  if (text.length === 0 || text[text.length - 1] === 0x0a) return;
  const last = text.lastIndexOf(0x0a);
  ftruncateSync(fd, last + 1);
}
