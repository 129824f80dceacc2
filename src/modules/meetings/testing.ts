import type { Db } from '../../kernel/db/client.js';
import { compoundProperties, ownersCommittees, partyOrgs } from '../organizations/schema.js';
import { partyMembers } from '../party-members/schema.js';
import { makeUnit } from '../service-orders/testing.js';
import { eq } from 'drizzle-orm';
import {
  actionItems,
  agendaItems,
  consultationComments,
  consultations,
  meetingDecisions,
  meetingInvitees,
  meetings,
  orgLifeAttendance,
  orgLifeSessions,
} from './schema.js';

/** Test helpers (never used by the server): the four parties of a compound, built straight in the database. */
interface Place {
  id: number;
  path: string;
}

/** Gives a compound its four parties 四方联动: community committee, compound branch, owners' committee, property company. */
export async function makeFourParties(db: Db, community: Place, compound: Place, contactAccountId?: number, tag = '') {
  const [committee] = await db
    .insert(partyOrgs)
    .values({ kind: 'committee', name: `社区党委${tag}`, territoryId: community.id, scopePath: community.path })
    .returning();
  const [branch] = await db
    .insert(partyOrgs)
    .values({
      kind: 'branch',
      name: `小区党支部${tag}`,
      territoryId: compound.id,
      scopePath: compound.path,
      parentId: committee!.id,
    })
    .returning();
  const [owners] = await db
    .insert(ownersCommittees)
    .values({ compoundId: compound.id, scopePath: compound.path, name: `小区业委会${tag}` })
    .returning();
  const company = await makeUnit(db, compound, `物业公司${tag}`, contactAccountId);
  await db.insert(compoundProperties).values({ compoundId: compound.id, unitId: company.id, scopePath: compound.path });
  return { committee: committee!, branch: branch!, owners: owners!, company };
}

/**
 * A meeting straight in the database (for the authorization matrix): one agenda item with a decision and an open
 * action item owned by a unit invitee, plus the given accounts invited.
 */
export async function makeMeeting(
  db: Db,
  at: Place,
  now: Date,
  opts: { title: string; status?: 'planned' | 'held' | 'approved'; accountIds?: (number | null)[] },
) {
  const unit = await makeUnit(db, at, `${opts.title}单位`);
  const [mt] = await db
    .insert(meetings)
    .values({
      typeKey: 'stewardMonthly',
      territoryId: at.id,
      scopePath: at.path,
      bodyKey: `stewardMonthly:${at.id}`,
      title: opts.title,
      startsAt: now,
      status: opts.status ?? 'planned',
      signInCode: '246810',
    })
    .returning();
  const [inv] = await db
    .insert(meetingInvitees)
    .values([
      { meetingId: mt!.id, kind: 'unit' as const, refId: unit.id, name: unit.name, ruleKey: 'units' },
      ...(opts.accountIds ?? []).flatMap((id) =>
        id
          ? [
              {
                meetingId: mt!.id,
                kind: 'account' as const,
                refId: id,
                name: `账号${id}`,
                ruleKey: 'role',
                accountId: id,
              },
            ]
          : [],
      ),
    ])
    .returning();
  const [item] = await db.insert(agendaItems).values({ meetingId: mt!.id, title: '议题', source: 'staff' }).returning();
  const [d] = await db
    .insert(meetingDecisions)
    .values({ meetingId: mt!.id, agendaItemId: item!.id, text: '议定' })
    .returning();
  const [act] = await db
    .insert(actionItems)
    .values({
      meetingId: mt!.id,
      decisionId: d!.id,
      scopePath: at.path,
      bodyKey: mt!.bodyKey,
      title: `${opts.title}督办`,
      ownerKind: 'unit',
      ownerId: unit.id,
      ownerName: unit.name,
      dueAt: new Date(now.getTime() + 7 * 86_400_000),
    })
    .returning();
  return { meeting: mt!, unit, invitee: inv!, item: item!, decision: d!, action: act! };
}

/** A party branch at a node with members (some signing in with the given accounts), created at `createdAt`. */
export async function makeBranch(
  db: Db,
  at: Place,
  name: string,
  members: { name: string; accountId?: number | null }[],
  createdAt: Date,
) {
  const [branch] = await db
    .insert(partyOrgs)
    .values({ kind: 'branch', name, territoryId: at.id, scopePath: at.path, createdAt, updatedAt: createdAt })
    .returning();
  const rows = members.length
    ? await db
        .insert(partyMembers)
        .values(
          members.map((m) => ({
            name: m.name,
            kind: 'resident' as const,
            homeBranchId: branch!.id,
            territoryId: at.id,
            scopePath: at.path,
            accountId: m.accountId ?? null,
          })),
        )
        .returning()
    : [];
  return { branch: branch!, members: rows };
}

/** A session of a branch straight in the database (held, or approved), its roster the branch's members (all absent). */
export async function makeSession(
  db: Db,
  branch: { id: number; scopePath: string },
  heldAt: Date,
  title: string,
  status: 'held' | 'approved' = 'held',
) {
  const [row] = await db
    .insert(orgLifeSessions)
    .values({
      branchId: branch.id,
      scopePath: branch.scopePath,
      kind: 'themeDay',
      title,
      heldAt,
      mode: 'offline',
      status,
      approvedAt: status === 'approved' ? heldAt : null,
    })
    .returning();
  const members = await db.select().from(partyMembers).where(eq(partyMembers.homeBranchId, branch.id));
  if (members.length)
    await db
      .insert(orgLifeAttendance)
      .values(members.map((m) => ({ sessionId: row!.id, memberId: m.id, memberName: m.name, accountId: m.accountId })));
  return row!;
}

/** A consultation 协商议事 straight in the database: open until `closesAt`, two options, one comment when given. */
export async function makeConsultation(
  db: Db,
  at: Place,
  now: Date,
  opts: { title: string; closesAt: Date; commentBy?: number | null },
) {
  const [row] = await db
    .insert(consultations)
    .values({
      territoryId: at.id,
      scopePath: at.path,
      title: opts.title,
      notice: '请居民发表意见',
      options: ['同意', '不同意'],
      opensAt: new Date(Math.min(now.getTime(), opts.closesAt.getTime()) - 86_400_000),
      closesAt: opts.closesAt,
    })
    .returning();
  const comments = opts.commentBy
    ? await db
        .insert(consultationComments)
        .values({ consultationId: row!.id, accountId: opts.commentBy, authorName: '居民甲', text: '同意加装' })
        .returning()
    : [];
  return { consultation: row!, comment: comments[0] ?? null };
}
