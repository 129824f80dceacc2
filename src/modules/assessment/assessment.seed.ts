import { and, asc, eq, inArray } from 'drizzle-orm';
import { chinaDay } from '../../kernel/clock.js';
import type { DbOrTx } from '../../kernel/db/client.js';
import { accounts, territories } from '../../kernel/db/schema.js';
import { partyOrgs } from '../organizations/index.js';
import { DEMO_COMMUNITIES } from '../territory/index.js';
import type { Domain, Round, Stage } from './constants.js';
import { seedCycle } from './cycle.seed.js';
import { gradeOf, totalScore } from './grading.js';
import {
  asAssessments,
  asBookings,
  asCentres,
  asChecklistItems,
  asChecklists,
  asRatingPeriods,
  asRatings,
  asRectificationItems,
  asRooms,
  asScores,
  asServiceItems,
  asSentTasks,
  asServiceUnitContacts,
  asServiceUnits,
  asSupervisors,
  asWorkloadItems,
} from './schema.js';

const DAY = 86_400_000;

/** The eight domains of 规范化建设 (seed 000), each with its items: [title, weight, max, evidence required]. */
const CHECKLISTS: Record<Domain, { title: string; items: [string, number, number, boolean][] }> = {
  organisation: {
    title: '组织设置规范',
    items: [
      ['党组织按期换届、班子健全', 30, 10, true],
      ['支部建在小区上，小区党支部全覆盖', 30, 10, true],
      ['楼栋党小组、一名党员一栋楼', 20, 10, false],
      ['党员百人以上按规定升格', 20, 5, false],
    ],
  },
  leadership: {
    title: '班子队伍规范',
    items: [
      ['书记主任一肩挑', 40, 10, true],
      ['两委成员学历、年龄结构', 30, 10, false],
      ['后备人才储备', 30, 10, false],
    ],
  },
  members: {
    title: '党员管理规范',
    items: [
      ['在职党员双报到', 40, 10, true],
      ['流动党员管理', 30, 10, false],
      ['党员积分与星级评定', 30, 10, false],
    ],
  },
  activities: {
    title: '组织生活规范',
    items: [
      ['三会一课按期召开', 50, 10, true],
      ['主题党日', 30, 10, true],
      ['民主评议党员', 20, 10, false],
    ],
  },
  venues: {
    title: '阵地建设规范',
    items: [
      ['党群服务中心面积不少于 500 平方米', 50, 10, true],
      ['活动场所向居民开放', 50, 10, false],
    ],
  },
  services: {
    title: '服务群众规范',
    items: [
      ['居民诉求按时办结', 40, 10, true],
      ['一窗受理、最多跑一次', 30, 10, false],
      ['居民满意度', 30, 10, false],
    ],
  },
  system: {
    title: '制度机制规范',
    items: [
      ['四方联动联席会议', 50, 10, true],
      ['党建联盟、契约化共建', 50, 10, false],
    ],
  },
  guarantee: {
    title: '基础保障规范',
    items: [
      ['社区工作者三岗十八级', 50, 10, false],
      ['服务群众专项经费', 50, 10, true],
    ],
  },
};

/**
 * Demo states of the organisation checklist, in turn over each demo street's communities (the first, e.g. 文亭巷,
 * is the peer of all the others, so the demo staff have a peer review waiting).
 */
const STATES = ['advanced', 'superiorReview', 'peerReview', 'weakOpen', 'pass', 'weakCleared', 'selfCheck'] as const;
const FRACTIONS: Record<(typeof STATES)[number], number[]> = {
  advanced: [1, 0.9, 1, 0.8],
  pass: [0.8, 0.8, 0.7, 0.8],
  weakOpen: [0.4, 0.5, 0.3, 0.6],
  weakCleared: [0.5, 0.4, 0.5, 0.4],
  superiorReview: [0.9, 0.8, 0.8, 1],
  peerReview: [0.8, 0.9, 0.7, 0.8],
  selfCheck: [0, 0, 0, 0],
};

const UNITS: { name: string; kind: 'window' | 'department' | 'property'; stars: [number, number | null] }[] = [
  { name: '文汇路街道便民服务大厅', kind: 'window', stars: [5, 5] },
  { name: '城西区政务服务中心社保窗口', kind: 'window', stars: [5, 4] },
  { name: '城西区民政局', kind: 'department', stars: [4, 4] },
  { name: '城西区人社局', kind: 'department', stars: [4, 3] },
  { name: '城西区住建局', kind: 'department', stars: [3, 3] },
  { name: '城西区城管局', kind: 'department', stars: [2, 3] },
  { name: '城西区卫健局', kind: 'department', stars: [4, 5] },
  { name: '城西区市场监管局', kind: 'department', stars: [3, 2] },
  { name: '文亭巷物业服务有限公司', kind: 'property', stars: [2, 2] },
  { name: '和平小区物业', kind: 'property', stars: [1, 2] },
  { name: '幸福家园物业', kind: 'property', stars: [5, null] },
  { name: '锦绣花园物业', kind: 'property', stars: [3, null] },
  { name: '文亭巷社区服务站', kind: 'window', stars: [4, null] },
];

/** Assessment demo data: checklists of the 8 domains, assessments in every stage, rating, lists, centres. */
export async function seedAssessment(db: DbOrTx): Promise<void> {
  const now = new Date(Math.floor(Date.now() / DAY) * DAY + 2 * 3_600_000);
  const at = (d: number) => new Date(now.getTime() + d * DAY);
  const year = Number(chinaDay(now).slice(0, 4));
  const communities = await db
    .select({
      id: territories.id,
      path: territories.path,
      parentId: territories.parentId,
      name: territories.name,
      code: territories.divisionCode,
    })
    .from(territories)
    .where(inArray(territories.divisionCode, [...DEMO_COMMUNITIES]))
    .orderBy(asc(territories.divisionCode));
  if (!communities.length) return;
  const streets = await db
    .select({ id: territories.id, path: territories.path, parentId: territories.parentId, name: territories.name })
    .from(territories)
    .where(
      inArray(
        territories.id,
        communities.map((c) => c.parentId!),
      ),
    )
    .orderBy(asc(territories.divisionCode));
  const districts = await db
    .select({ id: territories.id, path: territories.path, name: territories.name, code: territories.divisionCode })
    .from(territories)
    .where(
      inArray(
        territories.id,
        streets.map((s) => s.parentId!),
      ),
    )
    .orderBy(asc(territories.divisionCode));
  const demo = await db
    .select({ id: accounts.id, username: accounts.username, territoryId: accounts.territoryId })
    .from(accounts)
    .where(inArray(accounts.username, ['resident', 'party_member', 'unit_contact', 'street_admin', 'staff']));
  const acc = (u: string) => demo.find((a) => a.username === u)?.id ?? null;

  // 1. Checklists of every domain for each district, and the assessments of the organisation checklist.
  for (const d of districts) {
    const lists = await db
      .insert(asChecklists)
      .values(
        Object.entries(CHECKLISTS).map(([domain, c]) => ({
          territoryId: d.id,
          scopePath: d.path,
          domain: domain as Domain,
          title: `${year}年度${c.title}`,
          year,
          createdAt: at(-120),
          updatedAt: at(-120),
        })),
      )
      .returning();
    const items = await db
      .insert(asChecklistItems)
      .values(
        lists.flatMap((l) =>
          CHECKLISTS[l.domain].items.map(([title, weight, maxScore, evidenceRequired], k) => ({
            checklistId: l.id,
            title,
            weight,
            maxScore,
            evidenceRequired,
            sortOrder: k,
          })),
        ),
      )
      .returning();
    // Two checklists assessed, the second with the states shifted, so a street of four communities shows them all.
    for (const [domain, offset] of [
      ['organisation', 0],
      ['venues', 4],
    ] as const) {
      const orgList = lists.find((l) => l.domain === domain)!;
      const orgItems = items.filter((i) => i.checklistId === orgList.id);
      for (const s of streets.filter((x) => x.parentId === d.id)) {
        const comms = await db
          .select({ id: territories.id, path: territories.path })
          .from(territories)
          .where(and(eq(territories.parentId, s.id), eq(territories.level, 'community')))
          .orderBy(asc(territories.divisionCode))
          .limit(STATES.length);
        const orgs = await db
          .select({ id: partyOrgs.id, territoryId: partyOrgs.territoryId })
          .from(partyOrgs)
          .where(
            and(
              inArray(
                partyOrgs.territoryId,
                comms.map((c) => c.id),
              ),
              inArray(partyOrgs.kind, ['committee', 'generalBranch']),
            ),
          );
        if (comms.length < 2) continue;
        for (const [i, c] of comms.entries()) {
          const org = orgs.find((o) => o.territoryId === c.id);
          if (!org) continue;
          const state = STATES[(i + offset) % STATES.length]!;
          const peer = i === 0 ? comms[1]! : comms[0]!;
          const fr = FRACTIONS[state];
          const rounds: Round[] =
            state === 'selfCheck'
              ? []
              : state === 'peerReview'
                ? ['self']
                : state === 'superiorReview'
                  ? ['self', 'peer']
                  : state === 'weakCleared'
                    ? ['self', 'peer', 'superior', 'recheck']
                    : ['self', 'peer', 'superior'];
          const scoreOf = (round: Round, k: number, max: number) => {
            const f = round === 'self' ? Math.min(1, fr[k]! + 0.2) : round === 'recheck' ? 0.9 : fr[k]!;
            return Math.round(max * f);
          };
          const total = (round: Round) =>
            totalScore(orgItems.map((it, k) => ({ ...it, score: scoreOf(round, k, it.maxScore) })));
          const graded = rounds.includes('superior');
          const score = graded ? total('superior') : null;
          const grade = score === null ? null : gradeOf(score, orgList);
          const recheck = rounds.includes('recheck') ? total('recheck') : null;
          const stage: Stage = graded
            ? 'graded'
            : state === 'superiorReview'
              ? 'superiorReview'
              : state === 'peerReview'
                ? 'peerReview'
                : 'selfCheck';
          const [a] = await db
            .insert(asAssessments)
            .values({
              checklistId: orgList.id,
              partyOrgId: org.id,
              territoryId: c.id,
              scopePath: c.path,
              peerTerritoryId: peer.id,
              peerPath: peer.path,
              stage,
              score,
              grade,
              gradedAt: graded ? at(-40) : null,
              weak: grade === 'lagging' && recheck === null,
              recheckScore: recheck,
              weakClearedAt: recheck !== null ? at(-5) : null,
              createdAt: at(-90),
              updatedAt: at(-5),
            })
            .returning();
          if (rounds.length)
            await db.insert(asScores).values(
              rounds.flatMap((round, r) =>
                orgItems.map((it, k) => ({
                  assessmentId: a!.id,
                  itemId: it.id,
                  round,
                  score: scoreOf(round, k, it.maxScore),
                  evidence: round === 'self' && it.evidenceRequired ? `${it.title}：会议记录、照片` : null,
                  createdAt: at(-80 + r * 15),
                })),
              ),
            );
          if (grade === 'lagging')
            await db.insert(asRectificationItems).values([
              {
                assessmentId: a!.id,
                scopePath: c.path,
                title: '补齐配强社区党组织班子',
                dueOn: chinaDay(at(state === 'weakOpen' ? 20 : -15)),
                doneAt: at(-20),
                evidence: '街道党工委任命文件',
              },
              {
                assessmentId: a!.id,
                scopePath: c.path,
                title: '规范落实三会一课，建立会议记录',
                dueOn: chinaDay(at(state === 'weakOpen' ? 40 : -10)),
                doneAt: state === 'weakOpen' ? null : at(-12),
                evidence: state === 'weakOpen' ? null : '三会一课记录本',
              },
            ]);
        }
      }
    }
  }

  // 2. Public rating 西宁评议: last year's closed period and this year's open one in 城西区.
  const xining = districts.find((d) => d.code === '630104') ?? districts[0]!;
  const wenting = communities.find((c) => c.code === '630104006001') ?? communities[0]!;
  const wentingStreet = streets.find((s) => s.id === wenting.parentId) ?? streets[0]!;
  const periods = await db
    .insert(asRatingPeriods)
    .values([
      {
        territoryId: xining.id,
        scopePath: xining.path,
        name: `${year - 1}年度西宁评议`,
        startsOn: `${year - 1}-01-01`,
        endsOn: `${year - 1}-12-31`,
        supervisorWeight: 30,
      },
      {
        territoryId: xining.id,
        scopePath: xining.path,
        name: `${year}年度西宁评议`,
        startsOn: `${year}-01-01`,
        endsOn: `${year}-12-31`,
        supervisorWeight: 30,
      },
    ])
    .returning();
  const units = await db
    .insert(asServiceUnits)
    .values(
      UNITS.map((u) => {
        const place =
          u.kind === 'department' ? xining : u.kind === 'window' && !u.name.includes('社区') ? wentingStreet : wenting;
        return { territoryId: place.id, scopePath: place.path, kind: u.kind, name: u.name };
      }),
    )
    .returning();
  const contact = acc('unit_contact');
  if (contact) await db.insert(asServiceUnitContacts).values({ serviceUnitId: units[8]!.id, accountId: contact });
  const resident = acc('resident');
  const member = acc('party_member');
  if (member) await db.insert(asSupervisors).values({ accountId: member, scopePath: wenting.path });
  const ratings: (typeof asRatings.$inferInsert)[] = [];
  for (const [i, u] of units.entries()) {
    const [rs, ss] = UNITS[i]!.stars;
    for (const [pi, p] of periods.entries()) {
      // This year the resident has not rated the last two units yet: they are there to rate on /m.
      const current = pi === 1;
      if (resident && !(current && i >= units.length - 2))
        ratings.push({
          periodId: p.id,
          serviceUnitId: u.id,
          scopePath: u.scopePath,
          accountId: resident,
          raterKind: 'resident',
          stars: current ? rs : Math.max(1, Math.min(5, rs + (i % 2 ? 1 : -1))),
          comment: rs >= 4 ? '办事效率高，态度热情' : rs <= 2 ? '多次反映问题没有回音' : '总体还行',
          reply: current && i === 8 ? '已增派保洁人员，每日清理楼道，欢迎继续监督' : null,
          repliedAt: current && i === 8 ? at(-3) : null,
          createdAt: current ? at(-10 - i) : new Date(`${year - 1}-10-0${1 + (i % 9)}T10:00:00+08:00`),
        });
      if (member && ss !== null)
        ratings.push({
          periodId: p.id,
          serviceUnitId: u.id,
          scopePath: u.scopePath,
          accountId: member,
          raterKind: 'supervisor',
          stars: ss,
          comment: '监督员暗访',
          createdAt: current ? at(-8 - i) : new Date(`${year - 1}-11-0${1 + (i % 9)}T10:00:00+08:00`),
        });
    }
  }
  if (ratings.length) await db.insert(asRatings).values(ratings);

  // 3. Workload list 减负清单 per district, and matters sent down (accepted and refused).
  const MATTERS: [string, string][] = [
    ['居民信息采集更新', '区民政局'],
    ['高龄补贴资格核查', '区民政局'],
    ['城乡低保入户调查', '区民政局'],
    ['就业失业登记', '区人社局'],
    ['城乡居民养老保险参保', '区人社局'],
    ['老旧小区改造意见征集', '区住建局'],
    ['房屋安全隐患排查', '区住建局'],
    ['爱国卫生运动', '区卫健局'],
    ['计划生育家庭奖扶', '区卫健局'],
    ['退役军人信息采集', '区退役军人事务局'],
    ['消防安全宣传', '区应急管理局'],
    ['征兵宣传与初检', '区人武部'],
  ];
  for (const d of districts) {
    const items = await db
      .insert(asWorkloadItems)
      .values(
        MATTERS.map(([title, department], k) => ({
          territoryId: d.id,
          scopePath: d.path,
          code: `JF-${String(k + 1).padStart(3, '0')}`,
          title,
          department,
          active: k !== MATTERS.length - 1,
        })),
      )
      .returning();
    const mine = communities.filter((c) => c.path.startsWith(d.path));
    const sent: (typeof asSentTasks.$inferInsert)[] = [];
    for (const [ci, c] of mine.entries())
      for (let k = 0; k < 6; k++) {
        const item = items[(ci * 3 + k) % items.length]!;
        const refused = k === 4 || k === 5;
        sent.push({
          communityId: c.id,
          scopePath: c.path,
          department: refused ? (k === 4 ? '区统计局' : '区文旅局') : item.department,
          title: refused ? (k === 4 ? '填报经济普查台账' : '创建文明城市迎检材料') : item.title,
          workloadItemId: refused ? null : item.id,
          status: refused ? 'refused' : 'accepted',
          reason: refused ? '未注明减负清单事项，按规定不予接收' : null,
          createdAt: at(-60 + k * 7 + ci),
          updatedAt: at(-60 + k * 7 + ci),
        });
      }
    if (sent.length) await db.insert(asSentTasks).values(sent);
  }

  // 4. 党群服务中心 of at least 500 m² (seed 004) in every demo community, rooms and bookings in every state.
  const centres = await db
    .insert(asCentres)
    .values(
      communities.map((c, i) => ({
        territoryId: c.id,
        scopePath: c.path,
        name: `${c.name}党群服务中心`,
        areaM2: 500 + i * 120,
        openingHours: '周一至周日 8:30-20:30',
        address: `${c.name}服务站一楼`,
      })),
    )
    .returning();
  const rooms = await db
    .insert(asRooms)
    .values(
      centres.flatMap((c) =>
        [
          ['多功能活动室', 80],
          ['议事协商厅', 30],
          ['党员活动室', 40],
        ].map(([name, capacity]) => ({
          centreId: c.id,
          scopePath: c.scopePath,
          name: String(name),
          capacity: Number(capacity),
        })),
      ),
    )
    .returning();
  const bookings: (typeof asBookings.$inferInsert)[] = [];
  const BOOKERS: ['unit' | 'organisation' | 'residentsGroup', string, string][] = [
    ['organisation', '社区党委', '主题党日'],
    ['residentsGroup', '第一居民小组', '居民议事会'],
    ['unit', '共建单位', '志愿服务培训'],
    ['organisation', '离退休党员党支部', '三会一课'],
  ];
  for (const [ri, r] of rooms.entries())
    for (let k = 0; k < 4; k++) {
      const [kind, name, purpose] = BOOKERS[(ri + k) % BOOKERS.length]!;
      const start = new Date(at(k * 3 - 5).getTime() + (ri % 3) * 3_600_000 - 3_600_000);
      bookings.push({
        roomId: r.id,
        scopePath: r.scopePath,
        bookerKind: kind,
        bookerName: name,
        purpose,
        startsAt: start,
        endsAt: new Date(start.getTime() + 2 * 3_600_000),
        status: k === 3 && ri % 2 === 0 ? 'cancelled' : 'booked',
        accountId: acc('staff'),
      });
    }
  if (bookings.length) await db.insert(asBookings).values(bookings);

  // 5. One-window catalogue 一窗受理 (seed 001): permits and convenience services, which need one visit at most.
  const CATALOGUE: ['permit' | 'convenience', string, string, string[], number, boolean][] = [
    ['permit', '城乡居民最低生活保障申请', '区民政局', ['身份证', '户口簿', '家庭收入证明', '申请书'], 20, false],
    ['permit', '高龄津贴申领', '区民政局', ['身份证', '户口簿'], 10, true],
    ['permit', '残疾人两项补贴申请', '区残联', ['身份证', '残疾人证', '银行卡'], 15, true],
    ['permit', '城乡居民养老保险参保登记', '区人社局', ['身份证', '户口簿'], 0, true],
    ['permit', '就业创业证申领', '区人社局', ['身份证', '照片'], 5, true],
    ['permit', '生育登记', '区卫健局', ['夫妻双方身份证', '结婚证'], 0, true],
    ['permit', '临时救助申请', '区民政局', ['身份证', '困难情况说明', '相关证明'], 7, false],
    ['convenience', '居住证明开具', '社区居委会', ['身份证', '租赁合同或房产证'], 0, true],
    ['convenience', '老年人优待证办理', '社区居委会', ['身份证', '照片'], 3, true],
    ['convenience', '党员组织关系转接', '社区党委', ['介绍信'], 1, true],
    ['convenience', '流动人口登记', '社区居委会', ['身份证'], 0, true],
    ['convenience', '法律咨询预约', '社区法律顾问', [], 3, false],
  ];
  const items: (typeof asServiceItems.$inferInsert)[] = [];
  for (const d of districts)
    for (const [category, name, department, materials, timeLimitDays, atMostOnce] of CATALOGUE)
      items.push({
        territoryId: d.id,
        scopePath: d.path,
        category,
        name,
        department,
        materials,
        timeLimitDays,
        atMostOnce,
      });
  await db.insert(asServiceItems).values(items);

  // 6. The annual cycle (decision 032): key tasks, responsibility lists, visits, 述职评议.
  await seedCycle(db, now, communities, streets);
}
