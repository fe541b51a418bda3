// Docs true to the code: every `pnpm sweep` command in a README plans as shown (quoted as a shell
// reads it), checked with --dry-run so that nothing runs.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, sweep, tmp } from './_cli.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const READMES = ['README.md', 'apps/runner/README.md', 'experiments/README.md'];

/** Shell words of a command line (single and double quotes, no expansions), comment dropped. */
function words(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | undefined;
  let any = false;
  for (const ch of line) {
    if (quote) {
      if (ch === quote) quote = undefined;
      else cur += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      any = true;
    } else if (ch === '#' && cur === '' && !any) break;
    else if (/\s/.test(ch)) {
      if (cur !== '' || any) out.push(cur);
      cur = '';
      any = false;
    } else cur += ch;
  }
  if (cur !== '' || any) out.push(cur);
  return out;
}

function commands(): [string, string][] {
  const out: [string, string][] = [];
  for (const f of READMES) {
    let inSh = false;
    for (const line of readFileSync(`${root}${f}`, 'utf8').split('\n')) {
      if (line.startsWith('```')) inSh = line.startsWith('```sh') && !inSh;
      else if (inSh && /^pnpm sweep(\s|$)/.test(line.trim())) out.push([f, line.trim()]);
    }
  }
  return out;
}

describe('README commands (end to end, --dry-run)', { timeout: 120_000 }, () => {
  afterAll(cleanup);
  const found = commands();

  it('the READMEs show pnpm sweep commands', () => {
    expect(found.length).toBeGreaterThan(8);
  });

  it.each(found)('%s: %s', async (_file, line) => {
    const w = words(line);
    expect(w.slice(0, 2)).toEqual(['pnpm', 'sweep']);
    const args = w.slice(2).filter((a) => a !== '--out' && !a.startsWith('my-reports') && a !== '/tmp/r');
    if (args.includes('--executor') || args.includes('--list') || args.includes('--help')) return;
    const r = await sweep(...args, '--dry-run', '--out', tmp());
    expect([line, r.code, r.stderr]).toEqual([line, 0, '']);
    expect(r.stdout).toMatch(/: \d+ runs/);
  });
});
