import { createHash, randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { accounts, sessions } from '../db/schema.js';

/**
 * Columns outside the account that copy its owner's name (or number) onto records others rely on: when a person is
 * deleted (PIPL, issue 18 point 7) the records stay, the name becomes the pseudonym and the number goes. One
 * declared list, next to PII_COLUMNS; tables named as strings so the kernel imports no module.
 */
const COPIES: readonly { table: string; accountColumn: string; set: Record<string, 'pseudonym' | 'null'> }[] = [
  { table: 'order_events', accountColumn: 'actor_id', set: { actor_name: 'pseudonym' } },
  { table: 'order_attachments', accountColumn: 'uploader_id', set: { uploader_name: 'pseudonym' } },
];
/** Records that only describe the person and serve nobody once they are gone: deleted with them. */
const ONLY_THEIRS: readonly { table: string; accountColumn: string }[] = [
  { table: 'signup_requests', accountColumn: 'account_id' },
];

/** A stable pseudonym for a deleted person: 居民 + 8 hex digits of a random-salted hash (not reversible). */
export function pseudonymOf(id: number): string {
  return `居民${createHash('sha256')
    .update(`${id}:${randomBytes(8).toString('hex')}`)
    .digest('hex')
    .slice(0, 8)}`;
}

/**
 * Disables an account for good and strips what names its owner: username and display name become the pseudonym,
 * the phone hash, password and second factor go, sessions end; the copies of the name on orders, attachments and
 * sign-up requests take the pseudonym. Orders and ratings stay linked to the (disabled) account.
 */
export async function anonymiseAccount(tx: DbOrTx, accountId: number, pseudonym: string): Promise<void> {
  await tx
    .update(accounts)
    .set({
      username: `deleted-${accountId}-${randomBytes(4).toString('hex')}`,
      displayName: pseudonym,
      phoneHash: null,
      passwordHash: 'disabled',
      totpSecret: null,
      totpEnabled: false,
      disabled: true,
      updatedAt: new Date(),
    })
    .where(eq(accounts.id, accountId));
  await tx.delete(sessions).where(eq(sessions.accountId, accountId));
  for (const c of COPIES) {
    const sets = Object.entries(c.set).map(([col, v]) =>
      v === 'null' ? sql`${sql.identifier(col)} = null` : sql`${sql.identifier(col)} = ${pseudonym}`,
    );
    await tx.execute(
      sql`update ${sql.identifier(c.table)} set ${sql.join(sets, sql`, `)} where ${sql.identifier(c.accountColumn)} = ${accountId}`,
    );
  }
  for (const c of ONLY_THEIRS)
    await tx.execute(
      sql`delete from ${sql.identifier(c.table)} where ${sql.identifier(c.accountColumn)} = ${accountId}`,
    );
}
