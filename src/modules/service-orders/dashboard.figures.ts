import type { FigureDef, FigureInput } from '../../kernel/figures.js';
import { rate } from '../../kernel/figures.js';
import { loopTotals, type LoopTotal } from './figures.js';

/**
 * The service loop's figures for the dashboard (issue 16): found / claimed / resolved, the three rates 三率 and the
 * overdue orders of a subtree, for orders created in the period. Counted as the loop's own figures page counts them
 * (figures.ts: the rollup for whole days at or above a community, docs/decisions/009 and 013), once per dashboard
 * request (the figures share one pass). Each drills down to GET /api/orders' console list with the same filter.
 */

const cache = new WeakMap<FigureInput, Promise<LoopTotal[]>>();
const totals = (input: FigureInput) => {
  let p = cache.get(input);
  if (!p) {
    p = loopTotals(input.db, input.nodes, input.from, input.to, input.clock.now());
    cache.set(input, p);
  }
  return p;
};

/** China day → the instant it starts, as the order list's `from`/`to` take it. */
const startOf = (day: string) => `${day}T00:00:00+08:00`;
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

const drill =
  (extra: Record<string, string>) =>
  ({ node, from, to }: { node: { id: number }; from: string; to: string }) =>
    `/orders?${new URLSearchParams({
      territoryId: String(node.id),
      counted: 'true',
      from: startOf(from),
      to: startOf(nextDay(to)),
      ...extra,
    }).toString()}`;

const count = (pick: (t: LoopTotal) => number) => async (input: FigureInput) =>
  (await totals(input)).map((t) => ({ value: pick(t) }));
const share = (n: (t: LoopTotal) => number, d: (t: LoopTotal) => number) => async (input: FigureInput) =>
  (await totals(input)).map((t) => rate(n(t), d(t)));

const S = 'service-orders';
export const SERVICE_LOOP_FIGURES: readonly FigureDef[] = [
  {
    key: 'orders.found',
    section: S,
    label: { 'zh-CN': '发现问题', 'en-US': 'Problems found' },
    formula: {
      'zh-CN': '期内新建的工单数（不含作废、无效和被合并的重复工单）',
      'en-US': 'Orders created in the period (cancelled, invalid and merged duplicates left out)',
    },
    unit: 'count',
    periodic: true,
    higherIsBetter: true,
    compute: count((t) => t.tally.found),
    drill: drill({}),
  },
  {
    key: 'orders.claimed',
    section: S,
    label: { 'zh-CN': '认领', 'en-US': 'Claimed' },
    formula: { 'zh-CN': '期内新建且已被受理的工单数', 'en-US': 'Orders created in the period that were accepted' },
    unit: 'count',
    periodic: true,
    higherIsBetter: true,
    compute: count((t) => t.tally.claimed),
    drill: drill({ accepted: 'true' }),
  },
  {
    key: 'orders.resolved',
    section: S,
    label: { 'zh-CN': '解决', 'en-US': 'Resolved' },
    formula: { 'zh-CN': '期内新建且已办结的工单数', 'en-US': 'Orders created in the period that were resolved' },
    unit: 'count',
    periodic: true,
    higherIsBetter: true,
    compute: count((t) => t.tally.resolved),
    drill: drill({ resolved: 'true' }),
  },
  {
    key: 'orders.responseRate',
    section: S,
    label: { 'zh-CN': '响应率', 'en-US': 'Response rate' },
    formula: {
      'zh-CN': '按时响应（在响应时限内受理）的工单数 ÷ 期内新建工单数 × 100%',
      'en-US': 'Orders accepted within their response limit ÷ orders created in the period × 100%',
    },
    unit: 'percent',
    periodic: true,
    higherIsBetter: true,
    compute: share(
      (t) => t.tally.respondedOnTime,
      (t) => t.tally.found,
    ),
    drill: drill({ respondedOnTime: 'true' }),
  },
  {
    key: 'orders.resolutionRate',
    section: S,
    label: { 'zh-CN': '解决率', 'en-US': 'Resolution rate' },
    formula: {
      'zh-CN': '已办结工单数 ÷ 期内新建工单数 × 100%',
      'en-US': 'Resolved orders ÷ orders created in the period × 100%',
    },
    unit: 'percent',
    periodic: true,
    higherIsBetter: true,
    compute: share(
      (t) => t.tally.resolved,
      (t) => t.tally.found,
    ),
    drill: drill({ resolved: 'true' }),
  },
  {
    key: 'orders.satisfactionRate',
    section: S,
    label: { 'zh-CN': '满意率', 'en-US': 'Satisfaction rate' },
    formula: {
      'zh-CN': '评价为满意或基本满意的工单数 ÷ 已评价工单数 × 100%',
      'en-US': 'Orders rated satisfied or basically satisfied ÷ orders rated × 100%',
    },
    unit: 'percent',
    periodic: true,
    higherIsBetter: true,
    compute: share(
      (t) => t.tally.satisfied,
      (t) => t.tally.rated,
    ),
    drill: drill({ rating: 'satisfied,basic' }),
  },
  {
    key: 'orders.overdue',
    section: S,
    label: { 'zh-CN': '超期未办', 'en-US': 'Overdue' },
    formula: {
      'zh-CN': '期内新建、尚未办结且已过响应或办结时限的工单数（按当前时间）',
      'en-US': 'Orders created in the period, unfinished and past their response or resolve limit (as of now)',
    },
    unit: 'count',
    periodic: true,
    higherIsBetter: false,
    compute: count((t) => t.overdue),
    drill: drill({ overdue: 'true' }),
  },
];
