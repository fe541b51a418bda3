// Imported first by the CLI's entry (with young.ts), so that it holds before any other module loads.
// V8 compiles a function with TurboFan, on its helper threads, once the function has run through its
// interrupt budget of bytecode. A `pnpm sweep` is a short process, and most of its code runs for a short
// while (loading, planning, folding, the report): V8's budget had it compile ~950 functions, and its
// helper threads took more CPU than the coordinator (4.95 s against 2.73 s for the 17 experiments).
// Four times V8's budget (67,584 in Node 20): the 17 experiments 5.04 → 4.54 s, CPU 8.19 → 6.87 s
// (5 pairs); the README's 2,040-run sweep (`learning-rate 'lr=logspace(-3,0,30)'`) 1.07 → 1.01 s, CPU
// 1.60 → 1.41 s; 25,000 bench runs 1.63 → 1.51 s; the 10⁵-run bench within noise (2.11 s either way;
// eight times: +5 %, its kernels optimized later). The flag is the process's: the worker threads get it
// too.
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--interrupt-budget=270336');

/**
 * V8's own budget again, for sweeps of 10⁵ runs or more: their runs are most of their time, and the
 * sooner their kernels are optimized the better (the bench sweep's run phase took ~3 % longer with four
 * times the budget). Budgets are read as functions run: the worker threads get it from their next runs.
 */
export function defaultTiering(): void {
  setFlagsFromString('--interrupt-budget=67584');
}
