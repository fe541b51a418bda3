// Imported first by the CLI's entry, so that it runs before any other module loads: the coordinator's
// young generation keeps the size it starts with until a large sweep lets it grow (see `growYoung` in
// main.ts; `tools/sweep/sweep.mjs` starts the process with semi-spaces free to grow to 16 MB).
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--semi-space-growth-factor=1');
