// Run phase only, like bench/sweep.mjs runPhase: full bench plan, T threads, batches of plan.batchSize.
const dist = process.argv[2] ?? '../dist';
const { planSweep, PiscinaExecutor } = await import(`${dist}/index.js`);
const module = new URL('../../../experiments/dist/bench.js', import.meta.url).href;
const def = (await import(module)).default;
const plan = planSweep(def);
const batches = [];
for (let i = 0; i < plan.runs.length; i += plan.batchSize) batches.push({ module, experiment: 'bench', runs: plan.runs.slice(i, i + plan.batchSize), objectiveKeys: plan.objectiveKeys, trajectory: plan.trajectory });
for (const T of (process.env.TS ?? '1,2').split(',').map(Number)) {
  const ex = new PiscinaExecutor({ threads: T });
  await ex.warm(batches[0]);
  const t0 = performance.now();
  let n = 0;
  await ex.run(batches, { timeout: plan.timeout, onResult: (_t, r) => { n += r.statuses.length; } });
  const s = (performance.now() - t0) / 1000;
  await ex.close();
  console.log(`T=${T}: ${(n / s).toFixed(0)} runs/s (${s.toFixed(2)} s)`);
}
