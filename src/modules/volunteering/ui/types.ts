/** Shapes of the volunteering API as the pages read them (JSON: dates as strings). */
export const ACTIVITY_KINDS = ['volunteer', 'serviceFair', 'themeDay'] as const;
export const ACTIVITY_STATUSES = ['open', 'closed', 'cancelled'] as const;
export const SIGNUP_STATUSES = ['signedUp', 'checkedIn', 'checkedOut', 'confirmed', 'rejected', 'cancelled'] as const;
export const TEAM_KINDS = ['volunteer', 'commando', 'vanguardPost', 'modelPost'] as const;
export const POINT_SOURCES = [
  'activityHours',
  'serviceFair',
  'orderDone',
  'wishClaimed',
  'meetingAttended',
  'manual',
] as const;
export const ENTRY_STATUSES = ['posted', 'pending', 'rejected'] as const;
export const STATUS_COLORS: Record<string, string> = {
  open: 'green',
  closed: 'default',
  cancelled: 'red',
  signedUp: 'blue',
  checkedIn: 'cyan',
  checkedOut: 'orange',
  confirmed: 'green',
  rejected: 'red',
  posted: 'green',
  pending: 'orange',
};

interface Ref {
  id: number;
  name: string;
}
export interface Shift {
  id: number;
  label: string;
  startsAt: string;
  endsAt: string;
  capacity: number;
  taken: number;
}
export interface ActivityListItem {
  id: number;
  kind: string;
  title: string;
  status: string;
  place: string;
  territory: Ref;
  team: Ref | null;
  startsAt: string | null;
  endsAt: string | null;
  capacity: number;
  taken: number;
  confirmedHours: number;
}
export interface Signup {
  id: number;
  shiftId: number;
  name: string;
  accountId: number | null;
  memberId: number | null;
  status: string;
  checkInAt: string | null;
  checkInMethod: string | null;
  checkOutAt: string | null;
  checkOutMethod: string | null;
  spanMinutes: number | null;
  confirmedMinutes: number | null;
  confirmedAt: string | null;
  creditCommunity: string | null;
  reportBranch: string | null;
  note: string | null;
}
export interface Activity extends ActivityListItem {
  description: string | null;
  lng: number | null;
  lat: number | null;
  radiusM: number;
  organisers: Ref[];
  isOrganiser: boolean;
  shifts: Shift[];
  signups: Signup[];
}
export interface SignupRow extends Signup {
  activity: Ref;
  shiftLabel: string;
  startsAt: string;
}
export interface OpenActivity extends ActivityListItem {
  description: string | null;
  lng: number | null;
  lat: number | null;
  radiusM: number;
  shifts: (Shift & { mine: Signup | null })[];
}
export interface Entry {
  id: number;
  personKey: string;
  name: string;
  branch: Ref | null;
  source: string;
  ref: string;
  quantity: number;
  points: number;
  requested: number;
  reason: string | null;
  status: string;
  period: string;
  at: string;
  requestedBy: number | null;
  approvedBy: number | null;
}
export interface MyPoints {
  year: number;
  yearPoints: number;
  totalPoints: number;
  grade: string | null;
  stars: number;
  rule: { thresholds: number[]; evaluation: Record<string, string> };
  entries: Entry[];
}
export interface Rule {
  source: string;
  unit: 'hour' | 'event';
  points: number;
  cap: number | null;
  capPeriod: 'month' | 'year';
}
export interface Rules {
  district: Ref;
  own: boolean;
  rules: Rule[];
}
export interface RankingRow {
  rank: number;
  id: number | string;
  name: string;
  points: number;
  people?: number;
  stars?: number;
}
export interface TeamListItem {
  id: number;
  kind: string;
  name: string;
  territory: Ref;
  duties: string[];
  members: number;
  confirmedHours: number;
}
export interface TeamMember {
  id: number;
  name: string;
  accountId: number | null;
  memberId: number | null;
  isLeader: boolean;
  duty: string | null;
  joinedOn: string | null;
}
export interface Team extends TeamListItem {
  description: string | null;
  memberList: TeamMember[];
}
