import { and, asc, eq, inArray } from 'drizzle-orm';
import { CHINA_OFFSET_MS, systemClock } from '../../kernel/clock.js';
import { systemActor, type Ctx } from '../../kernel/context.js';
import type { Db, DbOrTx } from '../../kernel/db/client.js';
import { accounts, territories } from '../../kernel/db/schema.js';
import { prng } from '../../kernel/random.js';
import { fourParty } from '../organizations/index.js';
import { branchRoster } from '../party-members/index.js';
import { ORG_LIFE_KINDS, ORG_LIFE_RULES, type ActionStatus, type OrgLifeKind } from './constants.js';
import { resolveInvitees } from './meetings.service.js';
import {
  actionItems,
  agendaItems,
  consultationComments,
  consultations,
  consultationVotes,
  meetingDecisions,
  meetingInvitees,
  meetings,
  orgLifeAttendance,
  orgLifeSessions,
  studyLessons,
} from './schema.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WENTINGXIANG = '630104006001';

const TITLES: Record<OrgLifeKind, string> = {
  memberAssembly: '支部党员大会',
  branchCommittee: '支委会',
  groupMeeting: '党小组会',
  partyLesson: '党课',
  themeDay: '主题党日',
};

/**
 * The demo story (issue 13 item 10): the four-party meeting 四方联动 of 文亭巷社区's first compound last month,
 * with decisions and action items in every state (one overdue), the next meeting carrying the undone ones; the
 * compound branch's organisational life for the past year with one missed 党小组会 (flagged), and study records.
 */
export async function seedMeetings(db: DbOrTx): Promise<void> {
  const rnd = prng(1313);
  const now = Date.now();
  const anchor = Math.floor(now / DAY) * DAY + 2 * HOUR; // 10:00 China time today
  const [community] = await db
    .select({ id: territories.id, path: territories.path })
    .from(territories)
    .where(eq(territories.divisionCode, WENTINGXIANG));
  if (!community) return;
  const [compound] = await db
    .select({ id: territories.id, name: territories.name, level: territories.level, path: territories.path })
    .from(territories)
    .where(and(eq(territories.parentId, community.id), eq(territories.level, 'compound')))
    .orderBy(asc(territories.id))
    .limit(1);
  if (!compound) return;
  const [secretary] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.username, 'secretary'));
  const ctx: Ctx = {
    db: db as Db,
    actor: systemActor(),
    clock: systemClock,
    requestId: 'seed',
    ip: '',
    locale: 'zh-CN',
  };
  const invitees = await resolveInvitees(ctx, 'fourParty', compound, [
    { name: '居民代表 李桂芳', group: 'residentReps' },
    { name: '居民代表 马德福', group: 'residentReps' },
  ]);
  const bodyKey = `fourParty:${compound.id}`;

  // Last month's meeting: held, minutes approved.
  const heldAt = new Date(anchor - 30 * DAY + 5 * HOUR);
  const [past] = await db
    .insert(meetings)
    .values({
      typeKey: 'fourParty',
      territoryId: compound.id,
      scopePath: compound.path,
      bodyKey,
      title: `${compound.name}四方联动月度例会`,
      startsAt: heldAt,
      place: `${compound.name}党群服务站`,
      status: 'approved',
      signInCode: '135790',
      approvedAt: new Date(heldAt.getTime() + DAY),
      approvedBy: secretary?.id ?? null,
      createdBy: secretary?.id ?? null,
    })
    .returning();
  await db.insert(meetingInvitees).values(
    invitees.map((i, k) => ({
      ...i,
      meetingId: past!.id,
      attended: k !== invitees.length - 1,
      signedInAt: k !== invitees.length - 1 ? heldAt : null,
      signedInBy: k !== invitees.length - 1 ? (i.accountId ? 'self' : 'secretary') : null,
    })),
  );
  const four = await fourParty(ctx, compound.id);
  const owner = (k: number) => {
    const pick = [
      four.propertyCompany
        ? { kind: 'unit' as const, id: four.propertyCompany.id, name: four.propertyCompany.name }
        : null,
      four.compoundBranch
        ? { kind: 'partyOrg' as const, id: four.compoundBranch.id, name: four.compoundBranch.name }
        : null,
      four.communityCommittee
        ? { kind: 'partyOrg' as const, id: four.communityCommittee.id, name: four.communityCommittee.name }
        : null,
    ].filter((x) => x !== null);
    return pick[k % pick.length] ?? { kind: 'account' as const, id: secretary?.id ?? 1, name: '社区书记' };
  };
  const items: {
    title: string;
    source: 'hotspot' | 'staff';
    minutes: string;
    decision: string;
    actions: { title: string; status: ActionStatus; dueDays: number; evidence?: string }[];
  }[] = [
    {
      title: `${compound.name}「环境卫生」问题 5 次反映（每月一题）`,
      source: 'hotspot',
      minutes: '物业公司说明垃圾清运车辆不足；业委会提出增设分类垃圾桶；小区党支部建议党员志愿者参与桶前值守。',
      decision: '物业公司每日清运两次；社区协调增设分类垃圾桶；党员志愿者周末桶前值守。',
      actions: [
        { title: '每日清运两次并公示清运记录', status: 'done', dueDays: -20, evidence: '两周清运记录表已张贴公示' },
        { title: '增设分类垃圾桶 6 组', status: 'inProgress', dueDays: 10 },
        { title: '组织党员志愿者周末桶前值守', status: 'open', dueDays: 5 },
      ],
    },
    {
      title: '电动车充电难、楼道飞线充电',
      source: 'staff',
      minutes: '居民代表反映楼道飞线充电存在安全隐患；物业公司提出在3号楼东侧建设集中充电桩。',
      decision: '在3号楼东侧建设集中充电桩，建成前开展飞线充电排查。',
      actions: [
        { title: '充电桩选址报批', status: 'open', dueDays: -3 },
        { title: '飞线充电入户排查', status: 'cancelled', dueDays: -10, evidence: '并入街道消防安全专项行动' },
      ],
    },
  ];
  const undone: { id: number; title: string }[] = [];
  const itemIds: number[] = [];
  for (const [k, it] of items.entries()) {
    const [item] = await db
      .insert(agendaItems)
      .values({ meetingId: past!.id, sortOrder: k, title: it.title, source: it.source, minutes: it.minutes })
      .returning();
    itemIds.push(item!.id);
    const [d] = await db
      .insert(meetingDecisions)
      .values({ meetingId: past!.id, agendaItemId: item!.id, text: it.decision })
      .returning();
    for (const [j, x] of it.actions.entries()) {
      const o = owner(k + j);
      const dueAt = new Date(anchor + x.dueDays * DAY + 8 * HOUR);
      const finished = x.status === 'done' || x.status === 'cancelled';
      const [row] = await db
        .insert(actionItems)
        .values({
          meetingId: past!.id,
          decisionId: d!.id,
          scopePath: compound.path,
          bodyKey,
          title: x.title,
          ownerKind: o.kind,
          ownerId: o.id,
          ownerName: o.name,
          ownerAccountId: invitees.find((i) => i.kind === o.kind && i.refId === o.id)?.accountId ?? null,
          dueAt,
          status: x.status,
          evidence: x.evidence ?? null,
          doneAt: finished ? new Date(dueAt.getTime() - DAY) : null,
          remindAt: !finished && dueAt.getTime() - DAY > now ? new Date(dueAt.getTime() - DAY) : null,
          overdueAt: finished ? null : dueAt,
        })
        .returning();
      if (!finished) undone.push({ id: row!.id, title: row!.title });
    }
  }

  // This month's meeting: planned, opening with the undone items.
  const [next] = await db
    .insert(meetings)
    .values({
      typeKey: 'fourParty',
      territoryId: compound.id,
      scopePath: compound.path,
      bodyKey,
      title: `${compound.name}四方联动月度例会（本月）`,
      startsAt: new Date(anchor + 3 * DAY + 5 * HOUR),
      place: `${compound.name}党群服务站`,
      signInCode: '246802',
      createdBy: secretary?.id ?? null,
    })
    .returning();
  await db.insert(meetingInvitees).values(invitees.map((i) => ({ ...i, meetingId: next!.id })));
  if (undone.length)
    await db.insert(agendaItems).values(
      undone.map((u, k) => ({
        meetingId: next!.id,
        sortOrder: k,
        title: u.title,
        source: 'carriedOver' as const,
        actionItemId: u.id,
      })),
    );

  await seedConsultations(db, compound, {
    meetingId: past!.id,
    agendaItemId: itemIds[1]!,
    heldAt,
    anchor,
    secretaryId: secretary?.id ?? null,
  });

  // Organisational life of the compound branch for the past twelve months; the 党小组会 of two months ago missed.
  const branch = four.compoundBranch;
  if (!branch) return;
  const roster = await branchRoster(db, [branch.id]);
  const today = new Date(anchor + CHINA_OFFSET_MS);
  const skip = `${new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 2, 1)).toISOString().slice(0, 7)}`;
  for (let back = 12; back >= 1; back--) {
    const month = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - back, 1));
    const ym = month.toISOString().slice(0, 7);
    for (const kind of ORG_LIFE_KINDS) {
      if (ORG_LIFE_RULES[kind].every === 'quarter' && month.getUTCMonth() % 3 !== 1) continue;
      if (kind === 'groupMeeting' && ym === skip) continue;
      const dayOf = { memberAssembly: 25, branchCommittee: 5, groupMeeting: 12, partyLesson: 18, themeDay: 20 }[kind];
      const at = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth(), dayOf, 7) - 0);
      const [sess] = await db
        .insert(orgLifeSessions)
        .values({
          branchId: branch.id,
          scopePath: compound.path,
          kind,
          title: `${Number(ym.slice(5))}月${TITLES[kind]}`,
          heldAt: at,
          mode: rnd.next() < 0.3 ? 'online' : 'offline',
          place: `${compound.name}党群服务站`,
          minutes: `学习传达上级会议精神，讨论${compound.name}近期重点工作。`,
          status: 'approved',
          approvedAt: new Date(at.getTime() + DAY),
        })
        .returning();
      if (roster.length)
        await db.insert(orgLifeAttendance).values(
          roster.map((r) => {
            const p = rnd.next();
            const status = p < 0.82 ? ('present' as const) : p < 0.92 ? ('leave' as const) : ('absent' as const);
            return {
              sessionId: sess!.id,
              memberId: r.id,
              memberName: r.name,
              accountId: r.accountId,
              status,
              leaveReason: status === 'leave' ? rnd.pick(['外出务工', '身体不适', '照顾家人']) : null,
              signedInAt: status === 'present' ? at : null,
            };
          }),
        );
    }
  }
  const lessons = ['党史学习教育专题', '“七一”重要讲话精神', '党章党规学习', '基层治理政策解读'];
  await db.insert(studyLessons).values(
    roster.slice(0, 8).flatMap((r, k) =>
      lessons.slice(0, 2 + (k % 3)).map((title, j) => ({
        memberId: r.id,
        scopePath: r.scopePath,
        title,
        minutes: 60 + 30 * ((k + j) % 3),
        studiedOn: new Date(anchor - (20 + 15 * j + k) * DAY).toISOString().slice(0, 10),
        note: j === 0 ? '线上学习平台' : null,
      })),
    ),
  );
}

/**
 * Two consultations 协商议事 of the same compound (decision 029): last month's on where to build the charging
 * station, whose comments and votes went to the four-party meeting (its second agenda item) and whose result is
 * published; and this week's on adding a lift, open for comments, so the demo resident can comment and vote.
 * Comments and votes come from the demo accounts living in the compound (陈秀兰, 赵敏), none invented.
 */
async function seedConsultations(
  db: DbOrTx,
  compound: { id: number; name: string; path: string },
  at: { meetingId: number; agendaItemId: number; heldAt: Date; anchor: number; secretaryId: number | null },
) {
  const people = await db
    .select({ id: accounts.id, name: accounts.displayName, path: territories.path })
    .from(accounts)
    .innerJoin(territories, eq(territories.id, accounts.territoryId))
    .where(inArray(accounts.username, ['resident', 'party_member']))
    .orderBy(asc(accounts.username));
  // party_member 赵敏 first, then resident 陈秀兰; only those who live in the compound take part.
  const [zhao, chen] = [people.find((p) => p.name.includes('赵敏')), people.find((p) => p.name.includes('陈秀兰'))].map(
    (p) => (p && p.path.startsWith(compound.path) ? p : undefined),
  );
  const [charging] = await db
    .insert(consultations)
    .values({
      territoryId: compound.id,
      scopePath: compound.path,
      title: `${compound.name}电动车集中充电桩选址征求意见`,
      notice:
        '近期楼道飞线充电问题反映较多，存在较大消防安全隐患。社区、业委会、物业公司拟在小区内建设电动车集中充电桩，现就选址征求全体居民意见，请在截止日前发表意见并参加表决。征求意见结果将提交四方联动例会协商议定。',
      options: ['3号楼东侧空地', '小区北门停车场旁'],
      opensAt: new Date(at.heldAt.getTime() - 14 * DAY),
      closesAt: new Date(at.heldAt.getTime() - 2 * DAY),
      status: 'concluded',
      result:
        '征求意见期内居民多数赞成选址3号楼东侧空地。经四方联动例会协商议定：在3号楼东侧建设集中充电桩，建成前开展飞线充电排查，物业公司负责报批。',
      concludedAt: new Date(at.heldAt.getTime() + DAY),
      concludedBy: at.secretaryId,
      meetingId: at.meetingId,
      createdBy: at.secretaryId,
    })
    .returning();
  await db
    .update(agendaItems)
    .set({ source: 'consultation', consultationId: charging!.id })
    .where(eq(agendaItems.id, at.agendaItemId));
  const opened = charging!.opensAt.getTime();
  const talk: { who: typeof zhao; text: string; day: number }[] = [
    { who: chen, text: '支持建在3号楼东侧，那里离单元门近，晚上充电也方便照看。', day: 1 },
    { who: zhao, text: '建议充电桩加装雨棚和监控，并配一组灭火器，党员可以轮流值守。', day: 2 },
  ];
  for (const c of talk)
    if (c.who)
      await db.insert(consultationComments).values({
        consultationId: charging!.id,
        accountId: c.who.id,
        authorName: c.who.name,
        text: c.text,
        createdAt: new Date(opened + c.day * DAY),
      });
  for (const [who, option] of [
    [chen, 0],
    [zhao, 0],
  ] as const)
    if (who) await db.insert(consultationVotes).values({ consultationId: charging!.id, accountId: who.id, option });

  const [lift] = await db
    .insert(consultations)
    .values({
      territoryId: compound.id,
      scopePath: compound.path,
      title: `${compound.name}老旧楼栋加装电梯征求意见`,
      notice:
        '根据老旧小区改造计划，小区部分楼栋可申请加装电梯，费用由政府补贴和住户按楼层分摊。现征求居民意见，请实名发表意见并表决；征求意见结束后将提交居民议事会协商。',
      options: ['同意加装', '暂不加装'],
      opensAt: new Date(at.anchor - 2 * DAY),
      closesAt: new Date(at.anchor + 5 * DAY + 10 * HOUR),
      createdBy: at.secretaryId,
    })
    .returning();
  if (zhao) {
    await db.insert(consultationComments).values({
      consultationId: lift!.id,
      accountId: zhao.id,
      authorName: zhao.name,
      text: '家里老人住五楼，上下楼很困难，同意加装；希望一楼住户的采光问题也一并考虑。',
      createdAt: new Date(at.anchor - DAY),
    });
    await db.insert(consultationVotes).values({ consultationId: lift!.id, accountId: zhao.id, option: 0 });
  }
}
