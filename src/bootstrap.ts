import { ensureMonthPartitions } from './kernel/db/partitions.js';
import { count, isNull, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Config } from './kernel/config.js';
import { configurePii } from './kernel/crypto/pii.js';
import { encryptPlaintextColumns, fillPiiHashes } from './kernel/crypto/pii-columns.js';
import { replacePhoneUsernames } from './kernel/auth/phone-login.js';
import type { Database } from './kernel/db/client.js';
import { accounts, territories } from './kernel/db/schema.js';
import { registerModule } from './kernel/modules.js';
import { MODULES } from './modules/index.js';
import { createInitialAdmin, DEMO_PASSWORD, seedDemoAccounts } from './modules/accounts/accounts.seed.js';
import { seedTerritories } from './modules/territory/territory.seed.js';

export type StartupNotice =
  | { kind: 'demo'; accounts: { username: string; role: string; node: string }[]; password: string }
  | { kind: 'initialAdmin'; username: string; password: string }
  | { kind: 'none' };

/**
 * Migrates, then on an empty database loads the demo data (development) or creates the root node and one
 * system admin with a one-time password (production). Runs in one transaction: a failed first start leaves
 * nothing half-loaded, and the next start seeds from scratch (issue 18, point 9). The migrations themselves run
 * in one transaction per batch (drizzle's migrator). Under an advisory lock, with the emptiness checked again
 * inside it, so two servers starting at once never seed twice.
 */
export async function prepareDatabase(database: Database, config: Config, log: Logger): Promise<StartupNotice> {
  configurePii(config); // demo residents carry encrypted numbers
  const t0 = Date.now();
  await database.migrate();
  log.info({ ms: Date.now() - t0, engine: database.engine }, 'database migrated');
  // This month's partitions and the next three (decision 051); the partition scheduler keeps them ahead.
  const made = await database.db.transaction((tx) => ensureMonthPartitions(tx, { from: new Date() }));
  if (made.length) log.info({ partitions: made }, 'monthly partitions created');
  // Rows written before decision 025: phone columns encrypted and phone usernames replaced, in the app (the keys
  // are not in the database); search hashes filled for rows written before their column (053); idempotent, so every start runs it and finds nothing to do after the first.
  const upgraded = await database.db.transaction(async (tx) => ({
    encrypted: await encryptPlaintextColumns(tx),
    hashed: await fillPiiHashes(tx),
    usernames: await replacePhoneUsernames(tx),
  }));
  if (upgraded.encrypted || upgraded.hashed || upgraded.usernames) log.info(upgraded, 'personal data at rest upgraded');
  const [acc] = await database.db.select({ n: count() }).from(accounts);
  if ((acc?.n ?? 0) > 0) return { kind: 'none' };
  return database.db.transaction(async (tx) => {
    // Servers starting together (WORKERS > 1, or two hosts) take turns here; the later one finds the seed done.
    await tx.execute(sql`select pg_advisory_xact_lock(727276)`);
    const [again] = await tx.select({ n: count() }).from(accounts);
    if ((again?.n ?? 0) > 0) return { kind: 'none' as const };
    const [root] = await tx
      .select({ id: territories.id })
      .from(territories)
      .where(isNull(territories.parentId))
      .limit(1);
    if (config.demoData && !root) {
      const t1 = Date.now();
      const { rootId } = await seedTerritories(tx);
      const demo = await seedDemoAccounts(tx, rootId);
      for (const mod of MODULES) {
        registerModule(mod);
        mod.setup?.();
      }
      for (const mod of MODULES) {
        const t2 = Date.now();
        if (mod.seedDemo) {
          await mod.seedDemo(tx);
          log.info({ module: mod.name, ms: Date.now() - t2 }, 'module demo data loaded');
        }
      }
      for (const mod of MODULES) await mod.seedDemoFinal?.(tx);
      log.info({ ms: Date.now() - t1 }, 'demo data loaded');
      return { kind: 'demo' as const, accounts: demo, password: DEMO_PASSWORD };
    }
    const rootId =
      root?.id ??
      (
        await tx.insert(territories).values({ level: 'country', name: '全部区域' }).returning({ id: territories.id })
      )[0]!.id;
    const admin = await createInitialAdmin(tx, rootId);
    return { kind: 'initialAdmin' as const, ...admin };
  });
}
