// Reads back the line of a reused plain run (an optimizer's result: no trajectory, no KKT, no `run`
// values) by position, without JSON.parse: the worker knows the run's id and canonical params text, so
// the line must start with them, and the rest is a fixed sequence of numbers. JSON.parse built ~10
// objects and strings a line (params included) that the worker then threw away: 1.86 µs a line against
// 1.45 this way, 3.97 against 2.45 with a segment's records kept until they are folded (measured on the
// bench's lines). A line of any other shape is read by JSON.parse as before (see `parseLine`).

import { RUN_STATUSES } from '../format/fields.js';
import { RUN_ID_LENGTH } from '../plan/runId.js';
import type { RunRecord, RunStatus } from '../types.js';
import type { ReusedNumbers } from './digest.js';

/** What the digest and the CSV row need of a reused plain run (as a parsed record gives them). */
export type PlainRecord = Required<ReusedNumbers & Pick<RunRecord, 'id'>>;

const STATUS_KEY = '","status":"';
const PARAMS_KEY = '","params":';
const X_KEY = ',"x":[';
const FUN_KEY = ',"fun":';
const PLAN_KEY = ',"plan":"';
const I_KEY = '","i":';
const CODE_KEY = ',"code":"';
const TIME_KEY = ',"time":';
/** The counters after fun, in the order the line has them. */
const AFTER_FUN = [',"gradNorm":', ',"nit":', ',"nfev":', ',"ngev":', ',"nhev":'] as const;

/** Where the JSON number at `at` ends, or -1 if none starts there (JSON's grammar: no '+', '.5', '5.'). */
function numberEnd(s: string, at: number): number {
  let k = at;
  if (s.charCodeAt(k) === 45) k++; // -
  const first = s.charCodeAt(k);
  if (first === 48) k++;
  else if (first >= 49 && first <= 57) {
    k++;
    while (isDigit(s.charCodeAt(k))) k++;
  } else return -1;
  if (s.charCodeAt(k) === 46) {
    k++;
    if (!isDigit(s.charCodeAt(k))) return -1;
    while (isDigit(s.charCodeAt(k))) k++;
  }
  const e = s.charCodeAt(k);
  if (e === 101 || e === 69) {
    k++;
    const sign = s.charCodeAt(k);
    if (sign === 43 || sign === 45) k++;
    if (!isDigit(s.charCodeAt(k))) return -1;
    while (isDigit(s.charCodeAt(k))) k++;
  }
  return k;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Whether `s[from, to)` is lower-case hex digits (at least one). */
function hex(s: string, from: number, to: number): boolean {
  if (to <= from) return false;
  for (let k = from; k < to; k++) {
    const c = s.charCodeAt(k);
    if (!(isDigit(c) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

/**
 * The record of run `id` (params `params`, its canonical JSON) from its line, when the line is a plain
 * run's as this store writes it: `{"id":…,"status":…,"params":<params>,"x":[…],"fun":…,"gradNorm":…,
 * "nit":…,"nfev":…,"ngev":…,"nhev":…[,"plan":…,"i":…][,"code":…],"time":…}` with finite numbers.
 * Its numbers are those JSON.parse gives. Undefined for any other line (another run's, another shape,
 * a non-finite number): read it with `parseLine`. Without `id` (a run found by its plan index, whose
 * line names it), the line's id is taken (16 hex digits).
 *
 * @example
 * ```ts
 * readPlainLine(line, run.id, run.params)?.fun; // as parseLine(line).fun
 * ```
 */
export function readPlainLine(line: string, id: string | undefined, params: string): PlainRecord | undefined {
  // Long texts are compared as slices (startsWith compares them a character at a time: ~0.5 µs for
  // the params of a run).
  if (!line.startsWith('{"id":"')) return undefined;
  const lineId = line.slice(7, 7 + RUN_ID_LENGTH);
  if (id === undefined ? !hex(line, 7, 7 + RUN_ID_LENGTH) : lineId !== id) return undefined;
  let at = 7 + RUN_ID_LENGTH;
  if (!line.startsWith(STATUS_KEY, at)) return undefined;
  at += STATUS_KEY.length;
  let status: RunStatus | undefined;
  for (let k = 0; k < RUN_STATUSES.length; k++) {
    const st = RUN_STATUSES[k]!;
    if (line.startsWith(st, at) && line.startsWith(PARAMS_KEY, at + st.length)) {
      status = st;
      break;
    }
  }
  if (status === undefined) return undefined;
  at += status.length + PARAMS_KEY.length;
  if (line.slice(at, at + params.length) !== params) return undefined;
  at += params.length;
  if (!line.startsWith(X_KEY, at)) return undefined;
  at += X_KEY.length;
  const x: number[] = [];
  if (line.charCodeAt(at) === 93) at++;
  else {
    for (;;) {
      const end = numberEnd(line, at);
      if (end < 0) return undefined;
      x.push(Number(line.slice(at, end)));
      at = end + 1;
      const c = line.charCodeAt(end);
      if (c === 93) break;
      if (c !== 44) return undefined;
    }
  }
  if (!line.startsWith(FUN_KEY, at)) return undefined;
  at += FUN_KEY.length;
  let end = numberEnd(line, at);
  if (end < 0) return undefined;
  const fun = Number(line.slice(at, end));
  let gradNorm = 0;
  let nit = 0;
  let nfev = 0;
  let ngev = 0;
  let nhev = 0;
  for (let k = 0; k < AFTER_FUN.length; k++) {
    const key = AFTER_FUN[k]!;
    if (!line.startsWith(key, end)) return undefined;
    at = end + key.length;
    end = numberEnd(line, at);
    if (end < 0) return undefined;
    const v = Number(line.slice(at, end));
    if (k === 0) gradNorm = v;
    else if (k === 1) nit = v;
    else if (k === 2) nfev = v;
    else if (k === 3) ngev = v;
    else nhev = v;
  }
  // The tail: the plan and index, the code, the time, and the line's end.
  at = end;
  if (line.startsWith(PLAN_KEY, at)) {
    at += PLAN_KEY.length;
    if (!hex(line, at, at + 16) || !line.startsWith(I_KEY, at + 16)) return undefined;
    at += 16 + I_KEY.length;
    const e = numberEnd(line, at);
    if (e < 0) return undefined;
    at = e;
  }
  if (line.startsWith(CODE_KEY, at)) {
    at += CODE_KEY.length;
    const e = line.indexOf('"', at);
    if (e < 0 || !hex(line, at, e)) return undefined;
    at = e + 1;
  }
  if (!line.startsWith(TIME_KEY, at)) return undefined;
  at += TIME_KEY.length;
  end = numberEnd(line, at);
  if (end < 0 || end !== line.length - 1 || line.charCodeAt(end) !== 125) return undefined;
  return { id: lineId, status, time: Number(line.slice(at, end)), x, fun, gradNorm, nit, nfev, ngev, nhev };
}
