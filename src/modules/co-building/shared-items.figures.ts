import type { FigureDef, FigureInput } from '../../kernel/figures.js';
import { sharedItemFigures } from './shared-items.service.js';
import { chinaDay } from '../../kernel/clock.js';
import { SHARED_ITEMS_MESSAGES_EN as EN, SHARED_ITEMS_MESSAGES_ZH as ZH } from './shared-items.messages.js';

/**
 * 便民共享服务柜 figures for the dashboard (decision 042): items on the register (a stock), loans made in the period,
 * loans overdue at the period's end (a stock, lower is better). Each drills into the console list it counts.
 */
const cache = new WeakMap<FigureInput, Promise<{ items: number; loans: number; overdue: number }[]>>();
function all(input: FigureInput) {
  let p = cache.get(input);
  if (!p) {
    const from = chinaDay(input.from);
    const to = chinaDay(new Date(input.to.getTime() - 1));
    const today = chinaDay(input.clock.now());
    p = Promise.all(input.nodes.map((n) => sharedItemFigures(input.db, n.path, from, to, today)));
    cache.set(input, p);
  }
  return p;
}

const DEFS = {
  sharedItems: {
    label: { 'zh-CN': '共享服务柜物品', 'en-US': 'Shared items' },
    periodic: false,
    higherIsBetter: true,
    value: 'items',
    drill: (id: number, _f: string, t: string) =>
      `/co-building/shared-items?territoryId=${id}&status=available,lent,lost,damaged&createdTo=${t}`,
  },
  sharedLoans: {
    label: { 'zh-CN': '共享物品借用', 'en-US': 'Shared-item loans' },
    periodic: true,
    higherIsBetter: true,
    value: 'loans',
    drill: (id: number, f: string, t: string) => `/co-building/shared-loans?territoryId=${id}&from=${f}&to=${t}`,
  },
  sharedOverdue: {
    label: { 'zh-CN': '共享物品逾期未还', 'en-US': 'Shared items overdue' },
    periodic: false,
    higherIsBetter: false,
    value: 'overdue',
    drill: (id: number) => `/co-building/shared-loans?territoryId=${id}&state=overdue`,
  },
} as const;
type Key = keyof typeof DEFS;

export const SHARED_ITEM_FIGURES: readonly FigureDef[] = (Object.keys(DEFS) as Key[]).map((key) => ({
  key: `coBuilding.${key}`,
  section: 'co-building',
  label: DEFS[key].label,
  formula: { 'zh-CN': ZH[`coBuilding.formula.${key}`], 'en-US': EN[`coBuilding.formula.${key}`] },
  unit: 'count' as const,
  periodic: DEFS[key].periodic,
  higherIsBetter: DEFS[key].higherIsBetter,
  compute: async (input: FigureInput) => (await all(input)).map((f) => ({ value: f[DEFS[key].value] })),
  drill: ({ node, from, to }) => DEFS[key].drill(node.id, from, to),
}));
