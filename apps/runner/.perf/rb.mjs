// Single-thread harness: runBatch over the bench plan, in batches of B, no piscina.
const dist = process.argv[2] ?? '../dist';
const { planSweep, runBatch } = await import(`${dist}/index.js`);
const module = new URL('../../../experiments/dist/bench.js', import.meta.url).href;
const def = (await import(module)).default;
const t0 = performance.now();
const plan = planSweep(def);
const tPlan = performance.now() - t0;
const N = Number(process.env.N ?? 20000);
const B = Number(process.env.B ?? 100);
const runs = plan.runs.filter((_, i) => i % 5 === 0).slice(0, N);
// warm
await runBatch({ module, experiment: 'bench', runs: runs.slice(0, 2000), objectiveKeys: plan.objectiveKeys, trajectory: plan.trajectory });
for (let rep = 0; rep < 3; rep++) {
  const t1 = performance.now();
  let bytes = 0;
  for (let i = 0; i < runs.length; i += B) {
    const r = await runBatch({ module, experiment: 'bench', runs: runs.slice(i, i + B), objectiveKeys: plan.objectiveKeys, trajectory: plan.trajectory });
    bytes += r.lines.length;
  }
  const s = (performance.now() - t1) / 1000;
  console.log(`plan ${tPlan.toFixed(0)} ms; ${runs.length} runs: ${(s * 1e6 / runs.length).toFixed(2)} µs/run, ${(runs.length / s).toFixed(0)} runs/s, ${bytes} bytes`);
}
