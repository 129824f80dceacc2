import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/app.js';
import { DataDirLockedError, openPglite, type Database } from './client.js';

describe('the embedded database folder', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-pglite-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('takes over a stale lock, refuses a second opener while open, and opens again after close', async () => {
    // A lock left by a server that died: its pid is no longer running.
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    fs.writeFileSync(path.join(dir, 'gongzhi.lock'), String(dead));

    let first: Database | undefined = await openPglite(dir);
    try {
      expect(fs.readFileSync(path.join(dir, 'gongzhi.lock'), 'utf8')).toBe(String(process.pid));
      expect(await first.query('select 1 as one')).toEqual([{ one: 1 }]);

      const err: unknown = await openPglite(dir).then(
        async (opened) => {
          await opened.close();
          return null;
        },
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(DataDirLockedError);
      if (!(err instanceof DataDirLockedError)) return;
      expect(err.message).toContain(dir);
      expect(err.message).toMatch(/stop that server first/);
      expect(err.message).toMatch(/DATA_DIR/);
      expect(err.message).toMatch(/DATABASE_URL/);

      await first.close();
      first = undefined;
      expect(fs.existsSync(path.join(dir, 'gongzhi.lock'))).toBe(false);

      // A lock with our own pid that we do not hold was left by an earlier process with the same pid (pid 1 in a
      // container): it is stale too.
      fs.writeFileSync(path.join(dir, 'gongzhi.lock'), String(process.pid));
      const again = await openPglite(dir);
      try {
        expect(await again.query('select 2 as two')).toEqual([{ two: 2 }]);
      } finally {
        await again.close();
      }
    } finally {
      await first?.close();
    }
    // Opens PGlite three times (~4 s each alone; more when CI's two cores are busy).
  }, 90_000);
});

describe('kernel routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(() => t.close());

  it('GET /api/health names the engine', async () => {
    const res = await t.client().get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', db: t.database.engine });
    expect(['pglite', 'postgres']).toContain(res.body.db);
  });

  it('GET /api/openapi.json is OpenAPI 3 with the routes', async () => {
    const res = await t.client().get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(res.body.info.title).toContain('Gongzhi');
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/territories',
        '/api/territories/{id}',
        '/api/auth/login',
        '/api/accounts',
        '/api/audit',
      ]),
    );
    expect(res.body.paths['/api/auth/login'].post).toBeDefined();
    expect(res.body.paths['/api/territories'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['page', 'pageSize', 'level', 'q']),
    );
  });

  it('GET /api/docs serves the browsable docs', async () => {
    let res = await t.app.inject({ method: 'GET', url: '/api/docs' });
    if (res.statusCode === 302) {
      const location = String(res.headers.location);
      res = await t.app.inject({
        method: 'GET',
        url: location.startsWith('/') ? location : `/api/docs/${location.replace(/^\.\//, '')}`,
      });
    }
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toMatch(/swagger/i);
  });
});
