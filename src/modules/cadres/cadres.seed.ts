import { asc, inArray } from 'drizzle-orm';
import { addDays, chinaDay } from '../../kernel/clock.js';
import type { DbOrTx } from '../../kernel/db/client.js';
import { territories } from '../../kernel/db/schema.js';
import { prng } from '../../kernel/random.js';
import { DEMO_COMMUNITIES } from '../territory/index.js';
import {
  cadreAssignments,
  cadreWorkRecords,
  communityWorkerPosts,
  communityWorkers,
  reserveTalents,
  reserveTrainings,
} from './schema.js';

type Post = 'head' | 'deputy' | 'staff';
interface WorkerSeed {
  name: string;
  startedOn: string;
  degree: 'none' | 'bachelor' | 'master' | 'doctorate';
  posts: [Post, string | null, string, string][]; // post, title, from ('' = the start), reason
  leftOn?: string;
}
interface CadreSeed {
  name: string;
  unit: string;
  position: string | null;
  kind: 'liaison' | 'sentDown';
  /** Days before today the assignment began (ends: null). */
  since: number;
  duties: string;
  work: [number, string | null, string | null][]; // days ago, found, handled
}
interface TalentSeed {
  name: string;
  source: 'gridWorker' | 'veteran' | 'graduate' | 'migrant' | 'entrepreneur' | 'other';
  birthYear: number;
  since: number;
  status: 'pool' | 'training' | 'appointed';
  note: string | null;
  training: ['course' | 'secondment' | 'practice' | 'degree', string, number, number | null][]; // kind, title, from/to days ago
}

/** 文亭巷社区 (西宁市城西区文汇路街道, seed 000): the story told in full. */
const WENTINGXIANG = {
  workers: [
    {
      name: '马秀兰',
      startedOn: '2009-03-02',
      degree: 'bachelor',
      posts: [
        ['staff', '社区干事', '', '入职'],
        ['deputy', '居委会副主任', '2014-06-20', '换届选举当选居委会副主任'],
        ['head', '社区党委书记、居委会主任', '2017-06-28', '换届选举，书记、主任“一肩挑”'],
      ],
    },
    {
      name: '李海燕',
      startedOn: '2012-07-09',
      degree: 'bachelor',
      posts: [
        ['staff', '民政专干', '', '入职'],
        ['deputy', '社区党委副书记', '2021-01-15', '社区“两委”换届当选党委副书记'],
      ],
    },
    {
      name: '张建国',
      startedOn: '2015-09-01',
      degree: 'none',
      posts: [
        ['staff', '综治专干', '', '入职'],
        ['deputy', '居委会副主任', '2021-01-15', '社区“两委”换届当选居委会副主任'],
      ],
    },
    { name: '朱晓梅', startedOn: '2016-04-05', degree: 'none', posts: [['staff', '社保专干', '', '入职']] },
    { name: '韩雪', startedOn: '2019-08-15', degree: 'master', posts: [['staff', '专职网格员', '', '入职']] },
    { name: '祁文斌', startedOn: '2021-03-01', degree: 'bachelor', posts: [['staff', '党建专干', '', '入职']] },
    { name: '赵磊', startedOn: '2023-10-09', degree: 'bachelor', posts: [['staff', '专职网格员', '', '入职']] },
    {
      name: '鲁玉珍',
      startedOn: '2006-05-08',
      degree: 'none',
      posts: [['staff', '计生专干', '', '入职']],
      leftOn: '2024-12-31',
    },
  ] as WorkerSeed[],
  cadres: [
    {
      name: '王永胜',
      unit: '城西区民政局',
      position: '副局长',
      kind: 'liaison',
      since: 400,
      duties: '包联文亭巷社区：牵头养老服务、困难群众救助，每月到社区走访不少于两次',
      work: [
        [52, '独居老人冬季取暖无人照看', '协调社区与物业建立每日探视，登记 6 户独居老人'],
        [38, null, '参加社区“两委”会，研究养老服务站建设方案'],
        [24, '两户低保家庭材料需要年审', '现场指导填报，材料当天报送街道'],
        [9, '楼院议事会提出加装电梯意见分歧', '参加楼院议事会，讲解加装电梯补贴政策'],
      ],
    },
    {
      name: '陈志刚',
      unit: '城西区住房和城乡建设局',
      position: '科员',
      kind: 'sentDown',
      since: 120,
      duties: '下沉文亭巷社区：老旧小区改造、无物业小区管理',
      work: [
        [60, '和平小区 2 号楼屋面渗水', '联系老旧小区改造项目施工方现场查看，列入维修计划'],
        [31, '无物业院落垃圾清运不及时', '协调环卫所每日清运一次'],
        [12, '改造工地夜间施工扰民', '约谈施工方，夜间 22 点后停工'],
      ],
    },
    {
      name: '杨丽',
      unit: '文汇路街道办事处',
      position: '街道下派干部',
      kind: 'sentDown',
      since: 200,
      duties: '街道下派，驻社区协助网格管理和“双报到”',
      work: [
        [45, null, '组织在职党员“双报到”认领微心愿 12 个'],
        [17, '3 户新迁入人员未登记', '协助网格员上门登记'],
      ],
    },
  ] as CadreSeed[],
  talents: [
    {
      name: '马晓东',
      source: 'veteran',
      birthYear: 1994,
      since: 600,
      status: 'training',
      note: '退役军人，参与防汛防火和环境卫生整治',
      training: [
        ['course', '城西区社区后备人才集中培训班', 300, 296],
        ['practice', '赴文汇路街道党建办历练', 150, 60],
      ],
    },
    {
      name: '李娜',
      source: 'graduate',
      birthYear: 1999,
      since: 420,
      status: 'training',
      note: '返乡大学生，协助社区开展青少年活动',
      training: [['degree', '报读社会工作专业大专班', 380, null]],
    },
    {
      name: '韩雪',
      source: 'gridWorker',
      birthYear: 1995,
      since: 700,
      status: 'training',
      note: '优秀网格员，联系户走访覆盖率连续保持前列',
      training: [['course', '城西区社区后备人才集中培训班', 300, 296]],
    },
    {
      name: '周强',
      source: 'entrepreneur',
      birthYear: 1988,
      since: 250,
      status: 'pool',
      note: '返乡创业，经营社区便民超市',
      training: [],
    },
    {
      name: '祁海',
      source: 'migrant',
      birthYear: 1991,
      since: 90,
      status: 'pool',
      note: null,
      training: [],
    },
  ] as TalentSeed[],
};

/** 化工街社区 (兰州市西固区西柳沟街道, seed 002): 区直部门包抓干部 and 街道下派干部, the 大坝通道 found sinking. */
const HUAGONGJIE_CADRES: CadreSeed[] = [
  {
    name: '刘建军',
    unit: '西固区住房和城乡建设局',
    position: '副局长',
    kind: 'liaison',
    since: 500,
    duties: '区直部门包抓干部：包抓化工街社区，牵头解决老旧小区和基础设施问题',
    work: [
      [40, '兰化22街区大坝通道地基下沉，存在安全隐患', '现场查看，设置警示标志，协调列入维修计划'],
      [20, null, '参加社区建设工作委员会（社工委）议事，议定大坝通道维修方案'],
    ],
  },
  {
    name: '孙红',
    unit: '西柳沟街道办事处',
    position: '街道下派干部',
    kind: 'sentDown',
    since: 300,
    duties: '街道下派干部：驻社区协助网格+党员责任区治理单元',
    work: [
      [33, '楼道堆放杂物', '组织党员志愿者清理楼道'],
      [6, null, '认领群众微心愿 5 个'],
    ],
  },
];

const NAMES = ['王芳', '刘伟', '陈静', '杨帆', '赵敏', '黄磊', '周婷', '吴刚', '徐丽', '孙杰', '马兰', '朱华'];
const UNITS = ['区民政局', '区人力资源和社会保障局', '区卫生健康局', '区城市管理局', '区司法局'];

/**
 * Demo cadres and community workers (decision 054): 文亭巷社区 tells the story in full (a worker who rose from staff
 * to head 一肩挑, a worker who retired, cadres of 城西区 departments 包联/下沉 with their visits, a reserve pool of a
 * veteran, a returning graduate, an outstanding grid worker); 化工街社区 has seed 002's two levels of cadres sent down;
 * the other demo communities a small register each.
 */
export async function seedCadres(db: DbOrTx): Promise<void> {
  const rnd = prng(3852); // seed 003: 储备村级后备干部3852名
  const today = chinaDay(new Date());
  const ago = (n: number) => addDays(today, -n);
  const communities = await db
    .select({ id: territories.id, code: territories.divisionCode, path: territories.path })
    .from(territories)
    .where(inArray(territories.divisionCode, [...DEMO_COMMUNITIES]))
    .orderBy(asc(territories.id));
  for (const c of communities) {
    const place = { communityId: c.id, scopePath: c.path };
    let story: { workers: WorkerSeed[]; cadres: CadreSeed[]; talents: TalentSeed[] };
    if (c.code === '630104006001') story = WENTINGXIANG;
    else {
      const pick = () => NAMES[rnd.int(0, NAMES.length - 1)]!;
      const year = () => 2008 + rnd.int(0, 15);
      story = {
        workers: [
          {
            name: pick(),
            startedOn: `${year()}-03-01`,
            degree: 'bachelor',
            posts: [['head', '社区党委书记、居委会主任', '', '入职']],
          },
          {
            name: pick(),
            startedOn: `${year()}-07-01`,
            degree: 'none',
            posts: [['deputy', '居委会副主任', '', '入职']],
          },
          {
            name: pick(),
            startedOn: `${year()}-09-01`,
            degree: 'bachelor',
            posts: [['staff', '专职网格员', '', '入职']],
          },
          { name: pick(), startedOn: `${year()}-04-01`, degree: 'none', posts: [['staff', '民政专干', '', '入职']] },
        ],
        cadres:
          c.code === '620104007003'
            ? HUAGONGJIE_CADRES
            : [
                {
                  name: pick(),
                  unit: `西固${UNITS[rnd.int(0, UNITS.length - 1)]!}`,
                  position: '科长',
                  kind: 'liaison',
                  since: rnd.int(60, 400),
                  duties: '区直部门包抓干部，定期到社区走访',
                  work: [
                    [rnd.int(20, 50), '小区路灯损坏', '联系城管部门维修'],
                    [rnd.int(1, 19), null, '走访困难党员和老党员'],
                  ],
                },
              ],
        talents: [
          {
            name: pick(),
            source: 'graduate',
            birthYear: 1998,
            since: 200,
            status: 'training',
            note: null,
            training: [['course', '西固区后备人才集中培训', 150, 147]],
          },
          { name: pick(), source: 'veteran', birthYear: 1993, since: 100, status: 'pool', note: null, training: [] },
        ],
      };
    }
    for (const w of story.workers) {
      const [row] = await db
        .insert(communityWorkers)
        .values({
          ...place,
          name: w.name,
          phone: `139${String(rnd.int(10_000_000, 99_999_999))}`,
          startedOn: w.startedOn,
          degree: w.degree,
          status: w.leftOn ? 'left' : 'active',
          leftOn: w.leftOn ?? null,
        })
        .returning({ id: communityWorkers.id });
      await db.insert(communityWorkerPosts).values(
        w.posts.map(([post, title, from, reason]) => ({
          workerId: row!.id,
          post,
          title,
          fromOn: from || w.startedOn,
          reason,
        })),
      );
    }
    for (const k of story.cadres) {
      const [row] = await db
        .insert(cadreAssignments)
        .values({
          ...place,
          cadreName: k.name,
          unitName: k.unit,
          position: k.position,
          kind: k.kind,
          fromOn: ago(k.since),
          duties: k.duties,
        })
        .returning({ id: cadreAssignments.id });
      const work = k.work.filter(([d]) => d <= k.since);
      if (work.length)
        await db.insert(cadreWorkRecords).values(
          work.map(([d, found, handled]) => ({
            assignmentId: row!.id,
            scopePath: c.path,
            workedOn: ago(d),
            found,
            handled,
          })),
        );
    }
    for (const p of story.talents) {
      const [row] = await db
        .insert(reserveTalents)
        .values({
          ...place,
          name: p.name,
          source: p.source,
          birthYear: p.birthYear,
          status: p.status,
          note: p.note,
          enteredOn: ago(p.since),
        })
        .returning({ id: reserveTalents.id });
      if (p.training.length)
        await db.insert(reserveTrainings).values(
          p.training.map(([kind, title, from, to]) => ({
            talentId: row!.id,
            kind,
            title,
            fromOn: ago(from),
            toOn: to === null ? null : ago(to),
          })),
        );
    }
  }
}
