import { z } from 'zod';
import { PageQuery } from '../../kernel/http/pagination.js';

/** Visits 走访 (issue 10 item 13, decision 038): the shapes the API and the pages share. */
const Id = z.coerce.number().int().positive().max(2_147_483_647);
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const Month = z.string().regex(/^\d{4}-\d{2}$/);
const Category = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[a-zA-Z][a-zA-Z0-9]*$/);
const boolQ = z.enum(['true', 'false']).transform((v) => v === 'true');
const Ref = z.object({ id: z.number().int(), name: z.string() });

export const IdParam = z.object({ id: Id });

/** A finding turned into a service order in the same step: its category and (optional) title. */
export const FindingOrder = z
  .object({
    category: Category,
    title: z.string().trim().min(1).max(100).nullish(),
  })
  .strict();

export const RecordVisit = z
  .object({
    /** The grid worker who visited (staff recording for one; a grid worker's own record is found by account). */
    workerId: Id.nullish(),
    /** The household (or building) visited. */
    territoryId: Id,
    visitedOn: Day,
    note: z.string().trim().max(2000).nullish(),
    finding: z.string().trim().min(1).max(2000).nullish(),
    followUp: z.boolean().optional(),
    /** Turn the finding into a service order now (origin 'patrol' 排摸发现). Needs `finding`. */
    order: FindingOrder.nullish(),
  })
  .strict();
export type RecordVisit = z.infer<typeof RecordVisit>;

export const VisitListQuery = PageQuery.extend({
  workerId: Id.optional(),
  gridId: Id.optional(),
  territoryId: Id.optional(),
  from: Day.optional(),
  /** Inclusive last day. */
  to: Day.optional(),
  hasFinding: boolQ.optional(),
  hasOrder: boolQ.optional(),
  /** Only households assigned to the worker (the coverage figure's drill-down). */
  assigned: boolQ.optional(),
});
export type VisitListQuery = z.infer<typeof VisitListQuery>;

export const Visit = z.object({
  id: z.number().int(),
  worker: Ref.nullable(),
  member: Ref.nullable(),
  visitorName: z.string(),
  territory: z.object({ id: z.number().int(), name: z.string(), level: z.string(), path: z.string() }),
  /** Compound / building / household names from the community down, e.g. 文亭巷小区 3号楼 2单元101. */
  placeName: z.string(),
  community: Ref,
  gridId: z.number().int().nullable(),
  gridName: z.string().nullable(),
  visitedOn: z.string(),
  note: z.string().nullable(),
  finding: z.string().nullable(),
  followUp: z.boolean(),
  order: z.object({ id: z.number().int(), status: z.string(), origin: z.string() }).nullable(),
  createdAt: z.date(),
});
export type Visit = z.infer<typeof Visit>;

export const CoverageQuery = z.object({
  month: Month.optional(),
  communityId: Id.optional(),
  gridId: Id.optional(),
  /** Workers at or below this place (the dashboard figure's drill-down). */
  territoryId: Id.optional(),
});
export type CoverageQuery = z.infer<typeof CoverageQuery>;

export const CoverageRow = z.object({
  worker: Ref,
  grid: Ref,
  community: Ref,
  /** Households assigned to the worker 联系户 now. */
  assigned: z.number().int(),
  /** Of those, households with at least one visit by the worker in the month. */
  visited: z.number().int(),
  /** visited / assigned, 0..1; null without assigned households. */
  rate: z.number().nullable(),
  /** All visits the worker recorded in the month (also to other places), and those with a finding. */
  visits: z.number().int(),
  findings: z.number().int(),
});
export const Coverage = z.object({
  month: z.string(),
  from: z.string(),
  to: z.string(),
  formula: z.string(),
  items: z.array(CoverageRow),
  total: z.object({ assigned: z.number().int(), visited: z.number().int(), rate: z.number().nullable() }),
});
export type Coverage = z.infer<typeof Coverage>;
