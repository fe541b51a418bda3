// Zod schemas of what an experiment declares and returns: plain JSON values, plot specs and the
// sections of its `report` hook. The planner validates definitions with them, the report validates
// what the hook returns.
import { type ZodType, z } from '#zod';
import type { Json } from '../types.js';

export const fn = z.custom<(...args: never[]) => unknown>(
  (v) => typeof v === 'function',
  'expected a function',
);

/**
 * The path and reason of the first part of `v` that is not plain JSON (finite numbers only). The path
 * is built on the way back from a bad part: a walk over good values allocates nothing (a grid of 10⁴
 * starts took ~15 ms with a path array per value).
 */
function firstNonJson(v: unknown, finite = true): { path: PropertyKey[]; why: string } | undefined {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return undefined;
  if (typeof v === 'number')
    return !finite || Number.isFinite(v) ? undefined : { path: [], why: 'expected a finite number' };
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const bad = firstNonJson(v[i], finite);
      if (bad) {
        bad.path.unshift(i);
        return bad;
      }
    }
    return undefined;
  }
  const proto = typeof v === 'object' ? Object.getPrototypeOf(v) : undefined;
  if (proto === Object.prototype || proto === null) {
    for (const k in v as object) {
      if (!Object.hasOwn(v as object, k)) continue;
      const bad = firstNonJson((v as Record<string, unknown>)[k], finite);
      if (bad) {
        bad.path.unshift(k);
        return bad;
      }
    }
    return undefined;
  }
  return { path: [], why: 'expected a plain JSON value' };
}

/**
 * A check's issue for the first part of its value that is not plain JSON, if any (`finite: false`:
 * any number is allowed, as in what a report hook returns).
 */
function checkJson(ctx: { value: unknown; issues: unknown[] }, finite = true): void {
  const bad = firstNonJson(ctx.value, finite);
  if (bad) ctx.issues.push({ code: 'custom', path: bad.path, message: bad.why, input: ctx.value });
}

/** Plain JSON, checked by one walk (a grid of 10⁴ points costs next to nothing), naming the bad part. */
export const json = z.unknown().check(checkJson) as unknown as ZodType<Json>;
/**
 * An array of plain JSON values (a grid axis), checked by one walk: `z.array(json)` ran zod's
 * machinery per value (bench's 10⁴ starts: ~25 ms of the CLI's start). Same issues, same paths.
 */
export const jsonArray = z.unknown().check((ctx) => {
  if (!Array.isArray(ctx.value)) {
    ctx.issues.push({ code: 'invalid_type', expected: 'array', input: ctx.value });
    return;
  }
  checkJson(ctx);
}) as unknown as ZodType<Json[]>;
export const params = z.record(
  z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected a name such as lr'),
  json,
);
const accessor = z.string().min(1);
const accessors = z.array(accessor);
const range = z.tuple([z.number(), z.number()]);
export const objective = z.union([
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

/** A heatmap spec (see `HeatmapSpec`). */
const heatmapSchema = z.strictObject({
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
});

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
  heatmapSchema,
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
    type: z.literal('parallel'),
    dimensions: z.array(accessor).min(1).max(16).optional(),
    color: accessor.optional(),
    maxRuns: z.int().min(1).max(20_000).optional(),
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

/**
 * An array of rows of plain JSON as a report hook returns it, checked by one walk: a table's rows
 * (arrays) or a figure's data (plain objects). A number may be non-finite (a diverged run's residual
 * is ∞, and the report prints it). A map of 200 × 200 starts is 40,000 rows: zod's record schema per
 * row took ~90 ms of the report, and a copy with ∞ as null (to check the rest) ~170 ms more.
 */
function resultRows<T>(row: 'array' | 'record'): ZodType<T[]> {
  return z.unknown().check((ctx) => {
    const rows = ctx.value;
    if (!Array.isArray(rows)) {
      ctx.issues.push({ code: 'invalid_type', expected: 'array', input: rows });
      return;
    }
    for (let i = 0; i < rows.length; i++) {
      const r: unknown = rows[i];
      const proto = typeof r === 'object' && r !== null ? Object.getPrototypeOf(r) : undefined;
      const ok =
        row === 'array'
          ? Array.isArray(r)
          : !Array.isArray(r) && (proto === Object.prototype || proto === null);
      if (!ok) {
        ctx.issues.push({ code: 'invalid_type', expected: row, path: [i], input: r });
        return;
      }
    }
    checkJson(ctx, false);
  }) as unknown as ZodType<T[]>;
}

/** An axis of a grid: finite numbers, strictly increasing (> 0 on a log axis). */
function checkGridAxis(ctx: { issues: unknown[] }, a: unknown, name: 'x' | 'y', log: boolean): number {
  const issue = (message: string): number => {
    ctx.issues.push({ code: 'custom', message, path: ['grid', name], input: a });
    return -1;
  };
  if (!Array.isArray(a) || a.length === 0) return issue('expected a non-empty array of numbers');
  for (let i = 0; i < a.length; i++) {
    const v: unknown = a[i];
    if (typeof v !== 'number' || !Number.isFinite(v))
      return issue(`${name}[${i}] is ${String(v)}: expected a finite number`);
    if (log && !(v > 0)) return issue(`${name}[${i}] is ${v}: expected > 0 on a log axis`);
    if (i > 0 && !(v > (a[i - 1] as number)))
      return issue(`${name}[${i}] is ${v} after ${a[i - 1] as number}: expected strictly increasing values`);
  }
  return a.length;
}

/**
 * A heatmap figure drawn from a grid (see `HeatmapGrid`), checked by one walk: 10⁶ cells as a zod array
 * of unions would cost more than drawing them.
 */
const gridFigure = heatmapSchema
  // A grid has one value a cell: nothing to reduce, facet or filter.
  .omit({ reduce: true, facet: true, where: true })
  .extend({ grid: z.unknown() })
  .check((ctx) => {
    const f = ctx.value as { grid: unknown; logX?: boolean; logY?: boolean };
    const g = f.grid as { x?: unknown; y?: unknown; values?: unknown; emptyLabel?: unknown } | null;
    const at = (message: string, ...path: string[]): void => {
      ctx.issues.push({ code: 'custom', message, path: ['grid', ...path], input: g });
    };
    if (g === null || typeof g !== 'object' || Array.isArray(g)) {
      at('expected { x, y, values }');
      return;
    }
    for (const k of Object.keys(g))
      if (!['x', 'y', 'values', 'emptyLabel'].includes(k))
        at(`unknown key ${k} (a grid has x, y, values, emptyLabel)`);
    if (g.emptyLabel !== undefined && typeof g.emptyLabel !== 'string') at('expected a string', 'emptyLabel');
    const nx = checkGridAxis(ctx, g.x, 'x', f.logX ?? false);
    const ny = checkGridAxis(ctx, g.y, 'y', f.logY ?? false);
    const v = g.values;
    const typed = ArrayBuffer.isView(v) && !(v instanceof DataView);
    if (!typed && !Array.isArray(v)) {
      at('expected an array (numbers or labels) or a typed array of numbers', 'values');
      return;
    }
    const values = v as ArrayLike<unknown>;
    if (nx > 0 && ny > 0 && values.length !== nx * ny)
      at(
        `${values.length} values for ${nx} × ${ny} cells: expected x.length × y.length = ${nx * ny}`,
        'values',
      );
    if (typed) return;
    // All numbers, or all labels (null for none).
    const numbers = values.length > 0 && typeof values[0] === 'number';
    for (let i = 0; i < values.length; i++) {
      const e = values[i];
      if (numbers ? typeof e !== 'number' : e !== null && typeof e !== 'string') {
        at(
          `values[${i}] is ${JSON.stringify(e) ?? String(e)}: expected ${numbers ? 'a number, as values[0]' : 'a label or null, as values[0]'}`,
          'values',
        );
        return;
      }
    }
  });

/** A figure of a report section with its rows. */
const rowsFigure = z.intersection(
  plotSchema,
  z.looseObject({ data: resultRows<Record<string, Json>>('record') }),
);

/** A figure of a report section: a plot spec with its rows, or a heatmap with its grid. */
const figureSchema = z.unknown().check((ctx) => {
  const v = ctx.value;
  const r = (v !== null && typeof v === 'object' && 'grid' in v ? gridFigure : rowsFigure).safeParse(v);
  if (!r.success)
    for (const i of r.error.issues)
      ctx.issues.push({ code: 'custom', message: i.message, path: i.path, input: v });
});

/** A report section returned by an experiment's `report` hook. */
export const sectionSchema = z.strictObject({
  title: z.string(),
  text: z.string().optional(),
  table: z
    .strictObject({
      columns: z.array(
        z.union([z.string(), z.strictObject({ label: z.string(), digits: digits.optional() })]),
      ),
      rows: resultRows<Json[]>('array'),
    })
    .optional(),
  figures: z.array(figureSchema).optional(),
});
