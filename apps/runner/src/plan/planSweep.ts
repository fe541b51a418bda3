// Plan: an experiment definition and the command line's overrides become a validated, lazily
// enumerated run space (see `space.ts`). Nothing runs or is written before every value, every
// combination of options and every x0 has been checked.
import { createHash } from 'node:crypto';
import { didYouMean, isArgumentError, testFunctions } from '@numcomp/core';
import { type Method, minimize, OPTIONS, type OptionName, type RecordOptions } from '@numcomp/optimizers';
import { z } from '#zod';
import { invalid, RunnerError } from '../errors.js';
import {
  buildObjective,
  normalizeObjective,
  OBJECTIVE_KEY,
  type ObjectiveInfo,
  pickParams,
} from '../experiment/objective.js';
import { canonicalJson } from '../format/canonicalJson.js';
import { RECORD_FIELDS } from '../format/fields.js';
import { param } from '../format/flatParams.js';
import type {
  Experiment,
  FunctionExperiment,
  Grid,
  Json,
  OptimizerExperiment,
  PackedValues,
  Params,
  PlannedRun,
  PlotSpec,
  ProblemWithDim,
  RunSpace,
  Where,
} from '../types.js';
import { plotsOf } from './defaultPlots.js';
import { axisFactor, cellOf, type Factor, fixedFactor, packedAxisFactor } from './factors.js';
import { DEFAULT_MAX_RUNS } from './limits.js';
import { type Override, overrideCount } from './parseOverride.js';
import { relaxPlots } from './relaxPlots.js';
import { runIdOfText } from './runId.js';
import { OPTION_SCHEMAS, parseOrThrow, SWEEPABLE, validateExperiment } from './schema.js';
import { PART, SpaceWalker } from './space.js';
import { functionSweepPlots, type SweptAxis, sweepPlots, sweptAxes } from './sweepPlots.js';
import { isPacked, PACK_ROWS, packedDistinct, packedVaries, packValuesOnce } from './values.js';

/** Everything a sweep needs to run an experiment: validated, expanded, ready to hash. */
export interface SweepPlan {
  readonly experiment: Experiment;
  /** The runs, described by the grid (workers build and hash them). */
  readonly space: RunSpace;
  /** Distinct runs: `space.count`. */
  readonly count: number;
  /** Parameters taking more than one value, in grid order: the report's main axes. */
  readonly swept: readonly string[];
  /** Options given several values that no method of the sweep uses: no run has them. */
  readonly unused: readonly string[];
  /** Dimension of the objective when every point has the same one. */
  readonly dim: number | undefined;
  /** Trajectory thinning for runs that record one. */
  readonly trajectory: RecordOptions;
  /** Per-run time limit, ms. */
  readonly timeout: number;
  /** Runs per worker task. */
  readonly batchSize: number;
  /** The plots of an optimizer sweep (its own, or the defaults); a function sweep's are chosen from its records. */
  readonly plots: readonly PlotSpec[] | undefined;
  /** The sweep section: generic plots over what was swept (optimizer sweeps; empty otherwise). */
  readonly sweepPlots: readonly PlotSpec[];
  /** The swept parameters with their distinct values. */
  readonly axes: readonly SweptAxis[];
  /** The values a parameter takes in this sweep (its axis, or its one value), for messages. */
  readonly valuesOf: (key: string) => readonly Json[];
  /**
   * The overrides that made it, as `key=values` text (a long list of values as its count and a hash:
   * the values themselves are not kept, 10⁵ points weigh 20 MB).
   */
  readonly overrides: readonly string[];
  /** Run `i`'s parameters as an object (nested for an optimizer sweep); cells are shared: read-only. */
  readonly paramsOf: (i: number) => Params;
  /** Run `i`: its id, canonical params and whether it records a trajectory (hashed on each call). */
  readonly runAt: (i: number) => PlannedRun;
}

export { DEFAULT_MAX_RUNS } from './limits.js';

/** Options of {@link planSweep}. */
export interface PlanOptions {
  /** The most runs a sweep may have (default {@link DEFAULT_MAX_RUNS}). */
  readonly maxRuns?: number;
  /** Per-run time limit in ms, overriding the experiment's. */
  readonly timeout?: number;
  /** Digest of the experiment's code (part of every run id; see `codeDigest`). Default `''`. */
  readonly code?: string;
  /**
   * Rows from which an axis of numbers (or of numeric vectors of one length) is kept as numbers, not
   * texts (default {@link PACK_ROWS}; `Infinity`: never). The runs are the same either way.
   */
  readonly packRows?: number;
}

const DEFAULT_TIMEOUT = 30_000;
const DEFAULT_BATCH = 100;
const NUMERIC: ReadonlySet<string> = new Set(
  SWEEPABLE.filter((k) => OPTIONS[k].kind === 'number' || OPTIONS[k].kind === 'integer'),
);

/**
 * Validates an experiment definition and command-line overrides and describes the sweep's runs,
 * before anything runs or is written. Every value is checked once per axis (not once per point)
 * with the optimizers' own option checks, the objective is built for each distinct set of its
 * parameters, `x0` is checked against its dimension, and `minimize` checks each distinct combination
 * of categorical options on a stub problem. An option a run's method does not use is left out of the
 * run; an override or grid axis that no run uses is an error.
 *
 * @param definition - An experiment definition (as a module default-exports it).
 * @param overrides - Parsed `key=value` overrides: each replaces that key's values everywhere.
 * @param options - A per-run time limit overriding the experiment's, and the code digest.
 * @returns The plan.
 * @throws RunnerError `E_CONFIG` / `E_OVERRIDE` naming the field path and value.
 * @example
 * ```ts
 * const plan = planSweep(experiment, parseOverrides(['lr=logspace(-3,0,30)']));
 * plan.count; // 30 × the other axes
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
      if (k === OBJECTIVE_KEY || k === 'x0' || k in OPTIONS) {
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
  if (factors.some((f) => f.size === 0))
    throw invalid('E_CONFIG', 'grid', def.grid, 'the grid has no points (an empty axis)');
  // Counted, not built: a grid of 10¹² points is refused before it costs anything.
  const size = factors.reduce((n, f) => n * f.size, 1);
  const maxRuns = options.maxRuns ?? DEFAULT_MAX_RUNS;
  if (size > maxRuns) {
    const axes = factors
      .filter((f) => f.size > 1)
      .map((f) => `${f.keys.length === 1 ? f.keys[0] : `cases (${f.keys.join(', ')})`}: ${f.size}`);
    throw new RunnerError(
      overrides.length > 0 ? 'E_OVERRIDE' : 'E_CONFIG',
      `the sweep has ${size < 1e9 ? size.toLocaleString('en-US') : size.toExponential(2).replace('e+', 'e')} runs (${axes.join(' × ')}), more than --max-runs ${maxRuns}: ` +
        'shrink an axis, or raise the cap with --max-runs N',
      { path: 'grid', value: size },
    );
  }
  const dim = objective === undefined ? undefined : checkCombinations(factors, objective, objKeys);
  if (objective !== undefined) {
    checkUsed(factors);
    checkPlotFields(def.plots ?? [], factors);
  }
  // Canonical JSON of every cell, computed once (a 100 × 100 grid of x0 has 10⁴); an axis of many
  // numeric values is kept as numbers instead (a 1,000 × 1,000 grid of x0: see `values.ts`).
  const packRows = options.packRows ?? PACK_ROWS;
  const canon: Canon = factors.map((f) => factorCanon(f, packRows));
  const points = factors.reduce((n, f) => n * f.size, 1);
  const base = runSpace(def.id, options.code ?? '', factors, canon, objective !== undefined, objKeys, points);
  // Options given several values that no method of the sweep uses (lr under method=bfgs) are in no run:
  // not swept, and named to the report (a plot over them cannot be drawn).
  const given = sweptKeys(factors, canon);
  const unused = objective === undefined ? [] : given.filter((k) => !usedBySome(base, k));
  const swept = given.filter((k) => !unused.includes(k));
  const axes = sweptAxes(factors, swept);
  const own = objective === undefined ? def.plots : plotsOf(def, swept, dim);
  // A filter the overrides left without values is planned for the nearest ones (trajectories too).
  const plots =
    own === undefined || overrides.length === 0 ? own : relaxPlots(own, (k) => valuesIn(factors, k));
  const chosenPoints = plots === undefined ? [] : trajectoryPoints(factors, plots);
  const rowsDistinct = canon.every((rows, f) => factors[f]!.distinct === true || distinctRows(rows));
  const distinct = collapses(base, factors, rowsDistinct)
    ? distinctPoints(base, chosenPoints, rowsDistinct)
    : undefined;
  const positions = distinct?.positions;
  const count = positions === undefined ? points : positions.length;
  const chosen = distinct === undefined ? chosenPoints : distinct.chosen;
  const space: RunSpace = { ...base, count, chosen, ...(positions === undefined ? {} : { positions }) };
  const timeout = options.timeout ?? def.timeout ?? DEFAULT_TIMEOUT;
  return {
    experiment: def,
    space,
    count,
    swept,
    dim,
    trajectory: (def.run === undefined ? def.trajectory : undefined) ?? { max: 100 },
    timeout,
    batchSize: def.batchSize ?? DEFAULT_BATCH,
    plots,
    sweepPlots: objective === undefined ? functionSweepPlots(axes) : sweepPlots(axes),
    axes,
    unused,
    overrides: overrides.map(overrideText),
    ...readers(space, axes),
  };
}

/**
 * The plan's readers of its runs. Made outside `planSweep`, whose closures would keep its whole scope
 * alive (the factors' rows, their origins and canonical cells: ~30 MB for 10⁵ starts) for the sweep.
 */
function readers(
  space: RunSpace,
  axes: readonly SweptAxis[],
): Pick<SweepPlan, 'valuesOf' | 'paramsOf' | 'runAt'> {
  const walker = new SpaceWalker(space);
  return {
    valuesOf: (key) => {
      const a = axes.find((x) => x.key === key);
      if (a !== undefined) return a.values;
      if (space.count === 0) return [];
      walker.seek(0);
      const v = param(walker.params(), key);
      return v === undefined ? [] : [v];
    },
    paramsOf: (i) => {
      walker.seek(i);
      return walker.params();
    },
    runAt: (i) => {
      walker.seek(i);
      return walker.run();
    },
  };
}

/** The grid as a run space: keys in canonical order, with the canonical JSON of each row of each key. */
function runSpace(
  experiment: string,
  code: string,
  factors: readonly Factor[],
  canon: Canon,
  nested: boolean,
  objKeys: readonly string[],
  points: number,
): Omit<RunSpace, 'count' | 'chosen' | 'positions'> {
  const partOf = (k: string): number =>
    !nested
      ? PART.flat
      : k === OBJECTIVE_KEY
        ? PART.name
        : k === 'x0'
          ? PART.x0
          : objKeys.includes(k)
            ? PART.objective
            : PART.optimizer;
  const slots = factors
    .flatMap((fac, f) => fac.keys.map((key, c) => ({ key, f, c, part: partOf(key) })))
    .sort((a, b) => a.part - b.part || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const keys = slots.map((s) => s.key);
  const owner = slots.map((s) => s.f);
  let methodKey = -1;
  let uses: number[][] = [];
  if (nested) {
    methodKey = keys.indexOf('method');
    const mf = factors[owner[methodKey]!]!;
    const mc = mf.keys.indexOf('method');
    uses = mf.rows.map((row) => {
      const method = row[mc] as Method;
      const used = new Set<string>(
        (Object.keys(OPTIONS) as OptionName[]).filter((k) => OPTIONS[k].methods.includes(method)),
      );
      return keys.map((k, j) => (slots[j]!.part !== PART.optimizer || used.has(k) ? 1 : 0));
    });
  }
  return {
    experiment,
    code,
    nested,
    keys,
    part: slots.map((s) => s.part),
    owner,
    values: slots.map(({ f, c }) => {
      const rows = canon[f]!;
      return isPacked(rows) ? rows : rows.map((row) => row[c]!);
    }),
    sizes: factors.map((f) => f.size),
    points,
    methodKey,
    uses,
  };
}

/**
 * Whether two grid points may have equal params: a factor repeats a row, or an option that takes
 * several values is left out of the runs of some method.
 */
function collapses(
  space: Omit<RunSpace, 'count' | 'chosen' | 'positions'>,
  factors: readonly Factor[],
  rowsDistinct: boolean,
): boolean {
  if (!rowsDistinct) return true;
  if (!space.nested) return false;
  return space.keys.some((_, j) => factors[space.owner[j]!]!.size >= 2 && usage(space, j) !== 'all');
}

/**
 * How the sweep's methods use key j: every one, some, or none of them (a key that is not an option of
 * the method: 'all').
 */
function usage(space: Omit<RunSpace, 'count' | 'chosen' | 'positions'>, j: number): 'all' | 'some' | 'none' {
  if (space.part[j] !== PART.optimizer) return 'all';
  let used = 0;
  for (const u of space.uses) if (u[j] === 1) used++;
  return used === space.uses.length ? 'all' : used === 0 ? 'none' : 'some';
}

/** Whether some run can hold `key`: not an option that no method of the sweep uses. */
function usedBySome(space: Omit<RunSpace, 'count' | 'chosen' | 'positions'>, key: string): boolean {
  const j = space.keys.indexOf(key);
  return j < 0 || usage(space, j) !== 'none';
}

/** Grid points whose params differ from every earlier point's (by id), in order. */
function distinctPoints(
  space: Omit<RunSpace, 'count' | 'chosen' | 'positions'>,
  chosenPoints: readonly number[],
  rowsDistinct: boolean,
): { positions: Int32Array; chosen: number[] } {
  const walker = new SpaceWalker({ ...space, count: space.points, chosen: [] });
  const { sizes } = space;
  // A factor that holds only options no method of the sweep uses (lr under bfgs) gives every row the
  // params of its first: only points on its first row are walked (hashing the others cost ~2.5 µs a
  // point: 2.5 s for lr × 90,000 starts under bfgs), and a point off it stands for the point on it.
  const dead = sizes.map(
    (n, f) =>
      n > 1 &&
      space.nested &&
      space.owner[space.methodKey] !== f &&
      space.owner.every((o, j) => o !== f || usage(space, j) === 'none'),
  );
  // Strides of the points' mixed radix (the last factor fastest), and a point's point on first rows.
  const stride: number[] = new Array<number>(sizes.length);
  for (let f = sizes.length - 1, m = 1; f >= 0; f--) {
    stride[f] = m;
    m *= sizes[f]!;
  }
  const live = (k: number): number => {
    let out = k;
    for (let f = 0; f < sizes.length; f++)
      if (dead[f]) out -= (Math.floor(k / stride[f]!) % sizes[f]!) * stride[f]!;
    return out;
  };
  // The live points are all distinct when every factor's rows are and each live factor's options are
  // used by every method of the sweep (or are not options): then nothing is hashed.
  const sure = rowsDistinct && space.owner.every((f, j) => dead[f] || usage(space, j) === 'all');
  // id → its run (the first point with those params); a chosen point that repeats an earlier one's
  // params stands for that run (lbfgs ignores momentum: its point for one momentum is another's run).
  const runOf = new Map<string, number>();
  const wanted = new Set(chosenPoints.map(live));
  const chosen = new Set<number>();
  const out: number[] = [];
  // The points with every dead factor on its first row, in order: a mixed-radix count over the others.
  const digits = new Array<number>(sizes.length).fill(0);
  for (let k = 0; ; ) {
    let run = out.length;
    if (sure) out.push(k);
    else {
      walker.seekGridPoint(k);
      const id = runIdOfText(walker.text());
      const known = runOf.get(id);
      if (known === undefined) {
        runOf.set(id, run);
        out.push(k);
      } else run = known;
    }
    if (wanted.has(k)) chosen.add(run);
    let f = sizes.length - 1;
    for (; f >= 0; f--) {
      if (dead[f]) continue;
      if (digits[f]! + 1 < sizes[f]!) {
        digits[f]!++;
        k += stride[f]!;
        break;
      }
      k -= digits[f]! * stride[f]!;
      digits[f] = 0;
    }
    if (f < 0) break;
  }
  return { positions: Int32Array.from(out), chosen: [...chosen].sort((a, b) => a - b) };
}

/** Every value a key takes in the factors' rows (not capped: a filter looks for its nearest). */
function valuesIn(factors: readonly Factor[], key: string): Json[] {
  const out: Json[] = [];
  for (const f of factors) {
    const c = f.keys.indexOf(key);
    if (c < 0) continue;
    for (const row of f.rows) if (row[c] !== undefined) out.push(row[c]!);
  }
  return out;
}

/** An override as text: `lr=[0.1,1]`, or `x0=[100489 values]#3f2a9c1e` for a long list. */
function overrideText(o: Override): string {
  // More than 100 values print longer than 200 characters.
  const count = overrideCount(o);
  const json = count <= 100 ? canonicalJson(o.values as Json) : undefined;
  if (json !== undefined && json.length <= 200) return `${o.key}=${json}`;
  // Numbers are hashed as numbers (10⁶ points as JSON took 0.6 s to print and hash).
  const h = createHash('sha256');
  const packed = o.packed ?? packValuesOnce(o.values, 0);
  if (packed === undefined) h.update(json ?? canonicalJson(o.values as Json));
  else h.update(`${packed.dim}:`).update(new Uint8Array(packed.data.buffer));
  return `${o.key}=[${count} values]#${h.digest('hex').slice(0, 8)}`;
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
    const optimizer = (def as OptimizerExperiment).optimizer ?? {};
    for (const [k, v] of Object.entries(optimizer)) {
      if (!(k in OPTION_SCHEMAS)) {
        throw invalid(
          'E_CONFIG',
          `optimizer.${k}`,
          v,
          unknownKeyWhy(new Set(Object.keys(OPTION_SCHEMAS)), k),
        );
      }
      if (v !== undefined) fixed.set(k, fixedFactor(k, v as Json, `optimizer.${k}`));
    }
    // Every run names its method (the default one too), so that its options can be told apart.
    if (!fixed.has('method'))
      fixed.set('method', fixedFactor('method', 'gradient-descent', 'optimizer.method'));
    for (const k of [OBJECTIVE_KEY, ...Object.keys(objective.params), ...Object.keys(OPTION_SCHEMAS)])
      known.add(k);
  } else {
    for (const [k, v] of Object.entries((def as FunctionExperiment).params ?? {}))
      fixed.set(k, fixedFactor(k, v, `params.${k}`));
  }

  // Validated as plain JSON by the schema: the typed option values are JSON values.
  const grid = (def.grid ?? {}) as Grid;
  const defCases = def.cases as readonly Params[] | undefined;
  const axes: Factor[] = Object.entries(grid).map(([k, vs]) => axisFactor(k, vs, (i) => `grid.${k}[${i}]`));
  let cases: Factor | undefined;
  // The cases' origins, a few: kept as texts, edited below with the cases' keys.
  let caseOrigins: string[][] = [];
  if (defCases !== undefined) {
    const keys = [...new Set(defCases.flatMap((c) => Object.keys(c)))];
    caseOrigins = defCases.map((_, i) => keys.map((k) => `cases[${i}].${k}`));
    const origins = caseOrigins;
    cases = {
      keys,
      size: defCases.length,
      rows: defCases.map((c) => keys.map((k) => c[k])),
      origin: (r, c) => origins[r]![c]!,
    };
  }
  if (objective === undefined) {
    for (const k of fixed.keys()) known.add(k);
    for (const a of axes) known.add(a.keys[0]!);
    for (const k of cases?.keys ?? []) known.add(k);
  } else {
    for (const a of axes) {
      const k = a.keys[0]!;
      if (!known.has(k)) throw invalid('E_CONFIG', `grid.${k}`, def.grid?.[k], unknownKeyWhy(known, k));
    }
    for (const [i, c] of (def.cases ?? []).entries()) {
      for (const k of Object.keys(c)) {
        if (!known.has(k)) throw invalid('E_CONFIG', `cases[${i}].${k}`, c[k], unknownKeyWhy(known, k));
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
          caseOrigins[r]![c] = f.origin(0, 0);
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
        unknownKeyWhy(known, o.key),
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
      for (const row of caseOrigins) row.splice(c, 1);
    }
    const count = overrideCount(o);
    const origin = (i: number): string => `override ${o.key}${count > 1 ? `[${i}]` : ''}`;
    if (count === 1 && at < 0) fixed.set(o.key, fixedFactor(o.key, o.values[0]!, origin(0)));
    else {
      const axis =
        o.packed === undefined
          ? axisFactor(o.key, o.values, origin)
          : packedAxisFactor(o.key, o.packed, o.distinct ?? false, origin);
      if (at >= 0) axes[at] = axis;
      else axes.push(axis);
    }
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

/**
 * The origin of column `c`'s first cell if an override set it. A column comes from one place: an axis
 * or a fixed value from the experiment or from an override, the cases from the experiment (an override
 * of a key takes it out of the cases).
 */
function overrideOrigin(f: Factor, c: number): string | undefined {
  const r = f.packed !== undefined ? 0 : f.rows.findIndex((row) => row[c] !== undefined);
  const o = r < 0 ? undefined : f.origin(r, c);
  return o?.startsWith('override') ? o : undefined;
}

function unknownKeyWhy(known: ReadonlySet<string>, key: string): string {
  const near = didYouMean(key, known);
  return near !== undefined
    ? `unknown key; did you mean ${near}?`
    : `unknown key; expected one of ${[...known].join(', ')}`;
}

/** Checks every option value once with its schema (and `objective` names are strings). */
function checkOptionValues(factors: readonly Factor[], objKeys: readonly string[]): void {
  const name = z.string().min(1);
  for (const f of factors) {
    f.keys.forEach((k, c) => {
      const schema = k === OBJECTIVE_KEY ? name : OPTION_SCHEMAS[k];
      if (schema === undefined || objKeys.includes(k)) return;
      // Packed starts are vectors of finite numbers by construction (a dimension of 0 fails below).
      if (k === 'x0' && f.packed !== undefined && f.packed.dim > 0) return;
      f.rows.forEach((row, r) => {
        if (row[c] === undefined) return;
        // x0 is the axis with 10⁴ values: a vector of finite numbers passes its schema without zod.
        if (k === 'x0' && isFiniteVector(row[c])) return;
        const origin = f.origin(r, c);
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
    ...Object.keys(OPTION_SCHEMAS).filter((k) => !NUMERIC.has(k)),
  ]);
  // Per factor, one representative row per distinct projection onto the relevant keys (x0 by length).
  const reps = factors.map((f) => {
    const cols = f.keys.map((k, c) => [k, c] as const).filter(([k]) => relevant.has(k));
    if (cols.length === 0) return [0];
    // Packed starts all have the packed length: one row stands for them.
    if (f.packed !== undefined && f.keys[0] === 'x0' && f.packed.dim > 0) return [0];
    const seen = new Map<string | number | boolean | null, number>();
    const projection = (k: string, v: Json | undefined): Json =>
      k === 'x0' && Array.isArray(v) ? v.length : (v ?? null);
    // One column: its projection is the key when it is a scalar (an axis of 10⁶ starts: no text per row).
    const [k0, c0] = cols[0]!;
    f.rows.forEach((row, r) => {
      const p = cols.length === 1 ? projection(k0, row[c0]) : undefined;
      const key =
        p !== undefined && (p === null || typeof p !== 'object')
          ? p
          : JSON.stringify(cols.map(([k, c]) => projection(k, row[c])));
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
        const v = cellOf(f, rows[fi]!, c);
        if (v !== undefined) {
          point[k] = v;
          origin[k] = f.origin(rows[fi]!, c);
        }
      });
    });
    const name = point[OBJECTIVE_KEY] as string;
    const objParams = pickParams(point, objKeys);
    const okey = canonicalJson([name, objParams]);
    let problem = objectives.get(okey);
    if (problem === undefined) {
      // An unknown name is the objective's fault (an override objective=nosuch), not its parameters'.
      if (
        !(objective.problem !== undefined && name === objective.name) &&
        !Object.hasOwn(testFunctions, name)
      ) {
        const known = [
          ...(objective.problem !== undefined ? [objective.name] : []),
          ...Object.keys(testFunctions),
        ];
        const near = didYouMean(name, known);
        const o = origin[OBJECTIVE_KEY] ?? 'objective';
        throw invalid(
          o.startsWith('override') ? 'E_OVERRIDE' : 'E_CONFIG',
          o,
          name,
          `unknown objective${near ? `; did you mean ${near}?` : ''} (expected one of ${known.join(', ')})`,
        );
      }
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
  const method = point.method as Method;
  const opts: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(point)) {
    if (k === OBJECTIVE_KEY || k === 'x0' || objKeys.includes(k)) continue;
    // An option the method does not use is left out of its runs (see `space.ts`).
    if (OPTIONS[k as OptionName]?.methods.includes(method)) opts[k] = v;
  }
  try {
    minimize(stub, Float64Array.from(point.x0 as number[]), { ...opts, maxIter: 0 });
  } catch (e) {
    throw blame(e, origin, isArgumentError(e) ? [e.option.replace(/[.[].*$/, '')] : [], point);
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

/**
 * `canon[f][r][c]`: canonical JSON of factor f's row r, column c (null: not set by the row); or a
 * one-key factor's values, packed.
 */
type Canon = readonly (readonly (readonly (string | null)[])[] | PackedValues)[];

/** A factor's `canon`: packed when it is one axis of at least `packRows` numbers or numeric points. */
function factorCanon(f: Factor, packRows: number): Canon[number] {
  if (f.packed !== undefined) return f.packed;
  const packed =
    f.keys.length === 1 && f.size >= packRows
      ? packValuesOnce(f.values ?? f.rows.map((row) => row[0]), packRows)
      : undefined;
  return packed ?? f.rows.map((row) => row.map((v) => (v === undefined ? null : canonicalJson(v))));
}

/** Whether a factor's rows (as canonical JSON) are distinct. */
function distinctRows(rows: Canon[number]): boolean {
  if (isPacked(rows)) return packedDistinct(rows);
  const seen = new Set<string | null>();
  for (const r of rows) {
    // A one-key row is its own key (no string built per row: an axis may have 10⁵ values).
    const k = r.length === 1 ? r[0]! : `[${r.map((v) => v ?? 'null').join(',')}]`;
    if (seen.has(k)) return false;
    seen.add(k);
  }
  return true;
}

/** Keys with more than one distinct value, in factor order. */
function sweptKeys(factors: readonly Factor[], canon: Canon): string[] {
  const out: string[] = [];
  factors.forEach((f, fi) => {
    f.keys.forEach((k, c) => {
      const rows = canon[fi]!;
      if (isPacked(rows)) {
        if (packedVaries(rows)) out.push(k);
        return;
      }
      const first = rows[0]?.[c] ?? '';
      if (rows.some((r) => (r[c] ?? '') !== first)) out.push(k);
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

/**
 * Grid points (ascending) whose trajectories some plot draws: at most `maxRuns` per plot, evenly
 * spread over the points its `where` matches. A filter is a product of row sets, one per factor, so the
 * matching points are counted and picked without visiting the grid.
 */
function trajectoryPoints(factors: readonly Factor[], plots: readonly PlotSpec[]): number[] {
  const wanted = plots.filter(
    (p) => (p.type === 'contour' && p.trajectories !== false) || p.type === 'convergence',
  ) as { where?: Where; maxRuns?: number; type: string }[];
  const chosen = new Set<number>();
  const sizes = factors.map((f) => f.size);
  for (const p of wanted) {
    // Per factor, the rows that the filter's clauses on its keys allow.
    // A packed axis the filter does not name allows every row (undefined: not listed).
    const allowed = factors.map((f) =>
      f.packed !== undefined && !Object.hasOwn(p.where ?? {}, f.keys[0]!)
        ? undefined
        : f.rows
            .map((row, r) => {
              const point: Record<string, Json> = {};
              f.keys.forEach((k, c) => {
                if (row[c] !== undefined) point[k] = row[c]!;
              });
              return matchesParams(point, p.where) ? r : -1;
            })
            .filter((r) => r >= 0),
    );
    const total = allowed.reduce((n, a, f) => n * (a === undefined ? sizes[f]! : a.length), 1);
    if (total === 0) continue;
    const max = Math.min(total, p.maxRuns ?? (p.type === 'contour' ? 12 : 20));
    for (let j = 0; j < max; j++) {
      let m = max === total ? j : Math.floor((j * (total - 1)) / (max - 1 || 1));
      // The m-th matching point (mixed radix over the allowed rows, last factor fastest).
      let k = 0;
      let scale = 1;
      for (let f = factors.length - 1; f >= 0; f--) {
        const a = allowed[f];
        const n = a === undefined ? sizes[f]! : a.length;
        k += (a === undefined ? m % n : a[m % n]!) * scale;
        m = Math.floor(m / n);
        scale *= sizes[f]!;
      }
      chosen.add(k);
    }
  }
  return [...chosen].sort((a, b) => a - b);
}

/**
 * Checks that every override that sets an option of `minimize` is used by some run's method:
 * `method=newton lr=0.5` is an error (Newton takes no learning rate), while `momentum=0.5,0.9` over
 * several methods is fine (momentum applies to some of them).
 */
function checkUsed(factors: readonly Factor[]): void {
  const methods = new Set<Method>();
  for (const f of factors) {
    const c = f.keys.indexOf('method');
    if (c >= 0) for (const row of f.rows) if (row[c] !== undefined) methods.add(row[c] as Method);
  }
  for (const f of factors) {
    f.keys.forEach((k, c) => {
      const spec = OPTIONS[k as OptionName];
      if (spec === undefined || k === 'method') return;
      // Only the user's overrides: what the experiment itself sets is left out where unused.
      const origin = overrideOrigin(f, c);
      if (origin === undefined) return;
      if ([...methods].some((m) => spec.methods.includes(m))) return;
      const value = f.rows.find((r) => r[c] !== undefined)?.[c];
      const list = [...methods].join(', ');
      throw invalid(
        origin.startsWith('override') ? 'E_OVERRIDE' : 'E_CONFIG',
        origin.replace(/\[\d+\]$/, ''),
        value,
        `no run uses it: ${list} ${methods.size === 1 ? 'does' : 'do'} not use ${k}`,
      );
    });
  }
}

/**
 * Checks that an optimizer sweep's plots name fields that exist: a parameter of the sweep, a result
 * field, or `params.…`/`values.…` — with a did-you-mean (`x: 'lrate'` → lr). A typo would otherwise
 * draw "No run matches this plot." in every report.
 */
function checkPlotFields(plots: readonly PlotSpec[], factors: readonly Factor[]): void {
  const known = new Set<string>([...RECORD_FIELDS, ...factors.flatMap((f) => f.keys)]);
  const head = (path: string): string => path.split(/[.[]/)[0]!;
  const check = (path: string, where: string, value: unknown): void => {
    const h = head(path);
    if (h === 'params' || h === 'values' || known.has(h)) return;
    const near = didYouMean(h, known);
    throw invalid(
      'E_CONFIG',
      where,
      value,
      `unknown field ${h}${near ? `; did you mean ${near}?` : `; expected a parameter (${[...factors.flatMap((f) => f.keys)].join(', ')}) or a result field`}`,
    );
  };
  plots.forEach((p, i) => {
    const at = `plots[${i}]`;
    for (const k of Object.keys(p.where ?? {})) check(k, `${at}.where.${k}`, p.where![k]);
    const fields: [string, string | readonly string[] | undefined][] = [];
    if (p.type === 'heatmap') fields.push(['x', p.x], ['y', p.y], ['value', p.value], ['facet', p.facet]);
    if (p.type === 'line' || p.type === 'scatter') fields.push(['x', p.x], ['y', p.y], ['series', p.series]);
    if (p.type === 'quiver') fields.push(['x', p.x], ['y', p.y], ['u', p.u], ['v', p.v]);
    if (p.type === 'parallel') {
      p.dimensions?.forEach((d, j) => {
        fields.push([`dimensions[${j}]`, d]);
      });
      fields.push(['color', p.color]);
    }
    if (p.type === 'table') {
      fields.push(['sort', p.sort]);
      for (const [j, c] of (p.columns ?? []).entries())
        fields.push([`columns[${j}]`, typeof c === 'string' ? c : c.value]);
    }
    if ((p.type === 'contour' || p.type === 'convergence') && p.label) fields.push(['label', p.label]);
    if (p.type === 'convergence' && p.colorBy && p.colorBy !== 'run' && p.colorBy !== 'status')
      fields.push(['colorBy', p.colorBy]);
    for (const [name, v] of fields) {
      if (v === undefined) continue;
      for (const [j, path] of [v].flat().entries())
        check(path, Array.isArray(v) ? `${at}.${name}[${j}]` : `${at}.${name}`, path);
    }
  });
}
