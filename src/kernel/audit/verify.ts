import { and, asc, count, desc, gt, isNotNull, isNull, lt } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { auditLog, auditRetention } from '../db/schema.js';
import { chainHash, GENESIS } from './audit.js';
import { sealAuditChain } from './seal.js';

export interface ChainReport {
  /** Rows read. */
  rows: number;
  /** Rows not in the chain (no hash): written before the chain existed, or not sealed yet. Counted, not judged. */
  unchained: number;
  /**
   * Rows found unsealed (before this verification sealed them) although written before `staleBefore`: the server's
   * sealer does not run or lags; until sealed, a row could be removed without breaking a link.
   */
  stale: number;
  /** Ids whose content no longer matches their hash, or whose link to the previous row is broken. */
  broken: { id: number; reason: 'content' | 'link' }[];
  /**
   * Months dropped by retention (decision 051), oldest first: the chain starts after the last one's rows, its first
   * row linking to that drop's `anchorHash`, not to 64 zeros.
   */
  retention: { droppedAt: Date; fromAt: Date; toAt: Date; rows: number; lastId: number | null }[];
}

/**
 * Seals what is committed (unless `seal: false`), then walks the audit chain and recomputes every hash
 * (docs/decisions/017-audit-chain.md, 052): an UPDATE of a sealed row breaks its content hash, a deleted or inserted
 * row breaks the next link. The chain is the rows hashed before decision 052 in id order, then the sealed rows in
 * `chain_seq` order. Months dropped by retention (decision 051) are reported, and the first retained row is checked
 * against the recorded anchor. Reads in pages of 5,000.
 */
export async function verifyAuditChain(
  db: DbOrTx,
  opts: { seal?: boolean; staleBefore?: Date } = {},
): Promise<ChainReport> {
  const drops = await db.select().from(auditRetention).orderBy(asc(auditRetention.id));
  const report: ChainReport = {
    rows: 0,
    unchained: 0,
    stale: 0,
    broken: [],
    retention: drops.map((d) => ({
      droppedAt: d.droppedAt,
      fromAt: d.fromAt,
      toAt: d.toAt,
      rows: d.rows,
      lastId: d.lastId,
    })),
  };
  // Counted before this pass seals them: rows the server's sealer left unsealed too long.
  if (opts.staleBefore) {
    const [old] = await db
      .select({ n: count() })
      .from(auditLog)
      .where(and(isNull(auditLog.hash), lt(auditLog.at, opts.staleBefore)));
    report.stale = old?.n ?? 0;
  }
  if (opts.seal !== false) await sealAuditChain(db);
  // After a retention drop the chain begins at the row following the last dropped one, linked to its hash.
  const [cut] = await db.select().from(auditRetention).orderBy(desc(auditRetention.id)).limit(1);
  let prev: string | null = cut?.anchorHash ?? null;
  const check = (r: typeof auditLog.$inferSelect) => {
    report.rows++;
    if (r.prevHash !== (prev ?? GENESIS)) report.broken.push({ id: r.id, reason: 'link' });
    if (chainHash(r.prevHash ?? '', r) !== r.hash) report.broken.push({ id: r.id, reason: 'content' });
    prev = r.hash;
  };
  // Rows hashed by their writers before decision 052, in id order.
  for (let after = 0; ;) {
    const page = await db
      .select()
      .from(auditLog)
      .where(and(gt(auditLog.id, after), isNotNull(auditLog.hash), isNull(auditLog.chainSeq)))
      .orderBy(asc(auditLog.id))
      .limit(5000);
    if (!page.length) break;
    for (const r of page) {
      after = r.id;
      check(r);
    }
  }
  // Rows sealed since, in the order they were sealed.
  for (let after = 0; ;) {
    const page = await db
      .select()
      .from(auditLog)
      .where(gt(auditLog.chainSeq, after))
      .orderBy(asc(auditLog.chainSeq))
      .limit(5000);
    if (!page.length) break;
    for (const r of page) {
      after = r.chainSeq!;
      check(r);
    }
  }
  const [unsealed] = await db.select({ n: count() }).from(auditLog).where(isNull(auditLog.hash));
  report.unchained = unsealed?.n ?? 0;
  report.rows += report.unchained;
  return report;
}
