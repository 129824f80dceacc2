import { and, count, eq, type SQL } from 'drizzle-orm';
import { audit } from '../../kernel/audit/audit.js';
import type { Ctx } from '../../kernel/context.js';
import type { DbOrTx } from '../../kernel/db/client.js';
import { accounts, sessions } from '../../kernel/db/schema.js';
import { conflict, forbidden, notFound } from '../../kernel/http/errors.js';
import { isRole } from '../../kernel/rbac/rbac.js';
import { inSubtree, placeInScope } from '../../kernel/scope/scope.js';
import { applyPasswordReset, checkRoles, loadInScope } from './accounts.service.js';
import type { GrantListQuery } from './contract.js';
import { loadGrants, type Grant } from './grants.store.js';
import { tellOwner } from './notices.js';
import { accountGrants } from './schema.js';

/** Grant requests inside the actor's subtree, pending first by default. */
export async function listGrants(ctx: Ctx, q: GrantListQuery) {
  const where: SQL[] = [];
  if (q.state) where.push(eq(accountGrants.state, q.state));
  if (q.accountId) where.push(eq(accountGrants.accountId, q.accountId));
  const [items, [total]] = await Promise.all([
    loadGrants(ctx, ctx.db, where, q),
    ctx.db
      .select({ n: count() })
      .from(accountGrants)
      .where(and(inSubtree(accountGrants.scopePath, ctx.actor), ...where)),
  ]);
  return { items, total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

async function loadPending(ctx: Ctx, tx: DbOrTx, id: number) {
  const [g] = await tx
    .select()
    .from(accountGrants)
    .where(and(eq(accountGrants.id, id), inSubtree(accountGrants.scopePath, ctx.actor)))
    .for('update');
  if (!g) throw notFound();
  if (g.state !== 'pending') throw conflict('account.grantDecided');
  return g;
}

/**
 * A second admin approves: never the one who asked, never the account's owner. The account must still have the
 * roles and node it had when asked (else 409: ask again). The change is made, audited and the owner told.
 */
export async function approveGrant(ctx: Ctx, id: number): Promise<Grant> {
  return ctx.db.transaction(async (tx) => {
    const g = await loadPending(ctx, tx, id);
    if (g.requestedBy === ctx.actor.accountId) throw forbidden('account.grantOwnRequest');
    if (g.accountId === ctx.actor.accountId) throw forbidden('account.notSelf');
    const before = await loadInScope(ctx, tx, g.accountId);
    const sameRoles =
      before.roles.length === g.beforeRoles.length && before.roles.every((r) => g.beforeRoles.includes(r));
    if (!sameRoles || before.territory.id !== g.beforeTerritoryId) throw conflict('account.grantStale');
    await tx
      .update(accountGrants)
      .set({ state: 'approved', decidedBy: ctx.actor.accountId, decidedAt: ctx.clock.now() })
      .where(eq(accountGrants.id, id));
    if (g.kind === 'resetPassword') {
      await applyPasswordReset(ctx, before, g.passwordHash!, tx);
      await tx.update(accountGrants).set({ passwordHash: null }).where(eq(accountGrants.id, id));
    } else {
      const roles = (g.roles ?? []).filter(isRole);
      checkRoles(ctx, roles);
      if (g.territoryId !== before.territory.id) {
        await placeInScope(tx, ctx.actor, g.territoryId!);
      }
      await tx
        .update(accounts)
        .set({ roles, territoryId: g.territoryId!, updatedAt: ctx.clock.now() })
        .where(eq(accounts.id, g.accountId));
      // Sessions of the account end: the new power starts with a fresh sign-in.
      await tx.delete(sessions).where(eq(sessions.accountId, g.accountId));
      const after = await loadInScope(ctx, tx, g.accountId);
      await audit(tx, ctx, {
        action: 'account.update',
        objectType: 'account',
        objectId: g.accountId,
        scopePath: after.path,
        before: { roles: before.roles, territoryId: before.territory.id },
        after: { roles: after.roles, territoryId: after.territory.id, grantId: id },
      });
      await tellOwner(tx, ctx, g.accountId, 'account.rolesChanged', {
        roles: after.roles.join(','),
        node: after.territory.name,
      });
    }
    await audit(tx, ctx, {
      action: 'account.grantApproved',
      objectType: 'account',
      objectId: g.accountId,
      scopePath: g.scopePath,
      after: { grantId: id, kind: g.kind, requestedBy: g.requestedBy },
    });
    return (await loadGrants(ctx, tx, [eq(accountGrants.id, id)]))[0]!;
  });
}

/** A second admin rejects a request, or its requester withdraws it; nothing changes on the account. */
export async function rejectGrant(ctx: Ctx, id: number): Promise<Grant> {
  return ctx.db.transaction(async (tx) => {
    const g = await loadPending(ctx, tx, id);
    const mayDecide = ctx.actor.permissions.has('account.approveGrant') && g.accountId !== ctx.actor.accountId;
    if (!mayDecide && g.requestedBy !== ctx.actor.accountId) throw forbidden();
    await tx
      .update(accountGrants)
      .set({ state: 'rejected', decidedBy: ctx.actor.accountId, decidedAt: ctx.clock.now(), passwordHash: null })
      .where(eq(accountGrants.id, id));
    await audit(tx, ctx, {
      action: 'account.grantRejected',
      objectType: 'account',
      objectId: g.accountId,
      scopePath: g.scopePath,
      after: { grantId: id, kind: g.kind, requestedBy: g.requestedBy },
    });
    return (await loadGrants(ctx, tx, [eq(accountGrants.id, id)]))[0]!;
  });
}
