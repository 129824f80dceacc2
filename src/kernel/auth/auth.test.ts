import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/app.js';
import { TEST_PASSWORD } from '../../test/factories.js';
import { accounts, auditLog, sessions } from '../db/schema.js';
import { totpCode } from './totp.js';

const MIN = 60_000;
let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;

beforeAll(async () => {
  t = await testApp();
  tree = await t.factory.tree();
});
afterAll(() => t.close());

const community = () => tree.streetA.communities[0]!.community.id;

describe('login', () => {
  it('signs in, sets an HttpOnly SameSite session cookie and answers who I am', async () => {
    const acc = await t.factory.account({ roles: ['communityStaff'], territoryId: community() });
    const c = t.client();
    const res = await c.login(acc.username, TEST_PASSWORD);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      username: acc.username,
      roles: ['communityStaff'],
      territory: { id: community() },
    });
    expect(res.body.permissions).toContain('territory.read');
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/gz_session=[^;]+;.*HttpOnly/);
    expect(setCookie).toMatch(/gz_session=[^;]+;.*SameSite=Lax/);
    expect((await c.get('/api/auth/me')).body.username).toBe(acc.username);
    const [row] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'auth.login'));
    expect(row).toMatchObject({ actorId: acc.id, objectType: 'account' });
  });

  it('marks the session cookie Secure behind HTTPS (trusted proxy)', async () => {
    const s = await testApp({ TRUST_PROXY: 'true' });
    try {
      const acc = await s.factory.account({ roles: ['resident'] });
      const c = s.client();
      await c.get('/api/auth/csrf');
      const res = await s.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: {
          'x-forwarded-proto': 'https',
          'x-csrf-token': c.cookies.get('gz_csrf')!,
          cookie: `gz_csrf=${c.cookies.get('gz_csrf')}`,
        },
        payload: { username: acc.username, password: TEST_PASSWORD },
      });
      expect(res.statusCode).toBe(200);
      expect(String(res.headers['set-cookie'])).toMatch(/gz_session=[^;]+;.*Secure/);
    } finally {
      await s.close();
      t = await testApp();
      tree = await t.factory.tree();
    }
  });

  it('gives the same generic answer for an unknown user and a wrong password, in the user language', async () => {
    const acc = await t.factory.account({ roles: ['resident'], territoryId: community() });
    const a = await t.client().login('nobody-here', 'whatever');
    const b = await t.client().login(acc.username, 'wrong-Password-1');
    expect(a.status).toBe(401);
    expect(b.status).toBe(401);
    expect(a.body.code).toBe('auth.invalidCredentials');
    expect(b.body).toMatchObject({ code: a.body.code, message: a.body.message });
    expect(a.body.message).toBe('用户名或密码错误');
    expect((await t.client('en-US').login('nobody', 'x')).body.message).toBe('Wrong username or password');
  });

  it('locks the account after 5 wrong passwords for 30 minutes, with the same message even for the right password', async () => {
    const acc = await t.factory.account({ roles: ['resident'], territoryId: community() });
    const c = t.client();
    for (let i = 0; i < 5; i++) expect((await c.login(acc.username, `Wrong-${i}-pass`)).status).toBe(401);
    const locked = await c.login(acc.username, TEST_PASSWORD);
    expect(locked.status).toBe(401);
    expect(locked.body.code).toBe('auth.invalidCredentials');
    t.clock.advance(29 * MIN);
    expect((await c.login(acc.username, TEST_PASSWORD)).status).toBe(401);
    t.clock.advance(2 * MIN);
    expect((await c.login(acc.username, TEST_PASSWORD)).status).toBe(200);
    const actions = (
      await t.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.objectId, String(acc.id)))
    ).map((r) => r.action);
    expect(actions).toContain('auth.locked');
    expect(actions).toContain('auth.loginRefused');
  });

  it('resets the failure count after a good sign-in', async () => {
    const acc = await t.factory.account({ roles: ['resident'], territoryId: community() });
    const c = t.client();
    for (let i = 0; i < 4; i++) await c.login(acc.username, 'Wrong-pass-1');
    expect((await c.login(acc.username, TEST_PASSWORD)).status).toBe(200);
    for (let i = 0; i < 4; i++) await c.login(acc.username, 'Wrong-pass-1');
    expect((await c.login(acc.username, TEST_PASSWORD)).status).toBe(200);
  });

  it('refuses a disabled account with the generic message', async () => {
    const acc = await t.factory.account({ roles: ['resident'], territoryId: community() });
    await t.db.update(accounts).set({ disabled: true }).where(eq(accounts.id, acc.id));
    const res = await t.client().login(acc.username, TEST_PASSWORD);
    expect(res).toMatchObject({ status: 401, body: { code: 'auth.invalidCredentials' } });
  });
});

describe('sessions', () => {
  it('ends after 30 idle minutes', async () => {
    const c = await t.as(['communityStaff'], community());
    t.clock.advance(29 * MIN);
    expect((await c.get('/api/auth/me')).status).toBe(200);
    t.clock.advance(31 * MIN);
    const res = await c.get('/api/auth/me');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('auth.required');
  });

  it('ends after 12 hours even when active', async () => {
    const c = await t.as(['communityStaff'], community());
    for (let i = 0; i < 35; i++) {
      t.clock.advance(20 * MIN);
      expect((await c.get('/api/auth/me')).status).toBe(200);
    }
    t.clock.advance(20 * MIN); // 12 h 0 min
    expect((await c.get('/api/auth/me')).status).toBe(401);
  });

  it('logout ends the session on the server: the old cookie no longer works', async () => {
    const c = await t.as(['communityStaff'], community());
    const token = c.cookies.get('gz_session')!;
    expect((await c.post('/api/auth/logout')).status).toBe(204);
    const replay = t.client();
    replay.cookies.set('gz_session', token);
    expect((await replay.get('/api/auth/me')).status).toBe(401);
    const [left] = await t.db.select().from(sessions).where(eq(sessions.accountId, c.account.id));
    expect(left).toBeUndefined();
  });

  it('applies a role or scope change on the next request', async () => {
    const c = await t.as(['communityStaff'], community());
    expect((await c.get(`/api/territories/${community()}`)).status).toBe(200);
    await t.db
      .update(accounts)
      .set({ roles: ['resident'] })
      .where(eq(accounts.id, c.account.id));
    expect((await c.get(`/api/territories/${community()}`)).status).toBe(403);
    await t.db
      .update(accounts)
      .set({ roles: ['communityStaff'], territoryId: tree.streetB.street.id })
      .where(eq(accounts.id, c.account.id));
    expect((await c.get(`/api/territories/${community()}`)).status).toBe(404);
  });
});

describe('CSRF', () => {
  it('refuses a state-changing request without the token, with a wrong one, and accepts the right one', async () => {
    const c = await t.as(['communityStaff'], community());
    const body = { parentId: community(), level: 'compound', name: '新小区' };
    const none = await c.request('POST', '/api/territories', body, { csrf: false });
    expect(none).toMatchObject({ status: 403, body: { code: 'auth.csrf' } });
    const wrong = await c.request('POST', '/api/territories', body, { csrf: 'x'.repeat(32) });
    expect(wrong).toMatchObject({ status: 403, body: { code: 'auth.csrf' } });
    expect((await c.post('/api/territories', body)).status).toBe(201);
  });

  it('protects the login form too', async () => {
    const acc = await t.factory.account({ roles: ['resident'], territoryId: community() });
    const res = await t
      .client()
      .request('POST', '/api/auth/login', { username: acc.username, password: TEST_PASSWORD }, { csrf: false });
    expect(res.body.code).toBe('auth.csrf');
  });
});

describe('passwords', () => {
  it('enforces the policy with a message per field, in the user language', async () => {
    const c = await t.as(['communityStaff'], community());
    const short = await c.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Ab1!' });
    expect(short).toMatchObject({
      status: 400,
      body: { code: 'auth.passwordPolicy', fields: [{ field: 'newPassword', message: '密码至少 8 位' }] },
    });
    const weak = await c.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'abcdefghij' });
    expect(weak.body.fields[0].message).toMatch(/至少 3 类/);
    c.lang = 'en-US';
    c.cookies.set('gz_lang', 'en-US');
    const wrong = await c.post('/api/auth/password', { currentPassword: 'nope', newPassword: 'Good-pass-123' });
    expect(wrong.body.fields).toEqual([{ field: 'currentPassword', message: 'The current password is wrong' }]);
    expect(
      (await c.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Good-pass-123' })).status,
    ).toBe(204);
    expect((await t.client().login(c.account.username, 'Good-pass-123')).status).toBe(200);
  });

  it('follows a configured policy', async () => {
    const s = await testApp({ PASSWORD_MIN_LENGTH: '12', PASSWORD_MIN_CLASSES: '4' });
    try {
      const root = await s.factory.territory(null, 'country');
      const c = await s.as(['communityStaff'], root.id);
      const res = await c.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Abcdefgh1234' });
      expect(res.body.fields[0].message).toMatch(/至少 4 类/);
      expect(
        (await c.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Abcdefgh123!' })).status,
      ).toBe(204);
    } finally {
      await s.close();
      t = await testApp();
      tree = await t.factory.tree();
    }
  });

  it('forces a change of a password an admin set, before anything else', async () => {
    const acc = await t.factory.account({
      roles: ['communityStaff'],
      territoryId: community(),
      mustChangePassword: true,
    });
    const c = t.client();
    const me = await c.login(acc.username, TEST_PASSWORD);
    expect(me.body.mustChangePassword).toBe(true);
    const blocked = await c.get(`/api/territories/${community()}`);
    expect(blocked).toMatchObject({ status: 403, body: { code: 'auth.passwordChangeRequired' } });
    expect(
      (await c.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'New-pass-2026' })).status,
    ).toBe(204);
    expect((await c.get(`/api/territories/${community()}`)).status).toBe(200);
  });
});

describe('TOTP second factor', () => {
  it('enrols, then requires the code at sign-in', async () => {
    const c = await t.as(['communityStaff'], community());
    const setup = await c.post('/api/auth/totp/setup');
    expect(setup.status).toBe(200);
    const { secret, otpauthUrl } = setup.body;
    expect(otpauthUrl).toContain(`secret=${secret}`);
    expect(
      (
        await c.post('/api/auth/totp/enable', {
          code: '000000' === totpCode(secret, t.clock.now()) ? '111111' : '000000',
        })
      ).status,
    ).toBe(401);
    expect((await c.post('/api/auth/totp/enable', { code: totpCode(secret, t.clock.now()) })).status).toBe(204);

    const d = t.client();
    const noCode = await d.login(c.account.username, TEST_PASSWORD);
    expect(noCode).toMatchObject({ status: 401, body: { code: 'auth.totpRequired' } });
    expect(d.cookies.has('gz_session')).toBe(false);
    const bad = await d.login(
      c.account.username,
      TEST_PASSWORD,
      totpCode(secret, new Date(t.clock.now().getTime() - 10 * MIN)),
    );
    expect(bad).toMatchObject({ status: 401, body: { code: 'auth.totpInvalid' } });
    // The code that enabled TOTP is spent: the next step's code signs in.
    t.clock.advance(30_000);
    expect((await d.login(c.account.username, TEST_PASSWORD, totpCode(secret, t.clock.now()))).status).toBe(200);
  });

  it('accepts a code once: a replay within its window is refused (issue 18, point 3)', async () => {
    const c = await t.as(['communityStaff'], community());
    const { secret } = (await c.post('/api/auth/totp/setup')).body;
    expect((await c.post('/api/auth/totp/enable', { code: totpCode(secret, t.clock.now()) })).status).toBe(204);
    t.clock.advance(30_000);
    const code = totpCode(secret, t.clock.now());
    expect((await t.client().login(c.account.username, TEST_PASSWORD, code)).status).toBe(200);
    const replay = await t.client().login(c.account.username, TEST_PASSWORD, code);
    expect(replay).toMatchObject({ status: 401, body: { code: 'auth.totpInvalid' } });
    // Nor does an earlier step's code (still inside the drift window) work after a later one was used.
    t.clock.advance(30_000);
    const later = totpCode(secret, t.clock.now());
    expect((await t.client().login(c.account.username, TEST_PASSWORD, later)).status).toBe(200);
    const earlier = totpCode(secret, new Date(t.clock.now().getTime() - 30_000));
    expect((await t.client().login(c.account.username, TEST_PASSWORD, earlier)).status).toBe(401);
    const [row] = await t.db.select().from(accounts).where(eq(accounts.id, c.account.id));
    expect(row!.totpLastStep).toBe(Math.floor(t.clock.now().getTime() / 30_000));
    // The refused code counts as a failed sign-in (towards the lockout).
    expect(row!.failedLogins).toBe(1);
  });

  it('is required for admin roles when configured', async () => {
    const s = await testApp({ MFA_REQUIRED_FOR_ADMINS: 'true' });
    try {
      const root = await s.factory.territory(null, 'country');
      const c = await s.as(['sysAdmin'], root.id);
      expect((await c.get('/api/auth/me')).body.totpRequired).toBe(true);
      expect((await c.get('/api/accounts')).body.code).toBe('forbidden');
      const { secret } = (await c.post('/api/auth/totp/setup')).body;
      expect((await c.post('/api/auth/totp/enable', { code: totpCode(secret, s.clock.now()) })).status).toBe(204);
      expect((await c.get('/api/accounts')).status).toBe(200);
      const staff = await s.as(['communityStaff'], root.id);
      expect((await staff.get('/api/auth/me')).body.totpRequired).toBe(false);
    } finally {
      await s.close();
      t = await testApp();
      tree = await t.factory.tree();
    }
  });
});
