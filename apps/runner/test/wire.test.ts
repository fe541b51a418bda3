import { describe, expect, it } from 'vitest';
import { decodeTask, encodeTask } from '../src/_wire.ts';
import { canonicalJson } from '../src/canonicalJson.ts';
import type { BatchTask } from '../src/runBatch.ts';

describe('batch wire format', () => {
  it('decode(encode(task)) gives the runs back, strings with tabs and newlines included', () => {
    const task: BatchTask = {
      module: 'file:///x.js',
      experiment: 'e',
      objectiveKeys: ['kappa'],
      trajectory: { max: 10 },
      runs: [
        { id: '0123456789abcdef', trajectory: true, params: canonicalJson({ s: 'a\tb\nc', x0: [1, 2] }) },
        { id: 'fedcba9876543210', trajectory: false, params: '{}' },
      ],
    };
    const progress = new Int32Array(new SharedArrayBuffer(4));
    const wire = encodeTask(task, progress);
    expect(typeof wire.runs).toBe('string');
    expect(decodeTask(wire)).toEqual({ ...task, progress });
    expect(JSON.parse(decodeTask(wire).runs[0]!.params)).toEqual({ s: 'a\tb\nc', x0: [1, 2] });
  });
});
