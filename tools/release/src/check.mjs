// Release checks for the public packages, run by `pnpm test`:
// 1. each package packs to only dist/, README, LICENSE, CHANGELOG and package.json (`npm pack --dry-run`);
// 2. publint (strict) and are-the-types-wrong (ESM-only profile) pass on the tarball pnpm would publish, and the
//    API reference builds with every export documented;
// 3. the real release script publishes to a local Verdaccio registry on 127.0.0.1, and a fresh project outside
//    the repo installs the packages from it, type-checks a consumer under `nodenext` and runs it.
// The registry is stopped at the end, whatever happened.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');
const toolDir = resolve(here, '..');
const bin = (name) => join(toolDir, 'node_modules/.bin', name);
const PACKAGES = ['core', 'optimizers', 'viz'];
const ALLOWED = /^(dist\/.+|README\.md|LICENSE|CHANGELOG\.md|package\.json)$/;

let passed = 0;
let failed = 0;
function check(name, ok, detail = '') {
  if (ok) passed++;
  else failed++;
  console.log(
    `${ok ? '✓' : '✗'} ${name}${detail && !ok ? `\n    ${detail.replaceAll('\n', '\n    ')}` : ''}`,
  );
}
const run = (cmd, args, opts = {}) =>
  execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...opts });

const work = mkdtempSync(join(tmpdir(), 'numcomp-release-'));
const onlyPack = process.argv.includes('--pack-only');

// 1-2. Package contents, publint, attw.
for (const p of PACKAGES) {
  const dir = join(root, 'packages', p);
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const dry = JSON.parse(run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: dir }));
  const files = dry[0].files.map((f) => f.path);
  const stray = files.filter((f) => !ALLOWED.test(f));
  check(
    `${manifest.name}: npm pack holds only dist, README, LICENSE, CHANGELOG, package.json`,
    stray.length === 0,
    stray.join(', '),
  );
  // Every export's files: its types, and the bundle Node loads (tools/bundle/bundle.mjs).
  const targets = Object.values(manifest.publishConfig.exports).flatMap((t) =>
    typeof t === 'object' ? [t.types, t.default] : [],
  );
  for (const need of ['README.md', 'LICENSE', ...targets.map((t) => t.replace(/^\.\//, ''))]) {
    check(`${manifest.name}: tarball has ${need}`, files.includes(need));
  }
  // Each bundle exports what tsc's module graph does, and the same values' kinds.
  for (const [key, t] of Object.entries(manifest.exports)) {
    if (typeof t !== 'object') continue;
    const kinds = (m) =>
      Object.keys(m)
        .sort()
        .map((k) => `${k}:${typeof m[k]}`)
        .join(' ');
    const bundled = kinds(await import(join(dir, t.default)));
    const modules = kinds(await import(join(dir, t.types.replace(/\.d\.ts$/, '.js'))));
    check(`${manifest.name}: bundle ${key} exports what its modules export`, bundled === modules, bundled);
  }
  const out = join(work, 'packs', p);
  mkdirSync(out, { recursive: true });
  run('pnpm', ['pack', '--pack-destination', out], { cwd: dir });
  const tgz = join(out, run('ls', [out]).trim().split('\n')[0]);
  const packed = JSON.parse(run('tar', ['-xOzf', tgz, 'package/package.json']));
  const source = JSON.stringify(packed.exports).includes('@numcomp/source');
  check(
    `${manifest.name}: published exports drop the source condition`,
    !source,
    JSON.stringify(packed.exports),
  );
  const workspaceRanges = Object.entries(packed.dependencies ?? {}).filter(([, v]) =>
    String(v).startsWith('workspace:'),
  );
  check(
    `${manifest.name}: workspace: ranges become versions`,
    workspaceRanges.length === 0,
    JSON.stringify(workspaceRanges),
  );
  const result = await publint({ pack: { tarball: readFileSync(tgz).buffer }, strict: true });
  const msgs = result.messages.map((m) => `${m.type}: ${formatMessage(m, result.pkg)}`);
  check(`${manifest.name}: publint --strict`, result.messages.length === 0, msgs.join('\n'));
  try {
    run(bin('attw'), [tgz, '--profile', 'esm-only', '--format', 'table-flipped']);
    check(`${manifest.name}: are-the-types-wrong (esm-only)`, true);
  } catch (e) {
    check(`${manifest.name}: are-the-types-wrong (esm-only)`, false, `${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

// API reference: TypeDoc with warnings as errors, so an export without TSDoc fails here.
try {
  run(bin('typedoc'), ['--options', join(toolDir, 'typedoc.json'), '--out', join(work, 'api')], {
    cwd: toolDir,
  });
  check('API reference builds with every export documented (typedoc, warnings are errors)', true);
} catch (e) {
  check(
    'API reference builds with every export documented (typedoc, warnings are errors)',
    false,
    `${e.stdout}${e.stderr}`,
  );
}

// 3. Publish through the release script into Verdaccio, install in a fresh project, type-check and run.
async function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

let registry;
let registryLog = '';
if (!onlyPack) {
  try {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/`;
    const uplink = run('npm', ['config', 'get', 'registry']).trim();
    const vdir = join(work, 'verdaccio');
    mkdirSync(vdir, { recursive: true });
    writeFileSync(
      join(vdir, 'config.yaml'),
      [
        `storage: ${join(vdir, 'storage')}`,
        `auth:\n  htpasswd:\n    file: ${join(vdir, 'htpasswd')}\n    max_users: 10`,
        `uplinks:\n  upstream:\n    url: ${uplink}\n    timeout: 60s`,
        "packages:\n  '@numcomp/*':\n    access: $all\n    publish: $authenticated\n  '**':\n    access: $all\n    proxy: upstream",
        'log: { type: stdout, format: pretty, level: http }',
        'server:\n  keepAliveTimeout: 60',
        '',
      ].join('\n'),
    );
    registry = spawn(
      bin('verdaccio'),
      ['--config', join(vdir, 'config.yaml'), '--listen', `127.0.0.1:${port}`],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, HOME: vdir },
      },
    );
    registry.stdout.on('data', (d) => (registryLog += d));
    registry.stderr.on('data', (d) => (registryLog += d));
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        if ((await fetch(`${url}-/ping`)).ok) break;
      } catch {}
      if (Date.now() > deadline) throw new Error(`verdaccio did not start on ${url}:\n${registryLog}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    check(`verdaccio listens on ${url}`, true);

    // A user for publishing (Verdaccio's CouchDB-style adduser).
    const user = await fetch(`${url}-/user/org.couchdb.user:numcomp`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'numcomp', password: 'numcomp-release-test', type: 'user', roles: [] }),
    });
    const { token } = await user.json();
    const npmrc = join(work, 'npmrc');
    writeFileSync(npmrc, `registry=${url}\n//127.0.0.1:${port}/:_authToken=${token}\n`);
    const env = {
      ...process.env,
      npm_config_userconfig: npmrc,
      NPM_CONFIG_USERCONFIG: npmrc,
      npm_config_registry: url,
    };

    const rel = run('pnpm', ['release', '--no-git-tag'], { cwd: root, env });
    const published = PACKAGES.map((p) =>
      JSON.parse(readFileSync(join(root, 'packages', p, 'package.json'), 'utf8')),
    );
    for (const m of published) {
      const info = JSON.parse(run('npm', ['view', `${m.name}@${m.version}`, '--json'], { env }));
      check(`release published ${m.name}@${m.version}`, info.version === m.version, rel.slice(-2000));
    }

    const app = join(work, 'consumer');
    mkdirSync(app);
    writeFileSync(
      join(app, 'package.json'),
      JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
    );
    writeFileSync(join(app, '.npmrc'), `registry=${url}\n`);
    // Dependencies of the packages (ml-matrix, d3 modules) come through Verdaccio's uplink: retry a flaky fetch.
    for (let attempt = 1; ; attempt++) {
      try {
        run('npm', ['install', '--no-audit', '--no-fund', ...published.map((m) => m.name)], {
          cwd: app,
          env,
        });
        break;
      } catch (e) {
        if (attempt === 3) throw e;
        console.log(
          `npm install failed (attempt ${attempt}), retrying: ${String(e.stderr).split('\n')[1] ?? ''}`,
        );
      }
    }
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2022',
          strict: true,
          noEmit: true,
        },
        include: ['main.ts'],
      }),
    );
    writeFileSync(
      join(app, 'main.ts'),
      [
        '// No @types/node: the consumer needs nothing but the three packages.',
        'declare const console: { log(message: string): void };',
        "import { softmax, sphere } from '@numcomp/core';",
        "import { minimize } from '@numcomp/optimizers';",
        "import { linePlot } from '@numcomp/viz';",
        'const p: Float64Array = softmax([1000, 1001, 1002]);',
        "const r = minimize(sphere(2), [-3, 4], { lr: 0.1, maxIter: 20, gradient: 'numerical' });",
        "const svg: string = linePlot({ title: 'f', series: [{ name: 'f', x: [0, 1, 2], y: [0, 1, 4] }] });",
        'console.log(JSON.stringify({ p: Array.from(p), x: Array.from(r.x), status: r.status, svg: svg.startsWith("<svg") }));',
        '',
      ].join('\n'),
    );
    const tsc = join(root, 'node_modules/typescript/bin/tsc');
    try {
      run(process.execPath, [tsc, '-p', app]);
      check('consumer type-checks with tsc --noEmit under nodenext', true);
    } catch (e) {
      check('consumer type-checks with tsc --noEmit under nodenext', false, `${e.stdout}${e.stderr}`);
    }
    // Run it: the same file with its type annotations stripped by tsc into plain JS.
    run(process.execPath, [tsc, '-p', app, '--noEmit', 'false', '--outDir', join(app, 'out')]);
    const out = JSON.parse(run(process.execPath, [join(app, 'out/main.js')], { cwd: app }));
    check(
      'consumer runs softmax, minimize and a plot from the installed packages',
      Math.abs(out.p[2] - 0.6652409557748219) < 1e-15 && out.x[0] === -0.03458764513817675 && out.svg,
      JSON.stringify(out),
    );
  } catch (e) {
    check(
      'release round trip through a local registry',
      false,
      `${e?.stack ?? e}${e?.stderr ?? ''}\nregistry log:\n${registryLog.slice(-3000)}`,
    );
  } finally {
    registry?.kill('SIGTERM');
    rmSync(work, { recursive: true, force: true });
  }
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
