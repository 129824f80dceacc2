import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/app.js';
import type { Client, Res } from '../../test/http.js';
import { buildApp } from './app.js';
import { statusOf, type ErrorCode } from './errors.js';
import type { App } from './types.js';

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
let staff: Client;

beforeAll(async () => {
  t = await testApp();
  tree = await t.factory.tree();
  staff = await t.as(['communityStaff'], tree.streetA.street.id);
});
afterAll(() => t.close());

const community = () => tree.streetA.communities[0]!.community.id;

/** No stack trace, no source location, and the shape every error has. */
function expectCleanError(res: Res) {
  expect(res.body).toEqual(
    expect.objectContaining({ code: expect.any(String), message: expect.any(String), requestId: expect.any(String) }),
  );
  expect(res.body).not.toHaveProperty('stack');
  const text = JSON.stringify(res.body);
  expect(text).not.toMatch(/\bstack\b/i);
  expect(text).not.toMatch(/\bat \S+ \(|\bat (file|node):|\.ts:\d+:\d+|\.js:\d+:\d+/);
}

/** Sends a raw body with the session and CSRF of a client. */
async function raw(
  c: Client,
  method: 'POST' | 'PATCH',
  url: string,
  payload: string,
  contentType = 'application/json',
  extra: Record<string, string> = {},
) {
  if (!c.cookies.has('gz_csrf')) await c.get('/api/auth/csrf');
  const res = await t.app.inject({
    method,
    url,
    payload,
    headers: {
      'content-type': contentType,
      'x-csrf-token': c.cookies.get('gz_csrf')!,
      cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      ...extra,
    },
  });
  return { status: res.statusCode, body: res.json(), headers: res.headers } as Res;
}

describe('bad input', () => {
  it('answers 400 validation, not 500, to a body that is not JSON', async () => {
    const res = await raw(staff, 'POST', '/api/territories', '{"parentId": 1, "name": ');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'validation', message: '请求体不是有效的 JSON' });
    expectCleanError(res);
    const en = await raw(staff, 'POST', '/api/territories', '{oops}', 'application/json', {
      'accept-language': 'en-US',
    });
    expect(en.body).toMatchObject({ code: 'validation', message: 'The request body is not valid JSON' });
  });

  it('answers 400 to an empty JSON body', async () => {
    const res = await raw(staff, 'POST', '/api/territories', '');
    expect(res).toMatchObject({ status: 400, body: { code: 'validation' } });
    expectCleanError(res);
  });

  it('lists one entry per bad field: wrong types and missing fields', async () => {
    const res = await staff.post('/api/territories', { parentId: 'one', level: 42 });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation');
    expect(res.body.message).toBe('提交的内容有误，请检查标出的字段');
    const fields = res.body.fields as { field: string; message: string }[];
    expect(fields.map((f) => f.field).sort()).toEqual(['level', 'name', 'parentId']);
    expect(new Set(fields.map((f) => f.field)).size).toBe(fields.length);
    expect(fields.find((f) => f.field === 'name')!.message).toBe('必填');
    expect(fields.find((f) => f.field === 'parentId')!.message).toBe('类型不正确');
    expect(fields.find((f) => f.field === 'level')!.message).toMatch(/^取值无效，可选：/);
    expectCleanError(res);
  });

  it('names fields inside nested input and refuses unknown keys where the contract is strict', async () => {
    const res = await staff.patch(`/api/territories/${community()}`, { name: 'x'.repeat(101), color: 'red' });
    expect(res.status).toBe(400);
    const byField = Object.fromEntries(
      res.body.fields.map((f: { field: string; message: string }) => [f.field, f.message]),
    );
    expect(byField.name).toBe('最多 100 个字符');
    expect(Object.values(byField)).toContain('不允许的字段：color');
  });

  it('refuses a body that is not JSON with 415', async () => {
    const res = await raw(staff, 'POST', '/api/territories', 'parentId=1', 'text/csv');
    expect(res).toMatchObject({ status: 415, body: { code: 'unsupportedMediaType' } });
    expectCleanError(res);
  });

  it.each([
    ['/api/territories?pageSize=1000', 'pageSize', '不能大于 200'],
    ['/api/territories?pageSize=0', 'pageSize', '不能小于 1'],
    ['/api/territories?page=0', 'page', '不能小于 1'],
    ['/api/territories?page=abc', 'page', null],
    ['/api/territories?level=galaxy', 'level', null],
    ['/api/territories/abc', 'id', null],
    ['/api/territories/0', 'id', null],
    ['/api/territories/99999999999', 'id', null],
  ])('answers 400 to an out-of-range query or path value: %s', async (url, field, message) => {
    const res = await staff.get(url);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation');
    expect(res.body.fields).toHaveLength(1);
    expect(res.body.fields[0].field).toMatch(new RegExp(`(^|\\.)${field}$`));
    if (message) expect(res.body.fields[0].message).toBe(message);
    expectCleanError(res);
  });

  it('answers 413 to a body over 2 MB', async () => {
    const res = await staff.post('/api/territories', {
      parentId: community(),
      level: 'compound',
      name: 'x'.repeat(3 * 1024 * 1024),
    });
    expect(res).toMatchObject({ status: 413, body: { code: 'payloadTooLarge', message: '提交的内容过大' } });
    expectCleanError(res);
  });
});

describe('unknown routes', () => {
  it('answers 404 JSON notFound for an unknown /api route, whatever the method', async () => {
    for (const method of ['GET', 'POST', 'DELETE'] as const) {
      const res = await staff.request(method, '/api/no-such-thing', method === 'POST' ? {} : undefined);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/application\/json/);
      expect(res.body).toMatchObject({ code: 'notFound', message: '记录不存在' });
      expectCleanError(res);
    }
    const anon = await t.client('en-US').get('/api/territories/1/nothing');
    expect(anon).toMatchObject({ status: 404, body: { code: 'notFound', message: 'Not found' } });
  });
});

describe('the language of messages', () => {
  it('is Chinese by default, English by Accept-Language, and the gz_lang cookie wins over both', async () => {
    const zh = await t.client().get('/api/territories');
    expect(zh).toMatchObject({ status: 401, body: { code: 'auth.required', message: '请先登录' } });
    const en = await t.client('en-US').get('/api/territories');
    expect(en.body.message).toBe('Please sign in');
    const zhHeader = await t.client('zh-CN').get('/api/territories');
    expect(zhHeader.body.message).toBe('请先登录');

    const cookieEn = t.client('zh-CN');
    cookieEn.cookies.set('gz_lang', 'en-US');
    expect((await cookieEn.get('/api/territories')).body.message).toBe('Please sign in');
    const cookieZh = t.client('en-US');
    cookieZh.cookies.set('gz_lang', 'zh-CN');
    expect((await cookieZh.get('/api/territories')).body.message).toBe('请先登录');
  });

  it('applies to field messages too', async () => {
    const c = await t.as(['communityStaff'], tree.streetA.street.id);
    c.lang = 'en-US';
    const res = await c.post('/api/territories', { parentId: community(), level: 'compound' });
    expect(res.body).toMatchObject({
      message: 'Some fields are not valid; please check them',
      fields: [{ field: 'name', message: 'Required' }],
    });
    const big = await c.get('/api/territories?pageSize=1000');
    expect(big.body.fields[0].message).toBe('Must be at most 200');
  });
});

describe('an unexpected failure', () => {
  let boom: App;
  beforeAll(async () => {
    boom = await buildApp({
      config: t.config,
      database: t.database,
      clock: t.clock,
      modules: [
        {
          name: 'boom',
          routes(app) {
            app.get('/api/boom', { config: { access: 'public' } }, async () => {
              throw new Error('secret detail at /srv/app/db.ts:12:7');
            });
          },
        },
      ],
    });
    await boom.ready();
  });
  afterAll(() => boom.close());

  it('answers 500 internal with a generic message and no detail or stack', async () => {
    const res = await boom.inject({ method: 'GET', url: '/api/boom' });
    expect(res.statusCode).toBe(500);
    const body = res.json();
    expect(body).toEqual({ code: 'internal', message: '服务器内部错误，请稍后再试', requestId: expect.any(String) });
    expect(res.body).not.toContain('secret detail');
    expectCleanError({ status: res.statusCode, body, headers: res.headers });
  });
});

describe('statusOf', () => {
  const expected: Record<ErrorCode, number> = {
    validation: 400,
    'auth.passwordPolicy': 400,
    'auth.required': 401,
    'auth.invalidCredentials': 401,
    'auth.totpRequired': 401,
    'auth.totpInvalid': 401,
    'auth.passwordChangeRequired': 403,
    'auth.csrf': 403,
    forbidden: 403,
    notFound: 404,
    conflict: 409,
    payloadTooLarge: 413,
    unsupportedMediaType: 415,
    rateLimited: 429,
    internal: 500,
  };
  it.each(Object.entries(expected))('maps %s to %i', (code, status) => {
    expect(statusOf(code as ErrorCode)).toBe(status);
  });
});
