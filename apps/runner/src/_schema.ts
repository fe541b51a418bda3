// Zod schemas of experiment definitions and of each sweepable option, and the conversion of a zod
// error into a RunnerError that names the field path and the value.
import { show } from '@numcomp/core';
import { LINE_SEARCHES, type LineSearchKind, METHODS, type Method } from '@numcomp/optimizers';
import { type ZodType, z } from 'zod';
import { type ErrorCode, RunnerError } from './errors.js';
import type { Experiment, Json } from './types.js';

const finiteVector = z.array(z.number()).min(1);
const unit = z.number().min(0).lt(1);

const schedule = z.union([
  z.literal('constant'),
  z.strictObject({ type: z.literal('constant') }),
  z.strictObject({ type: z.literal('step'), every: z.int().min(1), factor: z.number().min(0).max(1) }),
  z.strictObject({ type: z.literal('exponential'), decay: z.number().min(0).max(1) }),
  z.strictObject({ type: z.literal('inverse-time'), decay: z.number().min(0) }),
  z.strictObject({
    type: z.literal('cosine'),
    period: z.int().min(1).optional(),
    minLr: z.number().min(0).optional(),
  }),
]);

const constraint = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('box'), lower: z.array(z.number()), upper: z.array(z.number()) }),
  z.strictObject({ type: z.literal('ball'), center: finiteVector.optional(), radius: z.number().min(0) }),
  z.strictObject({ type: z.literal('halfspace'), a: finiteVector, b: z.number() }),
]);

/** One schema per option of `minimize` a sweep may set (see `OptimizerOptions`). */
export const OPTION_SCHEMAS: Readonly<Record<string, ZodType>> = {
  method: z.enum(METHODS as readonly Method[] as [Method, ...Method[]]),
  lr: z.number().positive(),
  momentum: unit,
  tol: z.number().min(0),
  maxIter: z.int().min(0),
  gradient: z.enum(['analytic', 'numerical']),
  h: z.number().positive(),
  lineSearch: z.enum(LINE_SEARCHES as readonly LineSearchKind[] as [LineSearchKind, ...LineSearchKind[]]),
  lineSearchOptions: z.record(z.string(), z.unknown()),
  schedule,
  constraints: z.array(constraint),
  x0: finiteVector,
  beta2: unit,
  rho: unit,
  epsilon: z.number().positive(),
};

/** The parameter naming a `@numcomp/core` test function (or the module's problem) in a run. */
export const OBJECTIVE_KEY = 'objective';

const fn = z.custom<(...args: never[]) => unknown>((v) => typeof v === 'function', 'expected a function');

/** The path and reason of the first part of `v` that is not plain JSON (finite numbers only). */
function firstNonJson(v: unknown, path: PropertyKey[]): { path: PropertyKey[]; why: string } | undefined {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return undefined;
  if (typeof v === 'number')
    return Number.isFinite(v) ? undefined : { path, why: 'expected a finite number' };
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const bad = firstNonJson(v[i], [...path, i]);
      if (bad) return bad;
    }
    return undefined;
  }
  const proto = typeof v === 'object' ? Object.getPrototypeOf(v) : undefined;
  if (proto === Object.prototype || proto === null) {
    for (const k of Object.keys(v as object)) {
      const bad = firstNonJson((v as Record<string, unknown>)[k], [...path, k]);
      if (bad) return bad;
    }
    return undefined;
  }
  return { path, why: 'expected a plain JSON value' };
}

/** Plain JSON, checked by one walk (a grid of 10⁴ points costs next to nothing), naming the bad part. */
const json = z.unknown().check((ctx) => {
  const bad = firstNonJson(ctx.value, []);
  if (bad) ctx.issues.push({ code: 'custom', path: bad.path, message: bad.why, input: ctx.value });
}) as unknown as ZodType<Json>;
const params = z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected a name such as lr'), json);
const accessor = z.string().min(1);
const accessors = z.array(accessor);
const range = z.tuple([z.number(), z.number()]);
const objective = z.union([
  z.string().min(1),
  z.strictObject({ name: z.string().min(1), params: params.optional(), problem: fn.optional() }),
]);
const where = z.record(z.string(), z.union([json, z.strictObject({ in: z.array(json) })]));
const overlay = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('vline'), x: z.number(), label: z.string().optional() }),
  z.strictObject({ type: z.literal('hline'), y: z.number(), label: z.string().optional() }),
  z.strictObject({ type: z.literal('curve'), points: z.array(range), label: z.string().optional() }),
  z.strictObject({
    type: z.literal('region'),
    points: z.array(range).min(3),
    label: z.string().optional(),
    fade: z.enum(['inside', 'outside']).optional(),
  }),
]);
const domain = z.tuple([range, range]);
const digits = z.union([z.int().min(1).max(17), z.literal('full')]);
const base = { title: z.string().optional(), caption: z.string().optional(), where: where.optional() };
const maxRuns = z.int().min(1).max(1000).optional();

/** A plot spec (see `PlotSpec`). */
export const plotSchema = z.discriminatedUnion('type', [
  z.strictObject({
    ...base,
    type: z.literal('contour'),
    trajectories: z.boolean().optional(),
    maxRuns,
    label: accessors.optional(),
    domain: domain.optional(),
    scale: z.enum(['log', 'linear']).optional(),
    axes: z.boolean().optional(),
    objective: objective.optional(),
    overlays: z.array(overlay).optional(),
  }),
  z.strictObject({
    ...base,
    type: z.literal('convergence'),
    y: z.enum(['f', 'gap', 'gradNorm']).optional(),
    maxRuns,
    label: accessors.optional(),
    colorBy: accessor.optional(),
  }),
  z.strictObject({
    ...base,
    type: z.literal('heatmap'),
    x: accessor,
    y: accessor,
    value: accessor,
    reduce: z.enum(['mean', 'min', 'max', 'median', 'mode']).optional(),
    facet: accessor.optional(),
    logX: z.boolean().optional(),
    logY: z.boolean().optional(),
    logValue: z.boolean().optional(),
    overlays: z.array(overlay).optional(),
  }),
  ...(['line', 'scatter'] as const).map((type) =>
    z.strictObject({
      ...base,
      type: z.literal(type),
      x: accessor,
      y: z.union([accessor, accessors.min(1)]),
      series: z.union([accessor, accessors]).optional(),
      logX: z.boolean().optional(),
      logY: z.boolean().optional(),
      xLabel: z.string().optional(),
      yLabel: z.string().optional(),
      xDomain: range.optional(),
      yDomain: range.optional(),
      overlays: z.array(overlay).optional(),
    }),
  ),
  z.strictObject({
    ...base,
    type: z.literal('quiver'),
    x: accessor,
    y: accessor,
    u: accessor,
    v: accessor,
    objective: objective.optional(),
    domain: domain.optional(),
  }),
  z.strictObject({
    ...base,
    type: z.literal('table'),
    columns: z
      .array(
        z.union([
          accessor,
          z.strictObject({ value: accessor, label: z.string().optional(), digits: digits.optional() }),
        ]),
      )
      .optional(),
    digits: digits.optional(),
    sort: accessor.optional(),
    order: z.enum(['asc', 'desc']).optional(),
    limit: z.int().min(1).optional(),
  }),
]);

/** A report section returned by an experiment's `report` hook. */
export const sectionSchema = z.strictObject({
  title: z.string(),
  text: z.string().optional(),
  table: z
    .strictObject({
      columns: z.array(
        z.union([z.string(), z.strictObject({ label: z.string(), digits: digits.optional() })]),
      ),
      rows: z.array(z.array(json)),
    })
    .optional(),
  figures: z
    .array(z.intersection(plotSchema, z.looseObject({ data: z.array(z.record(z.string(), json)) })))
    .optional(),
});

/** An experiment definition (see `Experiment`); per-value checks of options happen in `planSweep`. */
export const experimentSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected lower-case letters, digits and dashes'),
    title: z.string().min(1),
    description: z.string(),
    notebook: z.string().optional(),
    default: z.boolean().optional(),
    order: z.number().optional(),
    grid: z.record(z.string(), z.array(json)).optional(),
    cases: z.array(params).min(1).optional(),
    plots: z.array(plotSchema).optional(),
    report: fn.optional(),
    timeout: z.number().positive().optional(),
    batchSize: z.int().min(1).max(100_000).optional(),
    objective: objective.optional(),
    optimizer: z.record(z.string(), json).optional(),
    trajectory: z
      .strictObject({ every: z.int().min(1).optional(), max: z.int().min(2).optional() })
      .optional(),
    params: params.optional(),
    run: fn.optional(),
  })
  .check((ctx) => {
    const d = ctx.value;
    if ((d.objective === undefined) === (d.run === undefined)) {
      ctx.issues.push({
        code: 'custom',
        input: d,
        path: [d.run === undefined ? 'objective' : 'run'],
        message: 'an experiment has either objective (an optimizer sweep) or run (a function), not both',
      });
    }
    const kind = d.run === undefined ? 'objective' : 'run';
    const misplaced = kind === 'run' ? (['optimizer', 'trajectory'] as const) : (['params'] as const);
    for (const k of misplaced) {
      if (d[k] !== undefined) {
        ctx.issues.push({ code: 'custom', input: d[k], path: [k], message: `not allowed with ${kind}` });
      }
    }
  });

function at(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

/** `a.b[2].c` from `['a', 'b', 2, 'c']`, prefixed. */
export function formatPath(prefix: string, path: readonly PropertyKey[]): string {
  let s = prefix;
  for (const k of path) s += typeof k === 'number' ? `[${k}]` : s === '' ? String(k) : `.${String(k)}`;
  return s;
}

/**
 * Parses `value` with `schema`; on failure throws a RunnerError naming the first bad field's path and
 * value (`invalid grid.lr[2]: -0.1 (Too small: expected number to be >0)`), listing every issue.
 */
export function parseOrThrow<T>(schema: ZodType<T>, value: unknown, code: ErrorCode, prefix: string): T {
  const r = schema.safeParse(value, { reportInput: true });
  if (r.success) return r.data;
  const lines = r.error.issues.map((issue) => {
    let path = issue.path;
    let why = issue.message;
    if (issue.code === 'unrecognized_keys') {
      path = [...issue.path, issue.keys[0]!];
      why = `unknown key${issue.keys.length > 1 ? `s ${issue.keys.join(', ')}` : ''}`;
    }
    const p = formatPath(prefix, path) || '(root)';
    return { path: p, value: at(value, path), why };
  });
  const first = lines[0]!;
  const rest = lines.slice(1).map((l) => `\n  invalid ${l.path}: ${show(l.value)} (${l.why})`);
  throw new RunnerError(code, `invalid ${first.path}: ${show(first.value)} (${first.why})${rest.join('')}`, {
    path: first.path,
    value: first.value,
  });
}

const validated = new WeakSet<object>();

/**
 * Validates an experiment definition (once per object: the loader and the planner share the work).
 * Returns the definition itself, typed.
 */
export function validateExperiment(value: unknown): Experiment {
  if (value !== null && typeof value === 'object' && validated.has(value)) return value as Experiment;
  parseOrThrow(experimentSchema, value, 'E_CONFIG', '');
  validated.add(value as object);
  return value as Experiment;
}
