import { and, eq, lt, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Clock } from '../clock.js';
import type { Db } from '../db/client.js';
import { rateLimits } from '../db/schema.js';
import { AppError } from './errors.js';

/**
 * Throttling (issue 18, point 3; docs/decisions/016-security-hardening.md). A route declares its limits in
 * `config.throttle`; the kernel counts each request in `rate_limits` (fixed windows, one row per key and window,
 * so every app process shares the counts) and answers 429 with Retry-After past the limit.
 */
export interface ThrottleRule {
  /** Names the counter, e.g. `login`. */
  name: string;
  /** What is counted: the caller's IP, the signed-in account, or a field of the body (an account named in it). */
  per: 'ip' | 'actor' | { body: string } | { param: string };
  /** Requests allowed per window. */
  limit: number;
  windowSeconds: number;
}

export const THROTTLE_SWEEP_HOURS = 24;

/** Counts one request under `key`; throws `rateLimited` (with retryAfter seconds) past `limit` in the window. */
export async function hit(db: Db, clock: Clock, key: string, limit: number, windowSeconds: number): Promise<void> {
  const now = clock.now().getTime();
  const windowMs = windowSeconds * 1000;
  const start = new Date(Math.floor(now / windowMs) * windowMs);
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart: start, count: 1 })
    .onConflictDoUpdate({
      target: [rateLimits.key, rateLimits.windowStart],
      set: { count: sql`${rateLimits.count} + 1` },
    })
    .returning({ count: rateLimits.count });
  if (row?.count === 1) {
    // A new window for this key: its windows older than a day count for nothing any more.
    await db
      .delete(rateLimits)
      .where(
        and(eq(rateLimits.key, key), lt(rateLimits.windowStart, new Date(now - THROTTLE_SWEEP_HOURS * 3_600_000))),
      );
  }
  if ((row?.count ?? 0) > limit) {
    const retryAfter = Math.max(1, Math.ceil((start.getTime() + windowMs - now) / 1000));
    throw new AppError('rateLimited', 'error.rateLimitedFor', { retryAfter });
  }
}

function subjectOf(req: FastifyRequest, rule: ThrottleRule): string | null {
  if (rule.per === 'ip') return req.ip;
  if (rule.per === 'actor') return req.actor ? String(req.actor.accountId) : null;
  const source = 'body' in rule.per ? req.body : req.params;
  const field = 'body' in rule.per ? rule.per.body : rule.per.param;
  const v = source && typeof source === 'object' ? (source as Record<string, unknown>)[field] : undefined;
  if (typeof v !== 'string' && typeof v !== 'number') return null;
  return String(v).trim().toLowerCase().slice(0, 200);
}

/** Applies a route's rules, in order; the first one past its limit refuses the request. */
export async function throttle(db: Db, clock: Clock, req: FastifyRequest, rules: readonly ThrottleRule[]) {
  for (const rule of rules) {
    const subject = subjectOf(req, rule);
    if (subject === null) continue;
    const per = typeof rule.per === 'string' ? rule.per : 'body' in rule.per ? rule.per.body : rule.per.param;
    await hit(db, clock, `${rule.name}:${per}:${subject}`, rule.limit, rule.windowSeconds);
  }
}
