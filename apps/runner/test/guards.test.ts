// Behaviour that users rely on and that the redesign must keep: held end to end through the compiled CLI.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, cleanup, FIXTURES, records, sweep, tmp } from './_cli.ts';

const guards = ['--experiments', join(FIXTURES, 'guards')];

describe('guards (end to end)', { timeout: 60_000 }, () => {
  afterAll(cleanup);

  it('a dry run times a few runs and estimates the time and the disk; a sweep larger than the disk is refused', async () => {
    const out = tmp();
    const dry = await sweep(...guards, 'paths', 'quotes', '--dry-run', '--out', out);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(
      /^paths: 30 runs \(swept: x0\); about \d+ m?s on \d+ threads? and \d+ kB on disk \(timed on \d+ runs?\)$/m,
    );
    const wide = await sweep(...guards, 'wide', '--out', out);
    expect(wide.code).toBe(2);
    expect(wide.stderr).toMatch(
      /wide: 1000000 runs: about .* and 1\.\d+ TB|not enough disk for this sweep: it writes about \d+(\.\d)? (TB|GB)/,
    );
    expect(wide.stderr).toContain('not enough disk for this sweep');
    expect(existsSync(join(out, 'wide'))).toBe(false);
  });

  it('a write cut by the file size limit names the cause, keeps whole lines, writes no report; the next sweep resumes', async () => {
    const out = tmp();
    // 300 KiB: the learning-rate sweep writes ~1 MB of results.jsonl.
    const cut = spawnSync(
      'bash',
      [
        '-c',
        `ulimit -f 300; exec "${process.execPath}" "${CLI}" --experiments "${join(FIXTURES, 'suite')}" sphere-lr 'lr=logspace(-3,0,400)' 'x0=pointsGrid([[-4,4],[-4,4]],6)' --out "${out}" --threads 2`,
      ],
      {
        encoding: 'utf8',
      },
    );
    expect(cut.stderr).toContain('EFBIG: file too large');
    expect(cut.status).toBe(1);
    const file = join(out, 'sphere-lr', 'results.jsonl');
    const text = readFileSync(file, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const kept = text.split('\n').filter(Boolean);
    for (const line of kept) expect(() => JSON.parse(line)).not.toThrow();
    expect(kept.length).toBeGreaterThan(100);
    expect(existsSync(join(out, 'sphere-lr', 'index.html'))).toBe(false);
    const again = await sweep(
      '--experiments',
      join(FIXTURES, 'suite'),
      'sphere-lr',
      'lr=logspace(-3,0,400)',
      'x0=pointsGrid([[-4,4],[-4,4]],6)',
      '--out',
      out,
    );
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(
      `sphere-lr: 14400 runs (${14400 - kept.length} new, ${kept.length} reused)`,
    );
  });

  it('results.csv quotes cells with commas, quotes or newlines, doubling each "', async () => {
    const out = tmp();
    const r = await sweep(...guards, 'quotes', '--out', out, '--threads', '1');
    expect(r.code).toBe(0);
    const csv = readFileSync(join(out, 'quotes', 'default', 'results.csv'), 'utf8');
    expect(csv).toContain(',"a,b",');
    expect(csv).toContain(',"say ""hi""",');
    expect(csv).toContain(',"two\nlines",');
    expect(csv).toMatch(/,plain,/);
  });

  it('a recorded run without the trajectory a plot now needs is run again, with it', async () => {
    const out = tmp();
    // All 30 runs, 4 of them (evenly chosen) with a trajectory.
    const first = await sweep(...guards, 'paths', '--out', out, '--threads', '1');
    expect(first.code).toBe(0);
    const file = join(out, 'paths', 'results.jsonl');
    const all = records(file);
    expect(all).toHaveLength(30);
    const traced = all.filter((x) => x.trajectory !== undefined);
    expect(traced).toHaveLength(4);
    const bare = all.find((x) => x.trajectory === undefined)!;
    const x0 = JSON.stringify(findX0(bare));
    // A sweep of that one start: the contour plot now draws it, so it runs again with its trajectory.
    const again = await sweep(...guards, 'paths', `x0=${x0}`, '--out', out, '--threads', '1');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/paths: 1 runs \(1 new, 0 reused\)/);
    const latest = records(file).filter((x) => x.id === bare.id);
    expect(latest).toHaveLength(2);
    expect(latest[1]!.trajectory).toBeDefined();
    expect(latest[1]!.x).toEqual(bare.x);
    // And a third sweep reuses it.
    const third = await sweep(...guards, 'paths', `x0=${x0}`, '--out', out, '--threads', '1');
    expect(third.stdout).toMatch(/paths: 1 runs \(0 new, 1 reused\)/);
  });
});

function findX0(r: Record<string, unknown>): number[] {
  return (r.params as { x0: number[] }).x0;
}

describe('run ids cover the code (end to end)', { timeout: 60_000 }, () => {
  afterAll(cleanup);

  it('editing an objective re-runs its runs and says so; the unchanged module reuses them', async () => {
    // A copy of a fixture inside the package (so that it resolves @numcomp/runner/experiment).
    const dir = join(FIXTURES, '..', '.scratch', `code-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    try {
      const file = join(dir, 'paths.js');
      const source = readFileSync(join(FIXTURES, 'guards', 'paths.js'), 'utf8');
      writeFileSync(file, source);
      const out = tmp();
      const args = ['--experiments', dir, 'paths', '--out', out, '--threads', '1'];
      const first = await sweep(...args);
      expect(first.stdout).toContain('paths: 30 runs (30 new, 0 reused)');
      expect((await sweep(...args)).stdout).toContain('paths: 30 runs (0 new, 30 reused)');
      const booth = source.replace("objective: 'sphere'", "objective: 'booth'");
      writeFileSync(file, booth);
      const edited = await sweep(...args);
      expect(edited.stdout).toContain('paths: 30 runs (30 new, 0 reused)');
      // Same params, new code: every run is one that was recorded under the old code.
      writeFileSync(file, `${booth}\n// a comment is code too\n`);
      const again = await sweep(...args);
      expect(again.stderr).toContain('paths: experiment code changed since the last sweep: 30 runs re-run');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('limits (end to end)', { timeout: 60_000 }, () => {
  afterAll(cleanup);
  const suite = ['--experiments', join(FIXTURES, 'suite')];

  it.each([
    [
      ['sphere-lr', 'lr=logspace(-3,0,20000)', 'x0=pointsGrid([[-4,4],[-4,4]],1000)'],
      /the sweep has 2\.00e10 runs \(lr: 20000 × x0: 1000000\), more than --max-runs 20000000: shrink an axis, or raise the cap with --max-runs N/,
    ],
    [
      ['sphere-lr', 'x0=pointsGrid([[-4,4],[-4,4]],10000)'],
      /10000 × 10000 = 100000000 points; at most 1000000 points in one axis/,
    ],
    [['sphere-lr', 'lr=logspace(0,1,1e9)'], /expected an integer from 1 to 10000000/],
    [['sphere-lr', 'lr=0.1,0.2', '--max-runs', '3'], /the sweep has 4 runs .* more than --max-runs 3/],
    [['sphere-lr', '--timeout', '-5'], /invalid --timeout: "-5" \(expected an integer >= 1\)/],
    [
      ['sphere-lr', 'objective=rosenbrok'],
      /invalid override objective: "rosenbrok" \(unknown objective; did you mean rosenbrock\?/,
    ],
    [
      ['--threads', '1000'],
      /invalid --threads: "1000" \(expected an integer from 1 to \d+ \(at most 4 × the \d+ cores/,
    ],
    [['--out', ''], /invalid --out: "" \(expected a directory path\)/],
  ])('%j exits 2 at once, naming the limit, and writes nothing', async (args, message) => {
    const out = join(tmp(), 'reports');
    const t0 = Date.now();
    const r = await sweep(...suite, ...(args.includes('--out') ? [] : ['--out', out]), ...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(existsSync(out)).toBe(false);
    expect(Date.now() - t0).toBeLessThan(20_000);
  });

  it('a long list of values parses without overflowing the stack', async () => {
    const out = join(tmp(), 'reports');
    const r = await sweep(
      ...suite,
      'sphere-lr',
      'lr=linspace(0.1,1,130000)',
      'x0=[1,1]',
      'maxIter=0',
      '--out',
      out,
    );
    expect(r.stderr).not.toMatch(/Maximum call stack/);
    expect(r.code).toBe(0);
  });
});
