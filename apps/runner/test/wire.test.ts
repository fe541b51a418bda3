import { describe, expect, it } from 'vitest';
import { TaskDecoder, TaskEncoder } from '../src/execute/wire.ts';
import { defineExperiment } from '../src/experiment/defineExperiment.ts';
import { values } from '../src/experiment/values.ts';
import { canonicalJson } from '../src/format/canonicalJson.ts';
import { planSweep } from '../src/plan/planSweep.ts';
import type { BatchTask } from '../src/types.ts';

describe('batch wire format', () => {
  it('decode(encode(task)) gives listed runs back, strings with tabs and newlines included', () => {
    const task: BatchTask = {
      module: 'file:///x.js',
      experiment: 'e',
      trajectory: { max: 10 },
      work: {
        kind: 'runs',
        runs: [
          { id: '0123456789abcdef', trajectory: true, params: canonicalJson({ s: 'a\tb\nc', x0: [1, 2] }) },
          { id: 'fedcba9876543210', trajectory: false, params: '{}' },
        ],
      },
    };
    const wire = new TaskEncoder().encode(task);
    expect(wire.work.kind).toBe('text');
    const back = new TaskDecoder().decode(wire);
    expect(back).toEqual(task);
    expect(JSON.parse((back.work as unknown as { runs: { params: string }[] }).runs[0]!.params)).toEqual({
      s: 'a\tb\nc',
      x0: [1, 2],
    });
  });

  it('every decoded task has the same keys in the same order, whatever the wire carried (one shape for V8)', () => {
    const plain: BatchTask = {
      module: 'file:///x.js',
      experiment: 'e',
      trajectory: {},
      work: { kind: 'runs', runs: [{ id: '0123456789abcdef', trajectory: false, params: '{}' }] },
    };
    const progress = new Int32Array(new SharedArrayBuffer(4));
    const full: BatchTask = {
      ...plain,
      code: 'c0de',
      plan: 'p',
      previousCode: 'old',
      progress,
      csvColumns: [['lr', 0]],
      csvXWidth: 2,
    };
    const enc = new TaskEncoder();
    const dec = new TaskDecoder();
    const a = dec.decode(enc.encode(plain));
    const b = dec.decode({ ...enc.encode(full), spares: [new ArrayBuffer(8)] });
    expect(Object.keys(a)).toEqual(Object.keys(b));
    expect(Object.keys(b)).not.toContain('spares');
    expect(b).toEqual(full);
    expect(b.progress).toBe(progress);
    expect(a.code).toBeUndefined();
  });

  it('a range sends its space once, in shared memory, positions included', () => {
    const def = defineExperiment({
      id: 'w',
      title: 'w',
      description: '',
      objective: 'sphere',
      optimizer: { x0: [1, 1] },
      grid: { method: values('bfgs', 'momentum'), momentum: values(0.5, 0.9) },
    });
    const plan = planSweep(def);
    expect(plan.space.positions).toBeDefined();
    const enc = new TaskEncoder();
    const task: BatchTask = {
      module: 'file:///x.js',
      experiment: 'w',
      trajectory: {},
      work: { kind: 'range', space: plan.space, first: 0, count: plan.count },
    };
    const a = enc.encode(task);
    const b = enc.encode({ ...task, work: { kind: 'range', space: plan.space, first: 1, count: 1 } });
    const ws = (w: typeof a): unknown => (w.work as { space: unknown }).space;
    expect(ws(a)).toBe(ws(b));
    const back = new TaskDecoder().decode(a);
    expect(back.work).toMatchObject({ kind: 'range', first: 0, count: 3 });
    expect([...(back.work as { space: { positions: Int32Array } }).space.positions]).toEqual([
      ...plan.space.positions!,
    ]);
    // The decoder tells an ASCII space (its lines and CSV rows are written as Latin-1) from one that is not.
    expect(back.asciiSpace).toBe(true);
    const greek = planSweep(
      defineExperiment({
        id: 'g',
        title: 'g',
        description: '',
        params: { label: 'α' },
        grid: { c: values(1, 2) },
        run: () => ({ v: 1 }),
      }),
    );
    const g = new TaskDecoder().decode(
      new TaskEncoder().encode({ ...task, work: { kind: 'range', space: greek.space, first: 0, count: 2 } }),
    );
    expect(g.asciiSpace).toBe(false);
  });
});
