import { ArgumentRangeError, ArgumentTypeError, isArgumentError, sphere } from '@numcomp/core';
import { describe, expect, it } from 'vitest';
import {
  adam,
  bfgs,
  checkOption,
  checkOptions,
  gradientDescent,
  LINE_SEARCH_OPTIONS,
  lbfgs,
  METHODS,
  type Method,
  type MinimizeOptions,
  minimize,
  nelderMead,
  newton,
  OPTIONS,
  type OptionName,
  optionsFor,
} from '../src/index.ts';

/** The error `fn` throws (fails the test when it throws nothing). */
function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

/** A value just outside each numeric option's range, and one of the wrong type. */
const OUT_OF_RANGE: Partial<Record<OptionName, unknown>> = {
  lr: 0,
  momentum: 1,
  tol: -1e-9,
  maxIter: 2.5,
  h: Number.POSITIVE_INFINITY,
  beta1: 1,
  beta2: -0.1,
  rho: 1,
  epsilon: 0,
  memory: 0,
  xatol: Number.NaN,
  fatol: -1,
  maxfev: 0,
  method: 'sgd',
  gradient: 'exact',
  lineSearch: 'wolfe',
};

describe('OPTIONS, the one description of minimize’s options', () => {
  it('describes every option once, under its own name, with at least one method', () => {
    for (const [k, spec] of Object.entries(OPTIONS)) {
      expect(spec.name).toBe(k);
      expect(spec.methods.length).toBeGreaterThan(0);
      for (const m of spec.methods) expect(METHODS).toContain(m);
      expect(spec.doc).not.toContain('\n');
      if (spec.kind === 'enum') expect(spec.values?.length).toBeGreaterThan(0);
    }
    expect(OPTIONS.callback.sweepable).toBe(false);
    expect(OPTIONS.record.sweepable).toBe(false);
    expect(OPTIONS.lr.sweepable).toBe(true);
  });

  it('each default lies in its own range (checkOption accepts it)', () => {
    for (const spec of Object.values(OPTIONS)) {
      if (spec.default !== undefined) expect(() => checkOption(spec.name, spec.default)).not.toThrow();
    }
  });

  it('names hyperparameters as their papers: Adam has beta1 = 0.9, beta2 = 0.999, epsilon; not momentum', () => {
    expect(OPTIONS.beta1).toMatchObject({ default: 0.9, methods: ['adam'] });
    expect(OPTIONS.beta2.default).toBe(0.999);
    expect(optionsFor('adam')).toEqual(expect.arrayContaining(['beta1', 'beta2', 'epsilon']));
    expect(optionsFor('adam')).not.toContain('momentum');
    expect(optionsFor('rmsprop')).toContain('rho');
  });

  it('optionsFor lists what a method uses (maxIter, tol, callback, record everywhere)', () => {
    for (const m of METHODS) {
      expect(optionsFor(m)).toEqual(
        expect.arrayContaining(['method', 'maxIter', 'tol', 'callback', 'record']),
      );
    }
    expect(optionsFor('newton')).not.toContain('lr');
    expect(optionsFor('lbfgs')).toContain('memory');
    expect(optionsFor('bfgs')).toContain('scaleH0');
    expect(optionsFor('nelder-mead')).toEqual(
      expect.arrayContaining(['xatol', 'fatol', 'maxfev', 'adaptive', 'initialSimplex']),
    );
    expect(optionsFor('projected-gradient')).toContain('constraints');
    expect(() => optionsFor('sgd' as Method)).toThrow(/^invalid method: "sgd"/);
  });

  it('LINE_SEARCH_OPTIONS lists each search’s keys', () => {
    expect(LINE_SEARCH_OPTIONS['strong-wolfe']).toEqual(['initialStep', 'c1', 'c2', 'maxStep', 'maxIter']);
    expect(LINE_SEARCH_OPTIONS.backtracking).toEqual(['initialStep', 'c1', 'maxIter', 'rho', 'interpolate']);
    expect(LINE_SEARCH_OPTIONS.exact).toEqual(['initialStep', 'maxIter', 'xtol']);
    expect(LINE_SEARCH_OPTIONS.grid).toEqual(['candidates']);
  });
});

describe('checkOption(name, value)', () => {
  it.each(Object.entries(OUT_OF_RANGE))('checkOption(%s, %o) is an ArgumentRangeError naming it', (k, v) => {
    const e = caught(() => checkOption(k, v));
    expect(e).toBeInstanceOf(ArgumentRangeError);
    expect(e).toBeInstanceOf(RangeError);
    expect(e).toMatchObject({ option: k, value: v });
    expect((e as Error).message).toMatch(new RegExp(`^invalid ${k}: `));
  });

  it.each(Object.keys(OPTIONS))('checkOption(%s, a symbol) is an ArgumentTypeError', (k) => {
    const v = Symbol('bad');
    const e = caught(() => checkOption(k, v));
    expect(e).toBeInstanceOf(ArgumentTypeError);
    expect(e).toMatchObject({ option: k, value: v });
  });

  it('reports the range in words', () => {
    expect(() => checkOption('lr', -0.1)).toThrow('invalid lr: -0.1 (expected a finite number > 0)');
    expect(() => checkOption('beta1', 1)).toThrow('invalid beta1: 1 (expected a number in [0, 1))');
    expect(() => checkOption('memory', 0)).toThrow('invalid memory: 0 (expected an integer ≥ 1)');
    expect(() => checkOption('lineSearch', 'strong_wolfe')).toThrow(
      'invalid lineSearch: "strong_wolfe" (did you mean strong-wolfe?)',
    );
  });

  it('accepts the edges of each range', () => {
    for (const [k, v] of [
      ['momentum', 0],
      ['tol', 0],
      ['maxIter', 0],
      ['beta1', 0],
      ['memory', 1],
      ['xatol', 0],
      ['lr', Number.MIN_VALUE],
    ] as const) {
      expect(() => checkOption(k, v)).not.toThrow();
    }
    expect(() => checkOption('lr', undefined)).not.toThrow();
  });

  it('checks nested shapes and names the path: schedule.every, constraints[0].radius, record.max', () => {
    const cases: [OptionName, unknown, string, unknown, ErrorConstructor][] = [
      ['schedule', { type: 'step', every: 0, factor: 0.5 }, 'schedule.every', 0, RangeError],
      ['schedule', { type: 'step', every: 2, factor: '0.5' }, 'schedule.factor', '0.5', TypeError],
      ['schedule', { type: 'linear' }, 'schedule.type', 'linear', RangeError],
      ['constraints', [{ type: 'ball', radius: -1 }], 'constraints[0].radius', -1, RangeError],
      ['constraints', [{ type: 'box', lower: [0], upper: [-1] }], 'constraints[0].lower[0]', 0, RangeError],
      ['record', { every: 0 }, 'record.every', 0, RangeError],
      ['record', { max: 1 }, 'record.max', 1, RangeError],
      ['record', { evry: 2 }, 'record.evry', 2, RangeError],
      ['lineSearchOptions', { c1: 1 }, 'lineSearchOptions.c1', 1, RangeError],
      ['lineSearchOptions', { candidates: [0.1, -1] }, 'lineSearchOptions.candidates[1]', -1, RangeError],
      ['lineSearchOptions', { interpolate: 'yes' }, 'lineSearchOptions.interpolate', 'yes', TypeError],
      [
        'initialSimplex',
        [
          [0, 0],
          [1, 0],
          [0, Number.NaN],
        ],
        'initialSimplex[2][1]',
        Number.NaN,
        RangeError,
      ],
      [
        'initialSimplex',
        [
          [0, 0],
          [1, 0],
        ],
        'initialSimplex',
        [
          [0, 0],
          [1, 0],
        ],
        RangeError,
      ],
    ];
    for (const [name, value, path, bad, kind] of cases) {
      const e = caught(() => checkOption(name, value));
      expect(e, `${name} ${JSON.stringify(value)}`).toBeInstanceOf(kind);
      expect(isArgumentError(e)).toBe(true);
      expect(e).toMatchObject({ option: path });
      expect((e as { value: unknown }).value).toEqual(bad);
    }
  });

  it('refuses unknown line-search keys with the nearest valid one', () => {
    expect(() => checkOption('lineSearchOptions', { C1: 0.1 })).toThrow(
      'unknown option lineSearchOptions.C1; did you mean lineSearchOptions.c1?',
    );
  });

  it('refuses an unknown name with did-you-mean', () => {
    const e = caught(() => checkOption('maxiter', 5));
    expect(e).toBeInstanceOf(ArgumentTypeError);
    expect(e).toMatchObject({ option: 'maxiter', value: 5 });
    expect((e as Error).message).toBe('unknown option maxiter; did you mean maxIter?');
    expect(() => checkOption('learningRate', 0.5)).toThrow(/^unknown option learningRate/);
  });
});

describe('checkOptions(options, method?)', () => {
  it('passes good options and undefined', () => {
    expect(() => checkOptions(undefined)).not.toThrow();
    expect(() => checkOptions({ lr: 0.1, maxIter: 5, schedule: 'constant' })).not.toThrow();
    expect(() => checkOptions({ method: 'adam', beta1: 0.5, beta2: 0.9 }, 'adam')).not.toThrow();
  });

  it('refuses unknown keys with did-you-mean: lrr, maxiter, learningRate', () => {
    expect(() => checkOptions({ lrr: 0.1 })).toThrow('unknown option lrr; did you mean lr?');
    expect(() => checkOptions({ maxiter: 5 })).toThrow('unknown option maxiter; did you mean maxIter?');
    expect(() => checkOptions({ learningRate: 0.5 })).toThrow(/^unknown option learningRate/);
    expect(() => checkOptions(3)).toThrow(TypeError);
  });

  it('refuses options the method does not use, naming the method', () => {
    const e = caught(() => checkOptions({ lr: 0.1 }, 'newton'));
    expect(e).toBeInstanceOf(ArgumentRangeError);
    expect(e).toMatchObject({ option: 'lr', value: 0.1, reason: 'newton does not use lr' });
    expect((e as Error).message).toBe('invalid lr: 0.1 (newton does not use lr)');
    expect(() => checkOptions({ momentum: 0.9 }, 'adam')).toThrow(
      'invalid momentum: 0.9 (adam does not use momentum)',
    );
    expect(() => checkOptions({ memory: 5 }, 'bfgs')).toThrow(/bfgs does not use memory/);
    expect(() => checkOptions({ lr: 0.1 })).not.toThrow();
  });

  it('refuses line-search keys the method’s search does not read', () => {
    expect(() => checkOptions({ lineSearchOptions: { c2: 0.5 } }, 'bfgs')).not.toThrow();
    expect(() =>
      checkOptions({ lineSearch: 'backtracking', lineSearchOptions: { c2: 0.5 } }, 'newton'),
    ).toThrow('unknown option lineSearchOptions.c2; did you mean lineSearchOptions.c1?');
    expect(() =>
      checkOptions({ lineSearch: 'grid', lineSearchOptions: { candidates: [1] } }, 'gradient-descent'),
    ).not.toThrow();
  });
});

describe('minimize and every method export refuse unknown options', () => {
  const p = sphere(2);
  const runs: [string, (o: MinimizeOptions) => unknown][] = [
    ['minimize', (o) => minimize(p, [1, 1], o)],
    ['gradientDescent', (o) => gradientDescent(p, [1, 1], o)],
    ['adam', (o) => adam(p, [1, 1], o)],
    ['bfgs', (o) => bfgs(p, [1, 1], o)],
    ['lbfgs', (o) => lbfgs(p, [1, 1], o)],
    ['newton', (o) => newton(p, [1, 1], o)],
    ['nelderMead', (o) => nelderMead(p, [1, 1], o)],
  ];
  it.each(runs)('%s({ maxiter: 5 }) throws did-you-mean', (_, run) => {
    expect(() => run({ maxiter: 5 } as never)).toThrow('unknown option maxiter; did you mean maxIter?');
    expect(() => run({ lrr: 0.1 } as never)).toThrow(/^unknown option lrr; did you mean lr\?/);
  });

  it('refuses line-search keys the chosen search does not read', () => {
    expect(() => bfgs(p, [1, 1], { lineSearchOptions: { rho: 0.5 } })).toThrow(
      /^unknown option lineSearchOptions\.rho/,
    );
    expect(() => minimize(p, [1, 1], { lineSearch: 'grid', lineSearchOptions: { initialStep: 1 } })).toThrow(
      /^unknown option lineSearchOptions\.initialStep/,
    );
  });

  it('adam reads beta1, no longer momentum (β₁ 0.9 by default as before)', () => {
    const base = adam(p, [1, 1], { lr: 0.1, maxIter: 10 });
    expect(adam(p, [1, 1], { lr: 0.1, maxIter: 10, beta1: 0.9 }).x).toEqual(base.x);
    expect(adam(p, [1, 1], { lr: 0.1, maxIter: 10, beta1: 0.5 }).x).not.toEqual(base.x);
  });

  it('refuses options the method does not use: minimize and the method exports', () => {
    expect(() => minimize(p, [1, 1], { method: 'newton', lr: 0.1 })).toThrow(
      'invalid lr: 0.1 (newton does not use lr)',
    );
    expect(() => adam(p, [1, 1], { momentum: 0.9 })).toThrow(
      'invalid momentum: 0.9 (adam does not use momentum)',
    );
    expect(() => bfgs(p, [1, 1], { memory: 3 })).toThrow(/bfgs does not use memory/);
    expect(() => minimize(p, [1, 1], { method: 'adam', lineSearch: 'none' })).toThrow(
      /adam does not use lineSearch/,
    );
  });
});
