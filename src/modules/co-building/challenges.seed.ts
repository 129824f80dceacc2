import { asc, eq, inArray, like } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db/client.js';
import { accounts, territories } from '../../kernel/db/schema.js';
import { units } from '../organizations/index.js';
import type { ApplicantDecision, ApplicantKind, ChallengeStatus } from './challenges.constants.js';
import type { CoCategory } from './constants.js';
import { chinaDay } from '../../kernel/clock.js';
import { coChallengeApplicants, coChallengeRatings, coChallengeReports, coChallenges } from './schema.js';

/**
 * Demo 揭榜挂帅 challenges (seeds 003 and 004: 区委书记领题挂帅 the 老旧“三无”楼院治理; 党员“揭榜挂帅”机制 for
 * 无物业小区治理难题; 在职党员“双报到、双服务”下沉社区). One challenge in every state at the demo communities, with
 * applicants (picked and not picked, with the reason), progress reports, outcomes and residents' ratings. At
 * 文亭巷社区 (the demo resident 陈秀兰) one solved challenge is rated by her and one is left for her to rate.
 */
const DAY = 86_400_000;
const WENTING = '630104006001'; // 文亭巷社区 (seed 000; the demo resident)
const HUAGONG = '620104007003'; // 化工街社区
const ZHONGJIE = '620104006005'; // 临洮街中街社区
const HESHUI = '620104005001'; // 合水南路社区
const PAIFANG = '620104004001'; // 牌坊路社区

interface ApplicantStory {
  kind: ApplicantKind;
  name: string;
  plan: string;
  applied: number;
  decision: ApplicantDecision;
  reason?: string;
  /** Use the first unit registered in the community (kind unit). */
  unit?: boolean;
}
interface ChallengeStory {
  code: string;
  title: string;
  description: string;
  category: CoCategory;
  reward: string;
  status: ChallengeStatus;
  public?: boolean;
  /** Days from today. */
  posted: number;
  deadline: number;
  taken?: number;
  closed?: number;
  outcome?: string;
  posterStars?: number;
  applicants: ApplicantStory[];
  reports?: { on: number; text: string }[];
  /** The demo resident's rating. */
  residentStars?: number;
}

const STORIES: ChallengeStory[] = [
  {
    code: WENTING,
    title: '老旧小区加装电梯协调',
    description:
      '文亭巷3号院为1990年代老旧楼院，6层无电梯，高龄住户多；一楼住户担心采光和噪音，意见不一，需要协调全体业主达成加装共识并落实资金分摊方案。',
    category: 'property',
    reward: '年度“攻坚先锋”表彰，社区党建经费支持2万元',
    status: 'solved',
    posted: -120,
    deadline: -30,
    taken: -110,
    closed: -35,
    outcome: '3个单元业主全部签字同意，分摊方案按楼层系数确定，一楼住户获采光补偿；两部电梯已开工，预计年内投用。',
    posterStars: 5,
    applicants: [
      {
        kind: 'cadre',
        name: '王建军',
        plan: '以区住建局下沉干部身份牵头，逐户走访，组织业主议事会三轮协商，请设计单位现场答疑。',
        applied: -115,
        decision: 'picked',
      },
      {
        kind: 'member',
        name: '赵敏',
        plan: '发动楼院在职党员逐户做工作，整理高龄住户需求清单。',
        applied: -114,
        decision: 'notPicked',
        reason: '方案与王建军方案重合，已请其作为楼院联络员配合攻坚',
      },
    ],
    reports: [
      { on: -95, text: '完成全部72户走访，58户同意，14户有顾虑（主要为一楼、二楼）。' },
      { on: -70, text: '召开第二轮业主议事会，设计单位现场讲解采光影响，确定一楼补偿办法。' },
      { on: -45, text: '72户全部签字，资金分摊方案公示7天无异议。' },
    ],
    residentStars: 5,
  },
  {
    code: WENTING,
    title: '背街小巷停车难',
    description:
      '文亭巷背街小巷晚间乱停车堵塞消防通道，居民反映强烈；需要挖掘周边单位错时共享车位，规划停车位并建立长效管理办法。',
    category: 'parking',
    reward: '街道通报表扬，纳入双报到双服务积分',
    status: 'inProgress',
    posted: -60,
    deadline: 40,
    taken: -48,
    applicants: [
      {
        kind: 'unit',
        name: '共建单位',
        plan: '开放单位大院42个车位，工作日19:00至次日7:30供居民错时停车，安排门卫登记。',
        applied: -55,
        decision: 'picked',
        unit: true,
      },
      {
        kind: 'member',
        name: '马文军',
        plan: '组织在职党员组成劝导队，晚间巡查消防通道。',
        applied: -54,
        decision: 'picked',
      },
      {
        kind: 'cadre',
        name: '李红',
        plan: '申请在巷口施划临时停车位。',
        applied: -52,
        decision: 'notPicked',
        reason: '巷口宽度不足6米，施划车位会占用消防通道，经交警现场核实不可行',
      },
    ],
    reports: [
      { on: -40, text: '单位大院错时停车协议签订，首批登记居民车辆31辆。' },
      { on: -15, text: '党员劝导队晚间巡查12次，消防通道占用由每晚约20辆降至3辆。' },
    ],
  },
  {
    code: WENTING,
    title: '无物业楼院垃圾清运',
    description:
      '文亭巷7号、9号院无物业管理，垃圾清运不及时、乱倒垃圾现象多；征集党员、单位揭榜，建立垃圾分类和清运长效机制。',
    category: 'environment',
    reward: '年度表彰，优秀方案推荐至街道推广',
    status: 'open',
    posted: -6,
    deadline: 54,
    applicants: [
      {
        kind: 'member',
        name: '赵敏',
        plan: '组建党员志愿服务队，每周两次集中清运，劝导乱倒垃圾。',
        applied: -4,
        decision: 'pending',
      },
      {
        kind: 'unit',
        name: '共建单位',
        plan: '提供一辆清运车和两名保洁员，每日定时清运。',
        applied: -2,
        decision: 'pending',
        unit: true,
      },
    ],
  },
  {
    code: WENTING,
    title: '楼道堆物清理',
    description: '文亭巷11号院楼道长期堆放杂物，存在消防隐患。',
    category: 'safety',
    reward: '社区通报表扬',
    status: 'solved',
    posted: -50,
    deadline: -10,
    taken: -45,
    closed: -12,
    outcome: '清理楼道杂物3.2吨，设立楼栋长每周巡查，住户签订不堆物承诺书。',
    posterStars: 4,
    applicants: [
      {
        kind: 'member',
        name: '马文军',
        plan: '楼栋党员带头清理，逐户签订承诺书。',
        applied: -47,
        decision: 'picked',
      },
    ],
    reports: [{ on: -30, text: '完成1至4单元清理，签订承诺书46份。' }],
  },
  {
    code: HUAGONG,
    title: '老旧“三无”楼院治理',
    description:
      '辖区老旧“三无”楼院（无物业、无主管部门、无人防物防）环境脏乱、设施老化，由街道书记领题挂帅，部门协同、党员群众共同参与攻坚。',
    category: 'property',
    reward: '区委组织部“揭榜挂帅”优秀项目',
    status: 'taken',
    posted: -25,
    deadline: 95,
    taken: -5,
    applicants: [
      {
        kind: 'cadre',
        name: '张立新',
        plan: '街道党工委书记领题，联合住建、城管成立攻坚专班，引入红色物业托管。',
        applied: -20,
        decision: 'picked',
      },
      {
        kind: 'unit',
        name: '共建单位',
        plan: '单位党员每月一次下沉楼院开展环境整治。',
        applied: -18,
        decision: 'notPicked',
        reason: '已纳入攻坚专班作为协同单位，不单独揭榜',
        unit: true,
      },
    ],
  },
  {
    code: ZHONGJIE,
    title: '小区充电桩进院',
    description: '中街社区老旧小区电动自行车飞线充电隐患突出，需协调供电、产权单位建设集中充电棚。',
    category: 'safety',
    reward: '社区通报表扬',
    status: 'failed',
    posted: -150,
    deadline: -20,
    taken: -140,
    closed: -20,
    outcome: '产权单位改制后无法确认场地权属，供电容量不足，集中充电棚未能建成；已转为项目清单需求，明年继续推进。',
    posterStars: 2,
    applicants: [
      {
        kind: 'unit',
        name: '共建单位',
        plan: '出资建设两处充电棚。',
        applied: -145,
        decision: 'picked',
        unit: true,
      },
    ],
    reports: [{ on: -100, text: '供电部门答复现有变压器容量不足，需增容改造。' }],
  },
  {
    code: HESHUI,
    title: '社区老年助餐点',
    description: '合水南路社区高龄独居老人多，缺少就近助餐点；征集单位揭榜提供场地和配餐。',
    category: 'elderly',
    reward: '年度共建先进单位',
    status: 'solved',
    posted: -200,
    deadline: -60,
    taken: -190,
    closed: -70,
    outcome: '助餐点在社区党群服务中心开业，日均就餐老人58人。',
    posterStars: 5,
    applicants: [
      {
        kind: 'unit',
        name: '共建单位',
        plan: '食堂配餐，每日送至党群服务中心。',
        applied: -195,
        decision: 'picked',
        unit: true,
      },
    ],
    reports: [{ on: -150, text: '场地改造完成，试运营两周。' }],
  },
  {
    code: PAIFANG,
    title: '桥下空地夜间照明',
    description: '牌坊路桥下空地夜间无照明，居民出行不便。',
    category: 'safety',
    reward: '社区通报表扬',
    status: 'withdrawn',
    public: false,
    posted: -40,
    deadline: 20,
    closed: -30,
    applicants: [],
  },
];

/** Demo 揭榜挂帅 challenges, every state, at five demo communities. */
export async function seedChallenges(db: DbOrTx): Promise<void> {
  const today = Math.floor(Date.now() / DAY) * DAY + 2 * 3_600_000;
  const day = (d: number) => chinaDay(new Date(today + d * DAY));
  const nodes = await db
    .select({ id: territories.id, code: territories.divisionCode, path: territories.path })
    .from(territories)
    .where(inArray(territories.divisionCode, [...new Set(STORIES.map((s) => s.code))]));
  const [resident] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.username, 'resident'));
  const [staff] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.username, 'staff'));
  for (const s of STORIES) {
    const node = nodes.find((n) => n.code === s.code);
    if (!node) continue;
    const [unit] = await db
      .select({ id: units.id, name: units.name })
      .from(units)
      .where(like(units.scopePath, `${node.path}%`))
      .orderBy(asc(units.id))
      .limit(1);
    const [c] = await db
      .insert(coChallenges)
      .values({
        territoryId: node.id,
        scopePath: node.path,
        title: s.title,
        description: s.description,
        category: s.category,
        deadline: day(s.deadline),
        reward: s.reward,
        public: s.public === false ? 0 : 1,
        status: s.status,
        postedByAccountId: s.code === WENTING ? (staff?.id ?? null) : null,
        postedOn: day(s.posted),
        takenOn: s.taken === undefined ? null : day(s.taken),
        closedOn: s.closed === undefined ? null : day(s.closed),
        outcome: s.outcome ?? null,
        posterStars: s.posterStars ?? null,
        createdAt: new Date(today + s.posted * DAY),
        updatedAt: new Date(today + (s.closed ?? s.taken ?? s.posted) * DAY),
      })
      .returning();
    for (const a of s.applicants) {
      const withUnit = a.unit && unit;
      await db.insert(coChallengeApplicants).values({
        challengeId: c!.id,
        kind: a.kind,
        name: withUnit ? unit.name : a.name,
        unitId: withUnit ? unit.id : null,
        plan: a.plan,
        appliedOn: day(a.applied),
        decision: a.decision,
        reason: a.reason ?? null,
      });
    }
    for (const r of s.reports ?? [])
      await db.insert(coChallengeReports).values({
        challengeId: c!.id,
        reportedOn: day(r.on),
        text: r.text,
        reportedByAccountId: staff?.id ?? null,
      });
    if (s.residentStars && resident)
      await db.insert(coChallengeRatings).values({
        challengeId: c!.id,
        accountId: resident.id,
        stars: s.residentStars,
        comment: '电梯装上了，老人上下楼方便多了',
      });
  }
}
