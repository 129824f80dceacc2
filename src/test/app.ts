import os from 'node:os';
import path from 'node:path';
import { createApp } from '../app.js';
import { manualClock } from '../kernel/clock.js';
import { loadConfig } from '../kernel/config.js';
import { Client } from './http.js';
import { resetDatabase, testDatabase } from './db.js';
import { Factory } from './factories.js';

/** Fixed keys for personal numbers in tests (never used outside tests). */
export const TEST_PII_KEYS = {
  PII_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
  PII_HASH_KEY: Buffer.alloc(32, 9).toString('base64'),
};

/** Files a test app writes (uploads) go to a folder of this worker, never to the repository's ./data. */
export function testDataDir(): string {
  return path.join(os.tmpdir(), `gongzhi-test-${process.pid}`);
}

/** A real app on this worker's database, emptied first; the clock stands still until the test moves it. */
export async function testApp(env: Record<string, string> = {}) {
  const database = await testDatabase();
  await resetDatabase(database);
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
    close: () => app.close(),
  };
}
export type TestApp = Awaited<ReturnType<typeof testApp>>;
