import { auditLog } from '../db/schema.js';
import type { DbOrTx } from '../db/client.js';
import type { Ctx } from '../context.js';

export interface AuditEntry {
  /** `resource.verb`, e.g. `territory.create`, `auth.login`. */
  action: string;
  objectType: string;
  objectId?: string | number | null;
  /** Territory path the object belongs to, so the log is scoped like the data. */
  scopePath: string;
  before?: unknown;
  after?: unknown;
}

const SECRET_KEYS = /password|secret|token|hash/i;
const PHONE_KEYS = /(^|[a-z])(phone|mobile|tel|telephone)(number)?$/i;
const ID_KEYS = /idcard|idnumber|identity/i;

export function maskPhone(v: string): string {
  return v.length >= 7 ? `${v.slice(0, 3)}****${v.slice(-4)}` : '****';
}

export function maskIdNumber(v: string): string {
  return v.length >= 10 ? `${v.slice(0, 4)}${'*'.repeat(v.length - 8)}${v.slice(-4)}` : '****';
}

/** Copies a record for the audit log with secrets dropped and personal numbers masked. */
export function maskForAudit(value: unknown): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(maskForAudit);
  if (typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    // A flag such as `mustChangePassword: true` holds no secret and is what the entry is about: keep it.
    if (SECRET_KEYS.test(k) && typeof v !== 'boolean') {
      if (v !== null && v !== undefined) out[k] = '[redacted]';
    } else if (typeof v === 'string' && PHONE_KEYS.test(k)) out[k] = maskPhone(v);
    else if (typeof v === 'string' && ID_KEYS.test(k)) out[k] = maskIdNumber(v);
    else out[k] = maskForAudit(v);
  }
  return out;
}

type AuditCtx = Pick<Ctx, 'actor' | 'clock' | 'requestId' | 'ip'>;

/**
 * Records one change in the caller's transaction: time, actor and their node, action, object, before and after
 * (masked), IP and request id. Every write in Gongzhi goes through here (STYLE rules 2 and 3).
 */
export async function audit(tx: DbOrTx, ctx: AuditCtx, entry: AuditEntry): Promise<void> {
  const { actor } = ctx;
  await tx.insert(auditLog).values({
    at: ctx.clock.now(),
    actorId: actor.accountId || null,
    actorName: actor.displayName,
    actorTerritoryId: actor.territoryId || null,
    actorRoles: actor.roles,
    action: entry.action,
    objectType: entry.objectType,
    objectId: entry.objectId === undefined || entry.objectId === null ? null : String(entry.objectId),
    scopePath: entry.scopePath,
    before: entry.before === undefined ? null : maskForAudit(entry.before),
    after: entry.after === undefined ? null : maskForAudit(entry.after),
    ip: ctx.ip || null,
    requestId: ctx.requestId || null,
  });
}
