import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../kernel/db/client.js';
import { accounts } from '../../kernel/db/schema.js';
import { partyOrgs, units } from '../organizations/schema.js';
import { partyMembers } from '../party-members/schema.js';
import { orderUnitContacts } from './schema.js';

/** Test helpers shared by the API tests and the authorization-matrix rows (never used by the server). */
interface Place {
  id: number;
  path: string;
}

export async function makeUnit(db: Db, at: Place, name: string, contactAccountId?: number) {
  const [u] = await db
    .insert(units)
    .values({ territoryId: at.id, scopePath: at.path, kind: 'propertyCompany', name })
    .returning();
  if (contactAccountId) await db.insert(orderUnitContacts).values({ accountId: contactAccountId, unitId: u!.id });
  return u!;
}

/** A party member with their own branch at `at`; linked to an account, an in-service member 在职党员 (who may dual-register). */
export async function makeMember(db: Db, at: Place, name: string, accountId?: number) {
  const [b] = await db
    .insert(partyOrgs)
    .values({ kind: 'branch', name: `${name}支部`, territoryId: at.id, scopePath: at.path })
    .returning();
  const [m] = await db
    .insert(partyMembers)
    .values({
      name,
      kind: accountId ? 'inService' : 'resident',
      homeBranchId: b!.id,
      territoryId: at.id,
      scopePath: at.path,
      accountId: accountId ?? null,
    })
    .returning();
  return m!;
}

/** The first account holding this role bound to this node (the matrix's session accounts). */
export async function accountOf(db: Db, role: string, territoryId: number): Promise<number | null> {
  const [a] = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.territoryId, territoryId), sql`${role} = any(${accounts.roles})`))
    .orderBy(accounts.id)
    .limit(1);
  return a?.id ?? null;
}
