import { asc, desc, gt } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { auditLog, auditRetention } from '../db/schema.js';
import { chainHash, GENESIS } from './audit.js';

export interface ChainReport {
  /** Rows read. */
  rows: number;
  /** Rows written before the chain existed (no hash): listed, not verifiable. */
  unchained: number;
  /** Ids whose content no longer matches their hash, or whose link to the previous row is broken. */
  broken: { id: number; reason: 'content' | 'link' }[];
  /**
   * Months dropped by retention (decision 051), oldest first: the chain starts after the last one's `lastId`, its
   * first row linking to that drop's `anchorHash`, not to 64 zeros.
   */
  retention: { droppedAt: Date; fromAt: Date; toAt: Date; rows: number; lastId: number | null }[];
}

/**
 * Walks the audit log in id order and recomputes every hash (docs/decisions/017-audit-chain.md): an UPDATE of a
 * row breaks its content hash, a deleted or inserted row breaks the next link. Reads in pages of 5,000. Months dropped
 * by retention are reported, and the first retained row is checked against the recorded anchor.
 */
export async function verifyAuditChain(db: DbOrTx): Promise<ChainReport> {
  const drops = await db.select().from(auditRetention).orderBy(asc(auditRetention.id));
  const report: ChainReport = {
    rows: 0,
    unchained: 0,
    broken: [],
    retention: drops.map((d) => ({
      droppedAt: d.droppedAt,
      fromAt: d.fromAt,
      toAt: d.toAt,
      rows: d.rows,
      lastId: d.lastId,
    })),
  };
  // After a retention drop the chain begins at the row following the last dropped one, linked to its hash.
  const [cut] = await db.select().from(auditRetention).orderBy(desc(auditRetention.lastId)).limit(1);
  let prev: string | null = cut?.anchorHash ?? null;
  let after = 0;
  for (;;) {
    const page = await db.select().from(auditLog).where(gt(auditLog.id, after)).orderBy(asc(auditLog.id)).limit(5000);
    if (!page.length) break;
    for (const r of page) {
      report.rows++;
      after = r.id;
      if (!r.hash) {
        report.unchained++;
        continue;
      }
      if (r.prevHash !== (prev ?? GENESIS)) report.broken.push({ id: r.id, reason: 'link' });
      if (chainHash(r.prevHash ?? '', r) !== r.hash) report.broken.push({ id: r.id, reason: 'content' });
      prev = r.hash;
    }
  }
  return report;
}
