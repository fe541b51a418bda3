import { hash } from 'node:crypto';
import { canonicalJson } from './canonicalJson.js';
import type { Params } from './types.js';

/** Hex digits kept of the SHA-256 (64 bits: no collision in any sweep that fits on disk). */
export const RUN_ID_LENGTH = 16;

/**
 * The stable id of a run: the first 64 bits (16 hex digits) of the SHA-256 of the canonical JSON of
 * `{ experiment, params }`. The same experiment and resolved parameters always give the same id, in
 * any key order, on any machine; it is how a re-run finds recorded results.
 *
 * @param experiment - The experiment id.
 * @param params - The run's resolved parameters (plain JSON).
 * @returns 16 lower-case hex digits.
 * @example
 * ```ts
 * runId('learning-rate', { lr: 0.1, x0: [-3, 4] }) === runId('learning-rate', { x0: [-3, 4], lr: 0.1 }); // true
 * ```
 */
export function runId(experiment: string, params: Params): string {
  return runIdOfCanonical(experiment, canonicalJson(params));
}

/**
 * {@link runId} from the params' canonical JSON, already built (the planner's fast path).
 *
 * @param experiment - The experiment id.
 * @param canonicalParams - `canonicalJson(params)`.
 * @returns 16 lower-case hex digits.
 * @example
 * ```ts
 * runIdOfCanonical('demo', '{"lr":0.1,"x0":[-3,4]}') === runId('demo', { lr: 0.1, x0: [-3, 4] }); // true
 * ```
 */
export function runIdOfCanonical(experiment: string, canonicalParams: string): string {
  return runIdOfText(`${runIdPrefix(experiment)}${canonicalParams}}`);
}

/** The hashed text of a run id is `${runIdPrefix(experiment)}${canonicalParams}}`. */
export function runIdPrefix(experiment: string): string {
  return `{"experiment":${JSON.stringify(experiment)},"params":`;
}

/** The run id of a hashed text (see {@link runIdPrefix}). */
export function runIdOfText(text: string): string {
  return hash('sha256', text, 'hex').slice(0, RUN_ID_LENGTH);
}
