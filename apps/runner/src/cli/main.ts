// The process entry of the CLI and of the sweep worker: runs `main(argv)`, maps its result or error to the
// exit code (a RunnerError prints its code and message; anything else its stack), and exits within 2 s even
// if a handle is left open.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ERROR_CODES, RunnerError } from '../errors.js';

/**
 * From now on (`lean`), an old generation that grows by 30 % over what survived the last full GC, not
 * up to 4× (read at each GC; worker threads started later get it too): the coordinator and the
 * workers hold ~30 MB each that lives, and the rest of a fast-growing old generation is garbage
 * waiting. Measured on 10⁶ runs, interleaved: 313–321 MB → 271–277 MB peak RSS, wall time unchanged
 * within noise. Not before planning a factor of 10⁶ values, which builds ~400 MB that lives: growing
 * by 30 % at a time marked it again and again (a dry run 5.9 → 5.0 s; lean, then not lean again, kept
 * most of that cost).
 */
export function leanHeap(): void {
  setFlagsFromString('--heap-growing-percent=30');
}

/**
 * A full garbage collection, now. After planning 10⁵ values or more (see {@link leanHeap}): the old
 * generation's next limit is set from what lives after a collection, and the last one ran amid planning
 * (~150 MB lived for 10⁶ starts), so ~600 MB of the sweep's garbage piled up before the next; collected
 * once planning is let go, ~20 MB lives and the limit follows it (10⁶ starts: 866 → ~400 MB peak RSS).
 */
export function collectNow(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

export function runMain(main: (argv: string[]) => Promise<number>): void {
  // The coordinator's young generation is sized where it starts (tools/sweep/sweep.mjs passes
  // --max-semi-space-size=16: set here, it would only reach isolates created later), held at the size
  // it starts with and let grow by `growYoung` (`young.ts`); the worker threads' by PiscinaExecutor;
  // the old generation by `leanHeap`, which each command calls.
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
      setTimeout(() => process.exit(code), 2000).unref();
      exitWhenFlushed(code);
    },
    (err: unknown) => {
      if (err instanceof RunnerError) {
        process.stderr.write(`error [${err.code}]: ${err.message}\n`);
        process.exitCode = err.exitCode;
      } else {
        process.stderr.write(`error: ${(err as Error)?.stack ?? String(err)}\n`);
        process.exitCode = ERROR_CODES.E_EXECUTOR.exit;
      }
      setTimeout(() => process.exit(), 2000).unref();
    },
  );
}

/**
 * Exits once standard output and error hold nothing unwritten (at once where they write synchronously:
 * files, and pipes and terminals on Linux). Left to end by itself, Node would free every heap first
 * (the threads' were freed when the pool closed): ~15–20 ms after a 10⁵-run sweep, for nothing.
 */
function exitWhenFlushed(code: number): void {
  const pending = [process.stdout, process.stderr].filter((s) => s.writableLength > 0);
  let left = pending.length;
  if (left === 0) process.exit(code);
  for (const s of pending)
    s.once('drain', () => {
      if (--left === 0) process.exit(code);
    });
}
