import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encryptPii, hashPii } from '../../kernel/crypto/pii.js';
import { accounts, auditLog } from '../../kernel/db/schema.js';
import { testApp, type TestApp } from '../../test/app.js';
import { type Client } from '../../test/http.js';
import { residents } from '../people/schema.js';
import { CONSENT_VERSION } from './constants.js';
import { signupRequests } from './schema.js';
import { capturingSmsGateway, setSmsGateway } from './sms.js';

type Tree = Awaited<ReturnType<TestApp['factory']['tree']>>;
let t: TestApp;
let tree: Tree;
const sms = capturingSmsGateway();
const PASSWORD = 'Resident-2026';
let n = 0;
/** A fresh valid mobile number per call. */
const newPhone = () => `139${String(10_000_000 + ++n * 7919).slice(-8)}`;

beforeAll(async () => {
  t = await testApp();
  setSmsGateway(sms);
  tree = await t.factory.tree();
});
afterAll(async () => {
  setSmsGateway(null);
  await t.close();
});

async function codeFor(c: Client, phone: string) {
  const res = await c.post('/api/signup/code', { phone });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return sms.lastCode(phone)!;
}

/** Phone → code → verify → household: the whole public flow; answers the request and a signed-in client. */
async function signUp(phone: string, householdId: number, name = '新居民') {
  const c = t.client();
  const code = await codeFor(c, phone);
  const v = await c.post('/api/signup/verify', { phone, code, password: PASSWORD, name, consent: true });
  expect(v.status, JSON.stringify(v.body)).toBe(200);
  const done = await c.post('/api/signup/complete', { ticket: v.body.ticket, phone, householdId });
  expect(done.status, JSON.stringify(done.body)).toBe(201);
  const login = await c.login(phone, PASSWORD);
  expect(login.status).toBe(200);
  return { c, request: done.body, me: login.body };
}

describe('one-time code', () => {
  it('sends a 6-digit code through the gateway and keeps only hashes', async () => {
    const phone = newPhone();
    const code = await codeFor(t.client(), phone);
    expect(code).toMatch(/^\d{6}$/);
    expect(sms.sent.at(-1)!.text).toContain('5 分钟');
  });

  it('refuses a wrong code, counts tries, and locks the code after five', async () => {
    const phone = newPhone();
    const c = t.client('en-US');
    const code = await codeFor(c, phone);
    const wrong = code === '000000' ? '111111' : '000000';
    const first = await c.post('/api/signup/verify', {
      phone,
      code: wrong,
      password: PASSWORD,
      name: 'A',
      consent: true,
    });
    expect(first.status).toBe(400);
    expect(first.body.fields[0]).toEqual({ field: 'code', message: 'Wrong code; 4 tries left' });
    for (let i = 0; i < 4; i++)
      await c.post('/api/signup/verify', { phone, code: wrong, password: PASSWORD, name: 'A', consent: true });
    const right = await c.post('/api/signup/verify', { phone, code, password: PASSWORD, name: 'A', consent: true });
    expect(right.status).toBe(400);
    expect(right.body.fields[0].message).toBe('Too many wrong tries; ask for a new code');
  });

  it('expires after five minutes (manual clock)', async () => {
    const phone = newPhone();
    const c = t.client();
    const code = await codeFor(c, phone);
    t.clock.advance(5 * 60_000 + 1000);
    const res = await c.post('/api/signup/verify', { phone, code, password: PASSWORD, name: 'A', consent: true });
    expect(res.status).toBe(400);
    expect(res.body.fields[0].message).toBe('验证码已失效，请重新获取');
  });

  it('limits sends per phone: one a minute, five an hour, with clear messages', async () => {
    const phone = newPhone();
    const c = t.client();
    await codeFor(c, phone);
    const soon = await c.post('/api/signup/code', { phone });
    expect(soon.status).toBe(429);
    expect(soon.body.message).toBe('验证码发送过于频繁，请 60 秒后再试');
    const en = await t.client('en-US').post('/api/signup/code', { phone });
    expect(en.body.message).toBe('A code was just sent; try again in 60 s');
    for (let i = 0; i < 4; i++) {
      t.clock.advance(61_000);
      await codeFor(c, phone);
    }
    t.clock.advance(61_000);
    const hour = await c.post('/api/signup/code', { phone });
    expect(hour.status).toBe(429);
    expect(hour.body.message).toMatch(/^该手机号本小时获取验证码已达 5 次，请 \d+ 分钟后再试$/);
    t.clock.advance(60 * 60_000);
    await codeFor(c, phone);
  });

  it('limits sends per IP: thirty an hour', async () => {
    const c = t.client('en-US');
    await c.get('/api/auth/csrf');
    const send = (phone: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/signup/code',
        remoteAddress: '10.9.8.7',
        headers: {
          cookie: `gz_csrf=${c.cookies.get('gz_csrf')}`,
          'x-csrf-token': c.cookies.get('gz_csrf')!,
          'accept-language': 'en-US',
        },
        payload: { phone },
      });
    for (let i = 0; i < 30; i++) expect((await send(newPhone())).statusCode).toBe(200);
    const res = await send(newPhone());
    expect(res.statusCode).toBe(429);
    expect(res.json().message).toMatch(/^Too many codes from this network; try again in \d+ min$/);
  });

  it('rejects a malformed phone and a registered one (after the code proves ownership)', async () => {
    expect((await t.client().post('/api/signup/code', { phone: '12345' })).status).toBe(400);
    const acc = await t.factory.account({
      username: newPhone(),
      territoryId: tree.streetA.communities[0]!.household.id,
    });
    const c = t.client();
    const code = await codeFor(c, acc.username);
    const res = await c.post('/api/signup/verify', {
      phone: acc.username,
      code,
      password: PASSWORD,
      name: 'A',
      consent: true,
    });
    expect(res.status).toBe(409);
    expect(res.body.message).toBe('该手机号已注册，请直接登录');
  });

  it('applies the password policy', async () => {
    const phone = newPhone();
    const c = t.client();
    const code = await codeFor(c, phone);
    const res = await c.post('/api/signup/verify', { phone, code, password: 'short', name: 'A', consent: true });
    expect(res.status).toBe(400);
    expect(res.body.fields[0].field).toBe('password');
  });
});

describe('consent to the privacy notice and user agreement (issue 10 point 21)', () => {
  it('refuses sign-up without consent, with a message on the consent field', async () => {
    const phone = newPhone();
    const c = t.client();
    const code = await codeFor(c, phone);
    const missing = await c.post('/api/signup/verify', { phone, code, password: PASSWORD, name: 'A' });
    expect(missing.status).toBe(400);
    expect(missing.body.fields).toEqual([{ field: 'consent', message: '请阅读并同意《用户协议》和《隐私政策》' }]);
    const no = await t
      .client('en-US')
      .post('/api/signup/verify', { phone, code, password: PASSWORD, name: 'A', consent: false });
    expect(no.status).toBe(400);
    expect(no.body.fields).toEqual([
      { field: 'consent', message: 'Please read and agree to the user agreement and the privacy notice' },
    ]);
    // nothing was used up: the code still works once consent is given
    const yes = await c.post('/api/signup/verify', { phone, code, password: PASSWORD, name: 'A', consent: true });
    expect(yes.status).toBe(200);
  });

  it('stores the version and time of consent with the sign-up record and shows it to the resident', async () => {
    const at = t.clock.now();
    const { c, request } = await signUp(newPhone(), tree.streetA.communities[0]!.household.id, '同意者');
    expect(request.consent).toEqual({ version: CONSENT_VERSION, at: at.toISOString() });
    const [row] = await t.db.select().from(signupRequests).where(eq(signupRequests.id, request.id));
    expect(row).toMatchObject({ consentVersion: CONSENT_VERSION, consentAt: at });
    expect((await c.get('/api/signup/me')).body.signup.consent).toEqual({
      version: CONSENT_VERSION,
      at: at.toISOString(),
    });
  });
});

describe('choosing the household (public lookups, names only)', () => {
  it('finds a community by name and walks down to households', async () => {
    const c = t.client();
    const found = await c.get(`/api/signup/communities?q=${encodeURIComponent('甲街道一')}`);
    expect(found.status).toBe(200);
    const hit = found.body.items.find((x: { id: number }) => x.id === tree.streetA.communities[0]!.community.id);
    expect(hit).toEqual({
      id: tree.streetA.communities[0]!.community.id,
      name: '甲街道一社区',
      level: 'community',
      area: '城西区 甲街道',
    });
    const compounds = await c.get(`/api/signup/places/${hit.id}/children`);
    expect(compounds.body.items).toEqual([
      { id: tree.streetA.communities[0]!.compound.id, name: '甲街道一社区小区', level: 'compound' },
    ]);
    const hh = tree.streetA.communities[0]!.household;
    expect((await c.get(`/api/signup/places/${hh.id}/children`)).status).toBe(400);
    expect((await c.get(`/api/signup/places/${tree.streetA.street.id}/children`)).status).toBe(400);
    expect((await c.get('/api/signup/places/99999999/children')).status).toBe(404);
  });
});

describe('matching the register', () => {
  it('links at once when the phone matches a resident of the household', async () => {
    const hh = tree.streetA.communities[0]!.household;
    const phone = newPhone();
    const [res] = await t.db
      .insert(residents)
      .values({
        name: '张桂兰',
        householdId: hh.id,
        scopePath: hh.path,
        phoneEnc: encryptPii('phone', phone),
        phoneHash: hashPii('phone', phone),
      })
      .returning();
    const { c, request, me } = await signUp(phone, hh.id, '张桂兰');
    expect(request.status).toBe('linked');
    expect(request.household.address).toContain('101室');
    expect(me.roles).toEqual(['resident']);
    expect(me.territory.id).toBe(hh.id);
    const [row] = await t.db.select().from(residents).where(eq(residents.id, res!.id));
    expect(row!.accountId).toBe(me.id);
    const mine = await c.get('/api/people/me');
    expect(mine.status).toBe(200);
    expect(mine.body.resident.id).toBe(res!.id);
    expect((await c.get('/api/signup/me')).body.signup.status).toBe('linked');
    const [entry] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'signup.create'), eq(auditLog.objectId, String(me.id))));
    expect(entry!.after).toMatchObject({ status: 'linked', phone: `${phone.slice(0, 3)}****${phone.slice(-4)}` });
    // The ticket is used once.
    expect(
      (await t.client().post('/api/signup/complete', { ticket: 'x'.repeat(32), phone, householdId: hh.id })).status,
    ).toBe(400);
  });

  it('no match → pending → staff of that community confirm → resident sees only their household', async () => {
    const home = tree.streetA.communities[1]!;
    const other = tree.streetA.communities[0]!.household;
    const phone = newPhone();
    const { c, request, me } = await signUp(phone, home.household.id, '李建国');
    expect(request.status).toBe('pending');
    expect(me.roles).toEqual([]);
    expect((await c.get('/api/people/me')).status).toBe(403);

    // Staff of another street do not see it; staff of the community do.
    const outsider = await t.as(['communityStaff'], tree.streetB.communities[0]!.community.id);
    expect((await outsider.get('/api/signup/requests')).body.total).toBe(0);
    expect((await outsider.post(`/api/signup/requests/${request.id}/confirm`)).status).toBe(404);
    const staff = await t.as(['communityStaff'], home.community.id);
    const list = await staff.get('/api/signup/requests?status=pending');
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({
      id: request.id,
      name: '李建国',
      phone: `${phone.slice(0, 3)}****${phone.slice(-4)}`,
      status: 'pending',
    });
    const ok = await staff.post(`/api/signup/requests/${request.id}/confirm`);
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('confirmed');
    expect((await staff.post(`/api/signup/requests/${request.id}/confirm`)).status).toBe(409);

    // Signs in again (roles are read afresh anyway) and sees their own record and household only.
    const again = t.client();
    const login = await again.login(phone, PASSWORD);
    expect(login.body.roles).toEqual(['resident']);
    const mine = await again.get('/api/people/me');
    expect(mine.status).toBe(200);
    expect(mine.body.resident.name).toBe('李建国');
    expect(mine.body.household.id).toBe(home.household.id);
    expect((await again.get(`/api/people/households/${home.household.id}`)).status).toBe(200);
    expect((await again.get(`/api/people/households/${other.id}`)).status).toBe(404);
    expect((await again.get('/api/people/residents')).status).toBe(403);
    expect((await again.get('/api/signup/requests')).status).toBe(403);
    const [row] = await t.db.select().from(accounts).where(eq(accounts.id, me.id));
    expect(row!.territoryId).toBe(home.household.id);
    const confirmed = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'signup.confirm'), eq(auditLog.objectId, String(request.id))));
    expect(confirmed).toHaveLength(1);
  });

  it('rejected → the resident sees the reason and may choose again', async () => {
    const home = tree.streetA.communities[0]!;
    const phone = newPhone();
    const { c, request } = await signUp(phone, home.household.id, '王五');
    const staff = await t.as(['communitySecretary'], home.community.id);
    const no = await staff.post(`/api/signup/requests/${request.id}/reject`, { reason: '查无此人，请到社区核实' });
    expect(no.body.status).toBe('rejected');
    const mine = await c.get('/api/signup/me');
    expect(mine.body.signup).toMatchObject({ status: 'rejected', reason: '查无此人，请到社区核实' });
    const hh = tree.streetA.communities[1]!.household;
    await t.db.insert(residents).values({
      name: '王五',
      householdId: hh.id,
      scopePath: hh.path,
      phoneEnc: encryptPii('phone', phone),
      phoneHash: hashPii('phone', phone),
    });
    const re = await c.post('/api/signup/me/household', { householdId: hh.id });
    expect(re.status).toBe(200);
    expect(re.body.status).toBe('linked');
    // the consent given at sign-up carries over to the new request
    expect(re.body.consent).toEqual(request.consent);
    expect((await c.get('/api/people/me')).body.household.id).toBe(hh.id);
    expect((await c.post('/api/signup/me/household', { householdId: hh.id })).status).toBe(409);
  });
});

describe('the map of my community (to pick where a problem is)', () => {
  const square = (d: number) => ({
    type: 'Polygon',
    coordinates: [
      [
        [101.75 + d, 36.61],
        [101.76 + d, 36.61],
        [101.76 + d, 36.62],
        [101.75 + d, 36.62],
        [101.75 + d, 36.61],
      ],
    ],
  });

  it('shows a resident the grids of their own community only', async () => {
    const [mine, other] = [tree.streetA.communities[0]!, tree.streetA.communities[1]!];
    const admin = await t.as(['streetAdmin'], tree.streetA.street.id);
    expect(
      (
        await admin.post('/api/grids', {
          communityId: mine.community.id,
          kind: 'basic',
          name: '一网格',
          geometry: square(0),
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await admin.post('/api/grids', {
          communityId: other.community.id,
          kind: 'basic',
          name: '二网格',
          geometry: square(0.02),
        })
      ).status,
    ).toBe(201);
    const phone = newPhone();
    await t.db.insert(residents).values({
      name: '赵六',
      householdId: mine.household.id,
      scopePath: mine.household.path,
      phoneEnc: encryptPii('phone', phone),
      phoneHash: hashPii('phone', phone),
    });
    const { c } = await signUp(phone, mine.household.id, '赵六');
    const map = await c.get('/api/signup/me/map');
    expect(map.status).toBe(200);
    expect(map.body.grids.features.map((f: { properties: { name: string } }) => f.properties.name)).toEqual(['一网格']);
    expect((await c.get('/api/grids/map')).status).toBe(403);
  });
});
