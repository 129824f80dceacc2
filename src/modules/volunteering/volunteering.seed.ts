import { randomBytes } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/client.js';
import { accounts, territories } from '../../kernel/db/schema.js';
import { prng } from '../../kernel/random.js';
import { inSubtree } from '../../kernel/scope/scope.js';
import { partyMembers } from '../party-members/index.js';
import type { ActivityKind, SignupStatus, TeamKind } from './constants.js';
import { awardPoints, chinaYm, resolvePerson } from './points.service.js';
import { pointEntries, pointRules, volActivities, volShifts, volSignups, volTeamMembers, volTeams } from './schema.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** The two demo communities with an organiser account and a real place (WGS-84). */
const COMMUNITIES = [
  {
    code: '630104006001', // 文亭巷社区, 西宁市城西区 (seed 000)
    organiser: 'secretary',
    place: '文亭巷社区党群服务中心',
    lng: 101.7578,
    lat: 36.6232,
    tag: '文亭巷',
  },
  {
    code: '620104007003', // 化工街社区, 兰州市西固区 (seed 002: 便民服务集市)
    organiser: 'xigu_staff',
    place: '化工街社区新时代文明实践站',
    lng: 103.6289,
    lat: 36.0953,
    tag: '化工街',
  },
] as const;

const TEAMS: { kind: TeamKind; name: string; duties: string[] }[] = [
  { kind: 'volunteer', name: '红色志愿服务队', duties: ['文明劝导', '助老助残', '环境整治'] },
  { kind: 'commando', name: '党员突击队', duties: ['防汛巡查', '疫情防控', '入户敲门'] },
  { kind: 'vanguardPost', name: '党员先锋岗', duties: ['楼栋长', '矛盾调解'] },
  { kind: 'modelPost', name: '党员示范岗', duties: ['便民服务', '政策宣讲'] },
];

/**
 * Demo volunteering (issue 15): for 文亭巷社区 and 化工街社区, four teams and posts with members; activities in every
 * state — a finished one with confirmed hours and points, a service fair 便民服务集市 with hours awaiting the
 * organiser, a theme day running now (the demo resident can check in), an upcoming one with a full shift, a
 * cancelled one; 城西区's own points rules; manual points pending, posted and rejected.
 */
export async function seedVolunteering(db: DbOrTx): Promise<void> {
  const rnd = prng(1515);
  const now = Date.now();
  const anchor = Math.floor(now / DAY) * DAY + 1 * HOUR; // 09:00 China time today
  const acc = async (username: string) =>
    (await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.username, username)))[0]?.id ?? null;
  const resident = await acc('resident');
  const partyMember = await acc('party_member');
  const staff = await acc('staff');
  const streetAdmin = await acc('street_admin');

  // 城西区 sets its own rules (the other districts use the defaults).
  const [chengxi] = await db
    .select({ id: territories.id, path: territories.path })
    .from(territories)
    .where(eq(territories.divisionCode, '630104'));
  if (chengxi)
    await db.insert(pointRules).values([
      {
        districtId: chengxi.id,
        scopePath: chengxi.path,
        source: 'activityHours',
        unit: 'hour',
        points: 2,
        cap: 40,
        capPeriod: 'month',
      },
      {
        districtId: chengxi.id,
        scopePath: chengxi.path,
        source: 'serviceFair',
        unit: 'event',
        points: 5,
        cap: 15,
        capPeriod: 'month',
      },
      {
        districtId: chengxi.id,
        scopePath: chengxi.path,
        source: 'wishClaimed',
        unit: 'event',
        points: 8,
        cap: 24,
        capPeriod: 'month',
      },
    ]);

  for (const c of COMMUNITIES) {
    const [community] = await db
      .select({ id: territories.id, path: territories.path, name: territories.name })
      .from(territories)
      .where(eq(territories.divisionCode, c.code));
    if (!community) continue;
    const organiser = await acc(c.organiser);
    const members = await db
      .select({ id: partyMembers.id, name: partyMembers.name, accountId: partyMembers.accountId })
      .from(partyMembers)
      .where(inSubtree(partyMembers.scopePath, community.path))
      .orderBy(asc(partyMembers.id))
      .limit(40);
    const pool = members.filter((m) => !m.accountId);

    // Teams and posts.
    const teamIds: number[] = [];
    for (const [i, tdef] of TEAMS.entries()) {
      const [team] = await db
        .insert(volTeams)
        .values({
          kind: tdef.kind,
          name: `${c.tag}${tdef.name}`,
          territoryId: community.id,
          scopePath: community.path,
          duties: tdef.duties,
          description: `${community.name}${tdef.name}，${tdef.duties.join('、')}`,
          createdBy: organiser,
        })
        .returning();
      teamIds.push(team!.id);
      const chosen = pool.slice(i * 5, i * 5 + (tdef.kind === 'volunteer' ? 8 : 5));
      const rows: (typeof volTeamMembers.$inferInsert)[] = chosen.map((m, j) => ({
        teamId: team!.id,
        scopePath: community.path,
        name: m.name,
        memberId: m.id,
        isLeader: j === 0,
        duty: tdef.duties[j % tdef.duties.length]!,
        joinedOn: new Date(now - rnd.int(30, 700) * DAY).toISOString().slice(0, 10),
      }));
      if (c.code === '630104006001' && tdef.kind === 'vanguardPost' && partyMember) {
        const me = members.find((m) => m.accountId === partyMember);
        rows.push({
          teamId: team!.id,
          scopePath: community.path,
          name: '赵敏',
          accountId: partyMember,
          memberId: me?.id ?? null,
          duty: '楼栋长',
          joinedOn: new Date(now - 90 * DAY).toISOString().slice(0, 10),
        });
      }
      if (c.code === '630104006001' && tdef.kind === 'volunteer' && resident)
        rows.push({
          teamId: team!.id,
          scopePath: community.path,
          name: '陈秀兰',
          accountId: resident,
          duty: '助老助残',
        });
      if (rows.length) await db.insert(volTeamMembers).values(rows);
    }

    const mkActivity = async (a: {
      kind: ActivityKind;
      title: string;
      status: 'open' | 'closed' | 'cancelled';
      teamId: number | null;
      shifts: { label: string; start: number; hours: number; capacity: number }[];
    }) => {
      const [row] = await db
        .insert(volActivities)
        .values({
          kind: a.kind,
          title: a.title,
          description: `${community.name}${a.title}`,
          territoryId: community.id,
          scopePath: community.path,
          teamId: a.teamId,
          place: c.place,
          lng: c.lng,
          lat: c.lat,
          radiusM: 300,
          status: a.status,
          organiserIds: organiser ? [organiser] : [],
          tokenSecret: randomBytes(24).toString('base64url'),
          createdBy: organiser,
        })
        .returning();
      const shifts = await db
        .insert(volShifts)
        .values(
          a.shifts.map((s) => ({
            activityId: row!.id,
            scopePath: community.path,
            label: s.label,
            startsAt: new Date(s.start),
            endsAt: new Date(s.start + s.hours * HOUR),
            capacity: s.capacity,
          })),
        )
        .returning();
      return { activity: row!, shifts };
    };
    type Who = { accountId: number | null; memberId: number | null; name: string };
    const people: Who[] = pool.slice(0, 14).map((m) => ({ accountId: null, memberId: m.id, name: m.name }));
    const signups = async (
      x: Awaited<ReturnType<typeof mkActivity>>,
      shiftIdx: number,
      who: Who[],
      status: SignupStatus,
      kind: ActivityKind,
    ) => {
      const shift = x.shifts[shiftIdx]!;
      for (const w of who) {
        const person = await resolvePerson(db, { accountId: w.accountId, memberId: w.memberId }, community.path);
        const inAt = new Date(shift.startsAt.getTime() + rnd.int(-10, 10) * MIN);
        const outAt = new Date(shift.endsAt.getTime() - rnd.int(0, 30) * MIN);
        const checked = status !== 'signedUp' && status !== 'cancelled';
        const out = ['checkedOut', 'confirmed', 'rejected'].includes(status);
        const minutes = Math.round((outAt.getTime() - inAt.getTime()) / MIN);
        const [s] = await db
          .insert(volSignups)
          .values({
            shiftId: shift.id,
            activityId: x.activity.id,
            scopePath: community.path,
            accountId: person?.accountId ?? null,
            memberId: person?.memberId ?? null,
            name: person?.name ?? w.name,
            creditCommunityId: person?.creditCommunityId ?? community.id,
            creditPath: person?.creditPath ?? community.path,
            reportBranchId: person?.dualRegistered ? person.branchId : null,
            reportPath: person?.dualRegistered ? person.branchPath : null,
            status,
            checkInAt: checked ? inAt : null,
            checkInMethod: checked ? (rnd.next() < 0.6 ? 'qr' : 'location') : null,
            checkOutAt: out ? outAt : null,
            checkOutMethod: out ? 'qr' : null,
            confirmedMinutes: status === 'confirmed' ? minutes : null,
            confirmedAt: status === 'confirmed' ? new Date(shift.endsAt.getTime() + HOUR) : null,
            confirmedBy: status === 'confirmed' ? organiser : null,
            note: status === 'rejected' ? '签到后提前离开，未实际参加服务' : null,
          })
          .returning();
        if (status !== 'cancelled' && status !== 'rejected')
          await db
            .update(volShifts)
            .set({ taken: shift.taken + 1 })
            .where(eq(volShifts.id, shift.id));
        shift.taken += status !== 'cancelled' && status !== 'rejected' ? 1 : 0;
        if (status === 'confirmed' && person) {
          const at = new Date(shift.endsAt.getTime() + HOUR);
          await awardPoints(db, {
            person,
            source: 'activityHours',
            ref: `signup:${s!.id}`,
            quantity: minutes / 60,
            at,
          });
          if (kind === 'serviceFair')
            await awardPoints(db, { person, source: 'serviceFair', ref: `signup:${s!.id}`, at });
        }
      }
    };
    const me = (id: number | null, name: string): Who[] => (id ? [{ accountId: id, memberId: null, name }] : []);
    const isWt = c.code === '630104006001';

    // 1. Finished two weeks ago: hours confirmed, one refused.
    const done = await mkActivity({
      kind: 'volunteer',
      title: '文明劝导志愿服务',
      status: 'closed',
      teamId: teamIds[0]!,
      shifts: [{ label: '上午', start: anchor - 14 * DAY, hours: 3, capacity: 10 }],
    });
    await signups(done, 0, [...people.slice(0, 6), ...(isWt ? me(resident, '陈秀兰') : [])], 'confirmed', 'volunteer');
    await signups(done, 0, people.slice(6, 7), 'rejected', 'volunteer');

    // 2. A service fair 便民服务集市 last week: morning confirmed, afternoon awaiting the organiser.
    const fair = await mkActivity({
      kind: 'serviceFair',
      title: '便民服务集市（义诊、理发、家电维修）',
      status: 'open',
      teamId: teamIds[3]!,
      shifts: [
        { label: '上午场', start: anchor - 7 * DAY, hours: 3, capacity: 8 },
        { label: '下午场', start: anchor - 7 * DAY + 5 * HOUR, hours: 3, capacity: 8 },
      ],
    });
    await signups(
      fair,
      0,
      [...people.slice(7, 11), ...(isWt ? me(partyMember, '赵敏') : [])],
      'confirmed',
      'serviceFair',
    );
    await signups(fair, 1, people.slice(11, 14), 'checkedOut', 'serviceFair');
    await signups(fair, 1, people.slice(0, 1), 'signedUp', 'serviceFair');

    // 3. A theme day 主题党日 running now: the demo party member has checked in, the demo resident may.
    const today = await mkActivity({
      kind: 'themeDay',
      title: '主题党日 · 环境整治',
      status: 'open',
      teamId: teamIds[1]!,
      shifts: [{ label: '全天', start: now - HOUR, hours: 6, capacity: 20 }],
    });
    await signups(today, 0, [...(isWt ? me(partyMember, '赵敏') : []), ...people.slice(1, 4)], 'checkedIn', 'themeDay');
    await signups(today, 0, [...(isWt ? me(resident, '陈秀兰') : []), ...people.slice(4, 5)], 'signedUp', 'themeDay');

    // 4. Upcoming next week: a full morning shift, room in the afternoon.
    const next = await mkActivity({
      kind: 'volunteer',
      title: '关爱空巢老人入户走访',
      status: 'open',
      teamId: teamIds[0]!,
      shifts: [
        { label: '上午', start: anchor + 6 * DAY, hours: 3, capacity: 2 },
        { label: '下午', start: anchor + 6 * DAY + 5 * HOUR, hours: 3, capacity: 6 },
      ],
    });
    await signups(next, 0, people.slice(5, 7), 'signedUp', 'volunteer');
    await signups(next, 1, people.slice(7, 8), 'signedUp', 'volunteer');
    await signups(next, 1, people.slice(8, 9), 'cancelled', 'volunteer');

    // 5. Cancelled for the weather.
    await mkActivity({
      kind: 'volunteer',
      title: '河道清洁志愿行动（因雨取消）',
      status: 'cancelled',
      teamId: teamIds[1]!,
      shifts: [{ label: '上午', start: anchor - 3 * DAY, hours: 2, capacity: 10 }],
    });

    // Manual points: posted (requested by staff, approved by the street), pending, rejected.
    if (isWt && resident && staff) {
      const person = await resolvePerson(db, { accountId: resident }, community.path);
      const pm = partyMember ? await resolvePerson(db, { accountId: partyMember }, community.path) : null;
      if (person) {
        const at = new Date(anchor - 20 * DAY);
        const base = {
          personKey: person.personKey,
          accountId: person.accountId,
          memberId: person.memberId,
          name: person.name,
          scopePath: person.creditPath,
          branchId: person.branchId,
          branchPath: person.branchPath,
          source: 'manual' as const,
          quantity: 1,
        };
        await db.insert(pointEntries).values([
          {
            ...base,
            ref: 'manual:demo-1',
            points: 10,
            requested: 10,
            reason: '冬季除雪志愿服务（未在系统登记的活动）',
            status: 'posted',
            period: chinaYm(at).month,
            at,
            requestedBy: staff,
            approvedBy: streetAdmin,
            approvedAt: new Date(at.getTime() + DAY),
          },
          {
            ...base,
            ref: 'manual:demo-3',
            points: 20,
            requested: 20,
            reason: '参加社区联欢（不属于志愿服务）',
            status: 'rejected',
            period: chinaYm(at).month,
            at,
            requestedBy: staff,
            approvedBy: streetAdmin,
            approvedAt: new Date(at.getTime() + DAY),
          },
        ]);
      }
      if (pm)
        await db.insert(pointEntries).values({
          personKey: pm.personKey,
          accountId: pm.accountId,
          memberId: pm.memberId,
          name: pm.name,
          scopePath: pm.creditPath,
          branchId: pm.branchId,
          branchPath: pm.branchPath,
          source: 'manual',
          ref: 'manual:demo-2',
          points: 15,
          requested: 15,
          quantity: 1,
          reason: '汛期河道巡查值守三晚',
          status: 'pending',
          period: chinaYm(new Date(now)).month,
          at: new Date(now - DAY),
          requestedBy: staff,
        });
    }
  }
}
