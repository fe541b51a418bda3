// The code a run's result depends on, as one short digest that is part of every run id: the compiled
// experiment module with the local modules it imports, and the numcomp packages it runs on (their
// version and the content of their compiled files). Editing an objective, or upgrading
// @numcomp/optimizers, gives new ids: the runs run again instead of reusing stale results.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const LOCAL_IMPORT =
  /(?:import|export)\s[^'"]*?from\s*['"](\.\.?\/[^'"]+)['"]|import\(\s*['"](\.\.?\/[^'"]+)['"]\s*\)/g;

/** The files of a module and of the relative modules it imports, transitively (sorted, each once). */
function moduleFiles(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return seen;
  }
  for (const m of text.matchAll(LOCAL_IMPORT)) moduleFiles(resolve(dirname(file), m[1] ?? m[2]!), seen);
  return seen;
}

function filesUnder(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) filesUnder(p, out);
    else if (/\.(js|ts|mjs)$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/**
 * The digest of a numcomp package: its name, version and the content of the files beside its entry
 * (its compiled `dist`, or its `src` when the tests read source).
 */
function packageDigest(name: string, entry: string): string {
  const dir = dirname(fileURLToPath(entry));
  const h = createHash('sha256');
  let root = dir;
  while (!statSync(join(root, 'package.json'), { throwIfNoEntry: false })) root = dirname(root);
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: string };
  h.update(`${name}@${pkg.version ?? '?'}\n`);
  for (const f of filesUnder(dir).sort()) h.update(f.slice(dir.length)).update('\0').update(readFileSync(f));
  return h.digest('hex');
}

/** What every run depends on besides its module, computed once per process. */
export class CodeDigester {
  private packages: string | undefined;

  /**
   * @param resolveEntry - Resolves a package name to its entry URL (default `import.meta.resolve`).
   */
  constructor(private readonly resolveEntry: (name: string) => string = (n) => import.meta.resolve(n)) {}

  private packagesDigest(): string {
    this.packages ??= ['@numcomp/core', '@numcomp/optimizers']
      .map((n) => packageDigest(n, this.resolveEntry(n)))
      .join('\n');
    return this.packages;
  }

  /**
   * The code digest of an experiment module: 12 hex digits.
   *
   * @param moduleUrl - The module's file URL.
   * @returns The digest.
   * @example
   * ```ts
   * new CodeDigester().digest(pathToFileURL('experiments/dist/learning-rate.js').href); // e.g. '3fa91c02d4e7'
   * ```
   */
  digest(moduleUrl: string): string {
    const h = createHash('sha256');
    h.update(this.packagesDigest());
    const main = fileURLToPath(moduleUrl);
    for (const f of [...moduleFiles(main)].sort()) {
      h.update(`\n${f === main ? '.' : f.slice(dirname(main).length)}\n`);
      try {
        h.update(readFileSync(f));
      } catch {
        h.update('(missing)');
      }
    }
    return h.digest('hex').slice(0, 12);
  }
}
