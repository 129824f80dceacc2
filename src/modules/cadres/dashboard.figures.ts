import { sql, type SQL } from 'drizzle-orm';
import { chinaDay } from '../../kernel/clock.js';
import { rowsOf } from '../../kernel/db/rows.js';
import type { FigureDef, FigureInput } from '../../kernel/figures.js';

/**
 * Figures of cadres and community workers (decision 054), counted from the records under each node; each drills
 * down to the list behind it (the list's total, or for work records the sum of its 走访 column).
 */
const lastDay = (to: Date) => chinaDay(new Date(to.getTime() - 1));

const nodesOf = (input: FigureInput) =>
  sql.join(
    input.nodes.map((n, i) => sql`(${i}::int, ${n.path}::text)`),
    sql`, `,
  );

async function perNode(input: FigureInput, count: (path: SQL) => SQL) {
  if (!input.nodes.length) return [];
  const res = await input.db.execute(sql`
    with n(i, path) as (values ${nodesOf(input)})
    select n.i, (${count(sql.raw('n.path'))})::int as v from n order by n.i`);
  return rowsOf(res).map((r) => ({ value: Number(r.v) }));
}

export const CADRE_FIGURES: readonly FigureDef[] = [
  {
    key: 'cadres.workers',
    section: 'structure',
    label: { 'zh-CN': '在岗社区工作者', 'en-US': 'Community workers in post' },
    formula: {
      'zh-CN': '社区工作者名册中在岗（未离职）的人数，岗位和等级按“三岗十八级”规则计算',
      'en-US': 'Community workers on the register who have not left (post and grade by the 三岗十八级 rule)',
    },
    unit: 'count',
    periodic: false,
    higherIsBetter: true,
    compute: (input) =>
      perNode(
        input,
        (p) =>
          sql`select count(*) from community_workers w where w.scope_path like ${p} || '%' and w.status = 'active'`,
      ),
    drill: ({ node }) => `/cadres/workers?territoryId=${node.id}&status=active`,
  },
  {
    key: 'cadres.assigned',
    section: 'structure',
    label: { 'zh-CN': '包联下沉干部', 'en-US': 'Cadres assigned to communities' },
    formula: {
      'zh-CN': '期末当天在包联或下沉期内的干部人次（每个社区的安排各计一次）',
      'en-US': "Cadre assignments (包联 or 下沉) covering the period's last day, one per community",
    },
    unit: 'count',
    periodic: false,
    higherIsBetter: true,
    compute: (input) => {
      const day = lastDay(input.to);
      return perNode(
        input,
        (p) => sql`select count(*) from cadre_assignments a where a.scope_path like ${p} || '%'
          and a.from_on <= ${day} and (a.to_on is null or a.to_on >= ${day})`,
      );
    },
    drill: ({ node, to }) => `/cadres/assignments?territoryId=${node.id}&activeOn=${to}`,
  },
  {
    key: 'cadres.workRecords',
    section: 'structure',
    label: { 'zh-CN': '包联干部走访', 'en-US': "Cadres' visits" },
    formula: {
      'zh-CN': '期内包联、下沉干部在社区的走访和办事记录条数（下钻列表按干部列出期内条数）',
      'en-US': "Visits and work records of assigned cadres in the period (the list gives each cadre's count)",
    },
    unit: 'count',
    periodic: true,
    higherIsBetter: true,
    compute: (input) => {
      const from = chinaDay(input.from);
      const to = lastDay(input.to);
      return perNode(
        input,
        (p) => sql`select count(*) from cadre_work_records r where r.scope_path like ${p} || '%'
          and r.worked_on between ${from} and ${to}`,
      );
    },
    drill: ({ node, from, to }) => `/cadres/assignments?territoryId=${node.id}&from=${from}&to=${to}`,
  },
  {
    key: 'cadres.talents',
    section: 'structure',
    label: { 'zh-CN': '后备人才储备', 'en-US': 'Reserve talent pool' },
    formula: {
      'zh-CN': '后备人才库中储备和培养中的人数（不含已任用和退出的）',
      'en-US': 'People in the reserve talent pool or in training (appointed and left not counted)',
    },
    unit: 'count',
    periodic: false,
    higherIsBetter: true,
    compute: (input) =>
      perNode(
        input,
        (p) => sql`select count(*) from reserve_talents t where t.scope_path like ${p} || '%'
          and t.status in ('pool', 'training')`,
      ),
    drill: ({ node }) => `/cadres/talents?territoryId=${node.id}&current=true`,
  },
];
