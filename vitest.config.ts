import { defineConfig } from 'vitest/config';

/**
 * Two projects. `unit` (`npm test`): unit and integration tests beside the modules — real
 * Meilisearch, Redis and HTTP on 127.0.0.1, all in the test process. `e2e` (`npm run test:e2e`):
 * test/e2e, which start real processes — `lgsco` commands (bin/lgsco.js, compiled in dist/, which
 * the e2e global setup builds first), BullMQ workers, Chromium. `npx vitest run FILE` finds a file
 * in either.
 */
const common = {
  exclude: ['node_modules/**', 'data/**', 'dist/**'],
  testTimeout: 30_000,
  hookTimeout: 120_000,
};

export default defineConfig({
  test: {
    // Integration tests spawn Meilisearch and the replica; two cores cannot run many at once.
    maxWorkers: 2,
    minWorkers: 1,
    projects: [
      {
        test: {
          ...common,
          name: 'unit',
          include: ['**/*.test.ts'],
          exclude: [...common.exclude, 'test/e2e/**'],
          globalSetup: ['test/helpers/global-setup.ts'],
        },
      },
      {
        test: {
          ...common,
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/helpers/e2e-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
