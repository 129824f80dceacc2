import { and, asc, desc, eq, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import { audit } from '../../kernel/audit/audit.js';
import { chinaDateTime, chinaDayHour, type Clock } from '../../kernel/clock.js';
import { systemActor, type Actor, type Ctx } from '../../kernel/context.js';
import type { Db, DbOrTx } from '../../kernel/db/client.js';
import { accounts, territories } from '../../kernel/db/schema.js';
import { notFound } from '../../kernel/http/errors.js';
import { offsetOf } from '../../kernel/http/pagination.js';
import { t, type Locale } from '../../kernel/i18n/i18n.js';
import {
  DEFAULT_DIGEST_HOUR,
  DIGEST_MAX_ITEMS,
  DIGEST_TIME_ZONE,
  type NotificationKind,
  type NotificationMode,
} from './constants.js';
import type { MarkRead, Notification, NotificationListQuery, Preferences, UpdatePreferences } from './contract.js';
import { notificationPreferences, notifications } from './schema.js';
import { every } from '../../kernel/every.js';

const n = notifications;

// ---------------------------------------------------------------------------------------------------------------
// Writing: called by other modules inside their own transaction (STYLE rule 2).
// ---------------------------------------------------------------------------------------------------------------

/** One event for some accounts: what happened (kind + params for the texts), and what it is about. */
export interface NotifyEvent {
  kind: Exclude<NotificationKind, 'digest'>;
  /** Who hears about it; nulls, duplicates and the actor are dropped. */
  accountIds: readonly (number | null | undefined)[];
  params: Record<string, string | number | null>;
  orderId?: number | null;
  link?: string | null;
}

/**
 * Stores notifications inside the caller's transaction, so the change, its audit record and its notifications
 * commit together (STYLE rule 2). Never notifies the actor of their own move. An account hears about one thing
 * once per call (the first event naming it wins: callers list the most actionable first). Accounts in daily-digest
 * mode get the row `held`: kept for the digest, not shown one by one.
 */
export async function notify(
  tx: DbOrTx,
  ctx: { actor: Pick<Actor, 'accountId'>; clock: Clock },
  events: readonly NotifyEvent[],
): Promise<number> {
  const seen = new Set<number>([ctx.actor.accountId]);
  const rows: { accountId: number; e: NotifyEvent }[] = [];
  for (const e of events) {
    for (const id of e.accountIds) {
      if (!id || seen.has(id)) continue;
      seen.add(id);
      rows.push({ accountId: id, e });
    }
  }
  if (!rows.length) return 0;
  const prefs = await tx
    .select({ accountId: notificationPreferences.accountId, mode: notificationPreferences.mode })
    .from(notificationPreferences)
    .where(
      inArray(
        notificationPreferences.accountId,
        rows.map((r) => r.accountId),
      ),
    );
  const digest = new Set(prefs.filter((p) => p.mode === 'dailyDigest').map((p) => p.accountId));
  const now = ctx.clock.now();
  await tx.insert(n).values(
    rows.map(({ accountId, e }) => ({
      accountId,
      kind: e.kind,
      params: e.params,
      orderId: e.orderId ?? null,
      link: e.link ?? (e.orderId ? `/orders/${e.orderId}` : null),
      createdAt: now,
      held: digest.has(accountId),
    })),
  );
  return rows.length;
}

// ---------------------------------------------------------------------------------------------------------------
// Rendering: texts in the reader's locale from the stored event.
// ---------------------------------------------------------------------------------------------------------------

function textParams(locale: Locale, params: Record<string, unknown>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params)) {
    if (typeof v === 'number') out[k] = v;
    else if (typeof v === 'string') out[k] = v;
  }
  if (typeof params.deadline === 'string') out.deadline = chinaDateTime(new Date(params.deadline));
  if (typeof params.level === 'string') out.level = t(locale, `notification.level.${params.level}`);
  if (typeof params.handler !== 'string' || !params.handler) out.handler = t(locale, 'notification.handler.someone');
  if (typeof params.note !== 'string') out.note = '';
  return out;
}

interface StoredEvent {
  kind: NotificationKind;
  params: Record<string, unknown>;
  orderId: number | null;
  link: string | null;
  at: Date;
}

function renderEvent(locale: Locale, e: StoredEvent) {
  const p = textParams(locale, e.params);
  return { title: t(locale, `notification.${e.kind}.title`, p), body: t(locale, `notification.${e.kind}.body`, p) };
}

function digestItems(params: Record<string, unknown>): StoredEvent[] {
  const raw = Array.isArray(params.items) ? (params.items as unknown[]) : [];
  const out: StoredEvent[] = [];
  for (const x of raw) {
    if (!x || typeof x !== 'object') continue;
    const i = x as Record<string, unknown>;
    if (typeof i.kind !== 'string' || typeof i.at !== 'string') continue;
    out.push({
      kind: i.kind as NotificationKind,
      params: i.params && typeof i.params === 'object' ? (i.params as Record<string, unknown>) : {},
      orderId: typeof i.orderId === 'number' ? i.orderId : null,
      link: typeof i.link === 'string' ? i.link : null,
      at: new Date(i.at),
    });
  }
  return out;
}

/** A stored row as its reader sees it, in the reader's locale. */
export function render(locale: Locale, row: typeof n.$inferSelect): Notification {
  const base = {
    id: row.id,
    kind: row.kind,
    link: row.link,
    orderId: row.orderId,
    createdAt: row.createdAt,
    readAt: row.readAt,
  };
  if (row.kind !== 'digest') return { ...base, ...renderEvent(locale, { ...row, at: row.createdAt }), items: null };
  const items = digestItems(row.params).map((e) => ({
    kind: e.kind,
    orderId: e.orderId,
    link: e.link,
    at: e.at,
    ...renderEvent(locale, e),
  }));
  const count = typeof row.params.count === 'number' ? row.params.count : items.length;
  const lines = items.slice(0, 5).map((i) => `${i.title}：${i.body}`);
  if (count > lines.length) lines.push(t(locale, 'notification.digest.more', { count: count - lines.length }));
  return {
    ...base,
    title: t(locale, 'notification.digest.title', { day: String(row.params.day ?? ''), count }),
    body: t(locale, 'notification.digest.body', { items: lines.join('\n') }),
    items,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Reading and marking: an account sees only its own notifications (anything else answers 404).
// ---------------------------------------------------------------------------------------------------------------

/** The caller's own notifications that are shown one by one (held digest events are not). */
const mine = (actor: Actor): SQL => and(eq(n.accountId, actor.accountId), eq(n.held, false))!;

async function unreadOf(db: DbOrTx, actor: Actor): Promise<number> {
  const [r] = await db
    .select({ c: sql<number>`count(*)::int`.mapWith(Number) })
    .from(n)
    .where(and(mine(actor), isNull(n.readAt)));
  return r?.c ?? 0;
}

/** The caller's notifications, newest first, with the unread count for the bell. */
export async function listNotifications(ctx: Ctx, q: NotificationListQuery) {
  const w: SQL[] = [mine(ctx.actor)];
  if (q.unread !== undefined) w.push(q.unread ? isNull(n.readAt) : sql`${n.readAt} is not null`);
  if (q.orderId) w.push(eq(n.orderId, q.orderId));
  if (q.kind) w.push(eq(n.kind, q.kind));
  const where = and(...w);
  const [rows, [count], unread] = await Promise.all([
    ctx.db.select().from(n).where(where).orderBy(desc(n.createdAt), desc(n.id)).limit(q.pageSize).offset(offsetOf(q)),
    ctx.db
      .select({ c: sql<number>`count(*)::int`.mapWith(Number) })
      .from(n)
      .where(where),
    unreadOf(ctx.db, ctx.actor),
  ]);
  return {
    items: rows.map((r) => render(ctx.locale, r)),
    total: count?.c ?? 0,
    page: q.page,
    pageSize: q.pageSize,
    unread,
  };
}

/** Marks the given notifications (all the caller's own, else 404) or all unread ones as read; audited. */
export async function markRead(ctx: Ctx, body: MarkRead) {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    let updated: { id: number }[];
    if (body.ids) {
      const ids = [...new Set(body.ids)];
      const own = await tx
        .select({ id: n.id })
        .from(n)
        .where(and(mine(ctx.actor), inArray(n.id, ids)));
      if (own.length !== ids.length) throw notFound();
      updated = await tx
        .update(n)
        .set({ readAt: now })
        .where(and(inArray(n.id, ids), isNull(n.readAt)))
        .returning({ id: n.id });
    } else {
      updated = await tx
        .update(n)
        .set({ readAt: now })
        .where(and(mine(ctx.actor), isNull(n.readAt)))
        .returning({ id: n.id });
    }
    if (updated.length) {
      await audit(tx, ctx, {
        action: 'notification.read',
        objectType: 'notification',
        objectId: body.all ? 'all' : updated.map((u) => u.id).join(','),
        scopePath: ctx.actor.scopePath,
        after: { ids: updated.map((u) => u.id) },
      });
    }
    return { updated: updated.length, unread: await unreadOf(tx, ctx.actor) };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Preferences
// ---------------------------------------------------------------------------------------------------------------

async function preferencesOf(db: DbOrTx, accountId: number): Promise<Preferences> {
  const [p] = await db.select().from(notificationPreferences).where(eq(notificationPreferences.accountId, accountId));
  return { mode: p?.mode ?? 'instant', digestHour: p?.digestHour ?? DEFAULT_DIGEST_HOUR, timeZone: DIGEST_TIME_ZONE };
}

export const getPreferences = (ctx: Ctx) => preferencesOf(ctx.db, ctx.actor.accountId);

/**
 * Sets how the caller hears: one message per event, or a daily digest at `digestHour` (China time). Back to
 * instant, the events still waiting for a digest are shown one by one at once (nothing is lost). Audited.
 */
export async function updatePreferences(ctx: Ctx, body: UpdatePreferences): Promise<Preferences> {
  const me = ctx.actor.accountId;
  return ctx.db.transaction(async (tx) => {
    const before = await preferencesOf(tx, me);
    const next = { mode: body.mode as NotificationMode, digestHour: body.digestHour ?? before.digestHour };
    const now = ctx.clock.now();
    await tx
      .insert(notificationPreferences)
      .values({ accountId: me, ...next, updatedAt: now })
      .onConflictDoUpdate({ target: notificationPreferences.accountId, set: { ...next, updatedAt: now } });
    if (next.mode === 'instant')
      await tx
        .update(n)
        .set({ held: false })
        .where(and(eq(n.accountId, me), eq(n.held, true), isNull(n.digestId)));
    await audit(tx, ctx, {
      action: 'notification.preferences',
      objectType: 'account',
      objectId: me,
      scopePath: ctx.actor.scopePath,
      before,
      after: next,
    });
    return { ...next, timeZone: DIGEST_TIME_ZONE };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The daily digest
// ---------------------------------------------------------------------------------------------------------------

const BATCH = 5000;

export interface DigestResult {
  digests: number;
  events: number;
}

/**
 * One pass of the digest scheduler. For each account in digest mode whose digest hour (China time) has come
 * today and that has held events, composes ONE `digest` notification listing them and marks them digested.
 * Held rows are taken with `FOR UPDATE SKIP LOCKED` and a digest is unique per account and day, so two server
 * processes (or two passes at once) never send an account two digests on one day. Events after today's digest
 * wait for tomorrow's.
 */
export async function digestPass(db: Db, clock: Clock): Promise<DigestResult> {
  const now = clock.now();
  const { day, hour } = chinaDayHour(now);
  const ctx = { actor: systemActor(), clock, requestId: 'digest', ip: '' };
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ row: n })
      .from(n)
      .leftJoin(notificationPreferences, eq(notificationPreferences.accountId, n.accountId))
      .where(
        and(
          eq(n.held, true),
          isNull(n.digestId),
          lte(n.createdAt, now),
          sql`coalesce(${notificationPreferences.digestHour}, ${DEFAULT_DIGEST_HOUR}) <= ${hour}`,
        ),
      )
      .orderBy(asc(n.accountId), asc(n.id))
      .limit(BATCH)
      .for('update', { of: n, skipLocked: true });
    const byAccount = new Map<number, (typeof n.$inferSelect)[]>();
    for (const d of due) {
      const list = byAccount.get(d.row.accountId) ?? [];
      list.push(d.row);
      byAccount.set(d.row.accountId, list);
    }
    const result: DigestResult = { digests: 0, events: 0 };
    if (!byAccount.size) return result;
    const paths = new Map(
      (
        await tx
          .select({ id: accounts.id, path: territories.path })
          .from(accounts)
          .innerJoin(territories, eq(territories.id, accounts.territoryId))
          .where(inArray(accounts.id, [...byAccount.keys()]))
      ).map((a) => [a.id, a.path]),
    );
    for (const [accountId, events] of byAccount) {
      const items = events.slice(-DIGEST_MAX_ITEMS).map((e) => ({
        kind: e.kind,
        params: e.params,
        orderId: e.orderId,
        link: e.link,
        at: e.createdAt.toISOString(),
      }));
      const [digest] = await tx
        .insert(n)
        .values({
          accountId,
          kind: 'digest',
          params: { day, count: events.length, items },
          createdAt: now,
          digestDay: day,
          link: '/notifications',
        })
        .onConflictDoNothing({ target: [n.accountId, n.digestDay] })
        .returning({ id: n.id });
      if (!digest) continue; // today's digest already went out: these wait for tomorrow's
      await tx
        .update(n)
        .set({ digestId: digest.id })
        .where(
          inArray(
            n.id,
            events.map((e) => e.id),
          ),
        );
      await audit(tx, ctx, {
        action: 'notification.digest',
        objectType: 'notification',
        objectId: digest.id,
        scopePath: paths.get(accountId) ?? '/',
        after: { accountId, day, count: events.length },
      });
      result.digests++;
      result.events += events.length;
    }
    return result;
  });
}

/** Runs `digestPass` every `seconds` until stopped; one pass at a time. */
export function startDigestScheduler(db: Db, clock: Clock, seconds: number, onError: (e: unknown) => void) {
  return every(seconds, () => digestPass(db, clock), onError);
}
