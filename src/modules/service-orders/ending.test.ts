import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { permissionsOf } from '../../kernel/rbac/rbac.js';
import { ROLES } from '../../kernel/rbac/rbac.js';
import { testApp, type TestApp } from '../../test/app.js';
import type { Client } from '../../test/http.js';
import { FINAL, MOVE_PERMISSIONS, ORDER_STATUSES, TRANSITIONS, type Move } from './constants.js';
import './permissions.js';
import { makeUnit } from './testing.js';

/** Cases that can end (issue 10 items 6–7): 回访 for those who cannot rate; 作废/无效 out of the figures. */
let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
let staff: Client, resident: Client, contact: Client;
let unitId: number;
const A1 = () => tree.streetA.communities[0]!;

beforeAll(async () => {
  t = await testApp();
  tree = await t.factory.tree();
  staff = await t.as(['communityStaff'], A1().community.id);
  resident = await t.as(['resident'], A1().household.id);
  const c = await t.as(['unitContact'], A1().community.id);
  contact = c;
  unitId = (await makeUnit(t.db, A1().community, '文亭物业', c.account.id)).id;
});
afterAll(() => t.close());

const figures = async () => (await staff.get(`/api/orders/figures?territoryId=${A1().community.id}`)).body;

describe('no order is stuck (item 6)', () => {
  it('every state but the final ones has a move, and someone holds its permission', () => {
    for (const s of ORDER_STATUSES) {
      const out = (Object.keys(TRANSITIONS) as Move[]).filter((m) => TRANSITIONS[m].from.includes(s));
      if (FINAL.includes(s)) {
        expect(out, s).toEqual([]);
        continue;
      }
      expect(out.length, s).toBeGreaterThan(0);
      const someone = out.some((m) => ROLES.some((r) => permissionsOf([r]).has(MOVE_PERMISSIONS[m])));
      expect(someone, s).toBe(true);
    }
    // A resolved order has a move for staff, not only for the reporter: 回访.
    expect(TRANSITIONS.followUp.from).toContain('resolved');
  });
});

describe('a walk-in’s matter closed after a follow-up 回访 (item 6)', () => {
  it('staff register it for a walk-in, it is resolved, the follow-up rating counts in 满意率, then it closes', async () => {
    const before = await figures();
    const created = await staff.post('/api/orders', {
      kind: 'problem',
      category: 'neighbourhood',
      title: '楼上漏水纠纷',
      territoryId: A1().household.id,
      walkIn: { name: '张大爷' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ reporter: null, reporterName: '张大爷' });
    const id = created.body.id as number;
    await staff.post(`/api/orders/${id}/dispatch`, { target: 'unit', unitId });
    await contact.post(`/api/orders/${id}/accept`, {});
    const resolved = await contact.post(`/api/orders/${id}/resolve`, { note: '已协调修好防水' });
    expect(resolved.body.status).toBe('resolved');
    // Nobody could rate it before: now the staff may follow up.
    const seen = await staff.get(`/api/orders/${id}`);
    expect(seen.body.moves).toEqual(['followUp']);
    expect((await staff.post(`/api/orders/${id}/follow-up`, { rating: 'satisfied', channel: 'phone' })).status).toBe(
      400,
    );
    const f = await staff.post(`/api/orders/${id}/follow-up`, {
      rating: 'basic',
      channel: 'visit',
      note: '上门回访，张大爷基本满意',
    });
    expect(f.status, JSON.stringify(f.body)).toBe(200);
    expect(f.body).toMatchObject({ status: 'rated', rating: 'basic', ratingChannel: 'visit' });
    expect(f.body.timeline.at(-1)).toMatchObject({ action: 'followUp', note: '上门回访，张大爷基本满意' });
    const after = await figures();
    expect(after.found).toBe(before.found + 1);
    // 满意率 = satisfied / rated: one more rated, and it is satisfied (基本满意 counts as satisfied).
    expect(after.satisfactionRate).not.toBeNull();
    const sat = await staff.get(
      `/api/orders?${new URLSearchParams(after.drill.satisfactionRate).toString()}&pageSize=100`,
    );
    expect(sat.body.items.map((x: { id: number }) => x.id)).toContain(id);
    const closed = await staff.post(`/api/orders/${id}/close`, {});
    expect(closed.body.status).toBe('closed');
  });

  it('a resident’s order is rated by the resident, not followed up; residents cannot register walk-ins', async () => {
    const o = await resident.post('/api/orders', {
      kind: 'problem',
      category: 'repair',
      title: '路灯不亮',
      territoryId: A1().household.id,
    });
    await staff.post(`/api/orders/${o.body.id}/dispatch`, { target: 'unit', unitId });
    await contact.post(`/api/orders/${o.body.id}/accept`, {});
    await contact.post(`/api/orders/${o.body.id}/resolve`, { note: '已修' });
    expect((await staff.get(`/api/orders/${o.body.id}`)).body.moves).not.toContain('followUp');
    const f = await staff.post(`/api/orders/${o.body.id}/follow-up`, {
      rating: 'satisfied',
      channel: 'phone',
      note: 'x',
    });
    expect(f.status).toBe(409);
    const rated = await resident.post(`/api/orders/${o.body.id}/rate`, { rating: 'satisfied' });
    expect(rated.body.ratingChannel).toBe('app');
    const walkIn = await resident.post('/api/orders', {
      kind: 'problem',
      category: 'repair',
      title: '代人登记',
      territoryId: A1().household.id,
      walkIn: { name: '邻居' },
    });
    expect(walkIn.status).toBe(403);
  });

  it('a mediation case (parties without accounts) is closed after a follow-up and counted in 满意率', async () => {
    const c = await staff.post('/api/mediation/cases', {
      title: '邻里噪音纠纷',
      category: 'neighbourhood',
      territoryId: A1().compound.id,
      parties: [
        { name: '李某', role: 'applicant' },
        { name: '王某', role: 'respondent' },
      ],
    });
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    const id = (c.body.order?.id ?? c.body.id) as number;
    // Sent to the community's mediation committee; staff act for it; one session; the outcome resolves it.
    await staff.post(`/api/orders/${id}/dispatch`, { target: 'department', department: '人民调解委员会' });
    await staff.post(`/api/orders/${id}/accept`, {});
    const s = await staff.post(`/api/mediation/cases/${id}/sessions`, {
      heldAt: new Date(t.clock.now().getTime() - 3_600_000).toISOString(),
      place: '说事室',
      attendees: ['李某', '王某'],
      notes: '双方面谈',
    });
    const out = await staff.post(`/api/mediation/cases/${id}/outcome`, {
      outcome: 'failed',
      note: '调解未成，建议诉讼',
    });
    expect([s.status, out.status], JSON.stringify(out.body)).toEqual([201, 200]);
    const seen = await staff.get(`/api/orders/${id}`);
    expect(seen.body.status).toBe('resolved');
    expect(seen.body.moves).toContain('followUp');
    const f = await staff.post(`/api/orders/${id}/follow-up`, {
      rating: 'satisfied',
      channel: 'phone',
      note: '电话回访，双方表示满意',
    });
    expect(f.body).toMatchObject({ status: 'rated', ratingChannel: 'phone' });
    expect((await staff.post(`/api/orders/${id}/close`, {})).body.status).toBe('closed');
  });
});

describe('cancelled orders leave the figures and are counted on their own (item 7)', () => {
  it('作废 and 无效 with a reason; found, claimed and the rates as if they never were; listed and drilled apart', async () => {
    const before = await figures();
    const a = await resident.post('/api/orders', {
      kind: 'problem',
      category: 'repair',
      title: '重复上报',
      territoryId: A1().household.id,
    });
    const b = await resident.post('/api/orders', {
      kind: 'problem',
      category: 'repair',
      title: '不实反映',
      territoryId: A1().household.id,
    });
    await staff.post(`/api/orders/${b.body.id}/dispatch`, { target: 'unit', unitId });
    await contact.post(`/api/orders/${b.body.id}/accept`, {});
    expect((await staff.post(`/api/orders/${b.body.id}/cancel`, { kind: 'invalid' })).status).toBe(400);
    const inv = await staff.post(`/api/orders/${b.body.id}/cancel`, {
      kind: 'invalid',
      reason: '经现场核实，情况不属实',
    });
    expect(inv.status, JSON.stringify(inv.body)).toBe(200);
    expect(inv.body).toMatchObject({
      status: 'cancelled',
      cancelKind: 'invalid',
      cancelReason: '经现场核实，情况不属实',
    });
    // Closing an order nobody took yet cancels it as 作废, the note as its reason.
    const v = await staff.post(`/api/orders/${a.body.id}/close`, { note: '居民撤回' });
    expect(v.body).toMatchObject({ status: 'cancelled', cancelKind: 'void', cancelReason: '居民撤回' });
    expect((await contact.post(`/api/orders/${b.body.id}/resolve`, { note: 'x' })).status).toBe(409);

    const after = await figures();
    for (const k of ['found', 'claimed', 'resolved', 'responseRate', 'resolutionRate', 'satisfactionRate'])
      expect(after[k], k).toEqual(before[k]);
    expect(after.excluded.cancelled).toBe(before.excluded.cancelled + 2);
    const drill = new URLSearchParams(after.excluded.drill.cancelled).toString();
    const listed = await staff.get(`/api/orders?${drill}`);
    expect(listed.body.items.map((x: { id: number }) => x.id)).toEqual(expect.arrayContaining([a.body.id, b.body.id]));
    expect(listed.body.total).toBe(after.excluded.cancelled);
    // The found drill-down lists exactly what found counts.
    const found = await staff.get(`/api/orders?${new URLSearchParams(after.drill.found).toString()}&pageSize=1`);
    expect(found.body.total).toBe(after.found);
    // The community's ranking of the level below still adds up to the total.
    expect(after.ranking.reduce((n: number, r: { found: number }) => n + r.found, 0)).toBeLessThanOrEqual(after.found);
  });
});
