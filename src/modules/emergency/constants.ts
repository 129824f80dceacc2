/** Emergency mode 平战结合 and river patrols 党建+河长制: the words of the module (decision 026). */

export const EVENT_KINDS = ['epidemic', 'flood', 'fire', 'other'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
export const EVENT_STATUSES = ['active', 'ended'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];
/** Only a district or a street switches emergency mode on (seed 004: 街道、社区 平战结合). */
export const SWITCH_LEVELS = ['district', 'street'] as const;

export const POST_KINDS = ['dutyPost', 'responsibilityArea'] as const;
export type PostKind = (typeof POST_KINDS)[number];

export const TEAM_KINDS = ['commando', 'volunteer', 'unit', 'other'] as const;
export type TeamKind = (typeof TEAM_KINDS)[number];
/** A team activated for an event, named in the event's own free list (the volunteering module keeps teams). */
export interface TeamRef {
  name: string;
  kind: TeamKind;
  members: string | null;
}

/** A knock at a door: 已走访 (someone answered), 不在家 (knock again), 需帮助 (an order is raised). */
export const VISIT_RESULTS = ['visited', 'notHome', 'needsHelp'] as const;
export type VisitResult = (typeof VISIT_RESULTS)[number];
/** A household counts as covered once someone answered (visited or needs help). */
export const COVERED: readonly VisitResult[] = ['visited', 'needsHelp'];

/** What a station measures, with its unit. */
export const METRICS = {
  waterLevel: 'm',
  ph: 'pH',
  dissolvedOxygen: 'mg/L',
  ammoniaNitrogen: 'mg/L',
  cod: 'mg/L',
  turbidity: 'NTU',
} as const;
export type Metric = keyof typeof METRICS;
const L = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en });
export const METRIC_LABELS: Record<Metric, { 'zh-CN': string; 'en-US': string }> = {
  waterLevel: L('水位', 'Water level'),
  ph: L('pH值', 'pH'),
  dissolvedOxygen: L('溶解氧', 'Dissolved oxygen'),
  ammoniaNitrogen: L('氨氮', 'Ammonia nitrogen'),
  cod: L('化学需氧量', 'COD'),
  turbidity: L('浊度', 'Turbidity'),
};
export const METRIC_KEYS = Object.keys(METRICS) as [Metric, ...Metric[]];

export const READING_SOURCES = ['gateway', 'import'] as const;
export type ReadingSource = (typeof READING_SOURCES)[number];
export const ALERT_STATUSES = ['open', 'closed'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** The sensor endpoint's limits: per station code and per IP, per minute. */
export const INGEST_LIMITS = { perStation: 120, perIp: 600, windowSeconds: 60 } as const;

/** Recruitment 发展党员: the stages in order (rules in recruitment.rules.ts). */
export const STAGES = ['applicant', 'activist', 'target', 'probationary', 'full'] as const;
export type Stage = (typeof STAGES)[number];
