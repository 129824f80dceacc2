import { and, eq, gt } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../kernel/db/schema.js';
import { testApp, type TestApp } from '../../test/app.js';
import type { Client } from '../../test/http.js';
import { buildingLeads } from '../grids/schema.js';
import { partyMembers } from '../party-members/schema.js';
import { partyOrgs } from './schema.js';

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
let admin: Client; // street admin of street A
let n = 0;
const uniq = () => `${++n}`;

beforeAll(async () => {
  t = await testApp();
  tree = await t.factory.tree();
  admin = await t.as(['streetAdmin'], tree.streetA.street.id);
});
afterAll(() => t.close());

const A = () => tree.streetA;
const a0 = () => tree.streetA.communities[0]!;
const a1 = () => tree.streetA.communities[1]!;
const b0 = () => tree.streetB.communities[0]!;

async function mkOrg(c: Client, body: Record<string, unknown>) {
  const res = await c.post('/api/organizations/party-orgs', { name: `组织${uniq()}`, ...body });
  return res;
}

async function flagsOf(c: Client, kind?: string) {
  const res = await c.get(`/api/organizations/flags?pageSize=200${kind ? `&kind=${kind}` : ''}`);
  expect(res.status).toBe(200);
  return res.body as {
    items: {
      kind: string;
      territory: { id: number };
      org: { id: number } | null;
      message: string;
      link: { route: string; id: number; focusId: number | null };
    }[];
    total: number;
    counts: { branchTooLarge: number; compoundWithoutBranch: number; buildingWithoutLead: number };
  };
}

async function addMembers(branchId: number, territoryId: number, path: string, count: number) {
  const rows = Array.from({ length: count }, (_, i) => ({
    name: `党员${i}`,
    kind: 'resident' as const,
    homeBranchId: branchId,
    territoryId,
    scopePath: path,
  }));
  await t.db.insert(partyMembers).values(rows);
}

describe('party organisation structure rules', () => {
  let wc: number;
  let committee: number;
  let branch: number;

  it('builds street → community → compound → building with the right kinds, audited', async () => {
    const since = (await t.db.select({ id: auditLog.id }).from(auditLog).orderBy(auditLog.id)).at(-1)?.id ?? 0;
    const w = await mkOrg(admin, { kind: 'workingCommittee', territoryId: A().street.id, name: '甲街道党工委' });
    expect(w.status).toBe(201);
    wc = w.body.id;
    const c = await mkOrg(admin, { kind: 'committee', territoryId: a0().community.id, parentId: wc });
    expect(c.status).toBe(201);
    committee = c.body.id;
    const b = await mkOrg(admin, {
      kind: 'branch',
      territoryId: a0().compound.id,
      parentId: committee,
      secretaryName: '王建国',
    });
    expect(b.status).toBe(201);
    expect(b.body).toMatchObject({
      kind: 'branch',
      territory: { id: a0().compound.id, level: 'compound' },
      parentId: committee,
      memberCount: 0,
    });
    branch = b.body.id;
    const g = await mkOrg(admin, { kind: 'group', territoryId: a0().building.id, parentId: branch });
    expect(g.status).toBe(201);
    const audits = await t.db
      .select()
      .from(auditLog)
      .where(and(gt(auditLog.id, since), eq(auditLog.objectType, 'partyOrg')));
    expect(audits.map((r) => r.action)).toEqual([
      'partyOrg.create',
      'partyOrg.create',
      'partyOrg.create',
      'partyOrg.create',
    ]);
    expect(audits[2]!.scopePath).toBe(a0().compound.path);

    const detail = await admin.get(`/api/organizations/party-orgs/${committee}`);
    expect(detail.status).toBe(200);
    expect(detail.body.parent).toMatchObject({ id: wc, kind: 'workingCommittee' });
    expect(detail.body.children.map((x: { id: number }) => x.id)).toEqual([branch]);
    const treeRes = await admin.get('/api/organizations/party-orgs/tree');
    expect(treeRes.body.items.map((x: { id: number }) => x.id)).toEqual(
      expect.arrayContaining([wc, committee, branch, g.body.id]),
    );
  });

  it('refuses a kind at the wrong level, with a field message in the caller language', async () => {
    const zh = await mkOrg(admin, { kind: 'workingCommittee', territoryId: a0().community.id });
    expect(zh.status).toBe(400);
    expect(zh.body.fields).toEqual([{ field: 'territoryId', message: '党工委只能设在：街道/乡镇' }]);
    const en = t.client('en-US');
    en.cookies = new Map(admin.cookies);
    const r = await en.post('/api/organizations/party-orgs', {
      kind: 'committee',
      territoryId: a0().compound.id,
      name: 'x',
      parentId: wc,
    });
    expect(r.status).toBe(400);
    expect(r.body.fields).toEqual([
      { field: 'territoryId', message: 'A Party committee can only sit at: Community / village' },
    ]);
    const branchAtBuilding = await mkOrg(admin, { kind: 'branch', territoryId: a0().building.id, parentId: committee });
    expect(branchAtBuilding.body.fields[0].field).toBe('territoryId');
  });

  it('refuses a parent of the wrong kind, a parent not above the place, and a floating group', async () => {
    const compoundGroup = await mkOrg(admin, { kind: 'group', territoryId: a0().compound.id, parentId: branch });
    expect(compoundGroup.status).toBe(201);
    const groupParent = await mkOrg(admin, {
      kind: 'branch',
      territoryId: a0().compound.id,
      parentId: compoundGroup.body.id,
    });
    expect(groupParent.status).toBe(400);
    expect(groupParent.body.fields).toEqual([
      { field: 'parentId', message: '党支部的上级只能是：党工委、党委、党总支' },
    ]);
    // a committee of community 1 cannot hold a branch in community 2
    const sideways = await mkOrg(admin, { kind: 'branch', territoryId: a1().compound.id, parentId: committee });
    expect(sideways.body.fields).toEqual([
      { field: 'parentId', message: '上级党组织须设在本组织所在区域或其上级区域' },
    ]);
    const noParentWc = await mkOrg(admin, { kind: 'workingCommittee', territoryId: A().street.id, parentId: wc });
    expect(noParentWc.body.fields).toEqual([{ field: 'parentId', message: '党工委不设上级党组织' }]);
    const floating = await mkOrg(admin, { kind: 'group', territoryId: a0().compound.id, parentId: committee });
    expect(floating.body.fields).toEqual([{ field: 'parentId', message: '不设在楼栋的党小组须隶属于党支部' }]);
    const underBranch = await mkOrg(admin, { kind: 'group', territoryId: a0().compound.id, parentId: branch });
    expect(underBranch.status).toBe(201);
    const missingParent = await mkOrg(admin, { kind: 'group', territoryId: a0().compound.id });
    expect(missingParent.status).toBe(400);
  });

  it('answers 404 for places and organisations outside the subtree', async () => {
    expect((await mkOrg(admin, { kind: 'committee', territoryId: b0().community.id })).status).toBe(404);
    const [outside] = await t.db
      .insert(partyOrgs)
      .values({ kind: 'committee', name: '乙社区党委', territoryId: b0().community.id, scopePath: b0().community.path })
      .returning();
    expect((await admin.get(`/api/organizations/party-orgs/${outside!.id}`)).status).toBe(404);
    expect((await admin.patch(`/api/organizations/party-orgs/${outside!.id}`, { name: 'x' })).status).toBe(404);
    const list = await admin.get('/api/organizations/party-orgs?pageSize=200');
    expect(list.body.items.map((x: { id: number }) => x.id)).not.toContain(outside!.id);
  });

  it('checks children when the kind changes, and refuses to delete an organisation with children or members', async () => {
    // a branch may sit at a community, but its child branch could no longer report to it
    const down = await admin.patch(`/api/organizations/party-orgs/${committee}`, { kind: 'branch' });
    expect(down.status).toBe(400);
    expect(down.body.fields).toEqual([
      {
        field: 'kind',
        message: `下级组织“${(await admin.get(`/api/organizations/party-orgs/${branch}`)).body.name}”不能隶属于党支部`,
      },
    ]);
    const toGeneral = await admin.patch(`/api/organizations/party-orgs/${committee}`, { kind: 'generalBranch' });
    expect(toGeneral.status).toBe(200);
    expect(toGeneral.body.kind).toBe('generalBranch');
    const del = await admin.delete(`/api/organizations/party-orgs/${committee}`);
    expect(del.status).toBe(409);
    const lone = await mkOrg(admin, { kind: 'branch', territoryId: a1().compound.id });
    await addMembers(lone.body.id, a1().compound.id, a1().compound.path, 1);
    expect((await admin.delete(`/api/organizations/party-orgs/${lone.body.id}`)).status).toBe(409);
    const empty = await mkOrg(admin, { kind: 'branch', territoryId: a1().community.id });
    expect((await admin.delete(`/api/organizations/party-orgs/${empty.body.id}`)).status).toBe(204);
  });

  it('lets community staff manage only their community', async () => {
    const staff = await t.as(['communityStaff'], a1().community.id);
    // the parent (street working committee) lies above the staff's own node: allowed by the rule
    const c = await mkOrg(staff, { kind: 'generalBranch', territoryId: a1().community.id, parentId: wc });
    expect(c.status).toBe(201);
    expect((await mkOrg(staff, { kind: 'committee', territoryId: a0().community.id })).status).toBe(404);
  });
});

describe('rule flags', () => {
  let f: Awaited<ReturnType<TestApp['factory']['tree']>>;
  let c: Client;
  beforeAll(async () => {
    // a tree of its own, so the other tests' records do not interfere
    f = await t.factory.tree();
    c = await t.as(['streetAdmin'], f.streetA.street.id);
  });

  it('flags a compound without a branch until one is added', async () => {
    const compound = f.streetA.communities[0]!.compound;
    let flags = await flagsOf(c, 'compoundWithoutBranch');
    expect(flags.items.map((x) => x.territory.id).sort()).toEqual(
      f.streetA.communities.map((x) => x.compound.id).sort(),
    );
    const item = flags.items.find((x) => x.territory.id === compound.id)!;
    expect(item).toMatchObject({
      link: { route: 'compound', id: compound.id },
      message: `${compound.name}尚未建立小区党支部（支部建在小区上）`,
    });
    expect(await mkOrg(c, { kind: 'branch', territoryId: compound.id }).then((r) => r.status)).toBe(201);
    flags = await flagsOf(c, 'compoundWithoutBranch');
    expect(flags.items.map((x) => x.territory.id)).not.toContain(compound.id);
    expect(flags.total).toBe(1);
    // a property company's branch is not the compound's own branch
  });

  it('flags a building with neither responsible member nor resident party member until one is there', async () => {
    const [x, y] = f.streetA.communities.map((k) => k.building);
    let flags = await flagsOf(c, 'buildingWithoutLead');
    expect(flags.items.map((i) => i.territory.id).sort()).toEqual([x!.id, y!.id].sort());
    expect(flags.items.find((i) => i.territory.id === x!.id)!.link).toEqual({
      route: 'compound',
      id: f.streetA.communities[0]!.compound.id,
      focusId: x!.id,
    });
    // the building lead 楼栋长 is a separate role: naming one does not meet 一名党员一栋楼
    await t.db.insert(buildingLeads).values({ buildingId: x!.id, scopePath: x!.path, name: '楼栋长甲' });
    flags = await flagsOf(c, 'buildingWithoutLead');
    expect(flags.items.map((i) => i.territory.id).sort()).toEqual([x!.id, y!.id].sort());
    await t.db
      .insert(buildingLeads)
      .values({ buildingId: x!.id, scopePath: x!.path, role: 'responsibleMember', name: '责任党员甲' });
    flags = await flagsOf(c, 'buildingWithoutLead');
    expect(flags.items.map((i) => i.territory.id)).toEqual([y!.id]);
    // a party member recorded under the building (its household) also clears it
    const br = await mkOrg(c, { kind: 'branch', territoryId: f.streetA.communities[1]!.compound.id });
    const hh = f.streetA.communities[1]!.household;
    await addMembers(br.body.id, hh.id, hh.path, 1);
    flags = await flagsOf(c, 'buildingWithoutLead');
    expect(flags.total).toBe(0);
  });

  it('flags a community-level branch with 100+ members until it is upgraded', async () => {
    const community = f.streetA.communities[0]!.community;
    const br = await mkOrg(c, { kind: 'branch', territoryId: community.id, name: '甲一社区党支部' });
    await addMembers(br.body.id, community.id, community.path, 99);
    expect((await flagsOf(c, 'branchTooLarge')).total).toBe(0);
    await addMembers(br.body.id, community.id, community.path, 1);
    const flags = await flagsOf(c, 'branchTooLarge');
    expect(flags.items).toEqual([
      expect.objectContaining({
        kind: 'branchTooLarge',
        org: expect.objectContaining({ id: br.body.id }),
        link: { route: 'partyOrg', id: br.body.id, focusId: null },
      }),
    ]);
    expect(flags.items[0]!.message).toBe('甲一社区党支部有党员 100 名，达到 100 名以上，应改设党委或党总支');
    // a compound branch of the same size is not the rule's subject
    const up = await c.patch(`/api/organizations/party-orgs/${br.body.id}`, {
      kind: 'generalBranch',
      name: '甲一社区党总支',
    });
    expect(up.status).toBe(200);
    expect((await flagsOf(c, 'branchTooLarge')).total).toBe(0);
  });

  it('counts every kind, pages, and never shows another street', async () => {
    const all = await flagsOf(c);
    expect(all.total).toBe(
      all.counts.branchTooLarge + all.counts.compoundWithoutBranch + all.counts.buildingWithoutLead,
    );
    const page = await c.get('/api/organizations/flags?pageSize=1&page=1');
    expect(page.body.items).toHaveLength(Math.min(1, all.total));
    const ids = new Set([...f.streetB.communities.flatMap((k) => [k.compound.id, k.building.id, k.community.id])]);
    for (const i of all.items) expect(ids.has(i.territory.id)).toBe(false);
    const other = await t.as(['streetAdmin'], f.streetB.street.id);
    const theirs = await flagsOf(other);
    expect(theirs.counts.compoundWithoutBranch).toBe(2);
    expect(theirs.counts.buildingWithoutLead).toBe(2);
  });
});

describe('units, partners and the four-party set', () => {
  let f: Awaited<ReturnType<TestApp['factory']['tree']>>;
  let c: Client;
  let community: { id: number; path: string };
  let compound: { id: number; name: string };
  beforeAll(async () => {
    f = await t.factory.tree();
    c = await t.as(['communitySecretary'], f.streetA.communities[0]!.community.id);
    community = f.streetA.communities[0]!.community;
    compound = f.streetA.communities[0]!.compound;
  });

  it('shows every party missing, then each one as it is recorded, and red property once the company has a branch', async () => {
    let four = await c.get(`/api/organizations/compounds/${compound.id}/four-party`);
    expect(four.status).toBe(200);
    expect(four.body.missing).toEqual(['communityCommittee', 'compoundBranch', 'ownersCommittee', 'propertyCompany']);

    const committee = await mkOrg(c, { kind: 'committee', territoryId: community.id, name: '甲一社区党委' });
    const branch = await mkOrg(c, {
      kind: 'branch',
      territoryId: compound.id,
      parentId: committee.body.id,
      name: '小区党支部',
    });
    const oc = await c.post('/api/organizations/owners-committees', {
      compoundId: compound.id,
      name: '业委会',
      chairName: '赵敏',
      chairPhone: '13812345678',
      termStart: '2024-01-01',
      termEnd: '2029-01-01',
      membersCount: 7,
    });
    expect(oc.status).toBe(201);
    expect(oc.body.chairPhone).toBe('13812345678'); // the secretary holds unit.revealContact
    expect(
      (await c.post('/api/organizations/owners-committees', { compoundId: compound.id, name: '第二个' })).status,
    ).toBe(409);
    const company = await c.post('/api/organizations/units', {
      kind: 'propertyCompany',
      name: '安居物业',
      territoryId: community.id,
      contactName: '钱经理',
      contactPhone: '13900001111',
    });
    expect(company.status).toBe(201);
    expect(company.body).toMatchObject({ isRedProperty: false, partyOrg: null, isNewOrganization: false });
    const firm = await c.post('/api/organizations/units', {
      kind: 'privateFirm',
      name: '商贸公司',
      territoryId: community.id,
    });
    const notProperty = await c.request('PUT', `/api/organizations/compounds/${compound.id}/property`, {
      unitId: firm.body.id,
    });
    expect(notProperty.status).toBe(400);
    expect(notProperty.body.fields[0].field).toBe('unitId');
    const linked = await c.request('PUT', `/api/organizations/compounds/${compound.id}/property`, {
      unitId: company.body.id,
    });
    expect(linked.status).toBe(200);
    expect(linked.body).toMatchObject({
      communityCommittee: { id: committee.body.id, kind: 'committee' },
      compoundBranch: { id: branch.body.id },
      ownersCommittee: { id: oc.body.id, membersCount: 7 },
      propertyCompany: { id: company.body.id, isRed: false, partyOrg: null },
      missing: [],
    });

    const red = await mkOrg(c, {
      kind: 'branch',
      territoryId: compound.id,
      parentId: committee.body.id,
      unitId: company.body.id,
      name: '安居物业党支部',
    });
    expect(red.status).toBe(201);
    four = await c.get(`/api/organizations/compounds/${compound.id}/four-party`);
    expect(four.body.propertyCompany).toMatchObject({ isRed: true, partyOrg: { id: red.body.id } });
    // the company's branch is not the compound's own branch
    expect(four.body.compoundBranch.id).toBe(branch.body.id);
    const reds = await c.get('/api/organizations/units?red=true');
    expect(reds.body.items.map((u: { id: number }) => u.id)).toEqual([company.body.id]);
    const plain = await c.get('/api/organizations/units?red=false');
    expect(plain.body.total).toBe(0);
    expect((await c.delete(`/api/organizations/units/${company.body.id}`)).status).toBe(409);

    const page = await c.get(`/api/organizations/compounds/${compound.id}`);
    expect(page.status).toBe(200);
    expect(page.body.buildings).toEqual([
      expect.objectContaining({
        id: f.streetA.communities[0]!.building.id,
        flagged: true,
        leadName: null,
        memberCount: 0,
      }),
    ]);
    expect(page.body.partyOrgs.map((o: { id: number }) => o.id).sort()).toEqual([branch.body.id, red.body.id].sort());
  });

  it('masks contact phones for viewers without the reveal permission', async () => {
    const grid = await t.as(['gridWorker'], community.id);
    const four = await grid.get(`/api/organizations/compounds/${compound.id}/four-party`);
    expect(four.body.ownersCommittee.chairPhone).toBe('138****5678');
    expect(four.body.propertyCompany.contactPhone).toBe('139****1111');
    const district = await t.as(['districtAdmin'], f.district.id);
    const units = await district.get(`/api/organizations/units?territoryId=${community.id}`);
    expect(units.body.items.find((u: { name: string }) => u.name === '安居物业').contactPhone).toBe('139****1111');
    // the audit log keeps phones masked too
    const [row] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'ownersCommittee.create'));
    expect(JSON.stringify(row!.after)).not.toContain('13812345678');
  });

  it('keeps residents groups at a community or compound and answers 404 outside', async () => {
    const ok = await c.post('/api/organizations/residents-groups', {
      territoryId: compound.id,
      name: '第一居民小组',
      leaderName: '孙丽',
      leaderPhone: '13700002222',
    });
    expect(ok.status).toBe(201);
    const bad = await c.post('/api/organizations/residents-groups', {
      territoryId: f.streetA.communities[0]!.building.id,
      name: 'x',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields[0].field).toBe('territoryId');
    expect(
      (
        await c.post('/api/organizations/residents-groups', {
          territoryId: f.streetB.communities[0]!.compound.id,
          name: 'x',
        })
      ).status,
    ).toBe(404);
    expect(
      (await c.get(`/api/organizations/compounds/${f.streetB.communities[0]!.compound.id}/four-party`)).status,
    ).toBe(404);
    expect((await c.get(`/api/organizations/compounds/${community.id}/four-party`)).status).toBe(404);
  });
});

describe('leadership teams 两委 and figures', () => {
  let f: Awaited<ReturnType<TestApp['factory']['tree']>>;
  let c: Client;
  beforeAll(async () => {
    f = await t.factory.tree();
    c = await t.as(['streetAdmin'], f.streetA.street.id);
    t.clock.set(new Date('2026-06-15T10:00:00+08:00'));
  });

  const add = (body: Record<string, unknown>) => c.post('/api/organizations/leadership/members', body);

  it('computes the figures from the records, checked against a hand count', async () => {
    const [k1, k2] = f.streetA.communities.map((x) => x.community.id);
    // community 1: secretary also director (一肩挑), aged 39 (birthday tomorrow) and 46
    expect(
      (
        await add({
          communityId: k1,
          name: '甲书记',
          partyPost: 'secretary',
          committeePost: 'director',
          birthDate: '1986-06-16',
          education: 'bachelor',
          gender: 'female',
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await add({
          communityId: k1,
          name: '甲委员',
          partyPost: 'member',
          committeePost: 'member',
          birthDate: '1980-01-01',
          education: 'highSchool',
          gender: 'male',
        })
      ).status,
    ).toBe(201);
    // community 2: secretary not director, aged 40 (by birth year), plus a director aged 30
    expect(
      (
        await add({
          communityId: k2,
          name: '乙书记',
          partyPost: 'secretary',
          committeePost: 'member',
          birthYear: 1986,
          education: 'postgraduate',
          gender: 'male',
        })
      ).status,
    ).toBe(201);
    const dir = await add({
      communityId: k2,
      name: '乙主任',
      committeePost: 'director',
      birthDate: '1996-01-20',
      education: 'associate',
      gender: 'female',
    });
    expect(dir.status).toBe(201);
    expect(dir.body).toMatchObject({ age: 30, dualRole: false });

    const fig = await c.get('/api/organizations/leadership/figures');
    expect(fig.status).toBe(200);
    expect(fig.body).toMatchObject({
      communities: 2,
      communitiesWithTeam: 2,
      communitiesWithSecretary: 2,
      dualRoleCommunities: 1,
      dualRoleRate: 0.5,
    });
    expect(fig.body.secretaries).toMatchObject({
      count: 2,
      averageAge: 39.5, // (39 + 40) / 2
      degreeRate: 1,
      educationMix: { postgraduate: 1, bachelor: 1, associate: 0, highSchool: 0, other: 0, unknown: 0 },
      female: 1,
    });
    expect(fig.body.members).toMatchObject({
      count: 4,
      averageAge: 38.8, // (39 + 46 + 40 + 30) / 4 = 38.75
      degreeRate: 0.75,
      ageBands: { under30: 0, from30to39: 2, from40to49: 2, from50to59: 0, from60: 0, unknown: 0 },
    });
    const one = await c.get(`/api/organizations/leadership/figures?territoryId=${k1}`);
    expect(one.body).toMatchObject({ communities: 1, dualRoleRate: 1, secretaries: { count: 1, averageAge: 39 } });
    // a day later the first secretary turns 40
    t.clock.set(new Date('2026-06-16T10:00:00+08:00'));
    expect((await c.get(`/api/organizations/leadership/figures?territoryId=${k1}`)).body.secretaries.averageAge).toBe(
      40,
    );
  });

  it('keeps one secretary and one director per community', async () => {
    const k1 = f.streetA.communities[0]!.community.id;
    const dup = await add({ communityId: k1, name: '第二书记', partyPost: 'secretary' });
    expect(dup.status).toBe(400);
    expect(dup.body.fields).toEqual([{ field: 'partyPost', message: '该社区已有书记（甲书记）' }]);
    const atCompound = await add({ communityId: f.streetA.communities[0]!.compound.id, name: 'x' });
    expect(atCompound.status).toBe(400);
    expect((await add({ communityId: f.streetB.communities[0]!.community.id, name: 'x' })).status).toBe(404);
  });
});

describe('candidate joint review 联审', () => {
  it('passes a candidate when every required department passes, fails on any fail, else pending', async () => {
    const c = await t.as(['communitySecretary'], a0().community.id);
    const el = await c.post('/api/organizations/elections', {
      communityId: a0().community.id,
      name: '2026年换届',
      heldOn: '2026-03-28',
    });
    expect(el.status).toBe(201);
    const cand = async (name: string) =>
      (await c.post(`/api/organizations/elections/${el.body.id}/candidates`, { name, postSought: 'member' })).body
        .id as number;
    const [p, q, r] = [await cand('甲'), await cand('乙'), await cand('丙')];
    const review = (id: number, department: string, outcome: string, note?: string) =>
      c.request('PUT', `/api/organizations/candidates/${id}/reviews`, {
        department,
        outcome,
        ...(note ? { note } : {}),
      });
    for (const d of ['organization', 'disciplineInspection', 'police']) {
      await review(p, d, 'pass');
      await review(q, d, 'pass');
    }
    const last = await review(p, 'civilAffairs', 'pass');
    expect(last.body.outcome).toBe('pass');
    expect((await review(q, 'civilAffairs', 'fail')).status).toBe(400); // a fail needs a note
    expect((await review(q, 'civilAffairs', 'fail', '有失信记录')).body.outcome).toBe('fail');
    await review(r, 'organization', 'pass');
    // a correction replaces the department's earlier review
    const corrected = await review(q, 'civilAffairs', 'pass');
    expect(corrected.body.outcome).toBe('pass');
    expect(corrected.body.reviews).toHaveLength(4);
    await review(q, 'police', 'fail', '有违法记录');
    const detail = await c.get(`/api/organizations/elections/${el.body.id}`);
    expect(detail.body.candidates.map((x: { name: string; outcome: string }) => [x.name, x.outcome])).toEqual([
      ['甲', 'pass'],
      ['乙', 'fail'],
      ['丙', 'pending'],
    ]);
    expect(detail.body).toMatchObject({ candidateCount: 3, passed: 1, failed: 1, pending: 1 });
    const audits = await t.db.select().from(auditLog).where(eq(auditLog.action, 'election.review'));
    expect(audits.length).toBeGreaterThanOrEqual(10);
    const outsider = await t.as(['communitySecretary'], b0().community.id);
    expect((await outsider.get(`/api/organizations/elections/${el.body.id}`)).status).toBe(404);
    expect(
      (
        await outsider.request('PUT', `/api/organizations/candidates/${p}/reviews`, {
          department: 'court',
          outcome: 'pass',
        })
      ).status,
    ).toBe(404);
  });
});
