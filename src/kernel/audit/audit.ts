import { createHash } from 'node:crypto';
import { auditLog } from '../db/schema.js';
import type { DbOrTx } from '../db/client.js';
import type { Ctx } from '../context.js';
import { requireAuditLabels } from './labels.js';

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

/**
 * Audit rows inserted by this process (committed or not): the HTTP layer nudges the sealer when it grew during a
 * request. A counter, not a flag per request, so writes outside requests (scheduler passes) are seen by the next one.
 */
export const auditWrites = { count: 0 };

type AuditCtx = Pick<Ctx, 'actor' | 'clock' | 'requestId' | 'ip'>;

/**
 * Records one change in the caller's transaction: time, actor and their node, action, object, before and after
 * (masked), IP and request id. Every write in Gongzhi goes through here (STYLE rules 2 and 3).
 */
export async function audit(tx: DbOrTx, ctx: AuditCtx, entry: AuditEntry): Promise<void> {
  requireAuditLabels(entry.action, entry.objectType);
  const { actor } = ctx;
  const row = {
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
  };
  // Inserted unsealed: the sealer gives it its place in the chain and its hashes after this transaction commits
  // (decision 052), so writers no longer take turns on one lock until they end (017).
  await tx.insert(auditLog).values(row);
  auditWrites.count++;
}

/** Advisory-lock key of the audit chain's sealer (any constant no other lock uses); writers never take it. */
export const AUDIT_CHAIN_LOCK = 727275;
export const GENESIS = '0'.repeat(64);

/** JSON with keys sorted at every level, so a row hashes the same before and after a jsonb round trip. */
export function canonical(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (v instanceof Date) return JSON.stringify(v.toISOString());
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

export interface ChainedContent {
  at: Date;
  actorId: number | null;
  actorName: string;
  actorTerritoryId: number | null;
  actorRoles: string[];
  action: string;
  objectType: string;
  objectId: string | null;
  scopePath: string;
  before: unknown;
  after: unknown;
  ip: string | null;
  requestId: string | null;
}

/** sha256 over the previous hash and the row's content (every column but id and the hashes). */
export function chainHash(prevHash: string, r: ChainedContent): string {
  const content = canonical({
    at: r.at.toISOString(),
    actorId: r.actorId,
    actorName: r.actorName,
    actorTerritoryId: r.actorTerritoryId,
    actorRoles: r.actorRoles,
    action: r.action,
    objectType: r.objectType,
    objectId: r.objectId,
    scopePath: r.scopePath,
    before: r.before ?? null,
    after: r.after ?? null,
    ip: r.ip,
    requestId: r.requestId,
  });
  return createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
}
