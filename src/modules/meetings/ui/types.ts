import type { z } from 'zod';
import type * as C from '../contract';
import type { Wire } from '../../../web/api/types';

/** Console-side shapes of the meetings API: the zod contract's output with dates as ISO strings. */

export type Meeting = Wire<z.infer<typeof C.Meeting>>;
export type MeetingListItem = Wire<z.infer<typeof C.MeetingListItem>>;
export type ActionItem = Wire<z.infer<typeof C.ActionItem>>;
export type Proposal = Wire<z.infer<typeof C.Proposal>>;
export type OwnerChoice = Wire<z.infer<typeof C.OwnerChoice>>;
export type OrgLifeFigures = Wire<z.infer<typeof C.OrgLifeFigures>>;
export type OrgLifeSession = Wire<z.infer<typeof C.OrgLifeSession>>;
export type AgendaItem = Meeting['agenda'][number];

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
export const MEETING_STATUSES = ['planned', 'held', 'approved', 'cancelled'] as const;
export const ACTION_STATUSES = ['open', 'inProgress', 'done', 'cancelled'] as const;
export const ORG_LIFE_KINDS = ['memberAssembly', 'branchCommittee', 'groupMeeting', 'partyLesson', 'themeDay'] as const;
export const STATUS_COLORS: Record<string, string> = {
  planned: 'blue',
  held: 'gold',
  approved: 'green',
  cancelled: 'default',
  open: 'blue',
  inProgress: 'gold',
  done: 'green',
};
export type MyMeeting = Wire<z.infer<typeof C.MyMeeting>>;
export type StudyRecord = Wire<z.infer<typeof C.StudyRecord>>;
export interface MySession {
  id: number;
  kind: string;
  title: string;
  heldAt: string;
  mode: string;
  place: string | null;
  sessionStatus: string;
  myStatus: 'present' | 'leave' | 'absent';
  minutes: string | null;
}
export type Consultation = Wire<z.infer<typeof C.Consultation>>;
export type ConsultationListItem = Wire<z.infer<typeof C.ConsultationListItem>>;
export const CONSULTATION_STATUSES = ['open', 'concluded', 'withdrawn'] as const;
export const CONSULTATION_COLORS: Record<string, string> = { open: 'blue', concluded: 'green', withdrawn: 'default' };
