import { defineConfig } from 'vitest/config';

/** Shared vitest config: tests read sibling packages' TypeScript source through the
 * `@numcomp/source` export condition, never a possibly stale `dist`. */
export default defineConfig({
  resolve: { conditions: ['@numcomp/source', 'module', 'node', 'import', 'default'] },
  ssr: { resolve: { conditions: ['@numcomp/source', 'module', 'node', 'import', 'default'] } },
  test: {
    include: ['test/**/*.test.ts'],
    benchmark: { include: ['bench/**/*.bench.ts'] },
  },
});
