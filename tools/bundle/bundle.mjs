#!/usr/bin/env node
// `node ../../tools/bundle/bundle.mjs`, run in a package after `tsc`: bundles tsc's output into one
// module per export under `dist/bundle/` (code two exports share goes into one chunk, so each module
// has one instance), with every bare import (other packages, `node:`) left external.
//
// Why: Node 20 resolves, reads, compiles and links each ES module on its own, ~0.6 ms apiece here.
// @numcomp/core is 58 modules and @numcomp/optimizers 48, loaded by the CLI and again by every worker
// thread: importing core took 60 ms as modules and 23 ms as one bundle (fresh processes, 5 each).
//
// The entries come from package.json: each export whose `default` is `./dist/bundle/NAME.js` is built
// from the tsc output next to its `types` (`./dist/x/index.d.ts` → `./dist/x/index.js`).
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { rolldown } from 'rolldown';

const dir = resolve(process.argv[2] ?? '.');
const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
const input = {};
for (const [key, target] of Object.entries(manifest.exports ?? {})) {
  const out =
    typeof target === 'object' ? /^\.\/dist\/bundle\/([\w-]+)\.js$/.exec(target.default ?? '') : null;
  if (!out) continue;
  if (typeof target.types !== 'string' || !target.types.endsWith('.d.ts')) {
    throw new Error(`${manifest.name}: export ${key} has no ./dist/….d.ts types to find its tsc output by`);
  }
  input[out[1]] = join(dir, target.types.replace(/\.d\.ts$/, '.js'));
}
if (Object.keys(input).length === 0) {
  throw new Error(`${manifest.name}: no export's default is ./dist/bundle/NAME.js`);
}

rmSync(join(dir, 'dist/bundle'), { recursive: true, force: true });
const bundle = await rolldown({
  input,
  // Relative and absolute ids are this package's own modules; everything else is a dependency.
  external: (id) => !id.startsWith('.') && !id.startsWith('/'),
  logLevel: 'warn',
  onLog(level, log) {
    throw new Error(`${manifest.name}: rolldown ${level}: ${log.message}`);
  },
});
await bundle.write({
  dir: join(dir, 'dist/bundle'),
  format: 'esm',
  entryFileNames: '[name].js',
  chunkFileNames: '_[name]-[hash].js',
});
await bundle.close();
