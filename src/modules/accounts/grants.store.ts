import { and, desc, eq, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { audit } from '../../kernel/audit/audit.js';
import type { Ctx } from '../../kernel/context.js';
import type { DbOrTx } from '../../kernel/db/client.js';
import { accounts, territories, type TerritoryLevel } from '../../kernel/db/schema.js';
import { conflict, forbidden } from '../../kernel/http/errors.js';
import { offsetOf } from '../../kernel/http/pagination.js';
import type { Role } from '../../kernel/rbac/rbac.js';
import { inSubtree } from '../../kernel/scope/scope.js';
import type { GrantListQuery } from './contract.js';
import { tellOwner } from './notices.js';
import { accountGrants } from './schema.js';

/** What openGrant needs of the account (accounts.service's row). */
interface Target {
  id: number;
  roles: string[];
  territory: { id: number; level: TerritoryLevel };
  path: string;
}

/** An admin-set password is good for one sign-in within this many hours. */
export const TEMPORARY_PASSWORD_HOURS = 72;

/** Roles whose grant needs a second admin (four eyes): every admin role. */
const ADMIN_ROLES: readonly Role[] = [
  'sysAdmin',
  'securityAdmin',
  'auditAdmin',
  'cityAdmin',
  'districtAdmin',
  'streetAdmin',
];
/** Any role bound at one of these levels reaches a whole district or more: also four eyes. */
const WIDE_LEVELS: readonly TerritoryLevel[] = ['country', 'province', 'city', 'district'];

export const needsSecondAdmin = (role: string) => ADMIN_ROLES.includes(role as Role);
/** Whether an account with these roles at a node of this level holds wide power (an admin role, or district scope). */
export const elevated = (roles: readonly string[], level: TerritoryLevel) =>
  roles.some(needsSecondAdmin) || (roles.length > 0 && WIDE_LEVELS.includes(level));

export interface Grant {
  id: number;
  kind: 'grant' | 'resetPassword';
  state: 'pending' | 'approved' | 'rejected';
  account: { id: number; username: string; displayName: string };
  beforeRoles: string[];
  roles: string[] | null;
  territory: { id: number; name: string } | null;
  requestedBy: { id: number; displayName: string };
  decidedBy: { id: number; displayName: string } | null;
  decidedAt: Date | null;
  createdAt: Date;
}

/**
 * Opens a pending grant when the change needs a second admin, else returns null (the caller applies it). A role
 * change needs one when the account would end up elevated with a role or node it did not have; a password reset
 * when the account is elevated now. One pending request per account and kind: a second one is a 409.
 */
export async function openGrant(
  ctx: Ctx,
  tx: DbOrTx,
  before: Target,
  change: { roles: string[]; territoryId: number } | { passwordHash: string },
): Promise<Grant | null> {
  if (before.id === ctx.actor.accountId) throw forbidden('account.notSelf');
  let values: Partial<typeof accountGrants.$inferInsert>;
  if ('passwordHash' in change) {
    if (!elevated(before.roles, before.territory.level)) return null;
    values = { kind: 'resetPassword', passwordHash: change.passwordHash };
  } else {
    const [node] = await tx
      .select({ level: territories.level })
      .from(territories)
      .where(eq(territories.id, change.territoryId));
    const added = change.roles.filter((r) => !before.roles.includes(r));
    const moved = change.territoryId !== before.territory.id;
    if (!elevated(change.roles, node!.level) || (!added.length && !moved)) return null;
    values = { kind: 'grant', roles: change.roles, territoryId: change.territoryId };
  }
  const [open] = await tx
    .select({ id: accountGrants.id })
    .from(accountGrants)
    .where(
      and(
        eq(accountGrants.accountId, before.id),
        eq(accountGrants.kind, values.kind!),
        eq(accountGrants.state, 'pending'),
      ),
    );
  if (open) throw conflict('account.grantPending');
  const [row] = await tx
    .insert(accountGrants)
    .values({
      ...values,
      kind: values.kind!,
      accountId: before.id,
      beforeRoles: before.roles,
      beforeTerritoryId: before.territory.id,
      requestedBy: ctx.actor.accountId,
      scopePath: before.path,
      createdAt: ctx.clock.now(),
    })
    .returning({ id: accountGrants.id });
  await audit(tx, ctx, {
    action: values.kind === 'grant' ? 'account.grantRequested' : 'account.resetRequested',
    objectType: 'account',
    objectId: before.id,
    scopePath: before.path,
    before: { roles: before.roles, territoryId: before.territory.id },
    after: {
      grantId: row!.id,
      ...(values.kind === 'grant' ? { roles: values.roles, territoryId: values.territoryId } : {}),
    },
  });
  await tellOwner(tx, ctx, before.id, 'account.grantRequested', {
    roles: (values.roles ?? []).join(','),
    kind: values.kind!,
  });
  return (await loadGrants(ctx, tx, [eq(accountGrants.id, row!.id)]))[0]!;
}

const requester = alias(accounts, 'grant_requester');
const decider = alias(accounts, 'grant_decider');
const target = alias(accounts, 'grant_target');

export async function loadGrants(ctx: Ctx, db: DbOrTx, where: SQL[], page?: GrantListQuery) {
  const q = db
    .select({
      id: accountGrants.id,
      kind: accountGrants.kind,
      state: accountGrants.state,
      account: { id: target.id, username: target.username, displayName: target.displayName },
      beforeRoles: accountGrants.beforeRoles,
      roles: accountGrants.roles,
      territoryId: accountGrants.territoryId,
      territoryName: territories.name,
      requestedBy: { id: requester.id, displayName: requester.displayName },
      decidedById: accountGrants.decidedBy,
      decidedByName: decider.displayName,
      decidedAt: accountGrants.decidedAt,
      createdAt: accountGrants.createdAt,
    })
    .from(accountGrants)
    .innerJoin(target, eq(target.id, accountGrants.accountId))
    .innerJoin(requester, eq(requester.id, accountGrants.requestedBy))
    .leftJoin(decider, eq(decider.id, accountGrants.decidedBy))
    .leftJoin(territories, eq(territories.id, accountGrants.territoryId))
    .where(and(inSubtree(accountGrants.scopePath, ctx.actor), ...where))
    .orderBy(desc(accountGrants.createdAt), desc(accountGrants.id))
    .limit(page?.pageSize ?? 1)
    .offset(page ? offsetOf(page) : 0);
  const rows = await q;
  return rows.map((r): Grant => ({
    id: r.id,
    kind: r.kind,
    state: r.state,
    account: r.account,
    beforeRoles: r.beforeRoles,
    roles: r.roles,
    territory: r.territoryId ? { id: r.territoryId, name: r.territoryName ?? '' } : null,
    requestedBy: r.requestedBy,
    decidedBy: r.decidedById ? { id: r.decidedById, displayName: r.decidedByName ?? '' } : null,
    decidedAt: r.decidedAt,
    createdAt: r.createdAt,
  }));
}
