import { defineConfig } from 'vitest/config';

// Browser tests: Node drives Debian Chromium (playwright-core) against the built app.
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    environment: 'node',
    testTimeout: 240_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    pool: 'forks',
    env: { TZ: 'UTC' },
  },
});
