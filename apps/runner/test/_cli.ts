// Helpers for the end-to-end tests: they spawn the compiled CLI (dist/cli/sweep.js), as `pnpm sweep` does.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../dist/cli/sweep.js', import.meta.url));
export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

if (!existsSync(CLI))
  throw new Error(`${CLI} is missing: build the runner first (tsc -p tsconfig.build.json)`);

export interface Exit {
  readonly code: number | null;
  /** The signal that ended the process, if one did. */
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Starts `node dist/cli/sweep.js ...args` in CI mode (plain progress lines). */
export function start(args: readonly string[]): { child: ChildProcess; done: Promise<Exit> } {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, CI: '1', INIT_CWD: undefined },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const done = new Promise<Exit>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

/** Runs the CLI to the end. */
export function sweep(...args: string[]): Promise<Exit> {
  return start(args).done;
}

const made: string[] = [];

/** A fresh temporary directory (removed by {@link cleanup}). */
export function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'numcomp-runner-'));
  made.push(d);
  return d;
}

/** Removes the temporary directories made so far. */
export function cleanup(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** The lines of a results file without their `time` field, sorted: what must not depend on threads or order. */
export function stable(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => {
      const r = JSON.parse(l) as Record<string, unknown>;
      delete r.time;
      // Where a line sits in the plan that wrote it (the store's, not the run's).
      delete r.plan;
      delete r.i;
      return JSON.stringify(r);
    })
    .sort();
}

/** Parsed records of a results file. */
export function records(file: string): Record<string, unknown>[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}
