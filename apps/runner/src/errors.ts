import { show } from '@numcomp/core';

/**
 * Every error the runner reports, with the process exit code it maps to. One table, so that the CLI,
 * the tests and the README agree (after piscina's `src/errors.ts` and citty's `CLIError`).
 */
export const ERROR_CODES = {
  /** An experiment definition is invalid (unknown key, bad value, wrong-length x0, …). */
  E_CONFIG: { exit: 2, summary: 'invalid experiment configuration' },
  /** A `key=value` override is malformed, names an unknown key or gives a bad value. */
  E_OVERRIDE: { exit: 2, summary: 'invalid override' },
  /** A command-line flag is unknown or has a bad value. */
  E_USAGE: { exit: 2, summary: 'invalid command line' },
  /** No experiment has the requested id. */
  E_UNKNOWN_EXPERIMENT: { exit: 2, summary: 'unknown experiment' },
  /** An experiment module could not be imported or does not default-export a definition. */
  E_LOAD: { exit: 2, summary: 'cannot load experiment' },
  /** Another live sweep holds the output directory's lock. */
  E_LOCKED: { exit: 2, summary: 'output directory in use' },
  /** Reading or writing results failed. */
  E_IO: { exit: 1, summary: 'cannot read or write results' },
  /** The worker pool failed in a way no retry could repair. */
  E_EXECUTOR: { exit: 1, summary: 'executor failure' },
} as const;

/** A key of {@link ERROR_CODES}. */
export type ErrorCode = keyof typeof ERROR_CODES;

/**
 * The runner's one error class. `path` names the offending field (`grid.lr[2]`, `override lr`) and
 * `value` holds the bad value, so the message reads `invalid grid.lr[2]: -0.1 (expected a number > 0)`.
 */
export class RunnerError extends Error {
  override readonly name = 'RunnerError';
  /** Which row of {@link ERROR_CODES} this is. */
  readonly code: ErrorCode;
  /** The field path, when the error is about one field. */
  readonly path: string | undefined;
  /** The offending value, when there is one. */
  readonly value: unknown;

  /**
   * @param code - A key of {@link ERROR_CODES}.
   * @param message - What went wrong, for a person.
   * @param detail - The field path and value, when the error is about one field.
   * @example
   * ```ts
   * throw new RunnerError('E_OVERRIDE', 'unknown key "lrr"', { path: 'lrr', value: '0.1' });
   * ```
   */
  constructor(code: ErrorCode, message: string, detail: { path?: string; value?: unknown } = {}) {
    super(message);
    this.code = code;
    this.path = detail.path;
    this.value = detail.value;
  }

  /** The process exit code for this error. */
  get exitCode(): number {
    return ERROR_CODES[this.code].exit;
  }
}

/**
 * Builds the usual `invalid <path>: <value> (<why>)` error.
 *
 * @param code - A key of {@link ERROR_CODES}.
 * @param path - The field path, e.g. `grid.lr[2]`.
 * @param value - The bad value.
 * @param why - Why it is bad.
 * @returns A {@link RunnerError} with that message, path and value.
 * @example
 * ```ts
 * invalid('E_CONFIG', 'grid.lr[0]', -1, 'expected a number > 0').message;
 * // 'invalid grid.lr[0]: -1 (expected a number > 0)'
 * ```
 */
export function invalid(code: ErrorCode, path: string, value: unknown, why?: string): RunnerError {
  return new RunnerError(code, `invalid ${path}: ${show(value)}${why ? ` (${why})` : ''}`, { path, value });
}
