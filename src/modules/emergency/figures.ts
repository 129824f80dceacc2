import { and, count, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { territories } from '../../kernel/db/schema.js';
import { rate, type FigureDef } from '../../kernel/figures.js';
import { inSubtree } from '../../kernel/scope/scope.js';
import { COVERED } from './constants.js';
import type { Stage } from './recruitment.rules.js';
import {
  emCampaigns,
  emEvents,
  emTaskAssignees,
  emTasks,
  emVisits,
  recruitCandidates,
  riverAlerts,
  riverPatrols,
} from './schema.js';

const STAGE_FIGURES: { stage: Stage; zh: string; en: string }[] = [
  { stage: 'activist', zh: '入党积极分子', en: 'Activists' },
  { stage: 'target', zh: '发展对象', en: 'Development targets' },
  { stage: 'probationary', zh: '预备党员（发展中）', en: 'Probationary members (in the pipeline)' },
];

/**
 * Figures of emergency mode and river patrols (decision 026), counted from records per node; each drills down to the
 * console list of the records counted.
 */
export const EMERGENCY_FIGURES: readonly FigureDef[] = [
  {
    key: 'emergency.coverage',
    section: 'emergency',
    label: { 'zh-CN': '入户敲门覆盖率', 'en-US': 'Door-to-door coverage' },
    formula: {
      'zh-CN': '进行中应急事件的入户任务里已走访（含需帮助）的住户 ÷ 任务范围内的住户',
      'en-US': 'Households answered (visited or needing help) ÷ households in the campaigns of active emergencies',
    },
    unit: 'percent',
    periodic: false,
    higherIsBetter: true,
    compute: async ({ db, nodes }) =>
      Promise.all(
        nodes.map(async (node) => {
          const base = db
            .select({ n: count() })
            .from(emCampaigns)
            .innerJoin(emEvents, and(eq(emEvents.id, emCampaigns.eventId), eq(emEvents.status, 'active')))
            .innerJoin(
              territories,
              and(
                eq(territories.level, 'household'),
                sql`exists (select 1 from unnest(${emCampaigns.areaPaths}) a where ${territories.path} like a || '%')`,
              ),
            );
          const [all] = await base.where(inSubtree(territories.path, node.path));
          const [covered] = await db
            .select({ n: count() })
            .from(emVisits)
            .innerJoin(emCampaigns, eq(emCampaigns.id, emVisits.campaignId))
            .innerJoin(emEvents, and(eq(emEvents.id, emCampaigns.eventId), eq(emEvents.status, 'active')))
            .where(and(inSubtree(emVisits.scopePath, node.path), inArray(emVisits.result, [...COVERED])));
          return rate(covered?.n ?? 0, all?.n ?? 0);
        }),
      ),
    drill: ({ node }) => `/emergency?status=active&territoryId=${node.id}`,
  },
  {
    key: 'emergency.checkIns',
    section: 'emergency',
    label: { 'zh-CN': '应急任务到岗打卡率', 'en-US': 'Emergency task check-ins' },
    formula: {
      'zh-CN': '进行中应急事件的任务里已打卡的人次 ÷ 下派人次',
      'en-US': 'Assignees checked in ÷ assignees of the tasks of active emergencies',
    },
    unit: 'percent',
    periodic: false,
    higherIsBetter: true,
    compute: async ({ db, nodes }) =>
      Promise.all(
        nodes.map(async (node) => {
          const [r] = await db
            .select({ all: count(), done: count(emTaskAssignees.checkedInAt) })
            .from(emTaskAssignees)
            .innerJoin(emTasks, eq(emTasks.id, emTaskAssignees.taskId))
            .innerJoin(emEvents, and(eq(emEvents.id, emTasks.eventId), eq(emEvents.status, 'active')))
            .where(inSubtree(emTasks.scopePath, node.path));
          return rate(r?.done ?? 0, r?.all ?? 0);
        }),
      ),
    drill: ({ node }) => `/emergency?status=active&territoryId=${node.id}`,
  },
  {
    key: 'river.patrols',
    section: 'emergency',
    label: { 'zh-CN': '巡河次数', 'en-US': 'River patrols' },
    formula: { 'zh-CN': '期间内开始的巡河记录数', 'en-US': 'Patrol logs started in the period' },
    unit: 'count',
    periodic: true,
    higherIsBetter: true,
    compute: async ({ db, nodes, from, to }) =>
      Promise.all(
        nodes.map(async (node) => {
          const [r] = await db
            .select({ n: count() })
            .from(riverPatrols)
            .where(
              and(
                inSubtree(riverPatrols.scopePath, node.path),
                gte(riverPatrols.startedAt, from),
                lt(riverPatrols.startedAt, to),
              ),
            );
          return { value: r?.n ?? 0 };
        }),
      ),
    drill: ({ node, from, to }) => `/river/patrols?territoryId=${node.id}&from=${from}&to=${to}`,
  },
  {
    key: 'river.alerts',
    section: 'emergency',
    label: { 'zh-CN': '监测预警次数', 'en-US': 'Monitoring alerts' },
    formula: {
      'zh-CN': '期间内读数超出监测站阈值而产生的预警数（每条读数至多一次）',
      'en-US': 'Alerts raised in the period by readings past a station’s threshold (at most one per reading)',
    },
    unit: 'count',
    periodic: true,
    higherIsBetter: false,
    compute: async ({ db, nodes, from, to }) =>
      Promise.all(
        nodes.map(async (node) => {
          const [r] = await db
            .select({ n: count() })
            .from(riverAlerts)
            .where(
              and(
                inSubtree(riverAlerts.scopePath, node.path),
                gte(riverAlerts.createdAt, from),
                lt(riverAlerts.createdAt, to),
              ),
            );
          return { value: r?.n ?? 0 };
        }),
      ),
    drill: ({ node, from, to }) => `/river/alerts?territoryId=${node.id}&from=${from}&to=${to}`,
  },
  ...STAGE_FIGURES.map(({ stage, zh, en }): FigureDef => ({
    key: `recruitment.${stage}`,
    section: 'emergency',
    label: { 'zh-CN': zh, 'en-US': en },
    formula: {
      'zh-CN': `发展党员名册中当前处于「${zh}」阶段的人数（按所在党支部的区域）`,
      'en-US': `Candidates now at the stage “${en}” (by their branch's area)`,
    },
    unit: 'count',
    periodic: false,
    higherIsBetter: true,
    compute: async ({ db, nodes }) =>
      Promise.all(
        nodes.map(async (node) => {
          const [r] = await db
            .select({ n: count() })
            .from(recruitCandidates)
            .where(and(inSubtree(recruitCandidates.scopePath, node.path), eq(recruitCandidates.stage, stage)));
          return { value: r?.n ?? 0 };
        }),
      ),
    drill: ({ node }) => `/recruitment?stage=${stage}&territoryId=${node.id}`,
  })),
];
