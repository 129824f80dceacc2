import { isNull, sql } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import { systemActor } from '../context.js';
import type { Db } from '../db/client.js';
import { ensureMonthPartitions, monthPartitions, queryRows, type MonthPartition } from '../db/partitions.js';
import { auditRetention, territories } from '../db/schema.js';
import { audit, AUDIT_CHAIN_LOCK } from './audit.js';

/** 等保: audit rows are kept at least 180 days; a shorter retention is refused. */
export const AUDIT_RETENTION_MIN_DAYS = 180;

export class AuditRetentionTooShortError extends Error {
  constructor(days: number) {
    super(`audit retention of ${days} days refused: at least ${AUDIT_RETENTION_MIN_DAYS} days are kept (等保)`);
  }
}

export interface AuditRetentionResult {
  partitions: string[];
  rows: number;
  fromAt: Date;
  toAt: Date;
  lastId: number | null;
  anchorHash: string | null;
}

/**
 * Drops the audit log's monthly partitions that lie entirely before `now - keepDays` (decision 051): whole months
 * only, never the DEFAULT partition, never fewer than 180 days kept. The chain is cut at its start only: a month is
 * dropped only when every row it holds comes before (by id) every row that stays, so what remains is one unbroken
 * chain whose first row links to the hash of the last dropped row. That hash, the months, the row count and the
 * highest dropped id are recorded in `audit_retention` (which `npm run audit:verify` reads), and the drop is audited.
 * Runs under the chain's lock, so no audit row is written meanwhile. Returns null when nothing was due.
 */
export async function dropOldAuditPartitions(
  db: Db,
  clock: Clock,
  keepDays: number,
): Promise<AuditRetentionResult | null> {
  if (!Number.isInteger(keepDays) || keepDays < AUDIT_RETENTION_MIN_DAYS)
    throw new AuditRetentionTooShortError(keepDays);
  const now = clock.now();
  const cut = new Date(now.getTime() - keepDays * 86_400_000);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
    let due: MonthPartition[] = (await monthPartitions(tx, 'audit_log')).filter((p) => p.to.getTime() <= cut.getTime());
    // Only a prefix of the chain may go: shrink the set from its newest month while a kept row is older by id.
    let stats: { rows: number; maxId: number | null } = { rows: 0, maxId: null };
    while (due.length) {
      const names = due.map((p) => p.name);
      const [s] = await queryRows<{ rows: number; max_id: string | null }>(
        tx,
        sql`select count(*)::int as rows, max(id)::text as max_id from audit_log
          where tableoid::regclass::text = any(string_to_array(${names.join(',')}, ','))`,
      );
      const [k] = await queryRows<{ min_id: string | null }>(
        tx,
        sql`select min(id)::text as min_id from audit_log where tableoid::regclass::text <> all(string_to_array(${names.join(',')}, ','))`,
      );
      stats = { rows: Number(s?.rows ?? 0), maxId: s?.max_id == null ? null : Number(s.max_id) };
      if (stats.maxId === null || k?.min_id == null || stats.maxId < Number(k.min_id)) break;
      due = due.slice(0, -1);
    }
    if (!due.length) return null;
    const names = due.map((p) => p.name);
    const [anchor] = await queryRows<{ hash: string | null }>(
      tx,
      sql`select hash from audit_log where hash is not null and tableoid::regclass::text = any(string_to_array(${names.join(',')}, ','))
        order by id desc limit 1`,
    );
    const result: AuditRetentionResult = {
      partitions: names,
      rows: stats.rows,
      fromAt: due[0]!.from,
      toAt: due[due.length - 1]!.to,
      lastId: stats.maxId,
      anchorHash: anchor?.hash ?? null,
    };
    await tx.insert(auditRetention).values({ droppedAt: now, keepDays, ...result });
    for (const name of names) await tx.execute(sql.raw(`drop table "${name.replace(/"/g, '""')}"`));
    const [root] = await tx
      .select({ path: territories.path })
      .from(territories)
      .where(isNull(territories.parentId))
      .orderBy(territories.id)
      .limit(1);
    await audit(
      tx,
      { actor: systemActor(root?.path ?? '/'), clock, requestId: 'audit-retention', ip: '' },
      {
        action: 'audit.retention',
        objectType: 'auditLog',
        scopePath: root?.path ?? '/',
        after: { ...result, keepDays },
      },
    );
    return result;
  });
}

/**
 * The partition pass the audit-log module schedules (every RETENTION_PASS_SECONDS): this month's partitions and the
 * next three for every partitioned table, then, when AUDIT_RETENTION_DAYS is set, the audit months past it dropped.
 */
export async function partitionPass(db: Db, clock: Clock, keepDays: number) {
  const created = await db.transaction((tx) => ensureMonthPartitions(tx, { from: clock.now() }));
  const dropped = keepDays > 0 ? await dropOldAuditPartitions(db, clock, keepDays) : null;
  return { created, dropped };
}
