import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../kernel/db/rows.js';
import { auditLog } from '../../kernel/db/schema.js';
import { testApp, type TestApp } from '../../test/app.js';
import type { Client } from '../../test/http.js';
import { sharedItemFigures, sharedItemsTick } from './shared-items.service.js';
import { addDays, chinaDay } from '../../kernel/clock.js';
import type { CommunityItem, MyLoan, SharedItemDetail, SharedLoan } from './shared-items.contract.js';
import { makeSharedItem } from './shared-items.testing.js';

/** 便民共享服务柜 over HTTP (issue 12 point 8, decision 042): lifecycle, one borrower at a time, reminders, scope. */
const DAY = 86_400_000;
let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
type Signed = Client & { account: { id: number; username: string; password: string } };
/** Sessions end when idle: after moving the clock by days, sign in again. */
const relogin = async (...cs: Signed[]) => {
  for (const c of cs) await c.login(c.account.username, c.account.password);
};
let staff: Signed, resident: Signed, neighbour: Signed, farStaff: Signed, farResident: Signed, streetAdmin: Signed;

const A1 = () => tree.streetA.communities[0]!;
const B1 = () => tree.streetB.communities[0]!;
const today = () => chinaDay(t.clock.now());
const I = '/api/co-building/shared-items';
const L = '/api/co-building/shared-loans';
const C = '/api/co-building/cabinet';
const M = '/api/co-building/my-loans';

beforeAll(async () => {
  t = await testApp();
  tree = await t.factory.tree();
  staff = await t.as(['communityStaff'], A1().community.id);
  streetAdmin = await t.as(['streetAdmin'], tree.streetA.street.id);
  resident = await t.as(['resident'], A1().household.id);
  neighbour = await t.as(['resident'], A1().household.id);
  farStaff = await t.as(['communityStaff'], B1().community.id);
  farResident = await t.as(['resident'], B1().household.id);
});
afterAll(() => t.close());

async function ok<R extends { status: number; body: unknown }>(p: Promise<R>, status = 200): Promise<R['body']> {
  const res = await p;
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
}
const auditsOf = async (id: number) =>
  (
    await t.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.objectType, 'coSharedItem'), eq(auditLog.objectId, String(id))))
  ).map((a) => a.action);

describe('shared items 便民共享服务柜', () => {
  it('lifecycle: register, borrow on /m, ask to return, returned damaged, repaired, lent at the counter, lost', async () => {
    const item: SharedItemDetail = await ok(
      staff.post(I, {
        territoryId: A1().community.id,
        name: '人字梯',
        category: 'tools',
        location: '党群服务中心一楼 共享柜 A3',
        maxDays: 3,
      }),
      201,
    );
    expect(item).toMatchObject({ status: 'available', condition: 'good', maxDays: 3, loan: null });
    expect(item.events.map((e) => e.kind)).toEqual(['created']);

    // The resident sees it in their community's cabinet and borrows it within its max days.
    const cabinet = await ok(resident.get(`${C}?available=true`));
    expect(cabinet.items.map((i: CommunityItem) => i.name)).toContain('人字梯');
    const tooLong = await resident.post(`${C}/${item.id}/borrow`, { dueOn: addDays(today(), 4) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.fields[0].field).toBe('dueOn');
    expect(tooLong.body.fields[0].message).toContain('3');
    const badDay = await resident.post(`${C}/${item.id}/borrow`, { dueOn: '2026-13-45' });
    expect(badDay.status).toBe(400);
    const loan: MyLoan = await ok(resident.post(`${C}/${item.id}/borrow`, { dueOn: addDays(today(), 3) }), 201);
    expect(loan).toMatchObject({
      status: 'out',
      channel: 'mobile',
      overdue: false,
      location: '党群服务中心一楼 共享柜 A3',
    });
    // Lent: nobody else can borrow or lend it (409, translated), and it shows as lent.
    const taken = await neighbour.post(`${C}/${item.id}/borrow`, { dueOn: today() });
    expect(taken.status).toBe(409);
    expect(taken.body.message).toContain('已借出');
    expect((await staff.post(`${I}/${item.id}/lend`, { dueOn: today(), borrowerName: '王大爷' })).status).toBe(409);
    expect((await ok(staff.get(`${I}/${item.id}`))).loan).toMatchObject({ id: loan.id, dueOn: addDays(today(), 3) });

    // My loans; the neighbour cannot ask to return someone else's loan.
    expect((await ok(resident.get(`${M}?state=open`))).items.map((l: MyLoan) => l.id)).toEqual([loan.id]);
    expect((await neighbour.post(`${M}/${loan.id}/return-request`, {})).status).toBe(404);
    const asked = await ok(
      resident.post(`${M}/${loan.id}/return-request`, { condition: 'damaged', note: '一条腿松了' }),
    );
    expect(asked).toMatchObject({ status: 'returnRequested', conditionIn: 'damaged' });
    expect((await resident.post(`${M}/${loan.id}/return-request`, {})).status).toBe(409);

    // Staff take it back damaged: the item is marked damaged, the record kept; then repaired.
    const back: SharedItemDetail = await ok(
      staff.post(`${L}/${loan.id}/return`, { condition: 'damaged', note: '腿松动' }),
    );
    expect(back).toMatchObject({ status: 'damaged', condition: 'damaged', loan: null });
    expect(back.loans[0]).toMatchObject({ id: loan.id, status: 'returned', conditionIn: 'damaged' });
    expect((await staff.post(`${L}/${loan.id}/return`, { condition: 'good' })).status).toBe(409);
    expect((await resident.post(`${C}/${item.id}/borrow`, { dueOn: today() })).status).toBe(409);
    expect((await staff.post(`${I}/${item.id}/status`, { to: 'lost', note: 'x' })).status).toBe(409);
    const fixed = await ok(staff.post(`${I}/${item.id}/status`, { to: 'available', note: '已修好' }));
    expect(fixed).toMatchObject({ status: 'available', condition: 'fair' });

    // At the counter to a person by name, then lost: the item stays, marked lost, and can be found again.
    const lent: SharedItemDetail = await ok(
      staff.post(`${I}/${item.id}/lend`, {
        dueOn: addDays(today(), 1),
        borrowerName: '王大爷',
        borrowerPhone: '13900000001',
      }),
    );
    // the phone comes back masked: only resident.reveal sees it whole (decision 047)
    expect(lent.loans[0]).toMatchObject({ channel: 'counter', borrower: { name: '王大爷', phone: '139****0001' } });
    // Stored encrypted, like every declared phone column (issue 18 point 2, decision 053).
    const stored = await t.db.execute(
      sql`select borrower_phone as p from co_item_loans where id = ${lent.loans[0]!.id}`,
    );
    const raw = String(rowsOf(stored)[0]!.p);
    expect(raw.startsWith('v1:')).toBe(true);
    expect(raw).not.toContain('13900000001');
    const noOne = await staff.post(`${I}/${item.id}/lend`, { dueOn: today() });
    expect(noOne.status).toBe(400);
    const lost = await ok(staff.post(`${L}/${lent.loans[0]!.id}/lost`, { note: '借用人搬家，梯子找不到了' }));
    expect(lost).toMatchObject({ status: 'lost' });
    const found = await ok(staff.post(`${I}/${item.id}/status`, { to: 'available', note: '在车棚找到' }));
    expect(found.status).toBe('available');
    const retired: SharedItemDetail = await ok(
      staff.post(`${I}/${item.id}/status`, { to: 'retired', note: '老化报废' }),
    );
    expect(retired.status).toBe('retired');
    expect((await staff.post(`${I}/${item.id}/status`, { to: 'available', note: 'x' })).status).toBe(409);
    // Retired items leave the residents' cabinet but keep their row and whole history.
    expect((await resident.get(`${C}/${item.id}`)).status).toBe(404);
    expect(retired.events.map((e) => e.kind).reverse()).toEqual([
      'created',
      'lent',
      'returnRequested',
      'returned',
      'damaged',
      'repaired',
      'lent',
      'lost',
      'found',
      'retired',
    ]);
    expect(retired.loans).toHaveLength(2);
    expect(await auditsOf(item.id)).toEqual([
      'coSharedItem.create',
      'coSharedItem.borrow',
      'coSharedItem.requestReturn',
      'coSharedItem.return',
      'coSharedItem.available',
      'coSharedItem.lend',
      'coSharedItem.lose',
      'coSharedItem.available',
      'coSharedItem.retired',
    ]);
    // History per resident: the staff loan list by borrower.
    const byResident = await ok(staff.get(`${L}?borrowerAccountId=${resident.account.id}`));
    expect(byResident.items.map((l: SharedLoan) => l.id)).toEqual([loan.id]);
  });

  it('concurrent borrow of the last item: one wins, the other gets 409', async () => {
    const item = await makeSharedItem(t.db, A1().community, { name: '轮椅', category: 'mobility' });
    const [a, b] = await Promise.all([
      resident.post(`${C}/${item.id}/borrow`, { dueOn: today() }),
      neighbour.post(`${C}/${item.id}/borrow`, { dueOn: today() }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const detail: SharedItemDetail = await ok(staff.get(`${I}/${item.id}`));
    expect(detail.status).toBe('lent');
    expect(detail.loans).toHaveLength(1);
    // The same race between a resident and the counter.
    const other = await makeSharedItem(t.db, A1().community, { name: '急救药箱', category: 'health' });
    const [c, d] = await Promise.all([
      resident.post(`${C}/${other.id}/borrow`, { dueOn: today() }),
      staff.post(`${I}/${other.id}/lend`, { dueOn: today(), borrowerName: '李阿姨' }),
    ]);
    expect([c.status, d.status].filter((s) => s === 409)).toHaveLength(1);
    expect((await ok(staff.get(`${L}?itemId=${other.id}`))).total).toBe(1);
  });

  it('reminds the day before the due day and once when overdue, by the clock', async () => {
    await sharedItemsTick(t.db, t.clock); // the earlier tests' loans due today are reminded first
    const item = await makeSharedItem(t.db, A1().community, { name: '小型钻孔机', maxDays: 5 });
    const loan: MyLoan = await ok(resident.post(`${C}/${item.id}/borrow`, { dueOn: addDays(today(), 2) }), 201);
    const notes = async () =>
      (await ok(resident.get('/api/notifications?pageSize=50'))).items.filter(
        (n: { link: string | null; body: string }) => n.link?.startsWith('/m/shared') && n.body.includes('小型钻孔机'),
      ) as { kind: string; title: string; body: string }[];
    const before = 0;
    expect((await notes()).length).toBe(0);
    expect((await sharedItemsTick(t.db, t.clock)).reminded).toBe(0);
    t.clock.advance(DAY); // due tomorrow
    await relogin(resident, staff);
    const first = await sharedItemsTick(t.db, t.clock);
    expect(first.reminded).toBeGreaterThanOrEqual(1);
    let mine = await notes();
    expect(mine.length).toBe(before + 1);
    expect(mine[0]).toMatchObject({ kind: 'sharedItem.reminder' });
    expect(mine[0]!.body).toContain('小型钻孔机');
    await sharedItemsTick(t.db, t.clock); // once only
    expect((await notes()).length).toBe(before + 1);
    t.clock.advance(2 * DAY); // past due
    await relogin(resident, staff);
    await sharedItemsTick(t.db, t.clock);
    mine = await notes();
    expect(mine.length).toBe(before + 2);
    expect(mine[0]).toMatchObject({ kind: 'sharedItem.overdue', title: '共享物品已逾期' });
    await sharedItemsTick(t.db, t.clock);
    expect((await notes()).length).toBe(before + 2);
    // Overdue in the lists and in the figure.
    const overdue = await ok(staff.get(`${L}?state=overdue`));
    expect(overdue.items.map((l: SharedLoan) => l.id)).toContain(loan.id);
    expect((await ok(resident.get(M))).items.find((l: MyLoan) => l.id === loan.id)?.overdue).toBe(true);
    const f = await sharedItemFigures(t.db, A1().community.path, today(), today(), today());
    expect(f.overdue).toBe(overdue.total);
    await ok(staff.post(`${L}/${loan.id}/return`, { condition: 'good' }));
    expect((await sharedItemFigures(t.db, A1().community.path, today(), today(), today())).overdue).toBe(
      overdue.total - 1,
    );
  });

  it('scope: staff see their subtree, 404 outside; residents only their own community', async () => {
    await relogin(staff, streetAdmin, resident, farStaff, farResident);
    const far = await makeSharedItem(t.db, B1().community, { name: '老花镜', category: 'health' });
    const near = await makeSharedItem(t.db, A1().community, { name: '重型订书机', category: 'office' });
    expect((await farStaff.get(`${I}/${near.id}`)).status).toBe(404);
    expect((await farStaff.post(`${I}/${near.id}/lend`, { dueOn: today(), borrowerName: 'x' })).status).toBe(404);
    expect(
      (await farStaff.post(I, { territoryId: A1().community.id, name: 'x', category: 'tools', location: 'x' })).status,
    ).toBe(404);
    expect((await ok(farStaff.get(`${I}?q=${encodeURIComponent('重型订书机')}`))).total).toBe(0);
    expect((await ok(streetAdmin.get(`${I}?q=${encodeURIComponent('重型订书机')}`))).total).toBe(1);
    // A resident of A1 cannot see or borrow B1's item, and reads none of the staff lists.
    expect((await resident.get(`${C}/${far.id}`)).status).toBe(404);
    expect((await resident.post(`${C}/${far.id}/borrow`, { dueOn: today() })).status).toBe(404);
    expect((await ok(farResident.get(C))).items.map((i: CommunityItem) => i.name)).toEqual(['老花镜']);
    expect((await resident.get(I)).status).toBe(403);
    expect((await staff.post(`${C}/${near.id}/borrow`, { dueOn: today() })).status).toBe(403);
    // A cabinet above community level is refused with a field message.
    const high = await streetAdmin.post(I, {
      territoryId: tree.streetA.street.id,
      name: 'x',
      category: 'tools',
      location: 'x',
    });
    expect(high.status).toBe(400);
    expect(high.body.fields[0].field).toBe('territoryId');
  });

  it('figures: items, loans in the period, overdue — with their records', async () => {
    const f = await sharedItemFigures(t.db, A1().community.path, addDays(today(), -30), today(), today());
    const items = await ok(staff.get(`${I}?status=available,lent,lost,damaged&pageSize=1`));
    expect(f.items).toBe(items.total);
    const loans = await ok(staff.get(`${L}?from=${addDays(today(), -30)}&to=${today()}&pageSize=1`));
    expect(f.loans).toBe(loans.total);
  });
});
