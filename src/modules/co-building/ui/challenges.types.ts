import type { z } from 'zod';
import type * as C from '../contract';
import type { Wire } from '../../../web/api/types';

export { APPLICANT_KINDS, CHALLENGE_MOVES, CHALLENGE_STATUSES, CO_CATEGORIES } from '../contract';
export type { ChallengeStatus } from '../contract';

/** 揭榜挂帅 and the public timeline on the wire (decision 041). */
export type Challenge = Wire<z.infer<typeof C.Challenge>>;
export type ChallengeDetail = Wire<z.infer<typeof C.ChallengeDetail>>;
export type Applicant = ChallengeDetail['applicants'][number];
export type Timeline = Wire<z.infer<typeof C.Timeline>>;
export type TimelineEntry = Wire<z.infer<typeof C.TimelineEntry>>;

export const CHALLENGE_STATUS_COLORS: Record<string, string> = {
  open: 'blue',
  taken: 'cyan',
  inProgress: 'processing',
  solved: 'success',
  failed: 'error',
  withdrawn: 'default',
};
