import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../kernel/db/rows.js';
import { auditLog } from '../../kernel/db/schema.js';
import { fillPiiHashes } from '../../kernel/crypto/pii-columns.js';
import { hashPii } from '../../kernel/crypto/pii.js';
import { testApp, type TestApp } from '../../test/app.js';
import type { Client } from '../../test/http.js';
import { storeFrom } from './attachments.store.js';
import { retentionPass } from './retention.js';
import { serviceOrders } from './schema.js';

/**
 * 代群众登记 (issue 10 items 6 and 8): staff register a matter for a walk-in with their name and phone. The phone is
 * stored encrypted, answered masked everywhere (order, list, audit), searchable by the walk-in's name, and dropped
 * by the retention pass; a point outside the community asks for the staff's confirmation on its own field
 * (`confirmOutside`), which the console form turns into a confirm dialog.
 */
let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
let staff: Client, resident: Client;
const A1 = () => tree.streetA.communities[0]!;
const PHONE = '13912345678';
const MASKED = '139****5678';

const box = (x0: number, y0: number, x1: number, y1: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
      [x0, y0],
    ] as [number, number][],
  ],
});
const walkIn = (c: Client, extra: Record<string, unknown>) =>
  c.post('/api/orders', { kind: 'problem', category: 'repair', title: '楼道灯不亮', ...extra });

beforeAll(async () => {
  t = await testApp();
  tree = await t.factory.tree();
  staff = await t.as(['communityStaff'], A1().community.id);
  resident = await t.as(['resident'], A1().household.id);
  const grid = await staff.post('/api/grids', {
    communityId: A1().community.id,
    kind: 'basic',
    name: '第一网格',
    geometry: box(101.7, 36.6, 101.71, 36.61),
  });
  expect(grid.status, JSON.stringify(grid.body)).toBe(201);
});
afterAll(() => t.close());

describe('a walk-in’s name and phone', () => {
  let id: number;

  it('registers the walk-in at a building with a phone, answered masked', async () => {
    const res = await walkIn(staff, {
      territoryId: A1().household.id,
      description: '3 号楼 2 单元楼道灯坏了一周',
      walkIn: { name: '王秀英', phone: '139 1234 5678' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ reporter: null, reporterName: '王秀英', reporterPhone: MASKED });
    id = res.body.id as number;
    expect((await staff.get(`/api/orders/${id}`)).body.reporterPhone).toBe(MASKED);
  });

  it('stores the phone encrypted and audits it masked', async () => {
    const [raw] = rowsOf(await t.db.execute(sql`select reporter_phone as p from service_orders where id = ${id}`));
    expect(typeof raw!.p).toBe('string');
    expect(String(raw!.p).startsWith('v1:')).toBe(true);
    expect(String(raw!.p)).not.toContain(PHONE);
    const [row] = await t.db.select().from(serviceOrders).where(eq(serviceOrders.id, id));
    expect(row!.reporterPhone).toBe(PHONE);
    const [entry] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'order.create'), eq(auditLog.objectId, String(id))));
    expect(entry!.after).toMatchObject({ reporterName: '王秀英', reporterPhone: MASKED });
    expect(JSON.stringify(entry!.after)).not.toContain(PHONE);
  });

  it('lists it with the masked phone, found by the walk-in’s name', async () => {
    const list = await staff.get(`/api/orders?q=${encodeURIComponent('王秀英')}`);
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(1);
    expect(list.body.items[0]).toMatchObject({ id, reporterName: '王秀英', reporterPhone: MASKED });
    expect(JSON.stringify(list.body)).not.toContain(PHONE);
  });

  it('refuses a phone that is not a mobile number, on its field, in the user’s language', async () => {
    const res = await walkIn(staff, { territoryId: A1().household.id, walkIn: { name: '李四', phone: '12345' } });
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual([{ field: 'walkIn.phone', message: '手机号应为 11 位，以 13–19 开头' }]);
    // A walk-in without a phone is still registered (it is then followed up by a visit).
    const none = await walkIn(staff, { territoryId: A1().household.id, walkIn: { name: '李四' } });
    expect(none.status).toBe(201);
    expect(none.body.reporterPhone).toBeNull();
  });

  it('an order of a resident with an account carries no phone', async () => {
    const res = await walkIn(resident, { territoryId: A1().household.id });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ reporterPhone: null });
    expect(res.body.reporter).not.toBeNull();
  });
});

describe('a point outside the community, registered for a walk-in', () => {
  it('asks for the confirmation on its own field, then registers it with the phone', async () => {
    const body = {
      location: { lng: 101.73, lat: 36.605, address: '小区外的公交站' },
      walkIn: { name: '赵大爷', phone: PHONE },
    };
    const ask = await walkIn(staff, body);
    expect(ask.status).toBe(400);
    expect(ask.body.fields).toEqual([
      {
        field: 'confirmOutside',
        message: '所选位置不在本社区的网格范围内（相距约 1.8 公里）；如确为代群众登记的辖区外事项，请勾选确认后再提交',
      },
    ]);
    const done = await walkIn(staff, { ...body, confirmOutside: true });
    expect(done.status, JSON.stringify(done.body)).toBe(201);
    expect(done.body).toMatchObject({
      territory: { id: A1().community.id },
      gridId: null,
      reporterName: '赵大爷',
      reporterPhone: MASKED,
    });
    // A refusal that no confirmation lifts stays on the location field.
    const far = await walkIn(staff, { ...body, location: { lng: 116.397, lat: 39.909 }, confirmOutside: true });
    expect(far.status).toBe(400);
    expect(far.body.fields[0].field).toBe('location');
  });
});

describe('a walk-in’s phone, found and revealed (decision 053)', () => {
  let id: number;
  const OTHER = '13698765432';

  beforeAll(async () => {
    const res = await walkIn(staff, { territoryId: A1().household.id, walkIn: { name: '钱阿姨', phone: OTHER } });
    expect(res.status).toBe(201);
    id = res.body.id as number;
  });

  it('stores a keyed hash of the phone, never the number', async () => {
    const [raw] = rowsOf(await t.db.execute(sql`select reporter_phone_hash as h from service_orders where id = ${id}`));
    expect(raw!.h).toBe(hashPii('phone', OTHER));
    expect(String(raw!.h)).not.toContain(OTHER);
    // The audit row of the creation does not carry it either (hash fields are secret there).
    const [entry] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'order.create'), eq(auditLog.objectId, String(id))));
    expect(JSON.stringify(entry!.after)).not.toContain(String(raw!.h));
  });

  it('finds a caller’s orders by the whole number: `phone`, or typed into the search box', async () => {
    const byPhone = await staff.get(`/api/orders?phone=${encodeURIComponent('136 9876-5432')}`);
    expect(byPhone.status).toBe(200);
    expect(byPhone.body.items.map((x: { id: number }) => x.id)).toEqual([id]);
    expect(byPhone.body.items[0].reporterPhone).toBe('136****5432');
    const byQ = await staff.get(`/api/orders?q=${OTHER}`);
    expect(byQ.body.items.map((x: { id: number }) => x.id)).toEqual([id]);
    // Both walk-ins of PHONE (the building one and the outside-point one come later: here only the first).
    const first = await staff.get(`/api/orders?phone=${PHONE}`);
    expect(first.body.items.length).toBeGreaterThanOrEqual(1);
    expect(first.body.items.every((x: { reporterPhone: string }) => x.reporterPhone === MASKED)).toBe(true);
    // Part of a number matches nothing (whole numbers only), and a malformed one is a 400 on its field.
    expect((await staff.get('/api/orders?q=13698765')).body.total).toBe(0);
    const bad = await staff.get('/api/orders?phone=12345');
    expect(bad.status).toBe(400);
    expect(bad.body.fields[0].field).toBe('querystring.phone');
    // Another street's staff find nothing by it.
    const far = await t.as(['communityStaff'], tree.streetB.communities[0]!.community.id);
    expect((await far.get(`/api/orders?phone=${OTHER}`)).body.total).toBe(0);
  });

  it('reveals the full number to those who may reveal residents’ numbers, audited without the number', async () => {
    const secretary = await t.as(['communitySecretary'], A1().community.id);
    const res = await secretary.post(`/api/orders/${id}/reveal-phone`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ id, phone: OTHER });
    const entries = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'order.revealPhone'), eq(auditLog.objectId, String(id))));
    expect(entries).toHaveLength(1);
    expect(entries[0]!.objectType).toBe('serviceOrder');
    expect(JSON.stringify(entries[0])).not.toContain(OTHER);
    // Staff without resident.reveal: 403; a secretary of another street: 404.
    expect((await staff.post(`/api/orders/${id}/reveal-phone`)).status).toBe(403);
    const far = await t.as(['communitySecretary'], tree.streetB.communities[0]!.community.id);
    expect((await far.post(`/api/orders/${id}/reveal-phone`)).status).toBe(404);
    // An order of a resident with an account: nothing to reveal, nothing audited.
    const own = await walkIn(resident, { territoryId: A1().household.id });
    const none = await secretary.post(`/api/orders/${own.body.id}/reveal-phone`);
    expect(none.body).toEqual({ id: own.body.id, phone: null });
    const count = await t.db.select().from(auditLog).where(eq(auditLog.action, 'order.revealPhone'));
    expect(count).toHaveLength(1);
  });

  it('fills the hash of a phone written before the column existed, at start (idempotent)', async () => {
    await t.db.execute(sql`update service_orders set reporter_phone_hash = null where id = ${id}`);
    expect(await fillPiiHashes(t.db)).toBe(1);
    expect(await fillPiiHashes(t.db)).toBe(0);
    expect((await staff.get(`/api/orders?phone=${OTHER}`)).body.items.map((x: { id: number }) => x.id)).toEqual([id]);
  });
});

// Last: it moves the clock six years on.
describe('retention', () => {
  it('the retention pass drops the phone with the name', async () => {
    const found = await t.db
      .select({ id: serviceOrders.id })
      .from(serviceOrders)
      .where(eq(serviceOrders.reporterName, '赵大爷'));
    const id = found[0]!.id;
    const cancelled = await staff.post(`/api/orders/${id}/cancel`, { kind: 'void', reason: '群众撤回' });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    const store = storeFrom(t.config);
    t.clock.advance(6 * 366 * 24 * 3_600_000);
    await retentionPass(t.db, t.clock, 5, store);
    const [row] = await t.db.select().from(serviceOrders).where(eq(serviceOrders.id, id));
    expect(row).toMatchObject({ reporterName: null, reporterPhone: null, reporterPhoneHash: null });
  });
});
