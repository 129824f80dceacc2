import { and, eq, isNull } from 'drizzle-orm';
import { audit } from '../../kernel/audit/audit.js';
import type { Ctx } from '../../kernel/context.js';
import type { DbOrTx } from '../../kernel/db/client.js';
import { residents } from './schema.js';

/**
 * The register's side of resident sign-up (signup module, decision 007): other modules link accounts to residents
 * and add residents only through these, inside their own transaction.
 */

/**
 * Links an account to the first resident of the household with this phone (keyed hash) who has no account yet.
 * Returns the resident's id, or null when the register has no such resident.
 */
export async function linkResidentByPhone(
  tx: DbOrTx,
  now: Date,
  who: { householdId: number; phoneHash: string; accountId: number },
): Promise<number | null> {
  const [match] = await tx
    .select({ id: residents.id })
    .from(residents)
    .where(
      and(
        eq(residents.householdId, who.householdId),
        eq(residents.phoneHash, who.phoneHash),
        isNull(residents.accountId),
      ),
    )
    .orderBy(residents.id)
    .limit(1);
  if (!match) return null;
  await tx.update(residents).set({ accountId: who.accountId, updatedAt: now }).where(eq(residents.id, match.id));
  return match.id;
}

/** Adds a confirmed claimant to the register (audited as `resident.create`, source signup); returns its id. */
export async function addSignedUpResident(
  tx: DbOrTx,
  ctx: Pick<Ctx, 'actor' | 'clock' | 'requestId' | 'ip'>,
  r: { name: string; householdId: number; scopePath: string; phoneEnc: string; phoneHash: string; accountId: number },
): Promise<number> {
  const [created] = await tx
    .insert(residents)
    .values({
      name: r.name,
      householdId: r.householdId,
      scopePath: r.scopePath,
      phoneEnc: r.phoneEnc,
      phoneHash: r.phoneHash,
      accountId: r.accountId,
      note: 'signup',
    })
    .returning({ id: residents.id });
  const residentId = created!.id;
  await audit(tx, ctx, {
    action: 'resident.create',
    objectType: 'resident',
    objectId: residentId,
    scopePath: r.scopePath,
    after: { name: r.name, householdId: r.householdId, source: 'signup' },
  });
  return residentId;
}
