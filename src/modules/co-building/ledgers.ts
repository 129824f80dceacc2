import { asc, eq, inArray } from 'drizzle-orm';
import { chinaDateTime, chinaDay } from '../../kernel/clock.js';
import type { Ctx } from '../../kernel/context.js';
import {
  defineLedger,
  labelCell,
  ledgerOptionalText,
  ledgerSheet,
  ledgerWorkbook,
  listCell,
  type LedgerColumn,
} from '../../kernel/ledger/ledger.js';
import type { Label } from '../../kernel/rbac/rbac.js';
import { units } from '../organizations/index.js';
import { listAgreements } from './agreements.service.js';
import { listAlliances } from './alliances.service.js';
import { listChallenges } from './challenges.service.js';
import { listNeeds, listProjects, listResources, matchesOf } from './co-building.service.js';
import type {
  AgreementLedgerQuery,
  AllianceLedgerQuery,
  ChallengeLedgerQuery,
  NeedLedgerQuery,
  ProjectLedgerQuery,
  ResourceLedgerQuery,
  SharedItemLedgerQuery,
  SharedLoanLedgerQuery,
} from './ledgers.contract.js';
import {
  coAllianceChairs,
  coAllianceMembers,
  coChallengeApplicants,
  coMatches,
  coNeeds,
  coProjects,
  coTasks,
} from './schema.js';
import { listSharedItems, listSharedLoans } from './shared-items.service.js';

/**
 * Excel ledgers 台账 of co-building (issue 12 point 11, decision 047): each list exported as the communities keep
 * it on paper — one workbook per list with its detail rows on a second sheet (needs and their matches, projects
 * and their tasks, agreements and their deliverables, alliances with part-time members and chairs, challenges and
 * their applicants), Chinese headers (English for en-US), days and times in China time. The rows come from the
 * list functions themselves with the list's filters and no page, so scope and filters cannot drift apart; phones
 * are masked as the lists mask them (whole only for `resident.reveal`). The kernel audits each download (`export.download`).
 */
export const LEDGER_MAX_ROWS = 10_000;

const L = (zh: string, en: string): Label => ({ 'zh-CN': zh, 'en-US': en });
const col = (zh: string, en: string, width = 14, toCell?: LedgerColumn['toCell']): LedgerColumn => ({
  header: L(zh, en),
  example: '',
  width,
  ...(toCell ? { toCell } : {}),
});
/** An export-only ledger: the kernel's column spec with a text cell per column (these ledgers are not imported). */
function exportLedger<K extends string>(name: string, title: Label, columns: Record<K, LedgerColumn>) {
  const shape = Object.fromEntries(Object.keys(columns).map((k) => [k, ledgerOptionalText(2000)])) as Record<
    K,
    ReturnType<typeof ledgerOptionalText>
  >;
  return defineLedger({ name, title, shape, columns });
}

/** A moment as `YYYY-MM-DD HH:mm` in China time (UTC+8), whatever the server's zone. */
const dateTime = (d: Date | null): string | null => (d ? chinaDateTime(d) : null);
const day = (d: Date | null) => (d ? chinaDay(d) : null);

// ---- the labels of the module's values (zh-CN as the console shows them)

export const YES_NO = { yes: L('是', 'yes'), no: L('否', 'no') };
const yesNo = (v: boolean) => (v ? 'yes' : 'no');
export const CATEGORY = {
  environment: L('环境卫生', 'Environment'),
  repair: L('设施维修', 'Repairs'),
  safety: L('安全隐患', 'Safety'),
  neighbourhood: L('邻里关系', 'Neighbours'),
  elderly: L('为老服务', 'Elderly care'),
  children: L('儿童青少年', 'Children'),
  parking: L('停车出行', 'Parking'),
  greening: L('绿化美化', 'Greening'),
  culture: L('文体活动', 'Culture & sport'),
  health: L('医疗健康', 'Health'),
  property: L('物业服务', 'Property'),
  policy: L('政策咨询', 'Policy'),
  other: L('其他', 'Other'),
};
export const NEED_SOURCE = {
  resident: L('居民提出', 'Resident'),
  recurringOrders: L('高频工单', 'Recurring orders'),
  meeting: L('会议议定', 'Meeting'),
  survey: L('问卷调查', 'Survey'),
};
const NEED_STATUS = {
  open: L('待对接', 'Open'),
  matched: L('已对接', 'Matched'),
  inProject: L('项目实施中', 'In a project'),
  met: L('已满足', 'Met'),
  notMet: L('未满足', 'Not met'),
};
const DECISION = { accepted: L('已采纳', 'Accepted'), rejected: L('不采纳', 'Rejected') };
export const RESOURCE_KIND = {
  venue: L('场地', 'Venue'),
  equipment: L('设备', 'Equipment'),
  skill: L('技能', 'Skill'),
  money: L('资金', 'Money'),
  hours: L('志愿时长', 'Volunteer hours'),
};
export const OFFERER = {
  unit: L('驻区单位', 'Unit'),
  partyOrg: L('党组织', 'Party org'),
  member: L('党员', 'Party member'),
  resident: L('居民', 'Resident'),
};
export const ACTIVE = { yes: L('在用', 'Active'), no: L('停用', 'Inactive') };
const PROJECT_STATUS = {
  inProgress: L('实施中', 'In progress'),
  done: L('已完成', 'Done'),
  cancelled: L('已取消', 'Cancelled'),
};
const BOARD = { due: L('按期推进', 'On schedule'), late: L('已逾期', 'Late'), done: L('已完成', 'Done') };
const AGREEMENT_STATUS = {
  negotiating: L('商约', 'Negotiating'),
  signed: L('签约', 'Signed'),
  published: L('公示', 'Published'),
  fulfilling: L('履约', 'Fulfilling'),
  evaluated: L('评约', 'Evaluated'),
};
const DELIVERABLE_STATE = {
  pending: L('未到期', 'Pending'),
  overdue: L('已逾期', 'Overdue'),
  onTime: L('按期完成', 'Done on time'),
  late: L('逾期完成', 'Done late'),
  notDone: L('未完成', 'Not done'),
};
const CURRENT = { yes: L('在任', 'Serving'), no: L('已结束', 'Ended') };
const CHALLENGE_STATUS = {
  open: L('张榜中', 'Open'),
  taken: L('已揭榜', 'Taken'),
  inProgress: L('攻坚中', 'In progress'),
  solved: L('已攻克', 'Solved'),
  failed: L('未攻克', 'Failed'),
  withdrawn: L('已撤榜', 'Withdrawn'),
};
const APPLICANT_KIND = { cadre: L('干部', 'Cadre'), member: L('党员', 'Party member'), unit: L('单位', 'Unit') };
const APPLICANT_DECISION = {
  pending: L('待遴选', 'Pending'),
  picked: L('已选中', 'Picked'),
  notPicked: L('未选中', 'Not picked'),
};
const ITEM_CATEGORY = {
  health: L('医疗保健', 'Health'),
  mobility: L('助行', 'Mobility'),
  tools: L('工具', 'Tools'),
  household: L('生活用品', 'Household'),
  office: L('办公', 'Office'),
  other: L('其他', 'Other'),
};
const ITEM_STATUS = {
  available: L('可借用', 'Available'),
  lent: L('借出中', 'Lent'),
  lost: L('遗失', 'Lost'),
  damaged: L('损坏', 'Damaged'),
  retired: L('已报废', 'Retired'),
};
const CONDITION = { good: L('完好', 'Good'), fair: L('一般', 'Fair'), damaged: L('损坏', 'Damaged') };
const LOAN_STATE = {
  out: L('借出中', 'Out'),
  returnRequested: L('待验收', 'Return requested'),
  overdue: L('已逾期', 'Overdue'),
  returned: L('已归还', 'Returned'),
  lost: L('遗失', 'Lost'),
};
const CHANNEL = { mobile: L('手机借用', 'Mobile'), counter: L('柜台借出', 'Counter') };

// ---- the ledgers

export const NeedsLedger = exportLedger('co-needs', L('需求清单', 'Needs'), {
  id: col('编号', 'No.', 8),
  community: col('社区', 'Community', 16),
  place: col('地点', 'Place', 16),
  title: col('需求名称', 'Need', 30),
  category: col('类别', 'Category', 12, labelCell(CATEGORY)),
  source: col('来源', 'Source', 12, labelCell(NEED_SOURCE)),
  sourceNote: col('来源说明', 'Source note', 20),
  status: col('状态', 'Status', 12, labelCell(NEED_STATUS)),
  resources: col('对接资源', 'Resources', 30),
  project: col('所属项目', 'Project', 24),
  public: col('是否公开', 'Public', 10, labelCell(YES_NO)),
  createdAt: col('提出时间', 'Raised', 18),
  closedNote: col('未满足原因', 'Why not met', 24),
});
export const MatchesLedger = exportLedger('co-matches', L('资源对接记录', 'Matches'), {
  needId: col('需求编号', 'Need no.', 10),
  need: col('需求名称', 'Need', 30),
  resource: col('资源', 'Resource', 26),
  decision: col('对接结果', 'Decision', 10, labelCell(DECISION)),
  amount: col('使用数量', 'Amount', 10),
  unitOfMeasure: col('计量单位', 'Unit', 10),
  score: col('匹配度', 'Score', 10),
  reason: col('理由', 'Reason', 30),
  project: col('项目', 'Project', 24),
  createdAt: col('对接时间', 'Decided', 18),
});
export const ResourcesLedger = exportLedger('co-resources', L('资源清单', 'Resources'), {
  id: col('编号', 'No.', 8),
  title: col('资源名称', 'Resource', 28),
  kind: col('资源类型', 'Kind', 10, labelCell(RESOURCE_KIND)),
  categories: col('适用类别', 'Categories', 22, listCell(CATEGORY)),
  offererKind: col('提供方类型', 'Offerer kind', 12, labelCell(OFFERER)),
  offererName: col('提供方', 'Offerer', 22),
  unit: col('驻区单位', 'Unit', 22),
  area: col('服务区域', 'Area served', 16),
  capacity: col('总量', 'Capacity', 10),
  usedCapacity: col('已使用', 'Used', 10),
  remaining: col('剩余', 'Remaining', 10),
  unitOfMeasure: col('计量单位', 'Unit of measure', 10),
  availableFrom: col('可用开始日期', 'Available from', 14),
  availableTo: col('可用结束日期', 'Available to', 14),
  availabilityNote: col('可用时间说明', 'Availability', 20),
  active: col('状态', 'State', 8, labelCell(ACTIVE)),
  createdAt: col('登记时间', 'Registered', 18),
});
export const ProjectsLedger = exportLedger('co-projects', L('项目清单', 'Projects'), {
  id: col('编号', 'No.', 8),
  community: col('社区', 'Community', 16),
  place: col('地点', 'Place', 16),
  title: col('项目名称', 'Project', 30),
  needs: col('所含需求', 'Needs met', 30),
  ownerName: col('负责人', 'Owner', 12),
  budget: col('预算（元）', 'Budget (yuan)', 12),
  startOn: col('开始日期', 'Start', 12),
  dueOn: col('完成期限', 'Due', 12),
  status: col('状态', 'Status', 10, labelCell(PROJECT_STATUS)),
  state: col('挂图作战', 'Board', 10, labelCell(BOARD)),
  percentDone: col('完成度（%）', 'Done (%)', 10),
  taskCount: col('任务数', 'Tasks', 8),
  needCount: col('需求数', 'Needs', 8),
  doneOn: col('完成日期', 'Done on', 12),
  onTime: col('是否按期', 'On time', 10, labelCell(YES_NO)),
  ratingCount: col('居民评价人数', 'Ratings', 12),
  ratingMean: col('平均星级', 'Mean stars', 10),
  outcome: col('成效', 'Outcome', 36),
});
export const TasksLedger = exportLedger('co-tasks', L('项目任务', 'Tasks'), {
  projectId: col('项目编号', 'Project no.', 10),
  project: col('项目名称', 'Project', 28),
  milestone: col('里程碑', 'Milestone', 16),
  title: col('任务', 'Task', 30),
  dueOn: col('完成期限', 'Due', 12),
  weight: col('权重', 'Weight', 8),
  state: col('进度状态', 'State', 10, labelCell(BOARD)),
  doneAt: col('完成时间', 'Done', 18),
  orderId: col('工单编号', 'Order no.', 10),
});
export const AgreementsLedger = exportLedger('co-agreements', L('共建协议', 'Agreements'), {
  id: col('编号', 'No.', 8),
  year: col('年度', 'Year', 8),
  community: col('社区', 'Community', 16),
  unit: col('共建单位', 'Unit', 24),
  alliance: col('党建联盟', 'Alliance', 22),
  title: col('协议名称', 'Agreement', 30),
  status: col('阶段', 'Stage', 8, labelCell(AGREEMENT_STATUS)),
  signedOn: col('签约日期', 'Signed', 12),
  publishedAt: col('公示时间', 'Published', 18),
  evaluatedAt: col('评约时间', 'Evaluated', 18),
  deliverables: col('承诺事项数', 'Deliverables', 10),
  onTime: col('按期完成', 'On time', 10),
  late: col('逾期完成', 'Late', 10),
  notDone: col('未完成', 'Not done', 10),
  open: col('未到期或逾期未报', 'Open', 14),
  ratingCount: col('居民评价人数', 'Ratings', 12),
  ratingMean: col('平均星级', 'Mean stars', 10),
  score: col('评约得分', 'Score', 10),
});
export const DeliverablesLedger = exportLedger('co-deliverables', L('履约情况', 'Deliverables'), {
  agreementId: col('协议编号', 'Agreement no.', 10),
  agreement: col('协议名称', 'Agreement', 28),
  unit: col('共建单位', 'Unit', 22),
  title: col('承诺事项', 'Deliverable', 30),
  dueOn: col('完成期限', 'Due', 12),
  state: col('履约情况', 'State', 12, labelCell(DELIVERABLE_STATE)),
  doneOn: col('完成日期', 'Done on', 12),
  evidence: col('佐证材料', 'Evidence', 36),
});
export const AlliancesLedger = exportLedger('co-alliances', L('党建联盟', 'Alliances'), {
  id: col('编号', 'No.', 8),
  name: col('联盟名称', 'Alliance', 28),
  territory: col('所在社区或街道', 'Place', 18),
  foundedOn: col('成立日期', 'Founded', 12),
  unitCount: col('成员单位数', 'Member units', 12),
  memberCount: col('在任兼职委员数', 'Part-time members', 14),
  chair: col('轮值主席单位', 'Chair', 22),
  agreementCount: col('共建协议数', 'Agreements', 12),
  on: col('统计日', 'Counted on', 12),
});
export const AllianceMembersLedger = exportLedger('co-alliance-members', L('兼职委员', 'Part-time members'), {
  alliance: col('党建联盟', 'Alliance', 26),
  name: col('姓名', 'Name', 10),
  unit: col('所在单位', 'Unit', 24),
  unitPost: col('单位职务', 'Post in unit', 14),
  committeePost: col('联盟职务', 'Post', 12),
  termFrom: col('任期开始', 'From', 12),
  termTo: col('任期结束', 'To', 12),
  current: col('是否在任', 'Serving', 10, labelCell(CURRENT)),
});
export const AllianceChairsLedger = exportLedger('co-alliance-chairs', L('轮值主席', 'Chairs'), {
  alliance: col('党建联盟', 'Alliance', 26),
  unit: col('轮值主席单位', 'Chair unit', 24),
  termFrom: col('任期开始', 'From', 12),
  termTo: col('任期结束', 'To', 12),
  current: col('是否在任', 'Serving', 10, labelCell(CURRENT)),
});
export const ChallengesLedger = exportLedger('co-challenges', L('揭榜挂帅', 'Challenges'), {
  id: col('编号', 'No.', 8),
  territory: col('发榜单位', 'Posted by', 16),
  title: col('榜单名称', 'Challenge', 30),
  category: col('类别', 'Category', 12, labelCell(CATEGORY)),
  reward: col('奖励或表彰', 'Reward', 20),
  postedOn: col('发榜日期', 'Posted', 12),
  deadline: col('揭榜期限', 'Deadline', 12),
  status: col('状态', 'Status', 10, labelCell(CHALLENGE_STATUS)),
  overdue: col('是否逾期', 'Overdue', 10, labelCell(YES_NO)),
  applicantCount: col('揭榜人数', 'Applicants', 10),
  takers: col('揭榜人', 'Takers', 24),
  takenOn: col('揭榜日期', 'Taken', 12),
  closedOn: col('结榜日期', 'Closed', 12),
  posterStars: col('发榜方评定', 'Poster stars', 12),
  ratingCount: col('居民评价人数', 'Ratings', 12),
  ratingAverage: col('平均星级', 'Mean stars', 10),
  outcome: col('攻坚成效', 'Outcome', 36),
  public: col('是否公开', 'Public', 10, labelCell(YES_NO)),
});
export const ApplicantsLedger = exportLedger('co-challenge-applicants', L('揭榜情况', 'Applicants'), {
  challengeId: col('榜单编号', 'Challenge no.', 10),
  challenge: col('榜单名称', 'Challenge', 28),
  kind: col('揭榜身份', 'As', 10, labelCell(APPLICANT_KIND)),
  name: col('揭榜人', 'Name', 16),
  unit: col('共建单位', 'Unit', 22),
  appliedOn: col('揭榜日期', 'Applied', 12),
  plan: col('攻坚方案', 'Plan', 36),
  decision: col('遴选结果', 'Decision', 10, labelCell(APPLICANT_DECISION)),
  reason: col('未选中理由', 'Reason', 24),
});
export const SharedItemsLedger = exportLedger('co-shared-items', L('共享物品', 'Shared items'), {
  id: col('编号', 'No.', 8),
  community: col('社区', 'Community', 16),
  place: col('所在服务中心', 'Place', 18),
  name: col('物品名称', 'Item', 20),
  category: col('类别', 'Category', 10, labelCell(ITEM_CATEGORY)),
  condition: col('物品状况', 'Condition', 10, labelCell(CONDITION)),
  status: col('状态', 'Status', 10, labelCell(ITEM_STATUS)),
  location: col('存放位置', 'Location', 18),
  maxDays: col('最长借用天数', 'Max days', 12),
  borrower: col('当前借用人', 'Borrower', 12),
  dueOn: col('应还日期', 'Due', 12),
  overdue: col('是否逾期', 'Overdue', 10, labelCell(YES_NO)),
  loanCount: col('借用次数', 'Loans', 10),
  createdAt: col('登记时间', 'Registered', 18),
});
export const SharedLoansLedger = exportLedger('co-shared-loans', L('借用登记', 'Loans'), {
  id: col('编号', 'No.', 8),
  item: col('物品名称', 'Item', 20),
  place: col('所在服务中心', 'Place', 18),
  borrower: col('借用人', 'Borrower', 12),
  phone: col('联系电话', 'Phone', 14),
  channel: col('方式', 'Channel', 10, labelCell(CHANNEL)),
  state: col('借用状态', 'State', 10, labelCell(LOAN_STATE)),
  lentAt: col('借出时间', 'Lent', 18),
  dueOn: col('应还日期', 'Due', 12),
  conditionOut: col('借出时状况', 'Condition out', 12, labelCell(CONDITION)),
  conditionIn: col('归还时状况', 'Condition in', 12, labelCell(CONDITION)),
  returnedAt: col('归还时间', 'Returned', 18),
  note: col('备注', 'Note', 24),
});

// ---- the workbooks: the list's own function with its filters and no page

const all = { page: 1, pageSize: LEDGER_MAX_ROWS } as const;
const ids = (xs: readonly { id: number }[]) => xs.map((x) => x.id);

/** 需求清单 with the resources decided for each need (sheet 资源对接记录). */
export async function needsWorkbook(ctx: Ctx, q: NeedLedgerQuery): Promise<Buffer> {
  const needs = (await listNeeds(ctx, { ...q, ...all })).items;
  const matches = needs.length ? await matchesOf(ctx.db, inArray(coMatches.needId, ids(needs))) : [];
  const title = new Map(needs.map((n) => [n.id, n.title]));
  const used = new Map<number, string[]>();
  for (const m of matches)
    if (m.decision === 'accepted')
      used.set(m.needId, [...(used.get(m.needId) ?? []), `${m.resource.name} ${m.amount}${m.unitOfMeasure}`]);
  return ledgerWorkbook(
    [
      ledgerSheet(
        NeedsLedger,
        needs.map((n) => ({
          ...n,
          community: n.community.name,
          place: n.place.name,
          sourceNote:
            n.source === 'recurringOrders' && n.sourceOrderIds.length
              ? n.sourceOrderIds.map((id) => `#${id}`).join('、')
              : n.sourceNote,
          resources: (used.get(n.id) ?? []).join('、'),
          project: n.project?.name ?? null,
          public: yesNo(n.public),
          createdAt: dateTime(n.createdAt),
        })),
      ),
      ledgerSheet(
        MatchesLedger,
        matches.map((m) => ({
          ...m,
          need: title.get(m.needId) ?? '',
          resource: m.resource.name,
          score: Math.round(m.score * 100) / 100,
          project: m.project?.name ?? null,
          createdAt: dateTime(m.createdAt),
        })),
      ),
    ],
    ctx.locale,
  );
}

/** 资源清单: capacity, used and remaining as the records hold them. */
export async function resourcesWorkbook(ctx: Ctx, q: ResourceLedgerQuery): Promise<Buffer> {
  const rows = (await listResources(ctx, { ...q, ...all })).items;
  return ledgerWorkbook(
    [
      ledgerSheet(
        ResourcesLedger,
        rows.map((r) => ({
          ...r,
          unit: r.unit?.name ?? null,
          area: r.area.name,
          active: yesNo(r.active),
          createdAt: dateTime(r.createdAt),
        })),
      ),
    ],
    ctx.locale,
  );
}

/** 项目清单 (the 挂图作战 board as rows) with each project's tasks (sheet 项目任务). */
export async function projectsWorkbook(ctx: Ctx, q: ProjectLedgerQuery): Promise<Buffer> {
  const projects = (await listProjects(ctx, { ...q, ...all })).items;
  const pids = ids(projects);
  const [tasks, outcomes, needRows] = pids.length
    ? await Promise.all([
        ctx.db
          .select()
          .from(coTasks)
          .where(inArray(coTasks.projectId, pids))
          .orderBy(asc(coTasks.projectId), asc(coTasks.dueOn), asc(coTasks.id)),
        ctx.db
          .select({ id: coProjects.id, outcome: coProjects.outcome, doneOn: coProjects.doneOn })
          .from(coProjects)
          .where(inArray(coProjects.id, pids)),
        ctx.db
          .select({ projectId: coNeeds.projectId, title: coNeeds.title })
          .from(coNeeds)
          .where(inArray(coNeeds.projectId, pids))
          .orderBy(asc(coNeeds.id)),
      ])
    : [[], [], []];
  const needTitles = new Map<number, string[]>();
  for (const n of needRows)
    if (n.projectId) needTitles.set(n.projectId, [...(needTitles.get(n.projectId) ?? []), n.title]);
  const today = chinaDay(ctx.clock.now());
  const title = new Map(projects.map((p) => [p.id, p.title]));
  const extras = new Map(outcomes.map((o) => [o.id, o]));
  return ledgerWorkbook(
    [
      ledgerSheet(
        ProjectsLedger,
        projects.map((p) => {
          const extra = extras.get(p.id);
          const doneOn = extra?.doneOn ?? day(p.doneAt);
          return {
            ...p,
            community: p.community.name,
            place: p.place.name,
            needs: (needTitles.get(p.id) ?? []).join('、'),
            doneOn,
            onTime: p.status === 'done' && doneOn ? yesNo(doneOn <= p.dueOn) : null,
            outcome: extra?.outcome ?? null,
          };
        }),
      ),
      ledgerSheet(
        TasksLedger,
        tasks.map((x) => ({
          ...x,
          project: title.get(x.projectId) ?? '',
          state: x.doneAt ? 'done' : x.dueOn < today ? 'late' : 'due',
          doneAt: dateTime(x.doneAt),
        })),
      ),
    ],
    ctx.locale,
  );
}

/** 共建协议 (契约化共建) with each promised deliverable and how it was kept (sheet 履约情况). */
export async function agreementsWorkbook(ctx: Ctx, q: AgreementLedgerQuery): Promise<Buffer> {
  const rows = (await listAgreements(ctx, { ...q, ...all })).items;
  const count = (a: (typeof rows)[number], ...states: string[]) =>
    a.deliverables.filter((d) => states.includes(d.state)).length;
  return ledgerWorkbook(
    [
      ledgerSheet(
        AgreementsLedger,
        rows.map((a) => ({
          ...a,
          community: a.community.name,
          unit: a.unit.name,
          alliance: a.alliance?.name ?? null,
          publishedAt: dateTime(a.publishedAt),
          evaluatedAt: dateTime(a.evaluatedAt),
          deliverables: a.deliverables.length,
          onTime: count(a, 'onTime'),
          late: count(a, 'late'),
          notDone: count(a, 'notDone'),
          open: count(a, 'pending', 'overdue'),
        })),
      ),
      ledgerSheet(
        DeliverablesLedger,
        rows.flatMap((a) =>
          a.deliverables.map((d) => ({ ...d, agreementId: a.id, agreement: a.title, unit: a.unit.name })),
        ),
      ),
    ],
    ctx.locale,
  );
}

/** 党建联盟 with every part-time member 兼职委员 and chair term 轮值主席, past and current. */
export async function alliancesWorkbook(ctx: Ctx, q: AllianceLedgerQuery): Promise<Buffer> {
  const rows = (await listAlliances(ctx, { ...q, ...all })).items;
  const aids = ids(rows);
  const [members, chairs] = aids.length
    ? await Promise.all([
        ctx.db
          .select({ m: coAllianceMembers, unit: units.name })
          .from(coAllianceMembers)
          .innerJoin(units, eq(units.id, coAllianceMembers.unitId))
          .where(inArray(coAllianceMembers.allianceId, aids))
          .orderBy(asc(coAllianceMembers.allianceId), asc(coAllianceMembers.termFrom), asc(coAllianceMembers.id)),
        ctx.db
          .select({ c: coAllianceChairs, unit: units.name })
          .from(coAllianceChairs)
          .innerJoin(units, eq(units.id, coAllianceChairs.unitId))
          .where(inArray(coAllianceChairs.allianceId, aids))
          .orderBy(asc(coAllianceChairs.allianceId), asc(coAllianceChairs.termFrom)),
      ])
    : [[], []];
  const on = q.on ?? chinaDay(ctx.clock.now());
  const name = new Map(rows.map((a) => [a.id, a.name]));
  return ledgerWorkbook(
    [
      ledgerSheet(
        AlliancesLedger,
        rows.map((a) => ({ ...a, territory: a.territory.name, chair: a.chair?.name ?? null })),
      ),
      ledgerSheet(
        AllianceMembersLedger,
        members.map(({ m, unit }) => ({
          ...m,
          alliance: name.get(m.allianceId) ?? '',
          unit,
          current: yesNo(m.termFrom <= on && (m.termTo === null || m.termTo >= on)),
        })),
      ),
      ledgerSheet(
        AllianceChairsLedger,
        chairs.map(({ c, unit }) => ({
          ...c,
          alliance: name.get(c.allianceId) ?? '',
          unit,
          current: yesNo(c.termFrom <= on && c.termTo >= on),
        })),
      ),
    ],
    ctx.locale,
  );
}

/** 揭榜挂帅 with every applicant and the community's choice (sheet 揭榜情况). */
export async function challengesWorkbook(ctx: Ctx, q: ChallengeLedgerQuery): Promise<Buffer> {
  const rows = (await listChallenges(ctx, { ...q, ...all })).items;
  const applicants = rows.length
    ? await ctx.db
        .select({ a: coChallengeApplicants, unit: units.name })
        .from(coChallengeApplicants)
        .leftJoin(units, eq(units.id, coChallengeApplicants.unitId))
        .where(inArray(coChallengeApplicants.challengeId, ids(rows)))
        .orderBy(asc(coChallengeApplicants.challengeId), asc(coChallengeApplicants.id))
    : [];
  const title = new Map(rows.map((c) => [c.id, c.title]));
  return ledgerWorkbook(
    [
      ledgerSheet(
        ChallengesLedger,
        rows.map((c) => ({
          ...c,
          territory: c.territory.name,
          overdue: yesNo(c.overdue),
          takers: c.takers.join('、'),
          public: yesNo(c.public),
        })),
      ),
      ledgerSheet(
        ApplicantsLedger,
        applicants.map(({ a, unit }) => ({ ...a, challenge: title.get(a.challengeId) ?? '', unit })),
      ),
    ],
    ctx.locale,
  );
}

/** 便民共享服务柜: the items with who has each now. */
export async function sharedItemsWorkbook(ctx: Ctx, q: SharedItemLedgerQuery): Promise<Buffer> {
  const rows = (await listSharedItems(ctx, { ...q, ...all })).items;
  return ledgerWorkbook(
    [
      ledgerSheet(
        SharedItemsLedger,
        rows.map((i) => ({
          ...i,
          community: i.community.name,
          place: i.place.name,
          borrower: i.loan?.borrowerName ?? null,
          dueOn: i.loan?.dueOn ?? null,
          overdue: i.loan ? yesNo(i.loan.overdue) : null,
          createdAt: dateTime(i.createdAt),
        })),
      ),
    ],
    ctx.locale,
  );
}

/** 借用登记: every loan of the filter; the borrower's phone as the list shows it (masked without resident.reveal). */
export async function sharedLoansWorkbook(ctx: Ctx, q: SharedLoanLedgerQuery): Promise<Buffer> {
  const rows = (await listSharedLoans(ctx, { ...q, ...all })).items;
  return ledgerWorkbook(
    [
      ledgerSheet(
        SharedLoansLedger,
        rows.map((l) => ({
          ...l,
          item: l.item.name,
          place: l.place.name,
          borrower: l.borrower.name,
          phone: l.borrower.phone,
          state: l.overdue ? 'overdue' : l.status,
          lentAt: dateTime(l.lentAt),
          returnedAt: dateTime(l.returnedAt),
        })),
      ),
    ],
    ctx.locale,
  );
}
