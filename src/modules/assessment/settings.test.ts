import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../kernel/db/schema.js';
import { testApp, type TestApp } from '../../test/app.js';
import type { Client } from '../../test/http.js';
import { fullScores, makeBooking, makeChecklist, makeOrg, makePeriod, makeRoom, makeWorkloadItem } from './testing.js';

/** Decision 045: editing what the settings page creates — checklists, rating periods, the workload list, centres. */
let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
let district: Client, street: Client, streetB: Client, staffA1: Client;
const A1 = () => tree.streetA.communities[0]!;
const A2 = () => tree.streetA.communities[1]!;
const P = '/api/assessment';

beforeAll(async () => {
  t = await testApp();
  tree = await t.factory.tree();
  district = await t.as(['districtAdmin'], tree.district.id);
  street = await t.as(['streetAdmin'], tree.streetA.street.id);
  streetB = await t.as(['streetAdmin'], tree.streetB.street.id);
  staffA1 = await t.as(['communitySecretary'], A1().community.id);
});
afterAll(() => t.close());

async function ok<R extends { status: number; body: unknown }>(p: Promise<R>, status = 200): Promise<R['body']> {
  const res = await p;
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
}

const fieldsOf = (body: { fields?: { field: string; message: string }[] }) =>
  Object.fromEntries((body.fields ?? []).map((f) => [f.field, f.message]));

async function audited(action: string, id: number) {
  return t.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.objectId, String(id))))
    .orderBy(asc(auditLog.id));
}

describe('editing a checklist 规范化建设清单', () => {
  it('changes title, rule and items with before/after in the audit; fixed once an organisation is scored', async () => {
    const street_ = { id: tree.streetA.street.id, path: tree.streetA.street.path };
    const list = await makeChecklist(t.db, street_, '阵地建设清单');
    const [a, b, c] = list.items;
    const edited = await ok(
      street.patch(`${P}/checklists/${list.id}`, {
        title: '阵地建设规范化清单（2026修订）',
        advancedMin: 85,
        items: [
          { id: a!.id, title: '班子健全', weight: 40, maxScore: 10, evidenceRequired: true },
          { id: c!.id, title: '阵地建设', weight: 20, maxScore: 5, evidenceRequired: false },
          { title: '服务中心面积不少于500平方米', weight: 40, maxScore: 10, evidenceRequired: true },
        ],
      }),
    );
    expect(edited.title).toBe('阵地建设规范化清单（2026修订）');
    expect(edited.rule).toContain('≥ 85');
    expect(edited.items.map((i: { id: number; title: string; weight: number }) => [i.title, i.weight])).toEqual([
      ['班子健全', 40],
      ['阵地建设', 20],
      ['服务中心面积不少于500平方米', 40],
    ]);
    expect(edited.items.map((i: { id: number }) => i.id)).not.toContain(b!.id);

    const [log] = await audited('assessment.checklist.update', list.id);
    expect(log!.before).toMatchObject({ title: '阵地建设清单', advancedMin: 90 });
    expect((log!.before as { items: unknown[] }).items).toHaveLength(3);
    expect(log!.after).toMatchObject({ title: '阵地建设规范化清单（2026修订）', advancedMin: 85 });
    expect(log!.actorId).not.toBeNull();

    // Per-field errors: grade lines out of order, an item of another checklist, a weight out of range.
    const badRule = await street.patch(`${P}/checklists/${list.id}`, { passMin: 90 });
    expect(badRule.status).toBe(400);
    expect(fieldsOf(badRule.body).advancedMin).toContain('先进');
    const other = await makeChecklist(t.db, street_, '别的清单');
    const badItem = await street.patch(`${P}/checklists/${list.id}`, {
      items: [{ id: other.items[0]!.id, title: 'x', weight: 1, maxScore: 1 }],
    });
    expect(badItem.status).toBe(400);
    expect(Object.keys(fieldsOf(badItem.body))).toEqual(['items.0.id']);
    const badWeight = await street.patch(`${P}/checklists/${list.id}`, {
      items: [{ title: 'x', weight: 0, maxScore: 1 }],
    });
    expect(badWeight.status).toBe(400);
    expect(Object.keys(fieldsOf(badWeight.body))).toContain('items.0.weight');
    const en = await t.as(['streetAdmin'], tree.streetA.street.id);
    en.lang = 'en-US';
    expect(fieldsOf((await en.patch(`${P}/checklists/${list.id}`, { passMin: 90 })).body).advancedMin).toContain(
      'advanced threshold',
    );

    // Scope: the district's checklist is read by the street but edited only by the district; another street: 404.
    const districts = await makeChecklist(t.db, { id: tree.district.id, path: tree.district.path }, '区级清单');
    expect((await street.get(`${P}/checklists/${districts.id}`)).status).toBe(200);
    expect((await street.patch(`${P}/checklists/${districts.id}`, { title: 'x' })).status).toBe(403);
    expect((await streetB.patch(`${P}/checklists/${list.id}`, { title: 'x' })).status).toBe(404);
    expect((await staffA1.patch(`${P}/checklists/${list.id}`, { title: 'x' })).status).toBe(403);
    await ok(district.patch(`${P}/checklists/${districts.id}`, { year: 2027 }));

    // Once an organisation has self-checked on it, the items and grade lines stay; the title still changes.
    const po = await makeOrg(t.db, A1().community, '文亭巷社区党委');
    const opened = await ok(
      street.post(`${P}/checklists/${list.id}/assessments`, { partyOrgId: po.id, peerTerritoryId: A2().community.id }),
      201,
    );
    await ok(staffA1.post(`${P}/assessments/${opened.id}/self-check`, fullScores(edited.items)));
    const locked = await street.patch(`${P}/checklists/${list.id}`, {
      items: [{ title: '只剩一项', weight: 100, maxScore: 10 }],
    });
    expect(locked.status).toBe(409);
    expect(fieldsOf(locked.body).items).toContain('1 个组织');
    const lockedRule = await street.patch(`${P}/checklists/${list.id}`, { advancedMin: 95 });
    expect(lockedRule.status).toBe(409);
    expect(Object.keys(fieldsOf(lockedRule.body))).toEqual(['advancedMin']);
    // The same items sent back unchanged are no change.
    await ok(
      street.patch(`${P}/checklists/${list.id}`, {
        title: '阵地建设规范化清单',
        items: edited.items.map(
          (i: { id: number; title: string; weight: number; maxScore: number; evidenceRequired: boolean }) => ({
            id: i.id,
            title: i.title,
            weight: i.weight,
            maxScore: i.maxScore,
            evidenceRequired: i.evidenceRequired,
          }),
        ),
      }),
    );
    expect((await ok(street.get(`${P}/checklists/${list.id}`))).title).toBe('阵地建设规范化清单');
  });
});

describe('editing a rating period 评议周期', () => {
  it('changes dates and the supervisors’ weight; the end is checked against the kept start', async () => {
    const p = await makePeriod(t.db, { id: tree.streetA.street.id, path: tree.streetA.street.path });
    const bad = await street.patch(`${P}/rating-periods/${p.id}`, { endsOn: '1999-12-31' });
    expect(bad.status).toBe(400);
    const badOrder = await street.patch(`${P}/rating-periods/${p.id}`, {
      endsOn: p.startsOn.replace(/^\d{4}/, '2000'),
    });
    expect(badOrder.status).toBe(400);
    expect(Object.keys(fieldsOf(badOrder.body))).toEqual(['endsOn']);
    const edited = await ok(
      street.patch(`${P}/rating-periods/${p.id}`, { name: '2026年度西宁评议（修订）', supervisorWeight: 50 }),
    );
    expect(edited).toMatchObject({ name: '2026年度西宁评议（修订）', supervisorWeight: 50, endsOn: p.endsOn });
    const ranking = await ok(street.get(`${P}/rating-periods/${p.id}/ranking`));
    expect(JSON.stringify(ranking)).toContain('50%');
    const [log] = await audited('assessment.period.update', p.id);
    expect(log!.before).toMatchObject({ supervisorWeight: 30 });
    expect(log!.after).toMatchObject({ supervisorWeight: 50 });
    expect((await streetB.patch(`${P}/rating-periods/${p.id}`, { name: 'x' })).status).toBe(404);
    const districts = await makePeriod(t.db, { id: tree.district.id, path: tree.district.path });
    expect((await street.patch(`${P}/rating-periods/${districts.id}`, { name: 'x' })).status).toBe(403);
  });
});

describe('editing the workload list 减负清单', () => {
  it('withdraws a matter (tasks naming it are refused) and refuses a code already used, on the field', async () => {
    const area = { id: tree.streetA.street.id, path: tree.streetA.street.path };
    const item = await makeWorkloadItem(t.db, area, 'JF-001');
    await makeWorkloadItem(t.db, area, 'JF-002');
    const taken = await street.patch(`${P}/workload-items/${item.id}`, { code: 'JF-002' });
    expect(taken.status).toBe(409);
    expect(fieldsOf(taken.body).code).toContain('JF-002');
    const edited = await ok(
      street.patch(`${P}/workload-items/${item.id}`, { title: '人口信息采集核对', active: false }),
    );
    expect(edited).toMatchObject({ code: 'JF-001', title: '人口信息采集核对', active: false });
    const sent = await ok(
      street.post(`${P}/sent-tasks`, {
        communityId: A1().community.id,
        department: '区民政局',
        title: '再报一次人口信息',
        workloadItemId: item.id,
      }),
      201,
    );
    expect(sent.status).toBe('refused');
    expect(sent.reason).toContain('JF-001');
    const [log] = await audited('assessment.workloadItem.update', item.id);
    expect(log!.before).toMatchObject({ active: true });
    expect(log!.after).toMatchObject({ active: false });
    expect((await streetB.patch(`${P}/workload-items/${item.id}`, { active: true })).status).toBe(404);
  });
});

describe('editing a service centre 党群服务中心', () => {
  it('renames, adds and removes rooms; a room with bookings stays', async () => {
    const room = await makeRoom(t.db, A1().community, '议事厅');
    await makeBooking(t.db, room, new Date('2026-03-02T01:00:00Z'));
    const centres = await ok(street.get(`${P}/centres`));
    const centre = centres.find((c: { id: number }) => c.id === room.centreId);
    expect(centre.rooms).toHaveLength(1);
    const added = await ok(
      street.patch(`${P}/centres/${room.centreId}`, {
        name: '文亭巷社区党群服务中心',
        areaM2: 650,
        rooms: [
          { id: room.id, name: '居民议事厅', capacity: 50 },
          { name: '书画室', capacity: 20 },
        ],
      }),
    );
    expect(added).toMatchObject({ name: '文亭巷社区党群服务中心', areaM2: 650 });
    expect(added.rooms.map((r: { name: string; capacity: number }) => [r.name, r.capacity])).toEqual([
      ['居民议事厅', 50],
      ['书画室', 20],
    ]);
    expect(added.rooms[0].bookings).toBe(1);
    const studio = added.rooms[1].id;
    const booked = await street.patch(`${P}/centres/${room.centreId}`, {
      rooms: [{ id: studio, name: '书画室', capacity: 20 }],
    });
    expect(booked.status).toBe(409);
    expect(fieldsOf(booked.body).rooms).toContain('居民议事厅');
    const bad = await street.patch(`${P}/centres/${room.centreId}`, { areaM2: 0, rooms: [{ name: '', capacity: 1 }] });
    expect(bad.status).toBe(400);
    expect(Object.keys(fieldsOf(bad.body)).sort()).toEqual(['areaM2', 'rooms.0.name']);
    const removed = await ok(
      street.patch(`${P}/centres/${room.centreId}`, { rooms: [{ id: room.id, name: '居民议事厅', capacity: 50 }] }),
    );
    expect(removed.rooms.map((r: { id: number }) => r.id)).toEqual([room.id]);
    const logs = await audited('assessment.centre.update', room.centreId);
    expect(logs).toHaveLength(2);
    expect((logs[0]!.before as { rooms: unknown[] }).rooms).toHaveLength(1);
    expect((logs[0]!.after as { rooms: unknown[] }).rooms).toHaveLength(2);
    expect((await streetB.patch(`${P}/centres/${room.centreId}`, { name: 'x' })).status).toBe(404);
    expect((await staffA1.patch(`${P}/centres/${room.centreId}`, { name: 'x' })).status).toBe(403);
  });
});
