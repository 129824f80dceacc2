import { createApp } from '../app.js';
import { manualClock } from '../kernel/clock.js';
import { loadConfig } from '../kernel/config.js';
import { openPostgres, type Database } from '../kernel/db/client.js';
import { Client } from './http.js';
import { demoDatabase, resetDatabase, TEST_PII_KEYS, testDatabase, testDataDir, testServerUrl } from './db.js';
import { Factory } from './factories.js';

export { TEST_PII_KEYS, testDataDir };

/**
 * A real app on this worker's database, emptied first; the clock stands still until the test moves it. With
 * `{ demo: true }` the app runs on a copy of the demo data instead (src/test/db.ts demoDatabase), its own.
 */
export async function testApp(env: Record<string, string> = {}, opts: { demo?: boolean } = {}) {
  let database: Database;
  let release = async (): Promise<void> => undefined;
  if (opts.demo) {
    ({ database, release } = await demoDatabase());
  } else {
    database = await testDatabase();
    await resetDatabase(database);
  }
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    ...TEST_PII_KEYS,
    WEB_DIR: '/nonexistent',
    DATA_DIR: testDataDir(),
    ...env,
  });
  const clock = manualClock(new Date());
  const app = await createApp({ config, database, clock }, false);
  await app.ready();
  const factory = new Factory(database.db);
  return {
    app,
    database,
    db: database.db,
    clock,
    config,
    factory,
    client: (lang?: 'zh-CN' | 'en-US') => new Client(app, lang),
    /** A client signed in as a new account with these roles at this node. */
    async as(roles: string[], territoryId: number, extra: Parameters<Factory['account']>[0] = {}) {
      const acc = await factory.account({ roles, territoryId, ...extra });
      const c = new Client(app);
      const res = await c.login(acc.username, acc.password);
      if (res.status !== 200) throw new Error(`login failed: ${JSON.stringify(res.body)}`);
      return Object.assign(c, { account: acc });
    },
    async close() {
      await app.close();
      await release();
    },
  };
}
export type TestApp = Awaited<ReturnType<typeof testApp>>;

/**
 * A second app instance on the same database, as a second server process would be: on PostgreSQL with a pool of its
 * own (`poolSize` connections), on PGlite sharing the one connection there is. For tests of what several processes
 * must agree on (sessions, rollup slots, the audit sealer). `close()` closes the instance and its pool.
 */
export async function secondInstance(t: TestApp, poolSize = 5) {
  const url = testServerUrl();
  let database = t.database;
  if (url) {
    const [row] = await t.database.query<{ name: string }>('select current_database() as name');
    const u = new URL(url);
    u.pathname = `/${row!.name}`;
    database = await openPostgres(u.toString(), poolSize);
  }
  const app = await createApp({ config: t.config, database, clock: t.clock }, false);
  await app.ready();
  return {
    app,
    database,
    async close() {
      await app.close();
      if (database !== t.database) await database.close();
    },
  };
}
