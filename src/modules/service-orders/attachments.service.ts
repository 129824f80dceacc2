import type { Readable } from 'node:stream';
import { and, asc, eq } from 'drizzle-orm';
import { audit } from '../../kernel/audit/audit.js';
import type { Ctx } from '../../kernel/context.js';
import type { DbOrTx } from '../../kernel/db/client.js';
import { AppError, conflict, forbidden, notFound, type FieldError } from '../../kernel/http/errors.js';
import { t } from '../../kernel/i18n/i18n.js';
import { pathInScope } from '../../kernel/scope/scope.js';
import { mayHandle, viewerOf, visibleOrders } from './access.js';
import { stripMetadata } from './attachments.metadata.js';
import { sniffType } from './attachments.sniff.js';
import { sha256Hex, type FileStore } from './attachments.store.js';
import { FINISHED, type OrderStatus } from './constants.js';
import { ATTACHMENT_STAGES, type Attachment } from './contract.js';
import { orderAttachments, orderEvents, serviceOrders } from './schema.js';

export type Stage = (typeof ATTACHMENT_STAGES)[number];
export interface UploadFile {
  /** The name the client gave (kept for display and download only; never used to decide the type). */
  name: string;
  bytes: Buffer;
}
/** Files accepted in one upload request. */
export const MAX_FILES_PER_UPLOAD = 9;
/** States in which the handler adds photos of the work (办结照片), including just after resolving. */
const HANDLER_STATES: readonly OrderStatus[] = ['accepted', 'inProgress', 'resolved'];

type Row = typeof orderAttachments.$inferSelect;
const toAttachment = (r: Row): Attachment => ({
  id: r.id,
  orderId: r.orderId,
  eventId: r.eventId,
  stage: r.stage,
  name: r.originalName,
  mime: r.mime,
  size: r.size,
  sha256: r.sha256,
  uploader: r.uploaderId !== null ? { id: r.uploaderId, name: r.uploaderName ?? '' } : null,
  createdAt: r.createdAt,
  url: `/api/orders/${r.orderId}/attachments/${r.id}`,
});

/** An order's photos and files, oldest first (the caller has already checked that the order is visible). */
export async function listAttachments(db: DbOrTx, orderId: number): Promise<Attachment[]> {
  const rows = await db
    .select()
    .from(orderAttachments)
    .where(eq(orderAttachments.orderId, orderId))
    .orderBy(asc(orderAttachments.createdAt), asc(orderAttachments.id));
  return rows.map(toAttachment);
}

/** A file name safe to keep and show: no path, no control characters, at most 200 characters. */
export function cleanName(name: string, fallbackExt: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed here
    .replace(/[\u0000-\u001f\u007f"]/g, '')
    .trim()
    .slice(-200);
  return clean || `file.${fallbackExt}`;
}

/** 10485760 → "10 MB" (for the size-limit message). */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Number((n / 1024 / 1024).toFixed(1))} MB`;
  if (n >= 1024) return `${Number((n / 1024).toFixed(1))} KB`;
  return `${n} B`;
}

export interface UploadGrant {
  orderId: number;
  allowed: Stage[];
  defaultStage: Stage;
}

/**
 * Who may add photos to an order (issue 5 item 6): whoever may see it and has a part in it — the reporter while
 * it is not finished (stage 'report'), the handler while working on it or just after resolving ('resolve'), staff
 * of its subtree at any time (any stage). Others who see it (a party member browsing open micro-wishes) may not.
 * Checked before the body is read, so an outsider's upload is refused with 404 without storing anything.
 */
export async function grantUpload(ctx: Ctx, orderId: number): Promise<UploadGrant> {
  const v = await viewerOf(ctx.db, ctx.actor);
  const [row] = await ctx.db
    .select()
    .from(serviceOrders)
    .where(and(eq(serviceOrders.id, orderId), visibleOrders(v)));
  if (!row) throw notFound();
  const staff = v.staff && pathInScope(ctx.actor, row.scopePath);
  const reporter = row.reporterAccountId === ctx.actor.accountId;
  const handler = !staff && mayHandle(v, row);
  const allowed = new Set<Stage>();
  if (staff) ATTACHMENT_STAGES.forEach((s) => allowed.add(s));
  if (reporter && !FINISHED.includes(row.status)) allowed.add('report');
  if (handler && HANDLER_STATES.includes(row.status)) allowed.add('resolve');
  if (!allowed.size) {
    if (reporter || handler)
      throw conflict('attachment.finished', { status: t(ctx.locale, `order.status.${row.status}`) });
    throw forbidden('attachment.notAllowed');
  }
  const defaultStage: Stage = staff
    ? HANDLER_STATES.includes(row.status)
      ? 'resolve'
      : 'other'
    : allowed.has('resolve')
      ? 'resolve'
      : 'report';
  return { orderId, allowed: ATTACHMENT_STAGES.filter((s) => allowed.has(s)), defaultStage };
}

const invalid = (fields: FieldError[]) => new AppError('validation', undefined, {}, fields);

/**
 * Stores the files of one upload and records them: each file's type is sniffed from its bytes (JPEG, PNG, WebP,
 * HEIC/HEIF, PDF; the declared name and type are ignored) and the whole upload is refused, file by file, when
 * one is not allowed; JPEG, PNG and WebP photos are stored without their metadata (GPS, time, device). Bytes go to the store under their sha256 first; then, in one transaction, the rows, one
 * 'attach' event on the timeline (the rows link to it) and the audit record. A failed transaction leaves at
 * most an unreferenced blob, which is harmless (content-addressed, reused by the next upload of the same bytes).
 */
export async function addAttachments(
  ctx: Ctx,
  store: FileStore,
  grant: UploadGrant,
  stageInput: string | undefined,
  files: UploadFile[],
): Promise<Attachment[]> {
  if (!files.length) throw invalid([{ field: 'files', message: t(ctx.locale, 'attachment.noFiles') }]);
  let stage = grant.defaultStage;
  if (stageInput !== undefined && stageInput !== '') {
    const wanted = ATTACHMENT_STAGES.find((s) => s === stageInput);
    if (!wanted || !grant.allowed.includes(wanted)) {
      throw invalid([
        {
          field: 'stage',
          message: t(ctx.locale, 'attachment.badStage', {
            allowed: grant.allowed.map((s) => t(ctx.locale, `attachment.stage.${s}`)).join('、'),
          }),
        },
      ]);
    }
    stage = wanted;
  }
  const typed = files.map((f) => ({ ...f, mime: sniffType(f.bytes) }));
  const bad = typed.flatMap((f, i) =>
    f.mime
      ? []
      : [{ field: `files.${i}`, message: t(ctx.locale, 'attachment.badType', { name: cleanName(f.name, 'bin') }) }],
  );
  if (bad.length) throw invalid(bad);
  // Photos lose their metadata (GPS position, time, device) before they are stored: attachments.metadata.ts.
  const ready = typed.map((f) => {
    const bytes = stripMetadata(f.mime!, f.bytes);
    return { name: cleanName(f.name, f.mime!.split('/')[1]!), mime: f.mime!, bytes, sha256: sha256Hex(bytes) };
  });
  for (const f of ready) await store.put(f.sha256, f.bytes, f.mime);

  const now = ctx.clock.now();
  const rows = await ctx.db.transaction(async (tx) => {
    const [order] = await tx.select().from(serviceOrders).where(eq(serviceOrders.id, grant.orderId)).for('update');
    if (!order) throw notFound();
    const [event] = await tx
      .insert(orderEvents)
      .values({
        orderId: order.id,
        at: now,
        action: 'attach',
        fromStatus: order.status,
        toStatus: order.status,
        actorId: ctx.actor.accountId,
        actorName: ctx.actor.displayName,
        note: ready.map((f) => f.name).join('、'),
        data: { stage, files: ready.map((f) => ({ name: f.name, mime: f.mime, size: f.bytes.length })) },
      })
      .returning({ id: orderEvents.id });
    const inserted = await tx
      .insert(orderAttachments)
      .values(
        ready.map((f) => ({
          orderId: order.id,
          eventId: event!.id,
          stage,
          originalName: f.name,
          mime: f.mime,
          size: f.bytes.length,
          sha256: f.sha256,
          uploaderId: ctx.actor.accountId,
          uploaderName: ctx.actor.displayName,
          createdAt: now,
        })),
      )
      .returning();
    await audit(tx, ctx, {
      action: 'order.attach',
      objectType: 'serviceOrder',
      objectId: order.id,
      scopePath: order.scopePath,
      after: {
        stage,
        attachments: inserted.map((r) => ({
          id: r.id,
          name: r.originalName,
          mime: r.mime,
          size: r.size,
          sha256: r.sha256,
        })),
      },
    });
    return inserted;
  });
  return rows.map(toAttachment);
}

/** One attachment's bytes, only for a caller who may see the order (404 otherwise, as for the order itself). */
export async function openAttachment(
  ctx: Ctx,
  store: FileStore,
  orderId: number,
  attachmentId: number,
): Promise<{ attachment: Attachment; stream: Readable }> {
  const v = await viewerOf(ctx.db, ctx.actor);
  const [row] = await ctx.db
    .select({ a: orderAttachments })
    .from(orderAttachments)
    .innerJoin(serviceOrders, eq(serviceOrders.id, orderAttachments.orderId))
    .where(and(eq(orderAttachments.id, attachmentId), eq(orderAttachments.orderId, orderId), visibleOrders(v)));
  if (!row) throw notFound();
  const stream = await store.get(row.a.sha256);
  if (!stream) throw notFound('attachment.missing');
  return { attachment: toAttachment(row.a), stream };
}

/** `Content-Disposition` with an ASCII fallback and the real (e.g. Chinese) name in RFC 5987 form. */
export function contentDisposition(name: string, kind: 'inline' | 'attachment'): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%;]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
