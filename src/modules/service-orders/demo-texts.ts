import { prng } from '../../kernel/random.js';

type Rnd = ReturnType<typeof prng>;

/**
 * Varied, realistic texts of residents' reports per category for the demo data (issue 16 point 6): the learned
 * dispatch is trained and measured on them, so one template per category would make its figures meaningless.
 * Each text is put together from a place, a matter of the category, how long it has lasted, what it causes and
 * what the resident asks for, in a shuffled order and with different wordings; some matters sit on the border of
 * two categories (a leak from upstairs is a repair and a neighbours' matter), as real reports do.
 */
const PLACES = [
  '3号楼2单元',
  '5号楼楼下',
  '小区东门口',
  '小区南侧',
  '12号楼后面',
  '我家楼道里',
  '7号楼1单元门口',
  '小区中心花园旁',
  '地下车库入口',
  '菜市场对面的巷子里',
  '社区卫生服务站旁边',
  '幼儿园门口',
];
const SINCE = [
  '已经一个多星期了',
  '这几天一直这样',
  '好几天了',
  '快半个月了',
  '从上周开始',
  '昨天晚上开始',
  '反映过两次还没解决',
];
const MATTERS: Record<string, { what: string[]; harm: string[]; ask: string[] }> = {
  repair: {
    what: [
      '楼道的声控灯坏了，晚上一片漆黑',
      '单元门的门禁刷卡没反应，门关不上',
      '顶楼屋面漏水，下雨天墙面全湿了',
      '下水道堵了，污水往上返',
      '电梯经常停在半层，按钮失灵',
      '路灯不亮了，路上黑乎乎的',
      '自来水管爆裂，一直在漏水',
      '楼梯扶手松动，一碰就晃',
      '外墙瓷砖有脱落，裂缝越来越大',
      '暖气片不热，家里温度很低',
    ],
    harm: ['老人上下楼很容易摔倒', '家里墙皮都发霉了', '出行很不方便', '担心出安全事故', '孩子晚上放学不敢走'],
    ask: ['请尽快派人来维修', '希望物业或社区安排师傅看一下', '麻烦尽快修好', '请相关部门处理'],
  },
  environment: {
    what: [
      '垃圾桶满了没人清运，垃圾堆在外面',
      '楼下饭店油烟很大，直接排到楼道里',
      '下雨后小区里积水很深',
      '绿化带里有人乱倒建筑垃圾',
      '公共厕所很脏，气味难闻',
      '有人在楼道里堆放杂物和废纸箱',
      '垃圾分类亭周边污水横流',
      '河道边漂着很多垃圾，发出臭味',
      '有人在小区里焚烧落叶和垃圾',
    ],
    harm: ['臭味熏得人不敢开窗', '夏天苍蝇蚊子特别多', '影响小区环境卫生', '居民意见很大', '老人孩子经过都要绕道'],
    ask: ['请环卫部门及时清运', '希望加强保洁', '请社区督促整改', '请尽快清理干净'],
  },
  safety: {
    what: [
      '消防通道被私家车堵死了',
      '有人把电动车推进楼道里充电',
      '路边井盖缺失，只放了个纸箱',
      '楼道里的灭火器过期了，还有的被拿走了',
      '高层有人往楼下扔东西',
      '工地围挡倒了，钢管伸到人行道上',
      '小区里有电线私拉乱接，挂在树上',
      '燃气管道附近闻到一股煤气味',
      '地下室有人住，还用明火做饭',
    ],
    harm: ['万一着火消防车进不来', '存在很大的安全隐患', '晚上路过的人很容易掉下去', '大家都很担心出事'],
    ask: ['请尽快排查处理', '希望有关部门来检查', '请立即整改消除隐患', '请网格员过来看看'],
  },
  parking: {
    what: [
      '有车辆长期乱停在小区主干道上',
      '非机动车棚太小，电动车停不下',
      '有一辆僵尸车停了大半年没人动',
      '外来车辆随意进出占用车位',
      '有人用地锁和石墩私占公共车位',
      '车辆停在人行道上，行人只能走机动车道',
      '小区门口双排停车，早上堵得出不去',
    ],
    harm: ['救护车都开不进来', '每天上下班都要堵很久', '居民之间因为车位吵了好几次'],
    ask: ['请规范停车秩序', '希望增加停车位', '请城管或物业处理', '请清理僵尸车'],
  },
  greening: {
    what: [
      '楼前的大树长得太高，把窗户全挡住了',
      '草坪很久没人修剪，杂草比人还高',
      '绿化带被人毁了种菜',
      '树枝压到电线上了',
      '花坛里的花草都枯死了',
      '有棵树被风刮歪，快倒了',
      '树上有很多虫子，掉得满地都是',
    ],
    harm: ['家里白天都要开灯', '夏天蚊虫特别多', '刮风时很危险', '影响小区的绿化环境'],
    ask: ['请园林部门来修剪', '希望安排人养护', '请尽快补种', '麻烦来处理一下'],
  },
  neighbourhood: {
    what: [
      '楼上邻居每天深夜跺脚、拖椅子',
      '楼上卫生间漏水渗到我家天花板，邻居不肯修',
      '对门邻居在楼道里养狗，到处是粪便',
      '隔壁装修每天早上七点就开始砸墙',
      '邻居把杂物堆在公共过道上，沟通无果',
      '楼下邻居在院子里搭棚子占了公共空间',
      '邻居家空调外机正对我家窗户，噪音很大',
    ],
    harm: ['老人晚上睡不着觉', '协商了好几次都没有结果', '两家已经吵过几次了', '孩子没法安心学习'],
    ask: ['希望社区出面调解', '请调解员帮忙协调', '请社区主持公道', '希望能坐下来好好谈谈'],
  },
  property: {
    what: [
      '物业收费标准不公开，突然涨价',
      '物业保安经常不在岗',
      '电梯广告等公共收益一直没有公示',
      '物业答应维修的事情一拖再拖',
      '物业人员态度差，打电话没人接',
      '维修基金使用情况不公开',
      '小区换物业的事没有征求业主意见',
    ],
    harm: ['业主意见很大', '大家对物业越来越不满意', '很多业主不愿意交物业费'],
    ask: ['请社区督促物业整改', '希望召开业主大会说明情况', '请街道协调', '请相关部门监督'],
  },
  elderly: {
    what: [
      '独居老人腿脚不便，没法自己买菜',
      '楼里的高龄老人想申请助餐服务',
      '我母亲八十多岁，需要人定期上门看看',
      '老人想学用智能手机挂号',
      '行动不便的老人需要上门理发',
      '失能老人家里需要安装扶手',
      '老人的轮椅坏了，想找人帮忙修',
    ],
    harm: ['子女都在外地照顾不到', '老人一个人在家大家都不放心', '老人生活很不方便'],
    ask: ['希望党员志愿者能帮帮忙', '请社区安排为老服务', '想申请社区的帮扶', '请帮忙联系养老服务站'],
  },
  policy: {
    what: [
      '想咨询灵活就业人员怎么交社保',
      '医保异地就医备案怎么办理',
      '孩子上学的居住证明去哪里开',
      '退休后养老金认证怎么操作',
      '低保申请需要准备哪些材料',
      '残疾证到期了要去哪里换',
      '老旧小区改造的政策想了解一下',
    ],
    harm: ['跑了几个地方都没问清楚', '网上查的说法不一样', '怕错过办理时间'],
    ask: ['请社区工作人员解答', '希望有人告诉具体流程', '请给个明确答复', '请帮忙指导一下'],
  },
  other: {
    what: [
      '小区里流浪猫越来越多',
      '社区活动室开放时间能不能延长',
      '希望小区里增加几个快递柜',
      '建议在小区里装几张休息长椅',
      '社区公告栏的信息很久没更新',
      '想在小区里组织一个读书会',
    ],
    harm: ['不少居民都有这个想法', '大家觉得挺需要的', '平时很不方便'],
    ask: ['希望社区考虑一下', '请社区研究', '请回复一下意见', '建议社区统一安排'],
  },
};
/** Categories the generator writes for (every problem category). */
export const DEMO_TEXT_CATEGORIES = Object.keys(MATTERS);

const OPENINGS = ['', '您好，', '你好，', '我是本小区居民，', '反映一个问题：', '社区您好，'];

/** One varied description of a report of this category (deterministic for a given generator). */
export function demoReportText(category: string, rnd: Rnd): string {
  const m = MATTERS[category] ?? MATTERS.other!;
  const place = rnd.pick(PLACES);
  const what = rnd.pick(m.what);
  const since = rnd.pick(SINCE);
  const parts =
    rnd.next() < 0.5 ? [`${place}${what}`, since, rnd.pick(m.harm)] : [`${since}，${place}${what}`, rnd.pick(m.harm)];
  if (rnd.next() < 0.3) parts.pop();
  return `${rnd.pick(OPENINGS)}${parts.join('，')}。${rnd.pick(m.ask)}。`;
}

/** A labelled corpus of `n` reports per category from `seed` (for evaluating the learned dispatch). */
export function demoCorpus(perCategory: number, seed = 16): { text: string; category: string }[] {
  const rnd = prng(seed);
  const out: { text: string; category: string }[] = [];
  for (let i = 0; i < perCategory; i++)
    for (const category of DEMO_TEXT_CATEGORIES) out.push({ text: demoReportText(category, rnd), category });
  return out;
}
