import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../kernel/db/schema.js';
import { testApp, type TestApp } from '../../test/app.js';
import type { Client } from '../../test/http.js';
import { agreementScore } from './agreements.js';
import { chinaDay } from '../../kernel/clock.js';
import type { Deliverable } from './contract.js';
import { makeAgreement } from './testing.js';

const DAY = 86_400_000;
let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
let staff: Client, resident: Client, otherResident: Client, farStaff: Client;
const A1 = () => tree.streetA.communities[0]!;
const B1 = () => tree.streetB.communities[0]!;
const P = '/api/co-building';
const day = (offset: number) => chinaDay(new Date(t.clock.now().getTime() + offset * DAY));

beforeAll(async () => {
  t = await testApp();
  tree = await t.factory.tree();
  staff = await t.as(['communityStaff'], A1().community.id);
  resident = await t.as(['resident'], A1().household.id);
  otherResident = await t.as(['resident'], A1().household.id);
  farStaff = await t.as(['communityStaff'], B1().community.id);
});
afterAll(() => t.close());

async function ok<R extends { status: number; body: unknown }>(p: Promise<R>, status = 200): Promise<R['body']> {
  const res = await p;
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
}

describe('evaluation formula', () => {
  it('is 70 × deliverables + 30 × rating, or 100 × deliverables without ratings', () => {
    expect(agreementScore(['onTime', 'onTime'], [])).toEqual({ score: 100, parts: { deliverables: 1, rating: null } });
    expect(agreementScore(['onTime', 'late', 'notDone'], [5, 3])).toEqual({
      score: 57.5,
      parts: { deliverables: 0.5, rating: 0.75 },
    });
    expect(agreementScore(['notDone'], [1]).score).toBe(0);
  });
});

describe('contract co-building 契约化共建', () => {
  it('goes 商约 → 签约 → 公示 → 履约 → 评约 with a computed score; illegal moves are 409', async () => {
    const seedA = await makeAgreement(t.db, A1().community, { title: '种子', unitName: '兰州石化公司' });
    const created = await ok(
      staff.post(`${P}/agreements`, {
        communityId: A1().community.id,
        unitId: seedA.unitId,
        title: '2026年度社区与兰州石化公司共建协议',
        year: 2026,
        deliverables: [
          { title: '资助困难家庭 10 户', dueOn: day(-10) },
          { title: '开放职工食堂为老年人助餐', dueOn: day(-5) },
        ],
      }),
      201,
    );
    const id = created.id as number;
    expect(created).toMatchObject({ status: 'negotiating', score: null, unit: { name: '兰州石化公司' } });
    expect((await farStaff.get(`${P}/agreements/${id}`)).status).toBe(404);
    await ok(staff.post(`${P}/agreements/${id}/deliverables`, { title: '志愿服务 100 小时', dueOn: day(10) }), 201);

    const skip = await staff.post(`${P}/agreements/${id}/move`, { to: 'evaluated' });
    expect(skip.status).toBe(409);
    expect(skip.body.message).toContain('商约');
    expect((await resident.post(`${P}/agreements/${id}/ratings`, { stars: 5 })).status).toBe(409);
    await ok(staff.post(`${P}/agreements/${id}/move`, { to: 'signed', signedOn: day(-20) }));
    expect((await staff.post(`${P}/agreements/${id}/deliverables`, { title: 'x', dueOn: day(1) })).status).toBe(409);
    await ok(staff.post(`${P}/agreements/${id}/move`, { to: 'published' }));
    await ok(resident.post(`${P}/agreements/${id}/ratings`, { stars: 5, comment: '食堂饭菜可口' }), 201);
    await ok(otherResident.post(`${P}/agreements/${id}/ratings`, { stars: 3 }), 201);
    expect((await resident.post(`${P}/agreements/${id}/ratings`, { stars: 1 })).status).toBe(409);
    let a = await ok(staff.post(`${P}/agreements/${id}/move`, { to: 'fulfilling' }));
    const [help, canteen, hours] = a.deliverables as Deliverable[];
    expect(a.deliverables.map((d: Deliverable) => d.state)).toEqual(['overdue', 'overdue', 'pending']);

    await ok(
      staff.post(`${P}/agreements/${id}/deliverables/${help!.id}/report`, {
        status: 'done',
        doneOn: day(-12),
        evidence: '资助名单和签收单',
      }),
    );
    await ok(
      staff.post(`${P}/agreements/${id}/deliverables/${canteen!.id}/report`, {
        status: 'done',
        doneOn: day(-1),
        evidence: '助餐登记表',
      }),
    );
    const early = await staff.post(`${P}/agreements/${id}/move`, { to: 'evaluated' });
    expect(early.status).toBe(409);
    expect(early.body.message).toContain('1');
    const future = await staff.post(`${P}/agreements/${id}/deliverables/${hours!.id}/report`, {
      status: 'done',
      doneOn: day(3),
      evidence: 'x',
    });
    expect(future.status).toBe(400);
    await ok(
      staff.post(`${P}/agreements/${id}/deliverables/${hours!.id}/report`, {
        status: 'notDone',
        evidence: '单位改制未落实',
      }),
    );
    a = await ok(staff.post(`${P}/agreements/${id}/move`, { to: 'evaluated' }));
    expect(a.deliverables.map((d: Deliverable) => d.state)).toEqual(['onTime', 'late', 'notDone']);
    // (1 + ½ + 0) / 3 = 0.5 → 35; mean stars 4 → (4 − 1)/4 = 0.75 → 22.5; score 57.5.
    expect(a).toMatchObject({ status: 'evaluated', score: 57.5, scoreParts: { deliverables: 0.5, rating: 0.75 } });
    expect((await staff.post(`${P}/agreements/${id}/move`, { to: 'evaluated' })).status).toBe(409);

    // The unit's agreements and scores over the years.
    const byUnit = await ok(staff.get(`${P}/agreements?unitId=${seedA.unitId}`));
    expect(byUnit.items.map((x: { id: number }) => x.id)).toContain(id);
    const audits = await t.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.objectType, 'coAgreement'), eq(auditLog.objectId, String(id))));
    expect(audits.map((x) => x.action)).toEqual(
      expect.arrayContaining([
        'coAgreement.create',
        'coAgreement.addDeliverable',
        'coAgreement.signed',
        'coAgreement.published',
        'coAgreement.rate',
        'coAgreement.fulfilling',
        'coAgreement.report',
        'coAgreement.evaluated',
      ]),
    );
  });
});
