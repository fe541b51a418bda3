import { bench, describe } from 'vitest';
import { logSoftmaxInto, logSumExp, softmax, softmaxInto } from '../src/index.ts';

/** Deterministic inputs in [-50, 50): an LCG, so every run benches the same numbers. */
function input(n: number): Float64Array {
  const x = new Float64Array(n);
  let s = 12345;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    x[i] = (s / 4294967296) * 100 - 50;
  }
  return x;
}

// Short runs: the machine is shared. Divide the reported mean time by n for ns per element.
const options = { time: 300, warmupTime: 100 };

for (const n of [10, 1e3, 1e5, 1e6]) {
  const x = input(n);
  const out = new Float64Array(n);
  describe(`n = ${n}`, () => {
    bench(
      `logSumExp n=${n}`,
      () => {
        logSumExp(x);
      },
      options,
    );
    bench(
      `softmax n=${n} (allocates the result)`,
      () => {
        softmax(x);
      },
      options,
    );
    bench(
      `softmaxInto n=${n} (no allocation)`,
      () => {
        softmaxInto(x, out);
      },
      options,
    );
    bench(
      `logSoftmaxInto n=${n} (no allocation)`,
      () => {
        logSoftmaxInto(x, out);
      },
      options,
    );
  });
}
