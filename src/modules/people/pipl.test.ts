import { and, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptPii } from '../../kernel/crypto/pii.js';
import { accounts, auditLog } from '../../kernel/db/schema.js';
import { testApp, type TestApp } from '../../test/app.js';
import { orderEvents, serviceOrders } from '../service-orders/schema.js';
import { residents } from './schema.js';

/** PIPL (issue 18 point 7): a resident takes a copy of their data; deleting them anonymises their account. */
let t: TestApp;
beforeAll(async () => {
  t = await testApp({}, { demo: true });
}, 300_000);
afterAll(() => t.close());

describe('rights of the person', () => {
  it('a resident downloads their own data as JSON and Excel, numbers in full, audited', async () => {
    const c = t.client();
    expect((await c.login('resident', 'Gongzhi@2026')).status).toBe(200);
    const [acc] = await t.db.select().from(accounts).where(eq(accounts.username, 'resident'));
    const [row] = await t.db.select().from(residents).where(eq(residents.accountId, acc!.id));
    const json = await c.get('/api/people/me/export?format=json');
    expect(json.status).toBe(200);
    expect(String(json.headers['content-disposition'])).toContain('attachment');
    const text = typeof json.body === 'string' ? json.body : JSON.stringify(json.body);
    expect(text).toContain(row!.name);
    if (row!.phoneEnc) expect(text).toContain(decryptPii('phone', row!.phoneEnc));
    const xlsx = await c.get('/api/people/me/export?format=xlsx');
    expect(xlsx.status).toBe(200);
    expect(String(xlsx.headers['content-type'])).toContain('spreadsheetml');
    const trail = await t.db.select().from(auditLog).where(eq(auditLog.action, 'resident.selfExport'));
    expect(trail.length).toBeGreaterThanOrEqual(2);
  });

  it('deleting a resident disables and anonymises their account; their orders stay under a pseudonym', async () => {
    // a resident with an account who reported orders and is not a party member
    const withOrders = await t.db
      .selectDistinct({ accountId: residents.accountId, id: residents.id, name: residents.name })
      .from(residents)
      .innerJoin(serviceOrders, eq(serviceOrders.reporterAccountId, residents.accountId))
      .where(isNotNull(residents.accountId));
    let target: (typeof withOrders)[number] | undefined;
    let res;
    const sec = t.client();
    expect((await sec.login('city_admin', 'Gongzhi@2026')).status).toBe(200);
    for (const r of withOrders) {
      res = await sec.delete(`/api/people/residents/${r.id}`);
      if (res.status === 204) {
        target = r;
        break;
      }
    }
    expect(target, 'a deletable demo resident with orders').toBeDefined();
    const accountId = target!.accountId!;
    const [acc] = await t.db.select().from(accounts).where(eq(accounts.id, accountId));
    expect(acc!.disabled).toBe(true);
    expect(acc!.displayName).toMatch(/^居民[0-9a-f]{8}$/);
    expect(acc!.username).toMatch(/^deleted-/);
    expect(acc!.phoneHash).toBeNull();
    const orders = await t.db.select().from(serviceOrders).where(eq(serviceOrders.reporterAccountId, accountId));
    expect(orders.length).toBeGreaterThan(0);
    const events = await t.db.select().from(orderEvents).where(eq(orderEvents.actorId, accountId));
    for (const e of events) expect(e.actorName).toBe(acc!.displayName);
    expect(JSON.stringify(events)).not.toContain(target!.name);
    const [trail] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'resident.delete'), eq(auditLog.objectId, String(target!.id))));
    expect(trail!.after).toMatchObject({ accountId, accountAnonymised: true });
  });
});
