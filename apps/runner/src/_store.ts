// results.jsonl: the only state of a sweep. Lines are appended whole (one write per batch of lines);
// a torn last line (a write cut by a crash) is cut off when the file is opened again. A later line for
// an id supersedes an earlier one (a failed run that was re-run).
import { closeSync, existsSync, ftruncateSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { RunnerError } from './errors.js';
import { reviveNumbers } from './_json.js';
import type { RunRecord, RunStatus } from './types.js';

/** What a re-run needs to know of a recorded run. */
export interface RecordedRun {
  readonly status: RunStatus;
  readonly trajectory: boolean;
}

/** Statuses that a re-run runs again. */
export const FAILED: ReadonlySet<RunStatus> = new Set<RunStatus>(['error', 'timeout']);

/** Reads every parseable line (a torn or corrupt line is skipped). Later lines for an id win. */
export function readRecords(path: string): Map<string, RunRecord> {
  const out = new Map<string, RunRecord>();
  if (!existsSync(path)) return out;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new RunnerError('E_IO', `cannot read ${path}: ${(e as Error).message}`);
  }
  let start = 0;
  for (;;) {
    const end = text.indexOf('\n', start);
    if (end < 0) break;
    if (end > start) {
      try {
        const line = text.slice(start, end);
        const r = JSON.parse(line) as RunRecord;
        if (line.includes('NaN"') || line.includes('Infinity"')) reviveNumbers(r);
        if (typeof r.id === 'string') out.set(r.id, r);
      } catch {
        // a damaged line: the run is simply not recorded
      }
    }
    start = end + 1;
  }
  return out;
}

const HEAD = /^\{"id":"([0-9a-f]+)","status":"([a-z-]+)",/;

/**
 * What a re-run needs of each recorded id (its status, whether it has a trajectory), without parsing
 * every line: lines the runner wrote start with `{"id":"…","status":"…",`; anything else is parsed.
 */
export function scanRecorded(path: string): Map<string, RecordedRun> {
  const out = new Map<string, RecordedRun>();
  if (!existsSync(path)) return out;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new RunnerError('E_IO', `cannot read ${path}: ${(e as Error).message}`);
  }
  let start = 0;
  for (;;) {
    const end = text.indexOf('\n', start);
    if (end < 0) break;
    const line = text.slice(start, end);
    start = end + 1;
    if (line.length < 2 || line[line.length - 1] !== '}') continue;
    const m = HEAD.exec(line);
    if (m) {
      out.set(m[1]!, { status: m[2] as RunStatus, trajectory: line.includes('"trajectory":{') });
      continue;
    }
    try {
      const r = JSON.parse(line) as RunRecord;
      if (typeof r.id === 'string') out.set(r.id, { status: r.status, trajectory: r.trajectory !== undefined });
    } catch {
      // a damaged line: the run is simply not recorded
    }
  }
  return out;
}

/** An open results file, for appending. */
export class ResultsFile {
  private fd: number;
  readonly path: string;

  /**
   * Opens (creating directories) for appending; `fresh` empties the file first. A torn last line is
   * cut off so that the next append starts on a fresh line.
   */
  constructor(path: string, fresh: boolean) {
    this.path = path;
    try {
      mkdirSync(dirname(path), { recursive: true });
      this.fd = openSync(path, fresh ? 'w+' : 'a+');
      if (!fresh) repairTail(this.fd, path);
    } catch (e) {
      if (e instanceof RunnerError) throw e;
      throw new RunnerError('E_IO', `cannot open ${path}: ${(e as Error).message}`);
    }
  }

  /** Appends whole lines (the text ends in a newline) with as few writes as the OS needs. */
  append(text: string): void {
    if (text === '') return;
    const buf = Buffer.from(text, 'utf8');
    let off = 0;
    while (off < buf.length) off += writeSync(this.fd, buf, off, buf.length - off);
  }

  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }
}

function repairTail(fd: number, path: string): void {
  const text = readFileSync(path);
  if (text.length === 0 || text[text.length - 1] === 0x0a) return;
  const last = text.lastIndexOf(0x0a);
  ftruncateSync(fd, last + 1);
}
