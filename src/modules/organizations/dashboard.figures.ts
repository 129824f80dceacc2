import { sql } from 'drizzle-orm';
import { rowsOf } from '../../kernel/db/rows.js';
import type { FigureDef, FigureInput } from '../../kernel/figures.js';
import { flagQueries, unionOf } from './flags.service.js';
import { FLAG_KINDS } from './contract.js';

/**
 * Structure figures of organizations for the dashboard (issue 16): party organisations (a stock: those set up
 * before the period's end) and the rule flags 预警 open now (computed by the same queries as the flags page).
 */

const nodeValues = (input: FigureInput) =>
  sql.join(
    input.nodes.map((n, i) => sql`(${i}::int, ${n.path}::text)`),
    sql`, `,
  );

export const ORGANIZATION_FIGURES: readonly FigureDef[] = [
  {
    key: 'organizations.partyOrgs',
    section: 'structure',
    label: { 'zh-CN': '党组织', 'en-US': 'Party organisations' },
    formula: {
      'zh-CN': '辖区内的党组织数（党工委、党委、总支、支部、党小组；截至期末）',
      'en-US': 'Party organisations in the subtree (committees, branches, groups) as of the period end',
    },
    unit: 'count',
    periodic: false,
    higherIsBetter: true,
    compute: async (input) => {
      if (!input.nodes.length) return [];
      const res = await input.db.execute(sql`
        with n(i, path) as (values ${nodeValues(input)})
        select n.i, (select count(*) from party_orgs o where o.scope_path like n.path || '%'
          and o.created_at < ${input.to.toISOString()}::timestamptz)::int as v from n order by n.i`);
      return rowsOf(res).map((r) => ({ value: Number(r.v) }));
    },
    drill: ({ node }) => `/party-orgs?territoryId=${node.id}`,
  },
  {
    key: 'organizations.flags',
    section: 'structure',
    label: { 'zh-CN': '组织预警', 'en-US': 'Structure flags' },
    formula: {
      'zh-CN': '当前的组织设置预警：百人以上的社区支部、无支部的小区、无责任党员也无党员居住的楼栋（按记录实时计算）',
      'en-US':
        'Structure flags now: community branches of 100+ members, compounds without a branch, buildings with no responsible party member and none living there',
    },
    unit: 'count',
    periodic: false,
    higherIsBetter: false,
    compute: async (input) =>
      Promise.all(
        input.nodes.map(async (n) => {
          const q = flagQueries(n.path);
          const res = await input.db.execute(
            sql`select count(*)::int as v from (${unionOf(FLAG_KINDS.map((k) => q[k]))}) f`,
          );
          return { value: Number(rowsOf(res)[0]?.v ?? 0) };
        }),
      ),
    drill: ({ node }) => `/org-flags?territoryId=${node.id}`,
  },
];
