import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/app.js';
import { TEST_PASSWORD } from '../../test/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ ALLOWED_ORIGINS: 'https://partner.example.cn' });
});
afterAll(() => t.close());

function expectSecurityHeaders(h: Record<string, unknown>, api = true) {
  expect(h['content-security-policy']).toMatch(/frame-ancestors 'none'/);
  expect(h['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
  expect(h['x-frame-options']).toBe('DENY');
  expect(h['x-content-type-options']).toBe('nosniff');
  expect(h['referrer-policy']).toBe('same-origin');
  if (api) expect(h['cache-control']).toBe('no-store');
}

describe('security headers (issue 18, point 4)', () => {
  it('are on the answer of every route of the route table, signed in or not', async () => {
    expect(t.app.routeTable.length).toBeGreaterThan(50);
    const signedIn = await t.as(['cityAdmin'], (await t.factory.tree()).city.id);
    for (const r of t.app.routeTable) {
      const url = r.url.replace(/:\w+/g, '1');
      for (const c of [t.client(), signedIn]) {
        if (r.method === 'POST' && r.url === '/api/auth/logout') continue;
        const res = await c.request(
          r.method as 'GET',
          url,
          r.method === 'GET' || r.method === 'DELETE' ? undefined : {},
        );
        try {
          expectSecurityHeaders(res.headers);
        } catch (e) {
          throw new Error(`${r.method} ${r.url} → ${res.status}: ${(e as Error).message}`, { cause: e });
        }
      }
    }
  });

  it('are on unknown routes and on the console fallback too', async () => {
    expectSecurityHeaders((await t.client().get('/api/no-such-route')).headers);
    expectSecurityHeaders((await t.client().get('/somewhere')).headers, false);
  });

  it('adds HSTS only behind TLS (a trusted proxy saying https)', async () => {
    const s = await testApp({ TRUST_PROXY: 'true' });
    try {
      const tls = await s.app.inject({ url: '/api/health', headers: { 'x-forwarded-proto': 'https' } });
      expect(tls.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      const plain = await s.app.inject({ url: '/api/health' });
      expect(plain.headers['strict-transport-security']).toBeUndefined();
    } finally {
      await s.close();
    }
    const untrusted = await t.app.inject({ url: '/api/health', headers: { 'x-forwarded-proto': 'https' } });
    expect(untrusted.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('origin check on writes (issue 18, point 4)', () => {
  async function loginFrom(headers: Record<string, string>, lang: 'zh-CN' | 'en-US' = 'en-US') {
    const acc = await t.factory.account({ roles: ['communityStaff'], territoryId: (await t.factory.tree()).city.id });
    const csrf = await t.app.inject({ url: '/api/auth/csrf' });
    const token = csrf.cookies.find((c) => c.name === 'gz_csrf')!.value;
    return t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: {
        cookie: `gz_csrf=${token}`,
        'x-csrf-token': token,
        'accept-language': lang,
        host: 'gz.local',
        ...headers,
      },
      payload: { username: acc.username, password: TEST_PASSWORD },
    });
  }

  it('refuses a write whose Origin is foreign, with a translated 403', async () => {
    const res = await loginFrom({ origin: 'https://evil.example.com' });
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toBe('The request came from a site that is not trusted; refused');
    const zh = await loginFrom({ origin: 'https://evil.example.com' }, 'zh-CN');
    expect(zh.json().message).toBe('请求来自不受信任的网站，已拒绝');
  });

  it('refuses a foreign Referer when there is no Origin', async () => {
    expect((await loginFrom({ referer: 'https://evil.example.com/page' })).statusCode).toBe(403);
  });

  it('accepts its own origin, a configured origin, and requests naming none', async () => {
    expect((await loginFrom({ origin: 'http://gz.local' })).statusCode).toBe(200);
    expect((await loginFrom({ referer: 'http://gz.local/login' })).statusCode).toBe(200);
    expect((await loginFrom({ origin: 'https://partner.example.cn' })).statusCode).toBe(200);
    expect((await loginFrom({})).statusCode).toBe(200);
  });
});
