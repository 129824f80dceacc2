import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/client.js';
import { accounts } from '../../kernel/db/schema.js';
import { demoPhoto } from './attachments.png.js';
import { sha256Hex, type FileStore } from './attachments.store.js';
import { orderAttachments, orderEvents, serviceOrders } from './schema.js';

const MINUTE = 60_000;
/** How many different demo photos there are (drawn in code; stored by the server at start, see ensureDemoPhotos). */
export const DEMO_PHOTO_VARIANTS = 8;
const demoBytes = (v: number) => demoPhoto(v % DEMO_PHOTO_VARIANTS);

/**
 * Demo photos on orders: a report photo on the demo resident's problem reports and on the first two problem
 * reports of each state in each community, and a photo of the finished work on resolved ones, each with its
 * 'attach' event on the timeline. Only rows here (seedDemo has no file store): the server puts the bytes in the
 * store at start.
 */
export async function seedAttachments(db: DbOrTx): Promise<void> {
  const [resident] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.username, 'resident'));
  const problems = await db
    .select({
      id: serviceOrders.id,
      communityId: serviceOrders.communityId,
      status: serviceOrders.status,
      reporterId: serviceOrders.reporterAccountId,
      createdAt: serviceOrders.createdAt,
      resolvedAt: serviceOrders.resolvedAt,
      handlerId: serviceOrders.handlerAccountId,
    })
    .from(serviceOrders)
    .where(eq(serviceOrders.kind, 'problem'))
    .orderBy(asc(serviceOrders.id));
  // Two per community and state, so every community's staff find photos in every inbox.
  const perStatus = new Map<string, number>();
  const chosen = problems.filter((o) => {
    const key = `${o.communityId}/${o.status}`;
    const n = perStatus.get(key) ?? 0;
    perStatus.set(key, n + 1);
    return (resident && o.reporterId === resident.id) || n < 2;
  });
  const ids = [...new Set(chosen.flatMap((o) => [o.reporterId, o.handlerId]).filter((x): x is number => x !== null))];
  const names = new Map(
    (ids.length
      ? await db.select({ id: accounts.id, name: accounts.displayName }).from(accounts).where(inArray(accounts.id, ids))
      : []
    ).map((a) => [a.id, a.name]),
  );
  // An 'attach' event does not move the order: it carries the status the order had at that moment.
  const events = chosen.length
    ? await db
        .select({ orderId: orderEvents.orderId, at: orderEvents.at, toStatus: orderEvents.toStatus })
        .from(orderEvents)
        .where(
          inArray(
            orderEvents.orderId,
            chosen.map((o) => o.id),
          ),
        )
        .orderBy(asc(orderEvents.at), asc(orderEvents.id))
    : [];
  const statusAt = (orderId: number, at: Date) =>
    events.filter((e) => e.orderId === orderId && e.at <= at).at(-1)?.toStatus ?? null;
  let variant = 0;
  for (const o of chosen) {
    const shots: { stage: 'report' | 'resolve'; at: Date; by: number | null; name: string }[] = [
      { stage: 'report', at: new Date(o.createdAt.getTime() + MINUTE), by: o.reporterId, name: '现场照片.png' },
    ];
    if (o.resolvedAt && ['resolved', 'rated', 'closed'].includes(o.status))
      shots.push({
        stage: 'resolve',
        at: new Date(o.resolvedAt.getTime() - MINUTE),
        by: o.handlerId,
        name: '办结照片.png',
      });
    for (const s of shots) {
      const bytes = demoBytes(variant++);
      const [ev] = await db
        .insert(orderEvents)
        .values({
          orderId: o.id,
          at: s.at,
          action: 'attach',
          fromStatus: statusAt(o.id, s.at),
          toStatus: statusAt(o.id, s.at),
          actorId: s.by,
          actorName: s.by !== null ? (names.get(s.by) ?? null) : null,
          note: s.name,
          data: { stage: s.stage, files: [{ name: s.name, mime: 'image/png', size: bytes.length }] },
        })
        .returning({ id: orderEvents.id });
      await db.insert(orderAttachments).values({
        orderId: o.id,
        eventId: ev!.id,
        stage: s.stage,
        originalName: s.name,
        mime: 'image/png',
        size: bytes.length,
        sha256: sha256Hex(bytes),
        uploaderId: s.by,
        uploaderName: s.by !== null ? (names.get(s.by) ?? null) : null,
        createdAt: s.at,
      });
    }
  }
}

/** Puts the demo photos' bytes in the store (content-addressed: a no-op when they are there already). */
export async function ensureDemoPhotos(store: FileStore, db: DbOrTx): Promise<void> {
  const [any] = await db
    .select({ id: orderAttachments.id })
    .from(orderAttachments)
    .where(and(eq(orderAttachments.mime, 'image/png')))
    .limit(1);
  if (!any) return;
  for (let v = 0; v < DEMO_PHOTO_VARIANTS; v++) {
    const bytes = demoBytes(v);
    await store.put(sha256Hex(bytes), bytes, 'image/png');
  }
}
