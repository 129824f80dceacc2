import type { Ctx } from '../../kernel/context.js';
import type { Db } from '../../kernel/db/client.js';
import type { FigureDef, FigureInput } from '../../kernel/figures.js';
import { coBuildingFigures } from './co-building.service.js';
import { chinaDay } from '../../kernel/clock.js';
import type { Figures } from './contract.js';
import {
  CHALLENGE_MESSAGES_EN,
  CHALLENGE_MESSAGES_ZH,
  CO_BUILDING_MESSAGES_EN,
  CO_BUILDING_MESSAGES_ZH,
} from './messages.js';

const ZH = { ...CO_BUILDING_MESSAGES_ZH, ...CHALLENGE_MESSAGES_ZH };
const EN = { ...CO_BUILDING_MESSAGES_EN, ...CHALLENGE_MESSAGES_EN };

/**
 * Co-building's figures for the dashboard (issue 16): the same counts and drill-down links as the module's own
 * figures page (coBuildingFigures), one pass per node shared by the six figures of one dashboard request.
 * The dashboard's period [from, to) is turned into China days [from, to − 1 day], as coBuildingFigures takes them.
 */

const cache = new WeakMap<FigureInput, Promise<Figures[]>>();
const lastDay = (to: Date) => chinaDay(new Date(to.getTime() - 1));
function all(input: FigureInput): Promise<Figures[]> {
  let p = cache.get(input);
  if (!p) {
    const ctx: Ctx = {
      db: input.db as Db,
      actor: input.actor,
      clock: input.clock,
      requestId: '',
      ip: '',
      locale: 'zh-CN',
    };
    const from = chinaDay(input.from);
    const to = lastDay(input.to);
    p = Promise.all(input.nodes.map((n) => coBuildingFigures(ctx, { territoryId: n.id, from, to })));
    cache.set(input, p);
  }
  return p;
}

const KEYS = {
  needsRaised: { 'zh-CN': '提出需求', 'en-US': 'Needs raised' },
  needsMet: { 'zh-CN': '满足需求', 'en-US': 'Needs met' },
  resourcesOffered: { 'zh-CN': '登记资源', 'en-US': 'Resources offered' },
  resourcesUsed: { 'zh-CN': '对接资源', 'en-US': 'Resources used' },
  projectsDone: { 'zh-CN': '完成项目', 'en-US': 'Projects done' },
  projectsOnTime: { 'zh-CN': '按期完成项目', 'en-US': 'Projects done on time' },
  alliances: { 'zh-CN': '党建联盟', 'en-US': 'Party-building alliances' },
  partTimeMembers: { 'zh-CN': '兼职委员', 'en-US': 'Part-time committee members' },
  agreementsSigned: { 'zh-CN': '签订共建协议', 'en-US': 'Agreements signed' },
  challengesPosted: { 'zh-CN': '发布揭榜挂帅榜单', 'en-US': 'Challenges posted' },
  challengesSolved: { 'zh-CN': '揭榜攻克', 'en-US': 'Challenges solved' },
  agreementsFulfilled: { 'zh-CN': '履约完成的共建协议', 'en-US': 'Agreements fulfilled' },
} as const;
/** Stocks on the period's last day (decision 028), not counts over the period. */
const STOCKS: ReadonlySet<Key> = new Set(['alliances', 'partTimeMembers']);
type Key = keyof typeof KEYS;

const LINKS: Record<Key, (id: number, from: string, to: string) => string> = {
  needsRaised: (id, f, t) => `/co-building/needs?territoryId=${id}&from=${f}&to=${t}`,
  needsMet: (id, f, t) => `/co-building/needs?territoryId=${id}&status=met&closedFrom=${f}&closedTo=${t}`,
  resourcesOffered: (id, f, t) => `/co-building/resources?territoryId=${id}&from=${f}&to=${t}`,
  resourcesUsed: (id, f, t) => `/co-building/resources?territoryId=${id}&usedFrom=${f}&usedTo=${t}`,
  projectsDone: (id, f, t) => `/co-building/projects?territoryId=${id}&status=done&doneFrom=${f}&doneTo=${t}`,
  projectsOnTime: (id, f, t) => `/co-building/projects?territoryId=${id}&onTime=true&doneFrom=${f}&doneTo=${t}`,
  alliances: (id, _f, t) => `/co-building/alliances?territoryId=${id}&on=${t}`,
  partTimeMembers: (id, _f, t) => `/co-building/alliances?territoryId=${id}&on=${t}`,
  agreementsSigned: (id, f, t) => `/co-building/agreements?territoryId=${id}&signedFrom=${f}&signedTo=${t}`,
  challengesPosted: (id, f, t) => `/co-building/challenges?territoryId=${id}&from=${f}&to=${t}`,
  challengesSolved: (id, f, t) =>
    `/co-building/challenges?territoryId=${id}&status=solved&closedFrom=${f}&closedTo=${t}`,
  agreementsFulfilled: (id, f, t) => `/co-building/agreements?territoryId=${id}&fulfilledFrom=${f}&fulfilledTo=${t}`,
};

export const CO_BUILDING_FIGURES: readonly FigureDef[] = (Object.keys(KEYS) as Key[]).map((key) => ({
  key: `coBuilding.${key}`,
  section: 'co-building',
  label: KEYS[key],
  formula: { 'zh-CN': ZH[`coBuilding.formula.${key}`], 'en-US': EN[`coBuilding.formula.${key}`] },
  unit: 'count' as const,
  periodic: !STOCKS.has(key),
  higherIsBetter: true,
  compute: async (input: FigureInput) =>
    (await all(input)).map((f) => ({ value: f.figures.find((x) => x.key === key)?.value ?? 0 })),
  // The drill's `to` is the period's last day (inclusive), as the co-building lists take it.
  drill: ({ node, from, to }) => LINKS[key](node.id, from, to),
}));

/** 便民共享服务柜 figures (decision 042): items, loans in the period, overdue; appended to the module's figures. */
export { SHARED_ITEM_FIGURES } from './shared-items.figures.js';
