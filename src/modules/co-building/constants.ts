/** Where a need 需求 came from (issue 12 item 1): a resident, a recurring kind of order, a meeting, a survey. */
export const NEED_SOURCES = ['resident', 'recurringOrders', 'meeting', 'survey'] as const;
export type NeedSource = (typeof NEED_SOURCES)[number];

/** The states of a need: open → matched → inProject → met / notMet. */
export const NEED_STATUSES = ['open', 'matched', 'inProject', 'met', 'notMet'] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];

/** Categories of needs and resources: the order categories plus co-building's own. */
export const CO_CATEGORIES = [
  'environment',
  'repair',
  'safety',
  'neighbourhood',
  'elderly',
  'children',
  'parking',
  'greening',
  'culture',
  'health',
  'property',
  'policy',
  'other',
] as const;
export type CoCategory = (typeof CO_CATEGORIES)[number];

/** What a resource 资源 is: venue 场地, equipment 设备, skill 技能, money 资金, volunteer hours 志愿时长. */
export const RESOURCE_KINDS = ['venue', 'equipment', 'skill', 'money', 'hours'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** Who offers a resource: a unit 驻区单位, a party organisation, a party member, a resident. */
export const OFFERER_KINDS = ['unit', 'partyOrg', 'member', 'resident'] as const;
export type OffererKind = (typeof OFFERER_KINDS)[number];

export const MATCH_DECISIONS = ['accepted', 'rejected'] as const;
export type MatchDecision = (typeof MATCH_DECISIONS)[number];

/** A project's own states; "late" is computed (due date passed, not done). */
export const PROJECT_STATUSES = ['inProgress', 'done', 'cancelled'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];
/** The 挂图作战 colour of a project or task: on schedule, late, done. */
export const BOARD_STATES = ['due', 'late', 'done'] as const;
export type BoardState = (typeof BOARD_STATES)[number];

/**
 * Matching weights (docs/decisions/018-co-building.md). The score of a resource for a need is
 * Σ weight × factor, each factor in [0, 1].
 */
export const MATCH_WEIGHTS = {
  category: 0.4,
  distance: 0.25,
  capacity: 0.15,
  availability: 0.1,
  fulfilment: 0.1,
} as const;
export type MatchFactor = keyof typeof MATCH_WEIGHTS;
export const MATCH_FACTORS = Object.keys(MATCH_WEIGHTS) as MatchFactor[];

/** Default window of the recurring-order proposal: N orders of one category at one compound in M days. */
export const RECURRING_DEFAULT = { minOrders: 3, days: 30 } as const;

/** 契约化共建 stages: 商约 negotiating → 签约 signed → 公示 published → 履约 fulfilling → 评约 evaluated. */
export const AGREEMENT_STATUSES = ['negotiating', 'signed', 'published', 'fulfilling', 'evaluated'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];
/** The one move out of each stage. */
export const AGREEMENT_NEXT: Record<AgreementStatus, AgreementStatus | null> = {
  negotiating: 'signed',
  signed: 'published',
  published: 'fulfilling',
  fulfilling: 'evaluated',
  evaluated: null,
};
/** A deliverable as reported: not yet, done, not done (late = done after its due date, computed). */
export const DELIVERABLE_STATUSES = ['pending', 'done', 'notDone'] as const;
export type DeliverableStatus = (typeof DELIVERABLE_STATUSES)[number];
export const DELIVERABLE_STATES = ['pending', 'overdue', 'onTime', 'late', 'notDone'] as const;
export type DeliverableState = (typeof DELIVERABLE_STATES)[number];
/** Evaluation weights (decision 018): deliverables 70, residents' rating 30. */
export const AGREEMENT_WEIGHTS = { deliverables: 70, rating: 30 } as const;
