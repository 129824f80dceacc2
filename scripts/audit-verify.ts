/**
 * `npm run audit:verify`: seals what is committed, then walks the audit log's hash chain
 * (docs/decisions/017-audit-chain.md, 052) on the configured database (DATABASE_URL, else the embedded one in
 * DATA_DIR) and exits 1 when a row was changed, removed or slipped in, or when a row is still unsealed longer than
 * AUDIT_UNSEALED_LIMIT_SECONDS after it was written.
 */
import { verifyAuditChain } from '../src/kernel/audit/verify.js';
import { loadConfig } from '../src/kernel/config.js';
import { openDatabase } from '../src/kernel/db/client.js';

const config = loadConfig();
const database = await openDatabase({ ...config, DATABASE_POOL_SIZE: 2 });
try {
  const staleBefore = new Date(Date.now() - config.AUDIT_UNSEALED_LIMIT_SECONDS * 1000);
  const report = await verifyAuditChain(database.db, { staleBefore });
  process.stdout.write(
    `audit log: ${report.rows} rows, ${report.unchained} not in the chain (${report.stale} unsealed for over ` +
      `${config.AUDIT_UNSEALED_LIMIT_SECONDS} s), ${report.broken.length} broken\n`,
  );
  for (const d of report.retention)
    process.stdout.write(
      `  dropped by retention on ${d.droppedAt.toISOString()}: ${d.rows} rows from ${d.fromAt.toISOString()} to ${d.toAt.toISOString()} (ids up to ${d.lastId ?? '-'})\n`,
    );
  for (const b of report.broken.slice(0, 50))
    process.stdout.write(`  row ${b.id}: ${b.reason === 'content' ? 'content changed' : 'chain link broken'}\n`);
  process.exitCode = report.broken.length || report.stale ? 1 : 0;
} finally {
  await database.close();
}
