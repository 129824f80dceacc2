/**
 * `npm run keys:rotate` (issue 18, decision 035): re-encrypts every personal-data column under the current key.
 *
 *   1. new key: `openssl rand -base64 32`; set it as PII_ENCRYPTION_KEY and move the old one into PII_PREVIOUS_KEYS
 *      (restart the servers: new writes use the new key, old values still read by their key id);
 *   2. `npm run keys:rotate` with the same settings: every value under an old key is rewritten, in batches of
 *      `KEYS_ROTATE_BATCH` (default 500) each committed on its own; stopped anywhere, run it again to finish;
 *   3. when it reports 0 values left under old keys, drop the old key from PII_PREVIOUS_KEYS (and restart).
 *
 * The keyed search hashes (PII_HASH_KEY) are not rotated, so phone and ID look-ups keep matching. Works on the
 * configured database (DATABASE_URL, else the embedded one in DATA_DIR).
 */
import { loadConfig } from '../src/kernel/config.js';
import { configurePii, currentPiiKeyId } from '../src/kernel/crypto/pii.js';
import { piiKeyUsage, rotatePiiKeys } from '../src/kernel/crypto/rotate.js';
import { openDatabase } from '../src/kernel/db/client.js';

const config = loadConfig();
configurePii(config);
const database = await openDatabase({ ...config, DATABASE_POOL_SIZE: 2 });
try {
  const batch = Number(process.env.KEYS_ROTATE_BATCH ?? 500) || 500;
  const columns = await rotatePiiKeys(database.db, { batch });
  for (const c of columns) process.stdout.write(`  ${c.table}.${c.column}: ${c.rewritten} re-encrypted\n`);
  const usage = await piiKeyUsage(database.db);
  const current = currentPiiKeyId();
  const left = Object.entries(usage).filter(([k]) => k !== current);
  process.stdout.write(
    `keys:rotate: ${usage[current] ?? 0} values under key ${current}; ` +
      (left.length
        ? `${left.map(([k, n]) => `${n} still under ${k}`).join(', ')}\n`
        : '0 under old keys: they may be dropped from PII_PREVIOUS_KEYS\n'),
  );
  process.exitCode = left.length ? 1 : 0;
} finally {
  await database.close();
}
