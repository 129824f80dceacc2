/**
 * `npm run backup [-- <file>]`: a backup of the configured database (decision 025). PostgreSQL (DATABASE_URL):
 * `pg_dump --format=custom` to `<file>` (default DATA_DIR/backups/gongzhi-<time>.dump). PGlite (DATA_DIR): the data
 * directory as a gzipped tar (default …/gongzhi-<time>.tar.gz); PGlite is single-process, so stop the server first.
 * Next to the file, `<file>.sums.json` holds every table's row count and checksum, which `npm run restore` checks.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../src/kernel/config.js';
import { pgDump, pgliteDump, tableChecksums } from '../src/kernel/db/backup.js';
import { openDatabase } from '../src/kernel/db/client.js';

const config = loadConfig();
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const file = path.resolve(
  process.argv[2] ??
    path.join(config.DATA_DIR, 'backups', `gongzhi-${stamp}.${config.DATABASE_URL ? 'dump' : 'tar.gz'}`),
);
fs.mkdirSync(path.dirname(file), { recursive: true });
const database = await openDatabase({ ...config, DATABASE_POOL_SIZE: 2 });
try {
  const sums = await tableChecksums(database);
  if (config.DATABASE_URL) await pgDump(config.DATABASE_URL, file);
  else await pgliteDump(database, file);
  fs.writeFileSync(`${file}.sums.json`, `${JSON.stringify(sums, null, 2)}\n`);
  const rows = sums.reduce((n, s) => n + s.rows, 0);
  process.stdout.write(`backup: ${file} (${fs.statSync(file).size} bytes, ${sums.length} tables, ${rows} rows)\n`);
} finally {
  await database.close();
}
