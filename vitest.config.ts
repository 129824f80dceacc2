import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import LongestFirst from './src/test/sequencer.js';

// One PGlite (or one PostgreSQL database) per worker, shared by the files that worker runs: isolate is off so
// the module that holds it survives from file to file. Browser tests live in their own projects.
//
// The suite runs on the embedded PGlite always, and also on PostgreSQL when TEST_DATABASE_URL names a server: one
// `npm test` then checks both engines (projects `api`/`browser` and `api:pg`/`browser:pg`), so lint, type checks and
// the console build run once, and both engines' files share the two workers. GONGZHI_TEST_ENGINE tells a test file
// which engine its project is for (src/test/db.ts).
const engines = process.env.TEST_DATABASE_URL ? (['pglite', 'postgres'] as const) : (['pglite'] as const);
const suffix = (engine: string) => (engine === 'postgres' ? ':pg' : '');

// Files whose work does not depend on the engine under test run once, in the PGlite project: unit tests that open
// no database, the bench tooling (always on PGlite), and the server-process test (it starts src/main.ts on its own
// embedded data folder, and on the server named by TEST_DATABASE_URL itself where that is set).
const ENGINE_FREE = [
  'src/main.test.ts',
  'src/bench/bench.test.ts',
  'src/kernel/ledger/zip-guard.test.ts',
  'src/modules/grids/spatial-index.test.ts',
  'src/modules/service-orders/attachments.store.test.ts',
  'src/modules/service-orders/attachments.metadata.test.ts',
  'src/modules/service-orders/words.test.ts',
  'src/modules/co-building/matching.test.ts',
  'src/modules/open311/classifier.test.ts',
  'src/kernel/db/search.test.ts',
  'src/kernel/clock.test.ts',
  'src/kernel/db/reads.pair.test.ts',
  'src/kernel/db/reads.test.ts',
];

const projects: TestProjectInlineConfiguration[] = engines.flatMap((engine) => [
  {
    extends: true,
    test: {
      name: `api${suffix(engine)}`,
      include: ['src/**/*.test.ts'],
      exclude: ['src/**/*.browser.test.ts', ...(engine === 'postgres' ? ENGINE_FREE : [])],
      env: { GONGZHI_TEST_ENGINE: engine },
    },
  },
  {
    extends: true,
    test: {
      name: `browser${suffix(engine)}`,
      include: ['src/**/*.browser.test.ts'],
      env: { GONGZHI_TEST_ENGINE: engine },
      testTimeout: 60_000,
      // A browser test that fails is run again, up to twice (decision 049): on CI's two busy cores a page's timing
      // (a list still fading out, a table re-rendering under the pointer) fails about one browser test per full run,
      // a different one each time. A retried pass is still printed with its retries; API tests are never retried.
      retry: 2,
    },
  },
]);

export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 2,
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 180_000, // a worker's first demo copy seeds the demo first (src/test/db.ts)
    // expect.poll waits for what a page or a server shows after an action; vitest's default (1 s) is shorter than a
    // save and a refetch take when CI runs the suite on two busy cores (it made browser tests fail by chance).
    expect: { poll: { timeout: 10_000 } },
    // All four projects share the two workers in one group, longest file first (decision 043): browser files no
    // longer queue after the API files on one core at the end of the run.
    sequence: { sequencer: LongestFirst },
    projects,
  },
});
