// Where a sweep's files go: `<out>/<experiment>/results.jsonl` holds every run of the experiment (all
// its sweeps share and reuse them); each distinct sweep (its overrides) has its own folder
// `<out>/<experiment>/<sweep>/` with its page, summary.json and results.csv, as Hydra's multirun
// folders do; `<out>/<experiment>/index.html` lists the sweeps and `<out>/index.html` the experiments.
import { createHash } from 'node:crypto';
import { join } from 'node:path';

/** The folder name of a sweep: `default` without overrides, else a readable slug and a short hash. */
export function sweepName(overrides: readonly string[]): string {
  if (overrides.length === 0) return 'default';
  const text = overrides.join(' ');
  const slug = text
    .replace(/[^A-Za-z0-9.=,+-]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '')
    .slice(0, 60);
  const hash = createHash('sha256').update(JSON.stringify(overrides)).digest('hex').slice(0, 8);
  return `${slug}-${hash}`;
}

/** The paths of an experiment's files. */
export function layout(
  out: string,
  experiment: string,
  overrides: readonly string[],
): {
  readonly dir: string;
  readonly results: string;
  readonly sweep: string;
  readonly sweepDir: string;
} {
  const dir = join(out, experiment);
  const sweep = sweepName(overrides);
  return { dir, results: join(dir, 'results.jsonl'), sweep, sweepDir: join(dir, sweep) };
}
