import { createHash, randomBytes, randomInt } from 'node:crypto';
import { and, count, desc, eq, gt, ilike, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { policyOf } from '../../kernel/auth/auth.service.js';
import { generatedUsername } from '../../kernel/auth/phone-login.js';
import { checkPasswordPolicy, hashPassword } from '../../kernel/auth/password.js';
import { audit, maskPhone } from '../../kernel/audit/audit.js';
import type { Clock } from '../../kernel/clock.js';
import type { Config } from '../../kernel/config.js';
import { systemActor, type Actor, type Ctx } from '../../kernel/context.js';
import { decryptPii, encryptPii, hashPii } from '../../kernel/crypto/pii.js';
import type { Db, DbOrTx } from '../../kernel/db/client.js';
import { accounts, territories } from '../../kernel/db/schema.js';
import { escapeLike } from '../../kernel/db/search.js';
import { AppError, conflict, notFound } from '../../kernel/http/errors.js';
import { offsetOf } from '../../kernel/http/pagination.js';
import { t, type Locale } from '../../kernel/i18n/i18n.js';
import { inScope, pathIds } from '../../kernel/scope/scope.js';
import { gridMap } from '../grids/index.js';
import { addressesOf } from '../people/index.js';
import { addSignedUpResident, linkResidentByPhone } from '../people/index.js';
import {
  CODE_MAX_ATTEMPTS,
  CONSENT_VERSION,
  CODE_TTL_MS,
  IP_PER_HOUR,
  PHONE_PER_HOUR,
  PHONE_PER_MINUTE,
  TICKET_TTL_MS,
  type SignupStatus,
} from './constants.js';
import type { MySignup, RequestListQuery, SignupRequest } from './contract.js';
import { signupCodes, signupRequests } from './schema.js';
import { smsGateway } from './sms.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** What a public (not signed-in) sign-up call acts with. */
export interface PublicEnv {
  db: Db;
  clock: Clock;
  config: Config;
  ip: string;
  requestId: string;
  locale: Locale;
}

const fieldError = (
  env: { locale: Locale },
  field: string,
  key: string,
  params: Record<string, string | number> = {},
) => new AppError('validation', key, params, [{ field, message: t(env.locale, key, params) }]);

/** The audit context of a sign-up step done by someone not yet signed in. */
function anonymous(env: PublicEnv, actor: Actor = { ...systemActor(), username: 'signup', displayName: 'signup' }) {
  return { actor, clock: env.clock, requestId: env.requestId, ip: env.ip };
}

/**
 * Sends a one-time code to the phone through the SMS gateway. Limits (counted in signup_codes, under an advisory
 * lock per phone, so they hold across processes): one a minute and five an hour per phone, thirty an hour per IP.
 */
export async function requestCode(
  env: PublicEnv,
  phone: string,
): Promise<{ expiresInSeconds: number; resendInSeconds: number }> {
  const now = env.clock.now();
  const phoneHash = hashPii('phone', phone);
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await env.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`signup:${phoneHash}`}))`);
    const since = (ms: number) => new Date(now.getTime() - ms);
    const [lastMinute] = await tx
      .select({ n: count(), first: sql<string>`min(${signupCodes.createdAt})` })
      .from(signupCodes)
      .where(and(eq(signupCodes.phoneHash, phoneHash), gt(signupCodes.createdAt, since(MINUTE))));
    if ((lastMinute?.n ?? 0) >= PHONE_PER_MINUTE) {
      const waitMs = new Date(lastMinute!.first).getTime() + MINUTE - now.getTime();
      throw new AppError('rateLimited', 'signup.tooSoon', { seconds: Math.max(1, Math.ceil(waitMs / 1000)) });
    }
    const [lastHour] = await tx
      .select({ n: count(), first: sql<string>`min(${signupCodes.createdAt})` })
      .from(signupCodes)
      .where(and(eq(signupCodes.phoneHash, phoneHash), gt(signupCodes.createdAt, since(HOUR))));
    if ((lastHour?.n ?? 0) >= PHONE_PER_HOUR) {
      const waitMs = new Date(lastHour!.first).getTime() + HOUR - now.getTime();
      throw new AppError('rateLimited', 'signup.tooManyPhone', {
        max: PHONE_PER_HOUR,
        minutes: Math.max(1, Math.ceil(waitMs / MINUTE)),
      });
    }
    const [ipHour] = await tx
      .select({ n: count(), first: sql<string>`min(${signupCodes.createdAt})` })
      .from(signupCodes)
      .where(and(eq(signupCodes.ip, env.ip), gt(signupCodes.createdAt, since(HOUR))));
    if ((ipHour?.n ?? 0) >= IP_PER_HOUR) {
      const waitMs = new Date(ipHour!.first).getTime() + HOUR - now.getTime();
      throw new AppError('rateLimited', 'signup.tooManyIp', { minutes: Math.max(1, Math.ceil(waitMs / MINUTE)) });
    }
    // This phone's rows older than a day count for nothing any more (the ledger keeps only what the limits read).
    await tx
      .delete(signupCodes)
      .where(and(eq(signupCodes.phoneHash, phoneHash), lt(signupCodes.createdAt, since(24 * HOUR))));
    await tx.insert(signupCodes).values({
      phoneHash,
      ip: env.ip,
      codeHash: sha256(`${phoneHash}:${code}`),
      createdAt: now,
      expiresAt: new Date(now.getTime() + CODE_TTL_MS),
    });
  });
  await smsGateway().send(phone, t(env.locale, 'signup.smsText', { code }));
  return { expiresInSeconds: CODE_TTL_MS / 1000, resendInSeconds: MINUTE / 1000 };
}

/**
 * Checks the newest unused code of the phone (5 minutes, 5 tries), the password policy and that the number is not
 * registered yet; answers a ticket (30 minutes, once) that carries the name and password to the household step.
 */
export async function verifyCode(
  env: PublicEnv,
  input: { phone: string; code: string; password: string; name: string; consent?: boolean | undefined },
): Promise<{ ticket: string; expiresAt: Date }> {
  const now = env.clock.now();
  // The route's schema refuses it already; kept here so no other caller can skip the consent (issue 10 point 21).
  if (input.consent !== true) throw fieldError(env, 'consent', 'signup.consentRequired');
  const phoneHash = hashPii('phone', input.phone);
  const problems = checkPasswordPolicy(input.password, policyOf(env.config), env.locale, {
    username: input.phone,
    field: 'password',
  });
  if (problems.length) throw new AppError('auth.passwordPolicy', undefined, {}, problems);
  const passwordHash = await hashPassword(input.password);
  const ticket = randomBytes(24).toString('base64url');
  // Wrong tries must be counted even though the call fails, so the outcome is decided inside and thrown after.
  const outcome = await env.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(signupCodes)
      .where(and(eq(signupCodes.phoneHash, phoneHash), isNull(signupCodes.verifiedAt)))
      .orderBy(desc(signupCodes.createdAt), desc(signupCodes.id))
      .limit(1)
      .for('update');
    if (!row || row.expiresAt <= now) return fieldError(env, 'code', 'signup.codeExpired');
    if (row.attempts >= CODE_MAX_ATTEMPTS) return fieldError(env, 'code', 'signup.codeTooManyTries');
    if (row.codeHash !== sha256(`${phoneHash}:${input.code}`)) {
      await tx
        .update(signupCodes)
        .set({ attempts: row.attempts + 1 })
        .where(eq(signupCodes.id, row.id));
      const left = CODE_MAX_ATTEMPTS - row.attempts - 1;
      return left > 0
        ? fieldError(env, 'code', 'signup.codeWrong', { left })
        : fieldError(env, 'code', 'signup.codeTooManyTries');
    }
    if (await accountOfPhone(tx, input.phone)) return conflict('signup.alreadyRegistered');
    await tx
      .update(signupCodes)
      .set({
        verifiedAt: now,
        ticketHash: sha256(ticket),
        ticketExpiresAt: new Date(now.getTime() + TICKET_TTL_MS),
        name: input.name,
        passwordHash,
        consentVersion: CONSENT_VERSION,
        consentAt: now,
      })
      .where(eq(signupCodes.id, row.id));
    return null;
  });
  if (outcome) throw outcome;
  return { ticket, expiresAt: new Date(now.getTime() + TICKET_TTL_MS) };
}

async function accountOfPhone(db: DbOrTx, phone: string) {
  const [acc] = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(or(eq(accounts.phoneHash, hashPii('phone', phone)), eq(sql`lower(${accounts.username})`, phone)));
  return acc ?? null;
}

/** Communities whose name contains the text, with the street and district above them (names only). */
export async function searchCommunities(db: Db, q: string) {
  const rows = await db
    .select({ id: territories.id, name: territories.name, level: territories.level, path: territories.path })
    .from(territories)
    .where(and(eq(territories.level, 'community'), ilike(territories.name, `%${escapeLike(q)}%`)))
    .orderBy(territories.name, territories.id)
    .limit(20);
  const parents = [...new Set(rows.flatMap((r) => r.path.split('/').filter(Boolean).slice(-3, -1).map(Number)))];
  const names = new Map(
    (parents.length
      ? await db
          .select({ id: territories.id, name: territories.name })
          .from(territories)
          .where(inArray(territories.id, parents))
      : []
    ).map((p) => [p.id, p.name]),
  );
  return {
    items: rows.map(({ path, ...r }) => ({
      ...r,
      area: path
        .split('/')
        .filter(Boolean)
        .slice(-3, -1)
        .map((id) => names.get(Number(id)) ?? '')
        .join(' '),
    })),
  };
}

const OPENABLE = new Set(['community', 'compound', 'building', 'unit']);

/** The children of a community, compound, building or unit: names and levels only (the household picker). */
export async function childrenOf(db: Db, env: { locale: Locale }, id: number) {
  const [node] = await db.select({ level: territories.level }).from(territories).where(eq(territories.id, id));
  if (!node) throw notFound();
  if (!OPENABLE.has(node.level))
    throw new AppError('validation', 'signup.notPlace', {}, [
      { field: 'id', message: t(env.locale, 'signup.notPlace') },
    ]);
  const items = await db
    .select({ id: territories.id, name: territories.name, level: territories.level })
    .from(territories)
    .where(eq(territories.parentId, id))
    .orderBy(territories.sortOrder, territories.name, territories.id)
    .limit(1000);
  return { items };
}

interface Claimant {
  accountId: number;
  name: string;
  phoneEnc: string;
  phoneHash: string;
  consentVersion: string | null;
  consentAt: Date | null;
}

/**
 * Puts the account in the household: when a resident of that household in the register has this phone (keyed
 * hash) and no account yet, links them at once and gives the account the resident role; otherwise leaves a
 * pending request for the community's staff. Moves the account to the household node (its scope).
 */
async function attach(tx: DbOrTx, now: Date, who: Claimant, householdId: number, locale: Locale) {
  const [hh] = await tx
    .select({ id: territories.id, level: territories.level, path: territories.path })
    .from(territories)
    .where(eq(territories.id, householdId));
  if (!hh || hh.level !== 'household') throw fieldError({ locale }, 'householdId', 'signup.notHousehold');
  const match = await linkResidentByPhone(tx, now, {
    householdId: hh.id,
    phoneHash: who.phoneHash,
    accountId: who.accountId,
  });
  const status: SignupStatus = match !== null ? 'linked' : 'pending';
  await tx
    .update(accounts)
    .set({
      territoryId: hh.id,
      roles:
        match !== null ? sql`array_append(array_remove(${accounts.roles}, 'resident'), 'resident')` : accounts.roles,
      updatedAt: now,
    })
    .where(eq(accounts.id, who.accountId));
  const [req] = await tx
    .insert(signupRequests)
    .values({ ...who, householdId: hh.id, scopePath: hh.path, status, residentId: match, createdAt: now })
    .returning({ id: signupRequests.id });
  return { requestId: req!.id, status, path: hh.path, residentId: match };
}

/** Creates the account from a verified ticket and puts it in the chosen household (linked or pending). */
export async function completeSignup(
  env: PublicEnv,
  input: { ticket: string; phone: string; householdId: number },
): Promise<MySignup> {
  const now = env.clock.now();
  const phoneHash = hashPii('phone', input.phone);
  const requestId = await env.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(signupCodes)
      .where(
        and(
          eq(signupCodes.ticketHash, sha256(input.ticket)),
          isNull(signupCodes.usedAt),
          gt(signupCodes.ticketExpiresAt, now),
        ),
      )
      .for('update');
    if (!row || row.phoneHash !== phoneHash || !row.passwordHash || !row.name)
      throw fieldError(env, 'ticket', 'signup.ticketExpired');
    if (await accountOfPhone(tx, input.phone)) throw conflict('signup.alreadyRegistered');
    const [hh] = await tx
      .select({ id: territories.id, level: territories.level })
      .from(territories)
      .where(eq(territories.id, input.householdId));
    if (!hh || hh.level !== 'household') throw fieldError(env, 'householdId', 'signup.notHousehold');
    const [acc] = await tx
      .insert(accounts)
      .values({
        // Never the phone number (issue 18 point 2): a generated name; the phone signs in through its hash.
        username: generatedUsername(),
        phoneHash,
        displayName: row.name,
        passwordHash: row.passwordHash,
        roles: [],
        territoryId: hh.id,
        passwordChangedAt: now,
      })
      .returning();
    await tx.update(signupCodes).set({ usedAt: now, passwordHash: null }).where(eq(signupCodes.id, row.id));
    const done = await attach(
      tx,
      now,
      {
        accountId: acc!.id,
        name: row.name,
        phoneEnc: encryptPii('phone', input.phone),
        phoneHash,
        consentVersion: row.consentVersion,
        consentAt: row.consentAt,
      },
      hh.id,
      env.locale,
    );
    const actor: Actor = {
      ...systemActor(),
      accountId: acc!.id,
      username: acc!.username,
      displayName: acc!.displayName,
      territoryId: hh.id,
      scopePath: done.path,
    };
    await audit(tx, anonymous(env, actor), {
      action: 'signup.create',
      objectType: 'account',
      objectId: acc!.id,
      scopePath: done.path,
      after: {
        name: row.name,
        phone: input.phone,
        householdId: hh.id,
        status: done.status,
        residentId: done.residentId,
        requestId: done.requestId,
        consentVersion: row.consentVersion,
      },
    });
    return done.requestId;
  });
  return (await requestsOf(env.db, eq(signupRequests.id, requestId)))[0]!;
}

async function requestsOf(db: DbOrTx, where: ReturnType<typeof and>, page?: { limit: number; offset: number }) {
  const q = db
    .select({ r: signupRequests, decider: accounts.displayName })
    .from(signupRequests)
    .leftJoin(accounts, eq(accounts.id, signupRequests.decidedBy))
    .where(where)
    .orderBy(desc(signupRequests.createdAt), desc(signupRequests.id));
  const rows = page ? await q.limit(page.limit).offset(page.offset) : await q;
  const addr = await addressesOf(
    db,
    rows.map((x) => x.r.scopePath),
  );
  return rows.map(({ r, decider }): SignupRequest => ({
    id: r.id,
    status: r.status,
    household: { id: r.householdId, address: addr.get(r.scopePath)?.address ?? '' },
    reason: r.reason,
    createdAt: r.createdAt,
    decidedAt: r.decidedAt,
    consent: r.consentVersion && r.consentAt ? { version: r.consentVersion, at: r.consentAt } : null,
    name: r.name,
    phone: maskPhone(decryptPii('phone', r.phoneEnc)),
    decidedBy: decider,
  }));
}

/** The signed-in account's newest sign-up request (null for accounts made by an admin). */
export async function mySignup(ctx: Ctx): Promise<MySignup | null> {
  const [r] = await requestsOf(ctx.db, eq(signupRequests.accountId, ctx.actor.accountId), { limit: 1, offset: 0 });
  if (!r) return null;
  return {
    id: r.id,
    status: r.status,
    household: r.household,
    reason: r.reason,
    createdAt: r.createdAt,
    decidedAt: r.decidedAt,
    consent: r.consent,
  };
}

/** A rejected or still pending resident chooses a household again (a new request; linked at once on a match). */
export async function chooseHousehold(ctx: Ctx, householdId: number): Promise<MySignup> {
  await ctx.db.transaction(async (tx) => {
    const [last] = await tx
      .select()
      .from(signupRequests)
      .where(eq(signupRequests.accountId, ctx.actor.accountId))
      .orderBy(desc(signupRequests.id))
      .limit(1)
      .for('update');
    if (!last) throw notFound();
    if (last.status === 'linked' || last.status === 'confirmed') throw conflict('signup.nothingToChange');
    const now = ctx.clock.now();
    if (last.status === 'pending') {
      await tx
        .update(signupRequests)
        .set({ status: 'rejected', reason: 'withdrawn', decidedAt: now })
        .where(eq(signupRequests.id, last.id));
    }
    const done = await attach(
      tx,
      now,
      {
        accountId: ctx.actor.accountId,
        name: last.name,
        phoneEnc: last.phoneEnc,
        phoneHash: last.phoneHash,
        // the consent given at sign-up carries over to the new request
        consentVersion: last.consentVersion,
        consentAt: last.consentAt,
      },
      householdId,
      ctx.locale,
    );
    await audit(tx, ctx, {
      action: 'signup.chooseHousehold',
      objectType: 'account',
      objectId: ctx.actor.accountId,
      scopePath: done.path,
      before: { householdId: last.householdId, status: last.status },
      after: { householdId, status: done.status, requestId: done.requestId },
    });
  });
  return (await mySignup(ctx))!;
}

/** Sign-up requests of households in the staff member's subtree. */
export async function listRequests(ctx: Ctx, q: RequestListQuery) {
  const where = and(
    inScope(ctx.actor, signupRequests.scopePath),
    q.status ? eq(signupRequests.status, q.status) : undefined,
    q.q ? ilike(signupRequests.name, `%${escapeLike(q.q)}%`) : undefined,
  );
  const [items, [total]] = await Promise.all([
    requestsOf(ctx.db, where, { limit: q.pageSize, offset: offsetOf(q) }),
    ctx.db.select({ n: count() }).from(signupRequests).where(where),
  ]);
  return { items, total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

async function loadPending(ctx: Ctx, tx: DbOrTx, id: number) {
  const [r] = await tx
    .select()
    .from(signupRequests)
    .where(and(eq(signupRequests.id, id), inScope(ctx.actor, signupRequests.scopePath)))
    .for('update');
  if (!r) throw notFound();
  if (r.status !== 'pending') throw conflict('signup.notPending', { status: r.status });
  return r;
}

/**
 * Confirms a pending request: links the register's resident of that household with this phone if there is one
 * now, else adds the claimant to the register; gives the account the resident role.
 */
export async function confirmRequest(ctx: Ctx, id: number): Promise<SignupRequest> {
  await ctx.db.transaction(async (tx) => {
    const r = await loadPending(ctx, tx, id);
    const now = ctx.clock.now();
    const residentId =
      (await linkResidentByPhone(tx, now, r)) ??
      (await addSignedUpResident(tx, ctx, {
        name: r.name,
        householdId: r.householdId,
        scopePath: r.scopePath,
        phoneEnc: r.phoneEnc,
        phoneHash: r.phoneHash,
        accountId: r.accountId,
      }));
    await tx
      .update(accounts)
      .set({
        roles: sql`array_append(array_remove(${accounts.roles}, 'resident'), 'resident')`,
        territoryId: r.householdId,
        updatedAt: now,
      })
      .where(eq(accounts.id, r.accountId));
    await tx
      .update(signupRequests)
      .set({ status: 'confirmed', residentId, decidedBy: ctx.actor.accountId, decidedAt: now })
      .where(eq(signupRequests.id, id));
    await audit(tx, ctx, {
      action: 'signup.confirm',
      objectType: 'signupRequest',
      objectId: id,
      scopePath: r.scopePath,
      before: { status: 'pending' },
      after: { status: 'confirmed', accountId: r.accountId, residentId },
    });
  });
  return (await requestsOf(ctx.db, eq(signupRequests.id, id)))[0]!;
}

/** Rejects a pending request with a reason the resident sees; the account stays without a role. */
export async function rejectRequest(ctx: Ctx, id: number, reason: string): Promise<SignupRequest> {
  await ctx.db.transaction(async (tx) => {
    const r = await loadPending(ctx, tx, id);
    await tx
      .update(signupRequests)
      .set({ status: 'rejected', reason, decidedBy: ctx.actor.accountId, decidedAt: ctx.clock.now() })
      .where(eq(signupRequests.id, id));
    await audit(tx, ctx, {
      action: 'signup.reject',
      objectType: 'signupRequest',
      objectId: id,
      scopePath: r.scopePath,
      before: { status: 'pending' },
      after: { status: 'rejected', reason },
    });
  });
  return (await requestsOf(ctx.db, eq(signupRequests.id, id)))[0]!;
}

/**
 * The grid map of the caller's community, for residents to pick where a problem is (the grids module draws it;
 * a resident's own scope is only their household, so it is read with the community's scope). Above community
 * level: the caller's subtree.
 */
export async function myCommunityMap(ctx: Ctx) {
  const ids = pathIds(ctx.actor.scopePath);
  const nodes = ids.length
    ? await ctx.db
        .select({ id: territories.id, level: territories.level, path: territories.path })
        .from(territories)
        .where(inArray(territories.id, ids))
    : [];
  const community = nodes.find((n) => n.level === 'community');
  if (!community) return gridMap(ctx, {});
  // A resident's map opens on their own compound, their grid highlighted.
  const compound = nodes.find((n) => n.level === 'compound');
  return gridMap(
    { ...ctx, actor: { ...ctx.actor, scopePath: community.path } },
    { communityId: community.id },
    compound ? { homeCompoundId: compound.id } : {},
  );
}
