import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.js';
import { testApp, type TestApp } from '../../test/app.js';
import { TEST_PASSWORD } from '../../test/factories.js';
import { Client } from '../../test/http.js';
import type { App } from './types.js';

/**
 * Throttling (issue 18, point 3): counters live in the database, so two app instances on one database (two
 * processes in production) share them. 429 with Retry-After, translated.
 */
let t: TestApp;
let second: App;
beforeAll(async () => {
  t = await testApp({ RATE_LIMITS: 'true' });
  second = await createApp({ config: t.config, database: t.database, clock: t.clock }, false);
  await second.ready();
});
afterAll(async () => {
  await second.close();
  await t.close();
});

describe('sign-in limits shared across app instances', () => {
  it('refuses the 11th sign-in for one account within 15 minutes, counted across both instances', async () => {
    const acc = await t.factory.account({ roles: ['communityStaff'], territoryId: (await t.factory.tree()).city.id });
    const a = new Client(t.app, 'en-US');
    const b = new Client(second, 'en-US');
    for (let i = 0; i < 10; i++) {
      const res = await (i % 2 ? b : a).login(acc.username, TEST_PASSWORD);
      expect(res.status).toBe(200);
    }
    const refused = await b.login(acc.username, TEST_PASSWORD);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(900);
    expect(refused.body.message).toMatch(/^Too many requests; try again in \d+ s$/);
    const zh = await new Client(t.app, 'zh-CN').login(acc.username, TEST_PASSWORD);
    expect(zh.status).toBe(429);
    expect(zh.body.message).toMatch(/^操作过于频繁，请 \d+ 秒后再试$/);
    // The window passes: the account may sign in again.
    t.clock.advance(15 * 60_000);
    expect((await a.login(acc.username, TEST_PASSWORD)).status).toBe(200);
  });

  it('refuses more than 30 sign-ins from one address in 5 minutes, whatever the usernames', async () => {
    t.clock.advance(5 * 60_000);
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      const c = new Client(i % 2 ? second : t.app);
      statuses.push((await c.login(`nobody-${i}`, 'x')).status);
    }
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses[30]).toBe(429);
  });

  it('limits one-time codes of sign-up per phone', async () => {
    t.clock.advance(60 * 60_000);
    const c = new Client(t.app);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await c.post('/api/signup/code', { phone: '13800001111' })).status);
      t.clock.advance(61_000); // past the module's own one-a-minute rule
    }
    expect(statuses.at(-1)).toBe(429);
  });
});
