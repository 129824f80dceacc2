import { and, asc, count, eq, ilike, inArray, sql, type SQL } from 'drizzle-orm';
import { anonymiseAccount, pseudonymOf } from '../../kernel/auth/anonymise.js';
import { audit, maskIdNumber, maskPhone } from '../../kernel/audit/audit.js';
import type { Ctx } from '../../kernel/context.js';
import { decryptPii, encryptPii, hashPii } from '../../kernel/crypto/pii.js';
import type { DbOrTx } from '../../kernel/db/client.js';
import { territories } from '../../kernel/db/schema.js';
import { AppError, conflict, notFound } from '../../kernel/http/errors.js';
import { offsetOf } from '../../kernel/http/pagination.js';
import { t } from '../../kernel/i18n/i18n.js';
import { inScope, pathIds, requireTerritoriesInScope, inSubtree } from '../../kernel/scope/scope.js';
import type { CreateResident, Household, Resident, ResidentListQuery, UpdateResident } from './contract.js';
import { residents } from './schema.js';
import { escapeLike } from '../../kernel/db/search.js';

export const EXPORT_MAX_ROWS = 20_000;

type ResidentRow = typeof residents.$inferSelect;
type Plain = { phone: string | null; idNumber: string | null };

// Written out in full: drizzle leaves single-table columns unqualified, which the subquery would capture.
const isMemberSql =
  sql<boolean>`exists (select 1 from party_members pm where pm.resident_id = "residents"."id")`.mapWith(Boolean);

const ADDRESS_LEVELS = new Set(['community', 'compound', 'building', 'unit', 'household']);

/** Address of each path: the names from the community down to the node, joined by "/" (one query for all). */
export async function addressesOf(
  db: DbOrTx,
  paths: readonly string[],
): Promise<Map<string, { address: string; ancestors: { id: number; name: string; level: string }[] }>> {
  const ids = [...new Set(paths.flatMap(pathIds))];
  const rows = ids.length
    ? await db
        .select({ id: territories.id, name: territories.name, level: territories.level })
        .from(territories)
        .where(inArray(territories.id, ids))
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out = new Map<string, { address: string; ancestors: { id: number; name: string; level: string }[] }>();
  for (const p of paths) {
    const chain = pathIds(p).flatMap((i) => byId.get(i) ?? []);
    out.set(p, {
      address: chain
        .filter((n) => ADDRESS_LEVELS.has(n.level))
        .map((n) => n.name)
        .join('/'),
      ancestors: chain.slice(0, -1),
    });
  }
  return out;
}

function plainOf(r: ResidentRow): Plain {
  return {
    phone: r.phoneEnc ? decryptPii('phone', r.phoneEnc) : null,
    idNumber: r.idNumberEnc ? decryptPii('idNumber', r.idNumberEnc) : null,
  };
}

/** The reply shape: numbers masked on every response (the reveal route is the one way to the plain values). */
function toDto(r: ResidentRow & { isPartyMember: boolean }, address: string): Resident {
  const p = plainOf(r);
  return {
    id: r.id,
    name: r.name,
    gender: r.gender,
    birthDate: r.birthDate,
    householdId: r.householdId,
    address,
    relation: r.relation,
    tags: r.tags,
    phone: p.phone ? maskPhone(p.phone) : null,
    idNumber: p.idNumber ? maskIdNumber(p.idNumber) : null,
    isPartyMember: r.isPartyMember,
    hasAccount: r.accountId !== null,
    note: r.note,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

async function toDtos(db: DbOrTx, rows: (ResidentRow & { isPartyMember: boolean })[]): Promise<Resident[]> {
  const addr = await addressesOf(
    db,
    rows.map((r) => r.scopePath),
  );
  return rows.map((r) => toDto(r, addr.get(r.scopePath)?.address ?? ''));
}

function residentColumns() {
  return {
    id: residents.id,
    name: residents.name,
    gender: residents.gender,
    birthDate: residents.birthDate,
    householdId: residents.householdId,
    scopePath: residents.scopePath,
    relation: residents.relation,
    tags: residents.tags,
    phoneEnc: residents.phoneEnc,
    phoneHash: residents.phoneHash,
    idNumberEnc: residents.idNumberEnc,
    idNumberHash: residents.idNumberHash,
    accountId: residents.accountId,
    note: residents.note,
    createdAt: residents.createdAt,
    updatedAt: residents.updatedAt,
    isPartyMember: isMemberSql,
  };
}

/** The list filter: scope, then area (any node path), name, exact phone / ID by keyed hash, tag. */
async function residentWhere(ctx: Ctx, q: Omit<ResidentListQuery, 'page' | 'pageSize'>): Promise<SQL | undefined> {
  const where: SQL[] = [inScope(ctx.actor, residents.scopePath)];
  if (q.territoryId !== undefined) {
    const [node] = await ctx.db
      .select({ path: territories.path })
      .from(territories)
      .where(eq(territories.id, q.territoryId));
    // An unknown node filters everything out; a node outside the scope meets the scope condition and gives nothing.
    where.push(inSubtree(residents.scopePath, node?.path ?? '/none/'));
  }
  if (q.q) where.push(ilike(residents.name, `%${escapeLike(q.q)}%`));
  if (q.phone) where.push(eq(residents.phoneHash, hashPii('phone', q.phone)));
  if (q.idNumber) where.push(eq(residents.idNumberHash, hashPii('idNumber', q.idNumber)));
  if (q.tag) where.push(sql`${q.tag} = any(${residents.tags})`);
  return and(...where);
}

/** Lists residents of the actor's subtree, masked. */
export async function listResidents(ctx: Ctx, q: ResidentListQuery) {
  const cond = await residentWhere(ctx, q);
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select(residentColumns())
      .from(residents)
      .where(cond)
      .orderBy(asc(residents.scopePath), asc(residents.id))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    ctx.db.select({ n: count() }).from(residents).where(cond),
  ]);
  return { items: await toDtos(ctx.db, rows), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

/** Every resident the list filter gives (for the ledger export), masked like the list. */
export async function exportResidents(ctx: Ctx, q: Omit<ResidentListQuery, 'page' | 'pageSize'>): Promise<Resident[]> {
  const cond = await residentWhere(ctx, q);
  const rows = await ctx.db
    .select(residentColumns())
    .from(residents)
    .where(cond)
    .orderBy(asc(residents.scopePath), asc(residents.id))
    .limit(EXPORT_MAX_ROWS);
  return toDtos(ctx.db, rows);
}

async function loadRow(db: DbOrTx, ctx: Ctx, id: number) {
  const [row] = await db
    .select(residentColumns())
    .from(residents)
    .where(and(eq(residents.id, id), inScope(ctx.actor, residents.scopePath)));
  if (!row) throw notFound();
  return row;
}

/** One resident of the actor's subtree (404 outside it), masked. */
export async function getResident(ctx: Ctx, id: number): Promise<Resident> {
  const row = await loadRow(ctx.db, ctx, id);
  return (await toDtos(ctx.db, [row]))[0]!;
}

/** The plain numbers of one resident, for a holder of `resident.reveal`; every reveal is audited. */
export async function revealResident(ctx: Ctx, id: number) {
  return ctx.db.transaction(async (tx) => {
    const row = await loadRow(tx, ctx, id);
    const plain = plainOf(row);
    await audit(tx, ctx, {
      action: 'resident.reveal',
      objectType: 'resident',
      objectId: id,
      scopePath: row.scopePath,
      after: { name: row.name, revealed: (['phone', 'idNumber'] as const).filter((k) => plain[k] !== null) },
    });
    return { id, ...plain };
  });
}

async function householdPath(tx: DbOrTx, ctx: Ctx, householdId: number): Promise<string> {
  const paths = await requireTerritoriesInScope(tx, ctx.actor, [householdId]);
  const [node] = await tx.select({ level: territories.level }).from(territories).where(eq(territories.id, householdId));
  if (node?.level !== 'household') {
    throw new AppError('validation', undefined, {}, [
      { field: 'householdId', message: t(ctx.locale, 'people.notHousehold') },
    ]);
  }
  return paths.get(householdId)!;
}

/** The columns a write sets from the contract's values: numbers encrypted, hashes keyed. */
export function piiColumns(v: { phone?: string | null; idNumber?: string | null }) {
  const out: Partial<Pick<ResidentRow, 'phoneEnc' | 'phoneHash' | 'idNumberEnc' | 'idNumberHash'>> = {};
  if (v.phone !== undefined) {
    out.phoneEnc = v.phone ? encryptPii('phone', v.phone) : null;
    out.phoneHash = v.phone ? hashPii('phone', v.phone) : null;
  }
  if (v.idNumber !== undefined) {
    out.idNumberEnc = v.idNumber ? encryptPii('idNumber', v.idNumber) : null;
    out.idNumberHash = v.idNumber ? hashPii('idNumber', v.idNumber) : null;
  }
  return out;
}

async function requireUniqueId(tx: DbOrTx, ctx: Ctx, idNumber: string | null | undefined, exceptId?: number) {
  if (!idNumber) return;
  const [dup] = await tx
    .select({ id: residents.id })
    .from(residents)
    .where(eq(residents.idNumberHash, hashPii('idNumber', idNumber)));
  if (dup && dup.id !== exceptId) {
    throw new AppError('conflict', undefined, {}, [
      { field: 'idNumber', message: t(ctx.locale, 'people.idNumberTaken') },
    ]);
  }
}

/** Adds a resident to a household of the actor's subtree. */
export async function createResident(ctx: Ctx, input: CreateResident): Promise<Resident> {
  return ctx.db.transaction(async (tx) => {
    const scopePath = await householdPath(tx, ctx, input.householdId);
    await requireUniqueId(tx, ctx, input.idNumber);
    const [created] = await tx
      .insert(residents)
      .values({
        name: input.name,
        gender: input.gender ?? null,
        birthDate: input.birthDate ?? null,
        householdId: input.householdId,
        scopePath,
        relation: input.relation ?? null,
        tags: input.tags ?? [],
        note: input.note ?? null,
        ...piiColumns(input),
      })
      .returning({ id: residents.id });
    const after = await getResident({ ...ctx, db: tx }, created!.id);
    await audit(tx, ctx, { action: 'resident.create', objectType: 'resident', objectId: after.id, scopePath, after });
    return after;
  });
}

/** Changes a resident of the actor's subtree (moving them only to a household of the subtree). */
export async function updateResident(ctx: Ctx, id: number, patch: UpdateResident): Promise<Resident> {
  return ctx.db.transaction(async (tx) => {
    const c = { ...ctx, db: tx };
    const before = await getResident(c, id);
    const scopePath = patch.householdId !== undefined ? await householdPath(tx, ctx, patch.householdId) : undefined;
    if (patch.idNumber) await requireUniqueId(tx, ctx, patch.idNumber, id);
    await tx
      .update(residents)
      .set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.gender !== undefined ? { gender: patch.gender ?? null } : {}),
        ...(patch.birthDate !== undefined ? { birthDate: patch.birthDate ?? null } : {}),
        ...(patch.householdId !== undefined ? { householdId: patch.householdId, scopePath } : {}),
        ...(patch.relation !== undefined ? { relation: patch.relation ?? null } : {}),
        ...(patch.tags !== undefined ? { tags: patch.tags } : {}),
        ...(patch.note !== undefined ? { note: patch.note ?? null } : {}),
        ...piiColumns(patch),
        updatedAt: ctx.clock.now(),
      })
      .where(eq(residents.id, id));
    const after = await getResident(c, id);
    const row = await loadRow(tx, ctx, id);
    await audit(tx, ctx, {
      action: 'resident.update',
      objectType: 'resident',
      objectId: id,
      scopePath: row.scopePath,
      before,
      after,
    });
    return after;
  });
}

/** Deletes a resident of the actor's subtree; not while a party member record points at them. */
export async function deleteResident(ctx: Ctx, id: number): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const row = await loadRow(tx, ctx, id);
    const before = (await toDtos(tx, [row]))[0]!;
    if (row.isPartyMember) throw conflict('people.isPartyMember');
    await tx.delete(residents).where(eq(residents.id, id));
    // PIPL (issue 18 point 7): their own sign-in is disabled and stripped of who they were; orders and ratings
    // they made stay, under a pseudonym.
    const pseudonym = row.accountId ? pseudonymOf(row.accountId) : null;
    if (row.accountId && pseudonym) await anonymiseAccount(tx, row.accountId, pseudonym);
    await audit(tx, ctx, {
      action: 'resident.delete',
      objectType: 'resident',
      objectId: id,
      scopePath: row.scopePath,
      before,
      after: row.accountId ? { accountId: row.accountId, accountAnonymised: true, pseudonym } : undefined,
    });
  });
}

// ---- households: territory nodes of level household

const memberCountSql =
  sql<number>`(select count(*)::int from residents r where r.household_id = "territories"."id")`.mapWith(Number);
const householderSql = sql<
  string | null
>`(select r.name from residents r where r.household_id = "territories"."id" order by (r.relation = 'householder') desc nulls last, r.id limit 1)`;

async function householdWhere(ctx: Ctx, q: { territoryId?: number | undefined; q?: string | undefined }) {
  const where: SQL[] = [eq(territories.level, 'household'), inScope(ctx.actor, territories.path)];
  if (q.territoryId !== undefined) {
    const [node] = await ctx.db
      .select({ path: territories.path })
      .from(territories)
      .where(eq(territories.id, q.territoryId));
    where.push(inSubtree(territories.path, node?.path ?? '/none/'));
  }
  if (q.q) where.push(ilike(territories.name, `%${escapeLike(q.q)}%`));
  return and(...where);
}

const householdColumns = {
  id: territories.id,
  name: territories.name,
  path: territories.path,
  memberCount: memberCountSql,
  householderName: householderSql,
};

async function withAddress(
  db: DbOrTx,
  rows: { id: number; name: string; path: string; memberCount: number; householderName: string | null }[],
): Promise<Household[]> {
  const addr = await addressesOf(
    db,
    rows.map((r) => r.path),
  );
  return rows.map((r) => ({ ...r, address: addr.get(r.path)?.address ?? r.name }));
}

/** Lists households of the actor's subtree with their member counts. */
export async function listHouseholds(
  ctx: Ctx,
  q: { territoryId?: number | undefined; q?: string | undefined; page: number; pageSize: number },
) {
  const cond = await householdWhere(ctx, q);
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select(householdColumns)
      .from(territories)
      .where(cond)
      .orderBy(asc(territories.path))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    ctx.db.select({ n: count() }).from(territories).where(cond),
  ]);
  return { items: await withAddress(ctx.db, rows), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

export async function exportHouseholds(ctx: Ctx, q: { territoryId?: number | undefined; q?: string | undefined }) {
  const cond = await householdWhere(ctx, q);
  const rows = await ctx.db
    .select(householdColumns)
    .from(territories)
    .where(cond)
    .orderBy(asc(territories.path))
    .limit(EXPORT_MAX_ROWS);
  return withAddress(ctx.db, rows);
}

/** The resident record of the signed-in account (self-service), or 404. */
async function myRow(ctx: Ctx) {
  const [row] = await ctx.db
    .select(residentColumns())
    .from(residents)
    .where(eq(residents.accountId, ctx.actor.accountId));
  if (!row) throw notFound();
  return row;
}

/**
 * A household with its members. Staff see the households of their subtree; a resident sees only their own
 * household (another one answers 404, whatever node their account is bound to).
 */
export async function getHousehold(ctx: Ctx, id: number) {
  if (!ctx.actor.permissions.has('resident.read')) {
    const mine = await myRow(ctx);
    if (mine.householdId !== id) throw notFound();
  }
  const [row] = await ctx.db
    .select(householdColumns)
    .from(territories)
    .where(and(eq(territories.id, id), eq(territories.level, 'household'), inScope(ctx.actor, territories.path)));
  if (!row && ctx.actor.permissions.has('resident.read')) throw notFound();
  const node = row ?? (await ctx.db.select(householdColumns).from(territories).where(eq(territories.id, id)))[0];
  if (!node) throw notFound();
  const members = await ctx.db
    .select(residentColumns())
    .from(residents)
    .where(eq(residents.householdId, id))
    .orderBy(asc(residents.id));
  const addr = await addressesOf(ctx.db, [node.path]);
  const a = addr.get(node.path)!;
  return { ...node, address: a.address, ancestors: a.ancestors, members: members.map((m) => toDto(m, a.address)) };
}

/** The signed-in resident's own record and household (numbers masked like everywhere). */
export async function getMyRecord(ctx: Ctx) {
  const row = await myRow(ctx);
  const hh = await getHousehold({ ...ctx, actor: { ...ctx.actor, scopePath: '/' } }, row.householdId);
  const resident = hh.members.find((m) => m.id === row.id)!;
  const { members, ancestors: _a, ...household } = hh;
  return { resident, household, members: members.filter((m) => m.id !== row.id) };
}

/**
 * The signed-in resident's own record for download (their right to a copy of their data): their own numbers
 * in full, household members masked. Audited as `resident.selfExport`.
 */
export async function exportMyRecord(ctx: Ctx) {
  const row = await myRow(ctx);
  const mine = await getMyRecord(ctx);
  const plain = plainOf(row);
  await ctx.db.transaction(async (tx) => {
    await audit(tx, ctx, {
      action: 'resident.selfExport',
      objectType: 'resident',
      objectId: row.id,
      scopePath: row.scopePath,
    });
  });
  return { ...mine, resident: { ...mine.resident, phone: plain.phone, idNumber: plain.idNumber } };
}
