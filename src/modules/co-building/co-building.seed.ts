import { and, asc, eq, inArray, like } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/client.js';
import { accounts, territories } from '../../kernel/db/schema.js';
import { units } from '../organizations/index.js';
import { DEMO_COMMUNITIES } from '../territory/index.js';
import { agreementScore } from './agreements.js';
import { seedAlliance } from './alliances.seed.js';
import type { NeedSource, NeedStatus, OffererKind, ResourceKind } from './constants.js';
import { chinaDay } from '../../kernel/clock.js';
import {
  coAgreements,
  coDeliverables,
  coMatches,
  coNeeds,
  coProjectRatings,
  coProjects,
  coResources,
  coTasks,
} from './schema.js';

const DAY = 86_400_000;
const HUAGONG = '620104007003'; // 化工街社区 (seed 002: 兰化22街区大坝通道)
const PAIFANG = '620104004001'; // 牌坊路社区 (seed 002: 桥下蜜园)

interface ResourceStory {
  title: string;
  kind: ResourceKind;
  categories: string[];
  offererKind: OffererKind;
  offererName: string;
  capacity: number;
  unitOfMeasure: string;
  availabilityNote?: string;
}
interface ProjectStory {
  title: string;
  description: string;
  need: { title: string; category: string; source: NeedSource; sourceNote?: string; description: string };
  resource: ResourceStory;
  amount: number;
  ownerName: string;
  budget: number;
  /** Days from today: start, due; done (null: not done). */
  start: number;
  due: number;
  done: number | null;
  tasks: { milestone: string; title: string; due: number; done: boolean; weight?: number }[];
  outcome?: string;
  stars?: number[];
}

/** 兰化22街区大坝通道 (seed 002): 社工委专题会议, 区政府办认领, 协调辖区企业出资, 不到一个月建成. */
const DABA: ProjectStory = {
  title: '兰化22街区大坝通道改造',
  description:
    '大坝通道是老年人去大坝买菜、公园、体育场和福利一校学生上学的便捷通道，因建设年代久远、地基下沉，存在安全隐患。',
  need: {
    title: '大坝通道地基下沉，老人孩子通行有安全隐患',
    category: 'safety',
    source: 'meeting',
    sourceNote: '社工委专题会议（区直包抓部门、物业、辖区企业、“两代表一委员”、居民代表）',
    description: '居民呼声强烈，通道台阶高、地基下沉。',
  },
  resource: {
    title: '辖区企业出资修建通道',
    kind: 'money',
    categories: ['safety', 'repair'],
    offererKind: 'unit',
    offererName: '社工委成员单位（区政府办协调辖区企业）',
    capacity: 200_000,
    unitOfMeasure: '元',
  },
  amount: 150_000,
  ownerName: '社区建设工作委员会',
  budget: 150_000,
  start: -60,
  due: -30,
  done: -33,
  tasks: [
    { milestone: '方案', title: '实地调研走访，确定建设方案、选定建设位置', due: -55, done: true },
    { milestone: '资金', title: '区政府办认领，协调辖区企业出资', due: -50, done: true },
    { milestone: '建设', title: '修建通道：踏步加宽、台阶降低', due: -33, done: true, weight: 3 },
  ],
  outcome: '不到一个月，居民期盼已久的大坝通道建成，踏步宽、台阶低，方便辖区老人和孩子安全通行。',
  stars: [5],
};

/** 牌坊路社区“桥下蜜园” (seed 002): 800 平方米“牛皮癣”变街角公园, 辖区企业认领, 投资 10 万余元. */
const MIYUAN: ProjectStory = {
  title: '桥下蜜园街角公园',
  description: '把桥下 800 平方米的城市“牛皮癣”改造成街角公园：廊架、休闲座椅、健身器材、地坪漆、花箱花卉。',
  need: {
    title: '桥下 800 平方米闲置地脏乱，需改造为居民休闲场所',
    category: 'greening',
    source: 'resident',
    description: '居民反映桥下空地杂乱，希望有遛弯休闲的地方。',
  },
  resource: {
    title: '辖区企业认领改造资金',
    kind: 'money',
    categories: ['greening', 'environment', 'culture'],
    offererKind: 'unit',
    offererName: '辖区企业',
    capacity: 120_000,
    unitOfMeasure: '元',
  },
  amount: 100_000,
  ownerName: '牌坊路社区党委',
  budget: 100_000,
  start: -120,
  due: -40,
  done: -45,
  tasks: [
    { milestone: '建设', title: '修建廊架、增设休闲座椅', due: -80, done: true, weight: 2 },
    { milestone: '建设', title: '安装健身器材、刷地坪漆', due: -60, done: true, weight: 2 },
    { milestone: '美化', title: '放置花箱、种植花卉', due: -45, done: true },
  ],
  outcome: '明亮舒适的廊架、干净整洁的地面，城市“牛皮癣”变成了时尚的街角公园。',
  stars: [5],
};

const RUNNING: ProjectStory[] = [
  {
    title: '老旧楼院楼道灯改造',
    description: '为无物业楼院更换声控楼道灯。',
    need: {
      title: '楼道灯不明，夜间上下楼不便',
      category: 'repair',
      source: 'recurringOrders',
      description: '近一个月同一小区多次反映楼道灯不亮。',
    },
    resource: {
      title: '在职党员电工志愿服务',
      kind: 'hours',
      categories: ['repair', 'safety'],
      offererKind: 'member',
      offererName: '双报到在职党员服务队',
      capacity: 80,
      unitOfMeasure: '小时',
      availabilityNote: '每周六 9:00–17:00',
    },
    amount: 24,
    ownerName: '社区居委会',
    budget: 6_000,
    start: -10,
    due: 20,
    done: null,
    tasks: [
      { milestone: '摸排', title: '入户摸排需更换的灯具', due: -5, done: true },
      { milestone: '施工', title: '更换声控灯', due: 15, done: false, weight: 3 },
    ],
  },
  {
    title: '小区车棚修缮',
    description: '车棚顶棚破损，雨天漏水。',
    need: {
      title: '车棚顶棚破损漏雨',
      category: 'repair',
      source: 'survey',
      sourceNote: '2026年居民需求问卷',
      description: '问卷中多户居民反映。',
    },
    resource: {
      title: '物业维修班',
      kind: 'skill',
      categories: ['repair', 'property'],
      offererKind: 'unit',
      offererName: '红色物业维修班',
      capacity: 20,
      unitOfMeasure: '工日',
    },
    amount: 6,
    ownerName: '小区党支部',
    budget: 8_000,
    start: -40,
    due: -5,
    done: null,
    tasks: [
      { milestone: '采购', title: '采购顶棚材料', due: -20, done: true },
      { milestone: '施工', title: '更换顶棚', due: -5, done: false, weight: 2 },
    ],
  },
];

const OPEN_NEEDS: { title: string; category: string; source: NeedSource; status: NeedStatus }[] = [
  { title: '独居老人买菜难，希望有人帮忙代购', category: 'elderly', source: 'resident', status: 'open' },
  { title: '暑期孩子无人看护，需要托管场地', category: 'children', source: 'survey', status: 'open' },
];
const SPARE: ResourceStory[] = [
  {
    title: '党群服务中心多功能活动室',
    kind: 'venue',
    categories: ['children', 'culture', 'elderly'],
    offererKind: 'partyOrg',
    offererName: '社区党委',
    capacity: 40,
    unitOfMeasure: '场',
    availabilityNote: '工作日 14:00–18:00',
  },
  {
    title: '助老志愿服务队',
    kind: 'hours',
    categories: ['elderly'],
    offererKind: 'resident',
    offererName: '热心居民志愿者',
    capacity: 120,
    unitOfMeasure: '小时',
  },
];

/** Demo co-building data for the six demo communities: the seeds' projects, projects on time and late, open needs. */
export async function seedCoBuilding(db: DbOrTx): Promise<void> {
  const now = new Date(Math.floor(Date.now() / DAY) * DAY + 2 * 3_600_000);
  const at = (d: number) => new Date(now.getTime() + d * DAY);
  const day = (d: number) => chinaDay(at(d));
  const communities = await db
    .select({ id: territories.id, code: territories.divisionCode, name: territories.name, path: territories.path })
    .from(territories)
    .where(inArray(territories.divisionCode, [...DEMO_COMMUNITIES]))
    .orderBy(asc(territories.divisionCode));
  const [resident] = await db
    .select({ id: accounts.id, path: territories.path })
    .from(accounts)
    .innerJoin(territories, eq(territories.id, accounts.territoryId))
    .where(eq(accounts.username, 'resident'));

  for (const c of communities) {
    const compounds = await db
      .select({ id: territories.id, path: territories.path, name: territories.name })
      .from(territories)
      .where(and(eq(territories.level, 'compound'), like(territories.path, `${c.path}%`)))
      .orderBy(asc(territories.sortOrder), asc(territories.id))
      .limit(2);
    const place = compounds[0] ?? c;
    const addResource = async (r: ResourceStory, used = 0, created = -150) =>
      (
        await db
          .insert(coResources)
          .values({
            ...r,
            territoryId: c.id,
            scopePath: c.path,
            usedCapacity: used,
            availabilityNote: r.availabilityNote ?? null,
            createdAt: at(created),
            updatedAt: at(created),
          })
          .returning()
      )[0]!;
    const stories = [...(c.code === HUAGONG ? [DABA] : c.code === PAIFANG ? [MIYUAN] : []), ...RUNNING];
    for (const s of stories) {
      const res = await addResource(s.resource, s.amount, s.start - 20);
      const [p] = await db
        .insert(coProjects)
        .values({
          communityId: c.id,
          territoryId: c.id,
          scopePath: c.path,
          title: s.title,
          description: s.description,
          ownerName: s.ownerName,
          budget: s.budget,
          startOn: day(s.start),
          dueOn: day(s.due),
          status: s.done === null ? 'inProgress' : 'done',
          outcome: s.outcome ?? null,
          doneAt: s.done === null ? null : at(s.done),
          doneOn: s.done === null ? null : day(s.done),
          createdAt: at(s.start),
          updatedAt: at(s.done ?? s.start),
        })
        .returning();
      const [need] = await db
        .insert(coNeeds)
        .values({
          communityId: c.id,
          territoryId: place.id,
          scopePath: place.path,
          title: s.need.title,
          description: s.need.description,
          category: s.need.category,
          source: s.need.source,
          sourceNote: s.need.sourceNote ?? null,
          status: s.done === null ? 'inProject' : 'met',
          projectId: p!.id,
          closedAt: s.done === null ? null : at(s.done),
          closedNote: s.outcome ?? null,
          createdAt: at(s.start - 15),
          updatedAt: at(s.done ?? s.start),
        })
        .returning();
      await db.insert(coMatches).values({
        needId: need!.id,
        resourceId: res.id,
        decision: 'accepted',
        amount: s.amount,
        reason: '类别对口、就近，单位主动认领',
        score: 0.93,
        factors: { category: 1, distance: 1, capacity: 1, availability: 1, fulfilment: 0.5 },
        projectId: p!.id,
        createdAt: at(s.start - 5),
        updatedAt: at(s.start - 5),
      });
      await db.insert(coTasks).values(
        s.tasks.map((x) => ({
          projectId: p!.id,
          milestone: x.milestone,
          title: x.title,
          dueOn: day(x.due),
          weight: x.weight ?? 1,
          doneAt: x.done ? at(Math.min(x.due, s.done ?? 0) - 1) : null,
          createdAt: at(s.start),
          updatedAt: at(s.start),
        })),
      );
      if (s.stars && resident && resident.path.startsWith(c.path))
        await db.insert(coProjectRatings).values({
          projectId: p!.id,
          accountId: resident.id,
          stars: s.stars[0]!,
          comment: '家门口的变化看得见',
        });
    }
    for (const r of SPARE) await addResource(r);
    await seedAgreements(db, c, day, at);
    await seedAlliance(db, c, day, at);
    for (const [k, n] of OPEN_NEEDS.entries())
      await db.insert(coNeeds).values({
        communityId: c.id,
        territoryId: (compounds[k] ?? c).id,
        scopePath: (compounds[k] ?? c).path,
        title: n.title,
        category: n.category,
        source: n.source,
        sourceNote: n.source === 'survey' ? '2026年居民需求问卷' : null,
        status: n.status,
        createdAt: at(-3 - k),
        updatedAt: at(-3 - k),
      });
  }
}

/**
 * 契约化共建 (seeds 001, 004): per community, last year's agreement with a unit of the area, evaluated, and this
 * year's, fulfilling, with deliverables in every state (on time, late, not done, overdue, pending).
 */
async function seedAgreements(
  db: DbOrTx,
  c: { id: number; path: string; name: string },
  day: (d: number) => string,
  at: (d: number) => Date,
): Promise<void> {
  const [unit] = await db
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(like(units.scopePath, `${c.path}%`))
    .orderBy(asc(units.id))
    .limit(1);
  if (!unit) return;
  const year = Number(day(0).slice(0, 4));
  const lastScore = agreementScore(['onTime', 'onTime'], []);
  const [last] = await db
    .insert(coAgreements)
    .values({
      communityId: c.id,
      scopePath: c.path,
      unitId: unit.id,
      title: `${year - 1}年度${c.name}与${unit.name}共建协议`,
      content: '组织共建、党员共管、资源共享、活动共办。',
      year: year - 1,
      status: 'evaluated',
      signedOn: day(-400),
      publishedAt: at(-395),
      evaluatedAt: at(-20),
      // Computed like the evaluate move: both deliverables on time, no resident rating.
      score: lastScore.score,
      scoreParts: lastScore.parts,
      createdAt: at(-410),
      updatedAt: at(-20),
    })
    .returning();
  await db.insert(coDeliverables).values([
    {
      agreementId: last!.id,
      title: '资助困难家庭 10 户',
      dueOn: day(-300),
      status: 'done',
      doneOn: day(-310),
      evidence: '资助名单、签收单',
    },
    {
      agreementId: last!.id,
      title: '单位党员到社区报到服务',
      dueOn: day(-60),
      status: 'done',
      doneOn: day(-70),
      evidence: '报到登记表',
    },
  ]);
  const [cur] = await db
    .insert(coAgreements)
    .values({
      communityId: c.id,
      scopePath: c.path,
      unitId: unit.id,
      title: `${year}年度${c.name}与${unit.name}共建协议`,
      content: '商约、签约、公示、履约、评约：单位承诺事项逐项公示，居民评价。',
      year,
      status: 'fulfilling',
      signedOn: day(-50),
      publishedAt: at(-45),
      createdAt: at(-60),
      updatedAt: at(-45),
    })
    .returning();
  await db.insert(coDeliverables).values([
    {
      agreementId: cur!.id,
      title: '开放单位停车场错时停车',
      dueOn: day(-30),
      status: 'done',
      doneOn: day(-32),
      evidence: '停车协议、照片',
    },
    {
      agreementId: cur!.id,
      title: '更换小区路灯 20 盏',
      dueOn: day(-20),
      status: 'done',
      doneOn: day(-12),
      evidence: '验收单',
    },
    {
      agreementId: cur!.id,
      title: '捐建社区图书角',
      dueOn: day(-15),
      status: 'notDone',
      evidence: '资金未落实，顺延至下年度',
    },
    { agreementId: cur!.id, title: '职工食堂为老年人助餐', dueOn: day(-3), status: 'pending' },
    { agreementId: cur!.id, title: '志愿服务 100 小时', dueOn: day(60), status: 'pending' },
  ]);
}
