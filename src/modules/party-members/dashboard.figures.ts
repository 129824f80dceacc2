import { sql } from 'drizzle-orm';
import { rowsOf } from '../../kernel/db/rows.js';
import type { FigureDef, FigureInput } from '../../kernel/figures.js';
import { rate } from '../../kernel/figures.js';

/**
 * Party-member figures for the dashboard (issue 16): members held in the subtree, and the dual-registration rate
 * 双报到率 of its in-service members (seeds 001, 004). Stocks as of the period end, one query for both.
 */

interface Row {
  members: number;
  inService: number;
  registered: number;
}
const cache = new WeakMap<FigureInput, Promise<Row[]>>();
function all(input: FigureInput): Promise<Row[]> {
  let p = cache.get(input);
  if (p) return p;
  p = (async () => {
    if (!input.nodes.length) return [];
    const values = sql.join(
      input.nodes.map((n, i) => sql`(${i}::int, ${n.path}::text)`),
      sql`, `,
    );
    const to = input.to.toISOString();
    const res = await input.db.execute(sql`
      with n(i, path) as (values ${values})
      select n.i,
        (select count(*) from party_members m where m.scope_path like n.path || '%' and m.created_at < ${to}::timestamptz)::int as members,
        (select count(*) from party_members m where m.scope_path like n.path || '%' and m.kind = 'inService'
           and m.created_at < ${to}::timestamptz)::int as "inService",
        (select count(*) from party_members m where m.scope_path like n.path || '%' and m.kind = 'inService'
           and m.created_at < ${to}::timestamptz
           and exists (select 1 from dual_registrations r where r.member_id = m.id and r.status = 'confirmed'))::int as registered
      from n order by n.i`);
    return rowsOf(res).map((r) => ({
      members: Number(r.members),
      inService: Number(r.inService),
      registered: Number(r.registered),
    }));
  })();
  cache.set(input, p);
  return p;
}

export const PARTY_MEMBER_FIGURES: readonly FigureDef[] = [
  {
    key: 'partyMembers.count',
    section: 'structure',
    label: { 'zh-CN': '党员', 'en-US': 'Party members' },
    formula: {
      'zh-CN': '组织关系在辖区内党组织的党员数（截至期末）',
      'en-US': 'Party members whose home branch is in the subtree, as of the period end',
    },
    unit: 'count',
    periodic: false,
    higherIsBetter: true,
    compute: async (input) => (await all(input)).map((r) => ({ value: r.members })),
    drill: ({ node }) => `/party-members?communityId=${node.id}`,
  },
  {
    key: 'partyMembers.dualRegistrationRate',
    section: 'structure',
    label: { 'zh-CN': '双报到率', 'en-US': 'Dual registration rate' },
    formula: {
      'zh-CN': '已确认到居住地社区报到的在职党员数 ÷ 在职党员数 × 100%（组织关系在辖区内；截至期末）',
      'en-US':
        'In-service members with a confirmed registration at their residential community ÷ in-service members × 100% (as of the period end)',
    },
    unit: 'percent',
    periodic: false,
    higherIsBetter: true,
    compute: async (input) => (await all(input)).map((r) => rate(r.registered, r.inService)),
    drill: ({ node }) => `/party-members?communityId=${node.id}&kind=inService&dualRegistered=true`,
  },
];
