import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../../kernel/audit/audit.js';
import { systemActor } from '../../kernel/context.js';
import { accounts, auditLog } from '../../kernel/db/schema.js';
import { testApp, type TestApp } from '../../test/app.js';
import type { Client } from '../../test/http.js';

const DAY = 24 * 3600_000;
let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
let auditor: Client; // bound to the district: sees both streets
let auditorA: Client; // bound to street A
let staffA: Client & { account: { id: number } };
let staffB: Client & { account: { id: number } };
let day1: Date;
let day2: Date;
const created: { a1?: number; a2?: number; b1?: number } = {};

type Entry = {
  id: number;
  action: string;
  objectType: string;
  objectId: string | null;
  actorId: number | null;
  actorName: string;
  at: string;
};

/** Signs an existing account in (sessions time out when the test moves the clock by days). */
async function signIn(acc: { id: number; username: string; password: string }) {
  const c = t.client();
  const res = await c.login(acc.username, acc.password);
  if (res.status !== 200) throw new Error(`login failed: ${JSON.stringify(res.body)}`);
  return Object.assign(c, { account: acc });
}

beforeAll(async () => {
  t = await testApp();
  tree = await t.factory.tree();
  const community = (s: 'streetA' | 'streetB') => tree[s].communities[0]!.community.id;
  const accA = await t.factory.account({ roles: ['communityStaff'], territoryId: community('streetA') });
  const accB = await t.factory.account({ roles: ['communityStaff'], territoryId: community('streetB') });
  await t.db.update(accounts).set({ displayName: '甲街道王审计对象' }).where(eq(accounts.id, accA.id));

  // Day 1: one node in each street. Day 2: another in street A and a rename.
  t.clock.advance(DAY);
  day1 = t.clock.now();
  staffA = await signIn(accA);
  staffB = await signIn(accB);
  created.a1 = (
    await staffA.post('/api/territories', { parentId: community('streetA'), level: 'compound', name: '甲一' })
  ).body.id;
  created.b1 = (
    await staffB.post('/api/territories', { parentId: community('streetB'), level: 'compound', name: '乙一' })
  ).body.id;
  t.clock.advance(DAY);
  day2 = t.clock.now();
  staffA = await signIn(accA);
  created.a2 = (
    await staffA.post('/api/territories', { parentId: community('streetA'), level: 'compound', name: '甲二' })
  ).body.id;
  await staffA.patch(`/api/territories/${created.a2}`, { name: '甲二改' });
  t.clock.advance(DAY);
  auditor = await t.as(['auditAdmin'], tree.district.id);
  auditorA = await t.as(['auditAdmin'], tree.streetA.street.id);
});
afterAll(() => t.close());

const ids = (body: { items: Entry[] }) => body.items.map((e) => e.id);
const search = (c: Client, params: Record<string, string | number>) =>
  c.get(`/api/audit?${new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]))}`);

describe('searching the audit log', () => {
  it('finds entries by action, newest first', async () => {
    const res = await search(auditor, { action: 'territory.create' });
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(3);
    expect(res.body.items.map((e: Entry) => e.objectId)).toEqual([
      String(created.a2),
      String(created.b1),
      String(created.a1),
    ]);
    for (const e of res.body.items) expect(e.action).toBe('territory.create');
    expect(res.body.items[0]).toMatchObject({
      actorId: staffA.account.id,
      actorRoles: ['communityStaff'],
      objectType: 'territory',
      ip: '127.0.0.1',
    });
    expect(res.body.items[0].requestId).toBeTruthy();
  });

  it('finds the history of one object by type and id', async () => {
    const res = await search(auditor, { objectType: 'territory', objectId: String(created.a2) });
    expect(res.body.items.map((e: Entry) => e.action)).toEqual(['territory.update', 'territory.create']);
    const update = res.body.items[0];
    expect(update.before).toMatchObject({ name: '甲二' });
    expect(update.after).toMatchObject({ name: '甲二改' });
    expect((await search(auditor, { objectType: 'account', objectId: String(created.a2) })).body.total).toBe(0);
  });

  it('finds what one actor did', async () => {
    const res = await search(auditor, { actorId: staffB.account.id });
    expect(res.body.items.map((e: Entry) => e.action).sort()).toEqual(['auth.login', 'territory.create']);
    for (const e of res.body.items) expect(e.actorId).toBe(staffB.account.id);
  });

  it('finds entries in a date range (from inclusive, to exclusive)', async () => {
    const onDay1 = await search(auditor, { objectType: 'territory', from: day1.toISOString(), to: day2.toISOString() });
    expect(onDay1.body.items.map((e: Entry) => e.objectId).sort()).toEqual(
      [String(created.a1), String(created.b1)].sort(),
    );
    for (const e of onDay1.body.items) {
      expect(new Date(e.at).getTime()).toBeGreaterThanOrEqual(day1.getTime());
      expect(new Date(e.at).getTime()).toBeLessThan(day2.getTime());
    }
    const fromDay2 = await search(auditor, { objectType: 'territory', from: day2.toISOString() });
    expect(fromDay2.body.items.map((e: Entry) => e.action)).toEqual(['territory.update', 'territory.create']);
    const untilDay2 = await search(auditor, { objectType: 'territory', to: day2.toISOString() });
    expect(untilDay2.body.total).toBe(2);
    expect((await search(auditor, { to: day1.toISOString() })).body.total).toBe(0); // nothing happened before day 1
  });

  it('searches free text in the actor name, action and object id', async () => {
    const byName = await search(auditor, { q: '王审计' });
    expect(byName.body.total).toBe(5); // two sign-ins, two nodes added, one renamed
    for (const e of byName.body.items) expect(e.actorName).toBe('甲街道王审计对象');
    const byAction = await search(auditor, { q: 'UPDATE' });
    expect(byAction.body.items.map((e: Entry) => e.action)).toEqual(['territory.update']);
    const noWildcard = await search(auditor, { q: '%' });
    expect(noWildcard.body.total).toBe(0);
  });

  it('pages with total, page and pageSize', async () => {
    const all = await search(auditor, { pageSize: 200 });
    expect(all.body.total).toBe(all.body.items.length);
    expect(all.body.total).toBeGreaterThanOrEqual(8);
    const first = await search(auditor, { pageSize: 3 });
    const second = await search(auditor, { pageSize: 3, page: 2 });
    expect(first.body).toMatchObject({ total: all.body.total, page: 1, pageSize: 3 });
    expect(second.body).toMatchObject({ total: all.body.total, page: 2, pageSize: 3 });
    expect([...ids(first.body), ...ids(second.body)]).toEqual(ids(all.body).slice(0, 6));
    expect((await search(auditor, { pageSize: 201 })).status).toBe(400);
    expect((await search(auditor, { from: 'not a date' })).status).toBe(400);
  });

  it('is scoped: an audit admin of street A sees nothing of street B', async () => {
    const res = await search(auditorA, { pageSize: 200 });
    expect(res.status).toBe(200);
    const seen = res.body.items as Entry[];
    expect(seen.map((e) => e.objectId)).toEqual(expect.arrayContaining([String(created.a1), String(created.a2)]));
    expect(seen.map((e) => e.objectId)).not.toContain(String(created.b1));
    expect(seen.map((e) => e.actorId)).not.toContain(staffB.account.id);
    expect((await search(auditorA, { actorId: staffB.account.id })).body.total).toBe(0);
    expect((await search(auditorA, { objectType: 'territory', objectId: String(created.b1) })).body.total).toBe(0);
    // every entry it sees is from street A's subtree
    const rows = await t.db.select().from(auditLog);
    const inA = rows.filter((r) => r.scopePath.startsWith(tree.streetA.street.path));
    expect(res.body.total).toBe(inA.length);
  });

  it('is only for the audit admin', async () => {
    const staff = await t.as(['communityStaff'], tree.streetA.street.id);
    expect((await staff.get('/api/audit')).status).toBe(403);
    const admin = await t.as(['sysAdmin'], tree.district.id);
    expect((await admin.get('/api/audit')).body.code).toBe('forbidden');
    expect((await t.client().get('/api/audit')).status).toBe(401);
  });
});

describe('personal data in the audit log', () => {
  it('shows before and after masked', async () => {
    const scopePath = tree.streetA.communities[0]!.household.path;
    await audit(
      t.db,
      { actor: systemActor(), clock: t.clock, requestId: 'req-mask', ip: '10.0.0.1' },
      {
        action: 'resident.update',
        objectType: 'resident',
        objectId: 'r-1',
        scopePath,
        before: { name: '张三', phone: '13812341234', idNumber: '630104199001011234', password: 'Secret-1' },
        after: { name: '张三', phone: '13900005678', profile: { mobile: '13700001234', token: 'tkn' } },
      },
    );
    const res = await search(auditorA, { objectType: 'resident' });
    expect(res.body.total).toBe(1);
    const entry = res.body.items[0];
    // The system itself is named as such, and the action and object in the reader's language (issue 10, point 17).
    expect(entry).toMatchObject({
      actorId: null,
      actorName: '系统（定时任务）',
      actionLabel: '修改居民',
      objectLabel: '居民',
      requestId: 'req-mask',
      ip: '10.0.0.1',
    });
    // the audit admin reads who did what to which record, not the resident's data (issue 18, decision 025)
    expect(entry.before).toEqual({
      name: '[personal]',
      phone: '[personal]',
      idNumber: '[personal]',
      password: '[redacted]',
    });
    expect(entry.after).toEqual({
      name: '[personal]',
      phone: '[personal]',
      profile: { mobile: '[personal]', token: '[redacted]' },
    });
    // the row itself keeps the masked numbers (decision 006)
    const [row] = await t.db.select().from(auditLog).where(eq(auditLog.requestId, 'req-mask'));
    expect(row!.before).toMatchObject({ phone: '138****1234', idNumber: '6301**********1234' });
    const text = JSON.stringify(res.body);
    for (const secret of ['13812341234', '630104199001011234', 'Secret-1', 'tkn']) expect(text).not.toContain(secret);
  });
});

describe('nobody changes the audit log', () => {
  it('the product offers no route to change or delete it', () => {
    const auditRoutes = t.app.routeTable.filter((r) => r.url === '/api/audit' || r.url.startsWith('/api/audit/'));
    expect([...new Set(auditRoutes.map((r) => r.method))]).toEqual(['GET']);
    for (const method of ['PATCH', 'PUT', 'DELETE', 'POST']) {
      expect(t.app.routeTable.some((r) => r.url.startsWith('/api/audit') && r.method === method)).toBe(false);
    }
  });

  it('answers 404 to an attempt over HTTP', async () => {
    const [row] = await t.db.select().from(auditLog).limit(1);
    for (const method of ['PATCH', 'PUT', 'DELETE'] as const) {
      const res = await auditor.request(
        method,
        `/api/audit/${row!.id}`,
        method === 'DELETE' ? undefined : { action: 'x' },
      );
      expect(res.status).toBe(404);
    }
    expect((await auditor.delete('/api/audit')).status).toBe(404);
  });

  it('the database refuses UPDATE and DELETE on audit_log', async () => {
    const before = await t.database.query<{ id: number; action: string }>(
      'select id::int as id, action from audit_log order by id',
    );
    expect(before.length).toBeGreaterThan(0);
    const first = before[0]!;
    await expect(
      t.database.query("update audit_log set action = 'tampered' where id = $1", [first.id]),
    ).rejects.toThrow(/append-only/);
    await expect(t.database.query('update audit_log set actor_name = $1', ['x'])).rejects.toThrow(/append-only/);
    await expect(t.database.query('delete from audit_log where id = $1', [first.id])).rejects.toThrow(/append-only/);
    await expect(t.database.query('delete from audit_log')).rejects.toThrow(/append-only/);
    await expect(t.db.update(auditLog).set({ action: 'tampered' }).where(eq(auditLog.id, first.id))).rejects.toThrow();
    const after = await t.database.query<{ id: number; action: string }>(
      'select id::int as id, action from audit_log order by id',
    );
    expect(after).toEqual(before);
  });
});
