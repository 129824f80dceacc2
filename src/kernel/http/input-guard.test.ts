import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/app.js';
import { controlCharacterFields } from './input-guard.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('control characters (issue 18, point 5)', () => {
  it('refuses U+0000 in the public login body with a 400 naming the field, in the caller language', async () => {
    const res = await t.client('en-US').post('/api/auth/login', { username: 'a\u0000b', password: 'x' });
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual([
      { field: 'username', message: 'Contains a control character that is not allowed' },
    ]);
    const zh = await t.client('zh-CN').post('/api/auth/login', { username: 'x', password: '\u0000' });
    expect(zh.status).toBe(400);
    expect(zh.body.fields[0]).toMatchObject({ field: 'password', message: '含有不允许的控制字符' });
  });

  it('refuses control characters in query strings and path parameters', async () => {
    const c = await t.as(['cityAdmin'], (await t.factory.tree()).city.id);
    const q = await c.get('/api/territories?q=%00abc');
    expect(q.status).toBe(400);
    expect(q.body.fields[0].field).toBe('query.q');
    const p = await c.get('/api/territories/1%00');
    expect(p.status).toBe(400);
  });

  it('allows tab, line feed and carriage return in body text, not in query strings', () => {
    expect(controlCharacterFields({ body: { note: 'a\tb\r\nc' } }, 'zh-CN')).toEqual([]);
    expect(controlCharacterFields({ query: { q: 'a\tb' } }, 'zh-CN')).toHaveLength(1);
    expect(controlCharacterFields({ body: { a: [{ b: 'x\u001b' }] } }, 'zh-CN')[0]!.field).toBe('a.0.b');
    expect(controlCharacterFields({ body: { ['k\u0000']: 1 } }, 'zh-CN')).toHaveLength(1);
    expect(controlCharacterFields({ body: 'x\u007f' }, 'zh-CN')[0]!.field).toBe('(body)');
  });

  it('refuses absurdly nested bodies instead of recursing into them', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100; i++) deep = { d: deep };
    expect(controlCharacterFields({ body: deep }, 'en-US')).toHaveLength(1);
  });
});
