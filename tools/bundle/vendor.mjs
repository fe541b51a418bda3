#!/usr/bin/env node
// `node ../../tools/bundle/vendor.mjs`, run in a package after `tsc`: bundles each dependency the package
// imports through a `#name` subpath import whose `default` is `./dist/vendor/NAME.js` (package.json
// "imports") into that one file, from the target of its "@numcomp/source" condition (what tests and
// types use): a bare package name (all of it), or the package's own `./src/….ts` module that re-exports
// the parts it uses (bundled from its tsc output under `dist/`, so only those parts and what they need).
//
// Why: Node 20 resolves, reads, compiles and links each ES module on its own, and compiles the whole of
// each file it loads. zod 4 is ~20 modules behind pnpm's symlinks: importing it took ~120 ms as modules,
// ~60 ms as one file (656 kB, every locale) and ~25 ms as the builders the runner uses (190 kB, fresh
// processes), on the path of every `pnpm sweep` before its first run.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { rolldown } from 'rolldown';

const dir = resolve(process.argv[2] ?? '.');
const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
const entries = Object.entries(manifest.imports ?? {}).flatMap(([key, target]) => {
  const out =
    typeof target === 'object' ? /^\.\/dist\/vendor\/([\w-]+)\.js$/.exec(target.default ?? '') : null;
  const from = typeof target === 'object' ? target['@numcomp/source'] : undefined;
  if (!out || typeof from !== 'string') return [];
  if (!from.startsWith('.')) return [{ key, name: out[1], from }];
  // The package's own module: its tsc output (`./src/x.ts` → `./dist/x.js`, as tsconfig.build.json's
  // rootDir and outDir place it).
  const built = /^\.\/src\/([\w/-]+)\.ts$/.exec(from);
  if (!built) throw new Error(`${manifest.name}: ${key}: "@numcomp/source" ${from} is not ./src/….ts`);
  return [{ key, name: out[1], from: join(dir, 'dist', `${built[1]}.js`) }];
});
if (entries.length === 0) throw new Error(`${manifest.name}: no import's default is ./dist/vendor/NAME.js`);

rmSync(join(dir, 'dist/vendor'), { recursive: true, force: true });
for (const { key, name, from } of entries) {
  // An entry that re-exports the dependency, resolved as the package resolves it (its own version,
  // through pnpm's links, ES conditions).
  const entry = join(dir, 'dist/vendor', `_${name}-entry.mjs`);
  mkdirSync(join(dir, 'dist/vendor'), { recursive: true });
  writeFileSync(entry, `export * from ${JSON.stringify(from)};\n`);
  const bundle = await rolldown({
    input: entry,
    platform: 'node',
    logLevel: 'warn',
    onLog(level, log) {
      throw new Error(`${manifest.name}: ${key} (${from}): rolldown ${level}: ${log.message}`);
    },
  });
  await bundle.write({ file: join(dir, 'dist/vendor', `${name}.js`), format: 'esm' });
  await bundle.close();
  rmSync(entry);
}
