/** Plain value lists and rule data of the meetings module, shared by schema, contract, services and console. */

/**
 * Who a meeting type invites, drawn from the structure (never typed in), except the two groups the structure does
 * not hold yet (两代表一委员 and residents' representatives), which staff add by name as guests.
 * - `role`: accounts holding the role bound to the meeting's community (`community`) or anywhere in the meeting
 *   node's subtree (`subtree`).
 * - `communityCommittee` / `compoundBranch` / `ownersCommittee` / `propertyCompany`: the four parties of the
 *   compound (organizations module, seed 000); for a meeting above a compound, those of every compound below.
 * - `units`: the units 驻区单位 of the subtree (optionally of one kind), with their contacts' accounts.
 * - `guests`: named people added by hand (deputies 两代表一委员, residents' representatives).
 */
export type InviteeRule =
  | {
      kind: 'role';
      role: 'communitySecretary' | 'communityStaff' | 'gridWorker' | 'streetAdmin';
      where: 'community' | 'subtree';
    }
  | { kind: 'communityCommittee' }
  | { kind: 'compoundBranch' }
  | { kind: 'ownersCommittee' }
  | { kind: 'propertyCompany' }
  | { kind: 'units'; unitKind?: 'propertyCompany' | 'agency' | 'stateOwned' }
  | { kind: 'guests'; group: 'deputies' | 'residentReps' };

export interface MeetingTypeRule {
  key: string;
  /** Levels of the node a meeting of this type is held for. */
  levels: readonly ('compound' | 'community' | 'street' | 'district')[];
  invitees: readonly InviteeRule[];
  /** How often the body meets (shown, and used to propose the next date). */
  cadence: 'monthly' | 'quarterly' | 'asNeeded';
  /** Seed the type comes from. */
  seed: string;
}

/** The meeting types the seeds name, as data (decision 019). */
export const MEETING_TYPES = [
  {
    key: 'fourParty',
    levels: ['compound'],
    cadence: 'monthly',
    seed: '000 四方联动',
    invitees: [
      { kind: 'communityCommittee' },
      { kind: 'compoundBranch' },
      { kind: 'ownersCommittee' },
      { kind: 'propertyCompany' },
      { kind: 'role', role: 'communitySecretary', where: 'community' },
      { kind: 'role', role: 'gridWorker', where: 'subtree' },
      { kind: 'guests', group: 'residentReps' },
    ],
  },
  {
    key: 'jointMeeting',
    levels: ['community', 'street', 'district'],
    cadence: 'quarterly',
    seed: '000/002/004 联席会议',
    invitees: [
      { kind: 'communityCommittee' },
      { kind: 'units' },
      { kind: 'role', role: 'communitySecretary', where: 'subtree' },
      { kind: 'role', role: 'streetAdmin', where: 'subtree' },
    ],
  },
  {
    key: 'fiveParty',
    levels: ['community', 'street', 'district'],
    cadence: 'quarterly',
    seed: '004 五方会谈',
    invitees: [
      { kind: 'communityCommittee' },
      { kind: 'units', unitKind: 'agency' },
      { kind: 'propertyCompany' },
      { kind: 'role', role: 'communitySecretary', where: 'subtree' },
      { kind: 'guests', group: 'residentReps' },
    ],
  },
  {
    key: 'stewardMonthly',
    levels: ['community'],
    cadence: 'monthly',
    seed: '001 社区管家联席会议',
    invitees: [
      { kind: 'role', role: 'communitySecretary', where: 'community' },
      { kind: 'role', role: 'communityStaff', where: 'community' },
      { kind: 'role', role: 'gridWorker', where: 'subtree' },
    ],
  },
  {
    key: 'redPropertyAlliance',
    levels: ['community', 'street'],
    cadence: 'quarterly',
    seed: '001/002 红色物业联盟',
    invitees: [
      { kind: 'communityCommittee' },
      { kind: 'units', unitKind: 'propertyCompany' },
      { kind: 'ownersCommittee' },
      { kind: 'role', role: 'communitySecretary', where: 'subtree' },
    ],
  },
  {
    key: 'allianceJoint',
    levels: ['community', 'street'],
    cadence: 'quarterly',
    seed: '001 党建联盟联席会',
    invitees: [
      { kind: 'communityCommittee' },
      { kind: 'units' },
      { kind: 'role', role: 'communitySecretary', where: 'subtree' },
    ],
  },
  {
    key: 'residentsCouncil',
    levels: ['compound', 'community'],
    cadence: 'asNeeded',
    seed: '002 居民议事会',
    invitees: [
      { kind: 'ownersCommittee' },
      { kind: 'role', role: 'communitySecretary', where: 'community' },
      { kind: 'role', role: 'gridWorker', where: 'subtree' },
      { kind: 'guests', group: 'residentReps' },
    ],
  },
  {
    key: 'deputiesConsultation',
    levels: ['community', 'street'],
    cadence: 'asNeeded',
    seed: '002 两代表一委员协商',
    invitees: [
      { kind: 'communityCommittee' },
      { kind: 'propertyCompany' },
      { kind: 'role', role: 'communitySecretary', where: 'community' },
      { kind: 'role', role: 'communityStaff', where: 'community' },
      { kind: 'guests', group: 'deputies' },
      { kind: 'guests', group: 'residentReps' },
    ],
  },
] as const satisfies readonly MeetingTypeRule[];

export const MEETING_TYPE_KEYS = [
  'fourParty',
  'jointMeeting',
  'fiveParty',
  'stewardMonthly',
  'redPropertyAlliance',
  'allianceJoint',
  'residentsCouncil',
  'deputiesConsultation',
] as const;
export type MeetingTypeKey = (typeof MEETING_TYPE_KEYS)[number];

/** planned → held → approved (minutes locked); planned → cancelled. */
export const MEETING_STATUSES = ['planned', 'held', 'approved', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
export const MEETING_MOVES: Record<
  'hold' | 'approve' | 'cancel',
  { from: readonly MeetingStatus[]; to: MeetingStatus }
> = {
  hold: { from: ['planned'], to: 'held' },
  approve: { from: ['held'], to: 'approved' },
  cancel: { from: ['planned'], to: 'cancelled' },
};

export const INVITEE_KINDS = ['account', 'unit', 'partyOrg', 'ownersCommittee', 'guest'] as const;
export type InviteeKind = (typeof INVITEE_KINDS)[number];

export const AGENDA_SOURCES = [
  'staff',
  'hotspot',
  'overdueOrder',
  'carriedOver',
  'consultation',
  'need',
  'flag',
] as const;
export type AgendaSource = (typeof AGENDA_SOURCES)[number];

/** An order hotspot 每月一题: the same compound and category reported at least `minCount` times in `days` days. */
export const HOTSPOT_RULE = { minCount: 3, days: 30 } as const;

export const ACTION_STATUSES = ['open', 'inProgress', 'done', 'cancelled'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export const ACTION_MOVES: Record<ActionStatus, readonly ActionStatus[]> = {
  open: ['inProgress', 'done', 'cancelled'],
  inProgress: ['done', 'cancelled'],
  done: [],
  cancelled: [],
};
export const UNDONE: readonly ActionStatus[] = ['open', 'inProgress'];
export const OWNER_KINDS = ['account', 'unit', 'partyOrg'] as const;
export type OwnerKind = (typeof OWNER_KINDS)[number];
/** Reminder before the deadline (hours), then one on overdue. */
export const REMIND_BEFORE_HOURS = 24;

/** Organisational life 三会一课 and 主题党日 (seed 001: 6,600 sessions, online and offline). */
export const ORG_LIFE_KINDS = ['memberAssembly', 'branchCommittee', 'groupMeeting', 'partyLesson', 'themeDay'] as const;
export type OrgLifeKind = (typeof ORG_LIFE_KINDS)[number];
/** How often each kind is due, as data: 支部党员大会 and 党课 quarterly, 支委会, 党小组会 and 主题党日 monthly. */
export const ORG_LIFE_RULES: Record<OrgLifeKind, { every: 'month' | 'quarter' }> = {
  memberAssembly: { every: 'quarter' },
  branchCommittee: { every: 'month' },
  groupMeeting: { every: 'month' },
  partyLesson: { every: 'quarter' },
  themeDay: { every: 'month' },
};
export const SESSION_MODES = ['online', 'offline'] as const;
export type SessionMode = (typeof SESSION_MODES)[number];
export const ORG_LIFE_STATUSES = ['planned', 'held', 'approved'] as const;
export type OrgLifeStatus = (typeof ORG_LIFE_STATUSES)[number];
export const ATTENDANCE_STATUSES = ['present', 'leave', 'absent'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

/**
 * Democratic consultation 协商议事 (decision 029): a topic put to the residents of a compound or community.
 * open (notice published; residents comment and vote until `closesAt`) → concluded (staff publish the result);
 * open → withdrawn. The comment period is the time before `closesAt`, read from the clock, never stored.
 */
export const CONSULTATION_STATUSES = ['open', 'concluded', 'withdrawn'] as const;
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number];
/** The levels a consultation is put to (the residents living under that node). */
export const CONSULTATION_LEVELS = ['compound', 'community'] as const;
/** The comment period: at least one day, at most sixty. */
export const CONSULTATION_PERIOD_DAYS = { min: 1, max: 60 } as const;
