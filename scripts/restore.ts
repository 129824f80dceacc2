/**
 * `npm run restore -- <file>`: restores a backup made by `npm run backup` into an EMPTY database (decision 025).
 * PostgreSQL: create a fresh database, point DATABASE_URL at it, then run this (pg_restore). PGlite: DATA_DIR must
 * hold no database yet (move the old one away). Afterwards every table's row count and checksum is compared with
 * `<file>.sums.json` when it is there; exit code 1 on any difference.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../src/kernel/config.js';
import { pgliteDumpBlob, pgRestore, tableChecksums } from '../src/kernel/db/backup.js';
import { openDatabase, openPglite } from '../src/kernel/db/client.js';

const config = loadConfig();
const file = process.argv[2];
if (!file || !fs.existsSync(file)) {
  process.stderr.write('usage: npm run restore -- <backup file>\n');
  process.exit(2);
}
if (config.DATABASE_URL) {
  await pgRestore(config.DATABASE_URL, file);
} else {
  if (fs.existsSync(path.join(config.DATA_DIR, 'pgdata'))) {
    process.stderr.write(`${config.DATA_DIR}/pgdata exists: restore into an empty DATA_DIR (move the old one away)\n`);
    process.exit(2);
  }
  const loaded = await openPglite(config.DATA_DIR, { loadDataDir: pgliteDumpBlob(file) });
  await loaded.close();
}
const database = await openDatabase({ ...config, DATABASE_POOL_SIZE: 2 });
try {
  const sums = await tableChecksums(database);
  const sumsFile = `${file}.sums.json`;
  if (fs.existsSync(sumsFile)) {
    const want = JSON.parse(fs.readFileSync(sumsFile, 'utf8')) as typeof sums;
    const differ = want.filter((w) => {
      const got = sums.find((s) => s.table === w.table);
      return !got || got.rows !== w.rows || got.md5 !== w.md5;
    });
    for (const d of differ) process.stdout.write(`  differs: ${d.table}\n`);
    process.stdout.write(`restore: ${sums.length} tables, ${differ.length} differ from the backup's checksums\n`);
    process.exitCode = differ.length ? 1 : 0;
  } else {
    process.stdout.write(`restore: ${sums.length} tables (no .sums.json to compare with)\n`);
  }
} finally {
  await database.close();
}
