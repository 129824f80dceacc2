import { sql } from 'drizzle-orm';
import { rowsOf } from '../../kernel/db/rows.js';
import type { FigureDef } from '../../kernel/figures.js';

/** The grids figure for the dashboard (issue 16; seed 000's 5,177 responsibility areas are such a count). */
export const GRID_FIGURES: readonly FigureDef[] = [
  {
    key: 'grids.count',
    section: 'structure',
    label: { 'zh-CN': '网格', 'en-US': 'Grids' },
    formula: {
      'zh-CN': '辖区内划定的网格数（基础网格、专属网格、党员责任区；截至期末）',
      'en-US': 'Grids drawn in the subtree (basic, professional, responsibility areas) as of the period end',
    },
    unit: 'count',
    periodic: false,
    higherIsBetter: true,
    compute: async (input) => {
      if (!input.nodes.length) return [];
      const values = sql.join(
        input.nodes.map((n, i) => sql`(${i}::int, ${n.path}::text)`),
        sql`, `,
      );
      const res = await input.db.execute(sql`
        with n(i, path) as (values ${values})
        select n.i, (select count(*) from grids g where g.scope_path like n.path || '%'
          and g.created_at < ${input.to.toISOString()}::timestamptz)::int as v from n order by n.i`);
      return rowsOf(res).map((r) => ({ value: Number(r.v) }));
    },
    drill: ({ node }) => `/grids?territoryId=${node.id}`,
  },
];
