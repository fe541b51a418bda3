import type { RecordOptions } from '@numcomp/optimizers';
import { minimize } from '@numcomp/optimizers';
import { z } from 'zod';
import { plotsOf } from './_defaultPlots.js';
import { axisFactor, type Factor, fixedFactor, PointSpace } from './_factors.js';
import { buildObjective, normalizeObjective, type ObjectiveInfo, pickParams } from './_objective.js';
import { OBJECTIVE_KEY, OPTION_SCHEMAS, parseOrThrow, validateExperiment } from './_schema.js';
import { type RunSpace, SpaceWalker, spaceRuns } from './_space.js';
import { canonicalJson } from './canonicalJson.js';
import { invalid, RunnerError } from './errors.js';
import type { Override } from './parseOverride.js';
import { runIdOfText } from './runId.js';
import type {
  Experiment,
  FunctionExperiment,
  Json,
  OptimizerExperiment,
  Params,
  PlotSpec,
  ProblemWithDim,
  Where,
} from './types.js';

/** One run of a plan: its id, its parameters as canonical JSON, and whether to record its trajectory. */
export interface PlannedRun {
  readonly id: string;
  readonly params: string;
  readonly trajectory: boolean;
}

/** Everything a sweep needs to run an experiment: validated, expanded, hashed. */
export interface SweepPlan {
  readonly experiment: Experiment;
  /** Distinct runs in grid order (first axis outermost); built and hashed when first read. */
  readonly runs: readonly PlannedRun[];
  /** Distinct runs: `runs.length`, known without building them. */
  readonly count: number;
  /** Parameters taking more than one value, in grid order: the report's main axes. */
  readonly swept: readonly string[];
  /** Parameters passed to the objective (declared in `objective.params`). */
  readonly objectiveKeys: readonly string[];
  /** Dimension of the objective when every point has the same one. */
  readonly dim: number | undefined;
  /** Trajectory thinning for runs that record one. */
  readonly trajectory: RecordOptions;
  /** Per-run time limit, ms. */
  readonly timeout: number;
  /** Runs per worker task. */
  readonly batchSize: number;
  /**
   * Run `i`'s parameters as an object, equal to `JSON.parse(runs[i].params)` but built from the
   * grid's cells, which runs share: treat them as read-only.
   */
  readonly paramsOf: (i: number) => Params;
  /**
   * The runs as a grid, when its points are distinct (then run i is point i): executors send ranges
   * of it, and workers build the runs' params and ids themselves (see `_space.ts`).
   */
  readonly space?: RunSpace;
}

/** Options of {@link planSweep}. */
export interface PlanOptions {
  /** Per-run time limit in ms, overriding the experiment's. */
  readonly timeout?: number;
}

const DEFAULT_TIMEOUT = 30_000;
const DEFAULT_BATCH = 100;
const NUMERIC_OPTIONS = new Set(['lr', 'momentum', 'tol', 'maxIter', 'h', 'beta2', 'rho', 'epsilon']);

/**
 * Validates an experiment definition and command-line overrides, expands the grid and hashes every
 * run, before anything runs or is written. Every value is checked once per axis (not once per point),
 * the objective is built for each distinct set of its parameters, `x0` is checked against its
 * dimension, and `minimize` checks each distinct combination of categorical options on a stub problem.
 *
 * @param definition - An experiment definition (as a module default-exports it).
 * @param overrides - Parsed `key=value` overrides: each replaces that key's values everywhere.
 * @param options - A per-run time limit overriding the experiment's.
 * @returns The plan.
 * @throws RunnerError `E_CONFIG` / `E_OVERRIDE` naming the field path and value.
 * @example
 * ```ts
 * const plan = planSweep(experiment, parseOverrides(['lr=logspace(-3,0,30)']));
 * plan.runs.length; // 30 × the other axes
 * ```
 */
export function planSweep(
  definition: unknown,
  overrides: readonly Override[] = [],
  options: PlanOptions = {},
): SweepPlan {
  const def = validateExperiment(definition);
  const objective = def.objective === undefined ? undefined : normalizeObjective(def.objective);
  const objKeys = objective === undefined ? [] : Object.keys(objective.params);
  const factors = buildFactors(def, objective, overrides);
  if (objective !== undefined) {
    for (const k of objKeys) {
      if (k === OBJECTIVE_KEY || k in OPTION_SCHEMAS) {
        throw invalid(
          'E_CONFIG',
          `objective.params.${k}`,
          objective.params[k],
          'clashes with an option of minimize',
        );
      }
    }
    checkOptionValues(factors, objKeys);
  }
  if (factors.some((f) => f.rows.length === 0))
    throw invalid('E_CONFIG', 'grid', def.grid, 'the grid has no points (an empty axis)');
  const dim = objective === undefined ? undefined : checkCombinations(factors, objective, objKeys);
  // Canonical JSON of every cell, computed once (a 100 × 100 grid of x0 has 10⁴).
  const canon: Canon = factors.map((f) =>
    f.rows.map((row) => row.map((v) => (v === undefined ? null : canonicalJson(v)))),
  );
  const swept = sweptKeys(factors, canon);
  const chosen =
    objective === undefined ? new Set<number>() : trajectoryPoints(factors, plotsOf(def, swept, dim));

  const space = runSpace(def.id, factors, canon, chosen);
  const timeout = options.timeout ?? def.timeout ?? DEFAULT_TIMEOUT;
  const walker = new SpaceWalker(space);
  // Equal points (a factor with equal rows): the first of each is kept, and run i is point positions[i].
  const positions = canon.every(distinctRows) ? undefined : distinctPoints(walker);
  let runs: PlannedRun[] | undefined;
  return {
    experiment: def,
    get runs(): readonly PlannedRun[] {
      if (runs === undefined) {
        if (positions === undefined) runs = spaceRuns(space);
        else
          runs = positions.map((k) => {
            walker.seek(k);
            return walker.run();
          });
      }
      return runs;
    },
    count: positions === undefined ? space.count : positions.length,
    swept,
    objectiveKeys: objKeys,
    dim,
    trajectory: (def.run === undefined ? def.trajectory : undefined) ?? { max: 100 },
    timeout,
    batchSize: def.batchSize ?? DEFAULT_BATCH,
    paramsOf: (i) => {
      walker.seek(positions === undefined ? i : positions[i]!);
      return walker.params();
    },
    ...(positions === undefined ? { space } : {}),
  };
}

/** The grid as a run space: per key (sorted), the canonical JSON of each row of its factor. */
function runSpace(
  experiment: string,
  factors: readonly Factor[],
  canon: Canon,
  chosen: ReadonlySet<number>,
): RunSpace {
  const slots = sortedSlots(factors);
  const sizes = factors.map((f) => f.rows.length);
  return {
    experiment,
    keys: slots.map((s) => s.key),
    owner: slots.map((s) => s.f),
    values: slots.map(({ f, c }) => canon[f]!.map((row) => row[c]!)),
    sizes,
    count: sizes.reduce((a, b) => a * b, 1),
    chosen: [...chosen].sort((a, b) => a - b),
  };
}

/** Points of a space whose canonical params differ from every earlier point's (by id), in order. */
function distinctPoints(walker: SpaceWalker): number[] {
  const seen = new Set<string>();
  const out: number[] = [];
  walker.seek(0);
  for (let k = 0; k < walker.space.count; k++, walker.next()) {
    const id = runIdOfText(walker.text());
    if (!seen.has(id)) {
      seen.add(id);
      out.push(k);
    }
  }
  return out;
}

/** Every key of the factors with its factor and column, sorted as canonical JSON sorts keys. */
function sortedSlots(factors: readonly Factor[]): { key: string; f: number; c: number }[] {
  return factors
    .flatMap((fac, f) => fac.keys.map((key, c) => ({ key, f, c })))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Fixed values, cases and grid axes as factors, with the overrides applied. */
function buildFactors(
  def: Experiment,
  objective: ObjectiveInfo | undefined,
  overrides: readonly Override[],
): Factor[] {
  const fixed = new Map<string, Factor>();
  const known = new Set<string>();
  if (objective !== undefined) {
    fixed.set(OBJECTIVE_KEY, fixedFactor(OBJECTIVE_KEY, objective.name, 'objective.name'));
    for (const [k, v] of Object.entries(objective.params))
      fixed.set(k, fixedFactor(k, v, `objective.params.${k}`));
    for (const [k, v] of Object.entries((def as OptimizerExperiment).optimizer ?? {})) {
      if (!(k in OPTION_SCHEMAS)) {
        throw invalid(
          'E_CONFIG',
          `optimizer.${k}`,
          v,
          `unknown option; expected one of ${Object.keys(OPTION_SCHEMAS).join(', ')}`,
        );
      }
      if (v !== undefined) fixed.set(k, fixedFactor(k, v as Json, `optimizer.${k}`));
    }
    for (const k of [OBJECTIVE_KEY, ...Object.keys(objective.params), ...Object.keys(OPTION_SCHEMAS)])
      known.add(k);
  } else {
    for (const [k, v] of Object.entries((def as FunctionExperiment).params ?? {}))
      fixed.set(k, fixedFactor(k, v, `params.${k}`));
  }

  const axes: Factor[] = Object.entries(def.grid ?? {}).map(([k, vs]) =>
    axisFactor(k, vs, (i) => `grid.${k}[${i}]`),
  );
  let cases: Factor | undefined;
  if (def.cases !== undefined) {
    const keys = [...new Set(def.cases.flatMap((c) => Object.keys(c)))];
    cases = {
      keys,
      rows: def.cases.map((c) => keys.map((k) => c[k])),
      origins: def.cases.map((_, i) => keys.map((k) => `cases[${i}].${k}`)),
    };
  }
  if (objective === undefined) {
    for (const k of fixed.keys()) known.add(k);
    for (const a of axes) known.add(a.keys[0]!);
    for (const k of cases?.keys ?? []) known.add(k);
  } else {
    for (const a of axes) {
      const k = a.keys[0]!;
      if (!known.has(k)) throw invalid('E_CONFIG', `grid.${k}`, def.grid?.[k], unknownKeyWhy(known));
    }
    for (const [i, c] of (def.cases ?? []).entries()) {
      for (const k of Object.keys(c)) {
        if (!known.has(k)) throw invalid('E_CONFIG', `cases[${i}].${k}`, c[k], unknownKeyWhy(known));
      }
    }
  }
  for (const a of axes) {
    const k = a.keys[0]!;
    if (cases?.keys.includes(k)) throw invalid('E_CONFIG', `grid.${k}`, def.grid?.[k], 'also set in cases');
    fixed.delete(k);
  }
  if (cases !== undefined) {
    // A key set by some cases takes the fixed value in the others.
    cases.keys.forEach((k, c) => {
      const f = fixed.get(k);
      if (f === undefined) return;
      cases.rows.forEach((row, r) => {
        if (row[c] === undefined) {
          row[c] = f.rows[0]![0];
          cases.origins[r]![c] = f.origins[0]![0]!;
        }
      });
      fixed.delete(k);
    });
  }

  for (const o of overrides) {
    if (!known.has(o.key))
      throw invalid(
        'E_OVERRIDE',
        `override ${o.key}`,
        o.values.length === 1 ? o.values[0] : o.values,
        unknownKeyWhy(known),
      );
    if (objective === undefined) {
      const existing = [...fixed.values(), ...axes, ...(cases === undefined ? [] : [cases])].flatMap((f) => {
        const c = f.keys.indexOf(o.key);
        return c < 0 ? [] : f.rows.map((r) => r[c]);
      });
      checkKinds(o, existing);
    }
    fixed.delete(o.key);
    const at = axes.findIndex((a) => a.keys[0] === o.key);
    if (cases?.keys.includes(o.key)) {
      const c = cases.keys.indexOf(o.key);
      cases.keys.splice(c, 1);
      for (const row of cases.rows) row.splice(c, 1);
      for (const row of cases.origins) row.splice(c, 1);
    }
    const origin = (i: number): string => `override ${o.key}${o.values.length > 1 ? `[${i}]` : ''}`;
    if (o.values.length === 1 && at < 0) fixed.set(o.key, fixedFactor(o.key, o.values[0]!, origin(0)));
    else if (at >= 0) axes[at] = axisFactor(o.key, o.values, origin);
    else axes.push(axisFactor(o.key, o.values, origin));
  }
  if (objective !== undefined) {
    const hasX0 = fixed.has('x0') || axes.some((a) => a.keys[0] === 'x0') || cases?.keys.includes('x0');
    if (!hasX0) throw invalid('E_CONFIG', 'x0', undefined, 'required: set it in optimizer, grid or cases');
    if (cases?.keys.includes('x0')) {
      const c = cases.keys.indexOf('x0');
      cases.rows.forEach((row, r) => {
        if (row[c] === undefined) throw invalid('E_CONFIG', `cases[${r}].x0`, undefined, 'required');
      });
    }
  }
  return [...fixed.values(), ...(cases === undefined || cases.keys.length === 0 ? [] : [cases]), ...axes];
}

function unknownKeyWhy(known: ReadonlySet<string>): string {
  return `unknown key; expected one of ${[...known].join(', ')}`;
}

/** Checks every option value once with its schema (and `objective` names are strings). */
function checkOptionValues(factors: readonly Factor[], objKeys: readonly string[]): void {
  const name = z.string().min(1);
  for (const f of factors) {
    f.keys.forEach((k, c) => {
      const schema = k === OBJECTIVE_KEY ? name : OPTION_SCHEMAS[k];
      if (schema === undefined || objKeys.includes(k)) return;
      f.rows.forEach((row, r) => {
        if (row[c] === undefined) return;
        // x0 is the axis with 10⁴ values: a vector of finite numbers passes its schema without zod.
        if (k === 'x0' && isFiniteVector(row[c])) return;
        const origin = f.origins[r]![c]!;
        parseOrThrow(schema, row[c], origin.startsWith('override') ? 'E_OVERRIDE' : 'E_CONFIG', origin);
      });
    });
  }
}

/** What `OPTION_SCHEMAS.x0` accepts: a non-empty array of finite numbers. */
function isFiniteVector(v: Json): boolean {
  if (!Array.isArray(v) || v.length === 0) return false;
  for (const e of v) if (typeof e !== 'number' || !Number.isFinite(e)) return false;
  return true;
}

function kind(v: Json | undefined): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

/** Function experiments: an override's values must be of a kind (number, string, …) the key already takes. */
function checkKinds(o: Override, existing: readonly (Json | undefined)[]): void {
  const kinds = new Set(existing.filter((v) => v !== undefined).map(kind));
  o.values.forEach((v, i) => {
    if (!kinds.has(kind(v))) {
      const path = `override ${o.key}${o.values.length > 1 ? `[${i}]` : ''}`;
      throw invalid(
        'E_OVERRIDE',
        path,
        v,
        `expected ${[...kinds].join(' or ')}, as the experiment gives ${o.key}`,
      );
    }
  });
}

/**
 * Builds the objective for each distinct combination of objective parameters, checks x0 against its
 * dimension and lets `minimize` check each distinct combination of categorical options (on a stub
 * problem, zero steps). Returns the common dimension, if any.
 */
function checkCombinations(
  factors: readonly Factor[],
  objective: ObjectiveInfo,
  objKeys: readonly string[],
): number | undefined {
  const relevant = new Set([
    OBJECTIVE_KEY,
    ...objKeys,
    ...Object.keys(OPTION_SCHEMAS).filter((k) => !NUMERIC_OPTIONS.has(k)),
  ]);
  // Per factor, one representative row per distinct projection onto the relevant keys (x0 by length).
  const reps = factors.map((f) => {
    const cols = f.keys.map((k, c) => [k, c] as const).filter(([k]) => relevant.has(k));
    if (cols.length === 0) return [0];
    const seen = new Map<string, number>();
    f.rows.forEach((row, r) => {
      const key = JSON.stringify(
        cols.map(([k, c]) =>
          k === 'x0' && Array.isArray(row[c]) ? (row[c] as Json[]).length : (row[c] ?? null),
        ),
      );
      if (!seen.has(key)) seen.set(key, r);
    });
    return [...seen.values()];
  });
  const objectives = new Map<string, ProblemWithDim>();
  const dims = new Set<number | undefined>();
  const idx = new Array<number>(factors.length).fill(0);
  for (;;) {
    const rows = idx.map((i, f) => reps[f]![i]!);
    const point: Record<string, Json> = {};
    const origin: Record<string, string> = {};
    factors.forEach((f, fi) => {
      f.keys.forEach((k, c) => {
        const v = f.rows[rows[fi]!]![c];
        if (v !== undefined) {
          point[k] = v;
          origin[k] = f.origins[rows[fi]!]![c]!;
        }
      });
    });
    const name = point[OBJECTIVE_KEY] as string;
    const objParams = pickParams(point, objKeys);
    const okey = canonicalJson([name, objParams]);
    let problem = objectives.get(okey);
    if (problem === undefined) {
      try {
        problem = buildObjective(objective, name, objParams);
      } catch (e) {
        throw blame(e, origin, objKeys.length > 0 ? objKeys : [OBJECTIVE_KEY], point);
      }
      objectives.set(okey, problem);
    }
    const x0 = point.x0 as number[];
    if (problem.dim !== undefined && x0.length !== problem.dim) {
      const o = origin.x0!;
      throw invalid(
        o.startsWith('override') ? 'E_OVERRIDE' : 'E_CONFIG',
        o,
        x0,
        `expected ${problem.dim} coordinates for ${name}`,
      );
    }
    dims.add(problem.dim);
    dryRun(problem, point, objKeys, origin);
    let f = factors.length - 1;
    for (; f >= 0; f--) {
      if (++idx[f]! < reps[f]!.length) break;
      idx[f] = 0;
    }
    if (f < 0) break;
  }
  return dims.size === 1 ? [...dims][0] : undefined;
}

/** Runs `minimize` for zero steps on a stub with the problem's shape: it rejects bad option combinations. */
function dryRun(
  problem: ProblemWithDim,
  point: Params,
  objKeys: readonly string[],
  origin: Record<string, string>,
): void {
  const n = (point.x0 as number[]).length;
  const stub = {
    f: () => 0,
    grad:
      problem.grad === undefined
        ? undefined
        : (_x: Float64Array, out?: Float64Array) => (out ?? new Float64Array(n)).fill(0),
    hess:
      problem.hess === undefined ? undefined : () => ({ rows: n, cols: n, data: new Float64Array(n * n) }),
  };
  const opts: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(point))
    if (k !== OBJECTIVE_KEY && k !== 'x0' && !objKeys.includes(k)) opts[k] = v;
  try {
    minimize(stub, Float64Array.from(point.x0 as number[]), { ...opts, maxIter: 0 });
  } catch (e) {
    const m = /^invalid ([A-Za-z0-9_]+)/.exec((e as Error).message);
    throw blame(e, origin, m ? [m[1]!] : [], point);
  }
}

/** A RunnerError for an error thrown while checking a point, pointing at the field it names. */
function blame(
  e: unknown,
  origin: Record<string, string>,
  keys: readonly string[],
  point: Params,
): RunnerError {
  const msg = (e as Error).message ?? String(e);
  const key = keys.find((k) => origin[k] !== undefined);
  const path = key === undefined ? 'configuration' : origin[key]!;
  const code = path.startsWith('override') ? 'E_OVERRIDE' : 'E_CONFIG';
  const value = key === undefined ? undefined : point[key];
  return new RunnerError(code, `invalid ${path}: ${msg} (at ${canonicalJson(point)})`, { path, value });
}

/** `canon[f][r][c]`: canonical JSON of factor f's row r, column c (null: not set by the row). */
type Canon = readonly (readonly (readonly (string | null)[])[])[];

/** Whether a factor's rows (as canonical JSON) are distinct. */
function distinctRows(rows: Canon[number]): boolean {
  return new Set(rows.map((r) => `[${r.map((v) => v ?? 'null').join(',')}]`)).size === rows.length;
}

/** Keys with more than one distinct value, in factor order. */
function sweptKeys(factors: readonly Factor[], canon: Canon): string[] {
  const out: string[] = [];
  factors.forEach((f, fi) => {
    f.keys.forEach((k, c) => {
      const distinct = new Set(canon[fi]!.map((r) => r[c] ?? ''));
      if (distinct.size > 1) out.push(k);
    });
  });
  return out;
}

/** Does a point match a filter? Clauses on keys the point lacks (result fields) are ignored here. */
function matchesParams(point: Params, where: Where | undefined): boolean {
  if (where === undefined) return true;
  for (const [k, cond] of Object.entries(where)) {
    if (!(k in point)) continue;
    const v = canonicalJson(point[k]);
    const allowed =
      cond !== null && typeof cond === 'object' && !Array.isArray(cond) && 'in' in cond
        ? (cond.in as readonly Json[])
        : [cond as Json];
    if (!allowed.some((a) => canonicalJson(a) === v)) return false;
  }
  return true;
}

/** Indices (grid order) of the points whose trajectories some plot draws: at most `maxRuns` per plot, evenly. */
function trajectoryPoints(factors: readonly Factor[], plots: readonly PlotSpec[]): Set<number> {
  const wanted = plots.filter(
    (p) => (p.type === 'contour' && p.trajectories !== false) || p.type === 'convergence',
  ) as { where?: Where; maxRuns?: number; type: string }[];
  const chosen = new Set<number>();
  if (wanted.length === 0) return chosen;
  const space = new PointSpace(factors);
  const matches = wanted.map(() => [] as number[]);
  let k = 0;
  space.forEach((_c, rows) => {
    const point = space.point(rows);
    wanted.forEach((p, i) => {
      if (matchesParams(point, p.where)) matches[i]!.push(k);
    });
    k++;
  });
  wanted.forEach((p, i) => {
    const m = matches[i]!;
    const max = p.maxRuns ?? (p.type === 'contour' ? 12 : 20);
    if (m.length <= max) for (const j of m) chosen.add(j);
    else for (let j = 0; j < max; j++) chosen.add(m[Math.floor((j * (m.length - 1)) / (max - 1 || 1))]!);
  });
  return chosen;
}
