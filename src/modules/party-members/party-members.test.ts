import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../kernel/db/schema.js';
import { XLSX_MIME } from '../../kernel/ledger/ledger.js';
import { testApp, type TestApp } from '../../test/app.js';
import type { Client } from '../../test/http.js';

type Session = Awaited<ReturnType<TestApp['as']>>;
import { partyOrgs } from '../organizations/schema.js';
import { partyMembers } from './schema.js';

type Tree = Awaited<ReturnType<TestApp['factory']['tree']>>;
type Org = typeof partyOrgs.$inferSelect;
let t: TestApp;
let tree: Tree;
let staffA: Session; // community staff of street A's first community
let staffA2: Session; // community staff of street A's second community
let staffB: Session; // staff of street B, where the unit branch is
let branchA: Org;
let unitBranchB: Org;
let groupA: Org;

async function org(kind: Org['kind'], node: { id: number; path: string }, name: string, unitId: number | null = null) {
  const [row] = await t.db
    .insert(partyOrgs)
    .values({ kind, name, territoryId: node.id, scopePath: node.path, unitId })
    .returning();
  return row!;
}

async function raw(c: Client, method: 'GET' | 'POST', url: string, body?: Buffer) {
  if (method === 'POST' && !c.cookies.has('gz_csrf')) await c.get('/api/auth/csrf');
  return t.app.inject({
    method,
    url,
    headers: {
      cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      ...(method === 'POST' ? { 'x-csrf-token': c.cookies.get('gz_csrf') ?? '', 'content-type': XLSX_MIME } : {}),
    },
    ...(body ? { payload: body } : {}),
  });
}

beforeAll(async () => {
  t = await testApp();
  tree = await t.factory.tree();
  const a = tree.streetA.communities[0]!;
  staffA = await t.as(['communityStaff'], a.community.id);
  staffA2 = await t.as(['communityStaff'], tree.streetA.communities[1]!.community.id);
  staffB = await t.as(['streetAdmin'], tree.streetB.street.id);
  branchA = await org('branch', a.compound, '甲一小区党支部');
  groupA = await org('group', a.building, '甲一1号楼党小组');
  unitBranchB = await org('branch', tree.streetB.communities[0]!.community, '乙街某局机关党支部', 7);
});
afterAll(() => t.close());

describe('party members', () => {
  it('adds members only to a branch, general branch or committee of the subtree', async () => {
    const ok = await staffA.post('/api/party-members', {
      name: '张红',
      kind: 'resident',
      homeBranchId: branchA.id,
      joinedOn: '2001-07-01',
      posts: ['vanguardPost', 'modelPost'],
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({
      homeBranch: { id: branchA.id, kind: 'branch' },
      posts: ['vanguardPost', 'modelPost'],
      registeredCommunityIds: [],
      viaRegistration: false,
    });
    const group = await staffA.post('/api/party-members', { name: 'x', kind: 'resident', homeBranchId: groupA.id });
    expect(group.status).toBe(400);
    expect(group.body.fields[0].field).toBe('homeBranchId');
    expect(
      (await staffA.post('/api/party-members', { name: 'x', kind: 'resident', homeBranchId: unitBranchB.id })).status,
    ).toBe(404);
    const bad = await staffA.post('/api/party-members', {
      name: 'x',
      kind: 'sleeping',
      homeBranchId: branchA.id,
      posts: ['nap'],
    });
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['kind', 'posts.0']);
    const upd = await staffA.patch(`/api/party-members/${ok.body.id}`, { kind: 'retired' });
    expect(upd.body.kind).toBe('retired');
    expect(
      (await t.db.select().from(auditLog).where(eq(auditLog.objectType, 'partyMember'))).map((r) => r.action),
    ).toEqual(['partyMember.create', 'partyMember.update']);
  });
});

describe('dual registration 双报到', () => {
  let member: number;
  let other: number;
  let self: Client;
  let reg: number;

  beforeAll(async () => {
    // An in-service member held by a unit branch in street B, living in street A's first community.
    const acc = await t.as(['partyMember'], tree.streetA.communities[0]!.household.id);
    self = acc;
    const [m] = await t.db
      .insert(partyMembers)
      .values({
        name: '赵敏',
        kind: 'inService',
        homeBranchId: unitBranchB.id,
        territoryId: unitBranchB.territoryId,
        scopePath: unitBranchB.scopePath,
        accountId: acc.account.id,
      })
      .returning();
    member = m!.id;
    const [o] = await t.db
      .insert(partyMembers)
      .values({
        name: '同单位党员',
        kind: 'inService',
        homeBranchId: unitBranchB.id,
        territoryId: unitBranchB.territoryId,
        scopePath: unitBranchB.scopePath,
      })
      .returning();
    other = o!.id;
  });

  const roster = async (c: Client) =>
    (
      await c.get(
        `/api/party-members?communityId=${tree.streetA.communities[0]!.community.id}&includeRegistered=true&pageSize=200`,
      )
    ).body.items.map((m: { name: string }) => m.name);

  it('lets the member register themself with a community outside the home branch subtree', async () => {
    const comms = await self.get('/api/party-members/communities?q=甲街道一');
    expect(comms.body.items.map((c: { id: number }) => c.id)).toContain(tree.streetA.communities[0]!.community.id);
    const res = await self.post('/api/party-members/me/registrations', {
      communityId: tree.streetA.communities[0]!.community.id,
      note: '住在甲一小区',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'pending',
      member: { id: member },
      community: { id: tree.streetA.communities[0]!.community.id },
      unitBranch: { id: unitBranchB.id },
    });
    reg = res.body.id;
    expect(
      (
        await self.post('/api/party-members/me/registrations', {
          communityId: tree.streetA.communities[0]!.community.id,
        })
      ).status,
    ).toBe(409);
    const notCommunity = await self.post('/api/party-members/me/registrations', {
      communityId: tree.streetA.street.id,
    });
    expect(notCommunity.body.fields[0].field).toBe('communityId');
    const me = await self.get('/api/party-members/me');
    expect(me.body.registrations.map((r: { status: string }) => r.status)).toEqual(['pending']);
  });

  it('shows the pending request to the community staff, but not the member, until they confirm', async () => {
    const pending = await staffA.get('/api/party-members/registrations?status=pending');
    expect(pending.body.items.map((r: { id: number }) => r.id)).toEqual([reg]);
    expect((await staffA2.get('/api/party-members/registrations?status=pending')).body.total).toBe(0);
    expect(await roster(staffA)).not.toContain('赵敏');
    expect((await staffA.get(`/api/party-members/${member}`)).status).toBe(404);
    // the home branch's side sees the registration of a member it holds, but cannot decide it
    expect((await staffB.get(`/api/party-members/registrations?memberId=${member}`)).body.total).toBe(1);
    expect((await staffB.post(`/api/party-members/registrations/${reg}/confirm`, {})).status).toBe(404);
    expect((await staffA2.post(`/api/party-members/registrations/${reg}/confirm`, {})).status).toBe(404);
  });

  it('after confirmation the member is in the community roster, and nothing else of the home branch is', async () => {
    const res = await staffA.post(`/api/party-members/registrations/${reg}/confirm`, { note: '欢迎报到' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'confirmed', decidedByName: staffA.account.displayName });
    // issue 10 point 15: the member's own note stays beside the reviewer's, on the staff's list and the member's own
    expect(res.body).toMatchObject({ note: '住在甲一小区', decisionNote: '欢迎报到' });
    const listed = await staffA.get('/api/party-members/registrations?status=confirmed');
    expect(listed.body.items.find((r: { id: number }) => r.id === reg)).toMatchObject({
      note: '住在甲一小区',
      decisionNote: '欢迎报到',
    });
    expect((await self.get('/api/party-members/me')).body.registrations[0]).toMatchObject({
      note: '住在甲一小区',
      decisionNote: '欢迎报到',
    });
    expect((await staffA.post(`/api/party-members/registrations/${reg}/confirm`, {})).status).toBe(409);
    expect(await roster(staffA)).toContain('赵敏');
    expect(await roster(staffA)).not.toContain('同单位党员');
    const one = await staffA.get(`/api/party-members/${member}`);
    expect(one.body).toMatchObject({
      viaRegistration: true,
      registeredCommunityIds: [tree.streetA.communities[0]!.community.id],
    });
    expect((await staffA.get(`/api/party-members/${other}`)).status).toBe(404);
    // held lists (without includeRegistered) stay the home branch's
    expect((await staffA.get('/api/party-members?q=赵敏')).body.total).toBe(0);
    expect(await roster(staffA2)).not.toContain('赵敏');
    // seen, not owned: the community cannot edit or delete the member
    expect((await staffA.patch(`/api/party-members/${member}`, { name: '改名' })).status).toBe(404);
    const secretary = await t.as(['communitySecretary'], tree.streetA.communities[0]!.community.id);
    expect((await secretary.delete(`/api/party-members/${member}`)).status).toBe(404);
    const actions = (await t.db.select().from(auditLog).where(eq(auditLog.objectType, 'dualRegistration'))).map(
      (r) => r.action,
    );
    expect(actions).toEqual(['dualRegistration.request', 'dualRegistration.confirm']);
  });

  it('rejects and withdraws', async () => {
    const r2 = await staffB.post(`/api/party-members/${other}/registrations`, {
      communityId: tree.streetA.communities[1]!.community.id,
    });
    expect(r2.status).toBe(201);
    const rej = await staffA2.post(`/api/party-members/registrations/${r2.body.id}/reject`, { note: '不在本社区居住' });
    expect(rej.body).toMatchObject({ status: 'rejected', note: null, decisionNote: '不在本社区居住' });
    expect(await roster(staffA2)).not.toContain('同单位党员');
    // a resident member does not register
    const held = await staffA.post('/api/party-members', {
      name: '社区党员',
      kind: 'resident',
      homeBranchId: branchA.id,
    });
    expect(
      (
        await staffA.post(`/api/party-members/${held.body.id}/registrations`, {
          communityId: tree.streetA.communities[1]!.community.id,
        })
      ).status,
    ).toBe(409);
    // the member withdraws: gone from the roster
    const other2 = await t.as(['partyMember'], tree.streetA.communities[0]!.household.id);
    expect((await other2.post(`/api/party-members/me/registrations/${reg}/withdraw`)).status).toBe(404);
    const w = await self.post(`/api/party-members/me/registrations/${reg}/withdraw`);
    expect(w.body.status).toBe('withdrawn');
    expect(await roster(staffA)).not.toContain('赵敏');
    // and may register again
    const again = await self.post('/api/party-members/me/registrations', {
      communityId: tree.streetA.communities[0]!.community.id,
    });
    expect(again.status).toBe(201);
    await staffA.post(`/api/party-members/registrations/${again.body.id}/confirm`, {});
  });

  it('records both sides of the dual evaluation, each by its own side, and shows them together', async () => {
    const community = await staffA.post(`/api/party-members/${member}/evaluations`, {
      period: '2025',
      side: 'community',
      grade: 'excellent',
      comment: '认领微心愿 6 个',
    });
    expect(community.status).toBe(200);
    expect(community.body).toMatchObject({ period: '2025', community: { grade: 'excellent' }, unit: null });
    expect(
      (await staffA.post(`/api/party-members/${member}/evaluations`, { period: '2025', side: 'unit', grade: 'good' }))
        .status,
    ).toBe(403);
    expect(
      (
        await staffB.post(`/api/party-members/${member}/evaluations`, {
          period: '2025',
          side: 'community',
          grade: 'good',
        })
      ).status,
    ).toBe(403);
    const unit = await staffB.post(`/api/party-members/${member}/evaluations`, {
      period: '2025',
      side: 'unit',
      grade: 'good',
      comment: '履职尽责',
    });
    expect(unit.body).toMatchObject({
      community: { grade: 'excellent' },
      unit: { grade: 'good', comment: '履职尽责' },
    });
    // a second record for the same side and period replaces the first
    await staffB.post(`/api/party-members/${member}/evaluations`, { period: '2025', side: 'unit', grade: 'fair' });
    const view = await staffA.get(`/api/party-members/evaluations?period=2025&memberId=${member}`);
    expect(view.body.items).toEqual([
      expect.objectContaining({
        member: expect.objectContaining({ id: member }),
        community: expect.objectContaining({ grade: 'excellent' }),
        unit: expect.objectContaining({ grade: 'fair' }),
      }),
    ]);
    expect(
      (await staffA.get(`/api/party-members/evaluations?period=2026-H1&memberId=${member}`)).body.items[0],
    ).toMatchObject({ community: null, unit: null });
    expect((await staffA.get('/api/party-members/evaluations?period=25')).status).toBe(400);
    expect(
      (
        await staffA2.post(`/api/party-members/${member}/evaluations`, {
          period: '2025',
          side: 'community',
          grade: 'good',
        })
      ).status,
    ).toBe(404);
    const me = await self.get('/api/party-members/me');
    expect(me.body.evaluations[0]).toMatchObject({
      period: '2025',
      community: { grade: 'excellent' },
      unit: { grade: 'fair' },
    });
  });
});

describe('party members ledger', () => {
  it('imports members (all or nothing, or the good rows) and exports the list', async () => {
    const tpl = (await raw(staffA, 'GET', '/api/party-members/template.xlsx')).rawPayload;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    ws.addRow(['钱进', '在职党员', '甲一小区党支部', '2010-07-01', '党员先锋岗', '', '']);
    ws.addRow(['孙退', '离退休', '甲一小区党支部', '', '', '', '']);
    ws.addRow(['外人', '流动党员', '乙街某局机关党支部', '', '', '', '']);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const all = JSON.parse((await raw(staffA, 'POST', '/api/party-members/import?mode=all', file)).body);
    expect(all).toMatchObject({ imported: 0, skipped: 3 });
    expect(all.errors.map((e: { row: number; column: string }) => `${e.row}|${e.column}`)).toEqual([
      '4|党员类别',
      '5|所在党组织',
    ]);
    const good = JSON.parse((await raw(staffA, 'POST', '/api/party-members/import?mode=goodRows', file)).body);
    expect(good).toMatchObject({ imported: 1, skipped: 2 });
    const found = await staffA.get('/api/party-members?q=钱进');
    expect(found.body.items[0]).toMatchObject({ kind: 'inService', posts: ['vanguardPost'], joinedOn: '2010-07-01' });
    const exp = await raw(staffA, 'GET', '/api/party-members/export.xlsx?includeRegistered=true');
    const out = new ExcelJS.Workbook();
    await out.xlsx.load(exp.rawPayload as unknown as ArrayBuffer);
    const names: string[] = [];
    out.worksheets[0]!.eachRow((row, n) => n > 1 && names.push(String(row.getCell(1).value)));
    expect(names).toEqual(expect.arrayContaining(['钱进', '赵敏']));
    expect(names).not.toContain('同单位党员');
  });
});
