import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, auditLog } from '../../kernel/db/schema.js';
import { testApp, type TestApp } from '../../test/app.js';
import type { Client } from '../../test/http.js';
import { notifications } from '../notifications/schema.js';
import { accountGrants } from './schema.js';

/**
 * Four eyes on wide power (issue 18 point 1): the takeover a lone security admin could do — grant itself or an
 * account it knows cityAdmin, reset that account's password, sign in and read residents — is refused end to end.
 */
let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
let sec: Client & { account: { id: number } };
let sys: Client & { account: { id: number } };

beforeAll(async () => {
  t = await testApp();
  tree = await t.factory.tree();
  sec = await t.as(['securityAdmin'], tree.city.id);
  sys = await t.as(['sysAdmin'], tree.city.id);
});
afterAll(() => t.close());

const community = () => tree.streetA.communities[0]!.community;

async function rolesOf(id: number) {
  const [row] = await t.db.select().from(accounts).where(eq(accounts.id, id));
  return row!;
}

describe('four-eyes grants', () => {
  it('the takeover attempt of a lone security admin is refused end to end over HTTP', async () => {
    // 1. grant itself city-wide power: refused outright
    expect((await sec.patch(`/api/accounts/${sec.account.id}`, { roles: ['cityAdmin'] })).status).toBe(403);
    // 2. grant an ordinary account (one it could sign in as) cityAdmin: only a pending request
    const pawn = await t.factory.account({ roles: ['communityStaff'], territoryId: community().id });
    const asked = await sec.patch(`/api/accounts/${pawn.id}`, { roles: ['cityAdmin'], territoryId: tree.city.id });
    expect(asked.status).toBe(202);
    expect(asked.body.pending).toMatchObject({ kind: 'grant', state: 'pending', roles: ['cityAdmin'] });
    expect(await rolesOf(pawn.id)).toMatchObject({ roles: ['communityStaff'], territoryId: community().id });
    // 3. approve its own request: refused; the request stays pending
    const grantId = asked.body.pending.id as number;
    const own = await sec.post(`/api/accounts/grants/${grantId}/approve`);
    expect(own.status).toBe(403);
    expect(own.body.message).toBe('不能审批自己提出的申请');
    // 4. reset the password of the real city admin: only a pending request, the old password still works
    const city = await t.factory.account({
      roles: ['cityAdmin'],
      territoryId: tree.city.id,
      password: 'City-pass-2026',
    });
    const reset = await sec.post(`/api/accounts/${city.id}/reset-password`, { password: 'Taken-over-2026' });
    expect(reset.status).toBe(202);
    expect(reset.body.pending).toMatchObject({ kind: 'resetPassword', state: 'pending' });
    expect(JSON.stringify(reset.body)).not.toContain('Taken');
    // 5. sign in as the city admin with the password it chose: refused
    expect((await t.client().login(city.username, 'Taken-over-2026')).status).toBe(401);
    expect((await t.client().login(city.username, 'City-pass-2026')).status).toBe(200);
    // 6. and the pawn, its password reset (allowed: not elevated yet), signs in without city power
    expect((await sec.post(`/api/accounts/${pawn.id}/reset-password`, { password: 'Pawn-pass-2026' })).status).toBe(
      204,
    );
    const asPawn = t.client();
    expect((await asPawn.login(pawn.username, 'Pawn-pass-2026')).status).toBe(200);
    expect((await asPawn.get('/api/people/residents')).status).toBe(403); // must change the password first
    // 7. the owners heard of it, and it is all in the audit log
    const told = await t.db.select().from(notifications).where(eq(notifications.accountId, city.id));
    expect(told.map((n) => n.kind)).toContain('account.grantRequested');
    const trail = await t.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.actorId, sec.account.id));
    expect(trail.map((r) => r.action)).toEqual(
      expect.arrayContaining(['account.grantRequested', 'account.resetRequested', 'request.refused']),
    );
  });

  it('a second admin approves: the change is made, the owner told, sessions ended; the stale request refused', async () => {
    const acc = await t.factory.account({ roles: ['communityStaff'], territoryId: community().id });
    const asked = await sec.patch(`/api/accounts/${acc.id}`, {
      roles: ['streetAdmin'],
      territoryId: tree.streetA.street.id,
    });
    expect(asked.status).toBe(202);
    // one pending request per account and kind
    expect((await sec.patch(`/api/accounts/${acc.id}`, { roles: ['districtAdmin'] })).status).toBe(409);
    const list = await sys.get('/api/accounts/grants?state=pending');
    expect(list.body.items.map((g: { id: number }) => g.id)).toContain(asked.body.pending.id);
    const ok = await sys.post(`/api/accounts/grants/${asked.body.pending.id}/approve`);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ state: 'approved', decidedBy: { id: sys.account.id } });
    expect(await rolesOf(acc.id)).toMatchObject({ roles: ['streetAdmin'], territoryId: tree.streetA.street.id });
    expect((await sys.post(`/api/accounts/grants/${asked.body.pending.id}/approve`)).status).toBe(409);
    const told = await t.db.select().from(notifications).where(eq(notifications.accountId, acc.id));
    expect(told.map((n) => n.kind)).toEqual(expect.arrayContaining(['account.grantRequested', 'account.rolesChanged']));
    const [approved] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'account.grantApproved'), eq(auditLog.objectId, String(acc.id))));
    expect(approved).toMatchObject({ actorId: sys.account.id });

    // a request made stale by another change is refused
    const other = await t.factory.account({ roles: ['gridWorker'], territoryId: community().id });
    const stale = await sec.patch(`/api/accounts/${other.id}`, { roles: ['streetAdmin'] });
    expect(stale.status).toBe(202);
    await t.db
      .update(accounts)
      .set({ roles: ['communityStaff'] })
      .where(eq(accounts.id, other.id));
    expect((await sys.post(`/api/accounts/grants/${stale.body.pending.id}/approve`)).status).toBe(409);
    // rejecting changes nothing
    const rejected = await sys.post(`/api/accounts/grants/${stale.body.pending.id}/reject`);
    expect(rejected.body.state).toBe('rejected');
    expect(await rolesOf(other.id)).toMatchObject({ roles: ['communityStaff'] });
  });

  it('an approved reset gives a one-time password that must be changed', async () => {
    const admin = await t.factory.account({ roles: ['districtAdmin'], territoryId: tree.district.id });
    const asked = await sec.post(`/api/accounts/${admin.id}/reset-password`, { password: 'Reset-pass-2026' });
    expect(asked.status).toBe(202);
    expect((await sys.post(`/api/accounts/grants/${asked.body.pending.id}/approve`)).status).toBe(200);
    const [g] = await t.db.select().from(accountGrants).where(eq(accountGrants.id, asked.body.pending.id));
    expect(g!.passwordHash).toBeNull();
    const first = t.client();
    const signedIn = await first.login(admin.username, 'Reset-pass-2026');
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.mustChangePassword).toBe(true);
    // spent: a second sign-in with it is refused, the first session may still change it
    expect((await t.client().login(admin.username, 'Reset-pass-2026')).status).toBe(401);
    const changed = await first.post('/api/auth/password', {
      currentPassword: 'Reset-pass-2026',
      newPassword: 'Own-choice-2026x',
    });
    expect(changed.status).toBe(204);
    expect((await t.client().login(admin.username, 'Own-choice-2026x')).status).toBe(200);
  });

  it('the database refuses an approval by the requester or an owner asking for itself', async () => {
    const acc = await t.factory.account({ roles: [], territoryId: community().id });
    const base = {
      kind: 'grant' as const,
      accountId: acc.id,
      roles: ['cityAdmin'],
      territoryId: tree.city.id,
      beforeRoles: [],
      beforeTerritoryId: community().id,
      scopePath: community().path,
    };
    await expect(t.db.insert(accountGrants).values({ ...base, requestedBy: acc.id })).rejects.toThrow();
    await expect(
      t.db
        .insert(accountGrants)
        .values({ ...base, requestedBy: sec.account.id, state: 'approved', decidedBy: sec.account.id }),
    ).rejects.toThrow();
  });
});
