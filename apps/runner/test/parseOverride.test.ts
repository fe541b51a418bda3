import { describe, expect, it } from 'vitest';
import { RunnerError } from '../src/errors.ts';
import { parseOverride, parseOverrides } from '../src/plan/parseOverride.ts';

function error(f: () => unknown): RunnerError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(RunnerError);
    return e as RunnerError;
  }
  throw new Error('expected a RunnerError');
}

describe('parseOverride', () => {
  it('parseOverride("lr=0.01,0.1,1") is a list of three numbers', () => {
    expect(parseOverride('lr=0.01,0.1,1')).toEqual({ key: 'lr', values: [0.01, 0.1, 1] });
  });

  it('parseOverride("maxIter=1") is one value', () => {
    expect(parseOverride('maxIter=1')).toEqual({ key: 'maxIter', values: [1] });
  });

  it('parseOverride("lr=logspace(-3,0,10)") gives NumPy’s logspace bit for bit', () => {
    // np.logspace(-3, 0, 10)
    expect(parseOverride('lr=logspace(-3,0,10)').values).toEqual([
      0.001, 0.0021544346900318843, 0.004641588833612777, 0.01, 0.021544346900318832, 0.046415888336127774,
      0.1, 0.21544346900318823, 0.46415888336127775, 1,
    ]);
  });

  it('parseOverride("h=linspace(0.1, 1, 7)") gives NumPy’s linspace (with its rounding)', () => {
    expect(parseOverride('h=linspace(0.1, 1, 7)').values).toEqual([
      0.1, 0.25, 0.4, 0.5499999999999999, 0.7, 0.85, 1,
    ]);
  });

  it('generators and plain items concatenate in order', () => {
    expect(parseOverride('lr=0.5,logspace(-1,0,2),2e0').values).toEqual([0.5, 0.1, 1, 2]);
  });

  it('parseOverride("x0=[-3,4]") is one point, "x0=[-3,4],[1,2]" two', () => {
    expect(parseOverride('x0=[-3,4]').values).toEqual([[-3, 4]]);
    expect(parseOverride('x0=[-3, 4], [1e-3, .5]').values).toEqual([
      [-3, 4],
      [0.001, 0.5],
    ]);
  });

  it('pointsGrid and randomPoints expand to points', () => {
    expect(parseOverride('x0=pointsGrid([[-1,1],[0,2]],2)').values).toEqual([
      [-1, 0],
      [-1, 2],
      [1, 0],
      [1, 2],
    ]);
    const r = parseOverride('x0=randomPoints([[0,1],[0,1]],3,7)').values as number[][];
    expect(r).toHaveLength(3);
    expect(parseOverride('x0=randomPoints([[0,1],[0,1]],3,7)').values).toEqual(r);
  });

  it('words, booleans, null and quoted strings', () => {
    expect(parseOverride('method=bfgs,gradient-descent').values).toEqual(['bfgs', 'gradient-descent']);
    expect(parseOverride('flag=true,false,null').values).toEqual([true, false, null]);
    expect(parseOverride(`name='a, b',"c"`).values).toEqual(['a, b', 'c']);
  });

  it('a malformed logspace(...) names the key and the usage', () => {
    const e = error(() => parseOverride('lr=logspace(-3,0)'));
    expect(e.code).toBe('E_OVERRIDE');
    expect(e.path).toBe('override lr');
    expect(e.message).toContain('logspace(start, stop, n[, base])');
    expect(e.message).toContain('"logspace(-3,0)"');
  });

  it('a bad generator argument is reported with the generator’s own message', () => {
    expect(error(() => parseOverride('lr=linspace(0,1,0)')).message).toMatch(/invalid n: 0/);
  });

  it('rejects unknown functions, missing "=", bad keys, empty values and trailing junk', () => {
    expect(error(() => parseOverride('lr=range(1,2)')).message).toMatch(/unknown function range\(\)/);
    expect(error(() => parseOverride('lr')).message).toMatch(/expected key=value/);
    expect(error(() => parseOverride('1lr=3')).path).toBe('override key');
    expect(error(() => parseOverride('lr=')).message).toMatch(/at least one value/);
    expect(error(() => parseOverride('lr=0.1 0.2')).message).toMatch(/expected ","/);
    expect(error(() => parseOverride('x0=[1,2')).message).toMatch(/expected ","/);
  });

  it('parseOverrides rejects a key given twice', () => {
    expect(error(() => parseOverrides(['lr=1', 'lr=2'])).message).toMatch(/key given twice/);
  });
});
