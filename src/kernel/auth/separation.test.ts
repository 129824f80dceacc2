import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/app.js';
import { accounts } from '../db/schema.js';

/** 三员分立 held by the database itself, not only by the service (issue 18, point 1). */
let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('separation of duties in the database', () => {
  it('refuses two admin roles, or an admin role with a data role, on one account, whoever writes', async () => {
    const city = (await t.factory.tree()).city.id;
    const sec = await t.factory.account({ roles: ['securityAdmin'], territoryId: city });
    for (const roles of [
      ['securityAdmin', 'cityAdmin'],
      ['securityAdmin', 'sysAdmin'],
      ['auditAdmin', 'resident'],
      ['sysAdmin', 'securityAdmin', 'auditAdmin'],
    ]) {
      await expect(t.db.update(accounts).set({ roles }).where(eq(accounts.id, sec.id))).rejects.toThrow();
    }
    await expect(
      t.database.query(
        `insert into accounts (username, display_name, password_hash, roles, territory_id) values ('x', 'x', 'x', '{auditAdmin,cityAdmin}', $1)`,
        [city],
      ),
    ).rejects.toThrow(/separated duties/);
    // One admin role alone, or data roles together, are fine.
    await t.db
      .update(accounts)
      .set({ roles: ['auditAdmin'] })
      .where(eq(accounts.id, sec.id));
    await t.db
      .update(accounts)
      .set({ roles: ['cityAdmin', 'partyMember'] })
      .where(eq(accounts.id, sec.id));
  });

  it('refuses the takeover of the issue: a security admin granting itself cityAdmin', async () => {
    const city = (await t.factory.tree()).city.id;
    const sec = await t.as(['securityAdmin'], city);
    const res = await sec.patch(`/api/accounts/${sec.account.id}`, { roles: ['securityAdmin', 'cityAdmin'] });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    const self = await sec.patch(`/api/accounts/${sec.account.id}`, { roles: ['cityAdmin'] });
    expect(self.status).toBe(403);
    const [row] = await t.db.select().from(accounts).where(eq(accounts.id, sec.account.id));
    expect(row!.roles).toEqual(['securityAdmin']);
  });
});
