import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/app.js';

// Issue 10 point 14: a district department 区直部门 (区政府办, seed 002) is a unit at the district.
let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;

beforeAll(async () => {
  t = await testApp();
  tree = await t.factory.tree();
});
afterAll(() => t.close());

describe('units at district level', () => {
  it('a district admin registers a 区直部门 at the district; community and street accounts do not see it', async () => {
    const district = await t.as(['districtAdmin'], tree.district.id);
    const made = await district.post('/api/organizations/units', {
      kind: 'agency',
      name: '城西区人民政府办公室',
      territoryId: tree.district.id,
    });
    expect(made.status).toBe(201);
    expect(made.body.territory).toMatchObject({ id: tree.district.id, level: 'district' });

    const listed = await district.get(`/api/organizations/units?territoryId=${tree.district.id}&q=政府办公室`);
    expect(listed.body.items.map((u: { id: number }) => u.id)).toEqual([made.body.id]);

    const community = await t.as(['communitySecretary'], tree.streetA.communities[0]!.community.id);
    const seen = await community.get('/api/organizations/units?pageSize=200');
    expect(seen.status).toBe(200);
    expect(seen.body.items.map((u: { id: number }) => u.id)).not.toContain(made.body.id);
    expect((await community.get(`/api/organizations/units/${made.body.id}`)).status).toBe(404);
    const street = await t.as(['streetAdmin'], tree.streetA.street.id);
    expect(
      (await street.get('/api/organizations/units?pageSize=200')).body.items.map((u: { id: number }) => u.id),
    ).not.toContain(made.body.id);
  });

  it('a community account cannot place a unit at the district above it', async () => {
    const community = await t.as(['communitySecretary'], tree.streetA.communities[0]!.community.id);
    const res = await community.post('/api/organizations/units', {
      kind: 'agency',
      name: '越权单位',
      territoryId: tree.district.id,
    });
    expect(res.status).toBe(404);
  });

  it('a city node is still not a place for a unit', async () => {
    const admin = await t.as(['cityAdmin'], tree.city.id);
    const res = await admin.post('/api/organizations/units', {
      kind: 'agency',
      name: '市级单位',
      territoryId: tree.city.id,
    });
    expect(res.status === 400 || res.status === 403).toBe(true);
  });
});
