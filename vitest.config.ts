import { defineConfig } from 'vitest/config';

// One PGlite (or one PostgreSQL database) per worker, shared by the files that worker runs: isolate is off so
// the module that holds it survives from file to file. Browser tests live in their own project.
export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 2,
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // expect.poll waits for what a page or a server shows after an action; vitest's default (1 s) is shorter than a
    // save and a refetch take when CI runs the suite on two busy cores (it made browser tests fail by chance).
    expect: { poll: { timeout: 10_000 } },
    projects: [
      {
        extends: true,
        test: {
          name: 'api',
          include: ['src/**/*.test.ts'],
          exclude: ['src/**/*.browser.test.ts'],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['src/**/*.browser.test.ts'],
          maxWorkers: 1,
          testTimeout: 60_000,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
