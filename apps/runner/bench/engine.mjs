// `pnpm bench` (apps/runner), a child of sweep.mjs: the lockstep engine alone on the bench sweep's runs, in
// one fresh thread, as a worker runs them (chunks of 256 runs, core's `sphere` with the runner's f of two
// numbers, warm-up included) but writing nothing: no JSON line, CSV row, id or digest. It separates the
// optimizer's own speed from the cost of the results the runner writes. Prints `{ s, steps }` as JSON.
import { argv } from 'node:process';
import { getTestFunction } from '@numcomp/core';
import { minimizeLockstep } from '@numcomp/optimizers/lockstep';
import { withF2 } from '../dist/execute/lockstepKernels.js';
import { planSweep } from '../dist/index.js';

const def = (await import(argv[2])).default;
const plan = planSweep(def);
const CHUNK = 256;
// The runs' starts and rates, read before the clock starts (the worker reads them from the plan's space).
const x0s = [];
const lrs = new Float64Array(plan.count);
for (let i = 0; i < plan.count; i++) {
  const p = plan.paramsOf(i);
  x0s.push(p.x0);
  lrs[i] = p.optimizer.lr;
}
const { lr: _lr, ...options } = plan.paramsOf(0).optimizer;
const problem = withF2(getTestFunction(def.objective), def.objective, {});
const t0 = performance.now();
let steps = 0;
for (let from = 0; from < plan.count; from += CHUNK) {
  const to = Math.min(plan.count, from + CHUNK);
  const r = minimizeLockstep(problem, x0s.slice(from, to), { ...options, lr: lrs.subarray(from, to) });
  for (let k = 0; k < r.count; k++) steps += r.nit[k];
}
console.log(JSON.stringify({ s: (performance.now() - t0) / 1000, steps }));
