import { and, asc, desc, isNotNull, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { rowsOf } from '../db/rows.js';
import { auditLog, auditRetention } from '../db/schema.js';
import { AUDIT_CHAIN_LOCK, chainHash, GENESIS } from './audit.js';

/** Rows sealed per transaction: a backlog (a restore, generated history) is sealed in steps, not in one long one. */
const BATCH = 1000;

/**
 * Seals the audit chain (docs/decisions/052-create-in-one-statement-and-sealed-audit.md): gives every unsealed row
 * this transaction can see its place (`chain_seq`), `prev_hash` and `hash`, in id order, after the last sealed row.
 *
 * A row is visible here only once the transaction that inserted it has committed; a row of a transaction still
 * running stays invisible and is sealed by a later pass, after the rows sealed now; a rolled-back row never becomes
 * visible and never enters the chain. One sealer at a time (advisory lock, held only by the sealer, never by a
 * writer), so the chain stays one line. With `wait: false` a pass finding another sealer at work returns at once.
 * Returns the number of rows sealed.
 */
export async function sealAuditChain(db: DbOrTx, opts: { wait?: boolean } = {}): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      if (opts.wait === false) {
        const [row] = rowsOf(await tx.execute(sql`select pg_try_advisory_xact_lock(${AUDIT_CHAIN_LOCK}) as ok`));
        if (!row?.ok) return -1;
      } else {
        await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
      }
      const rows = await tx.select().from(auditLog).where(isNull(auditLog.hash)).orderBy(asc(auditLog.id)).limit(BATCH);
      if (!rows.length) return 0;
      let [last] = await tx
        .select({ hash: auditLog.hash, seq: auditLog.chainSeq })
        .from(auditLog)
        .where(isNotNull(auditLog.chainSeq))
        .orderBy(desc(auditLog.chainSeq))
        .limit(1);
      if (!last) {
        // Rows hashed by writers before decision 052 (id order, no chain_seq) come first in the chain.
        [last] = await tx
          .select({ hash: auditLog.hash, seq: auditLog.chainSeq })
          .from(auditLog)
          .where(and(isNotNull(auditLog.hash), isNull(auditLog.chainSeq)))
          .orderBy(desc(auditLog.id))
          .limit(1);
      }
      if (!last) {
        // Every chained row was dropped by retention (decision 051): the chain goes on from the last drop's anchor.
        const [drop] = await tx
          .select({ hash: auditRetention.anchorHash })
          .from(auditRetention)
          .orderBy(desc(auditRetention.id))
          .limit(1);
        if (drop?.hash) last = { hash: drop.hash, seq: null };
      }
      let prev = last?.hash ?? GENESIS;
      let seq = last?.seq ?? 0;
      const sealed = rows.map((r) => {
        const hash = chainHash(prev, r);
        const out = { id: r.id, p: prev, h: hash, s: ++seq };
        prev = hash;
        return out;
      });
      await tx.execute(sql`update audit_log a set prev_hash = v.p, hash = v.h, chain_seq = v.s
        from jsonb_to_recordset(${JSON.stringify(sealed)}::jsonb) as v(id bigint, p text, h text, s bigint)
        where a.id = v.id and a.hash is null`);
      return rows.length;
    });
    if (n < 0) return total;
    total += n;
    if (n < BATCH) return total;
  }
}

/**
 * Seals soon after a commit that audited something (the HTTP layer nudges after each such response), without
 * overlapping itself: nudges while a pass runs ask for one more pass after it. Does not keep the process alive.
 */
export function auditSealer(db: () => DbOrTx, onError: (e: unknown) => void, delayMs = 50) {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const run = () => {
    timer = null;
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = sealAuditChain(db(), { wait: false })
      .then(() => undefined)
      .catch(onError)
      .finally(() => {
        running = null;
        if (again && !stopped) {
          again = false;
          nudge();
        }
      });
  };
  const nudge = () => {
    if (stopped || timer) return;
    timer = setTimeout(run, delayMs);
    timer.unref();
  };
  return {
    nudge,
    /** Seals now (waiting for another sealer), e.g. from the scheduler. */
    async pass() {
      await sealAuditChain(db());
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
