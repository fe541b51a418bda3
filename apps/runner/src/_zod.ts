// The part of zod the runner uses, as one `z`: what `#zod` (package.json "imports") gives. Built code
// loads it from `dist/vendor/zod.js`, which `tools/bundle/vendor.mjs` bundles from this module's tsc
// output, so it holds only these builders and what they need (~190 kB, not zod's 656 kB with every
// locale: importing it took ~25 ms, not ~60 ms, in fresh processes). Tests and types use this file.
// English messages come with the first schema built (zod registers its default locale then).
import * as zod from 'zod';

export type { core, ZodType } from 'zod';

/** zod's builders, as `z.string()` and so on: add one here before using it. */
export const z = {
  array: zod.array,
  boolean: zod.boolean,
  custom: zod.custom,
  discriminatedUnion: zod.discriminatedUnion,
  enum: zod.enum,
  int: zod.int,
  intersection: zod.intersection,
  literal: zod.literal,
  looseObject: zod.looseObject,
  number: zod.number,
  record: zod.record,
  strictObject: zod.strictObject,
  string: zod.string,
  tuple: zod.tuple,
  union: zod.union,
  unknown: zod.unknown,
};
