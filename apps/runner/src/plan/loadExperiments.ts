import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RunnerError } from '../errors.js';
import type { Experiment } from '../types.js';
import { CodeDigester } from './codeDigest.js';
import { validateExperiment } from './schema.js';

/** An experiment found on disk: its definition, the file URL workers import, and its code digest. */
export interface LoadedExperiment {
  readonly definition: Experiment;
  readonly module: string;
  /** Digest of the module, the local modules it imports and the numcomp packages (part of run ids). */
  readonly code: string;
}

/**
 * Finds the experiments in a directory of compiled modules: every `*.js` file except `index.js` and
 * `_*.js` must default-export a definition. Imported at run time, never statically; sorted by
 * `order`, then id. Given ids whose modules are named after them (`learning-rate.js`), only those
 * modules are imported.
 *
 * @param dir - The directory (e.g. `experiments/dist`).
 * @param ids - The experiments wanted (default: all).
 * @returns The experiments.
 * @throws RunnerError `E_LOAD` for a missing directory or a module that fails to import or has no
 *   default export; `E_CONFIG` for an invalid definition or two experiments with one id.
 * @example
 * ```ts
 * const all = await loadExperiments('experiments/dist');
 * all.map((e) => e.definition.id); // ['overflow', 'conditioning', …]
 * ```
 */
export async function loadExperiments(dir: string, ids?: readonly string[]): Promise<LoadedExperiment[]> {
  const root = resolve(dir);
  let files: string[];
  try {
    if (!statSync(root).isDirectory()) throw new Error('not a directory');
    files = readdirSync(root)
      .filter((f) => f.endsWith('.js') && f !== 'index.js' && !f.startsWith('_'))
      .sort();
  } catch (e) {
    throw new RunnerError(
      'E_LOAD',
      `cannot read experiments directory ${root}: ${(e as Error).message} (run \`pnpm build\` first, or pass --experiments DIR)`,
      { path: '--experiments', value: root },
    );
  }
  // Asked for some ids, each in the file of its name: import only those (the others are not checked).
  ids = ids === undefined ? undefined : [...new Set(ids)];
  if (ids !== undefined && ids.length > 0 && ids.every((id) => files.includes(`${id}.js`))) {
    const some = await importAll(
      root,
      ids.map((id) => `${id}.js`),
    );
    if (some.every((e) => ids.includes(e.definition.id))) return some;
  }
  return importAll(root, files);
}

async function importAll(root: string, files: readonly string[]): Promise<LoadedExperiment[]> {
  const out: LoadedExperiment[] = [];
  const digester = new CodeDigester();
  const ids = new Map<string, string>();
  for (const f of files) {
    const url = pathToFileURL(join(root, f)).href;
    let mod: { default?: unknown };
    try {
      mod = (await import(url)) as { default?: unknown };
    } catch (e) {
      throw new RunnerError('E_LOAD', `cannot import ${f}: ${(e as Error).message}`, { path: f });
    }
    if (mod.default === undefined) {
      throw new RunnerError(
        'E_LOAD',
        `${f} has no default export (expected export default defineExperiment(...))`,
        {
          path: f,
        },
      );
    }
    let def: Experiment;
    try {
      def = validateExperiment(mod.default);
    } catch (e) {
      const err = e as RunnerError;
      throw new RunnerError(err.code, `${f}: ${err.message}`, { path: err.path ?? '', value: err.value });
    }
    const other = ids.get(def.id);
    if (other !== undefined) {
      throw new RunnerError('E_CONFIG', `invalid id: "${def.id}" (used by both ${other} and ${f})`, {
        path: 'id',
        value: def.id,
      });
    }
    ids.set(def.id, f);
    out.push({ definition: def, module: url, code: digester.digest(url) });
  }
  out.sort(
    (a, b) =>
      (a.definition.order ?? Number.POSITIVE_INFINITY) - (b.definition.order ?? Number.POSITIVE_INFINITY) ||
      (a.definition.id < b.definition.id ? -1 : a.definition.id > b.definition.id ? 1 : 0),
  );
  return out;
}
