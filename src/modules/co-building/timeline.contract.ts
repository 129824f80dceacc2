import { z } from 'zod';
import { PageQuery } from '../../kernel/http/pagination.js';

/** The public timeline's wire contract (issue 12 point 9, decision 041). */
export const TimelineQuery = PageQuery.extend({
  /** Staff choose a community of their area; a resident gets their own (another is 404). */
  communityId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
});
export type TimelineQuery = z.infer<typeof TimelineQuery>;

export const TIMELINE_STEPS = ['need', 'match', 'project', 'outcome', 'rating', 'posted', 'taken', 'progress'] as const;
export const TimelineStep = z.object({
  step: z.enum(TIMELINE_STEPS),
  on: z.string(),
  text: z.string(),
  /** Residents' rating: average stars and how many rated. */
  stars: z.number().optional(),
  count: z.number().int().optional(),
  /** The record the step comes from. */
  ref: z.object({ type: z.enum(['need', 'resource', 'project', 'challenge']), id: z.number().int() }),
});
export const TimelineEntry = z.object({
  kind: z.enum(['need', 'challenge']),
  id: z.number().int(),
  title: z.string(),
  status: z.string(),
  steps: z.array(TimelineStep),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;
export const Timeline = z.object({
  community: z.object({ id: z.number().int(), name: z.string() }),
  items: z.array(TimelineEntry),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
