import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../src/canonicalJson.ts';
import { runId } from '../src/runId.ts';

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
  it('is the first 16 hex digits of the SHA-256 of {experiment, params} (Python hashlib agrees)', () => {
    // hashlib.sha256(json.dumps({'experiment':'demo','params':{'lr':0.1,'x0':[-3,4]}},
    //   sort_keys=True, separators=(',',':')).encode()).hexdigest()[:16]
    expect(runId('demo', { x0: [-3, 4], lr: 0.1 })).toBe('90d3300db9b42b75');
    const text = '{"experiment":"demo","params":{"lr":0.1,"x0":[-3,4]}}';
    expect(runId('demo', { lr: 0.1, x0: [-3, 4] })).toBe(
      createHash('sha256').update(text).digest('hex').slice(0, 16),
    );
  });

  it('does not depend on key order, and changes with the experiment or any value', () => {
    const a = runId('e', { lr: 0.1, x0: [1, 2], method: 'bfgs' });
    expect(runId('e', { method: 'bfgs', x0: [1, 2], lr: 0.1 })).toBe(a);
    expect(runId('f', { lr: 0.1, x0: [1, 2], method: 'bfgs' })).not.toBe(a);
    expect(runId('e', { lr: 0.1, x0: [2, 1], method: 'bfgs' })).not.toBe(a);
    expect(runId('e', { lr: 0.10000000000000002, x0: [1, 2], method: 'bfgs' })).not.toBe(a);
  });
});
