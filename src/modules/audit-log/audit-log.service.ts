import { and, count, desc, eq, gte, ilike, lt, or, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.js';
import { auditLog } from '../../kernel/db/schema.js';
import { offsetOf } from '../../kernel/http/pagination.js';
import { inScope } from '../../kernel/scope/scope.js';
import type { AuditQuery } from './contract.js';
import { escapeLike } from '../../kernel/db/search.js';
import { SYSTEM_ACTOR_LABEL, auditActionLabel, auditObjectLabel } from '../../kernel/audit/labels.js';

/**
 * Fields of a record that say something about a person (a resident, a reporter, a party): the audit admin reads who
 * did what to which record, never the person's data (issue 18 point 2). The row keeps them (masked numbers); the
 * answer replaces them. Identifiers, states, roles and flags stay.
 */
const PERSONAL_KEYS =
  /^(name|realName|displayName|address|addressText|careTags?|tags|phone\w*|mobile|contact\w*|idNumber\w*|birth\w*|gender|sex|ethnicity|nation|notes?|remarks?|description|content|text|body|lat|lng|location|photos?|attachments?|chairName|leaderName|leaderPhone|chairPhone)$/i;

/** Records about residents and the people of the grassroots (not places, organisations or staff work). */
const PERSONAL_OBJECTS = new Set([
  'resident',
  'signupRequest',
  'serviceOrder',
  'partyMember',
  'mediationCase',
  'mediationParty',
  'dualRegistration',
  'electionCandidate',
  'account',
]);

export function redactPersonal(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(redactPersonal);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = PERSONAL_KEYS.test(k) && v !== null && v !== undefined && v !== '' ? '[personal]' : redactPersonal(v);
  }
  return out;
}

/** Searches the audit log of the actor's subtree, newest first. Read-only: nothing edits or deletes it. */
export async function searchAudit(ctx: Ctx, q: AuditQuery) {
  const where: SQL[] = [inScope(ctx.actor, auditLog.scopePath)];
  if (q.action) where.push(eq(auditLog.action, q.action));
  if (q.objectType) where.push(eq(auditLog.objectType, q.objectType));
  if (q.objectId) where.push(eq(auditLog.objectId, q.objectId));
  if (q.actorId) where.push(eq(auditLog.actorId, q.actorId));
  if (q.from) where.push(gte(auditLog.at, q.from));
  if (q.to) where.push(lt(auditLog.at, q.to));
  if (q.q) {
    const like = `%${escapeLike(q.q)}%`;
    where.push(
      or(
        ilike(auditLog.actorName, like),
        ilike(auditLog.action, like),
        ilike(auditLog.objectId, like),
        ilike(auditLog.ip, like),
      )!,
    );
  }
  const cond = and(...where);
  const [items, [total]] = await Promise.all([
    ctx.db
      .select({
        id: auditLog.id,
        at: auditLog.at,
        actorId: auditLog.actorId,
        actorName: auditLog.actorName,
        actorRoles: auditLog.actorRoles,
        action: auditLog.action,
        objectType: auditLog.objectType,
        objectId: auditLog.objectId,
        before: auditLog.before,
        after: auditLog.after,
        ip: auditLog.ip,
        requestId: auditLog.requestId,
      })
      .from(auditLog)
      .where(cond)
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    ctx.db.select({ n: count() }).from(auditLog).where(cond),
  ]);
  const labelled = items.map((r) => ({
    ...r,
    // Records about people show who did what to which record, not the person's data (issue 18, point 2).
    ...(PERSONAL_OBJECTS.has(r.objectType) ? { before: redactPersonal(r.before), after: redactPersonal(r.after) } : {}),
    // Entries of the system itself (scheduler passes, seeding) carry no account: named as such, not "system".
    actorName: r.actorId === null && r.actorName === 'system' ? SYSTEM_ACTOR_LABEL[ctx.locale] : r.actorName,
    actionLabel: auditActionLabel(ctx.locale, r.action),
    objectLabel: auditObjectLabel(ctx.locale, r.objectType),
  }));
  return { items: labelled, total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}
