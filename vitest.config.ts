import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'shared/test/**/*.test.ts',
      'jira-app/test/**/*.test.ts',
      'jira-app/test/**/*.test.tsx',
      'slack-app/test/**/*.test.ts',
      'test/**/*.test.ts',
    ],
    // Property tests and the dataset-backed tests do real work; keep the default pool but allow time.
    testTimeout: 30_000,
  },
});
