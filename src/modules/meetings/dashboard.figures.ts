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

/** Consultations opened in the period under each node, with the residents who took part in each (summed). */
const consultCache = new WeakMap<FigureInput, Promise<{ opened: number; participation: number }[]>>();
function consultationsOf(input: FigureInput) {
  let p = consultCache.get(input);
  if (p) return p;
  p = (async () => {
    if (!input.nodes.length) return [];
    const paths = sql.join(
      input.nodes.map((n, i) => sql`(${i}::int, ${n.path}::text)`),
      sql`, `,
    );
    const res = await input.db.execute(sql`
      with n(i, path) as (values ${paths}),
      c as (select c.id, c.scope_path from consultations c
            where c.opens_at >= ${input.from.toISOString()}::timestamptz and c.opens_at < ${input.to.toISOString()}::timestamptz),
      p as (select c.id, count(distinct x.account_id)::int as people from c
            join (select consultation_id, account_id from consultation_comments
                  union select consultation_id, account_id from consultation_votes) x on x.consultation_id = c.id
            group by c.id)
      select n.i,
        (select count(*) from c where c.scope_path like n.path || '%')::int as opened,
        (select coalesce(sum(p.people), 0) from c join p on p.id = c.id where c.scope_path like n.path || '%')::int
          as participation
      from n order by n.i`);
    return rowsOf(res).map((r) => ({ opened: Number(r.opened), participation: Number(r.participation) }));
  })();
  consultCache.set(input, p);
  return p;
}
const consultDrill = ({ node, from, to }: { node: { id: number }; from: string; to: string }) =>
  `/consultations?territoryId=${node.id}&${period(from, to)}`;

export const MEETING_FIGURES: readonly FigureDef[] = [
  {
    key: 'meetings.consultations',
    section: 'meetings',
    label: { 'zh-CN': '协商议事', 'en-US': 'Consultations' },
    formula: {
      'zh-CN': '期内发布（征求意见开始）的协商议题数，含已撤回的',
      'en-US': 'Consultations opened (comment period started) in the period, withdrawn ones included',
    },
    unit: 'count',
    periodic: true,
    higherIsBetter: true,
    compute: async (input) => (await consultationsOf(input)).map((r) => ({ value: r.opened })),
    drill: consultDrill,
  },
  {
    key: 'meetings.consultationParticipation',
    section: 'meetings',
    label: { 'zh-CN': '居民参与协商人次', 'en-US': 'Residents taking part' },
    formula: {
      'zh-CN': '期内发布的每个协商议题中发表意见或参加表决的居民人数之和（同一居民在一个议题中只计一次）',
      'en-US':
        'Sum over the consultations opened in the period of the residents who commented or voted (each counted once per topic)',
    },
    unit: 'count',
    periodic: true,
    higherIsBetter: true,
    compute: async (input) => (await consultationsOf(input)).map((r) => ({ value: r.participation })),
    drill: consultDrill,
  },
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
