import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { testServerUrl } from '../../test/db.js';
import { Factory } from '../../test/factories.js';
import { audit } from '../audit/audit.js';
import { manualClock } from '../clock.js';
import { systemActor } from '../context.js';
import { pgDump, pgliteDump, pgliteDumpBlob, pgRestore, tableChecksums } from './backup.js';
import { openPglite, openPostgres, type Database } from './client.js';

/** Backup → restore into a fresh database → every table's row count and checksum equal (issue 18 point 8). */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-backup-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/**
 * A little of everything: territories, accounts, audit rows with their hash chain. The audit rows use a kernel action:
 * this file loads no module, so a module's labels may not be registered in the worker that runs it.
 */
async function fill(database: Database) {
  const f = new Factory(database.db);
  const tree = await f.tree();
  for (const roles of [['communityStaff'], ['gridWorker'], ['resident']])
    await f.account({ roles, territoryId: tree.streetA.communities[0]!.household.id });
  const clock = manualClock(new Date('2026-12-01T08:00:00Z'));
  for (let i = 0; i < 5; i++)
    await database.db.transaction((tx) =>
      audit(
        tx,
        { actor: systemActor(), clock, ip: '', requestId: '' },
        { action: 'export.download', objectType: 'export', objectId: i, scopePath: '/' },
      ),
    );
}

function expectSame(a: Awaited<ReturnType<typeof tableChecksums>>, b: Awaited<ReturnType<typeof tableChecksums>>) {
  expect(a.length).toBeGreaterThan(20);
  expect(a.filter((s) => s.rows > 0).length).toBeGreaterThan(3);
  expect(b).toEqual(a);
}

// Each engine's project runs its own path: PGlite's dump/load, or pg_dump/pg_restore against TEST_DATABASE_URL's server.
const url = testServerUrl();

describe('backup and restore', () => {
  if (!url)
    it('PGlite: dumpDataDir → loadDataDir into a fresh database gives equal tables', async () => {
      const source = await openPglite('memory://');
      await source.migrate();
      await fill(source);
      const before = await tableChecksums(source);
      const file = path.join(dir, 'gongzhi.tar.gz');
      await pgliteDump(source, file);
      await source.close();
      expect(fs.statSync(file).size).toBeGreaterThan(1000);
      const restored = await openPglite('memory://', { loadDataDir: pgliteDumpBlob(file) });
      try {
        expectSame(before, await tableChecksums(restored));
      } finally {
        await restored.close();
      }
    }, 120_000);

  if (url)
    it('PostgreSQL: pg_dump -Fc → pg_restore into a fresh database gives equal tables', async () => {
      const base = new URL(url);
      const names = [`gz_backup_src_${process.pid}`, `gz_backup_dst_${process.pid}`];
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      const at = (name: string) => Object.assign(new URL(base.toString()), { pathname: `/${name}` }).toString();
      try {
        for (const n of names) {
          await admin.query(`drop database if exists "${n}" with (force)`);
          await admin.query(`create database "${n}"`);
        }
        const source = await openPostgres(at(names[0]!), 2);
        await source.migrate();
        await fill(source);
        const before = await tableChecksums(source);
        await source.close();
        const file = path.join(dir, 'gongzhi.dump');
        await pgDump(at(names[0]!), file);
        await pgRestore(at(names[1]!), file);
        const restored = await openPostgres(at(names[1]!), 2);
        try {
          expectSame(before, await tableChecksums(restored));
        } finally {
          await restored.close();
        }
      } finally {
        for (const n of names) await admin.query(`drop database if exists "${n}" with (force)`);
        await admin.end();
      }
    }, 180_000);
});
