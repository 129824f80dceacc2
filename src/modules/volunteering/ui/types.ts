/**
 * Shapes of the volunteering API as the pages read them: the module's zod contract (../contract.ts) on the wire
 * (dates as ISO strings, decision 034). The value lists below are the console's pickers.
 */
import type { WireOf } from '../../../web/api/wire';
import type * as C from '../contract';

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

export type Shift = WireOf<typeof C.Shift>;
export type ActivityListItem = WireOf<typeof C.ActivityListItem>;
export type Signup = WireOf<typeof C.Signup>;
export type Activity = WireOf<typeof C.Activity>;
export type SignupRow = WireOf<typeof C.SignupRow>;
export type OpenActivity = WireOf<typeof C.OpenActivity>;
export type Entry = WireOf<typeof C.Entry>;
export type MyPoints = WireOf<typeof C.MyPoints>;
export type Rule = WireOf<typeof C.Rule>;
export type Rules = WireOf<typeof C.Rules>;
export type RankingRow = WireOf<typeof C.RankingRow>;
export type TeamListItem = WireOf<typeof C.TeamListItem>;
export type TeamMember = WireOf<typeof C.TeamMember>;
export type Team = WireOf<typeof C.Team>;
