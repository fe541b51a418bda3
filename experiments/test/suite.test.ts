import { readdirSync } from 'node:fs';
import { planSweep } from '@numcomp/runner';
import { describe, expect, it } from 'vitest';
import * as index from '../src/index.ts';
import { load, SUITE } from './_harness.ts';

describe('the default suite', () => {
  it('holds every module of the suite, each named after its id (a module a user adds breaks nothing)', async () => {
    const ids = readdirSync(new URL('../src/', import.meta.url))
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && !f.startsWith('_'))
      .map((f) => f.slice(0, -3));
    expect(ids).toEqual(expect.arrayContaining([...SUITE]));
    const defs = await Promise.all(SUITE.map(load));
    defs.forEach((d, i) => {
      expect(d.id).toBe(SUITE[i]);
      expect(d.default).not.toBe(false);
    });
  });

  it.each(SUITE)('%s loads, validates and belongs to the default suite', async (id) => {
    const def = await load(id);
    expect(def.id).toBe(id);
    expect(def.default).not.toBe(false);
    expect(def.order).toBe(SUITE.indexOf(id) + 1);
    expect(def.description).toMatch(/Deep Learning §4\.[1-5]/);
    const plan = planSweep(def);
    expect(plan.count).toBeGreaterThan(0);
    expect(def.plots?.length ?? 0).toBeGreaterThan(0);
  });

  it('stays small enough to sweep in seconds: fewer than 12,000 runs in all', async () => {
    let total = 0;
    for (const id of SUITE) total += planSweep(await load(id)).count;
    expect(total).toBeGreaterThan(5000);
    expect(total).toBeLessThan(12_000);
  });

  it('src/index.ts re-exports every definition of the suite by name', async () => {
    const defs = await Promise.all(SUITE.map(load));
    const exported = new Set<unknown>(Object.values(index));
    for (const d of defs) expect(exported.has(d)).toBe(true);
  });
});
