import { hash } from 'node:crypto';
import { canonicalJson } from '../format/canonicalJson.js';
import type { Params } from '../types.js';

/** Hex digits kept of the SHA-256 (64 bits: no collision in any sweep that fits on disk). */
export const RUN_ID_LENGTH = 16;

/**
 * The stable id of a run: the first 64 bits (16 hex digits) of the SHA-256 of the canonical JSON of
 * `{ experiment, code, params }`, where `code` is the digest of the experiment's compiled module and of
 * the numcomp packages it runs on. The same code and resolved parameters always give the same id, in
 * any key order, on any machine: it is how a re-run finds recorded results, and why editing an
 * objective runs its runs again.
 *
 * @param experiment - The experiment id.
 * @param code - The code digest (see `plan/codeDigest.ts`).
 * @param params - The run's resolved parameters (plain JSON).
 * @returns 16 lower-case hex digits.
 * @example
 * ```ts
 * runId('learning-rate', 'c0de', { lr: 0.1, x0: [-3, 4] }) === runId('learning-rate', 'c0de', { x0: [-3, 4], lr: 0.1 }); // true
 * ```
 */
export function runId(experiment: string, code: string, params: Params): string {
  return runIdOfText(`${runIdPrefix(experiment, code)}${canonicalJson(params)}}`);
}

/** The hashed text of a run id is `${runIdPrefix(experiment, code)}${canonicalParams}}`. */
export function runIdPrefix(experiment: string, code: string): string {
  return `{"code":${JSON.stringify(code)},"experiment":${JSON.stringify(experiment)},"params":`;
}

/** The run id of a hashed text (see {@link runIdPrefix}). */
export function runIdOfText(text: string): string {
  return hash('sha256', text, 'hex').slice(0, RUN_ID_LENGTH);
}
