import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commitOfStatus, gitCommit } from '../src/cli/gitCommit.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'numcomp-git-'));
  dirs.push(d);
  return d;
}
const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@t',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@t',
    },
  }).trim();

describe('gitCommit: the provenance commit', () => {
  it('is HEAD’s first 12 digits, +dirty once a tracked file changes (staged or not), not for untracked files', async () => {
    const d = tmp();
    git(d, '-c', 'init.defaultBranch=main', 'init', '-q');
    expect(await gitCommit(d)).toBeUndefined(); // no commit yet
    writeFileSync(join(d, 'a.txt'), 'a\n');
    git(d, 'add', 'a.txt');
    git(d, 'commit', '-qm', 'first');
    const head = git(d, 'rev-parse', '--short=12', 'HEAD');
    expect(head).toMatch(/^[0-9a-f]{12}$/);
    expect(await gitCommit(d)).toBe(head);
    writeFileSync(join(d, 'untracked.txt'), 'u\n');
    expect(await gitCommit(d)).toBe(head);
    writeFileSync(join(d, 'a.txt'), 'b\n');
    expect(await gitCommit(d)).toBe(`${head}+dirty`);
    git(d, 'add', 'a.txt');
    expect(await gitCommit(d)).toBe(`${head}+dirty`);
    git(d, 'commit', '-qm', 'second');
    const next = git(d, 'rev-parse', '--short=12', 'HEAD');
    expect(next).not.toBe(head);
    expect(await gitCommit(d)).toBe(next);
  });

  it('is undefined outside a checkout', async () => {
    const d = tmp();
    // A directory git does not take for a repository, even if the temp dir sits in one.
    writeFileSync(join(d, '.git'), 'gitdir: /nonexistent\n');
    expect(await gitCommit(d)).toBeUndefined();
  });

  it('reads status output of either hash length, and ignores the other header lines', () => {
    const sha1 = 'a'.repeat(40);
    const sha256 = `${'b'.repeat(63)}c`;
    expect(commitOfStatus(`# branch.oid ${sha1}\n# branch.head main\n`)).toBe('aaaaaaaaaaaa');
    expect(
      commitOfStatus(
        `# branch.oid ${sha256}\n# branch.head (detached)\n1 .M N... 100644 100644 100644 x y a\n`,
      ),
    ).toBe('bbbbbbbbbbbb+dirty');
    expect(commitOfStatus('# branch.oid (initial)\n# branch.head main\n')).toBeUndefined();
    expect(commitOfStatus('')).toBeUndefined();
  });
});
