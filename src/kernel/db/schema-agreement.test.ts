import fs from 'node:fs';
import path from 'node:path';
import { is, sql } from 'drizzle-orm';
import { toSnakeCase } from 'drizzle-orm/casing';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/app.js';
import { fromRoot } from '../paths.js';
import { queryRows } from './partitions.js';

/**
 * The drizzle schema files and the migrated database agree, table by table and column by column (name, type, null):
 * migrations written by hand (0015's partitioned tables, decision 051) cannot drift from what the code queries.
 */
let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

async function schemaTables(): Promise<PgTable[]> {
  const files = [
    fromRoot('src', 'kernel', 'db', 'schema.ts'),
    ...fs
      .readdirSync(fromRoot('src', 'modules'))
      .map((m) => fromRoot('src', 'modules', m, 'schema.ts'))
      .filter((f) => fs.existsSync(f)),
  ];
  const tables: PgTable[] = [];
  for (const f of files)
    for (const v of Object.values((await import(path.resolve(f))) as Record<string, unknown>))
      if (is(v, PgTable)) tables.push(v);
  return tables;
}

describe('drizzle schema and database', () => {
  it('have the same tables, columns, types and nullability', async () => {
    const db = await queryRows<{ t: string; c: string; type: string; notnull: boolean }>(
      t.db,
      sql`select c.relname as t, a.attname as c, format_type(a.atttypid, a.atttypmod) as type, a.attnotnull as notnull
        from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = current_schema() and c.relkind in ('r', 'p') and not c.relispartition
          and a.attnum > 0 and not a.attisdropped`,
    );
    const inDb = new Map(db.map((r) => [`${r.t}.${r.c}`, `${r.type}${r.notnull ? ' not null' : ''}`]));
    const inSchema = new Map<string, string>();
    for (const table of await schemaTables()) {
      const cfg = getTableConfig(table);
      for (const col of cfg.columns)
        inSchema.set(
          `${cfg.name}.${col.keyAsName ? toSnakeCase(col.name) : col.name}`,
          `${col.getSQLType()}${col.notNull ? ' not null' : ''}`,
        );
    }
    expect(Object.fromEntries([...inSchema].sort())).toEqual(Object.fromEntries([...inDb].sort()));
  });

  it('partitioned tables keep (id, at) as their primary key, as the schema says', async () => {
    const pk = await queryRows<{ t: string; def: string }>(
      t.db,
      sql`select c.relname as t, pg_get_constraintdef(k.oid) as def from pg_constraint k join pg_class c on c.oid = k.conrelid
        where k.contype = 'p' and c.relname in ('audit_log', 'order_events') order by 1`,
    );
    expect(pk).toEqual([
      { t: 'audit_log', def: 'PRIMARY KEY (id, at)' },
      { t: 'order_events', def: 'PRIMARY KEY (id, at)' },
    ]);
  });
});
