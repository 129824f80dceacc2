import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDatabase } from './bootstrap.js';
import { loadConfig } from './kernel/config.js';
import { accounts } from './kernel/db/schema.js';
import type { Database } from './kernel/db/client.js';
import { resetDatabase, testDatabase } from './test/db.js';
import { TEST_PII_KEYS } from './test/app.js';

/** First start (issue 18, point 9): two servers starting at once seed once. */
let database: Database;
beforeAll(async () => {
  database = await testDatabase();
  await resetDatabase(database);
});
afterAll(() => resetDatabase(database));

describe('first start', () => {
  it('seeds once when two servers start together, and not again on the next start', async () => {
    const config = loadConfig({ NODE_ENV: 'test', DEMO_DATA: 'false', ...TEST_PII_KEYS });
    const log = pino({ level: 'silent' });
    const notices = await Promise.all([prepareDatabase(database, config, log), prepareDatabase(database, config, log)]);
    expect(notices.map((n) => n.kind).sort()).toEqual(['initialAdmin', 'none']);
    expect((await prepareDatabase(database, config, log)).kind).toBe('none');
    expect(await database.db.select().from(accounts)).toHaveLength(1);
  });
});
