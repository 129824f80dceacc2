import { isNull, sql } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import { systemActor } from '../context.js';
import type { Db } from '../db/client.js';
import { ensureMonthPartitions, monthPartitions, queryRows, type MonthPartition } from '../db/partitions.js';
import { auditRetention, territories } from '../db/schema.js';
import { audit, AUDIT_CHAIN_LOCK } from './audit.js';
import { sealAuditChain } from './seal.js';

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
 * dropped only when every row it holds is sealed and comes before every row that stays in the chain's order (rows
 * hashed before decision 052 by id, then sealed rows by `chain_seq`), so what remains is one unbroken chain whose
 * first row links to the hash of the last dropped row. That hash, the months, the row count and the
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
  // Whatever has committed is chained first: a month holding an unsealed row is not dropped.
  await sealAuditChain(db);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
    let due: MonthPartition[] = (await monthPartitions(tx, 'audit_log')).filter((p) => p.to.getTime() <= cut.getTime());
    // Only a prefix of the chain may go: shrink the set from its newest month while a kept row is older by id.
    let stats: { rows: number; maxId: number | null } = { rows: 0, maxId: null };
    // A row's place in the chain: (0, id) for rows hashed before decision 052, (chain_seq, id) for sealed rows.
    while (due.length) {
      const names = due.map((p) => p.name);
      const [s] = await queryRows<{ rows: number; max_id: string | null; unsealed: number; prefix: boolean | null }>(
        tx,
        sql`with d as (select id, hash, coalesce(chain_seq, 0) as seq from audit_log
              where tableoid::regclass::text = any(string_to_array(${names.join(',')}, ','))),
            k as (select id, coalesce(chain_seq, 0) as seq from audit_log
              where hash is not null and tableoid::regclass::text <> all(string_to_array(${names.join(',')}, ',')))
          select (select count(*)::int from d) as rows, (select max(id)::text from d) as max_id,
            (select count(*)::int from d where hash is null) as unsealed,
            (select row(seq, id) from d order by seq desc, id desc limit 1) <
              (select row(seq, id) from k order by seq, id limit 1) as prefix`,
      );
      stats = { rows: Number(s?.rows ?? 0), maxId: s?.max_id == null ? null : Number(s.max_id) };
      // Nothing in it, nothing kept after it, or a true prefix of the chain with every row sealed.
      if (stats.maxId === null || (Number(s?.unsealed ?? 0) === 0 && s?.prefix !== false)) break;
      due = due.slice(0, -1);
    }
    if (!due.length) return null;
    const names = due.map((p) => p.name);
    const [anchor] = await queryRows<{ hash: string | null }>(
      tx,
      sql`select hash from audit_log where hash is not null and tableoid::regclass::text = any(string_to_array(${names.join(',')}, ','))
        order by coalesce(chain_seq, 0) desc, id desc limit 1`,
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
