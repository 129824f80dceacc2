import { sql } from 'drizzle-orm';
import { rowsOf } from '../../kernel/db/rows.js';
import type { FigureDef, FigureInput } from '../../kernel/figures.js';
import { rate } from '../../kernel/figures.js';

/**
 * Meetings' and organisational life's figures for the dashboard (issue 16), counted as orgLifeFigures counts them
 * (sessions held or approved; attendance = present ÷ on the roster, leave counted as expected) but for any period
 * and node, in one grouped query per figure family shared by the figures of one dashboard request.
 */

interface Row {
  sessions: number;
  expected: number;
  present: number;
  meetings: number;
}
const cache = new WeakMap<FigureInput, Promise<Row[]>>();

function all(input: FigureInput): Promise<Row[]> {
  let p = cache.get(input);
  if (p) return p;
  p = (async () => {
    if (!input.nodes.length) return [];
    const paths = sql.join(
      input.nodes.map((n, i) => sql`(${i}::int, ${n.path}::text)`),
      sql`, `,
    );
    const from = input.from.toISOString();
    const to = input.to.toISOString();
    const res = await input.db.execute(sql`
      with n(i, path) as (values ${paths})
      select n.i,
        (select count(*) from org_life_sessions s where s.scope_path like n.path || '%' and s.status in ('held','approved')
           and s.held_at >= ${from}::timestamptz and s.held_at < ${to}::timestamptz)::int as sessions,
        (select count(*) from org_life_attendance a join org_life_sessions s on s.id = a.session_id
           where s.scope_path like n.path || '%' and s.status in ('held','approved')
           and s.held_at >= ${from}::timestamptz and s.held_at < ${to}::timestamptz)::int as expected,
        (select count(*) from org_life_attendance a join org_life_sessions s on s.id = a.session_id
           where s.scope_path like n.path || '%' and s.status in ('held','approved') and a.status = 'present'
           and s.held_at >= ${from}::timestamptz and s.held_at < ${to}::timestamptz)::int as present,
        (select count(*) from meetings m where m.scope_path like n.path || '%' and m.status in ('held','approved')
           and m.starts_at >= ${from}::timestamptz and m.starts_at < ${to}::timestamptz)::int as meetings
      from n order by n.i`);
    return rowsOf(res).map((r) => ({
      sessions: Number(r.sessions),
      expected: Number(r.expected),
      present: Number(r.present),
      meetings: Number(r.meetings),
    }));
  })();
  cache.set(input, p);
  return p;
}

const startOf = (day: string) => `${day}T00:00:00+08:00`;
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const period = (from: string, to: string) =>
  `from=${encodeURIComponent(startOf(from))}&to=${encodeURIComponent(startOf(nextDay(to)))}`;

export const MEETING_FIGURES: readonly FigureDef[] = [
  {
    key: 'meetings.held',
    section: 'meetings',
    label: { 'zh-CN': '召开会议', 'en-US': 'Meetings held' },
    formula: {
      'zh-CN': '期内召开（已召开或纪要已审定）的会议数，不含取消的会议',
      'en-US': 'Meetings held in the period (held or minutes approved), cancelled ones left out',
    },
    unit: 'count',
    periodic: true,
    higherIsBetter: true,
    compute: async (input) => (await all(input)).map((r) => ({ value: r.meetings })),
    drill: ({ node, from, to }) => `/meetings?territoryId=${node.id}&status=held,approved&${period(from, to)}`,
  },
  {
    key: 'orgLife.sessions',
    section: 'meetings',
    label: { 'zh-CN': '组织生活', 'en-US': 'Org-life sessions' },
    formula: {
      'zh-CN': '期内已召开（含已审核）的三会一课、主题党日场次',
      'en-US': 'Organisational-life sessions (三会一课, theme days) held or approved in the period',
    },
    unit: 'count',
    periodic: true,
    higherIsBetter: true,
    compute: async (input) => (await all(input)).map((r) => ({ value: r.sessions })),
    drill: ({ node, from, to }) => `/org-life?territoryId=${node.id}&status=held,approved&${period(from, to)}`,
  },
  {
    key: 'orgLife.attendanceRate',
    section: 'meetings',
    label: { 'zh-CN': '组织生活出勤率', 'en-US': 'Org-life attendance' },
    formula: {
      'zh-CN': '实到人次 ÷ 应到人次 × 100%（期内已召开的组织生活；请假计入应到、不计实到）',
      'en-US':
        'Members present ÷ members expected × 100% (sessions held in the period; leave is expected, not present)',
    },
    unit: 'percent',
    periodic: true,
    higherIsBetter: true,
    compute: async (input) => (await all(input)).map((r) => rate(r.present, r.expected)),
    drill: ({ node, from, to }) => `/org-life?territoryId=${node.id}&status=held,approved&${period(from, to)}`,
  },
];
