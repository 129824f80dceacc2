import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/client.js';
import { partyMembers } from '../party-members/index.js';
import { resolvePerson, settlePoints } from '../volunteering/index.js';
import { meetingInvitees, orgLifeAttendance } from './schema.js';

/**
 * Points for meetings attended (issue 15 item 2): when a session of organisational life or a meeting is approved
 * (minutes approved), each party member who attended earns the district's `meetingAttended` points in the one
 * ledger, once per session (ref `orgLife:<id>` / `meeting:<id>`); a correction to absent afterwards reverses them
 * by a ledger entry, and a correction back to present credits them again (volunteering settlePoints). Runs in the
 * approving (or correcting) transaction.
 */

/**
 * An approved session of organisational life: every member on the roster, present or not, settled (only `memberId`
 * when a correction touches one member). Returns the points the settling moved (credits minus reversals).
 */
export async function settleOrgLifePoints(
  tx: DbOrTx,
  sessionId: number,
  scopePath: string,
  at: Date,
  only?: { memberId: number; reason: string },
): Promise<number> {
  const roster = await tx
    .select({ memberId: orgLifeAttendance.memberId, status: orgLifeAttendance.status })
    .from(orgLifeAttendance)
    .where(
      and(eq(orgLifeAttendance.sessionId, sessionId), only ? eq(orgLifeAttendance.memberId, only.memberId) : undefined),
    );
  let moved = 0;
  for (const r of roster) {
    const person = await resolvePerson(tx, { memberId: r.memberId }, scopePath);
    if (!person) continue;
    const entry = await settlePoints(tx, {
      person,
      source: 'meetingAttended',
      ref: `orgLife:${sessionId}`,
      at,
      earned: r.status === 'present',
      reason: only?.reason ?? null,
    });
    if (entry?.status === 'posted') moved += entry.points;
  }
  return moved;
}

/**
 * An approved meeting: invitees with an account that is a party member's, settled by attendance (only `inviteeId`
 * when a correction touches one invitee).
 */
export async function settleMeetingPoints(
  tx: DbOrTx,
  meetingId: number,
  scopePath: string,
  at: Date,
  only?: { inviteeId: number; reason: string },
) {
  const invitees = await tx
    .select({ id: meetingInvitees.id, accountId: meetingInvitees.accountId, attended: meetingInvitees.attended })
    .from(meetingInvitees)
    .where(
      and(
        eq(meetingInvitees.meetingId, meetingId),
        isNotNull(meetingInvitees.accountId),
        only ? eq(meetingInvitees.id, only.inviteeId) : undefined,
      ),
    );
  const accountIds = [...new Set(invitees.map((i) => i.accountId!))];
  if (!accountIds.length) return;
  const members = await tx
    .select({ id: partyMembers.id, accountId: partyMembers.accountId })
    .from(partyMembers)
    .where(inArray(partyMembers.accountId, accountIds));
  const isMember = new Set(members.map((m) => m.accountId));
  const done = new Set<number>();
  // One account invited twice (as itself and as a unit's contact) earns once: attended if any of its rows did.
  const attended = new Map<number, boolean>();
  for (const i of invitees) attended.set(i.accountId!, (attended.get(i.accountId!) ?? false) || i.attended);
  for (const i of invitees) {
    const accountId = i.accountId!;
    if (!isMember.has(accountId) || done.has(accountId)) continue;
    done.add(accountId);
    const person = await resolvePerson(tx, { accountId }, scopePath);
    if (!person) continue;
    await settlePoints(tx, {
      person,
      source: 'meetingAttended',
      ref: `meeting:${meetingId}`,
      at,
      earned: attended.get(accountId)!,
      reason: only?.reason ?? null,
    });
  }
}
