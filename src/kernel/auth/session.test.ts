import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secondInstance, testApp, type TestApp } from '../../test/app.js';
import { TEST_PASSWORD } from '../../test/factories.js';
import { Client } from '../../test/http.js';
import { accounts, sessions } from '../db/schema.js';
import type { App } from '../http/types.js';
import { authenticate, hashToken } from './auth.service.js';
import { authenticateSession } from './session.js';

/**
 * The light request path (decision 031) checked across two app instances on one database, as two processes behind
 * one port would run: on PostgreSQL the second app has its own pool (its own connections and prepared statements),
 * on PGlite it shares the embedded instance. Whatever one instance (or any writer) changes, the other applies on
 * its very next request.
 */
const MIN = 60_000;
let t: TestApp;
let other: App;
let second: Awaited<ReturnType<typeof secondInstance>>;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;

beforeAll(async () => {
  t = await testApp();
  tree = await t.factory.tree();
  second = await secondInstance(t, 2);
  other = second.app;
});
afterAll(async () => {
  await second.close();
  await t.close();
});

const community = () => tree.streetA.communities[0]!.community.id;

/** A client of instance A and one of instance B holding the same cookies (one browser, two processes). */
async function signedInTwice(roles: string[] = ['communityStaff']) {
  const acc = await t.factory.account({ roles, territoryId: community() });
  const a = t.client();
  expect((await a.login(acc.username, TEST_PASSWORD)).status).toBe(200);
  const b = new Client(other);
  b.cookies = a.cookies;
  expect((await b.get('/api/auth/me')).status).toBe(200);
  return { acc, a, b };
}

describe('the light request path across two app instances', () => {
  it('refuses a signed-out session on the other instance at once', async () => {
    const { a, b } = await signedInTwice();
    const token = a.cookies.get('gz_session')!;
    expect((await a.post('/api/auth/logout')).status).toBeLessThan(300);
    const c = new Client(other);
    c.cookies.set('gz_session', token);
    expect((await c.get('/api/auth/me')).status).toBe(401);
    expect(b.cookies.get('gz_session')).toBeUndefined(); // A's answer cleared it; the old token is refused above
  });

  it('applies a role change made elsewhere on the next request of either instance', async () => {
    const { acc, a, b } = await signedInTwice(['communityStaff']);
    expect((await b.get('/api/auth/me')).body.permissions).toContain('territory.read');
    await t.db
      .update(accounts)
      .set({ roles: ['resident'] })
      .where(eq(accounts.id, acc.id));
    for (const c of [b, a]) {
      const me = await c.get('/api/auth/me');
      expect(me.body.roles).toEqual(['resident']);
      expect(me.body.permissions).not.toContain('territory.read');
    }
  });

  it('applies a scope change (the account moved to another node) at once', async () => {
    const { acc, b } = await signedInTwice();
    const elsewhere = tree.streetB.communities[0]!.community.id;
    await t.db.update(accounts).set({ territoryId: elsewhere }).where(eq(accounts.id, acc.id));
    expect((await b.get('/api/auth/me')).body.territory.id).toBe(elsewhere);
  });

  it('refuses every session of a disabled account on the other instance and deletes them', async () => {
    const { acc, b } = await signedInTwice();
    await t.db.update(accounts).set({ disabled: true }).where(eq(accounts.id, acc.id));
    expect((await b.get('/api/auth/me')).status).toBe(401);
    expect(await t.db.select().from(sessions).where(eq(sessions.accountId, acc.id))).toEqual([]);
  });

  it('refuses a session deleted by another writer (sessions revoked by an admin) at once', async () => {
    const { acc, b } = await signedInTwice();
    await t.db.delete(sessions).where(eq(sessions.accountId, acc.id));
    expect((await b.get('/api/auth/me')).status).toBe(401);
  });
});

describe('one round trip, same answer as the drizzle path', () => {
  it('resolves a session exactly as authenticate does', async () => {
    const { a } = await signedInTwice(['communityStaff', 'gridWorker']);
    const token = a.cookies.get('gz_session')!;
    const light = await authenticateSession(t.database, t.config, t.clock, token);
    const full = await authenticate(t.db, t.config, t.clock, token);
    expect(light).not.toBeNull();
    expect(full).not.toBeNull();
    expect({ ...light!.actor, permissions: [...light!.actor.permissions].sort() }).toEqual({
      ...full!.actor,
      permissions: [...full!.actor.permissions].sort(),
    });
    expect(light!.account).toEqual({
      roles: full!.account.roles,
      mustChangePassword: full!.account.mustChangePassword,
      totpEnabled: full!.account.totpEnabled,
      locale: full!.account.locale,
    });
    expect(await authenticateSession(t.database, t.config, t.clock, 'no-such-token')).toBeNull();
  });

  it('touches last_seen_at in the same statement at most once a minute, and ends an idle session', async () => {
    const { a } = await signedInTwice();
    const id = hashToken(a.cookies.get('gz_session')!);
    const seen = async () => (await t.db.select().from(sessions).where(eq(sessions.id, id)))[0]?.lastSeenAt;
    const start = (await seen())!.getTime();
    t.clock.advance(30_000);
    expect((await a.get('/api/auth/me')).status).toBe(200);
    expect((await seen())!.getTime()).toBe(start); // less than a minute: a read stays a read
    t.clock.advance(t.config.SESSION_IDLE_MINUTES * MIN - 60_000);
    expect((await a.get('/api/auth/me')).status).toBe(200);
    expect((await seen())!.getTime()).toBe(t.clock.now().getTime());
    t.clock.advance(t.config.SESSION_IDLE_MINUTES * MIN - 1);
    expect((await a.get('/api/auth/me')).status).toBe(200); // the touch above kept it alive
    t.clock.advance(t.config.SESSION_IDLE_MINUTES * MIN + 1);
    expect((await a.get('/api/auth/me')).status).toBe(401);
    expect(await seen()).toBeUndefined();
  });
});
