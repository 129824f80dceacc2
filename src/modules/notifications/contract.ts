import { z } from 'zod';
import { PageQuery } from '../../kernel/http/pagination.js';
import { NOTIFICATION_KINDS, NOTIFICATION_MODES } from './constants.js';

const Id = z.coerce.number().int().positive().max(2_147_483_647);
const boolQ = z.enum(['true', 'false']).transform((v) => v === 'true');

export const NotificationKind = z.enum(NOTIFICATION_KINDS);
export const NotificationMode = z.enum(NOTIFICATION_MODES);

/** One event inside a digest, rendered like a notification. */
export const DigestItem = z.object({
  kind: NotificationKind,
  title: z.string(),
  body: z.string(),
  orderId: z.number().int().nullable(),
  link: z.string().nullable(),
  at: z.date(),
});

/** A notification as its reader sees it: title and body rendered in the reader's locale. */
export const Notification = z.object({
  id: z.number().int(),
  kind: NotificationKind,
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  orderId: z.number().int().nullable(),
  createdAt: z.date(),
  readAt: z.date().nullable(),
  /** For a digest: the events it lists. */
  items: z.array(DigestItem).nullable(),
});
export type Notification = z.infer<typeof Notification>;

export const NotificationListQuery = PageQuery.extend({
  unread: boolQ.optional(),
  orderId: Id.optional(),
  kind: NotificationKind.optional(),
});
export type NotificationListQuery = z.infer<typeof NotificationListQuery>;

export const NotificationPage = z.object({
  items: z.array(Notification),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Unread notifications of the account (whatever the filters), for the bell's badge. */
  unread: z.number().int(),
});

/** `{ ids: [...] }` marks those (all must be the caller's), `{ all: true }` marks every unread one. */
export const MarkRead = z
  .object({ ids: z.array(Id).min(1).max(200).optional(), all: z.literal(true).optional() })
  .strict()
  .superRefine((v, c) => {
    if ((v.ids ? 1 : 0) + (v.all ? 1 : 0) !== 1)
      c.addIssue({ code: 'custom', path: ['ids'], message: 'notification.idsRequired' });
  });
export type MarkRead = z.infer<typeof MarkRead>;
export const MarkReadResult = z.object({ updated: z.number().int(), unread: z.number().int() });

export const Preferences = z.object({
  mode: NotificationMode,
  /** Hour of the day (China time, 0–23) when the digest is composed. */
  digestHour: z.number().int(),
  timeZone: z.string(),
});
export type Preferences = z.infer<typeof Preferences>;
export const UpdatePreferences = z
  .object({ mode: NotificationMode, digestHour: z.number().int().min(0).max(23).optional() })
  .strict();
export type UpdatePreferences = z.infer<typeof UpdatePreferences>;
