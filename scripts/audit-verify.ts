/**
 * `npm run audit:verify`: walks the audit log's hash chain (docs/decisions/017-audit-chain.md) on the configured
 * database (DATABASE_URL, else the embedded one in DATA_DIR) and exits 1 when a row was changed, removed or slipped in.
 */
import { verifyAuditChain } from '../src/kernel/audit/verify.js';
import { loadConfig } from '../src/kernel/config.js';
import { openDatabase } from '../src/kernel/db/client.js';

const config = loadConfig();
const database = await openDatabase({ ...config, DATABASE_POOL_SIZE: 2 });
try {
  const report = await verifyAuditChain(database.db);
  process.stdout.write(
    `audit log: ${report.rows} rows, ${report.unchained} from before the chain, ${report.broken.length} broken\n`,
  );
  for (const d of report.retention)
    process.stdout.write(
      `  dropped by retention on ${d.droppedAt.toISOString()}: ${d.rows} rows from ${d.fromAt.toISOString()} to ${d.toAt.toISOString()} (ids up to ${d.lastId ?? '-'})\n`,
    );
  for (const b of report.broken.slice(0, 50))
    process.stdout.write(`  row ${b.id}: ${b.reason === 'content' ? 'content changed' : 'chain link broken'}\n`);
  process.exitCode = report.broken.length ? 1 : 0;
} finally {
  await database.close();
}
