// Run phase only: PiscinaExecutor over the bench plan (subset), threads T; and in-process runBatch for comparison.
const dist = process.argv[2] ?? '../dist';
const { planSweep, runBatch, PiscinaExecutor } = await import(`${dist}/index.js`);
const module = new URL('../../../experiments/dist/bench.js', import.meta.url).href;
const def = (await import(module)).default;
const plan = planSweep(def);
const N = Number(process.env.N ?? 30000);
const T = Number(process.env.T ?? 1);
const runs = plan.runs.filter((_, i) => i % 3 === 0).slice(0, N);
const mk = (B) => { const b = []; for (let i = 0; i < runs.length; i += B) b.push({ module, experiment: 'bench', runs: runs.slice(i, i + B), objectiveKeys: plan.objectiveKeys, trajectory: plan.trajectory }); return b; };
const batches = mk(100);
if (process.env.INPROC) {
  await runBatch({ ...batches[0], runs: runs.slice(0, 3000) });
  for (let rep = 0; rep < 3; rep++) {
    const t0 = performance.now();
    for (const b of batches) await runBatch(b);
    console.log(`in-process: ${(runs.length / ((performance.now() - t0) / 1000)).toFixed(0)} runs/s`);
  }
} else {
  const ex = new PiscinaExecutor({ threads: T });
  await ex.warm(batches[0]);
  await ex.run(batches.slice(0, 30), { timeout: 30000, onResult: () => {} });
  for (let rep = 0; rep < 3; rep++) {
    let n = 0;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await ex.run(batches, { timeout: 30000, onResult: (_t, r) => { n += r.statuses.length; } });
    const s = (performance.now() - t0) / 1000;
    const c = process.cpuUsage(c0);
    console.log(`pool T=${T}: ${(n / s).toFixed(0)} runs/s, process cpu ${((c.user + c.system) / 1000 / s * 100).toFixed(0)}% `);
  }
  await ex.close();
}
