import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, chinaDay } from '../../kernel/clock.js';
import { auditLog } from '../../kernel/db/schema.js';
import { testApp, type TestApp } from '../../test/app.js';
import type { Client } from '../../test/http.js';

/** Cadres 包联/下沉 with their visits, and the reserve talent pool 后备人才 (decision 054). */
let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
let secretary: Client;
let staff: Client;
let street: Client;
let outsider: Client;

const A1 = () => tree.streetA.communities[0]!;
const A2 = () => tree.streetA.communities[1]!;
const B1 = () => tree.streetB.communities[0]!;
const today = () => chinaDay(t.clock.now());

async function ok<R extends { status: number; body: unknown }>(p: Promise<R>, status = 200): Promise<R['body']> {
  const res = await p;
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
}
const audited = async (action: string, objectId: number) =>
  t.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.objectId, String(objectId))));

beforeAll(async () => {
  t = await testApp();
  tree = await t.factory.tree();
  secretary = await t.as(['communitySecretary'], A1().community.id);
  staff = await t.as(['communityStaff'], A1().community.id);
  street = await t.as(['streetAdmin'], tree.streetA.street.id);
  outsider = await t.as(['streetAdmin'], tree.streetB.street.id);
});
afterAll(() => t.close());

describe('cadre assignments 包联/下沉 and their visits', () => {
  let a: { id: number };
  let b: { id: number };

  it('assigns a cadre to a community; audited; bad input is a 400 per field', async () => {
    a = await ok(
      street.post('/api/cadres/assignments', {
        cadreName: '王永胜',
        unitName: '城西区民政局',
        position: '副局长',
        kind: 'liaison',
        communityId: A1().community.id,
        fromOn: addDays(today(), -60),
        duties: '牵头养老服务',
      }),
      201,
    );
    expect(a).toMatchObject({ kind: 'liaison', community: { id: A1().community.id }, records: 0, toOn: null });
    expect(await audited('cadres.assignment.create', a.id)).toHaveLength(1);
    b = await ok(
      street.post('/api/cadres/assignments', {
        cadreName: '陈志刚',
        unitName: '城西区住房和城乡建设局',
        kind: 'sentDown',
        communityId: A2().community.id,
        fromOn: addDays(today(), -30),
        toOn: addDays(today(), -5),
      }),
      201,
    );
    const bad = await street.post('/api/cadres/assignments', {
      cadreName: '',
      unitName: '',
      kind: 'visit',
      communityId: A1().community.id,
      fromOn: '2026-13-01',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'cadreName',
      'fromOn',
      'kind',
      'unitName',
    ]);
    const backwards = await street.post('/api/cadres/assignments', {
      cadreName: '杨丽',
      unitName: '文汇路街道办事处',
      kind: 'sentDown',
      communityId: A1().community.id,
      fromOn: today(),
      toOn: addDays(today(), -1),
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.fields[0].field).toBe('toOn');
  });

  it('records visits: found and handled, a finding as a service order through the orders face; audited', async () => {
    const d = await ok(
      staff.post(`/api/cadres/assignments/${a.id}/work`, {
        workedOn: addDays(today(), -10),
        found: '独居老人冬季取暖无人照看',
        handled: '协调物业每日探视',
      }),
      201,
    );
    expect(d.work).toHaveLength(1);
    const o = await ok(
      staff.post(`/api/cadres/assignments/${a.id}/work`, {
        workedOn: addDays(today(), -2),
        found: '和平小区 2 号楼屋面渗水',
        order: { category: 'repair' },
      }),
      201,
    );
    const withOrder = o.work.find((w: { order: unknown }) => w.order);
    expect(withOrder.order.status).toBe('submitted');
    const order = await ok(staff.get(`/api/orders/${withOrder.order.id}`));
    expect(order).toMatchObject({ origin: 'patrol', territory: { id: A1().community.id } });
    expect(order.description).toContain('城西区民政局 王永胜');
    expect(await audited('cadres.work.toOrder', a.id)).toHaveLength(1);
    // The earlier finding becomes an order later, once.
    const first = o.work.find((w: { order: unknown }) => !w.order);
    const later = await ok(
      staff.post(`/api/cadres/assignments/${a.id}/work/${first.id}/order`, { category: 'elderly' }),
    );
    expect(later.work.every((w: { order: unknown }) => w.order)).toBe(true);
    expect(
      (await staff.post(`/api/cadres/assignments/${a.id}/work/${first.id}/order`, { category: 'repair' })).status,
    ).toBe(409);
    expect(await audited('cadres.work.record', a.id)).toHaveLength(2);
  });

  it('refuses a visit outside the period, in the future, or with nothing recorded', async () => {
    const early = await staff.post(`/api/cadres/assignments/${a.id}/work`, {
      workedOn: addDays(today(), -90),
      handled: '走访',
    });
    expect(early.status).toBe(400);
    expect(early.body.fields[0].field).toBe('workedOn');
    const future = await staff.post(`/api/cadres/assignments/${a.id}/work`, {
      workedOn: addDays(today(), 1),
      handled: '走访',
    });
    expect(future.status).toBe(400);
    const empty = await staff.post(`/api/cadres/assignments/${a.id}/work`, { workedOn: today() });
    expect(empty.status).toBe(400);
    expect(empty.body.fields[0].field).toBe('found');
    const orderNoFinding = await staff.post(`/api/cadres/assignments/${a.id}/work`, {
      workedOn: today(),
      handled: '宣传政策',
      order: { category: 'repair' },
    });
    expect(orderNoFinding.status).toBe(400);
    expect(orderNoFinding.body.fields[0].field).toBe('found');
  });

  it('scope: a community sees its own, a street its subtree, outside is 404', async () => {
    expect((await ok(staff.get('/api/cadres/assignments'))).items.map((x: { id: number }) => x.id)).toEqual([a.id]);
    expect((await ok(street.get('/api/cadres/assignments'))).total).toBe(2);
    expect((await outsider.get(`/api/cadres/assignments/${a.id}`)).status).toBe(404);
    expect(
      (await outsider.post(`/api/cadres/assignments/${a.id}/work`, { workedOn: today(), handled: 'x' })).status,
    ).toBe(404);
    expect((await outsider.patch(`/api/cadres/assignments/${a.id}`, { duties: 'x' })).status).toBe(404);
    expect(
      (
        await secretary.post('/api/cadres/assignments', {
          cadreName: '越界',
          unitName: '区民政局',
          kind: 'liaison',
          communityId: B1().community.id,
          fromOn: today(),
        })
      ).status,
    ).toBe(404);
    expect((await staff.get(`/api/cadres/assignments/${b.id}`)).status).toBe(404);
  });

  it('ending an assignment before a recorded visit is refused; ending it is audited', async () => {
    const refused = await street.patch(`/api/cadres/assignments/${a.id}`, { toOn: addDays(today(), -5) });
    expect(refused.status).toBe(400);
    expect(refused.body.fields[0].field).toBe('toOn');
    const ended = await ok(street.patch(`/api/cadres/assignments/${a.id}`, { toOn: today() }));
    expect(ended.toOn).toBe(today());
    const [row] = await audited('cadres.assignment.update', a.id);
    expect(row!.before).toMatchObject({ toOn: null });
  });

  it('figures: cadres per community and visits in the period equal their drill-downs', async () => {
    const q = `territoryId=${tree.streetA.street.id}&from=${addDays(today(), -20)}&to=${today()}&months=0`;
    const d = await ok(street.get(`/api/dashboard?${q}`));
    const assigned = d.figures.find((x: { key: string }) => x.key === 'cadres.assigned');
    const records = d.figures.find((x: { key: string }) => x.key === 'cadres.workRecords');
    // On the last day only 王永胜 is assigned (陈志刚's period ended 5 days ago).
    expect(assigned.amount.value).toBe(1);
    expect((await ok(street.get(`/api${assigned.drill}`))).total).toBe(1);
    // Visits in the last 20 days: two by 王永胜.
    expect(records.amount.value).toBe(2);
    const drill = await ok(street.get(`/api${records.drill}`));
    expect(drill.items.reduce((s: number, x: { records: number }) => s + x.records, 0)).toBe(2);
    // Per community (the level below): A1 has one cadre, A2 none on the last day.
    const perCommunity = d.children.map(
      (c: { territory: { id: number }; amounts: Record<string, { value: number }> }) => [
        c.territory.id,
        c.amounts['cadres.assigned']?.value,
      ],
    );
    expect(perCommunity).toEqual(
      expect.arrayContaining([
        [A1().community.id, 1],
        [A2().community.id, 0],
      ]),
    );
  });
});

describe('reserve talent 后备人才', () => {
  let p: { id: number };
  it('adds a person with a source; bad input per field; outside 404', async () => {
    p = await ok(
      secretary.post('/api/cadres/talents', {
        name: '马晓东',
        communityId: A1().community.id,
        source: 'veteran',
        birthYear: 1994,
        enteredOn: addDays(today(), -100),
        note: '退役军人',
      }),
      201,
    );
    expect(p).toMatchObject({ status: 'pool', source: 'veteran', trainings: 0 });
    expect(await audited('cadres.talent.create', p.id)).toHaveLength(1);
    const bad = await secretary.post('/api/cadres/talents', {
      name: '',
      communityId: A1().community.id,
      source: 'celebrity',
      birthYear: 1800,
      enteredOn: 'yesterday',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'birthYear',
      'enteredOn',
      'name',
      'source',
    ]);
    expect(
      (
        await secretary.post('/api/cadres/talents', {
          name: '越界',
          communityId: B1().community.id,
          source: 'graduate',
          enteredOn: today(),
        })
      ).status,
    ).toBe(404);
    expect((await outsider.get(`/api/cadres/talents/${p.id}`)).status).toBe(404);
    expect(
      (await outsider.post(`/api/cadres/talents/${p.id}/trainings`, { kind: 'course', title: 'x', fromOn: today() }))
        .status,
    ).toBe(404);
  });

  it('training moves a talent from the pool into training; audited; the figure equals its drill-down', async () => {
    const d = await ok(
      secretary.post(`/api/cadres/talents/${p.id}/trainings`, {
        kind: 'secondment',
        title: '入企挂职',
        fromOn: addDays(today(), -30),
        toOn: addDays(today(), -1),
      }),
      201,
    );
    expect(d).toMatchObject({ status: 'training', trainings: 1 });
    expect(d.training[0]).toMatchObject({ kind: 'secondment', title: '入企挂职' });
    const [row] = await audited('cadres.talent.train', p.id);
    expect(row!.before).toMatchObject({ status: 'pool' });
    const bad = await secretary.post(`/api/cadres/talents/${p.id}/trainings`, {
      kind: 'nap',
      title: '',
      fromOn: today(),
      toOn: addDays(today(), -3),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['kind', 'title']);
    const backwards = await secretary.post(`/api/cadres/talents/${p.id}/trainings`, {
      kind: 'course',
      title: '集中培训',
      fromOn: today(),
      toOn: addDays(today(), -3),
    });
    expect(backwards.body.fields[0].field).toBe('toOn');
    await ok(
      street.post('/api/cadres/talents', {
        name: '李娜',
        communityId: A2().community.id,
        source: 'graduate',
        enteredOn: today(),
      }),
      201,
    );
    const appointed = await ok(
      street.post('/api/cadres/talents', {
        name: '周强',
        communityId: A2().community.id,
        source: 'entrepreneur',
        enteredOn: today(),
      }),
      201,
    );
    await ok(street.patch(`/api/cadres/talents/${appointed.id}`, { status: 'appointed' }));
    expect((await ok(street.get('/api/cadres/talents?source=graduate'))).total).toBe(1);
    expect((await ok(street.get('/api/cadres/talents?trained=true'))).total).toBe(1);
    expect((await ok(staff.get('/api/cadres/talents'))).total).toBe(1);
    const dash = await ok(street.get(`/api/dashboard?territoryId=${tree.streetA.street.id}&months=0&children=false`));
    const f = dash.figures.find((x: { key: string }) => x.key === 'cadres.talents');
    expect(f.amount.value).toBe(2);
    expect((await ok(street.get(`/api${f.drill}`))).total).toBe(2);
  });
});
