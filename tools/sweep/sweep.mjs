#!/usr/bin/env node
// `pnpm sweep` / `pnpm sweep:worker`: build what changed (turbo, cached, silent unless it fails), then
// start the runner's CLI with the user's arguments, forward SIGINT / SIGTERM to it, and hand back its
// exit code. No turbo banner and no log prefix (pnpm still echoes the command).
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const [entry, ...args] = process.argv.slice(2);
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1' };
/**
 * turbo's own binary (`@turbo/<os>-<arch>`, which the `turbo` package depends on for this machine), as
 * turbo's `bin/turbo` finds it; `pnpm exec turbo` when it cannot be found. Started through `pnpm exec`,
 * turbo cost two more Node start-ups (pnpm's and turbo's own launcher): 0.28 s against 0.10 s here for a
 * build with nothing to do, on every `pnpm sweep`.
 */
function turbo() {
  const os = { linux: 'linux', darwin: 'darwin', win32: 'windows' }[process.platform];
  const arch = { x64: '64', arm64: 'arm64' }[process.arch];
  try {
    const fromTurbo = createRequire(createRequire(`${root}package.json`).resolve('turbo/package.json'));
    return [fromTurbo.resolve(`@turbo/${os}-${arch}/bin/turbo${os === 'windows' ? '.exe' : ''}`)];
  } catch {
    return ['pnpm', 'exec', 'turbo'];
  }
}
const [bin, ...pre] = turbo();
const cli = fileURLToPath(new URL(`../../apps/runner/dist/cli/${entry}.js`, import.meta.url));
// The CLI's process starts now and waits (after-build.mjs) until the build check below has passed: its
// Node start-up overlaps the check (the launcher, turbo and a 1-run sweep: 0.72 → 0.66 s).
// The coordinator's young generation in semi-spaces of up to 16 MB (a flag read when the process starts:
// the CLI cannot set it for itself), which the CLI lets grow for sweeps of 10⁵ runs or more (see growYoung
// in apps/runner/src/cli/young.ts: −15 to −20 % of the CPU of 10⁶–10⁷-run sweeps, +10 to +20 MB peak RSS).
// Two malloc arenas instead of one per thread: buffers made in a worker and freed in the coordinator
// otherwise stay in the worker's arena.
const child = spawn(
  process.execPath,
  ['--max-semi-space-size=16', fileURLToPath(new URL('./after-build.mjs', import.meta.url)), cli, ...args],
  { stdio: ['inherit', 'inherit', 'inherit', 'pipe'], env: { MALLOC_ARENA_MAX: '2', ...process.env } },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
const build = spawnSync(bin, [...pre, 'run', 'build', '--output-logs=errors-only'], {
  cwd: root,
  env,
  encoding: 'utf8',
});
if (build.status !== 0) {
  process.stderr.write(`${build.stdout ?? ''}${build.stderr ?? ''}error: the build failed (above)\n`);
  child.on('exit', () => process.exit(build.status ?? 1));
  child.stdio[3].end();
} else {
  child.on('exit', (code, signal) => process.exit(code ?? (signal === 'SIGINT' ? 130 : 143)));
  child.stdio[3].end('g');
}
