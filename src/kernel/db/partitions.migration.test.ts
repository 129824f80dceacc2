import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { testServerUrl } from '../../test/db.js';
import { audit, chainHash, GENESIS } from '../audit/audit.js';
import { verifyAuditChain } from '../audit/verify.js';
import { manualClock } from '../clock.js';
import { systemActor } from '../context.js';
import { MIGRATIONS_DIR, openPglite, openPostgres, type Database } from './client.js';
import { queryRows } from './partitions.js';

/**
 * Migration 0015 (decision 051) on a database that already has history: every audit row and timeline entry keeps
 * its id and content, lands in its month's partition, the chain still verifies and the sequences carry on.
 */
const url = testServerUrl();
const dbName = `h_mig0015_${process.pid}`;
const opened: Database[] = [];
afterAll(async () => {
  for (const d of opened) await d.close();
  if (url) await admin(`drop database if exists "${dbName}" with (force)`);
});

async function admin(statement: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}

/** The migrations folder without 0015 and what follows it. */
function migrationsBefore(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-mig-'));
  fs.cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  const file = path.join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(fs.readFileSync(file, 'utf8')) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((e) => e.tag.endsWith('_partitions'));
  journal.entries = journal.entries.slice(0, at);
  fs.writeFileSync(file, JSON.stringify(journal));
  return dir;
}

async function migrateFrom(database: Database, folder: string) {
  if (database.engine === 'pglite') await migratePglite(database.db as never, { migrationsFolder: folder });
  else await migratePg(database.db as never, { migrationsFolder: folder });
}

const at = (s: string) => new Date(`${s}+08:00`);

describe('migration 0015 on a database with history', () => {
  it('keeps every row, id and hash, puts each in its month, and the sequences carry on', async () => {
    let database: Database;
    if (url) {
      await admin(`drop database if exists "${dbName}" with (force)`);
      await admin(`create database "${dbName}"`);
      const u = new URL(url);
      u.pathname = `/${dbName}`;
      database = await openPostgres(u.toString(), 2);
    } else database = await openPglite('memory://');
    opened.push(database);
    const before = migrationsBefore();
    await migrateFrom(database, before);
    fs.rmSync(before, { recursive: true, force: true });
    const db = database.db;

    const [place] = await database.query<{ id: number }>(
      `insert into territories (level, name, path) values ('community', '西关街社区', '/1/') returning id`,
    );
    const [order] = await database.query<{ id: number }>(
      `insert into service_orders (kind, status, category, title, community_id, territory_id, scope_path,
         respond_hours, resolve_hours, respond_by, resolve_by, created_at, updated_at)
       values ('problem', 'closed', 'repair', '楼道灯坏了', $1, $1, '/1/', 24, 72, now(), now(), now(), now())
       returning id`,
      [place!.id],
    );
    const clock = manualClock();
    const days = ['2025-03-10T09:00:00', '2025-07-02T10:00:00', '2025-07-31T23:59:00', '2026-11-01T08:00:00'];
    let prev = GENESIS;
    for (const d of days) {
      clock.set(at(d));
      await database.query(
        `insert into order_events (order_id, at, action, to_status) values ($1, $2, 'submit', 'submitted')`,
        [order!.id, clock.now()],
      );
      // Rows as writers hashed them before decision 052 (the chain's columns of 0017 do not exist yet).
      const row = {
        at: clock.now(),
        actorId: null,
        actorName: 'system',
        actorTerritoryId: null,
        actorRoles: [],
        action: 'auth.login',
        objectType: 'account',
        objectId: null,
        scopePath: '/1/',
        before: null,
        after: null,
        ip: null,
        requestId: 'mig',
      };
      const hash = chainHash(prev, row);
      await database.query(
        `insert into audit_log (at, actor_id, actor_name, actor_territory_id, actor_roles, action, object_type,
           object_id, scope_path, before, after, ip, request_id, prev_hash, hash)
         values ($1, null, 'system', null, '{}', 'auth.login', 'account', null, '/1/', null, null, null, 'mig', $2, $3)`,
        [row.at, prev, hash],
      );
      prev = hash;
    }
    const snapshot = async () =>
      (
        await database.query<{ id: string; at: Date; hash: string }>(
          'select id::text, at, hash from audit_log order by id',
        )
      ).map((r) => ({ ...r, at: new Date(r.at).toISOString() }));
    const auditBefore = await snapshot();
    const eventsBefore = await database.query<{ id: number }>('select id from order_events order by id');

    await migrateFrom(database, MIGRATIONS_DIR);

    expect(await snapshot()).toEqual(auditBefore);
    expect(await database.query('select id from order_events order by id')).toEqual(eventsBefore);
    const where = await queryRows<{ p: string }>(
      db,
      sql`select tableoid::regclass::text as p from audit_log order by id`,
    );
    expect(where.map((r) => r.p)).toEqual([
      'audit_log_p202503',
      'audit_log_p202507',
      'audit_log_p202507',
      'audit_log_p202611',
    ]);
    const ev = await queryRows<{ p: string }>(
      db,
      sql`select tableoid::regclass::text as p from order_events order by id`,
    );
    expect(ev.map((r) => r.p)).toEqual([
      'order_events_p202503',
      'order_events_p202507',
      'order_events_p202507',
      'order_events_p202611',
    ]);
    // Every month from the first row's to this month + 3 exists (the empty ones between too).
    const [n] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from pg_inherits where inhparent = 'audit_log'::regclass`,
    );
    expect(n!.n).toBeGreaterThanOrEqual(20 + 1); // 2025-03 … 2026-12 + 3, and DEFAULT
    expect((await verifyAuditChain(db)).broken).toEqual([]);
    // New rows continue the sequences; the chain goes on.
    clock.set(at('2026-12-01T09:00:00'));
    await db.transaction((tx) =>
      audit(
        tx,
        { actor: systemActor('/1/'), clock, requestId: 'mig', ip: '' },
        {
          action: 'auth.login',
          objectType: 'account',
          scopePath: '/1/',
        },
      ),
    );
    const [last] = await database.query<{ id: string }>('select max(id)::text as id from audit_log');
    expect(Number(last!.id)).toBe(Number(auditBefore.at(-1)!.id) + 1);
    const [e] = await database.query<{ id: number }>(
      `insert into order_events (order_id, at, action) values ($1, now(), 'comment') returning id`,
      [order!.id],
    );
    expect(e!.id).toBe(eventsBefore.at(-1)!.id + 1);
    expect((await verifyAuditChain(db)).broken).toEqual([]);
  });
});
