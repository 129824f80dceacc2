import { sql } from 'drizzle-orm';
import { chinaToday, systemClock } from '../../kernel/clock.js';
import type { Db } from '../../kernel/db/client.js';
import { accounts } from '../../kernel/db/schema.js';
import { partyOrgs } from '../organizations/index.js';
import type { Stage } from './constants.js';
import {
  asAnnualReviews,
  asKeyTasks,
  asServiceItems,
  asVisits,
  asAssessments,
  asBookings,
  asCentres,
  asChecklistItems,
  asChecklists,
  asRatingPeriods,
  asRatings,
  asRectificationItems,
  asRooms,
  asServiceUnitContacts,
  asServiceUnits,
  asWorkloadItems,
} from './schema.js';

/** Test helpers shared by the API tests and the authorization-matrix rows (never used by the server). */
interface Place {
  id: number;
  path: string;
}

export async function makeOrg(db: Db, place: Place, name = '党组织') {
  const [o] = await db
    .insert(partyOrgs)
    .values({ territoryId: place.id, scopePath: place.path, kind: 'committee', name })
    .returning();
  return o!;
}

/** A checklist of three items: weights 50/30/20, max 10/10/5, the first needs evidence. */
export async function makeChecklist(db: Db, area: Place, title = '组织建设规范化清单') {
  const [c] = await db
    .insert(asChecklists)
    .values({ territoryId: area.id, scopePath: area.path, domain: 'organisation', title, year: 2026 })
    .returning();
  const items = await db
    .insert(asChecklistItems)
    .values([
      { checklistId: c!.id, title: '班子健全', weight: 50, maxScore: 10, evidenceRequired: true, sortOrder: 0 },
      { checklistId: c!.id, title: '三会一课', weight: 30, maxScore: 10, sortOrder: 1 },
      { checklistId: c!.id, title: '阵地建设', weight: 20, maxScore: 5, sortOrder: 2 },
    ])
    .returning();
  return { ...c!, items };
}

/** Full marks for every item (with evidence). */
export const fullScores = (items: { id: number; maxScore: number }[]) => ({
  scores: items.map((i) => ({ itemId: i.id, score: i.maxScore, evidence: '会议记录' })),
});

export async function makeAssessment(
  db: Db,
  opts: {
    area: Place;
    org: Place;
    peer: Place;
    stage?: Stage;
    weak?: boolean;
    rectification?: 'none' | 'open' | 'done';
  },
) {
  const list = await makeChecklist(db, opts.area);
  const org = await makeOrg(db, opts.org);
  const graded = opts.stage === 'graded';
  const [a] = await db
    .insert(asAssessments)
    .values({
      checklistId: list.id,
      partyOrgId: org.id,
      territoryId: opts.org.id,
      scopePath: opts.org.path,
      peerTerritoryId: opts.peer.id,
      peerPath: opts.peer.path,
      stage: opts.stage ?? 'selfCheck',
      score: graded ? (opts.weak ? 50 : 95) : null,
      grade: graded ? (opts.weak ? 'lagging' : 'advanced') : null,
      gradedAt: graded ? new Date() : null,
      weak: opts.weak ?? false,
    })
    .returning();
  let rectIds: number[] = [];
  if (opts.rectification && opts.rectification !== 'none')
    rectIds = (
      await db
        .insert(asRectificationItems)
        .values({
          assessmentId: a!.id,
          scopePath: opts.org.path,
          title: '配齐班子',
          dueOn: '2026-12-31',
          doneAt: opts.rectification === 'done' ? new Date() : null,
          evidence: opts.rectification === 'done' ? '任命文件' : null,
        })
        .returning()
    ).map((r) => r.id);
  return { ...a!, items: list.items, rectIds };
}

/** A rating period open today (a year around it). */
export async function makePeriod(db: Db, area: Place, supervisorWeight = 30) {
  const y = Number(chinaToday(systemClock).slice(0, 4));
  const [p] = await db
    .insert(asRatingPeriods)
    .values({
      territoryId: area.id,
      scopePath: area.path,
      name: `${y}年度评议`,
      startsOn: `${y - 1}-01-01`,
      endsOn: `${y + 1}-12-31`,
      supervisorWeight,
    })
    .returning();
  return p!;
}

export async function makeServiceUnit(db: Db, place: Place, name: string, contactAccountIds: number[] = []) {
  const [u] = await db
    .insert(asServiceUnits)
    .values({ territoryId: place.id, scopePath: place.path, kind: 'window', name })
    .returning();
  if (contactAccountIds.length)
    await db
      .insert(asServiceUnitContacts)
      .values(contactAccountIds.map((accountId) => ({ serviceUnitId: u!.id, accountId })));
  return u!;
}

/** The ids of every account with a role (the matrix links every unit-contact session to a unit this way). */
export async function accountsWithRole(db: Db, role: string) {
  const rows = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(sql`${role} = any(${accounts.roles})`);
  return rows.map((r) => r.id);
}

export async function makeRating(
  db: Db,
  opts: {
    periodId: number;
    unit: { id: number; scopePath: string };
    accountId: number;
    stars: number;
    raterKind?: 'resident' | 'supervisor';
  },
) {
  const [r] = await db
    .insert(asRatings)
    .values({
      periodId: opts.periodId,
      serviceUnitId: opts.unit.id,
      scopePath: opts.unit.scopePath,
      accountId: opts.accountId,
      raterKind: opts.raterKind ?? 'resident',
      stars: opts.stars,
      comment: '态度好',
    })
    .returning();
  return r!;
}

export async function makeWorkloadItem(db: Db, area: Place, code: string) {
  const [w] = await db
    .insert(asWorkloadItems)
    .values({ territoryId: area.id, scopePath: area.path, code, title: '人口信息采集', department: '区民政局' })
    .returning();
  return w!;
}

export async function makeRoom(db: Db, place: Place, name = '多功能活动室') {
  const [c] = await db
    .insert(asCentres)
    .values({
      territoryId: place.id,
      scopePath: place.path,
      name: '党群服务中心',
      areaM2: 600,
      openingHours: '9:00-17:30',
    })
    .returning();
  const [r] = await db
    .insert(asRooms)
    .values({ centreId: c!.id, scopePath: place.path, name, capacity: 40 })
    .returning();
  return { ...r!, centreId: c!.id };
}

export async function makeBooking(db: Db, room: { id: number; scopePath: string }, startsAt: Date, hours = 2) {
  const [b] = await db
    .insert(asBookings)
    .values({
      roomId: room.id,
      scopePath: room.scopePath,
      bookerKind: 'organisation',
      bookerName: '社区党委',
      purpose: '主题党日',
      startsAt,
      endsAt: new Date(startsAt.getTime() + hours * 3_600_000),
    })
    .returning();
  return b!;
}

/** A key task of `place` set by `setBy` (a node above it), in a state. */
export async function makeKeyTask(
  db: Db,
  place: Place,
  setBy: Place,
  status: 'open' | 'submitted' | 'accepted' | 'returned' = 'open',
) {
  const [k] = await db
    .insert(asKeyTasks)
    .values({
      kind: 'key',
      year: 2030,
      territoryId: place.id,
      scopePath: place.path,
      setByTerritoryId: setBy.id,
      setByPath: setBy.path,
      title: '小区党支部全覆盖',
      ownerName: '王书记',
      dueOn: '2030-06-30',
      status,
      evidence: status === 'open' ? null : '成立文件',
    })
    .returning();
  return k!;
}

export async function makeVisit(
  db: Db,
  place: Place,
  byPath: string,
  kind: 'supervision' | 'observation' = 'supervision',
) {
  const [v] = await db
    .insert(asVisits)
    .values({
      kind,
      territoryId: place.id,
      scopePath: place.path,
      byPath,
      visitedOn: '2026-06-15',
      unannounced: true,
      inspectors: '督导组',
      summary: '四不两直',
    })
    .returning();
  return v!;
}

/** A 述职评议 of a new organisation at `place`, with the report handed in unless told otherwise. */
export async function makeReview(db: Db, place: Place, reported = true) {
  const org = await makeOrg(db, place);
  const [r] = await db
    .insert(asAnnualReviews)
    .values({
      partyOrgId: org.id,
      territoryId: place.id,
      scopePath: place.path,
      year: 2026,
      secretaryName: '王书记',
      report: reported ? '述职报告' : null,
      reportedAt: reported ? new Date() : null,
    })
    .returning();
  return r!;
}

export async function makeServiceItem(db: Db, place: Place) {
  const [i] = await db
    .insert(asServiceItems)
    .values({
      territoryId: place.id,
      scopePath: place.path,
      category: 'convenience',
      name: '居住证明开具',
      department: '社区服务站',
      materials: ['身份证'],
      timeLimitDays: 1,
      atMostOnce: true,
    })
    .returning();
  return i!;
}
