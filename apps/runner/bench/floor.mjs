// `pnpm bench` (apps/runner), a child of sweep.mjs: the floor of what the runner writes per run. It reads a
// results.jsonl of the bench sweep (before the clock starts), then rebuilds every run's output the fastest
// way plain JS has, one thread: the id (SHA-256 of the params text), the numbers printed (String), the
// JSON line and the results.csv row written as Latin-1 into reused buffers. No optimizer, no files, no
// threads: what a run's output costs at the least. Prints `{ s, runs }` as JSON.
import { hash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { argv } from 'node:process';

const runs = [];
for (const line of readFileSync(argv[2], 'latin1').split('\n')) {
  if (line === '') continue;
  const r = JSON.parse(line);
  runs.push({
    head: `bench\0${r.code ?? ''}\0`,
    params: JSON.stringify(r.params),
    status: r.status,
    x0: r.x[0],
    x1: r.x[1],
    fun: r.fun,
    gradNorm: r.gradNorm,
    nit: r.nit,
    nfev: r.nfev,
    ngev: r.ngev,
    time: r.time,
    csvParams: `,${r.params.objective.name},${r.params.optimizer.gradient},${r.params.optimizer.h},${r.params.optimizer.lr},${r.params.optimizer.maxIter},${r.params.optimizer.method},${r.params.optimizer.tol},${r.params.x0[0]},${r.params.x0[1]}`,
  });
}
const lines = Buffer.allocUnsafeSlow(1 << 22);
const rows = Buffer.allocUnsafeSlow(1 << 21);
let at = 0;
let rowAt = 0;
const t0 = performance.now();
for (let i = 0; i < runs.length; i++) {
  const r = runs[i];
  const id = hash('sha256', `${r.head}${r.params}`).slice(0, 16);
  const a = String(r.x0);
  const b = String(r.x1);
  const f = String(r.fun);
  const g = String(r.gradNorm);
  const t = String(r.time);
  const line = `{"id":"${id}","status":"${r.status}","params":${r.params},"x":[${a},${b}],"fun":${f},"gradNorm":${g},"nit":${r.nit},"nfev":${r.nfev},"ngev":${r.ngev},"nhev":0,"plan":"0123456789abcdef","i":${i},"time":${t}}\n`;
  if (at + line.length > lines.length) at = 0;
  at += lines.latin1Write(line, at);
  const row = `${id},${r.status}${r.csvParams},${f},${g},${r.nit},${r.nfev},${r.ngev},0,${a},${b},,${t}\n`;
  if (rowAt + row.length > rows.length) rowAt = 0;
  rowAt += rows.latin1Write(row, rowAt);
}
console.log(JSON.stringify({ s: (performance.now() - t0) / 1000, runs: runs.length }));
