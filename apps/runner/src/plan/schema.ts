// Zod schemas of experiment definitions and of each sweepable option (derived from the optimizers'
// own description of its options), and the conversion of a zod
// error into a RunnerError that names the field path and the value.
import { isArgumentError, show } from '@numcomp/core';
import { checkOption, OPTIONS, type OptionName } from '@numcomp/optimizers';
import { type core, type ZodType, z } from '#zod';
import { type ErrorCode, RunnerError } from '../errors.js';
import { fn, json, jsonArray, objective, params, plotSchema } from '../experiment/schema.js';
import type { Experiment } from '../types.js';

const finiteVector = z.array(z.number()).min(1);

/**
 * A schema that checks one option's value with `@numcomp/optimizers`' own `checkOption`: the one
 * definition of each option's type and range, reported as a zod issue.
 */
function optionSchema(name: OptionName): ZodType {
  return z.unknown().check((ctx) => {
    try {
      checkOption(name, ctx.value);
    } catch (e) {
      if (!isArgumentError(e)) throw e;
      const sub = e.option.startsWith(name) ? e.option.slice(name.length) : '';
      const path = [...sub.matchAll(/\.([^.[\]]+)|\[(\d+)\]/g)].map((m) =>
        m[2] !== undefined ? Number(m[2]) : m[1]!,
      );
      ctx.issues.push({ code: 'custom', path, message: e.reason ?? e.message, input: ctx.value });
    }
  });
}

/** The options of `minimize` a sweep may set or sweep: every sweepable option of `OPTIONS`. */
export const SWEEPABLE: readonly OptionName[] = (Object.keys(OPTIONS) as OptionName[]).filter(
  (k) => OPTIONS[k].sweepable,
);

/** One schema per option of `minimize` a sweep may set, and `x0`, derived from `OPTIONS`. */
export const OPTION_SCHEMAS: Readonly<Record<string, ZodType>> = {
  ...Object.fromEntries(SWEEPABLE.map((k) => [k, optionSchema(k)])),
  x0: finiteVector,
};

/** An experiment definition (see `Experiment`); per-value checks of options happen in `planSweep`. */
export const experimentSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected lower-case letters, digits and dashes'),
    title: z.string().min(1),
    description: z.string(),
    notebook: z.string().optional(),
    default: z.boolean().optional(),
    order: z.number().optional(),
    figures: z.array(z.string().regex(/^\d+\.\d+$/, 'expected a figure number such as 4.2')).optional(),
    labels: z.record(z.string(), z.string().min(1)).optional(),
    grid: z.record(z.string(), jsonArray).optional(),
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
 * A union's issues as those of the one alternative whose type the value has (an objective given as an
 * object is judged as the object form: `invalid objective.params.k: NaN (…)`, not `invalid objective:
 * … (Invalid input)`, zod's word for a value that matches no alternative). The issue itself when no
 * alternative, or several, have the value's type.
 */
function meant(issue: core.$ZodIssue): core.$ZodIssue[] {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return [issue];
  const typed = issue.errors.filter(
    (alt) => !alt.some((i) => i.path.length === 0 && i.code === 'invalid_type'),
  );
  if (typed.length !== 1) return [issue];
  return typed[0]!.flatMap((i) => meant({ ...i, path: [...issue.path, ...i.path] } as core.$ZodIssue));
}

/**
 * Parses `value` with `schema`; on failure throws a RunnerError naming the first bad field's path and
 * value (`invalid grid.lr[2]: -0.1 (Too small: expected number to be >0)`), listing every issue.
 */
export function parseOrThrow<T>(schema: ZodType<T>, value: unknown, code: ErrorCode, prefix: string): T {
  const r = schema.safeParse(value, { reportInput: true });
  if (r.success) return r.data;
  const lines = r.error.issues.flatMap(meant).map((issue) => {
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
