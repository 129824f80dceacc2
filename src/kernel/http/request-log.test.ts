import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.js';
import { testApp, type TestApp } from '../../test/app.js';
import type { App } from './types.js';

/** Request logs name the route and path, never the query string (issue 18, point 2). */
let t: TestApp;
let logged: App;
let out = '';
beforeAll(async () => {
  t = await testApp();
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      out += chunk.toString();
      done();
    },
  });
  logged = await createApp({ config: t.config, database: t.database, clock: t.clock }, pino({ level: 'info' }, sink));
  await logged.ready();
});
afterAll(async () => {
  await logged.close();
  await t.close();
});

describe('request log', () => {
  it('prints the route without the query string', async () => {
    await logged.inject({ url: '/api/people/residents?q=13800001111&idNumber=630104195803081118' });
    expect(out).toContain('"route":"/api/people/residents"');
    expect(out).not.toContain('13800001111');
    expect(out).not.toContain('630104195803081118');
  });
});
