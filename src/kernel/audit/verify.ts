import { asc, gt } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { auditLog } from '../db/schema.js';
import { chainHash, GENESIS } from './audit.js';

export interface ChainReport {
  /** Rows read. */
  rows: number;
  /** Rows written before the chain existed (no hash): listed, not verifiable. */
  unchained: number;
  /** Ids whose content no longer matches their hash, or whose link to the previous row is broken. */
  broken: { id: number; reason: 'content' | 'link' }[];
}

/**
 * Walks the audit log in id order and recomputes every hash (docs/decisions/017-audit-chain.md): an UPDATE of a
 * row breaks its content hash, a deleted or inserted row breaks the next link. Reads in pages of 5,000.
 */
export async function verifyAuditChain(db: DbOrTx): Promise<ChainReport> {
  const report: ChainReport = { rows: 0, unchained: 0, broken: [] };
  let prev: string | null = null;
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
