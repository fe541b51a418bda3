// The objective of an optimizer experiment, shared by the planner, the workers and the report:
// the `objective` parameter names a @numcomp/core test function or the module's own problem, and the
// keys declared in `objective.params` are passed to it.
import { getTestFunction } from '@numcomp/core';
import type { Json, ObjectiveSpec, Params, ProblemWithDim } from '../types.js';

/** An objective spec in object form. */
export interface ObjectiveInfo {
  readonly name: string;
  readonly params: Params;
  readonly problem: ((params: Params) => ProblemWithDim) | undefined;
}

/** The object form of an objective spec. */
export function normalizeObjective(spec: ObjectiveSpec): ObjectiveInfo {
  if (typeof spec === 'string') return { name: spec, params: {}, problem: undefined };
  return {
    name: spec.name,
    params: spec.params ?? {},
    problem: 'problem' in spec ? spec.problem : undefined,
  };
}

/**
 * Builds the objective of a point: the module's problem when `name` is the spec's own name and it
 * has a factory, otherwise the `@numcomp/core` test function of that name.
 */
export function buildObjective(info: ObjectiveInfo, name: string, params: Params): ProblemWithDim {
  if (info.problem !== undefined && name === info.name) return info.problem(params);
  return getTestFunction(name, params as Parameters<typeof getTestFunction>[1]);
}

/** Picks the objective parameters out of a point. */
export function pickParams(point: Params, keys: readonly string[]): Params {
  const out: Record<string, Json> = {};
  for (const k of keys) if (point[k] !== undefined) out[k] = point[k];
  return out;
}

/** The parameter naming the objective in a grid, an override or a case (`objective=rosenbrock`). */
export const OBJECTIVE_KEY = 'objective';
