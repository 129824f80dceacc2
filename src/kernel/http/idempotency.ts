import { and, eq, lt } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../clock.js';
import type { Db } from '../db/client.js';
import { idempotencyKeys } from '../db/schema.js';
import { AppError } from './errors.js';

/**
 * `Idempotency-Key` on creates (issue 18, point 9; docs/decisions/016-security-hardening.md). A route marked
 * `config.idempotent` claims (caller, key) in `idempotency_keys` before its handler runs; a retry with the same key
 * gets the first answer back (with `Idempotent-Replayed: true`) instead of a second record. The claim is committed
 * before the create, so a crash between the create's commit and the stored answer leaves a claim without an
 * answer: a retry then gets 409 (`error.idempotencyInProgress`) — never a duplicate. A failed create frees the key.
 */
const KEY = /^[\w.:-]{8,200}$/;
export const IDEMPOTENCY_HOURS = 24;

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: { scope: string; key: string } | null;
  }
}

const scopeOf = (req: FastifyRequest) => (req.actor ? `a:${req.actor.accountId}` : `ip:${req.ip}`);

/** Before the handler: replays a stored answer, refuses a key in flight, or claims the key. */
export async function claimIdempotencyKey(db: Db, clock: Clock, req: FastifyRequest, reply: FastifyReply) {
  const header = req.headers['idempotency-key'];
  if (header === undefined) return;
  if (typeof header !== 'string' || !KEY.test(header)) throw new AppError('validation', 'error.idempotencyKey');
  const scope = scopeOf(req);
  const route = `${req.method} ${req.routeOptions.url}`;
  const now = clock.now();
  await db
    .delete(idempotencyKeys)
    .where(
      and(
        eq(idempotencyKeys.scope, scope),
        lt(idempotencyKeys.createdAt, new Date(now.getTime() - IDEMPOTENCY_HOURS * 3_600_000)),
      ),
    );
  const claimed = await db
    .insert(idempotencyKeys)
    .values({ scope, key: header, route, status: 0, body: null, createdAt: now })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (claimed.length) {
    req.idempotency = { scope, key: header };
    return;
  }
  const [prior] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, header)));
  if (!prior || prior.route !== route) throw new AppError('conflict', 'error.idempotencyReused');
  if (prior.status === 0) throw new AppError('conflict', 'error.idempotencyInProgress');
  reply.header('idempotent-replayed', 'true');
  // The stored answer is already serialised JSON: sent as it is, not through the route's response schema again.
  return reply
    .status(prior.status)
    .type('application/json; charset=utf-8')
    .send(prior.body === null ? '' : JSON.stringify(prior.body));
}

/** After the handler: keeps a successful answer for the retries, frees the key after a failure. */
export async function settleIdempotencyKey(db: Db, req: FastifyRequest, status: number, payload: unknown) {
  const claim = req.idempotency;
  if (!claim) return;
  req.idempotency = null;
  const where = and(eq(idempotencyKeys.scope, claim.scope), eq(idempotencyKeys.key, claim.key));
  if (status >= 200 && status < 300) {
    let body: unknown;
    try {
      body = typeof payload === 'string' && payload !== '' ? JSON.parse(payload) : null;
    } catch {
      body = null;
    }
    await db.update(idempotencyKeys).set({ status, body }).where(where);
  } else {
    await db.delete(idempotencyKeys).where(where);
  }
}
