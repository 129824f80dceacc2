import { and, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { FigureAmount, FigureDef, FigureInput } from '../../kernel/figures.js';
import { inSubtree } from '../../kernel/scope/scope.js';
import { pointEntries, volSignups, volTeamMembers, volTeams } from './schema.js';

/**
 * Figures of volunteering for the dashboard (issue 15 item 3; seeds 000/001/003: teams, members, hours), each counted
 * per node from records, with its drill-down list filtered to exactly the rows counted.
 */
async function perNode(input: FigureInput, amount: (path: string) => Promise<number>): Promise<FigureAmount[]> {
  const out: FigureAmount[] = [];
  for (const n of input.nodes) out.push({ value: await amount(n.path) });
  return out;
}
const num = (v: unknown) => Number(v ?? 0);
const under = (col: AnyPgColumn, path: string): SQL => inSubtree(col, path);

export const VOLUNTEERING_FIGURES: FigureDef[] = [
  {
    key: 'volunteering.teams',
    section: 'volunteering',
    label: { 'zh-CN': '志愿服务队、突击队和先锋岗', 'en-US': 'Teams and posts' },
    formula: {
      'zh-CN': '本区域内登记的志愿服务队、党员突击队、先锋岗和示范岗的数量',
      'en-US': 'Volunteer teams, commando teams, vanguard and model posts registered in the area',
    },
    unit: 'count',
    periodic: false,
    higherIsBetter: true,
    compute: (input) =>
      perNode(input, async (path) => {
        const [r] = await input.db
          .select({ n: sql<number>`count(*)::int` })
          .from(volTeams)
          .where(and(under(volTeams.scopePath, path), lt(volTeams.createdAt, input.to)));
        return num(r?.n);
      }),
    drill: ({ node }) => `/volunteering/teams?territoryId=${node.id}`,
  },
  {
    key: 'volunteering.teamMembers',
    section: 'volunteering',
    label: { 'zh-CN': '队伍和岗位成员', 'en-US': 'Team and post members' },
    formula: {
      'zh-CN': '本区域各队伍、岗位的成员人次（一人在两支队伍计两次）',
      'en-US': 'Memberships of the area’s teams and posts (one person in two teams counts twice)',
    },
    unit: 'count',
    periodic: false,
    higherIsBetter: true,
    compute: (input) =>
      perNode(input, async (path) => {
        const [r] = await input.db
          .select({ n: sql<number>`count(*)::int` })
          .from(volTeamMembers)
          .where(and(under(volTeamMembers.scopePath, path), lt(volTeamMembers.createdAt, input.to)));
        return num(r?.n);
      }),
    drill: ({ node }) => `/volunteering/teams?territoryId=${node.id}`,
  },
  {
    key: 'volunteering.hours',
    section: 'volunteering',
    label: { 'zh-CN': '志愿服务时长（小时）', 'en-US': 'Volunteer service hours' },
    formula: {
      'zh-CN': '组织者在期间内确认的服务时长之和，计入服务者的居住社区（双报到党员同时报送单位支部）',
      'en-US': 'Hours confirmed by organisers in the period, credited to the volunteer’s residence community',
    },
    unit: 'hours',
    periodic: true,
    higherIsBetter: true,
    compute: (input) =>
      perNode(input, async (path) => {
        const [r] = await input.db
          .select({ n: sql<number>`coalesce(sum(${volSignups.confirmedMinutes}), 0)::int` })
          .from(volSignups)
          .where(
            and(
              under(volSignups.creditPath, path),
              eq(volSignups.status, 'confirmed'),
              gte(volSignups.confirmedAt, input.from),
              lt(volSignups.confirmedAt, input.to),
            ),
          );
        return Math.round(num(r?.n) / 6) / 10;
      }),
    drill: ({ node, from, to }) => `/volunteering/hours?territoryId=${node.id}&status=confirmed&from=${from}&to=${to}`,
  },
  {
    key: 'volunteering.points',
    section: 'volunteering',
    label: { 'zh-CN': '积分发放', 'en-US': 'Points credited' },
    formula: {
      'zh-CN': '期间内记入积分台账（已生效）的积分之和，按居住社区计',
      'en-US': 'Points posted to the ledger in the period, by residence community',
    },
    unit: 'points',
    periodic: true,
    higherIsBetter: true,
    compute: (input) =>
      perNode(input, async (path) => {
        const [r] = await input.db
          .select({ n: sql<number>`coalesce(sum(${pointEntries.points}), 0)::int` })
          .from(pointEntries)
          .where(
            and(
              under(pointEntries.scopePath, path),
              eq(pointEntries.status, 'posted'),
              gte(pointEntries.at, input.from),
              lt(pointEntries.at, input.to),
            ),
          );
        return num(r?.n);
      }),
    drill: ({ node, from, to }) => `/volunteering/points?territoryId=${node.id}&status=posted&from=${from}&to=${to}`,
  },
];
