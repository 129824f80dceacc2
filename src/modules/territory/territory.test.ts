import { asc, count, eq, gt, max } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, territories } from '../../kernel/db/schema.js';
import { testApp, type TestApp } from '../../test/app.js';
import type { Client } from '../../test/http.js';

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;

beforeAll(async () => {
  t = await testApp();
  tree = await t.factory.tree();
});
afterAll(() => t.close());

const streetA = () => tree.streetA.street;
const communityA = () => tree.streetA.communities[0]!.community;
const compoundA = () => tree.streetA.communities[0]!.compound;
const communityB = () => tree.streetB.communities[0]!.community;

async function lastAuditId(): Promise<number> {
  const [row] = await t.db.select({ m: max(auditLog.id) }).from(auditLog);
  return row?.m ?? 0;
}

/** Runs a request and returns its answer with the audit rows it left. */
async function withAudit<T>(run: () => Promise<T>) {
  const since = await lastAuditId();
  const res = await run();
  const rows = await t.db.select().from(auditLog).where(gt(auditLog.id, since)).orderBy(asc(auditLog.id));
  return { res, rows };
}

async function countTerritories() {
  const [row] = await t.db.select({ n: count() }).from(territories);
  return row!.n;
}

describe('listing a subtree', () => {
  let staff: Client;
  beforeAll(async () => {
    staff = await t.as(['communityStaff'], streetA().id);
  });

  it('pages through the nodes of my street only, with total, page and pageSize', async () => {
    const first = await staff.get('/api/territories?pageSize=4');
    expect(first.status).toBe(200);
    // street A itself + 2 communities × (community, compound, building, household)
    expect(first.body).toMatchObject({ total: 9, page: 1, pageSize: 4 });
    expect(first.body.items).toHaveLength(4);
    const last = await staff.get('/api/territories?pageSize=4&page=3');
    expect(last.body).toMatchObject({ total: 9, page: 3, pageSize: 4 });
    expect(last.body.items).toHaveLength(1);
    const all = await staff.get('/api/territories?pageSize=200');
    const ids = all.body.items.map((n: { id: number }) => n.id);
    expect(new Set(ids).size).toBe(9);
    for (const n of all.body.items) expect(n.path.startsWith(streetA().path)).toBe(true);
    expect(ids).not.toContain(tree.streetB.street.id);
    expect(ids).not.toContain(tree.district.id);
  });

  it('uses the default page size when none is given', async () => {
    const res = await staff.get('/api/territories');
    expect(res.body).toMatchObject({ page: 1, pageSize: 20, total: 9 });
  });

  it('filters by parent, level and name, still inside the subtree', async () => {
    const children = await staff.get(`/api/territories?parentId=${streetA().id}`);
    expect(children.body.total).toBe(2);
    expect(children.body.items.map((n: { name: string }) => n.name).sort()).toEqual(['甲街道一社区', '甲街道二社区']);

    const buildings = await staff.get('/api/territories?level=building');
    expect(buildings.body.total).toBe(2);
    for (const n of buildings.body.items) expect(n).toMatchObject({ level: 'building', name: '1号楼' });

    const named = await staff.get(`/api/territories?q=${encodeURIComponent('二社区')}`);
    expect(named.body.items.map((n: { name: string }) => n.name).sort()).toEqual(['甲街道二社区', '甲街道二社区小区']);

    // Street B has the same building names: none of them shows up.
    const byName = await staff.get(`/api/territories?q=${encodeURIComponent('1号楼')}`);
    expect(byName.body.total).toBe(2);
    for (const n of byName.body.items) expect(n.path.startsWith(streetA().path)).toBe(true);
  });

  it('shows nothing under a parent outside the subtree', async () => {
    const res = await staff.get(`/api/territories?parentId=${tree.streetB.street.id}`);
    expect(res.body).toMatchObject({ total: 0, items: [] });
    const wild = await staff.get(`/api/territories?q=${encodeURIComponent('%')}`);
    expect(wild.body.total).toBe(0); // `%` is a character to find, not a wildcard
  });

  it('tells the number of children of each node', async () => {
    const res = await staff.get(`/api/territories?parentId=${streetA().id}`);
    for (const n of res.body.items) expect(n.childCount).toBe(1);
  });

  it('gives the account its own node as the root', async () => {
    const res = await staff.get('/api/territories/roots');
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({ id: streetA().id, name: '甲街道', level: 'street', childCount: 2 });
  });
});

describe('one node', () => {
  it('comes with its ancestors for the breadcrumb, root first', async () => {
    const staff = await t.as(['communityStaff'], streetA().id);
    const household = tree.streetA.communities[0]!.household;
    const res = await staff.get(`/api/territories/${household.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: household.id, name: '101室', level: 'household', depth: 8 });
    expect(res.body.ancestors.map((a: { name: string }) => a.name)).toEqual([
      '中国',
      '青海省',
      '西宁市',
      '城西区',
      '甲街道',
      '甲街道一社区',
      '甲街道一社区小区',
      '1号楼',
    ]);
    expect(res.body.ancestors.map((a: { level: string }) => a.level)).toEqual([
      'country',
      'province',
      'city',
      'district',
      'street',
      'community',
      'compound',
      'building',
    ]);
  });

  it('has no ancestors at the root', async () => {
    const staff = await t.as(['communityStaff'], tree.country.id);
    const res = await staff.get(`/api/territories/${tree.country.id}`);
    expect(res.body).toMatchObject({ ancestors: [], depth: 0, parentId: null, path: `/${tree.country.id}/` });
  });
});

describe('adding a node', () => {
  it('adds a compound under a community, computes path and depth, and audits it', async () => {
    const staff = await t.as(['communityStaff'], communityA().id);
    const { res, rows } = await withAudit(() =>
      staff.post('/api/territories', {
        parentId: communityA().id,
        level: 'compound',
        name: '  新建小区  ',
        divisionCode: null,
      }),
    );
    expect(res.status).toBe(201);
    const created = res.body;
    expect(created).toMatchObject({
      parentId: communityA().id,
      level: 'compound',
      name: '新建小区',
      divisionCode: null,
      path: `${communityA().path}${created.id}/`,
      depth: communityA().depth + 1,
      childCount: 0,
    });
    expect((await staff.get(`/api/territories/${created.id}`)).body.name).toBe('新建小区');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actorId: staff.account.id,
      actorName: staff.account.displayName,
      actorRoles: ['communityStaff'],
      action: 'territory.create',
      objectType: 'territory',
      objectId: String(created.id),
      scopePath: created.path,
      ip: '127.0.0.1',
      before: null,
    });
    expect(rows[0]!.requestId).toMatch(/^[\w-]{8,}$/);
    expect(rows[0]!.after).toMatchObject({ id: created.id, name: '新建小区', level: 'compound' });
  });

  it('refuses a level that does not fit under the parent, naming the allowed one in the user language', async () => {
    const staff = await t.as(['communityStaff'], communityA().id);
    const before = await countTerritories();
    const { res, rows } = await withAudit(() =>
      staff.post('/api/territories', { parentId: communityA().id, level: 'building', name: '1号楼' }),
    );
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'validation', message: '提交的内容有误，请检查标出的字段' });
    expect(res.body.fields).toEqual([{ field: 'level', message: '下级层级只能是：小区/院落' }]);
    expect(rows).toHaveLength(0);
    expect(await countTerritories()).toBe(before);

    staff.cookies.set('gz_lang', 'en-US');
    const en = await staff.post('/api/territories', { parentId: communityA().id, level: 'building', name: '1号楼' });
    expect(en.status).toBe(400);
    expect(en.body.message).toBe('Some fields are not valid; please check them');
    expect(en.body.fields).toEqual([{ field: 'level', message: 'The child level must be: Compound' }]);
  });

  it('refuses anything under a household', async () => {
    const staff = await t.as(['communityStaff'], communityA().id);
    const household = tree.streetA.communities[0]!.household;
    const res = await staff.post('/api/territories', { parentId: household.id, level: 'household', name: '102室' });
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual([{ field: 'level', message: '该层级下不能再添加下级' }]);
  });

  it('lets a city hold streets directly (a city without districts), and districts, but not communities', async () => {
    const admin = await t.as(['cityAdmin'], tree.city.id);
    const street = await admin.post('/api/territories', { parentId: tree.city.id, level: 'street', name: '直管街道' });
    expect(street.status).toBe(201);
    expect(street.body).toMatchObject({
      level: 'street',
      depth: tree.city.depth + 1,
      path: `${tree.city.path}${street.body.id}/`,
    });
    const district = await admin.post('/api/territories', { parentId: tree.city.id, level: 'district', name: '新区' });
    expect(district.status).toBe(201);
    const community = await admin.post('/api/territories', {
      parentId: tree.city.id,
      level: 'community',
      name: '越级社区',
    });
    expect(community.status).toBe(400);
    expect(community.body.fields).toEqual([{ field: 'level', message: '下级层级只能是：区县、街道/乡镇' }]);
    const underDistrict = await admin.post('/api/territories', {
      parentId: district.body.id,
      level: 'community',
      name: '越级社区',
    });
    expect(underDistrict.status).toBe(400);
  });

  it('answers 409, not 500, for a division code that is already used, and writes nothing', async () => {
    const admin = await t.as(['streetAdmin'], streetA().id);
    const first = await admin.post('/api/territories', {
      parentId: streetA().id,
      level: 'community',
      name: '编码社区',
      divisionCode: '630104006099',
    });
    expect(first.status).toBe(201);
    expect(first.body.divisionCode).toBe('630104006099');
    const before = await countTerritories();
    const { res, rows } = await withAudit(() =>
      admin.post('/api/territories', {
        parentId: streetA().id,
        level: 'community',
        name: '重复社区',
        divisionCode: '630104006099',
      }),
    );
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('conflict');
    expect(res.body.message).toBe('已存在相同的记录（如行政区划代码或用户名重复）');
    expect(rows).toHaveLength(0);
    expect(await countTerritories()).toBe(before);
  });

  it('validates the body with a message per field', async () => {
    const staff = await t.as(['communityStaff'], communityA().id);
    const res = await staff.post('/api/territories', {
      parentId: communityA().id,
      level: 'village',
      name: '',
      divisionCode: '12ab',
    });
    expect(res.status).toBe(400);
    expect(res.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['divisionCode', 'level', 'name']);
  });

  it('is refused to roles without the permission', async () => {
    const member = await t.as(['partyMember'], communityA().id);
    const res = await member.post('/api/territories', {
      parentId: communityA().id,
      level: 'compound',
      name: '党员小区',
    });
    expect(res).toMatchObject({ status: 403, body: { code: 'forbidden' } });
  });
});

describe('changing a node', () => {
  it('renames it and audits the name before and after', async () => {
    const staff = await t.as(['communityStaff'], communityA().id);
    const node = await t.factory.territory(communityA().id, 'compound', '旧名小区');
    const { res, rows } = await withAudit(() =>
      staff.patch(`/api/territories/${node.id}`, { name: '新名小区', sortOrder: 3 }),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: node.id, name: '新名小区', sortOrder: 3, path: node.path });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actorId: staff.account.id,
      action: 'territory.update',
      objectType: 'territory',
      objectId: String(node.id),
      scopePath: node.path,
      ip: '127.0.0.1',
    });
    expect(rows[0]!.requestId).toBeTruthy();
    expect(rows[0]!.before).toMatchObject({ name: '旧名小区', sortOrder: 0 });
    expect(rows[0]!.after).toMatchObject({ name: '新名小区', sortOrder: 3 });
  });

  it('refuses a division code that another node has with 409', async () => {
    const staff = await t.as(['communityStaff'], communityA().id);
    const a = await staff.post('/api/territories', {
      parentId: communityA().id,
      level: 'compound',
      name: '甲',
      divisionCode: '630104006098',
    });
    expect(a.status).toBe(201);
    const b = await t.factory.territory(communityA().id, 'compound', '乙');
    const res = await staff.patch(`/api/territories/${b.id}`, { divisionCode: a.body.divisionCode });
    expect(res).toMatchObject({ status: 409, body: { code: 'conflict' } });
    const [row] = await t.db.select().from(territories).where(eq(territories.id, b.id));
    expect(row!.divisionCode).toBeNull();
  });

  it('refuses to move a node (parentId is not a field you may change)', async () => {
    const staff = await t.as(['communityStaff'], communityA().id);
    const res = await staff.patch(`/api/territories/${compoundA().id}`, {
      parentId: tree.streetA.communities[1]!.community.id,
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation');
    const [row] = await t.db.select().from(territories).where(eq(territories.id, compoundA().id));
    expect(row!.parentId).toBe(communityA().id);
  });
});

describe('deleting a node', () => {
  it('deletes a leaf and audits what it was', async () => {
    const secretary = await t.as(['communitySecretary'], communityA().id);
    const leaf = await t.factory.territory(compoundA().id, 'building', '待删楼');
    const { res, rows } = await withAudit(() => secretary.delete(`/api/territories/${leaf.id}`));
    expect(res.status).toBe(204);
    expect((await secretary.get(`/api/territories/${leaf.id}`)).status).toBe(404);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actorId: secretary.account.id,
      action: 'territory.delete',
      objectType: 'territory',
      objectId: String(leaf.id),
      scopePath: leaf.path,
      ip: '127.0.0.1',
      after: null,
    });
    expect(rows[0]!.requestId).toBeTruthy();
    expect(rows[0]!.before).toMatchObject({ id: leaf.id, name: '待删楼' });
  });

  it('refuses a node with children, saying how many', async () => {
    const secretary = await t.as(['communitySecretary'], communityA().id);
    const parent = await t.factory.territory(communityA().id, 'compound', '有楼小区');
    await t.factory.territory(parent.id, 'building', '1号楼');
    await t.factory.territory(parent.id, 'building', '2号楼');
    const { res, rows } = await withAudit(() => secretary.delete(`/api/territories/${parent.id}`));
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'conflict', message: '该区域下还有 2 个下级，不能删除' });
    expect(rows).toHaveLength(0);
    secretary.cookies.set('gz_lang', 'en-US');
    expect((await secretary.delete(`/api/territories/${parent.id}`)).body.message).toBe(
      'It still has 2 child nodes and cannot be deleted',
    );
  });

  it("refuses the account's own node", async () => {
    const leaf = await t.factory.territory(compoundA().id, 'building', '本人楼');
    const admin = await t.as(['streetAdmin'], leaf.id);
    const res = await admin.delete(`/api/territories/${leaf.id}`);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'conflict', message: '不能删除本账号所属的区域' });
    expect((await admin.get(`/api/territories/${leaf.id}`)).status).toBe(200);
  });

  it('refuses a node that accounts are bound to, with 409', async () => {
    const secretary = await t.as(['communitySecretary'], communityA().id);
    const leaf = await t.factory.territory(compoundA().id, 'building', '有人楼');
    await t.factory.account({ roles: ['resident'], territoryId: leaf.id });
    const { res, rows } = await withAudit(() => secretary.delete(`/api/territories/${leaf.id}`));
    expect(res).toMatchObject({ status: 409, body: { code: 'conflict' } });
    expect(rows).toHaveLength(0);
    expect((await secretary.get(`/api/territories/${leaf.id}`)).status).toBe(200);
  });

  it('is refused to community staff (no delete permission)', async () => {
    const staff = await t.as(['communityStaff'], communityA().id);
    const leaf = await t.factory.territory(compoundA().id, 'building', '员工楼');
    expect((await staff.delete(`/api/territories/${leaf.id}`)).status).toBe(403);
  });
});

describe('a node outside the subtree', () => {
  it('does not exist for GET, PATCH, DELETE or as a parent, and nothing is written', async () => {
    const admin = await t.as(['streetAdmin'], streetA().id);
    const outside = await t.factory.territory(communityB().id, 'compound', '乙小区');
    const territoriesBefore = await countTerritories();
    const { rows } = await withAudit(async () => {
      const get = await admin.get(`/api/territories/${outside.id}`);
      expect(get).toMatchObject({ status: 404, body: { code: 'notFound', message: '记录不存在' } });
      expect(JSON.stringify(get.body)).not.toContain('乙小区');
      expect((await admin.get(`/api/territories/${tree.district.id}`)).status).toBe(404); // an ancestor is outside too
      expect((await admin.patch(`/api/territories/${outside.id}`, { name: '改名' })).body.code).toBe('notFound');
      expect((await admin.delete(`/api/territories/${outside.id}`)).body.code).toBe('notFound');
      const post = await admin.post('/api/territories', {
        parentId: communityB().id,
        level: 'compound',
        name: '渗透小区',
      });
      expect(post).toMatchObject({ status: 404, body: { code: 'notFound' } });
      // The same answer as for an id that does not exist at all.
      const none = await admin.get('/api/territories/2147483000');
      expect(none.status).toBe(404);
      expect(none.body.message).toBe(get.body.message);
    });
    // Nothing is changed; each refusal itself is recorded (issue 18: refused requests are audited).
    expect(rows.filter((r) => r.action !== 'request.refused')).toHaveLength(0);
    expect(rows.filter((r) => r.action === 'request.refused').length).toBeGreaterThan(0);
    expect(await countTerritories()).toBe(territoriesBefore);
    const [row] = await t.db.select().from(territories).where(eq(territories.id, outside.id));
    expect(row!.name).toBe('乙小区');
  });
});
