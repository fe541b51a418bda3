#!/usr/bin/env node
// `pnpm sweep` / `pnpm sweep:worker`: build what changed (turbo, cached, silent unless it fails), then
// start the runner's CLI with the user's arguments, forward SIGINT / SIGTERM to it, and hand back its
// exit code. No turbo banner and no log prefix (pnpm still echoes the command).
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const [entry, ...args] = process.argv.slice(2);
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1' };
const build = spawnSync('pnpm', ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only'], {
  cwd: root,
  env,
  encoding: 'utf8',
});
if (build.status !== 0) {
  process.stderr.write(`${build.stdout ?? ''}${build.stderr ?? ''}error: the build failed (above)\n`);
  process.exit(build.status ?? 1);
}
const cli = fileURLToPath(new URL(`../../apps/runner/dist/cli/${entry}.js`, import.meta.url));
const child = spawn(process.execPath, [cli, ...args], { stdio: 'inherit', env: process.env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal === 'SIGINT' ? 130 : 143)));
