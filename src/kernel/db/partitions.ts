import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from './client.js';
import { rowsOf } from './rows.js';

/** The rows of a raw query, typed by the caller. */
export const queryRows = async <T>(db: DbOrTx, query: SQL): Promise<T[]> => rowsOf(await db.execute(query)) as T[];

/**
 * Monthly partitions (decision 051). `audit_log` and `order_events` are partitioned by range of `at`, one partition
 * per China month (`<table>_pYYYYMM`) and a DEFAULT partition so an insert never fails. The SQL function
 * `gz_month_partition` (migration 0015) creates one month idempotently, moving that month's rows out of DEFAULT if
 * any landed there, and copies the parent's TRUNCATE guard onto the partition.
 */

/** Months created ahead of the current one (this month + 3). */
export const PARTITION_MONTHS_AHEAD = 3;

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** First day (YYYY-MM-01) of the China month `plus` months after the one `at` falls in. */
export function chinaMonthStart(at: Date, plus = 0): string {
  const d = new Date(at.getTime() + CHINA_OFFSET_MS);
  const m = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + plus, 1));
  return m.toISOString().slice(0, 10);
}

/** The instant a China month (YYYY-MM-01) starts. */
export const chinaMonthInstant = (month: string) => new Date(`${month}T00:00:00+08:00`);

/** Tables of the current schema partitioned by range (the ones migration 0015 converted, and any later). */
export async function partitionedTables(db: DbOrTx): Promise<string[]> {
  const r = await queryRows<{ name: string }>(
    db,
    sql`select c.relname as name from pg_partitioned_table p
    join pg_class c on c.oid = p.partrelid join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and p.partstrat = 'r' order by 1`,
  );
  return r.map((x) => x.name);
}

export interface MonthPartition {
  name: string;
  /** The China month it holds, YYYY-MM-01. */
  month: string;
  from: Date;
  to: Date;
}

/** The monthly partitions of `table`, oldest first (the DEFAULT partition is not listed). */
export async function monthPartitions(db: DbOrTx, table: string): Promise<MonthPartition[]> {
  const r = await queryRows<{ name: string }>(
    db,
    sql`select c.relname as name from pg_inherits i
    join pg_class c on c.oid = i.inhrelid where i.inhparent = ${table}::regclass order by 1`,
  );
  const re = new RegExp(`^${table}_p(\\d{4})(\\d{2})$`);
  const out: MonthPartition[] = [];
  for (const { name } of r) {
    const m = re.exec(name);
    if (!m) continue;
    const month = `${m[1]}-${m[2]}-01`;
    const from = chinaMonthInstant(month);
    out.push({ name, month, from, to: chinaMonthInstant(chinaMonthStart(from, 1)) });
  }
  return out;
}

/**
 * Creates the partitions of the months from `from`'s through `ahead` months after `to`'s (default: `to` = `from`),
 * for every partitioned table or the ones named. Idempotent; returns the partitions it created.
 */
export async function ensureMonthPartitions(
  db: DbOrTx,
  opts: { from: Date; to?: Date; ahead?: number; tables?: readonly string[] },
): Promise<string[]> {
  const tables = opts.tables ?? (await partitionedTables(db));
  const last = chinaMonthStart(opts.to ?? opts.from, opts.ahead ?? PARTITION_MONTHS_AHEAD);
  const created: string[] = [];
  for (const table of tables)
    for (let k = 0, m = chinaMonthStart(opts.from); m <= last; m = chinaMonthStart(opts.from, ++k)) {
      const [r] = await queryRows<{ made: boolean }>(db, sql`select gz_month_partition(${table}, ${m}::date) as made`);
      if (r?.made) created.push(`${table}_p${m.slice(0, 4)}${m.slice(5, 7)}`);
    }
  return created;
}
