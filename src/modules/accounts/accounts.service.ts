import { and, count, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { policyOf } from '../../kernel/auth/auth.service.js';
import { checkPasswordPolicy, hashPassword } from '../../kernel/auth/password.js';
import { audit } from '../../kernel/audit/audit.js';
import type { Config } from '../../kernel/config.js';
import type { Ctx } from '../../kernel/context.js';
import type { DbOrTx } from '../../kernel/db/client.js';
import { accounts, sessions, territories } from '../../kernel/db/schema.js';
import { AppError, forbidden, notFound } from '../../kernel/http/errors.js';
import { offsetOf } from '../../kernel/http/pagination.js';
import { t } from '../../kernel/i18n/i18n.js';
import { roleConflict, type Role } from '../../kernel/rbac/rbac.js';
import { inScope, requireTerritoriesInScope } from '../../kernel/scope/scope.js';
import type { Account, AccountListQuery, CreateAccount, UpdateAccount } from './contract.js';
import { escapeLike } from '../../kernel/db/search.js';
import { tellOwner } from './notices.js';
import { TEMPORARY_PASSWORD_HOURS, needsSecondAdmin, openGrant, type Grant } from './grants.store.js';

function select(db: DbOrTx, now: Date) {
  return db
    .select({
      id: accounts.id,
      username: accounts.username,
      displayName: accounts.displayName,
      roles: accounts.roles,
      territory: { id: territories.id, name: territories.name, level: territories.level },
      path: territories.path,
      disabled: accounts.disabled,
      locked: sql<boolean>`coalesce(${accounts.lockedUntil} > ${now.toISOString()}::timestamptz, false)`,
      totpEnabled: accounts.totpEnabled,
      mustChangePassword: accounts.mustChangePassword,
      lastLoginAt: accounts.lastLoginAt,
      createdAt: accounts.createdAt,
    })
    .from(accounts)
    .innerJoin(territories, eq(territories.id, accounts.territoryId));
}

type Row = Awaited<ReturnType<ReturnType<typeof select>['execute']>>[number];
export type AccountRow = Row;
export const shape = ({ path: _path, ...rest }: Row): Account => rest;

/** Accounts bound inside the actor's subtree, searchable by name and role. */
export async function listAccounts(ctx: Ctx, q: AccountListQuery) {
  const where: SQL[] = [inScope(ctx.actor, territories.path)];
  if (q.q)
    where.push(
      or(ilike(accounts.username, `%${escapeLike(q.q)}%`), ilike(accounts.displayName, `%${escapeLike(q.q)}%`))!,
    );
  if (q.role) where.push(sql`${q.role} = any(${accounts.roles})`);
  const cond = and(...where);
  const [rows, [total]] = await Promise.all([
    select(ctx.db, ctx.clock.now())
      .where(cond)
      .orderBy(desc(accounts.createdAt), desc(accounts.id))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    ctx.db
      .select({ n: count() })
      .from(accounts)
      .innerJoin(territories, eq(territories.id, accounts.territoryId))
      .where(cond),
  ]);
  return { items: rows.map(shape), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

export async function loadInScope(ctx: Ctx, db: DbOrTx, id: number): Promise<Row> {
  const [row] = await select(db, ctx.clock.now()).where(and(eq(accounts.id, id), inScope(ctx.actor, territories.path)));
  if (!row) throw notFound();
  return row;
}

export function checkRoles(ctx: Ctx, roles: readonly Role[]) {
  const conflictKey = roleConflict(roles);
  if (conflictKey)
    throw new AppError('validation', undefined, {}, [{ field: 'roles', message: t(ctx.locale, conflictKey) }]);
}

function checkPassword(ctx: Ctx, config: Config, password: string, username: string) {
  const problems = checkPasswordPolicy(password, policyOf(config), ctx.locale, { username, field: 'password' });
  if (problems.length) throw new AppError('auth.passwordPolicy', undefined, {}, problems);
}

/**
 * Creates an account bound to a node of the actor's subtree. The password is the admin's, so it must be changed
 * at first sign-in. Roles may be given only by whoever may assign roles (三员分立: system admin creates,
 * security admin grants).
 */
export async function createAccount(ctx: Ctx, config: Config, input: CreateAccount): Promise<Account> {
  if (input.roles.length && !ctx.actor.permissions.has('account.assignRoles'))
    throw forbidden('account.rolesNeedSecurityAdmin');
  checkRoles(ctx, input.roles);
  // Admin roles are never given at creation: they go through a grant a second admin approves (four eyes).
  if (input.roles.some((r) => needsSecondAdmin(r))) throw forbidden('account.grantNeedsApproval');
  checkPassword(ctx, config, input.password, input.username);
  const passwordHash = await hashPassword(input.password);
  return ctx.db.transaction(async (tx) => {
    const paths = await requireTerritoriesInScope(tx, ctx.actor, [input.territoryId]);
    const [created] = await tx
      .insert(accounts)
      .values({
        username: input.username,
        displayName: input.displayName,
        passwordHash,
        roles: input.roles,
        territoryId: input.territoryId,
        mustChangePassword: true,
        temporaryPasswordUntil: temporaryUntil(ctx),
      })
      .returning({ id: accounts.id });
    const row = await loadInScope(ctx, tx, created!.id);
    await audit(tx, ctx, {
      action: 'account.create',
      objectType: 'account',
      objectId: row.id,
      scopePath: paths.get(input.territoryId)!,
      after: shape(row),
    });
    return shape(row);
  });
}

const temporaryUntil = (ctx: Ctx) => new Date(ctx.clock.now().getTime() + TEMPORARY_PASSWORD_HOURS * 3_600_000);

/**
 * Changes name, roles, bound node or disabled flag; each kind of change needs its own permission. A change that
 * gives an admin role or a role at district level or above is not made: it becomes a pending grant a second admin
 * approves (four eyes), answered `{ pending: grant }`.
 */
export async function updateAccount(ctx: Ctx, id: number, patch: UpdateAccount): Promise<Account | { pending: Grant }> {
  const p = ctx.actor.permissions;
  if ((patch.roles !== undefined || patch.territoryId !== undefined) && !p.has('account.assignRoles'))
    throw forbidden();
  if ((patch.displayName !== undefined || patch.disabled !== undefined) && !p.has('account.update')) throw forbidden();
  if (patch.roles) checkRoles(ctx, patch.roles);
  return ctx.db.transaction(async (tx) => {
    const before = await loadInScope(ctx, tx, id);
    if (id === ctx.actor.accountId && (patch.roles || patch.territoryId || patch.disabled))
      throw forbidden('account.notSelf');
    if (patch.territoryId !== undefined) await requireTerritoriesInScope(tx, ctx.actor, [patch.territoryId]);
    if (patch.roles !== undefined || patch.territoryId !== undefined) {
      const pending = await openGrant(ctx, tx, before, {
        roles: patch.roles ?? before.roles,
        territoryId: patch.territoryId ?? before.territory.id,
      });
      if (pending) {
        if (patch.displayName !== undefined || patch.disabled !== undefined)
          throw forbidden('account.grantNeedsApproval');
        return { pending };
      }
    }
    await tx
      .update(accounts)
      .set({ ...patch, updatedAt: ctx.clock.now() })
      .where(eq(accounts.id, id));
    if (patch.disabled) await tx.delete(sessions).where(eq(sessions.accountId, id));
    const after = await loadInScope(ctx, tx, id); // the new node was checked to be in scope above
    await audit(tx, ctx, {
      action: 'account.update',
      objectType: 'account',
      objectId: id,
      scopePath: after.path,
      before: shape(before),
      after: shape(after),
    });
    if (patch.roles !== undefined || patch.territoryId !== undefined)
      await tellOwner(tx, ctx, id, 'account.rolesChanged', {
        roles: after.roles.join(','),
        node: after.territory.name,
      });
    return shape(after);
  });
}

/**
 * Sets a new password chosen by an admin: good for one sign-in within TEMPORARY_PASSWORD_HOURS, which must change it;
 * the account's sessions end and its owner is told. Nobody resets their own password here. For an admin account or
 * one bound at district level or above the reset waits for a second admin's approval (answered `{ pending }`).
 */
export async function resetPassword(
  ctx: Ctx,
  config: Config,
  id: number,
  password: string,
): Promise<{ pending: Grant } | null> {
  const before = await loadInScope(ctx, ctx.db, id);
  if (id === ctx.actor.accountId) throw forbidden('account.notSelf');
  checkPassword(ctx, config, password, before.username);
  const passwordHash = await hashPassword(password);
  const pending = await ctx.db.transaction((tx) => openGrant(ctx, tx, before, { passwordHash }));
  if (pending) return { pending };
  await applyPasswordReset(ctx, before, passwordHash);
  return null;
}

/** Writes a reset password (directly, or when its grant is approved), ends the sessions, audits, tells the owner. */
export async function applyPasswordReset(
  ctx: Ctx,
  before: { id: number; path: string; mustChangePassword: boolean },
  passwordHash: string,
  tx?: DbOrTx,
): Promise<void> {
  const id = before.id;
  const run = async (tx: DbOrTx) => {
    await tx
      .update(accounts)
      .set({
        passwordHash,
        mustChangePassword: true,
        temporaryPasswordUntil: temporaryUntil(ctx),
        failedLogins: 0,
        lockedUntil: null,
        updatedAt: ctx.clock.now(),
      })
      .where(eq(accounts.id, id));
    await tx.delete(sessions).where(eq(sessions.accountId, id));
    await audit(tx, ctx, {
      action: 'account.resetPassword',
      objectType: 'account',
      objectId: id,
      scopePath: before.path,
      before: { mustChangePassword: before.mustChangePassword },
      after: { mustChangePassword: true },
    });
    await tellOwner(tx, ctx, id, 'account.passwordReset', {});
  };
  if (tx) await run(tx);
  else await ctx.db.transaction(run);
}

/** Lifts a lockout early. */
export async function unlockAccount(ctx: Ctx, id: number): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const before = await loadInScope(ctx, tx, id);
    await tx
      .update(accounts)
      .set({ failedLogins: 0, lockedUntil: null, updatedAt: ctx.clock.now() })
      .where(eq(accounts.id, id));
    await audit(tx, ctx, {
      action: 'account.unlock',
      objectType: 'account',
      objectId: id,
      scopePath: before.path,
      before: { locked: before.locked },
      after: { locked: false },
    });
  });
}
