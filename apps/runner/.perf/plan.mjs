const dist = process.argv[2] ?? '../dist';
const { planSweep } = await import(`${dist}/index.js`);
const module = new URL('../../../experiments/dist/bench.js', import.meta.url).href;
const def = (await import(module)).default;
for (let rep = 0; rep < 4; rep++) {
  const c0 = process.cpuUsage(); const t0 = performance.now();
  const plan = planSweep(def);
  const c = process.cpuUsage(c0);
  let extra = '';
  if (plan.paramsOf) { const t1 = performance.now(); let n = 0; for (let i = 0; i < plan.runs.length; i++) n += plan.paramsOf(i).lr; extra = ` paramsOf all: ${(performance.now() - t1).toFixed(0)} ms`; }
  console.log(`plan wall ${(performance.now() - t0).toFixed(0)} ms cpu ${((c.user + c.system) / 1000).toFixed(0)} ms${extra}`);
}
