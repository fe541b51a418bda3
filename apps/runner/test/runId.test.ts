import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../src/format/canonicalJson.ts';
import { runId } from '../src/plan/runId.ts';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 0, y: 'x' }], c: undefined } })).toBe(
      '{"a":{"d":[3,{"y":"x","z":0}]},"b":1}',
    );
  });

  it('equals JSON.stringify of the key-sorted value (property)', () => {
    const sortDeep = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(sortDeep)
        : v !== null && typeof v === 'object'
          ? Object.fromEntries(
              Object.keys(v)
                .sort()
                .map((k) => [k, sortDeep((v as Record<string, unknown>)[k])]),
            )
          : v;
    fc.assert(
      fc.property(fc.jsonValue({ noUnicodeString: false }), (v) => {
        // fast-check's jsonValue may contain -0, which JSON prints as 0 too.
        expect(canonicalJson(v)).toBe(JSON.stringify(sortDeep(v)));
      }),
    );
  });

  it('rejects values JSON cannot hold', () => {
    expect(() => canonicalJson({ lr: Number.NaN })).toThrow('invalid value.lr: NaN');
    expect(() => canonicalJson({ f: () => 1 })).toThrow(TypeError);
    expect(() => canonicalJson([new Float64Array(2)])).toThrow(TypeError);
  });
});

describe('runId', () => {
  it('is the first 16 hex digits of the SHA-256 of {code, experiment, params} (Python hashlib agrees)', () => {
    // hashlib.sha256(json.dumps({'code':'c0de','experiment':'demo','params':{'lr':0.1,'x0':[-3,4]}},
    //   sort_keys=True, separators=(',',':')).encode()).hexdigest()[:16]
    expect(runId('demo', 'c0de', { x0: [-3, 4], lr: 0.1 })).toBe('f5d5d0517f16e6b7');
    const text = '{"code":"c0de","experiment":"demo","params":{"lr":0.1,"x0":[-3,4]}}';
    expect(runId('demo', 'c0de', { lr: 0.1, x0: [-3, 4] })).toBe(
      createHash('sha256').update(text).digest('hex').slice(0, 16),
    );
  });

  it('does not depend on key order, and changes with the experiment, the code or any value', () => {
    const a = runId('e', 'c', { lr: 0.1, x0: [1, 2], method: 'bfgs' });
    expect(runId('e', 'c', { method: 'bfgs', x0: [1, 2], lr: 0.1 })).toBe(a);
    expect(runId('f', 'c', { lr: 0.1, x0: [1, 2], method: 'bfgs' })).not.toBe(a);
    expect(runId('e', 'd', { lr: 0.1, x0: [1, 2], method: 'bfgs' })).not.toBe(a);
    expect(runId('e', 'c', { lr: 0.1, x0: [2, 1], method: 'bfgs' })).not.toBe(a);
    expect(runId('e', 'c', { lr: 0.10000000000000002, x0: [1, 2], method: 'bfgs' })).not.toBe(a);
  });
});
