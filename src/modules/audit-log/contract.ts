import { z } from 'zod';
import { PageQuery } from '../../kernel/http/pagination.js';

export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.date(),
  actorId: z.number().int().nullable(),
  actorName: z.string(),
  actorRoles: z.array(z.string()),
  action: z.string(),
  /** The action and object type in the caller's language (kernel/audit/labels.ts). */
  actionLabel: z.string(),
  objectType: z.string(),
  objectLabel: z.string(),
  objectId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional(),
  action: z.string().trim().max(64).optional(),
  objectType: z.string().trim().max(64).optional(),
  objectId: z.string().trim().max(64).optional(),
  actorId: z.coerce.number().int().positive().optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

const Labelled = z.object({ value: z.string(), label: z.string() });
/** Every labelled action and object type, for the page's filters. */
export const AuditLabelCatalogue = z.object({ actions: z.array(Labelled), objects: z.array(Labelled) });
