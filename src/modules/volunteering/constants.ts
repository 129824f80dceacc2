/** Volunteering and points (issue 15 items 1–3, 8; decision 022): the words and rules as data. */

export const ACTIVITY_KINDS = ['volunteer', 'serviceFair', 'themeDay'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const ACTIVITY_STATUSES = ['open', 'closed', 'cancelled'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

/**
 * A sign-up's life: signedUp → checkedIn → checkedOut → confirmed (hours credited) or rejected; signedUp may be
 * cancelled by the volunteer. Only the activity's organisers confirm or reject (谁组织谁记录).
 */
export const SIGNUP_STATUSES = ['signedUp', 'checkedIn', 'checkedOut', 'confirmed', 'rejected', 'cancelled'] as const;
export type SignupStatus = (typeof SIGNUP_STATUSES)[number];
/** Statuses that hold a place on the shift. */
export const HOLDS_PLACE: readonly SignupStatus[] = ['signedUp', 'checkedIn', 'checkedOut', 'confirmed'];

export const CHECK_METHODS = ['qr', 'location'] as const;
export type CheckMethod = (typeof CHECK_METHODS)[number];

/** Check-in opens this long before the shift starts; check-out closes this long after it ends. */
export const CHECK_GRACE_MINUTES = 30;
/** Default radius for check-in by location. */
export const DEFAULT_RADIUS_M = 300;
/** A QR token the organiser's page shows is valid for this long (the page refreshes it). */
export const QR_TOKEN_MINUTES = 10;

export const TEAM_KINDS = ['volunteer', 'commando', 'vanguardPost', 'modelPost'] as const;
export type TeamKind = (typeof TEAM_KINDS)[number];

/** What earns points (the points ledger's sources). `manual` needs a reason and a second approver. */
export const POINT_SOURCES = [
  'activityHours',
  'serviceFair',
  'orderDone',
  'wishClaimed',
  'meetingAttended',
  'manual',
] as const;
export type PointSource = (typeof POINT_SOURCES)[number];
export const RULE_UNITS = ['hour', 'event'] as const;
export type RuleUnit = (typeof RULE_UNITS)[number];
export const CAP_PERIODS = ['month', 'year'] as const;
export type CapPeriod = (typeof CAP_PERIODS)[number];
export const ENTRY_STATUSES = ['posted', 'pending', 'rejected'] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

/**
 * The rules a district starts with when it has none of its own (seed 003: 积分 for service). Points per hour of
 * confirmed volunteer service, per service fair served, per order done, per micro-wish claimed, per meeting
 * attended; each capped per period.
 */
export const DEFAULT_RULES: readonly {
  source: Exclude<PointSource, 'manual'>;
  unit: RuleUnit;
  points: number;
  cap: number | null;
  capPeriod: CapPeriod;
}[] = [
  { source: 'activityHours', unit: 'hour', points: 2, cap: 40, capPeriod: 'month' },
  { source: 'serviceFair', unit: 'event', points: 5, cap: 20, capPeriod: 'month' },
  { source: 'orderDone', unit: 'event', points: 3, cap: 30, capPeriod: 'month' },
  { source: 'wishClaimed', unit: 'event', points: 5, cap: 20, capPeriod: 'month' },
  { source: 'meetingAttended', unit: 'event', points: 1, cap: 12, capPeriod: 'month' },
];

/**
 * Stars 星级 (seed 003 积分和星级评定): from the points posted in the calendar year, then adjusted by the latest
 * dual evaluation 双评议 of the year. Thresholds: 1★ from 0, 2★ from 30, 3★ from 60, 4★ from 100, 5★ from 150.
 * An 'excellent' evaluation adds one star (at most 5); 'fair' caps at 3★; 'poor' caps at 1★.
 */
export const STAR_THRESHOLDS = [0, 30, 60, 100, 150] as const;
export const EVALUATION_EFFECT = { excellent: 'plusOne', good: 'none', fair: 'capThree', poor: 'capOne' } as const;
export type Grade = keyof typeof EVALUATION_EFFECT;

/** The stated rule, pure: points of the year and the latest grade → stars (1..5). */
export function starsOf(yearPoints: number, grade: Grade | null): number {
  let stars = 0;
  for (const th of STAR_THRESHOLDS) if (yearPoints >= th) stars++;
  if (grade === 'excellent') stars = Math.min(5, stars + 1);
  if (grade === 'fair') stars = Math.min(3, stars);
  if (grade === 'poor') stars = Math.min(1, stars);
  return stars;
}
