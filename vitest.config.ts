import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Builds run by the tests are local builds (scripts/build.ts requires SITE_URL).
    env: { SITE_URL: 'http://127.0.0.1:4321' },
  },
});
