import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Actor, Ctx } from '../context.js';
import type { Db } from '../db/client.js';
import { accounts, sessions, territories } from '../db/schema.js';
import { audit } from '../audit/audit.js';
import { AppError } from '../http/errors.js';
import type { Locale } from '../i18n/i18n.js';
import { t } from '../i18n/i18n.js';
import { isRole, permissionsOf, SEPARATED_ADMIN_ROLES, type Role } from '../rbac/rbac.js';
import { hashPii } from '../crypto/pii.js';
import { looksLikePhone } from './phone-login.js';
import { checkPasswordPolicy, dummyHash, hashPassword, verifyPassword } from './password.js';
import { freshTotpStep, newTotpSecret, otpauthUrl } from './totp.js';

const MINUTE = 60_000;
/** Roles that must use a second factor when MFA_REQUIRED_FOR_ADMINS is on. */
const MFA_ROLES: readonly Role[] = [...SEPARATED_ADMIN_ROLES, 'cityAdmin', 'districtAdmin', 'streetAdmin'];

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

interface Origin {
  ip: string;
  userAgent: string | undefined;
  requestId: string;
}

type AccountRow = typeof accounts.$inferSelect;

function actorOf(acc: AccountRow, scopePath: string, sessionId: string): Actor {
  const roles = acc.roles.filter(isRole);
  return {
    accountId: acc.id,
    username: acc.username,
    displayName: acc.displayName,
    roles,
    permissions: permissionsOf(roles),
    territoryId: acc.territoryId,
    scopePath,
    sessionId,
  };
}

export function mfaRequired(config: Config, acc: Pick<AccountRow, 'roles' | 'totpEnabled'>): boolean {
  return config.MFA_REQUIRED_FOR_ADMINS && !acc.totpEnabled && acc.roles.some((r) => MFA_ROLES.includes(r as Role));
}

/**
 * Signs in with username and password (and TOTP code when enabled). Wrong passwords count; the fifth locks the
 * account for LOCKOUT_MINUTES; unknown user, wrong password and locked account all get the same answer.
 */
export async function login(
  db: Db,
  config: Config,
  clock: Clock,
  input: { username: string; password: string; totpCode?: string | undefined },
  origin: Origin,
): Promise<{ token: string; actor: Actor; account: AccountRow }> {
  const now = clock.now();
  const [row] = await db
    .select({ acc: accounts, path: territories.path })
    .from(accounts)
    .innerJoin(territories, eq(territories.id, accounts.territoryId))
    .where(
      // A phone number signs in through its keyed hash: usernames are never phone numbers (decision 025).
      looksLikePhone(input.username.trim())
        ? eq(accounts.phoneHash, hashPii('phone', input.username.trim()))
        : eq(sql`lower(${accounts.username})`, input.username.trim().toLowerCase()),
    );
  if (!row) {
    await verifyPassword(await dummyHash(), input.password);
    throw new AppError('auth.invalidCredentials');
  }
  const { acc, path } = row;
  const anon = { actor: actorOf(acc, path, ''), clock, ...origin };
  const locked = acc.lockedUntil !== null && acc.lockedUntil > now;
  const passwordOk = await verifyPassword(acc.passwordHash, input.password);
  // An admin-set password is one-time: spent by its first sign-in, or past its deadline (issue 18, point 1).
  const temporarySpent =
    acc.mustChangePassword && acc.temporaryPasswordUntil !== null && acc.temporaryPasswordUntil <= now;
  if (locked || acc.disabled || (passwordOk && temporarySpent)) {
    await db.transaction((tx) =>
      audit(tx, anon, {
        action: 'auth.loginRefused',
        objectType: 'account',
        objectId: acc.id,
        scopePath: path,
        after: { locked, disabled: acc.disabled, ...(temporarySpent ? { temporaryPasswordSpent: true } : {}) },
      }),
    );
    throw new AppError('auth.invalidCredentials');
  }
  // A code already used (replayed within its window) counts as a wrong code (issue 18, point 3).
  const totpStepUsed =
    passwordOk && acc.totpEnabled && input.totpCode
      ? freshTotpStep(acc.totpSecret ?? '', input.totpCode, now, acc.totpLastStep)
      : null;
  const failedTotp = passwordOk && acc.totpEnabled && !!input.totpCode && totpStepUsed === null;
  if (!passwordOk || failedTotp) {
    const failed = acc.failedLogins + 1;
    const lock = failed >= config.LOCKOUT_THRESHOLD;
    await db.transaction(async (tx) => {
      await tx
        .update(accounts)
        .set(
          lock
            ? { failedLogins: 0, lockedUntil: new Date(now.getTime() + config.LOCKOUT_MINUTES * MINUTE) }
            : { failedLogins: failed },
        )
        .where(eq(accounts.id, acc.id));
      await audit(tx, anon, {
        action: lock ? 'auth.locked' : 'auth.loginFailed',
        objectType: 'account',
        objectId: acc.id,
        scopePath: path,
        after: { failedLogins: lock ? config.LOCKOUT_THRESHOLD : failed, reason: failedTotp ? 'totp' : 'password' },
      });
    });
    throw new AppError(failedTotp ? 'auth.totpInvalid' : 'auth.invalidCredentials');
  }
  if (acc.totpEnabled && !input.totpCode) throw new AppError('auth.totpRequired');

  const token = randomBytes(32).toString('base64url');
  const id = hashToken(token);
  await db.transaction(async (tx) => {
    const used = await tx
      .update(accounts)
      .set({
        failedLogins: 0,
        lockedUntil: null,
        lastLoginAt: now,
        totpLastStep: totpStepUsed ?? acc.totpLastStep,
        ...(acc.mustChangePassword && acc.temporaryPasswordUntil ? { temporaryPasswordUntil: now } : {}),
      })
      .where(
        and(
          eq(accounts.id, acc.id),
          // Two sign-ins racing with one code: only the first moves the step on.
          totpStepUsed === null
            ? undefined
            : or(isNull(accounts.totpLastStep), lt(accounts.totpLastStep, totpStepUsed)),
        ),
      )
      .returning({ id: accounts.id });
    if (!used.length) throw new AppError('auth.totpInvalid');
    await tx.insert(sessions).values({
      id,
      accountId: acc.id,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + config.SESSION_ABSOLUTE_HOURS * 60 * MINUTE),
      ip: origin.ip,
      userAgent: origin.userAgent?.slice(0, 300) ?? null,
    });
    // Old sessions of this account that timed out are swept here, so the table does not grow without bound.
    await tx
      .delete(sessions)
      .where(
        and(
          eq(sessions.accountId, acc.id),
          or(
            lt(sessions.expiresAt, now),
            lt(sessions.lastSeenAt, new Date(now.getTime() - config.SESSION_IDLE_MINUTES * MINUTE)),
          ),
        ),
      );
    await audit(
      tx,
      { ...anon, actor: actorOf(acc, path, id) },
      { action: 'auth.login', objectType: 'account', objectId: acc.id, scopePath: path },
    );
  });
  return { token, actor: actorOf(acc, path, id), account: acc };
}

export interface Authenticated {
  actor: Actor;
  account: AccountRow;
  territory: typeof territories.$inferSelect;
}

/**
 * Resolves a session token to its actor, reading the account and its roles afresh (a role or scope change
 * applies on the next request). Ends sessions past the idle or absolute timeout.
 */
export async function authenticate(db: Db, config: Config, clock: Clock, token: string): Promise<Authenticated | null> {
  const id = hashToken(token);
  const now = clock.now();
  const [row] = await db
    .select({ s: sessions, acc: accounts, terr: territories })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .innerJoin(territories, eq(territories.id, accounts.territoryId))
    .where(eq(sessions.id, id));
  if (!row) return null;
  const idleDeadline = row.s.lastSeenAt.getTime() + config.SESSION_IDLE_MINUTES * MINUTE;
  if (row.s.expiresAt <= now || idleDeadline <= now.getTime() || row.acc.disabled) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return null;
  }
  // Touch at most once a minute: the idle timeout needs no finer grain, and reads stay reads.
  if (now.getTime() - row.s.lastSeenAt.getTime() >= MINUTE) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
  }
  return { actor: actorOf(row.acc, row.terr.path, id), account: row.acc, territory: row.terr };
}

/** Ends the session on the server. */
export async function logout(ctx: Ctx): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await tx.delete(sessions).where(eq(sessions.id, ctx.actor.sessionId));
    await audit(tx, ctx, {
      action: 'auth.logout',
      objectType: 'account',
      objectId: ctx.actor.accountId,
      scopePath: ctx.actor.scopePath,
    });
  });
}

async function loadSelf(ctx: Ctx): Promise<AccountRow> {
  const [acc] = await ctx.db.select().from(accounts).where(eq(accounts.id, ctx.actor.accountId));
  if (!acc) throw new AppError('auth.required');
  return acc;
}

/** Changes one's own password under the policy; ends the account's other sessions. */
export async function changePassword(
  ctx: Ctx,
  config: Config,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const acc = await loadSelf(ctx);
  if (!(await verifyPassword(acc.passwordHash, input.currentPassword))) {
    throw new AppError('validation', undefined, {}, [
      { field: 'currentPassword', message: t(ctx.locale, 'password.currentWrong') },
    ]);
  }
  const problems = checkPasswordPolicy(input.newPassword, policyOf(config), ctx.locale, { username: acc.username });
  if (input.newPassword === input.currentPassword)
    problems.push({ field: 'newPassword', message: t(ctx.locale, 'password.sameAsOld') });
  if (problems.length) throw new AppError('auth.passwordPolicy', undefined, {}, problems);
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(accounts)
      .set({
        passwordHash,
        mustChangePassword: false,
        temporaryPasswordUntil: null,
        passwordChangedAt: ctx.clock.now(),
        updatedAt: ctx.clock.now(),
      })
      .where(eq(accounts.id, acc.id));
    await tx.delete(sessions).where(and(eq(sessions.accountId, acc.id), ne(sessions.id, ctx.actor.sessionId)));
    await audit(tx, ctx, {
      action: 'account.changePassword',
      objectType: 'account',
      objectId: acc.id,
      scopePath: ctx.actor.scopePath,
      before: { mustChangePassword: acc.mustChangePassword },
      after: { mustChangePassword: false },
    });
  });
}

export const policyOf = (config: Config) => ({
  minLength: config.PASSWORD_MIN_LENGTH,
  minClasses: config.PASSWORD_MIN_CLASSES,
});

/** Starts TOTP enrolment: stores a fresh secret (not yet enabled) and returns it. */
export async function setupTotp(ctx: Ctx): Promise<{ secret: string; otpauthUrl: string }> {
  const acc = await loadSelf(ctx);
  if (acc.totpEnabled) throw new AppError('conflict', 'totp.alreadyEnabled');
  const secret = newTotpSecret();
  await ctx.db.transaction(async (tx) => {
    await tx.update(accounts).set({ totpSecret: secret, updatedAt: ctx.clock.now() }).where(eq(accounts.id, acc.id));
    await audit(tx, ctx, {
      action: 'account.totpSetup',
      objectType: 'account',
      objectId: acc.id,
      scopePath: ctx.actor.scopePath,
    });
  });
  return { secret, otpauthUrl: otpauthUrl(secret, acc.username) };
}

/** Enables (or disables) TOTP after checking a code from the authenticator. */
export async function setTotpEnabled(ctx: Ctx, code: string, enabled: boolean): Promise<void> {
  const acc = await loadSelf(ctx);
  if (!acc.totpSecret || acc.totpEnabled === enabled)
    throw new AppError('conflict', enabled ? 'totp.notSetUp' : 'totp.notEnabled');
  const step = freshTotpStep(acc.totpSecret, code, ctx.clock.now(), acc.totpLastStep);
  if (step === null) {
    throw new AppError('auth.totpInvalid', undefined, {}, [
      { field: 'code', message: t(ctx.locale, 'error.auth.totpInvalid') },
    ]);
  }
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(accounts)
      .set({
        totpEnabled: enabled,
        totpSecret: enabled ? acc.totpSecret : null,
        totpLastStep: enabled ? step : null,
        updatedAt: ctx.clock.now(),
      })
      .where(eq(accounts.id, acc.id));
    await audit(tx, ctx, {
      action: enabled ? 'account.totpEnable' : 'account.totpDisable',
      objectType: 'account',
      objectId: acc.id,
      scopePath: ctx.actor.scopePath,
      before: { totpEnabled: acc.totpEnabled },
      after: { totpEnabled: enabled },
    });
  });
}

export type { Locale };
