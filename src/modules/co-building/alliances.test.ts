import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../kernel/db/schema.js';
import { testApp, type TestApp } from '../../test/app.js';
import type { Client } from '../../test/http.js';
import { chinaDay } from '../../kernel/clock.js';
import { coResources } from './schema.js';
import { makeProject, makeResource, makeUnit } from './testing.js';

const DAY = 86_400_000;
let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
let staff: Client, farStaff: Client, streetAdmin: Client, resident: Client;
const A1 = () => tree.streetA.communities[0]!;
const B1 = () => tree.streetB.communities[0]!;
const P = '/api/co-building';
const day = (offset: number) => chinaDay(new Date(t.clock.now().getTime() + offset * DAY));

beforeAll(async () => {
  t = await testApp();
  tree = await t.factory.tree();
  staff = await t.as(['communityStaff'], A1().community.id);
  farStaff = await t.as(['communityStaff'], B1().community.id);
  streetAdmin = await t.as(['streetAdmin'], tree.streetA.street.id);
  resident = await t.as(['resident'], A1().household.id);
});
afterAll(() => t.close());

async function ok<R extends { status: number; body: unknown }>(p: Promise<R>, status = 200): Promise<R['body']> {
  const res = await p;
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
}

describe('party-building alliances 党建联盟', () => {
  it('forms an alliance, keeps units, part-time members, rotating chairs, meetings, agreements and projects', async () => {
    const petro = await makeUnit(t.db, A1().community, '兰州石化公司');
    const bank = await makeUnit(t.db, A1().community, '西固区农商银行');
    const school = await makeUnit(t.db, A1().community, '福利路小学');
    const far = await makeUnit(t.db, B1().community, '外街道物流公司');

    // A unit outside the alliance's area is refused per field; a node below community is not an alliance's place.
    const outside = await staff.post(`${P}/alliances`, {
      territoryId: A1().community.id,
      name: '化工街社区区域化党建联盟',
      foundedOn: day(-200),
      unitIds: [petro.id, far.id],
    });
    expect(outside.status).toBe(400);
    expect(JSON.stringify(outside.body)).toContain('unitIds');
    expect(
      (
        await staff.post(`${P}/alliances`, {
          territoryId: A1().compound.id,
          name: '小区联盟',
          foundedOn: day(-200),
        })
      ).status,
    ).toBe(400);
    expect(
      (await farStaff.post(`${P}/alliances`, { territoryId: A1().community.id, name: 'x', foundedOn: day(-1) })).status,
    ).toBe(404);

    let a = await ok(
      staff.post(`${P}/alliances`, {
        territoryId: A1().community.id,
        name: '化工街社区区域化党建联盟',
        description: '以社区党委为核心，联结驻区单位党组织',
        foundedOn: day(-200),
        unitIds: [petro.id, bank.id],
      }),
      201,
    );
    const id = a.id as number;
    expect(a).toMatchObject({ unitCount: 2, memberCount: 0, chair: null });
    const dup = await staff.post(`${P}/alliances`, {
      territoryId: A1().community.id,
      name: a.name,
      foundedOn: day(-1),
    });
    expect(dup.status).toBe(409);

    // Part-time members only from member units, not before the founding day.
    expect(
      (await staff.post(`${P}/alliances/${id}/members`, { unitId: school.id, name: '赵校长', termFrom: day(-100) }))
        .status,
    ).toBe(400);
    expect(
      (await staff.post(`${P}/alliances/${id}/members`, { unitId: petro.id, name: '张书记', termFrom: day(-300) }))
        .status,
    ).toBe(400);
    await ok(
      staff.post(`${P}/alliances/${id}/members`, {
        unitId: petro.id,
        name: '张卫东',
        unitPost: '党委副书记',
        termFrom: day(-190),
      }),
    );
    await ok(staff.post(`${P}/alliances/${id}/units`, { unitId: school.id, joinedOn: day(-150) }));
    expect((await staff.post(`${P}/alliances/${id}/units`, { unitId: school.id, joinedOn: day(-150) })).status).toBe(
      409,
    );
    a = await ok(
      staff.post(`${P}/alliances/${id}/members`, {
        unitId: school.id,
        name: '刘芳',
        unitPost: '党支部书记',
        committeePost: '兼职副书记',
        termFrom: day(-140),
      }),
    );
    expect(a).toMatchObject({ unitCount: 3, memberCount: 2 });
    expect(a.members[0]).toMatchObject({ name: '张卫东', committeePost: '兼职委员', current: true });

    // Rotating chair 轮值主席: terms never overlap; the overlap names the other term.
    await ok(staff.post(`${P}/alliances/${id}/chairs`, { unitId: petro.id, termFrom: day(-200), termTo: day(-1) }));
    const clash = await staff.post(`${P}/alliances/${id}/chairs`, {
      unitId: bank.id,
      termFrom: day(-10),
      termTo: day(300),
    });
    expect(clash.status).toBe(409);
    expect(clash.body.message).toContain('兰州石化公司');
    a = await ok(staff.post(`${P}/alliances/${id}/chairs`, { unitId: bank.id, termFrom: day(0), termTo: day(364) }));
    expect(a.chair).toEqual({ id: bank.id, name: '西固区农商银行' });
    expect(a.chairs.map((c: { current: boolean }) => c.current)).toEqual([true, false]);

    // A unit with a serving member cannot leave; once the term ends it can, and history stays.
    expect((await staff.post(`${P}/alliances/${id}/units/${petro.id}/leave`, { leftOn: day(0) })).status).toBe(409);
    expect((await staff.post(`${P}/alliances/${id}/units/${school.id}/leave`, { leftOn: day(1) })).status).toBe(409);
    const liu = a.members.find((m: { name: string }) => m.name === '刘芳');
    expect((await staff.post(`${P}/alliances/${id}/members/${liu.id}/end`, { termTo: day(-200) })).status).toBe(400);
    await ok(staff.post(`${P}/alliances/${id}/members/${liu.id}/end`, { termTo: day(0) }));
    a = await ok(staff.post(`${P}/alliances/${id}/units/${school.id}/leave`, { leftOn: day(1) }));
    expect(a.units.find((u: { unit: { id: number } }) => u.unit.id === school.id)).toMatchObject({
      leftOn: day(1),
      current: true,
    });

    // Joint meetings 联席会议: held (not in the future), attended by member units.
    expect(
      (await staff.post(`${P}/alliances/${id}/meetings`, { heldOn: day(2), title: '联席会议', minutes: 'x' })).status,
    ).toBe(400);
    expect(
      (
        await staff.post(`${P}/alliances/${id}/meetings`, {
          heldOn: day(-30),
          title: '联席会议',
          minutes: 'x',
          attendingUnitIds: [far.id],
        })
      ).status,
    ).toBe(400);
    a = await ok(
      staff.post(`${P}/alliances/${id}/meetings`, {
        heldOn: day(-30),
        title: '第三季度党建联席会议',
        minutes: '议定：石化公司开放职工食堂为老年人助餐；农商银行资助困难家庭。',
        attendingUnitIds: [petro.id, bank.id],
      }),
    );
    expect(a.meetings[0].attendingUnits.map((u: { name: string }) => u.name)).toEqual([
      '兰州石化公司',
      '西固区农商银行',
    ]);

    // An agreement made in the alliance: its unit must be a member, its community in the alliance's area.
    const stranger = await makeUnit(t.db, A1().community, '个体商户');
    const bad = await staff.post(`${P}/agreements`, {
      communityId: A1().community.id,
      unitId: stranger.id,
      allianceId: id,
      title: '共建协议',
      year: 2026,
    });
    expect(bad.status).toBe(400);
    const ag = await ok(
      staff.post(`${P}/agreements`, {
        communityId: A1().community.id,
        unitId: petro.id,
        allianceId: id,
        title: '化工街社区与兰州石化公司共建协议',
        year: 2026,
        deliverables: [{ title: '开放职工食堂为老年人助餐', dueOn: day(30) }],
      }),
      201,
    );
    expect(ag.alliance).toEqual({ id, name: '化工街社区区域化党建联盟' });
    await ok(staff.post(`${P}/agreements/${ag.id}/move`, { to: 'signed', signedOn: day(-1) }));
    const inAlliance = await ok(staff.get(`${P}/agreements?allianceId=${id}`));
    expect(inAlliance.items.map((x: { id: number }) => x.id)).toEqual([ag.id]);

    // Its projects: those in its area using a member unit's resource.
    const res = await makeResource(t.db, A1().community, { title: '农商银行公益资金', capacity: 100 });
    await t.db.update(coResources).set({ unitId: bank.id, offererKind: 'unit' }).where(eq(coResources.id, res.id));
    const project = await makeProject(t.db, A1().community, { title: '桥下蜜园口袋公园', resourceId: res.id });
    a = await ok(staff.get(`${P}/alliances/${id}`));
    expect(a.agreements).toEqual([
      expect.objectContaining({ id: ag.id, status: 'signed', unit: { id: petro.id, name: '兰州石化公司' } }),
    ]);
    expect(a.projects).toEqual([
      expect.objectContaining({ id: project.id, unit: { id: bank.id, name: '西固区农商银行' } }),
    ]);

    // Scope: another street's staff sees nothing; the street above sees it.
    expect((await farStaff.get(`${P}/alliances/${id}`)).status).toBe(404);
    expect((await farStaff.post(`${P}/alliances/${id}/units`, { unitId: far.id, joinedOn: day(-1) })).status).toBe(404);
    expect((await ok(farStaff.get(`${P}/alliances`))).total).toBe(0);
    expect((await ok(streetAdmin.get(`${P}/alliances/${id}`))).name).toBe('化工街社区区域化党建联盟');
    expect((await resident.get(`${P}/alliances`)).status).toBe(403);

    // Figures with drill-down: alliances and part-time members on the last day, agreements signed in the period.
    const to = day(2);
    const figs = await ok(staff.get(`${P}/figures?territoryId=${A1().community.id}&from=${day(-1)}&to=${to}`));
    const byKey = Object.fromEntries(figs.figures.map((f: { key: string }) => [f.key, f]));
    expect(byKey.alliances.value).toBe(1);
    expect(byKey.partTimeMembers.value).toBe(1); // 刘芳's term ended on day 0
    expect(byKey.agreementsSigned.value).toBe(1);
    expect(byKey.partTimeMembers.link).toBe(`/co-building/alliances?territoryId=${A1().community.id}&on=${to}`);
    const drill = await ok(staff.get(`${P}/alliances?territoryId=${A1().community.id}&on=${to}`));
    expect(drill.items.reduce((n: number, x: { memberCount: number }) => n + x.memberCount, 0)).toBe(1);
    expect(drill.items[0]).toMatchObject({ unitCount: 2, chair: { id: bank.id } });
    const signed = await ok(
      staff.get(`${P}/agreements?territoryId=${A1().community.id}&signedFrom=${day(-1)}&signedTo=${to}`),
    );
    expect(signed.total).toBe(byKey.agreementsSigned.value);

    const audits = await t.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.objectType, 'coAlliance'), eq(auditLog.objectId, String(id))));
    expect(new Set(audits.map((x) => x.action))).toEqual(
      new Set([
        'coAlliance.create',
        'coAlliance.addMember',
        'coAlliance.addUnit',
        'coAlliance.addChair',
        'coAlliance.endMember',
        'coAlliance.leaveUnit',
        'coAlliance.addMeeting',
      ]),
    );
  });
});
