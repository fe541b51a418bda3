// Which runs of a batch go side by side through `minimizeLockstep` (@numcomp/optimizers/lockstep):
// optimizer runs of a lockstep method without a line search or a trajectory, grouped by objective
// (name and parameters) and options, lr and x0 aside. Each run's result has the bits `minimize` gives
// it alone, so its line, CSV row and digest entry are the ones the one-at-a-time path writes (its time
// aside: a group's wall time is shared among its runs in proportion to their evaluations).
import type { OptimizeResult } from '@numcomp/optimizers';
import { LOCKSTEP_METHODS, type LockstepResult, minimizeLockstep } from '@numcomp/optimizers/lockstep';
import type { Params, ProblemWithDim } from '../types.js';

const METHODS: ReadonlySet<string> = new Set(LOCKSTEP_METHODS);

/**
 * The key shared by the runs that can go in lockstep together, or undefined when the run cannot go in
 * lockstep: its canonical params text without x0 and without lr's value (whether lr is given stays in).
 * Two runs with one key have the same objective and options, lr and x0 aside.
 *
 * @param params - A run's nested params.
 * @param text - The same params as canonical JSON (x0 last; lr the only `"lr":` of the options).
 * @returns The key, or undefined.
 * @example
 * ```ts
 * const text = '{"objective":{"name":"sphere","params":{}},"optimizer":{"lr":0.1,"maxIter":9},"x0":[1,2]}';
 * lockstepKey(JSON.parse(text), text); // '+{"objective":{"name":"sphere","params":{}},"optimizer":{,"maxIter":9}'
 * ```
 */
export function lockstepKey(params: Params, text: string): string | undefined {
  const opt = params.optimizer;
  const x0 = params.x0;
  if (opt === null || typeof opt !== 'object' || Array.isArray(opt) || !Array.isArray(x0)) return undefined;
  const o = opt as Params;
  const method = o.method ?? 'gradient-descent';
  if (typeof method !== 'string' || !METHODS.has(method)) return undefined;
  if (o.lineSearch !== undefined && o.lineSearch !== 'none') return undefined;
  if (o.lr !== undefined && typeof o.lr !== 'number') return undefined;
  for (let i = 0; i < x0.length; i++) if (typeof x0[i] !== 'number') return undefined;
  const x0At = text.lastIndexOf(',"x0":');
  const optAt = text.lastIndexOf(',"optimizer":{', x0At);
  if (x0At < 0 || optAt < 0) return undefined;
  if (o.lr === undefined) return `-${text.slice(0, x0At)}`;
  const lrAt = text.indexOf('"lr":', optAt);
  if (lrAt < 0 || lrAt > x0At) return undefined;
  let end = lrAt + 5;
  while (end < x0At && text[end] !== ',' && text[end] !== '}') end++;
  return `+${text.slice(0, lrAt)}${text.slice(end, x0At)}`;
}

/**
 * Runs a group in lockstep.
 *
 * @param problem - The group's objective.
 * @param options - The group's options (any `lr` in them is replaced by `lrs`).
 * @param x0s - Each run's x0.
 * @param lrs - Each run's lr, or undefined when the runs leave lr to its default.
 * @returns The results, or undefined when the batch call throws (a bad option or x0, an objective that
 *   throws or returns a non-number): then each run goes alone and records its own error.
 */
export function runGroup(
  problem: ProblemWithDim,
  options: Params,
  x0s: readonly (readonly number[])[],
  lrs: Float64Array | undefined,
): LockstepResult | undefined {
  const { lr: _, ...rest } = options;
  try {
    return minimizeLockstep(
      problem,
      x0s,
      (lrs === undefined ? rest : { ...rest, lr: lrs }) as Parameters<typeof minimizeLockstep>[2],
    );
  } catch {
    return undefined;
  }
}

/** A mutable result, refilled for each run of a lockstep group (a line and a digest entry copy it at once). */
export type MemberResult = { -readonly [K in keyof OptimizeResult]: OptimizeResult[K] };

/**
 * Run `i` of a lockstep result as the fields of `minimize`'s result that a line and a digest read,
 * written into `into` (its x and grad reused when of length n).
 *
 * @param r - The group's results.
 * @param i - A run of the group.
 * @param into - The result to fill, or undefined for a new one.
 * @returns `into`, filled.
 * @example
 * ```ts
 * let scratch: MemberResult | undefined;
 * for (let i = 0; i < r.count; i++) write((scratch = memberResult(r, i, scratch)));
 * ```
 */
export function memberResult(r: LockstepResult, i: number, into?: MemberResult): MemberResult {
  const n = r.n;
  const status = r.statusOf(i);
  const out: MemberResult =
    into !== undefined && into.x.length === n
      ? into
      : {
          x: new Float64Array(n),
          fun: 0,
          grad: new Float64Array(n),
          nit: 0,
          nfev: 0,
          ngev: 0,
          nhev: 0,
          status,
          success: false,
          message: '',
        };
  for (let j = 0; j < n; j++) {
    out.x[j] = r.x[i * n + j]!;
    out.grad[j] = r.grad[i * n + j]!;
  }
  out.fun = r.fun[i]!;
  out.nit = r.nit[i]!;
  out.nfev = r.nfev[i]!;
  out.ngev = r.ngev[i]!;
  out.status = status;
  out.success = status === 'converged';
  out.message = r.messageOf(i);
  return out;
}

/**
 * A bound on a lockstep group's time: every run doing the most work its options allow (maxIter steps of
 * 2n + 2 evaluations, or the maxfev budget) at a measured cost per evaluation. The runner keeps a group
 * whole only when this stays far below the per-run time limit (the watchdog sees one run current for
 * the whole group).
 *
 * @param perEval - Milliseconds per evaluation (f or ∇f), as measured.
 * @param runs - Runs in the group.
 * @param options - The group's options (`maxIter`, default 100, and `maxfev`).
 * @param n - The runs' dimension (x0's length).
 * @returns Milliseconds.
 * @example
 * ```ts
 * groupBound(2e-5, 1000, { maxIter: 1000 }, 2); // ≈ 120 ms
 * ```
 */
export function groupBound(perEval: number, runs: number, options: Params, n: number): number {
  const maxIter = typeof options.maxIter === 'number' ? options.maxIter : 100;
  const maxfev = typeof options.maxfev === 'number' ? options.maxfev : Number.POSITIVE_INFINITY;
  const worst = Math.min(maxIter * (2 * n + 2), 2 * maxfev) + 2 * n + 2;
  return runs * perEval * worst;
}
