import { and, asc, eq, inArray } from 'drizzle-orm';
import { inSubtree } from '../../kernel/scope/scope.js';
import { encryptPii } from '../../kernel/crypto/pii.js';
import type { DbOrTx } from '../../kernel/db/client.js';
import { accounts, territories } from '../../kernel/db/schema.js';
import { prng } from '../../kernel/random.js';
import type { EventAction, OrderStatus } from '../service-orders/index.js';
import { orderEvents, serviceOrders } from '../service-orders/index.js';
import { applyRollup } from '../service-orders/index.js';
import { DEMO_COMMUNITIES } from '../territory/index.js';
import type { MediationOutcome, PartyRole, TeamMemberRole } from './constants.js';
import { mediationCases, mediationParties, mediationSessions, mediationTeamMembers, mediationTeams } from './schema.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const HESHUI = '620104005001'; // 合水南路社区 (seed 002: 金大姐说事室)

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '马', '孙'];
const MEMBER_ROLES: TeamMemberRole[] = ['leader', 'mediator', 'mediator', 'member'];

interface Story {
  status: OrderStatus;
  category: string;
  title: string;
  description: string;
  parties: [string, PartyRole][];
  sessions: { place: string; notes: string }[];
  agreement?: string;
  outcome?: MediationOutcome;
  outcomeNote?: string;
  followUp?: string;
}

/** The 金大姐说事室 story of seed 002, told as a case: two days from the first visit to the shared repair. */
const JIN_STORY: Story = {
  status: 'rated',
  category: 'neighbourhood',
  title: '下水道堵塞污水反流，楼上住户不同意分摊修理费',
  description: '家住一楼的张可红家下水道堵塞、污水反流，楼上几户居民不同意分摊修理费，邻里为此红了脸。',
  parties: [
    ['张可红', 'applicant'],
    ['二楼住户', 'respondent'],
    ['三楼住户', 'respondent'],
    ['四楼住户', 'respondent'],
  ],
  sessions: [
    { place: '张可红家', notes: '团队成员立即上门了解情况，查看反流位置。' },
    { place: '金大姐说事室', notes: '把大家召集在一起拉家常、说事理，讲清楚主管道是全单元共用。' },
  ],
  agreement: '本单元各户按户均摊下水道疏通费用，由张可红联系疏通，完工后各户一次结清。',
  outcome: 'agreed',
  outcomeNote: '从进门调解到共同出资疏通下水仅用了两天，邻里又重新回到了“老熟人”。',
  followUp: '回访：下水通畅，各户费用已结清，邻里关系融洽。',
};

const STORIES: Story[] = [
  {
    status: 'submitted',
    category: 'neighbourhood',
    title: '楼上深夜噪音扰民',
    description: '楼上住户经常深夜走动、拖动家具，多次沟通无果。',
    parties: [
      ['刘女士', 'applicant'],
      ['楼上住户', 'respondent'],
    ],
    sessions: [],
  },
  {
    status: 'accepted',
    category: 'parking',
    title: '车位被长期占用引发争执',
    description: '固定车位被邻居长期占用，双方多次争吵。',
    parties: [
      ['陈先生', 'applicant'],
      ['周先生', 'respondent'],
    ],
    sessions: [],
  },
  {
    status: 'inProgress',
    category: 'repair',
    title: '楼上卫生间漏水殃及楼下',
    description: '楼上卫生间防水层老化，楼下天花板渗水发霉，赔偿问题谈不拢。',
    parties: [
      ['赵阿姨', 'applicant'],
      ['孙先生', 'respondent'],
      ['物业公司维修主管', 'other'],
    ],
    sessions: [{ place: '社区调解室', notes: '请物业到场查明漏水点，双方同意先维修后协商赔偿。' }],
  },
  {
    status: 'resolved',
    category: 'property',
    title: '公共楼道堆放杂物纠纷',
    description: '住户在楼道长期堆放杂物，影响通行和消防安全，邻里意见很大。',
    parties: [
      ['楼栋长杨大爷', 'applicant'],
      ['吴某', 'respondent'],
    ],
    sessions: [
      { place: '楼道现场', notes: '现场查看，讲明消防通道不得占用的规定。' },
      { place: '社区调解室', notes: '吴某仍不同意清理，表示要找律师。' },
    ],
    outcome: 'referredJudicial',
    outcomeNote: '双方分歧较大，移交街道司法所进一步调解。',
  },
];

/**
 * Demo mediation: two teams per demo community (seed 001: 60 teams across the city), the 金大姐说事室 of 合水南路
 * with its own story (seed 002), and a few cases per community in different stages, each with its timeline.
 */
export async function seedMediation(db: DbOrTx): Promise<void> {
  const rnd = prng(2002);
  const anchor = new Date(Math.floor(Date.now() / DAY) * DAY + 2 * HOUR);
  const communities = await db
    .select({ id: territories.id, code: territories.divisionCode, name: territories.name, path: territories.path })
    .from(territories)
    .where(inArray(territories.divisionCode, [...DEMO_COMMUNITIES]))
    .orderBy(asc(territories.divisionCode));
  const named = await db
    .select({
      id: accounts.id,
      username: accounts.username,
      name: accounts.displayName,
      territoryId: accounts.territoryId,
    })
    .from(accounts)
    .where(inArray(accounts.username, ['resident', 'staff', 'xigu_staff']));
  const acc = (u: string) => named.find((a) => a.username === u) ?? null;
  const resident = acc('resident');
  const residentPath = resident
    ? ((
        await db.select({ path: territories.path }).from(territories).where(eq(territories.id, resident.territoryId))
      )[0]?.path ?? null)
    : null;
  const phone = () => `1${rnd.pick(['38', '39', '59', '86', '77'])}${String(rnd.int(0, 99_999_999)).padStart(8, '0')}`;

  for (const c of communities) {
    // The demo staff accounts act only in their own community; elsewhere the team's steps carry no account.
    const staff = c.code === '620104007003' ? acc('xigu_staff') : c.code === '630104006001' ? acc('staff') : null;
    const teamNames =
      c.code === HESHUI ? ['金大姐说事室', `${c.name}调解小分队`] : [`${c.name}调解小分队`, '楼院邻里调解小组'];
    const teams: { id: number; name: string; leader: { id: number; name: string } }[] = [];
    for (const [k, name] of teamNames.entries()) {
      const jin = name === '金大姐说事室';
      const [team] = await db
        .insert(mediationTeams)
        .values({
          communityId: c.id,
          scopePath: c.path,
          name,
          place: jin ? '合水南路社区金大姐说事室' : k === 0 ? '社区调解室' : '楼院议事点',
          description: jin
            ? '以“熟人办熟事”的理念，选出人熟、地熟、情况熟的“金大姐”团队（甘肃日报，西固区）。'
            : '社区“1+3”管家体系下的调解小分队（西宁）。',
        })
        .returning();
      const names = jin
        ? ['金大姐', '刘大姐', '马大姐', '王师傅']
        : MEMBER_ROLES.map(() => `${rnd.pick(SURNAMES)}${rnd.pick(['建国', '秀兰', '桂英', '志强', '玉梅', '德明'])}`);
      const members = await db
        .insert(mediationTeamMembers)
        .values(
          names.map((n, i) => ({
            teamId: team!.id,
            name: n,
            role: MEMBER_ROLES[i]!,
            phoneEnc: encryptPii('phone', phone()),
            sortOrder: i,
          })),
        )
        .returning();
      teams.push({ id: team!.id, name, leader: { id: members[0]!.id, name: members[0]!.name } });
    }
    const households = await db
      .select({ id: territories.id, path: territories.path })
      .from(territories)
      .where(and(inSubtree(territories.path, c.path), eq(territories.level, 'household')))
      .orderBy(asc(territories.id))
      .limit(50);
    if (!households.length) continue;
    const stories = c.code === HESHUI ? [JIN_STORY, ...STORIES] : STORIES;
    for (const [i, s] of stories.entries()) {
      const own = resident !== null && residentPath !== null && residentPath.startsWith(c.path) && i === 0;
      const place = own ? { id: resident.territoryId, path: residentPath } : rnd.pick(households);
      const team = teams[s === JIN_STORY ? 0 : i % teams.length]!;
      // Open cases are recent (within their time limits); finished ones are a few weeks old, so their follow-up is done.
      const open = !['resolved', 'rated', 'closed'].includes(s.status);
      const createdAt = new Date(
        s.status === 'submitted'
          ? Date.now() - rnd.int(1, 3) * HOUR
          : open
            ? Date.now() - rnd.int(60, 90) * HOUR
            : anchor.getTime() - rnd.int(9, 25) * DAY,
      );
      let at = createdAt.getTime();
      const evs: {
        at: Date;
        action: EventAction;
        fromStatus: OrderStatus | null;
        toStatus: OrderStatus;
        note: string | null;
        actor: { id: number; name: string } | null;
        data?: unknown;
      }[] = [];
      let cur: OrderStatus | null = null;
      const push = (
        action: EventAction,
        to: OrderStatus,
        note: string | null = null,
        actor = staff,
        data: unknown = null,
      ) => {
        evs.push({ at: new Date(at), action, fromStatus: cur, toStatus: to, note, actor, data });
        cur = to;
      };
      push('create', 'submitted', null, own ? resident : staff, { kind: 'mediation', category: s.category });
      const reached = (st: OrderStatus) =>
        ['submitted', 'dispatched', 'accepted', 'inProgress', 'resolved', 'rated', 'closed'].indexOf(s.status) >=
        ['submitted', 'dispatched', 'accepted', 'inProgress', 'resolved', 'rated', 'closed'].indexOf(st);
      let dispatchedAt: Date | null = null;
      let acceptedAt: Date | null = null;
      let resolvedAt: Date | null = null;
      let ratedAt: Date | null = null;
      if (reached('dispatched')) {
        at += rnd.int(1, 4) * HOUR;
        dispatchedAt = new Date(at);
        push('dispatch', 'dispatched', `请${team.name}上门协调`, staff, { target: 'department' });
      }
      if (reached('accepted')) {
        at += rnd.int(1, 3) * HOUR;
        acceptedAt = new Date(at);
        push('accept', 'accepted');
      }
      const sessionRows = s.sessions.map((x, k) => ({
        ...x,
        heldAt: new Date(at + (k + 1) * (s === JIN_STORY ? 20 : 30) * HOUR),
      }));
      if (reached('inProgress') && sessionRows.length) {
        at = sessionRows[0]!.heldAt.getTime();
        push('start', 'inProgress', sessionRows[0]!.notes.slice(0, 200));
      }
      if (reached('resolved')) {
        at = sessionRows.at(-1)!.heldAt.getTime() + 2 * HOUR;
        resolvedAt = new Date(at);
        push('resolve', 'resolved', s.outcomeNote ?? null, staff, { mediationOutcome: s.outcome });
      }
      if (reached('rated')) {
        at += rnd.int(6, 30) * HOUR;
        ratedAt = new Date(at);
        push('rate', 'rated', '金大姐办事公道，谢谢社区', own ? resident : null, { rating: 'satisfied' });
      }
      const [order] = await db
        .insert(serviceOrders)
        .values({
          kind: 'mediation',
          status: s.status,
          category: s.category,
          title: s.title,
          description: s.description,
          communityId: c.id,
          territoryId: place.id,
          scopePath: place.path,
          reporterAccountId: own ? resident.id : null,
          handlerKind: dispatchedAt ? 'department' : null,
          handlerDepartment: dispatchedAt ? team.name : null,
          respondHours: 24,
          resolveHours: 7 * 24,
          respondBy: new Date(createdAt.getTime() + 24 * HOUR),
          resolveBy: new Date(createdAt.getTime() + 7 * DAY),
          dispatchedAt,
          acceptedAt,
          resolvedAt,
          remindAt: resolvedAt ? null : new Date(createdAt.getTime() + 5 * DAY),
          escalateAt: resolvedAt ? null : new Date(createdAt.getTime() + (acceptedAt ? 7 * DAY : 24 * HOUR)),
          rating: ratedAt ? 'satisfied' : null,
          ratingComment: ratedAt ? '金大姐办事公道，谢谢社区' : null,
          ratedAt,
          createdAt,
          updatedAt: new Date(at),
        })
        .returning();
      const orderId = order!.id;
      await applyRollup(db, null, order!); // the figures' rollup (docs/decisions/009-order-rollups.md)
      await db.insert(orderEvents).values(
        evs.map((e) => ({
          orderId,
          at: e.at,
          action: e.action,
          fromStatus: e.fromStatus,
          toStatus: e.toStatus,
          actorId: e.actor?.id ?? null,
          actorName: e.actor?.name ?? null,
          note: e.note,
          data: e.data ?? null,
        })),
      );
      await db.insert(mediationParties).values(
        s.parties.map(([name, role], k) => ({
          orderId,
          name: own && k === 0 ? resident.name : name,
          role,
          contactEnc: role === 'other' ? null : encryptPii('phone', phone()),
        })),
      );
      const showSessions = reached('inProgress') ? sessionRows : [];
      if (showSessions.length) {
        await db.insert(mediationSessions).values(
          showSessions.map((x) => ({
            orderId,
            heldAt: x.heldAt,
            place: x.place,
            attendees: [team.leader.name, ...s.parties.map(([n]) => n)],
            notes: x.notes,
            recordedBy: staff?.id ?? null,
          })),
        );
      }
      const signedOn = resolvedAt ? resolvedAt.toISOString().slice(0, 10) : null;
      await db.insert(mediationCases).values({
        orderId,
        teamId: dispatchedAt ? team.id : null,
        mediatorId: dispatchedAt ? team.leader.id : null,
        agreementText: s.agreement ?? null,
        agreementSignedOn: s.agreement ? signedOn : null,
        outcome: resolvedAt ? (s.outcome ?? null) : null,
        outcomeNote: resolvedAt ? (s.outcomeNote ?? null) : null,
        outcomeAt: resolvedAt,
        followUpDueOn: resolvedAt ? new Date(resolvedAt.getTime() + 7 * DAY).toISOString().slice(0, 10) : null,
        followUpOn:
          s.followUp && resolvedAt ? new Date(resolvedAt.getTime() + 7 * DAY).toISOString().slice(0, 10) : null,
        followUpNote: s.followUp ?? null,
      });
    }
  }
}
