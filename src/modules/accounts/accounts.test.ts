import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, auditLog, sessions } from '../../kernel/db/schema.js';
import { testApp, type TestApp } from '../../test/app.js';
import { TEST_PASSWORD } from '../../test/factories.js';
import type { Client } from '../../test/http.js';

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
let sys: Client & { account: { id: number } };
let sec: Client & { account: { id: number } };
let aud: Client & { account: { id: number } };

const INITIAL = 'Init-pass-2026';
let n = 0;
const uname = (prefix = 'acc') => `${prefix}${++n}_${Math.random().toString(36).slice(2, 6)}`;

beforeAll(async () => {
  t = await testApp();
  tree = await t.factory.tree();
  sys = await t.as(['sysAdmin'], tree.district.id);
  sec = await t.as(['securityAdmin'], tree.district.id);
  aud = await t.as(['auditAdmin'], tree.district.id);
});
afterAll(() => t.close());

const communityA = () => tree.streetA.communities[0]!.community;

/** The system admin creates a bare account; it has no roles until the security admin grants them. */
async function created(territoryId = communityA().id) {
  const username = uname();
  const res = await sys.post('/api/accounts', { username, displayName: '新同事', password: INITIAL, territoryId });
  expect(res.status).toBe(201);
  return { ...(res.body as { id: number; username: string }), username };
}

describe('三员分立: separated admin duties', () => {
  it('the system admin creates an account without roles; it must change the password at first sign-in', async () => {
    const username = uname();
    const res = await sys.post('/api/accounts', {
      username,
      displayName: '王小明',
      password: INITIAL,
      territoryId: communityA().id,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      username,
      displayName: '王小明',
      roles: [],
      territory: { id: communityA().id, name: '甲街道一社区', level: 'community' },
      disabled: false,
      locked: false,
      mustChangePassword: true,
      lastLoginAt: null,
    });
    expect(res.body).not.toHaveProperty('passwordHash');
    const [row] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'account.create'), eq(auditLog.objectId, String(res.body.id))));
    expect(row).toMatchObject({ actorId: sys.account.id, objectType: 'account', scopePath: communityA().path });
    expect(JSON.stringify(row!.after)).not.toContain(INITIAL);
  });

  it('the system admin cannot give roles, not even at creation', async () => {
    const username = uname();
    const res = await sys.post('/api/accounts', {
      username,
      displayName: '越权',
      password: INITIAL,
      territoryId: communityA().id,
      roles: ['communityStaff'],
    });
    expect(res).toMatchObject({ status: 403, body: { code: 'forbidden', message: '角色须由安全管理员分配' } });
    expect(await t.db.select().from(accounts).where(eq(accounts.username, username))).toHaveLength(0);
    const acc = await created();
    expect((await sys.patch(`/api/accounts/${acc.id}`, { roles: ['communityStaff'] })).status).toBe(403);
    expect((await sys.patch(`/api/accounts/${acc.id}`, { territoryId: tree.streetB.street.id })).status).toBe(403);
    expect((await sys.post(`/api/accounts/${acc.id}/unlock`)).status).toBe(403);
    expect((await sys.post(`/api/accounts/${acc.id}/reset-password`, { password: 'Other-pass-2026' })).status).toBe(
      403,
    );
  });

  it('the security admin grants roles and moves the account, but neither creates nor renames accounts', async () => {
    const acc = await created();
    const granted = await sec.patch(`/api/accounts/${acc.id}`, {
      roles: ['communityStaff', 'gridWorker'],
      territoryId: tree.streetA.street.id,
    });
    expect(granted.status).toBe(200);
    expect(granted.body).toMatchObject({
      roles: ['communityStaff', 'gridWorker'],
      territory: { id: tree.streetA.street.id, level: 'street' },
    });
    const [row] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'account.update'), eq(auditLog.objectId, String(acc.id))));
    expect(row).toMatchObject({ actorId: sec.account.id, scopePath: tree.streetA.street.path });
    expect(row!.before).toMatchObject({ roles: [] });
    expect(row!.after).toMatchObject({ roles: ['communityStaff', 'gridWorker'] });

    expect(
      (
        await sec.post('/api/accounts', {
          username: uname(),
          displayName: 'x',
          password: INITIAL,
          territoryId: communityA().id,
        })
      ).status,
    ).toBe(403);
    expect((await sec.patch(`/api/accounts/${acc.id}`, { displayName: '改名' })).status).toBe(403);
    expect((await sec.patch(`/api/accounts/${acc.id}`, { disabled: true })).status).toBe(403);
  });

  it('the audit admin reads the audit log and nothing else', async () => {
    expect((await aud.get('/api/audit')).status).toBe(200);
    expect((await aud.get('/api/accounts')).status).toBe(403);
    expect(
      (
        await aud.post('/api/accounts', {
          username: uname(),
          displayName: 'x',
          password: INITIAL,
          territoryId: communityA().id,
        })
      ).status,
    ).toBe(403);
    expect((await aud.get(`/api/territories/${communityA().id}`)).status).toBe(403);
    expect((await sys.get('/api/audit')).status).toBe(403);
    expect((await sec.get('/api/audit')).status).toBe(403);
    const me = await aud.get('/api/auth/me');
    expect(me.body.permissions).toEqual(['audit.read']);
  });

  it('no account holds two admin roles, or an admin role with a business role', async () => {
    const acc = await created();
    const two = await sec.patch(`/api/accounts/${acc.id}`, { roles: ['sysAdmin', 'auditAdmin'] });
    expect(two).toMatchObject({ status: 400, body: { code: 'validation' } });
    expect(two.body.fields).toEqual([
      { field: 'roles', message: '系统管理员、安全管理员、审计管理员须由不同账号担任（三员分立）' },
    ]);
    const mixed = await sec.patch(`/api/accounts/${acc.id}`, { roles: ['auditAdmin', 'communityStaff'] });
    expect(mixed.status).toBe(400);
    expect(mixed.body.fields).toEqual([{ field: 'roles', message: '管理员角色不能与业务角色兼任' }]);
    sec.cookies.set('gz_lang', 'en-US');
    const en = await sec.patch(`/api/accounts/${acc.id}`, { roles: ['securityAdmin', 'sysAdmin'] });
    sec.cookies.delete('gz_lang');
    expect(en.body.fields).toEqual([
      { field: 'roles', message: 'System, security and audit admin must be three different accounts' },
    ]);
    const [row] = await t.db.select().from(accounts).where(eq(accounts.id, acc.id));
    expect(row!.roles).toEqual([]);
    // one admin role alone is fine
    expect((await sec.patch(`/api/accounts/${acc.id}`, { roles: ['auditAdmin'] })).status).toBe(202); // and it waits for a second admin (four eyes)
  });

  it('refuses unknown roles', async () => {
    const acc = await created();
    const res = await sec.patch(`/api/accounts/${acc.id}`, { roles: ['superuser'] });
    expect(res.status).toBe(400);
    expect(res.body.fields[0].field).toMatch(/^roles/);
  });

  it('nobody changes their own roles or node, or disables themselves', async () => {
    const own = await sec.patch(`/api/accounts/${sec.account.id}`, { roles: ['securityAdmin'] });
    expect(own).toMatchObject({
      status: 403,
      body: { code: 'forbidden', message: '不能修改自己账号的角色、所属区域或停用自己' },
    });
    expect((await sec.patch(`/api/accounts/${sec.account.id}`, { territoryId: tree.country.id })).status).toBe(403);
    expect((await sec.patch(`/api/accounts/${sec.account.id}`, { territoryId: tree.streetA.street.id })).status).toBe(
      403,
    );
    expect((await sys.patch(`/api/accounts/${sys.account.id}`, { disabled: true })).status).toBe(403);
    const [row] = await t.db.select().from(accounts).where(eq(accounts.id, sec.account.id));
    expect(row).toMatchObject({ roles: ['securityAdmin'], territoryId: tree.district.id });
    // renaming oneself is fine
    expect((await sys.patch(`/api/accounts/${sys.account.id}`, { displayName: '系统管理员' })).status).toBe(200);
  });
});

describe('first sign-in of a created account', () => {
  it('is blocked with auth.passwordChangeRequired until the password is changed', async () => {
    const acc = await created();
    await sec.patch(`/api/accounts/${acc.id}`, { roles: ['communityStaff'] });
    const c = t.client();
    const me = await c.login(acc.username, INITIAL);
    expect(me.status).toBe(200);
    expect(me.body.mustChangePassword).toBe(true);
    const blocked = await c.get(`/api/territories/${communityA().id}`);
    expect(blocked).toMatchObject({
      status: 403,
      body: { code: 'auth.passwordChangeRequired', message: '请先修改初始密码' },
    });
    expect((await c.get('/api/territories')).status).toBe(403);
    expect(
      (await c.post('/api/auth/password', { currentPassword: INITIAL, newPassword: 'Own-choice-2026' })).status,
    ).toBe(204);
    expect((await c.get(`/api/territories/${communityA().id}`)).status).toBe(200);
    expect((await c.get('/api/auth/me')).body.mustChangePassword).toBe(false);
  });
});

describe('password policy', () => {
  it('applies to the password an admin sets at creation', async () => {
    const username = uname();
    const res = await sys.post('/api/accounts', {
      username,
      displayName: '弱密码',
      password: 'abc',
      territoryId: communityA().id,
    });
    expect(res).toMatchObject({ status: 400, body: { code: 'auth.passwordPolicy', message: '密码不符合要求' } });
    expect(res.body.fields).toEqual([{ field: 'password', message: '密码至少 8 位' }]);
    const weak = await sys.post('/api/accounts', {
      username,
      displayName: '弱密码',
      password: 'abcdefghijk',
      territoryId: communityA().id,
    });
    expect(weak.body.fields).toEqual([
      { field: 'password', message: '密码须包含大写字母、小写字母、数字、符号中的至少 3 类' },
    ]);
    const withName = await sys.post('/api/accounts', {
      username,
      displayName: '弱密码',
      password: `${username}-X1`,
      territoryId: communityA().id,
    });
    expect(withName.body).toMatchObject({
      code: 'auth.passwordPolicy',
      fields: [{ field: 'password', message: '密码不能包含用户名' }],
    });
    expect(await t.db.select().from(accounts).where(eq(accounts.username, username))).toHaveLength(0);
  });

  it('applies to a reset password too', async () => {
    const acc = await created();
    const res = await sec.post(`/api/accounts/${acc.id}/reset-password`, { password: 'short' });
    expect(res).toMatchObject({ status: 400, body: { code: 'auth.passwordPolicy', fields: [{ field: 'password' }] } });
  });

  it('refuses a username that is already taken, whatever its case, with 409', async () => {
    const acc = await created();
    const res = await sys.post('/api/accounts', {
      username: acc.username.toUpperCase(),
      displayName: '重名',
      password: INITIAL,
      territoryId: communityA().id,
    });
    expect(res).toMatchObject({ status: 409, body: { code: 'conflict' } });
  });
});

describe('security admin chores', () => {
  it('reset-password ends the sessions of the account and forces a change', async () => {
    const acc = await t.factory.account({ roles: ['communityStaff'], territoryId: communityA().id });
    const c = t.client();
    expect((await c.login(acc.username, TEST_PASSWORD)).status).toBe(200);
    expect((await c.get('/api/auth/me')).status).toBe(200);
    const res = await sec.post(`/api/accounts/${acc.id}/reset-password`, { password: 'Reset-pass-2026' });
    expect(res.status).toBe(204);
    expect((await c.get('/api/auth/me')).status).toBe(401);
    expect(await t.db.select().from(sessions).where(eq(sessions.accountId, acc.id))).toHaveLength(0);
    expect((await t.client().login(acc.username, TEST_PASSWORD)).status).toBe(401);
    const d = t.client();
    const me = await d.login(acc.username, 'Reset-pass-2026');
    expect(me.status).toBe(200);
    expect(me.body.mustChangePassword).toBe(true);
    expect((await d.get(`/api/territories/${communityA().id}`)).body.code).toBe('auth.passwordChangeRequired');
    const [row] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'account.resetPassword'), eq(auditLog.objectId, String(acc.id))));
    expect(row).toMatchObject({ actorId: sec.account.id, after: { mustChangePassword: true } });
    expect(JSON.stringify(row)).not.toContain('Reset-pass-2026');
  });

  it('unlock lifts a lockout after 5 wrong passwords', async () => {
    const acc = await t.factory.account({ roles: ['communityStaff'], territoryId: communityA().id });
    const c = t.client();
    for (let i = 0; i < 5; i++) expect((await c.login(acc.username, `Wrong-${i}-pass`)).status).toBe(401);
    expect((await c.login(acc.username, TEST_PASSWORD)).status).toBe(401);
    const listed = await sec.get(`/api/accounts?q=${acc.username}`);
    expect(listed.body.items).toEqual([expect.objectContaining({ id: acc.id, locked: true })]);
    expect((await sec.post(`/api/accounts/${acc.id}/unlock`)).status).toBe(204);
    expect((await sec.get(`/api/accounts?q=${acc.username}`)).body.items[0].locked).toBe(false);
    expect((await c.login(acc.username, TEST_PASSWORD)).status).toBe(200);
    const [row] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'account.unlock'), eq(auditLog.objectId, String(acc.id))));
    expect(row).toMatchObject({ actorId: sec.account.id, before: { locked: true }, after: { locked: false } });
  });

  it('disabling an account ends its sessions and refuses its sign-in', async () => {
    const acc = await t.factory.account({ roles: ['communityStaff'], territoryId: communityA().id });
    const c = t.client();
    await c.login(acc.username, TEST_PASSWORD);
    expect((await c.get('/api/auth/me')).status).toBe(200);
    const res = await sys.patch(`/api/accounts/${acc.id}`, { disabled: true });
    expect(res).toMatchObject({ status: 200, body: { disabled: true } });
    expect((await c.get('/api/auth/me')).status).toBe(401);
    expect(await t.db.select().from(sessions).where(eq(sessions.accountId, acc.id))).toHaveLength(0);
    expect((await t.client().login(acc.username, TEST_PASSWORD)).body.code).toBe('auth.invalidCredentials');
    expect((await sys.patch(`/api/accounts/${acc.id}`, { disabled: false })).status).toBe(200);
    expect((await t.client().login(acc.username, TEST_PASSWORD)).status).toBe(200);
  });
});

describe('scope of the account list', () => {
  let inA: { id: number; username: string };
  let inB: { id: number; username: string };
  let sysA: Client;
  let secA: Client;

  beforeAll(async () => {
    inA = await t.factory.account({
      roles: ['communityStaff'],
      territoryId: communityA().id,
      username: uname('scopeA'),
    });
    inB = await t.factory.account({
      roles: ['communityStaff'],
      territoryId: tree.streetB.communities[0]!.community.id,
      username: uname('scopeB'),
    });
    sysA = await t.as(['sysAdmin'], tree.streetA.street.id);
    secA = await t.as(['securityAdmin'], tree.streetA.street.id);
  });

  it('an admin bound to street A never sees accounts of street B', async () => {
    for (const admin of [sysA, secA]) {
      const res = await admin.get('/api/accounts?pageSize=200');
      expect(res.status).toBe(200);
      const ids = res.body.items.map((a: { id: number }) => a.id);
      expect(ids).toContain(inA.id);
      expect(ids).not.toContain(inB.id);
      expect(ids).not.toContain(sys.account.id); // bound to the district, above street A
      expect(res.body.total).toBe(res.body.items.length);
      const named = await admin.get(`/api/accounts?q=${inB.username}`);
      expect(named.body).toMatchObject({ total: 0, items: [] });
    }
    const all = await sec.get('/api/accounts?pageSize=200');
    expect(all.body.items.map((a: { id: number }) => a.id)).toEqual(expect.arrayContaining([inA.id, inB.id]));
  });

  it('filters by role and pages', async () => {
    const staff = await sec.get('/api/accounts?role=communityStaff&pageSize=1');
    expect(staff.body.items).toHaveLength(1);
    expect(staff.body.pageSize).toBe(1);
    expect(staff.body.total).toBeGreaterThanOrEqual(2);
    for (const a of (await sec.get('/api/accounts?role=securityAdmin&pageSize=200')).body.items)
      expect(a.roles).toContain('securityAdmin');
  });

  it('an account of street B does not exist for an admin of street A', async () => {
    const patch = await sysA.patch(`/api/accounts/${inB.id}`, { displayName: '改名' });
    expect(patch).toMatchObject({ status: 404, body: { code: 'notFound' } });
    expect((await secA.patch(`/api/accounts/${inB.id}`, { roles: ['gridWorker'] })).status).toBe(404);
    expect((await secA.post(`/api/accounts/${inB.id}/unlock`)).status).toBe(404);
    expect((await secA.post(`/api/accounts/${inB.id}/reset-password`, { password: 'Reset-pass-2026' })).status).toBe(
      404,
    );
    // no single-account GET route exists: it answers 404 too
    expect((await secA.get(`/api/accounts/${inB.id}`)).status).toBe(404);
    const [row] = await t.db.select().from(accounts).where(eq(accounts.id, inB.id));
    expect(row).toMatchObject({
      displayName: expect.stringMatching(/^测试用户/),
      roles: ['communityStaff'],
      mustChangePassword: false,
    });
    expect(
      await t.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.objectType, 'account'), eq(auditLog.objectId, String(inB.id)))),
    ).toHaveLength(0);
  });

  it('an admin of street A can neither create nor move an account into street B', async () => {
    const res = await sysA.post('/api/accounts', {
      username: uname(),
      displayName: '外街',
      password: INITIAL,
      territoryId: tree.streetB.street.id,
    });
    expect(res.status).toBe(404);
    const moved = await secA.patch(`/api/accounts/${inA.id}`, { territoryId: tree.streetB.street.id });
    expect(moved.status).toBe(404);
    const [row] = await t.db.select().from(accounts).where(eq(accounts.id, inA.id));
    expect(row!.territoryId).toBe(communityA().id);
  });
});
