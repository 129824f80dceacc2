import { randomBytes } from 'node:crypto';
import { and, asc, count, desc, eq, inArray } from 'drizzle-orm';
import { audit } from '../../kernel/audit/audit.js';
import type { Ctx } from '../../kernel/context.js';
import { accounts, territories } from '../../kernel/db/schema.js';
import { AppError, notFound } from '../../kernel/http/errors.js';
import { inScope, requireTerritoriesInScope } from '../../kernel/scope/scope.js';
import type { CreateClient, CreatedClient, Open311Client } from './contract.js';
import { keyHash, newKey } from './open311.service.js';
import { open311Clients, open311Requests } from './schema.js';

const c = open311Clients;

function select(ctx: Ctx) {
  return ctx.db
    .select({
      c,
      territoryName: territories.name,
      requests: count(open311Requests.id),
    })
    .from(c)
    .innerJoin(territories, eq(territories.id, c.territoryId))
    .leftJoin(open311Requests, eq(open311Requests.clientId, c.id))
    .groupBy(c.id, territories.name);
}
type Row = Awaited<ReturnType<ReturnType<typeof select>['where']>>[number];
const toClient = (r: Row): Open311Client => ({
  id: r.c.id,
  name: r.c.name,
  keyPrefix: r.c.keyPrefix,
  territory: { id: r.c.territoryId, name: r.territoryName },
  perMinute: r.c.perMinute,
  createdAt: r.c.createdAt,
  revokedAt: r.c.revokedAt,
  requests: Number(r.requests),
});

/** The Open311 clients of the admin's subtree, newest first. */
export async function listClients(ctx: Ctx): Promise<Open311Client[]> {
  const rows = await select(ctx).where(inScope(ctx.actor, c.scopePath)).orderBy(desc(c.id));
  return rows.map(toClient);
}

/**
 * Makes an API key for a client 接口客户端 scoped to a node of the admin's subtree, with its own sign-in-disabled
 * account (the reporter of its requests). The key is answered once; only its SHA-256 is kept. Audited.
 */
export async function createClient(ctx: Ctx, body: CreateClient): Promise<CreatedClient> {
  const paths = await requireTerritoriesInScope(ctx.db, ctx.actor, [body.territoryId]);
  const path = paths.get(body.territoryId)!;
  const key = newKey();
  const now = ctx.clock.now();
  const id = await ctx.db.transaction(async (tx) => {
    const [acc] = await tx
      .insert(accounts)
      .values({
        username: `open311-${randomBytes(6).toString('hex')}`,
        displayName: body.name,
        // No password can match this (not an argon2 hash), and the account is disabled: it never signs in.
        passwordHash: '!open311-client',
        roles: [],
        territoryId: body.territoryId,
        disabled: true,
      })
      .returning({ id: accounts.id });
    const [row] = await tx
      .insert(c)
      .values({
        name: body.name,
        keyHash: keyHash(key),
        keyPrefix: key.slice(0, 9),
        territoryId: body.territoryId,
        scopePath: path,
        accountId: acc!.id,
        perMinute: body.perMinute,
        createdBy: ctx.actor.accountId,
        createdAt: now,
      })
      .returning();
    await audit(tx, ctx, {
      action: 'open311.clientCreate',
      objectType: 'open311Client',
      objectId: row!.id,
      scopePath: path,
      after: { ...row, keyHash: undefined },
    });
    return row!.id;
  });
  const [r] = await select(ctx).where(eq(c.id, id));
  return { ...toClient(r!), key };
}

/** Revokes a key at once (requests with it answer 403 from then on). Audited; a second revoke is 409. */
export async function revokeClient(ctx: Ctx, id: number): Promise<Open311Client> {
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(c)
      .where(and(eq(c.id, id), inScope(ctx.actor, c.scopePath)))
      .for('update');
    if (!row) throw notFound('open311.clientNotFound');
    if (row.revokedAt) throw new AppError('conflict', 'open311.clientRevoked');
    const [after] = await tx.update(c).set({ revokedAt: ctx.clock.now() }).where(eq(c.id, id)).returning();
    await audit(tx, ctx, {
      action: 'open311.clientRevoke',
      objectType: 'open311Client',
      objectId: id,
      scopePath: row.scopePath,
      before: { revokedAt: null },
      after: { revokedAt: after!.revokedAt },
    });
  });
  const [r] = await select(ctx).where(eq(c.id, id));
  return toClient(r!);
}

/** Nodes a key may be scoped to: the admin's subtree from street down to community level (at most 1000). */
export async function clientNodes(ctx: Ctx): Promise<{ id: number; name: string; level: string }[]> {
  return ctx.db
    .select({ id: territories.id, name: territories.name, level: territories.level })
    .from(territories)
    .where(
      and(
        inScope(ctx.actor, territories.path),
        inArray(territories.level, ['city', 'district', 'street', 'community']),
      ),
    )
    .orderBy(asc(territories.path))
    .limit(1000);
}
