import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/app.js';
import { partyOrgs } from './schema.js';

/** Issue 10 item 11: a party organisation whose name no longer fits its kind (a 总支 still named a 支部) is flagged. */
let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
beforeAll(async () => {
  t = await testApp();
  tree = await t.factory.tree();
});
afterAll(() => t.close());

describe('the nameMismatch flag', () => {
  it('flags a general branch named a branch (and a branch named a 总支), not a name that fits, inside the scope only', async () => {
    const a = tree.streetA.communities[0]!.community;
    const b = tree.streetB.communities[0]!.community;
    const org = (territory: typeof a, kind: 'generalBranch' | 'branch' | 'committee', name: string) => ({
      kind,
      name,
      territoryId: territory.id,
      scopePath: territory.path,
    });
    const rows = await t.db
      .insert(partyOrgs)
      .values([
        org(a, 'generalBranch', '文亭巷社区党支部'),
        org(a, 'branch', '文亭巷社区第二党总支'),
        org(a, 'generalBranch', '文亭巷社区党总支'),
        org(a, 'committee', '文亭巷社区党委'),
        org(a, 'branch', '幸福小区党支部'),
        org(b, 'generalBranch', '别处社区党支部'),
      ])
      .returning({ id: partyOrgs.id, name: partyOrgs.name });
    const admin = await t.as(['streetAdmin'], tree.streetA.street.id);
    const res = await admin.get('/api/organizations/flags?pageSize=50&kind=nameMismatch');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.counts.nameMismatch).toBe(2);
    expect(res.body.total).toBe(2);
    const byName = new Map(rows.map((r) => [r.name, r.id]));
    expect(res.body.items.map((f: { org: { id: number } }) => f.org.id).sort()).toEqual(
      [byName.get('文亭巷社区党支部'), byName.get('文亭巷社区第二党总支')].sort(),
    );
    const flag = res.body.items.find((f: { org: { id: number } }) => f.org.id === byName.get('文亭巷社区党支部'));
    expect(flag).toMatchObject({
      kind: 'nameMismatch',
      message: '「文亭巷社区党支部」的名称与其组织类别（党总支）不符，请更正名称或类别',
      link: { route: 'partyOrg', id: byName.get('文亭巷社区党支部') },
    });
    // Renamed to fit, the flag goes.
    await t.db
      .update(partyOrgs)
      .set({ name: '文亭巷社区党总支部' })
      .where(eq(partyOrgs.id, byName.get('文亭巷社区党支部')!));
    const after = await admin.get('/api/organizations/flags?pageSize=50&kind=nameMismatch');
    expect(after.body.counts.nameMismatch).toBe(1);
  });
});
