import { sql } from 'drizzle-orm';
import { chinaDay } from '../../kernel/clock.js';
import { rowsOf } from '../../kernel/db/rows.js';
import { rate, type FigureDef, type FigureInput } from '../../kernel/figures.js';

/**
 * The visits figures for the dashboard (decision 038): household coverage 走访覆盖率 and the problems found on
 * visits 排摸发现 (seed 002 counts "排摸发现各类问题830个" apart from residents' reports). Counted from the records
 * under each node, for the China days of the period; each drills down to the list behind it.
 */
const lastDay = (to: Date) => chinaDay(new Date(to.getTime() - 1));

const nodesOf = (input: FigureInput) =>
  sql.join(
    input.nodes.map((n, i) => sql`(${i}::int, ${n.path}::text)`),
    sql`, `,
  );

export const VISIT_FIGURES: readonly FigureDef[] = [
  {
    key: 'visits.coverage',
    section: 'grids',
    label: { 'zh-CN': '联系户走访覆盖率', 'en-US': 'Household visit coverage' },
    formula: {
      'zh-CN': '期内至少走访过一次的联系户数 ÷ 网格员联系户总数（30–50 户/人）',
      'en-US': "Assigned households visited at least once in the period ÷ grid workers' assigned households",
    },
    unit: 'percent',
    periodic: true,
    higherIsBetter: true,
    compute: async (input) => {
      if (!input.nodes.length) return [];
      const from = chinaDay(input.from);
      const to = lastDay(input.to);
      const res = await input.db.execute(sql`
        with n(i, path) as (values ${nodesOf(input)})
        select n.i,
          (select count(*) from liaison_households lh where lh.scope_path like n.path || '%')::int as d,
          (select count(*) from liaison_households lh where lh.scope_path like n.path || '%'
            and exists (select 1 from visits x where x.worker_id = lh.worker_id and x.territory_id = lh.household_id
              and x.visited_on between ${from} and ${to}))::int as v
        from n order by n.i`);
      return rowsOf(res).map((r) => rate(Number(r.v), Number(r.d)));
    },
    drill: ({ node, from }) => `/visits/coverage?territoryId=${node.id}&month=${from.slice(0, 7)}`,
  },
  {
    key: 'visits.findings',
    section: 'service-orders',
    label: { 'zh-CN': '排摸发现问题', 'en-US': 'Problems found on visits' },
    formula: {
      'zh-CN': '期内由走访发现转成的工单数（来源为排摸发现，不含作废、无效和被合并的重复工单）',
      'en-US': 'Orders created in the period from visit findings (origin: patrol; cancelled and merged left out)',
    },
    unit: 'count',
    periodic: true,
    higherIsBetter: true,
    compute: async (input) => {
      if (!input.nodes.length) return [];
      const res = await input.db.execute(sql`
        with n(i, path) as (values ${nodesOf(input)})
        select n.i, (select count(*) from service_orders o where o.scope_path like n.path || '%'
          and o.origin = 'patrol' and o.status not in ('merged', 'cancelled')
          and o.created_at >= ${input.from.toISOString()}::timestamptz
          and o.created_at < ${input.to.toISOString()}::timestamptz)::int as v
        from n order by n.i`);
      return rowsOf(res).map((r) => ({ value: Number(r.v) }));
    },
    drill: ({ node, from, to }) =>
      `/orders?${new URLSearchParams({
        territoryId: String(node.id),
        counted: 'true',
        origin: 'patrol',
        from: `${from}T00:00:00+08:00`,
        to: new Date(Date.parse(`${to}T00:00:00+08:00`) + 86_400_000).toISOString(),
      }).toString()}`,
  },
];
