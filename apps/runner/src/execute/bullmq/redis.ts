// Redis for the BullMQ executor: URL checks, a connection probe that fails fast (before any file is
// written), and the connection options BullMQ gets. ioredis and bullmq are imported lazily: the
// runner's index is loaded by every experiment module, and bullmq alone costs ~190 ms to import.
import type { RedisOptions } from 'bullmq';
import { RunnerError } from '../../errors.js';

/** Default connect timeout, ms. */
export const CONNECT_TIMEOUT = 5000;

/**
 * Checks a Redis URL (`redis://[user:password@]host[:port][/db]`, `rediss://` for TLS).
 *
 * @throws RunnerError `E_USAGE` naming `flag` and the value.
 */
export function checkRedisUrl(url: string, flag: string): string {
  let u: URL | undefined;
  try {
    u = new URL(url);
  } catch {
    u = undefined;
  }
  if (u === undefined || (u.protocol !== 'redis:' && u.protocol !== 'rediss:') || u.hostname === '') {
    throw new RunnerError(
      'E_USAGE',
      `invalid ${flag}: ${JSON.stringify(url)} (expected redis://host:port, e.g. redis://127.0.0.1:6379)`,
      { path: flag, value: url },
    );
  }
  return url;
}

/** The URL with its password replaced by `***`, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password === '') return url;
    u.password = '***';
    return u.href;
  } catch {
    return url;
  }
}

/** Connection options for BullMQ's own clients: reconnect forever (a Redis restart is survivable). */
export function connectionOptions(url: string, connectTimeout = CONNECT_TIMEOUT): RedisOptions {
  return { url, connectTimeout, maxRetriesPerRequest: null };
}

/**
 * Connects once, with a short timeout and no retry, and asks the server's version: the check that
 * runs before anything is written or enqueued.
 *
 * @returns The server's version, e.g. `7.0.15`.
 * @throws RunnerError `E_EXECUTOR` naming the URL (password hidden) and the cause.
 */
export async function probeRedis(url: string, connectTimeout = CONNECT_TIMEOUT): Promise<string> {
  const { Redis } = await import('ioredis');
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
  });
  let cause: Error | undefined;
  client.on('error', (e: Error) => {
    cause ??= e;
  });
  const fail = (e: unknown): RunnerError => {
    const why = cause?.message ?? (e as Error)?.message ?? String(e);
    return new RunnerError('E_EXECUTOR', `cannot connect to Redis at ${redactUrl(url)}: ${why}`, {
      path: '--redis',
      value: redactUrl(url),
    });
  };
  try {
    await client.connect();
    const info = await client.info('server');
    const version = /redis_version:([^\r\n]+)/.exec(info)?.[1] ?? 'unknown';
    const major = Number.parseInt(version, 10);
    if (major < 5) {
      throw new RunnerError(
        'E_EXECUTOR',
        `Redis at ${redactUrl(url)} is version ${version}; BullMQ needs 5 or later (6.2+ recommended)`,
      );
    }
    return version;
  } catch (e) {
    throw e instanceof RunnerError ? e : fail(e);
  } finally {
    // (ioredis arms a 2 s timer when disconnecting a connection that is already closed)
    if (client.status !== 'end') client.disconnect();
  }
}
