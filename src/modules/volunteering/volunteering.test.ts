import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../kernel/db/schema.js';
import { testApp, type TestApp } from '../../test/app.js';
import type { Client } from '../../test/http.js';
import { dualEvaluations, dualRegistrations } from '../party-members/index.js';
import { makeMember } from '../service-orders/testing.js';
import { starsOf } from './constants.js';
import { pointEntries } from './schema.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
type Signed = Client & { account: { id: number; username: string; password: string; displayName: string } };
let secretary: Signed, staff: Signed, resident: Signed, member: Signed, farStaff: Signed, district: Signed;
const A1 = () => tree.streetA.communities[0]!;
const A2 = () => tree.streetA.communities[1]!;
const B1 = () => tree.streetB.communities[0]!;
const at = (ms: number) => new Date(t.clock.now().getTime() + ms).toISOString();
const PLACE = { lng: 101.7578, lat: 36.6232 };

async function move(ms: number) {
  t.clock.set(new Date(t.clock.now().getTime() + ms));
  for (const c of [secretary, staff, resident, member, farStaff, district])
    await c.login(c.account.username, c.account.password);
}

async function organise(by: Signed, capacity = 5, kind = 'volunteer', territoryId = A1().community.id) {
  const res = await by.post('/api/volunteering/activities', {
    kind,
    title: `文明劝导志愿服务${Math.random().toString(36).slice(2, 6)}`,
    territoryId,
    place: '文亭巷社区党群服务中心',
    ...PLACE,
    radiusM: 200,
    shifts: [{ label: '上午', startsAt: at(HOUR), endsAt: at(4 * HOUR), capacity }],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number; shifts: { id: number }[] };
}

beforeAll(async () => {
  t = await testApp();
  tree = await t.factory.tree();
  secretary = await t.as(['communitySecretary'], A1().community.id);
  staff = await t.as(['communityStaff'], A1().community.id);
  resident = await t.as(['resident'], A1().household.id);
  member = await t.as(['partyMember'], A2().household.id);
  farStaff = await t.as(['communityStaff'], B1().community.id);
  district = await t.as(['districtAdmin'], tree.district.id);
});
afterAll(() => t.close());

describe('volunteering', () => {
  it('an activity from sign-up to check-in by QR and by location, hours confirmed by the organiser, points', async () => {
    // The in-service member is dual-registered with community A1 (where they live), their unit's branch in A2.
    const m = await makeMember(t.db, A2().community, '赵敏', member.account.id);
    await t.db.insert(dualRegistrations).values({
      memberId: m.id,
      communityId: A1().community.id,
      communityPath: A1().community.path,
      unitBranchId: m.homeBranchId,
      status: 'confirmed',
      requestedAt: t.clock.now(),
    });
    const act = await organise(secretary);
    const shiftId = act.shifts[0]!.id;

    // Both volunteers see it on /m and sign up; a second sign-up is refused.
    const open = await resident.get('/api/volunteering/open');
    expect(open.body.items.map((a: { id: number }) => a.id)).toContain(act.id);
    const r1 = await resident.post(`/api/volunteering/shifts/${shiftId}/sign-up`);
    expect(r1.status, JSON.stringify(r1.body)).toBe(201);
    expect(r1.body.creditCommunity).toBe(A1().community.name);
    expect((await resident.post(`/api/volunteering/shifts/${shiftId}/sign-up`)).status).toBe(409);
    const r2 = await member.post(`/api/volunteering/shifts/${shiftId}/sign-up`);
    expect(r2.status, JSON.stringify(r2.body)).toBe(201);
    expect(r2.body.creditCommunity).toBe(A1().community.name);
    expect(r2.body.reportBranch).toBe('赵敏支部');

    // Too early: outside the shift window.
    const qr = await secretary.get(`/api/volunteering/activities/${act.id}/qr?shiftId=${shiftId}&direction=in`);
    expect(qr.status).toBe(200);
    const early = await resident.post(`/api/volunteering/shifts/${shiftId}/check`, {
      direction: 'in',
      token: qr.body.token,
    });
    expect(early.status).toBe(409);

    await move(HOUR);
    // Forged token and a position too far away are refused; the real token and a near position pass, once.
    const forged = await resident.post(`/api/volunteering/shifts/${shiftId}/check`, {
      direction: 'in',
      token: qr.body.token.replace(/.$/, (c: string) => (c === 'A' ? 'B' : 'A')),
    });
    expect(forged.status).toBe(400);
    const qr2 = await secretary.get(`/api/volunteering/activities/${act.id}/qr?shiftId=${shiftId}&direction=in`);
    const in1 = await resident.post(`/api/volunteering/shifts/${shiftId}/check`, {
      direction: 'in',
      token: qr2.body.token,
    });
    expect(in1.status, JSON.stringify(in1.body)).toBe(200);
    expect(in1.body.checkInMethod).toBe('qr');
    expect(
      (await resident.post(`/api/volunteering/shifts/${shiftId}/check`, { direction: 'in', token: qr2.body.token }))
        .status,
    ).toBe(409);
    const far = await member.post(`/api/volunteering/shifts/${shiftId}/check`, {
      direction: 'in',
      lng: 101.78,
      lat: 36.63,
    });
    expect(far.status).toBe(400);
    expect(far.body.fields[0].message).toContain('米');
    const near = await member.post(`/api/volunteering/shifts/${shiftId}/check`, {
      direction: 'in',
      lng: 101.7585,
      lat: 36.6235,
    });
    expect(near.status, JSON.stringify(near.body)).toBe(200);
    // Someone who did not sign up has nothing to check in.
    expect((await staff.post(`/api/volunteering/shifts/${shiftId}/check`, { direction: 'in', ...PLACE })).status).toBe(
      404,
    );

    await move(3 * HOUR);
    const qrOut = await secretary.get(`/api/volunteering/activities/${act.id}/qr?shiftId=${shiftId}&direction=out`);
    expect(
      (
        await resident.post(`/api/volunteering/shifts/${shiftId}/check`, {
          direction: 'out',
          token: qrOut.body.token,
        })
      ).status,
    ).toBe(200);
    expect(
      (await member.post(`/api/volunteering/shifts/${shiftId}/check`, { direction: 'out', ...PLACE })).status,
    ).toBe(200);

    // Only the organiser confirms: the other staff of the same community may not (谁组织谁记录).
    const notMine = await staff.post(`/api/volunteering/signups/${r1.body.id}/confirm`, {});
    expect(notMine.status).toBe(403);
    expect((await farStaff.post(`/api/volunteering/signups/${r1.body.id}/confirm`, {})).status).toBe(404);
    const c1 = await secretary.post(`/api/volunteering/signups/${r1.body.id}/confirm`, {});
    expect(c1.status, JSON.stringify(c1.body)).toBe(200);
    expect(c1.body.status).toBe('confirmed');
    expect(c1.body.confirmedMinutes).toBe(180);
    expect((await secretary.post(`/api/volunteering/signups/${r1.body.id}/confirm`, {})).status).toBe(409);
    const c2 = await secretary.post(`/api/volunteering/signups/${r2.body.id}/confirm`, {
      minutes: 150,
      note: '提前离开',
    });
    expect(c2.body.confirmedMinutes).toBe(150);

    // Points by the default rule: 2 points per hour → 6 and 5.
    const p1 = await resident.get('/api/points/mine');
    expect(p1.body.totalPoints).toBe(6);
    expect(p1.body.entries[0].source).toBe('activityHours');
    const p2 = await member.get('/api/points/mine');
    expect(p2.body.totalPoints).toBe(5);
    expect((await resident.get('/api/volunteering/mine')).body.totalMinutes).toBe(180);

    // The unit branch's community (A2) staff see the member's points reported to the branch.
    const a2staff = await t.as(['communityStaff'], A2().community.id);
    const seen = await a2staff.get('/api/points/entries');
    expect(seen.body.items.map((x: { name: string }) => x.name)).toEqual([member.account.displayName]);
    // … and the member's confirmed hours, reported to the unit's branch.
    const hoursSeen = await a2staff.get('/api/volunteering/signups?status=confirmed');
    expect(hoursSeen.body.items.map((x: { name: string }) => x.name)).toEqual([member.account.displayName]);
    const ranking = await secretary.get(`/api/points/rankings`);
    expect(ranking.status).toBe(200);
    const xlsx = await secretary.get('/api/volunteering/export.xlsx?kind=hours&status=confirmed');
    expect(xlsx.status).toBe(200);
    expect(String(xlsx.headers['content-type'])).toContain('spreadsheetml');

    const audits = await t.db.select().from(auditLog).where(eq(auditLog.objectType, 'volSignup'));
    expect(audits.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'volunteering.signUp',
        'volunteering.checkIn',
        'volunteering.checkOut',
        'volunteering.signupConfirm',
      ]),
    );
  });

  it('never overbooks a shift under concurrent sign-ups', async () => {
    const act = await organise(secretary, 3, 'serviceFair');
    const volunteers = await Promise.all(Array.from({ length: 6 }, () => t.as(['resident'], A1().household.id)));
    const res = await Promise.all(
      volunteers.map((v) => v.post(`/api/volunteering/shifts/${act.shifts[0]!.id}/sign-up`)),
    );
    expect(res.filter((r) => r.status === 201)).toHaveLength(3);
    expect(res.filter((r) => r.status === 409)).toHaveLength(3);
    const detail = await secretary.get(`/api/volunteering/activities/${act.id}`);
    expect(detail.body.shifts[0].taken).toBe(3);
    expect(detail.body.signups).toHaveLength(3);
  });

  it('caps points per period by the district rule and counts the rest as 0', async () => {
    const put = await district.request('PUT', '/api/points/rules', {
      districtId: tree.district.id,
      rules: [{ source: 'activityHours', unit: 'hour', points: 4, cap: 20, capPeriod: 'month' }],
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body.rules.find((r: { source: string }) => r.source === 'activityHours').points).toBe(4);
    const v = await t.as(['resident'], A1().household.id);
    const done: number[] = [];
    for (let i = 0; i < 2; i++) {
      const act = await organise(secretary);
      const s = await v.post(`/api/volunteering/shifts/${act.shifts[0]!.id}/sign-up`);
      await move(HOUR);
      await v.login(v.account.username, v.account.password);
      await v.post(`/api/volunteering/shifts/${act.shifts[0]!.id}/check`, { direction: 'in', ...PLACE });
      await move(3 * HOUR);
      await v.login(v.account.username, v.account.password);
      await v.post(`/api/volunteering/shifts/${act.shifts[0]!.id}/check`, { direction: 'out', ...PLACE });
      const c = await secretary.post(`/api/volunteering/signups/${s.body.id}/confirm`, {});
      expect(c.status, JSON.stringify(c.body)).toBe(200);
      done.push(s.body.id);
      await move(-4 * HOUR);
    }
    // 3 h × 4 = 12, then 12 more would pass the cap of 20: only 8 are credited.
    const rows = await t.db
      .select()
      .from(pointEntries)
      .where(eq(pointEntries.personKey, `a:${v.account.id}`));
    expect(rows.map((r) => [r.requested, r.points])).toEqual([
      [12, 12],
      [12, 8],
    ]);
    await v.login(v.account.username, v.account.password);
    expect((await v.get('/api/points/mine')).body.totalPoints).toBe(20);
  });

  it('manual points need a reason and a second approver', async () => {
    const bad = await secretary.post('/api/points/manual', { accountId: resident.account.id, points: 10, reason: '' });
    expect(bad.status).toBe(400);
    const req = await secretary.post('/api/points/manual', {
      accountId: resident.account.id,
      points: 10,
      reason: '疫情防控值守表现突出',
    });
    expect(req.status, JSON.stringify(req.body)).toBe(201);
    expect(req.body.status).toBe('pending');
    expect((await secretary.post(`/api/points/entries/${req.body.id}/approve`)).status).toBe(409);
    const street = await t.as(['streetAdmin'], tree.streetA.street.id);
    const ok = await street.post(`/api/points/entries/${req.body.id}/approve`);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.status).toBe('posted');
    expect((await street.post(`/api/points/entries/${req.body.id}/approve`)).status).toBe(409);
    expect(
      (await farStaff.post('/api/points/manual', { accountId: resident.account.id, points: 5, reason: '越权申请' }))
        .status,
    ).toBe(403);
  });

  it('derives stars from the year’s points and the latest dual evaluation (hand computation)', async () => {
    // The stated rule: 1★ from 0, 2★ from 30, 3★ from 60, 4★ from 100, 5★ from 150; excellent +1, fair ≤3, poor ≤1.
    expect(starsOf(0, null)).toBe(1);
    expect(starsOf(29, null)).toBe(1);
    expect(starsOf(30, null)).toBe(2);
    expect(starsOf(99, 'good')).toBe(3);
    expect(starsOf(100, null)).toBe(4);
    expect(starsOf(149, 'excellent')).toBe(5);
    expect(starsOf(160, 'excellent')).toBe(5);
    expect(starsOf(160, 'fair')).toBe(3);
    expect(starsOf(160, 'poor')).toBe(1);
    // Over HTTP: a member with 64 manual points (3★ by points) and an 'excellent' evaluation → 4★.
    const v = await t.as(['partyMember'], A1().household.id);
    const mm = await makeMember(t.db, A1().community, '星级党员', v.account.id);
    const year = new Date(t.clock.now().getTime() + 8 * HOUR).getUTCFullYear();
    await t.db.insert(dualEvaluations).values({
      memberId: mm.id,
      period: `${year}`,
      side: 'community',
      grade: 'excellent',
      scopePath: A1().community.path,
      evaluatorName: '社区书记',
      at: t.clock.now(),
    });
    const street = await t.as(['streetAdmin'], tree.streetA.street.id);
    for (const pts of [40, 24]) {
      const r = await secretary.post('/api/points/manual', {
        accountId: v.account.id,
        points: pts,
        reason: '年度志愿服务补录',
      });
      expect((await street.post(`/api/points/entries/${r.body.id}/approve`)).status).toBe(200);
    }
    const mine = await v.get('/api/points/mine');
    expect(mine.body).toMatchObject({ yearPoints: 64, grade: 'excellent', stars: 4 });
    const rank = await secretary.get(`/api/points/rankings?branchId=${mm.homeBranchId}`);
    expect(rank.body.rows[0]).toMatchObject({ name: v.account.displayName, points: 64, stars: 4 });
  });

  it('keeps teams, posts and activities inside the scope, and answers bad input with field messages', async () => {
    const team = await secretary.post('/api/volunteering/teams', {
      kind: 'commando',
      name: '文亭巷党员突击队',
      territoryId: A1().community.id,
      duties: ['防汛巡查', '入户敲门'],
    });
    expect(team.status, JSON.stringify(team.body)).toBe(201);
    const add = await secretary.post(`/api/volunteering/teams/${team.body.id}/members`, {
      accountId: resident.account.id,
      isLeader: true,
      duty: '防汛巡查',
    });
    expect(add.status, JSON.stringify(add.body)).toBe(200);
    expect(add.body.memberList[0]).toMatchObject({ name: resident.account.displayName, isLeader: true });
    expect((await farStaff.get(`/api/volunteering/teams/${team.body.id}`)).status).toBe(404);
    expect((await farStaff.get('/api/volunteering/teams')).body.total).toBe(0);
    const bad = await secretary.post('/api/volunteering/activities', {
      kind: 'volunteer',
      title: '',
      territoryId: A1().community.id,
      place: '',
      shifts: [{ label: '上午', startsAt: at(2 * HOUR), endsAt: at(HOUR), capacity: 0 }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.length).toBeGreaterThan(0);
    const backwards = await secretary.post('/api/volunteering/activities', {
      kind: 'volunteer',
      title: '倒序班次',
      territoryId: A1().community.id,
      place: '广场',
      shifts: [{ label: '上午', startsAt: at(2 * HOUR), endsAt: at(HOUR), capacity: 2 }],
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.fields[0].field).toBe('shifts.0.endsAt');
    expect(
      (
        await farStaff.post('/api/volunteering/activities', {
          kind: 'volunteer',
          title: 'x',
          territoryId: A1().community.id,
          place: 'x',
          shifts: [{ label: 'a', startsAt: at(HOUR), endsAt: at(2 * HOUR), capacity: 1 }],
        })
      ).status,
    ).toBe(404);
  });
});
