// Started by sweep.mjs while it checks the build: waits on fd 3 for the go-ahead (one byte), then runs
// the CLI it was given in this process. Node's own start-up here (~90 ms on our VM) overlaps the build
// check, and no file of the build is read before the check has passed. Fd 3 closed without a byte: the
// check failed (sweep.mjs reports it), and this process ends quietly.
import { closeSync, readSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const go = Buffer.alloc(1);
let n = 0;
for (;;) {
  try {
    n = readSync(3, go, 0, 1, null);
    break;
  } catch (e) {
    // A non-blocking pipe (not Linux's, but a platform may give one): poll it.
    if (e.code !== 'EAGAIN') throw e;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2);
  }
}
closeSync(3);
if (n !== 1) process.exit(1);
const [cli, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], cli, ...args];
await import(pathToFileURL(cli).href);
