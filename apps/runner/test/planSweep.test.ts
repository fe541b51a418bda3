import { describe, expect, it } from 'vitest';
import { RunnerError } from '../src/errors.ts';
import { defineExperiment } from '../src/experiment/defineExperiment.ts';
import { logspace } from '../src/experiment/logspace.ts';
import { pointsGrid } from '../src/experiment/pointsGrid.ts';
import { values } from '../src/experiment/values.ts';
import { flatParams } from '../src/format/flatParams.ts';
import { parseOverrides } from '../src/plan/parseOverride.ts';
import { planSweep, type SweepPlan } from '../src/plan/planSweep.ts';
import { runId, runIdOfText } from '../src/plan/runId.ts';
import { SpaceWalker } from '../src/plan/space.ts';
import type { Experiment, Params } from '../src/types.ts';

const lr = defineExperiment({
  id: 'lr',
  title: 'lr',
  description: '',
  objective: 'sphere',
  optimizer: { method: 'gradient-descent', gradient: 'numerical', maxIter: 20, lr: 0.5 },
  grid: { lr: values(0.01, 0.1, 1), x0: values([-3, 4], [2, -1]) },
});

function error(f: () => unknown): RunnerError {
  try {
    f();
  } catch (e) {
    if (!(e instanceof RunnerError)) throw e;
    return e;
  }
  throw new Error('expected a RunnerError');
}

const runsOf = (plan: SweepPlan) => Array.from({ length: plan.count }, (_, i) => plan.runAt(i));
const points = (def: unknown, args: string[] = []): Params[] =>
  runsOf(planSweep(def, parseOverrides(args))).map((r) => flatParams(JSON.parse(r.params) as Params));

describe('planSweep: grid expansion', () => {
  it('crosses the axes, first axis outermost, with fixed options and the objective in every point', () => {
    const p = points(lr);
    expect(p).toHaveLength(6);
    expect(p.map((x) => [x.lr, x.x0])).toEqual([
      [0.01, [-3, 4]],
      [0.01, [2, -1]],
      [0.1, [-3, 4]],
      [0.1, [2, -1]],
      [1, [-3, 4]],
      [1, [2, -1]],
    ]);
    expect(p[0]).toEqual({
      objective: 'sphere',
      method: 'gradient-descent',
      gradient: 'numerical',
      maxIter: 20,
      lr: 0.01,
      x0: [-3, 4],
    });
  });

  it('ids are runId(experiment, params) and params are canonical JSON', () => {
    const plan = planSweep(lr);
    for (const r of runsOf(plan)) {
      expect(r.id).toBe(runId('lr', '', JSON.parse(r.params) as Params));
      expect(r.params.indexOf('"objective"')).toBe(1); // keys sorted
      expect(JSON.parse(r.params)).toMatchObject({
        objective: { name: 'sphere', params: {} },
        optimizer: { method: 'gradient-descent' },
      });
    }
    expect(plan.swept).toEqual(['lr', 'x0']);
  });

  it('an override replaces an axis, turns a fixed option into an axis, or fixes an axis', () => {
    expect(points(lr, ['lr=logspace(-3,0,4)']).map((p) => p.lr)).toEqual([
      0.001, 0.001, 0.01, 0.01, 0.1, 0.1, 1, 1,
    ]);
    const m = points(lr, ['maxIter=1,2']);
    expect(m).toHaveLength(12);
    expect(m.slice(0, 2).map((p) => p.maxIter)).toEqual([1, 2]);
    expect(planSweep(lr, parseOverrides(['maxIter=1,2'])).swept).toEqual(['lr', 'x0', 'maxIter']);
    const one = points(lr, ['x0=[1,1]', 'lr=0.2']);
    expect(one).toHaveLength(1);
    expect(one[0]).toMatchObject({ lr: 0.2, x0: [1, 1] });
    expect(planSweep(lr, parseOverrides(['x0=[1,1]', 'lr=0.2'])).swept).toEqual([]);
  });

  it('an override may set any option of minimize the method uses, and an objective parameter', () => {
    expect(points(lr, ['method=momentum', 'momentum=0.5'])[0]).toMatchObject({
      method: 'momentum',
      momentum: 0.5,
    });
    const q = defineExperiment({
      id: 'q',
      title: 'q',
      description: '',
      objective: { name: 'ill-conditioned-quadratic', params: { kappa: 10 } },
      optimizer: { x0: [1, 1] },
    });
    expect(points(q, ['kappa=1,100']).map((p) => p.kappa)).toEqual([1, 100]);
  });

  it('cases cross the grid, take fixed values where they are silent, and equal points run once', () => {
    const c = defineExperiment({
      id: 'c',
      title: 'c',
      description: '',
      objective: 'rosenbrock',
      optimizer: { x0: [-1.2, 1], lr: 1e-3 },
      cases: [{ method: 'gradient-descent' }, { method: 'bfgs', lr: 1 }],
      grid: { maxIter: values(10, 20) },
    });
    // BFGS takes no learning rate: its runs leave lr out.
    expect(points(c).map((p) => [p.method, p.lr, p.maxIter])).toEqual([
      ['gradient-descent', 1e-3, 10],
      ['gradient-descent', 1e-3, 20],
      ['bfgs', undefined, 10],
      ['bfgs', undefined, 20],
    ]);
    // method=bfgs makes the cases equal: 2 distinct runs.
    expect(points(c, ['method=bfgs'])).toHaveLength(2);
    // An override no run uses is an error, not a silent no-op.
    expect(error(() => points(c, ['method=bfgs', 'lr=0.5'])).message).toBe(
      'invalid override lr: 0.5 (no run uses it: bfgs does not use lr)',
    );
  });

  it('options no method uses are walked on their first row only: the same runs as hashing every point', () => {
    // Every point hashed, first occurrences kept: what planning did before it skipped dead factors.
    const brute = (plan: SweepPlan): number[] => {
      const w = new SpaceWalker({ ...plan.space, count: plan.space.points, chosen: [] });
      const runOf = new Map<string, number>();
      const positions: number[] = [];
      for (let k = 0; k < plan.space.points; k++) {
        w.seekGridPoint(k);
        const id = runIdOfText(w.text());
        if (!runOf.has(id)) {
          runOf.set(id, positions.length);
          positions.push(k);
        }
      }
      return positions;
    };
    const g = defineExperiment({
      id: 'g',
      title: 'g',
      description: '',
      objective: 'rosenbrock',
      optimizer: { method: 'momentum', lr: 1e-3, maxIter: 5 },
      grid: {
        lr: values(1e-3, 1e-2, 0.1, 1),
        momentum: values(0.5, 0.9),
        x0: values([-1, 1], [0, 2], [2, 2]),
      },
      plots: [{ type: 'contour', where: { lr: 0.1, momentum: 0.9 } }],
    });
    for (const args of [
      ['method=bfgs'],
      ['method=momentum,bfgs'],
      ['method=nesterov,lbfgs', 'maxIter=3,4'],
      [],
    ]) {
      const plan = planSweep(g, parseOverrides(args));
      const want = brute(plan);
      const got =
        plan.space.positions === undefined ? want.map((_, i) => i) : Array.from(plan.space.positions);
      expect(got).toEqual(want);
      expect(plan.count).toBe(want.length);
    }
    // bfgs uses neither lr nor momentum: 3 runs, and the contour's point (lr 0.1, momentum 0.9) is the
    // run its params name.
    const bfgs = planSweep(g, parseOverrides(['method=bfgs']));
    expect(bfgs.count).toBe(3);
    expect(runsOf(bfgs).filter((r) => r.trajectory)).toHaveLength(3);
    expect(Array.from(bfgs.space.positions!)).toEqual([0, 1, 2]);
  });

  it('a grid point list with repeats runs each distinct point once', () => {
    expect(points(lr, ['lr=0.1,0.1,0.2'])).toHaveLength(4);
  });

  it('function experiments: params, grid and cases, no optimizer keys', () => {
    const f = defineExperiment({
      id: 'f',
      title: 'f',
      description: '',
      params: { n: 5 },
      grid: { c: values(1, 2) },
      run: ({ c, n }) => ({ v: (c as number) * (n as number) }),
    });
    expect(points(f)).toEqual([
      { n: 5, c: 1 },
      { n: 5, c: 2 },
    ]);
    expect(points(f, ['n=3,4'])).toHaveLength(4);
  });

  it('the bench grid: 100,000 runs, distinct ids', () => {
    const b = defineExperiment({
      id: 'b',
      title: 'b',
      description: '',
      objective: 'sphere',
      optimizer: { gradient: 'numerical', maxIter: 1000, tol: 0 },
      grid: {
        lr: logspace(-3, 0, 10),
        x0: pointsGrid(
          [
            [-4, 4],
            [-4, 4],
          ],
          100,
        ),
      },
      plots: [{ type: 'table' }],
    });
    const plan = planSweep(b);
    expect(runsOf(plan)).toHaveLength(100_000);
    expect(new Set(runsOf(plan).map((r) => r.id)).size).toBe(100_000);
    expect(runsOf(plan).some((r) => r.trajectory)).toBe(false);
  }, 60_000); // hashes 10⁵ ids: seconds on a busy machine
});

describe('planSweep: trajectories', () => {
  it('records trajectories only for the runs plots draw, at most maxRuns each, evenly', () => {
    const def: Experiment = { ...lr, plots: [{ type: 'convergence', maxRuns: 2 }] };
    const plan = planSweep(def);
    const chosen = runsOf(plan)
      .filter((r) => r.trajectory)
      .map((r) => flatParams(JSON.parse(r.params) as Params));
    expect(chosen.map((p) => [p.lr, p.x0])).toEqual([
      [0.01, [-3, 4]],
      [1, [2, -1]],
    ]);
    const where = planSweep({ ...lr, plots: [{ type: 'contour', where: { lr: { in: [0.1, 1] } } }] });
    expect(runsOf(where).filter((r) => r.trajectory)).toHaveLength(4);
    expect(
      runsOf(planSweep({ ...lr, plots: [{ type: 'contour', trajectories: false }] })).some(
        (r) => r.trajectory,
      ),
    ).toBe(false);
  });

  it('default plots of a 2-D optimizer sweep draw trajectories', () => {
    expect(runsOf(planSweep(lr)).every((r) => r.trajectory)).toBe(true);
  });
});

describe('planSweep: validation names the field and the value', () => {
  it('unknown key in an override', () => {
    const e = error(() => planSweep(lr, parseOverrides(['lrr=0.1'])));
    expect(e.code).toBe('E_OVERRIDE');
    expect(e.path).toBe('override lrr');
    expect(e.message).toBe('invalid override lrr: 0.1 (unknown key; did you mean lr?)');
    expect(error(() => planSweep(lr, parseOverrides(['zzzzz=1']))).message).toMatch(
      /^invalid override zzzzz: 1 \(unknown key; expected one of objective, .*lr/,
    );
  });

  it('negative lr in an override, and in a grid', () => {
    const e = error(() => planSweep(lr, parseOverrides(['lr=0.1,-0.5'])));
    expect(e.code).toBe('E_OVERRIDE');
    expect(e.path).toBe('override lr[1]');
    expect(e.value).toBe(-0.5);
    expect(e.message).toContain('invalid override lr[1]: -0.5 (expected a finite number > 0)');
    const g = error(() => planSweep({ ...lr, grid: { lr: [0.1, 1, -2], x0: [[1, 1]] } }));
    expect(g.code).toBe('E_CONFIG');
    expect(g.path).toBe('grid.lr[2]');
  });

  it('errors name the cell they come from: a case, a fixed value a case took, a point of a large grid', () => {
    const one = { ...lr, grid: { x0: [[1, 1]] } };
    const c = error(() => planSweep({ ...one, cases: [{ lr: 0.1 }, { lr: -1 }] }));
    expect([c.code, c.path, c.value]).toEqual(['E_CONFIG', 'cases[1].lr', -1]);
    // A case silent on lr takes the optimizer's, and an error there names where that value was written.
    const f = error(() =>
      planSweep({ ...one, optimizer: { ...lr.optimizer, lr: -2 }, cases: [{ lr: 0.1 }, { maxIter: 5 }] }),
    );
    expect([f.path, f.value]).toEqual(['optimizer.lr', -2]);
    // 250,000 starts and a bad dimension: the row's own origin, found without a text per row.
    const g = error(() =>
      planSweep(lr, parseOverrides(['x0=[1,2],pointsGrid([[-4,4],[-4,4],[0,1]],[500,500,1])'])),
    );
    expect(g.message).toBe('invalid override x0[1]: [-4, -4, 0] (expected 2 coordinates for sphere)');
  });

  it('a value of a union is judged as the alternative of its type (not zod’s bare "Invalid input")', () => {
    const bad = (patch: Record<string, unknown>): string =>
      error(() => planSweep({ ...lr, ...patch } as unknown as Experiment)).message;
    expect(bad({ objective: { name: 'quadratic', params: { kappa: Number.NaN } } })).toBe(
      'invalid objective.params.kappa: NaN (expected a finite number)',
    );
    expect(bad({ objective: { name: '' } })).toBe(
      'invalid objective.name: "" (Too small: expected string to have >=1 characters)',
    );
    expect(bad({ plots: [{ type: 'line', title: 't', x: 'lr', y: [''] }] })).toBe(
      'invalid plots[0].y[0]: "" (Too small: expected string to have >=1 characters)',
    );
    // No alternative of its type: the union's own word.
    expect(bad({ objective: 5 })).toBe('invalid objective: 5 (Invalid input)');
  });

  it('a wrong-length x0, against the objective’s dimension', () => {
    const e = error(() => planSweep(lr, parseOverrides(['x0=[1,2,3]'])));
    expect(e.code).toBe('E_OVERRIDE');
    expect(e.message).toBe('invalid override x0: [1, 2, 3] (expected 2 coordinates for sphere)');
    const g = error(() => planSweep({ ...lr, grid: { x0: [[1, 2], [3]] } }));
    expect(g.path).toBe('grid.x0[1]');
  });

  it('x0 with a non-finite or non-number entry, a bad method, a fractional maxIter', () => {
    expect(error(() => planSweep(lr, parseOverrides(['x0=[1,"a"]']))).path).toBe('override x0[1]');
    expect(error(() => planSweep(lr, parseOverrides(['method=newtonn']))).message).toMatch(
      /^invalid override method: "newtonn" \(.*newton/,
    );
    expect(error(() => planSweep(lr, parseOverrides(['maxIter=1.5']))).path).toBe('override maxIter');
  });

  it('a grid axis that is not an array, or a value in it that is not plain JSON, is named by its whole path', () => {
    const bad = (grid: Record<string, unknown>): string =>
      error(() => planSweep({ ...lr, grid } as unknown as Experiment)).message;
    expect(
      bad({
        x0: [
          [1, 2],
          [3, Number.NaN],
        ],
      }),
    ).toBe('invalid grid.x0[1][1]: NaN (expected a finite number)');
    expect(bad({ lr: 5 })).toBe('invalid grid.lr: 5 (Invalid input: expected array, received number)');
    expect(bad({ lr: null })).toBe('invalid grid.lr: null (Invalid input: expected array, received null)');
    expect(bad({ lr: [0.1, Number.POSITIVE_INFINITY] })).toBe(
      'invalid grid.lr[1]: Infinity (expected a finite number)',
    );
    expect(bad({ x0: [[1, 2], { a: [1, { b: new Map() }] }] })).toMatch(
      /^invalid grid\.x0\[1\]\.a\[1\]\.b: .* \(expected a plain JSON value\)$/,
    );
  });

  it('an unknown objective or objective parameter, and a bad parameter value', () => {
    expect(error(() => planSweep({ ...lr, objective: 'spheer' })).message).toMatch(
      /^invalid objective\.name: "spheer" \(unknown objective; did you mean sphere\? \(expected one of function-1, sphere/,
    );
    const q: Experiment = {
      ...lr,
      objective: { name: 'ill-conditioned-quadratic', params: { kappa: 10 } },
    };
    expect(error(() => planSweep(q, parseOverrides(['kappa=0.5']))).message).toMatch(
      /^invalid override kappa: invalid kappa: 0\.5 \(expected a condition number >= 1\)/,
    );
  });

  it('option combinations minimize rejects (checked on a stub, before any run)', () => {
    const e = error(() => planSweep(lr, parseOverrides(['method=momentum', 'lineSearch=grid'])));
    expect(e.path).toBe('override lineSearch');
    expect(e.message).toBe(
      'invalid override lineSearch: "grid" (no run uses it: momentum does not use lineSearch)',
    );
    const b = error(() => planSweep(lr, parseOverrides(['method=bfgs', 'lineSearch=grid'])));
    expect(b.path).toBe('override lineSearch');
  });

  it('the definition itself: unknown keys, a missing x0, both objective and run, a bad id', () => {
    expect(error(() => planSweep({ ...lr, grdi: {} })).message).toBe('invalid grdi: {} (unknown key)');
    expect(error(() => planSweep({ ...lr, optimizer: { lr: 0.1, maxIters: 3 } })).path).toBe(
      'optimizer.maxIters',
    );
    expect(error(() => planSweep({ ...lr, grid: { lr: [0.1] }, optimizer: {} })).message).toMatch(
      /^invalid x0: undefined \(required/,
    );
    expect(error(() => planSweep({ ...lr, run: () => ({}) })).message).toMatch(
      /^invalid run: .*either objective/,
    );
    expect(error(() => planSweep({ ...lr, id: 'Bad Id' })).path).toBe('id');
    expect(error(() => planSweep({ ...lr, plots: [{ type: 'heatmap', x: 'lr' }] })).path).toBe('plots[0].y');
    expect(error(() => planSweep({ ...lr, grid: { lr: [], x0: [[1, 1]] } })).message).toMatch(/no points/);
  });

  it('function experiments: an override of an unknown key, or of another kind than the key takes', () => {
    const f = defineExperiment({
      id: 'f',
      title: 'f',
      description: '',
      params: { n: 5 },
      run: () => ({}),
    });
    expect(error(() => planSweep(f, parseOverrides(['m=1']))).message).toBe(
      'invalid override m: 1 (unknown key; did you mean n?)',
    );
    expect(error(() => planSweep(f, parseOverrides(['n=abc']))).message).toBe(
      'invalid override n: "abc" (expected number, as the experiment gives n)',
    );
  });
});

describe('planSweep: plot specs name fields that exist', () => {
  it('a misspelt field or filter key is an error with a did-you-mean', () => {
    const e = error(() => planSweep({ ...lr, plots: [{ type: 'line', x: 'lrate', y: 'fun' }] }));
    expect(e.message).toBe('invalid plots[0].x: "lrate" (unknown field lrate; did you mean lr?)');
    expect(
      error(() => planSweep({ ...lr, plots: [{ type: 'contour', where: { xo: [1, 1] } }] })).message,
    ).toMatch(/^invalid plots\[0\]\.where\.xo: \[1, 1\] \(unknown field xo; did you mean x0\?\)/);
    // Parameters, indexed parameters, result fields and values.* pass.
    expect(() =>
      planSweep({
        ...lr,
        plots: [{ type: 'heatmap', x: 'lr', y: 'x0[1]', value: 'status', where: { nit: 20 } }],
      }),
    ).not.toThrow();
  });
});

describe('curated plots under overrides', () => {
  const def = defineExperiment({
    ...lr,
    plots: [
      { type: 'contour', where: { maxIter: 20, x0: [-3, 4], lr: { in: [0.01, 0.1] } } },
      { type: 'heatmap', x: 'lr', y: 'x0', value: 'status', where: { method: 'gradient-descent' } },
    ],
  });

  it('a filter the overrides left without values is planned for the nearest ones, trajectories included', () => {
    const plan = planSweep(def, parseOverrides(['maxIter=50', 'x0=[-3.1,4],[1,1]', 'lr=0.011,0.1']));
    const c = plan.plots![0]!;
    expect(c.where).toEqual({ maxIter: 50, x0: [-3.1, 4], lr: { in: [0.011, 0.1] } });
    expect(c.relaxed).toBe(
      'Drawn for maxIter = 50 and x0 = (-3.1, 4) and lr ∈ {0.011, 0.1}, the nearest this sweep has: the plot is ' +
        'meant for maxIter = 20 and x0 = (-3, 4) and lr ∈ {0.01, 0.1}, and the numbers in its title and caption ' +
        'speak of those.',
    );
    // lr 0.1 is there and stays; 0.01 is not, and its nearest, 0.011, stands in.
    const traced = plan.space.chosen.map((i) => JSON.parse(plan.runAt(i).params) as Record<string, unknown>);
    expect(traced.length).toBeGreaterThan(0);
    for (const p of traced) expect(JSON.stringify(p)).toContain('"x0":[-3.1,4]');
    // Method names do not compare: a filter on another method is left as it is.
    const m = planSweep(def, parseOverrides(['method=momentum']));
    expect(m.plots![1]!.relaxed).toBeUndefined();
    // Without overrides nothing is relaxed.
    expect(planSweep(def).plots!.every((p) => p.relaxed === undefined)).toBe(true);
  });
});

describe('trajectories of collapsed runs', () => {
  it('a chosen point whose params repeat an earlier one (an option its method ignores) records that run', () => {
    const def = defineExperiment({
      id: 'c',
      title: 'c',
      description: '',
      objective: 'sphere',
      optimizer: { maxIter: 5, x0: [1, 2] },
      // bfgs ignores momentum: its two points are one run, and the contour's last pick is the repeat.
      grid: { momentum: values(0.5, 0.9), method: values('momentum', 'bfgs') },
      // Two of the four points, evenly: the first and the last, which repeats the second.
      plots: [{ type: 'contour', maxRuns: 2 }],
    });
    const plan = planSweep(def);
    expect(plan.count).toBe(3);
    const methods = plan.space.chosen.map((i) => JSON.parse(plan.runAt(i).params).optimizer.method);
    expect(methods.sort()).toEqual(['bfgs', 'momentum']);
  });
});
