import { and, asc, eq, inArray, max, min, or } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { chinaDay } from '../../kernel/clock.js';
import type { DbOrTx } from '../../kernel/db/client.js';
import { accounts, territories } from '../../kernel/db/schema.js';
import { prng } from '../../kernel/random.js';
import { inSubtree } from '../../kernel/scope/scope.js';
import { grids } from '../grids/index.js';
import { partyOrgs } from '../organizations/index.js';
import { partyMembers } from '../party-members/index.js';
import { serviceOrders } from '../service-orders/index.js';
import type { VisitResult } from './constants.js';
import { hashKey, lineLength } from './river.service.js';
import {
  emCampaigns,
  emEvents,
  emPosts,
  emRoster,
  emTaskAssignees,
  emTasks,
  emVisits,
  recruitCandidates,
  recruitMoves,
  riverAlerts,
  riverPatrols,
  riverProblems,
  riverReadings,
  riverRivers,
  riverRoutes,
  riverStations,
  riverThresholds,
  type LinePoints,
} from './schema.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WENHUILU = '630104006'; // 西宁市城西区 文汇路街道
const WENTINGXIANG = '630104006001'; // 文亭巷社区 (seed 000)
const LIJUN = '450302002'; // 桂林市秀峰区 丽君街道 (seed 004)
const TAOHUAJIANG = '450302002002'; // 桃花江社区

type Node = { id: number; name: string; path: string };
async function byCode(db: DbOrTx, code: string): Promise<Node | undefined> {
  const [n] = await db
    .select({ id: territories.id, name: territories.name, path: territories.path })
    .from(territories)
    .where(eq(territories.divisionCode, code));
  return n;
}
async function accountIds(db: DbOrTx, names: string[]) {
  const rows = await db
    .select({ id: accounts.id, username: accounts.username, name: accounts.displayName })
    .from(accounts)
    .where(inArray(accounts.username, names));
  return new Map(rows.map((r) => [r.username, r]));
}

/**
 * Demo data (decision 026): a flood drill 防汛演练 switched on by 文汇路街道 over 文亭巷社区, with duty posts and
 * responsibility areas, a door-to-door campaign partly done (visited, not home, one household needing help with its
 * order), tasks with check-ins; last winter's epidemic campaign ended and kept as a record. Rivers: 湟水河 (城西段)
 * through 文亭巷社区 with a station, two days of readings, alerts and patrols; 桃花江 of seed 004 at 丽君街道.
 */
export async function seedEmergency(db: DbOrTx): Promise<void> {
  const rnd = prng(4376); // seed 000: 4,376 vanguard posts
  const now = Date.now();
  const street = await byCode(db, WENHUILU);
  const community = await byCode(db, WENTINGXIANG);
  if (!street || !community) return;
  const acc = await accountIds(db, ['street_admin', 'staff', 'grid_worker', 'party_member', 'secretary']);
  const compounds = await db
    .select({ id: territories.id, name: territories.name, path: territories.path })
    .from(territories)
    .where(and(eq(territories.parentId, community.id), eq(territories.level, 'compound')))
    .orderBy(asc(territories.id));
  if (compounds.length < 2) return;
  const members = await db
    .select({ id: partyMembers.id, name: partyMembers.name, accountId: partyMembers.accountId })
    .from(partyMembers)
    .where(inSubtree(partyMembers.scopePath, community.path))
    .orderBy(asc(partyMembers.id))
    .limit(12);
  // --- The flood drill, active -------------------------------------------------------------------------------
  const drillStart = new Date(now - 2 * DAY);
  const [drill] = await db
    .insert(emEvents)
    .values({
      name: '2026年主汛期防汛应急演练',
      kind: 'flood',
      territoryId: street.id,
      scopePath: street.path,
      areaIds: [community.id],
      areaPaths: [community.path],
      teams: [
        { name: '文汇路街道党员突击队', kind: 'commando', members: '党员 24 人，队长 张伟' },
        { name: '文亭巷社区志愿服务队', kind: 'volunteer', members: '志愿者 36 人' },
        { name: '城西区消防救援大队文汇路站', kind: 'unit', members: null },
      ],
      note: '桃花江式汛情预警：低洼院落提前排查，独居老人逐户敲门',
      startedAt: drillStart,
      startedBy: acc.get('street_admin')?.id ?? null,
    })
    .returning();
  const [dutyPost] = await db
    .insert(emPosts)
    .values({
      eventId: drill!.id,
      kind: 'dutyPost',
      name: '文亭巷社区防汛值守点（党员先锋岗）',
      duty: '24小时值守，汛情上报，物资发放',
      territoryId: community.id,
      scopePath: community.path,
    })
    .returning();
  const buildings = await db
    .select({ id: territories.id, name: territories.name, path: territories.path })
    .from(territories)
    .where(and(eq(territories.level, 'building'), inSubtree(territories.path, compounds[0]!.path)))
    .orderBy(asc(territories.path));
  const areas = buildings.length
    ? await db
        .insert(emPosts)
        .values(
          buildings.map((b) => ({
            eventId: drill!.id,
            kind: 'responsibilityArea' as const,
            name: `${compounds[0]!.name}${b.name}党员责任区`,
            duty: '逐户敲门，转移低洼住户',
            territoryId: b.id,
            scopePath: b.path,
          })),
        )
        .returning()
    : [];
  const pm = acc.get('party_member');
  const roster = [
    {
      postId: dutyPost!.id,
      partyMemberId: null,
      accountId: acc.get('staff')?.id ?? null,
      name: acc.get('staff')?.name ?? '社区工作者',
      shift: '白班',
      scopePath: community.path,
    },
    {
      postId: dutyPost!.id,
      partyMemberId: null,
      accountId: acc.get('grid_worker')?.id ?? null,
      name: acc.get('grid_worker')?.name ?? '网格员',
      shift: '夜班',
      scopePath: community.path,
    },
    ...areas.map((a, i) => {
      const m =
        i === 0 && pm ? { id: null, name: pm.name, accountId: pm.id } : members[i % Math.max(1, members.length)];
      return {
        postId: a.id,
        partyMemberId: m && m.id ? m.id : null,
        accountId: m?.accountId ?? null,
        name: m?.name ?? '责任党员',
        shift: null,
        scopePath: a.scopePath,
      };
    }),
  ];
  await db.insert(emRoster).values(roster);

  // Door-to-door over the first two compounds, partly done.
  const area = compounds.slice(0, 2);
  const [campaign] = await db
    .insert(emCampaigns)
    .values({
      eventId: drill!.id,
      name: '汛前入户敲门排查',
      areaIds: area.map((c) => c.id),
      areaPaths: area.map((c) => c.path),
      scopePath: street.path,
    })
    .returning();
  const households = await db
    .select({ id: territories.id, name: territories.name, path: territories.path })
    .from(territories)
    .where(and(eq(territories.level, 'household'), inSubtree(territories.path, compounds[0]!.path)))
    .orderBy(asc(territories.path));
  const second = await db
    .select({ id: territories.id, name: territories.name, path: territories.path })
    .from(territories)
    .where(and(eq(territories.level, 'household'), inSubtree(territories.path, compounds[1]!.path)))
    .orderBy(asc(territories.path));
  const knocker = acc.get('grid_worker');
  // Households that need help have an order: the demo's open problem reports at households of the area (the service
  // loop's demo orders), so the drill adds no orders of its own and the orders' demo stays as it is.
  const helpOrders = await db
    .select({ id: serviceOrders.id, territoryId: serviceOrders.territoryId })
    .from(serviceOrders)
    .innerJoin(territories, eq(territories.id, serviceOrders.territoryId))
    .where(
      and(
        eq(serviceOrders.kind, 'problem'),
        eq(territories.level, 'household'),
        or(...area.map((c) => inSubtree(serviceOrders.scopePath, c.path))),
      ),
    )
    .orderBy(asc(serviceOrders.id))
    .limit(2);
  const helpBy = new Map(helpOrders.map((o) => [o.territoryId, o.id]));
  const visits: (typeof emVisits.$inferInsert)[] = [];
  // The first compound mostly done, the second just begun.
  for (const [list, share] of [
    [households, 0.8],
    [second, 0.25],
  ] as const) {
    for (const h of list) {
      const orderId = helpBy.get(h.id) ?? null;
      if (!orderId && rnd.next() > share) continue;
      const result: VisitResult = orderId ? 'needsHelp' : rnd.next() < 0.82 ? 'visited' : 'notHome';
      visits.push({
        campaignId: campaign!.id,
        householdId: h.id,
        scopePath: h.path,
        result,
        note: result === 'notHome' ? '无人应门，已留联系卡' : result === 'needsHelp' ? '已报社区派单' : null,
        attempts: result === 'notHome' ? 1 + rnd.int(0, 1) : 1,
        orderId,
        visitedAt: new Date(drillStart.getTime() + rnd.int(2, 40) * HOUR),
        byAccountId: knocker?.id ?? null,
        byName: knocker?.name ?? '网格员',
      });
    }
  }
  for (let i = 0; i < visits.length; i += 500) await db.insert(emVisits).values(visits.slice(i, i + 500));

  // Tasks pushed to members, some checked in.
  const taskRows = await db
    .insert(emTasks)
    .values([
      {
        eventId: drill!.id,
        postId: areas[0]?.id ?? null,
        title: '转移低洼院落独居老人',
        detail: '带好雨具和手电，转移至社区党群服务中心',
        dueAt: new Date(now + 6 * HOUR),
        scopePath: areas[0]?.scopePath ?? community.path,
        createdBy: acc.get('staff')?.id ?? null,
      },
      {
        eventId: drill!.id,
        postId: dutyPost!.id,
        title: '防汛物资清点与发放',
        detail: '沙袋、救生衣、应急照明',
        dueAt: new Date(now - 12 * HOUR),
        scopePath: community.path,
        createdBy: acc.get('staff')?.id ?? null,
      },
    ])
    .returning();
  const assign: (typeof emTaskAssignees.$inferInsert)[] = [];
  if (pm) assign.push({ taskId: taskRows[0]!.id, accountId: pm.id, name: pm.name });
  if (knocker)
    assign.push({
      taskId: taskRows[0]!.id,
      accountId: knocker.id,
      name: knocker.name,
      checkedInAt: new Date(now - 3 * HOUR),
      checkInNote: '已到岗',
    });
  for (const u of ['staff', 'grid_worker']) {
    const a = acc.get(u);
    if (a)
      assign.push({
        taskId: taskRows[1]!.id,
        accountId: a.id,
        name: a.name,
        checkedInAt: new Date(now - 20 * HOUR),
        checkInNote: '物资已清点',
      });
  }
  if (assign.length) await db.insert(emTaskAssignees).values(assign);

  // --- Last winter's epidemic campaign, ended and kept as a record ------------------------------------------
  const third = compounds[2] ?? compounds[1]!;
  const [past] = await db
    .insert(emEvents)
    .values({
      name: '2025年冬季疫情防控',
      kind: 'epidemic',
      territoryId: street.id,
      scopePath: street.path,
      areaIds: [third.id],
      areaPaths: [third.path],
      teams: [{ name: '文亭巷社区党员突击队', kind: 'commando', members: '党员 12 人' }],
      note: '入户宣传疫苗接种知识（seed 004 入户敲门行动）',
      startedAt: new Date(now - 300 * DAY),
      startedBy: acc.get('street_admin')?.id ?? null,
      status: 'ended',
      endedAt: new Date(now - 270 * DAY),
      endedBy: acc.get('street_admin')?.id ?? null,
      endNote: '疫情平稳，转入常态化防控',
    })
    .returning();
  const [pastCampaign] = await db
    .insert(emCampaigns)
    .values({
      eventId: past!.id,
      name: '疫苗接种入户宣传',
      areaIds: [third.id],
      areaPaths: [third.path],
      scopePath: street.path,
    })
    .returning();
  const thirdHouseholds = await db
    .select({ id: territories.id, path: territories.path })
    .from(territories)
    .where(and(eq(territories.level, 'household'), inSubtree(territories.path, third.path)));
  if (thirdHouseholds.length)
    await db.insert(emVisits).values(
      thirdHouseholds.map((h) => ({
        campaignId: pastCampaign!.id,
        householdId: h.id,
        scopePath: h.path,
        result: 'visited' as const,
        visitedAt: new Date(now - 290 * DAY),
        byAccountId: knocker?.id ?? null,
        byName: knocker?.name ?? '网格员',
      })),
    );

  await seedRivers(db, rnd, street, community, acc);
  await seedRecruitment(db, community);
}

async function seedRivers(
  db: DbOrTx,
  rnd: ReturnType<typeof prng>,
  street: Node,
  community: Node,
  acc: Map<string, { id: number; username: string; name: string }>,
) {
  const now = Date.now();
  // Anchor the lines on 文亭巷社区's grids, so the river runs through the grid map.
  const [box] = await db
    .select({ x0: min(grids.minLng), y0: min(grids.minLat), x1: max(grids.maxLng), y1: max(grids.maxLat) })
    .from(grids)
    .where(inSubtree(grids.scopePath, community.path));
  const x0 = box?.x0 ?? 101.757;
  const x1 = box?.x1 ?? 101.772;
  const y = ((box?.y0 ?? 36.62) + (box?.y1 ?? 36.63)) / 2;
  const course: LinePoints = Array.from({ length: 9 }, (_, i) => [
    Math.round((x0 - 0.01 + ((x1 - x0 + 0.02) * i) / 8) * 1e6) / 1e6,
    Math.round((y + 0.002 * Math.sin(i / 1.5)) * 1e6) / 1e6,
  ]);
  const [river] = await db
    .insert(riverRivers)
    .values({
      name: '湟水河（文汇路段）',
      territoryId: street.id,
      scopePath: street.path,
      chief: '张伟',
      course,
    })
    .returning();
  const routeLine = course.slice(2, 7);
  const [route] = await db
    .insert(riverRoutes)
    .values({
      riverId: river!.id,
      name: '文亭巷社区党员巡河段',
      territoryId: community.id,
      line: routeLine,
      lengthM: lineLength(routeLine),
      scopePath: community.path,
    })
    .returning();
  const responsible = ['staff', 'street_admin'].flatMap((u) => (acc.get(u) ? [acc.get(u)!.id] : []));
  const [station] = await db
    .insert(riverStations)
    .values({
      riverId: river!.id,
      code: 'HS-WT-01',
      name: '湟水河文亭巷监测站',
      location: { lng: course[4]![0], lat: course[4]![1] },
      // Nobody knows this key: a demo issues a new one from the console (shown once) before posting readings.
      keyHash: hashKey(`gzk_${randomBytes(32).toString('base64url')}`),
      keyIssuedAt: new Date(now - 30 * DAY),
      responsibleAccountIds: responsible,
      scopePath: community.path,
    })
    .returning();
  await db.insert(riverThresholds).values([
    { stationId: station!.id, metric: 'waterLevel', min: null, max: 2.8 },
    { stationId: station!.id, metric: 'ph', min: 6, max: 9 },
    { stationId: station!.id, metric: 'dissolvedOxygen', min: 5, max: null },
    { stationId: station!.id, metric: 'ammoniaNitrogen', min: null, max: 1.0 },
  ]);
  // Two days of hourly readings: the level rises with the flood drill past 2.8 m twice.
  const readings: (typeof riverReadings.$inferInsert)[] = [];
  for (let h = 48; h >= 1; h--) {
    const at = new Date(Math.floor((now - h * HOUR) / HOUR) * HOUR);
    const stamp = at.toISOString().slice(0, 13).replace(/\D/g, '');
    const level = Math.round((2.1 + 0.6 * Math.sin(((48 - h) / 48) * Math.PI) + rnd.next() * 0.15) * 100) / 100;
    const values = {
      waterLevel: level,
      ph: Math.round((7.2 + (rnd.next() - 0.5) * 0.6) * 100) / 100,
      dissolvedOxygen: Math.round((6.8 + (rnd.next() - 0.5) * 1.2 - (h === 20 ? 2.5 : 0)) * 100) / 100,
    };
    for (const [metric, value] of Object.entries(values))
      readings.push({
        stationId: station!.id,
        readingId: `HS-WT-01-${stamp}-${metric}`,
        metric: metric as 'ph',
        value,
        measuredAt: at,
        source: h > 24 ? 'import' : 'gateway',
        receivedAt: new Date(at.getTime() + 60_000),
        scopePath: community.path,
      });
  }
  const stored = await db.insert(riverReadings).values(readings).returning();
  const limits = { waterLevel: [null, 2.8], ph: [6, 9], dissolvedOxygen: [5, null] } as Record<
    string,
    [number | null, number | null]
  >;
  const alerts = stored.flatMap((r): { r: (typeof stored)[number]; bound: number; direction: 'above' | 'below' }[] => {
    const [lo, hi] = limits[r.metric] ?? [null, null];
    if (hi != null && r.value > hi) return [{ r, bound: hi, direction: 'above' as const }];
    if (lo != null && r.value < lo) return [{ r, bound: lo, direction: 'below' as const }];
    return [];
  });
  if (alerts.length)
    await db.insert(riverAlerts).values(
      alerts.map((a, i) => ({
        stationId: station!.id,
        readingRowId: a.r.id,
        metric: a.r.metric,
        value: a.r.value,
        bound: a.bound,
        direction: a.direction,
        scopePath: community.path,
        createdAt: a.r.receivedAt,
        ...(i === 0
          ? {
              status: 'closed' as const,
              closedAt: new Date(a.r.receivedAt.getTime() + 2 * HOUR),
              closedBy: acc.get('staff')?.id ?? null,
              closeNote: '已通知河长办，上游闸门调度后回落',
            }
          : {}),
      })),
    );

  // Patrols over the past two weeks; one found a problem: an environment report of the community (demo orders).
  const [envOrder] = await db
    .select({ id: serviceOrders.id, title: serviceOrders.title })
    .from(serviceOrders)
    .where(and(eq(serviceOrders.category, 'environment'), inSubtree(serviceOrders.scopePath, community.path)))
    .orderBy(asc(serviceOrders.id))
    .limit(1);
  const patrollers = ['party_member', 'grid_worker'].flatMap((u) => (acc.get(u) ? [acc.get(u)!] : []));
  for (let d = 13; d >= 1; d -= 2) {
    const who = patrollers[d % Math.max(1, patrollers.length)];
    const start = new Date(now - d * DAY - 3 * HOUR);
    const [p] = await db
      .insert(riverPatrols)
      .values({
        routeId: route!.id,
        patrollerAccountId: who?.id ?? null,
        patrollerName: who?.name ?? '巡河党员',
        startedAt: start,
        endedAt: new Date(start.getTime() + HOUR),
        walked: routeLine,
        note: d === 5 && envOrder ? `发现问题：${envOrder.title}` : '沿岸巡查，未见异常',
        scopePath: community.path,
      })
      .returning();
    if (d === 5 && envOrder)
      await db
        .insert(riverProblems)
        .values({ patrolId: p!.id, description: envOrder.title, orderId: envOrder.id, scopePath: community.path });
  }

  // 桃花江 of seed 004 (桂林市秀峰区 丽君街道), with its early-warning station.
  const lijun = await byCode(db, LIJUN);
  const thj = await byCode(db, TAOHUAJIANG);
  if (!lijun || !thj) return;
  const thjLine: LinePoints = [
    [110.245, 25.262],
    [110.252, 25.268],
    [110.259, 25.271],
    [110.266, 25.276],
  ];
  const [taohua] = await db
    .insert(riverRivers)
    .values({
      name: '桃花江（丽君段）',
      territoryId: lijun.id,
      scopePath: lijun.path,
      chief: '丽君街道河长 · 党员先锋队',
      course: thjLine,
    })
    .returning();
  await db.insert(riverRoutes).values({
    riverId: taohua!.id,
    name: '桃花江社区沿岸巡河段',
    territoryId: thj.id,
    line: thjLine,
    lengthM: lineLength(thjLine),
    scopePath: thj.path,
  });
  const [thjStation] = await db
    .insert(riverStations)
    .values({
      riverId: taohua!.id,
      code: 'THJ-01',
      name: '桃花江生态监控预警站',
      location: { lng: 110.259, lat: 25.271 },
      keyHash: hashKey(`gzk_${randomBytes(32).toString('base64url')}`),
      keyIssuedAt: new Date(now - 60 * DAY),
      scopePath: thj.path,
    })
    .returning();
  await db.insert(riverThresholds).values([
    { stationId: thjStation!.id, metric: 'ph', min: 6, max: 9 },
    { stationId: thjStation!.id, metric: 'ammoniaNitrogen', min: null, max: 1.0 },
  ]);
  await db.insert(riverReadings).values(
    Array.from({ length: 12 }, (_, i) => {
      const at = new Date(Math.floor((now - (12 - i) * 2 * HOUR) / HOUR) * HOUR);
      return {
        stationId: thjStation!.id,
        readingId: `THJ-01-${at.toISOString().slice(0, 13).replace(/\D/g, '')}-ammoniaNitrogen`,
        metric: 'ammoniaNitrogen' as const,
        value: Math.round((0.4 + rnd.next() * 0.3) * 100) / 100,
        measuredAt: at,
        source: 'gateway' as const,
        receivedAt: at,
        scopePath: thj.path,
      };
    }),
  );
}

/** Candidates 发展党员 of 文亭巷社区's first branch, one or more in every stage, with consistent days and moves. */
async function seedRecruitment(db: DbOrTx, community: Node) {
  const [branch] = await db
    .select({ id: partyOrgs.id, path: partyOrgs.scopePath })
    .from(partyOrgs)
    .where(and(eq(partyOrgs.kind, 'branch'), inSubtree(partyOrgs.scopePath, community.path)))
    .orderBy(asc(partyOrgs.id))
    .limit(1);
  if (!branch) return;
  const today = Date.now();
  const d = (daysAgo: number) => chinaDay(new Date(today - daysAgo * DAY));
  const review = (daysAgo: number, steps = 4) =>
    Object.fromEntries(
      (['talk', 'report', 'review', 'decide'] as const).slice(0, steps).map((k, i) => [k, d(daysAgo - i)]),
    );
  const people = [
    { name: '马晓婷', birthDate: '2001-05-12', stage: 'applicant' as const, appliedOn: d(12) },
    {
      name: '韩志远',
      birthDate: '1998-09-03',
      stage: 'activist' as const,
      appliedOn: d(200),
      talkedOn: d(190),
      activistOn: d(150),
    },
    {
      name: '李思源',
      birthDate: '1996-02-20',
      stage: 'activist' as const,
      appliedOn: d(500),
      talkedOn: d(490),
      activistOn: d(420),
    },
    {
      name: '张雨萱',
      birthDate: '1999-11-08',
      stage: 'target' as const,
      appliedOn: d(700),
      talkedOn: d(690),
      activistOn: d(650),
      targetOn: d(40),
      trainingHours: 24,
      introducers: ['刘翠青', '赵敏'],
      review: review(20, 2),
    },
    {
      name: '冶福海',
      birthDate: '1993-07-15',
      stage: 'probationary' as const,
      appliedOn: d(900),
      talkedOn: d(890),
      activistOn: d(850),
      targetOn: d(300),
      probationOn: d(120),
      trainingHours: 32,
      introducers: ['刘翠青', '马晓燕'],
      review: review(140),
    },
    {
      name: '祁晓东',
      birthDate: '1995-01-30',
      stage: 'full' as const,
      appliedOn: d(1300),
      talkedOn: d(1290),
      activistOn: d(1250),
      targetOn: d(800),
      probationOn: d(400),
      fullOn: d(20),
      trainingHours: 24,
      introducers: ['刘翠青', '韩建国'],
      review: review(420),
    },
  ];
  const rows = await db
    .insert(recruitCandidates)
    .values(people.map((p) => ({ ...p, branchId: branch.id, scopePath: branch.path })))
    .returning();
  const order = ['applicant', 'activist', 'target', 'probationary', 'full'] as const;
  const dayOf = { activist: 'activistOn', target: 'targetOn', probationary: 'probationOn', full: 'fullOn' } as const;
  await db.insert(recruitMoves).values(
    rows.flatMap((r) =>
      order.slice(1, order.indexOf(r.stage) + 1).map((to, i) => ({
        candidateId: r.id,
        fromStage: order[i]!,
        toStage: to,
        on: r[dayOf[to as keyof typeof dayOf]]!,
        note: null,
        // 支部大会表决 and 上级党委审批 (decision 032): 23 members with a vote, 21 present, 20 for, 1 abstaining.
        ...(to === 'probationary' || to === 'full'
          ? {
              voteEligible: 23,
              votePresent: 21,
              voteFor: 20,
              voteAgainst: 0,
              voteAbstain: 1,
              approvedBy: '文汇路街道党工委',
              approvedOn: r[dayOf[to as keyof typeof dayOf]]!,
            }
          : {}),
      })),
    ),
  );
}
