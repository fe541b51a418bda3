// The git commit a sweep ran from, for its provenance.
import { execFile } from 'node:child_process';

/**
 * The commit of `git status --porcelain=v2 --branch --untracked-files=no`'s output: its first 12 hex
 * digits, `+dirty` when a tracked file differs from it; undefined before the first commit.
 */
export function commitOfStatus(status: string): string | undefined {
  const oid = /^# branch\.oid ([0-9a-f]{40,64})$/m.exec(status);
  if (oid === null) return undefined;
  const dirty = status.split('\n').some((line) => line !== '' && !line.startsWith('#'));
  return `${oid[1]!.slice(0, 12)}${dirty ? '+dirty' : ''}`;
}

/**
 * The git commit of the checkout at `cwd`, `+dirty` with changes to tracked files; undefined outside
 * git or without git. One child process (~20 ms of the caller's CPU to start on our VM: it asked two,
 * `rev-parse` and `status`, before), asked while the experiments load and plan.
 */
export function gitCommit(cwd: string): Promise<string | undefined> {
  return new Promise((done) => {
    execFile(
      'git',
      ['status', '--porcelain=v2', '--branch', '--untracked-files=no'],
      { cwd },
      (err, stdout) => done(err ? undefined : commitOfStatus(stdout)),
    );
  });
}
