import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { hashPii } from '../crypto/pii.js';
import type { DbOrTx } from '../db/client.js';
import { accounts } from '../db/schema.js';

/** A mainland mobile number as typed at sign-in (spaces and dashes allowed). */
const MOBILE = /^1[3-9]\d{9}$/;
export const looksLikePhone = (s: string) => MOBILE.test(s.replace(/[\s-]/g, ''));

/** A username that says nothing about its owner: `jm` (居民) and 10 random base-36 characters. */
export function generatedUsername(): string {
  const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';
  return `jm${[...randomBytes(10)].map((b) => alphabet[b % 36]).join('')}`;
}

/**
 * Accounts that a version before decision 025 named by their phone number get a generated username, the phone
 * kept only as its keyed hash for phone sign-in. Idempotent (run at every start).
 */
export async function replacePhoneUsernames(db: DbOrTx): Promise<number> {
  const rows = await db
    .select({ id: accounts.id, username: accounts.username })
    .from(accounts)
    .where(sql`${accounts.username} ~ '^1[3-9][0-9]{9}$'`);
  for (const r of rows) {
    await db
      .update(accounts)
      .set({ username: generatedUsername(), phoneHash: hashPii('phone', r.username) })
      .where(eq(accounts.id, r.id));
  }
  return rows.length;
}
