/** Assessment and supervision 考评督导 (issue 14): the fixed vocabularies. */

/** The eight domains of 规范化建设 (seed 000). */
export const DOMAINS = [
  'organisation',
  'leadership',
  'members',
  'activities',
  'venues',
  'services',
  'system',
  'guarantee',
] as const;
export type Domain = (typeof DOMAINS)[number];

/** An assessment goes 自查 → 互评 → 复查 → 定级. */
export const STAGES = ['selfCheck', 'peerReview', 'superiorReview', 'graded'] as const;
export type Stage = (typeof STAGES)[number];
export const ROUNDS = ['self', 'peer', 'superior', 'recheck'] as const;
export type Round = (typeof ROUNDS)[number];
/** 先进 / 达标 / 后进. */
export const GRADES = ['advanced', 'pass', 'lagging'] as const;
export type Grade = (typeof GRADES)[number];

export const SERVICE_UNIT_KINDS = ['window', 'department', 'property'] as const;
export type ServiceUnitKind = (typeof SERVICE_UNIT_KINDS)[number];
export const RATER_KINDS = ['resident', 'supervisor'] as const;
export type RaterKind = (typeof RATER_KINDS)[number];

export const SENT_TASK_STATUSES = ['accepted', 'refused'] as const;
export type SentTaskStatus = (typeof SENT_TASK_STATUSES)[number];

export const BOOKER_KINDS = ['unit', 'organisation', 'residentsGroup'] as const;
export type BookerKind = (typeof BOOKER_KINDS)[number];
export const BOOKING_STATUSES = ['booked', 'cancelled'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/** 重点任务 or an item of a responsibility list 责任清单 (decision 032). */
export const KEY_TASK_KINDS = ['key', 'responsibility'] as const;
export type KeyTaskKind = (typeof KEY_TASK_KINDS)[number];
export const KEY_TASK_STATUSES = ['open', 'submitted', 'accepted', 'returned'] as const;
export type KeyTaskStatus = (typeof KEY_TASK_STATUSES)[number];
/** 督导 supervision or the mid-year 观摩. */
export const VISIT_KINDS = ['supervision', 'observation'] as const;
export type VisitKind = (typeof VISIT_KINDS)[number];
/** Who rates a secretary's report 述职评议. */
export const REVIEW_RATER_KINDS = ['member', 'resident', 'superior'] as const;
export type ReviewRaterKind = (typeof REVIEW_RATER_KINDS)[number];
