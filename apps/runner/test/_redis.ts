// Helpers for the BullMQ tests: a throwaway redis-server on a free 127.0.0.1 port (no persistence) and
// sweep worker processes (dist/cli/worker.js). Everything started here is killed when the test
// process exits, whatever happens.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** The redis-server binary (`REDIS_SERVER` overrides). */
export const REDIS_SERVER = process.env.REDIS_SERVER ?? 'redis-server';

/** Whether redis-server can be started here. */
export const HAS_REDIS = spawnSync(REDIS_SERVER, ['--version'], { stdio: 'ignore' }).status === 0;

export const WORKER = fileURLToPath(new URL('../dist/cli/worker.js', import.meta.url));

const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});

function track(child: ChildProcess): void {
  children.add(child);
  child.once('exit', () => children.delete(child));
}

/** A port nothing listens on (just now). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Sends PING, resolves true on +PONG. */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    let got = '';
    const end = (ok: boolean): void => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(500, () => end(false));
    s.once('error', () => end(false));
    s.on('data', (d) => {
      got += d.toString();
      if (got.includes('\r\n')) end(got.startsWith('+PONG'));
    });
    s.once('connect', () => s.write('PING\r\n'));
  });
}

export interface RedisServer {
  readonly url: string;
  readonly port: number;
  /** Stops the server (SIGTERM, then SIGKILL after 2 s). */
  stop(): Promise<void>;
}

/** Starts `redis-server --save '' --appendonly no` on a free port and waits until it answers PING. */
export async function startRedis(): Promise<RedisServer> {
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    const child = spawn(
      REDIS_SERVER,
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--daemonize',
        'no',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    track(child);
    let err = '';
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
    });
    let exited = false;
    const gone = new Promise<void>((r) => child.once('exit', () => r()));
    void gone.then(() => {
      exited = true;
    });
    const deadline = Date.now() + 10_000;
    while (!exited && Date.now() < deadline && !(await ping(port))) {
      await new Promise((r) => setTimeout(r, 50));
    }
    if (!exited && Date.now() < deadline) {
      return {
        url: `redis://127.0.0.1:${port}`,
        port,
        async stop() {
          if (child.exitCode !== null || child.signalCode !== null) return;
          child.kill('SIGTERM');
          const t = setTimeout(() => child.kill('SIGKILL'), 2000);
          await gone;
          clearTimeout(t);
        },
      };
    }
    child.kill('SIGKILL');
    if (attempt >= 2) throw new Error(`redis-server did not start on port ${port}: ${err}`);
  }
}

export interface WorkerProcess {
  readonly child: ChildProcess;
  /** Everything the worker printed so far. */
  log(): string;
  readonly exited: Promise<number | null>;
}

/** Starts `node dist/cli/worker.js --redis url ...args` and waits for its start-up line. */
export async function startWorker(url: string, ...args: string[]): Promise<WorkerProcess> {
  if (!existsSync(WORKER)) throw new Error(`${WORKER} is missing: build the runner first`);
  const child = spawn(process.execPath, [WORKER, '--redis', url, ...args], {
    env: { ...process.env, INIT_CWD: undefined },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  track(child);
  let out = '';
  const add = (d: Buffer): void => {
    out += d.toString();
  };
  child.stdout!.on('data', add);
  child.stderr!.on('data', add);
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const deadline = Date.now() + 15_000;
  while (!/sweep worker \S+: \d+ thread/.test(out)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`worker did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return { child, log: () => out, exited };
}

/** Stops a worker with SIGTERM (if still running) and waits for it. */
export async function stopWorker(w: WorkerProcess | undefined): Promise<void> {
  if (w === undefined || w.child.exitCode !== null || w.child.signalCode !== null) return;
  w.child.kill('SIGTERM');
  const t = setTimeout(() => w.child.kill('SIGKILL'), 5000);
  await w.exited;
  clearTimeout(t);
}
