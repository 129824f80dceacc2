import ExcelJS from 'exceljs';
import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import { chinaDay } from '../../kernel/clock.js';
import type { Ctx } from '../../kernel/context.js';
import { territories } from '../../kernel/db/schema.js';
import { inScope } from '../../kernel/scope/scope.js';
import { partyOrgs } from '../organizations/index.js';
import { reviewScore, visitScore } from './grading.js';
import {
  asAnnualReviews,
  asKeyTasks,
  asRectificationItems,
  asReviewRatings,
  asVisitScores,
  asVisits,
} from './schema.js';

/** Ledgers 台账 of the annual cycle to Excel (decision 032): key tasks, visits, annual reviews, rectification items. */
export const CYCLE_LEDGERS = ['keyTasks', 'reviews', 'visits', 'rectification'] as const;
export type CycleLedger = (typeof CYCLE_LEDGERS)[number];

const HEADERS: Record<CycleLedger, Record<'zh-CN' | 'en-US', string[]>> = {
  keyTasks: {
    'zh-CN': ['年度', '类别', '责任单位', '任务', '责任人', '截止日期', '状态', '是否逾期', '佐证材料', '验收意见'],
    'en-US': ['Year', 'Kind', 'Organisation', 'Task', 'Owner', 'Due', 'Status', 'Overdue', 'Evidence', 'Check note'],
  },
  visits: {
    'zh-CN': ['日期', '类别', '被督导单位', '四不两直', '督导人员', '情况', '观摩得分', '发现问题', '未整改'],
    'en-US': ['Date', 'Kind', 'Place', 'Unannounced', 'Inspectors', 'Summary', 'Score', 'Findings', 'Open'],
  },
  reviews: {
    'zh-CN': ['年度', '党组织', '书记', '述职', '党员评分人数', '群众评分人数', '上级评分人数', '得分', '状态'],
    'en-US': ['Year', 'Organisation', 'Secretary', 'Reported', 'Members', 'Residents', 'Superior', 'Score', 'State'],
  },
  rectification: {
    'zh-CN': ['整改事项', '来源', '责任单位', '截止日期', '完成时间', '佐证材料'],
    'en-US': ['Item', 'Source', 'Place', 'Due', 'Done', 'Evidence'],
  },
};
const L = {
  'zh-CN': {
    key: '重点任务',
    responsibility: '责任清单',
    open: '未提交',
    submitted: '待验收',
    accepted: '已验收',
    returned: '已退回',
    supervision: '督导',
    observation: '观摩',
    yes: '是',
    no: '否',
    assessment: '规范化建设',
    visit: '督导观摩',
    review: '述职评议',
    closed: '已结束',
    running: '评议中',
  },
  'en-US': {
    key: 'Key task',
    responsibility: 'Responsibility',
    open: 'Open',
    submitted: 'Handed in',
    accepted: 'Accepted',
    returned: 'Returned',
    supervision: 'Supervision',
    observation: 'Observation',
    yes: 'yes',
    no: 'no',
    assessment: 'Standardisation',
    visit: 'Visit',
    review: 'Annual review',
    closed: 'Closed',
    running: 'Open',
  },
} as const;

/** The rows of one ledger over the caller's subtree (a year where the ledger has one), as an .xlsx file. */
export async function exportCycleLedger(ctx: Ctx, kind: CycleLedger, year?: number): Promise<Buffer> {
  const l = L[ctx.locale];
  const rows: (string | number | null)[][] = [];
  const placeNames = async (ids: number[]) => {
    const xs = ids.length
      ? await ctx.db
          .select({ id: territories.id, name: territories.name, path: territories.path })
          .from(territories)
          .where(inArray(territories.id, [...new Set(ids)]))
      : [];
    return new Map(xs.map((x) => [x.id, x.name]));
  };
  if (kind === 'keyTasks') {
    const today = chinaDay(ctx.clock.now());
    const w: SQL[] = [inScope(ctx.actor, asKeyTasks.scopePath)];
    if (year) w.push(eq(asKeyTasks.year, year));
    const xs = await ctx.db
      .select()
      .from(asKeyTasks)
      .where(and(...w))
      .orderBy(asc(asKeyTasks.dueOn), asc(asKeyTasks.id))
      .limit(10_000);
    const names = await placeNames(xs.map((x) => x.territoryId));
    for (const x of xs)
      rows.push([
        x.year,
        l[x.kind],
        names.get(x.territoryId) ?? '',
        x.title,
        x.ownerName,
        x.dueOn,
        l[x.status],
        x.status !== 'accepted' && x.dueOn < today ? l.yes : l.no,
        x.evidence,
        x.checkNote,
      ]);
  } else if (kind === 'visits') {
    const xs = await ctx.db
      .select()
      .from(asVisits)
      .where(inScope(ctx.actor, asVisits.scopePath))
      .orderBy(asc(asVisits.visitedOn), asc(asVisits.id))
      .limit(10_000);
    const found = xs.length
      ? await ctx.db
          .select({ visitId: asRectificationItems.visitId, doneAt: asRectificationItems.doneAt })
          .from(asRectificationItems)
          .where(
            inArray(
              asRectificationItems.visitId,
              xs.map((x) => x.id),
            ),
          )
      : [];
    const names = await placeNames(xs.map((x) => x.territoryId));
    const given = xs.length
      ? await ctx.db
          .select({ visitId: asVisitScores.visitId, score: asVisitScores.score })
          .from(asVisitScores)
          .where(
            inArray(
              asVisitScores.visitId,
              xs.map((x) => x.id),
            ),
          )
      : [];
    for (const x of xs) {
      if (year && Number(x.visitedOn.slice(0, 4)) !== year) continue;
      const f = found.filter((r) => r.visitId === x.id);
      rows.push([
        x.visitedOn,
        l[x.kind],
        names.get(x.territoryId) ?? '',
        x.unannounced ? l.yes : l.no,
        x.inspectors,
        x.summary,
        visitScore(given.filter((g) => g.visitId === x.id).map((g) => g.score)),
        f.length,
        f.filter((r) => !r.doneAt).length,
      ]);
    }
  } else if (kind === 'reviews') {
    const w: SQL[] = [inScope(ctx.actor, asAnnualReviews.scopePath)];
    if (year) w.push(eq(asAnnualReviews.year, year));
    const xs = await ctx.db
      .select({ r: asAnnualReviews, org: partyOrgs.name })
      .from(asAnnualReviews)
      .innerJoin(partyOrgs, eq(partyOrgs.id, asAnnualReviews.partyOrgId))
      .where(and(...w))
      .orderBy(asc(asAnnualReviews.year), asc(asAnnualReviews.id))
      .limit(10_000);
    const ratings = xs.length
      ? await ctx.db
          .select({ reviewId: asReviewRatings.reviewId, kind: asReviewRatings.raterKind, score: asReviewRatings.score })
          .from(asReviewRatings)
          .where(
            inArray(
              asReviewRatings.reviewId,
              xs.map((x) => x.r.id),
            ),
          )
      : [];
    for (const { r, org } of xs) {
      const of = (k: 'member' | 'resident' | 'superior') =>
        ratings.filter((x) => x.reviewId === r.id && x.kind === k).map((x) => x.score);
      const groups = (
        [
          ['member', r.memberWeight],
          ['resident', r.residentWeight],
          ['superior', r.superiorWeight],
        ] as const
      ).map(([k, weight]) => ({ weight, n: of(k).length, sum: of(k).reduce((s, v) => s + v, 0) }));
      rows.push([
        r.year,
        org,
        r.secretaryName,
        r.report ? l.yes : l.no,
        groups[0]!.n,
        groups[1]!.n,
        groups[2]!.n,
        r.closedAt ? r.score : reviewScore(groups),
        r.closedAt ? l.closed : l.running,
      ]);
    }
  } else {
    const xs = await ctx.db
      .select({ x: asRectificationItems, place: territories.name })
      .from(asRectificationItems)
      .innerJoin(territories, eq(territories.path, asRectificationItems.scopePath))
      .where(inScope(ctx.actor, asRectificationItems.scopePath))
      .orderBy(asc(asRectificationItems.dueOn), asc(asRectificationItems.id))
      .limit(10_000);
    for (const { x, place } of xs) {
      if (year && Number(x.dueOn.slice(0, 4)) !== year) continue;
      rows.push([
        x.title,
        x.assessmentId ? l.assessment : x.visitId ? l.visit : l.review,
        place,
        x.dueOn,
        x.doneAt ? chinaDay(x.doneAt) : null,
        x.evidence,
      ]);
    }
  }
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(kind);
  ws.addRow(HEADERS[kind][ctx.locale]).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  ws.columns.forEach((c) => (c.width = 18));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
