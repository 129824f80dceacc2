import { and, eq, gte, lt, sql } from 'drizzle-orm';
import type { FigureDef, FigureInput } from '../../kernel/figures.js';
import { t } from '../../kernel/i18n/i18n.js';
import { inSubtree } from '../../kernel/scope/scope.js';
import { asAssessments, asBookings, asRatings } from './schema.js';

const label = (key: string) => ({ 'zh-CN': t('zh-CN', key), 'en-US': t('en-US', key) });
const perNode = async <T>(input: FigureInput, one: (path: string) => Promise<T>) =>
  Promise.all(input.nodes.map((n) => one(n.path)));
const num = (v: unknown) => Number(v ?? 0);

/** Figures of assessment 考评督导 for the dashboard: each counted from records under the node, with its list. */
export const ASSESSMENT_FIGURES: readonly FigureDef[] = [
  {
    key: 'assessment.advanced',
    section: 'assessment',
    label: label('assessment.figure.advanced'),
    formula: {
      'zh-CN': '期间内经上级复查定级为“先进”的组织数（按定级时间）',
      'en-US': 'Organisations graded advanced by the superior review in the period (by grading time)',
    },
    unit: 'count',
    periodic: true,
    higherIsBetter: true,
    compute: (input) =>
      perNode(input, async (path) => {
        const [r] = await input.db
          .select({ n: sql<number>`count(*)::int` })
          .from(asAssessments)
          .where(
            and(
              inSubtree(asAssessments.scopePath, path),
              eq(asAssessments.grade, 'advanced'),
              gte(asAssessments.gradedAt, input.from),
              lt(asAssessments.gradedAt, input.to),
            ),
          );
        return { value: num(r?.n) };
      }),
    drill: ({ node, from, to }) =>
      `/assessment/standardisation?territoryId=${node.id}&grade=advanced&from=${from}&to=${to}`,
  },
  {
    key: 'assessment.weak',
    section: 'assessment',
    label: label('assessment.figure.weak'),
    formula: {
      'zh-CN': '当前列为软弱涣散（复查定级为后进、整改复查尚未达标）的组织数',
      'en-US': 'Organisations flagged weak now (graded lagging, not yet cleared by a re-check)',
    },
    unit: 'count',
    periodic: false,
    higherIsBetter: false,
    compute: (input) =>
      perNode(input, async (path) => {
        const [r] = await input.db
          .select({ n: sql<number>`count(*)::int` })
          .from(asAssessments)
          .where(and(inSubtree(asAssessments.scopePath, path), eq(asAssessments.weak, true)));
        return { value: num(r?.n) };
      }),
    drill: ({ node }) => `/assessment/standardisation?territoryId=${node.id}&weak=true`,
  },
  {
    key: 'assessment.rating',
    section: 'assessment',
    label: label('assessment.figure.rating'),
    formula: {
      'zh-CN': '期间内居民和监督员对本区域服务单位评议的平均星级 × 20（满分 100）',
      'en-US': 'Mean stars × 20 of the ratings of service units of the area given in the period (out of 100)',
    },
    unit: 'score',
    periodic: true,
    higherIsBetter: true,
    compute: (input) =>
      perNode(input, async (path) => {
        const [r] = await input.db
          .select({ n: sql<number>`count(*)::int`, sum: sql<number>`coalesce(sum(${asRatings.stars}), 0)::int` })
          .from(asRatings)
          .where(
            and(
              inSubtree(asRatings.scopePath, path),
              gte(asRatings.createdAt, input.from),
              lt(asRatings.createdAt, input.to),
            ),
          );
        const n = num(r?.n);
        return { value: n ? Math.round((num(r?.sum) * 20 * 10) / n) / 10 : null };
      }),
    drill: ({ node }) => `/assessment/rating?territoryId=${node.id}`,
  },
  {
    key: 'assessment.bookings',
    section: 'assessment',
    label: label('assessment.figure.bookings'),
    formula: {
      'zh-CN': '期间内开始的党群服务中心场地预约数（不含已取消）',
      'en-US': 'Service-centre room bookings starting in the period (cancelled ones left out)',
    },
    unit: 'count',
    periodic: true,
    higherIsBetter: true,
    compute: (input) =>
      perNode(input, async (path) => {
        const [r] = await input.db
          .select({ n: sql<number>`count(*)::int` })
          .from(asBookings)
          .where(
            and(
              inSubtree(asBookings.scopePath, path),
              eq(asBookings.status, 'booked'),
              gte(asBookings.startsAt, input.from),
              lt(asBookings.startsAt, input.to),
            ),
          );
        return { value: num(r?.n) };
      }),
    drill: ({ node }) => `/assessment/centres?territoryId=${node.id}`,
  },
];
