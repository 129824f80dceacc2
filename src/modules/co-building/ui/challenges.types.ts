import type { z } from 'zod';
import type * as C from '../challenges.contract';
import type { TimelineEntry as TimelineEntrySchema, Timeline as TimelineSchema } from '../timeline.contract';
import type { Wire } from '../../../web/api/types';

export { APPLICANT_KINDS, CHALLENGE_MOVES, CHALLENGE_STATUSES } from '../challenges.constants';
export type { ChallengeStatus } from '../challenges.constants';
export { CO_CATEGORIES } from '../constants';

/** 揭榜挂帅 and the public timeline on the wire (decision 041). */
export type Challenge = Wire<z.infer<typeof C.Challenge>>;
export type ChallengeDetail = Wire<z.infer<typeof C.ChallengeDetail>>;
export type Applicant = ChallengeDetail['applicants'][number];
export type Timeline = Wire<z.infer<typeof TimelineSchema>>;
export type TimelineEntry = Wire<z.infer<typeof TimelineEntrySchema>>;

export const CHALLENGE_STATUS_COLORS: Record<string, string> = {
  open: 'blue',
  taken: 'cyan',
  inProgress: 'processing',
  solved: 'success',
  failed: 'error',
  withdrawn: 'default',
};
