/**
 * Recruitment 发展党员 (issue 15 item 5, decision 026): the stages and the rules a move must meet, after the
 * 《中国共产党发展党员工作细则》 (2014) and seed 003's political review 一谈一报一审一定. Pure functions: the service
 * loads the candidate, asks `checkMove`, and refuses with the reason it gives.
 */
import { addDays } from '../../kernel/clock.js';
import { STAGES, type Stage } from './constants.js';

export { STAGES, type Stage };

export const RULES = {
  /** 年满十八岁 to apply (细则 第五条). */
  minAge: 18,
  /** The branch talks with an applicant within one month of the application (第九条); recorded before activist. */
  talkWithinDays: 30,
  /** 入党积极分子 trained and observed for more than one year before becoming a development target (第十三条). */
  activistYears: 1,
  /** 发展对象 short-term concentrated training, at least 3 days or 24 class hours (第十九条). */
  trainingHours: 24,
  /** Two full members as introducers (第二十一条). */
  introducers: 2,
  /** 预备期 one year (党章 第七条). */
  probationYears: 1,
} as const;

/** 一谈一报一审一定 (seed 003): talk, report to the higher committee, political review, collective decision. */
export const REVIEW_STEPS = ['talk', 'report', 'review', 'decide'] as const;
export type ReviewStep = (typeof REVIEW_STEPS)[number];

export interface CandidateFacts {
  stage: Stage;
  birthDate: string | null;
  appliedOn: string;
  talkedOn: string | null;
  activistOn: string | null;
  targetOn: string | null;
  probationOn: string | null;
  trainingHours: number;
  introducers: string[];
  review: Partial<Record<ReviewStep, string>>;
}

export interface Refusal {
  key: string;
  params?: Record<string, string | number>;
}

/** `YYYY-MM-DD` plus whole years (29 Feb → 28 Feb / 1 Mar as Date does). */
export function addYears(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const dt = new Date(Date.UTC(y! + years, m! - 1, d!));
  return dt.toISOString().slice(0, 10);
}

/** Why moving `c` to `to` on day `on` (China day, today or before) is not allowed; null when it is. */
export function checkMove(c: CandidateFacts, to: Stage, on: string, today: string): Refusal | null {
  const from = STAGES.indexOf(c.stage);
  const next = STAGES.indexOf(to);
  if (next !== from + 1)
    return next <= from
      ? { key: 'recruitment.backwards' }
      : { key: 'recruitment.skip', params: { next: STAGES[from + 1] ?? '' } };
  if (on > today) return { key: 'recruitment.future' };
  const last = [c.appliedOn, c.activistOn, c.targetOn, c.probationOn].filter(Boolean).sort().at(-1)!;
  if (on < last) return { key: 'recruitment.beforeLast', params: { date: last } };
  switch (to) {
    case 'activist':
      if (c.birthDate && addYears(c.birthDate, RULES.minAge) > c.appliedOn)
        return { key: 'recruitment.tooYoung', params: { age: RULES.minAge } };
      if (!c.talkedOn) return { key: 'recruitment.talkMissing' };
      return null;
    case 'target': {
      const due = addYears(c.activistOn!, RULES.activistYears);
      if (on < due) return { key: 'recruitment.activistInterval', params: { years: RULES.activistYears, date: due } };
      return null;
    }
    case 'probationary': {
      if (c.introducers.length < RULES.introducers)
        return { key: 'recruitment.introducers', params: { n: RULES.introducers } };
      if (c.trainingHours < RULES.trainingHours)
        return { key: 'recruitment.training', params: { hours: RULES.trainingHours } };
      const missing = REVIEW_STEPS.filter((s) => !c.review[s] || c.review[s]! > on);
      if (missing.length) return { key: 'recruitment.review', params: { steps: missing.join(',') } };
      return null;
    }
    case 'full': {
      const due = addYears(c.probationOn!, RULES.probationYears);
      if (on < due) return { key: 'recruitment.probation', params: { years: RULES.probationYears, date: due } };
      return null;
    }
    default:
      return { key: 'recruitment.backwards' };
  }
}

/** The talk with an applicant is due within a month of the application (shown as a flag, not a refusal). */
export const talkDue = (appliedOn: string) => addDays(appliedOn, RULES.talkWithinDays);

/** The branch meeting's vote 支部大会表决 on a move: full members with a vote (应到), present, for, against, abstaining. */
export interface Vote {
  eligible: number;
  present: number;
  for: number;
  against: number;
  abstain: number;
}
/** The higher committee's approval 上级党委审批: which committee, on which day. */
export interface Approval {
  by: string;
  on: string;
}

/**
 * Moves decided by a vote of the branch meeting and approved by the higher committee (细则 第二十五、二十八条 for
 * 预备党员; 第三十二、三十三条 for 转正): the vote and the approval are recorded with the move.
 */
export const VOTED_STAGES: readonly Stage[] = ['probationary', 'full'];

/**
 * Why the vote or approval recorded with a move to `to` on day `on` is not enough; null when it is. More than half of
 * the members with a vote must be present, and more than half of them must vote for (细则 第二十五条); the counts
 * must add up; the approval comes on or after the meeting and not in the future. A vote given on another move is
 * checked for consistency only.
 */
export function checkRecord(
  to: Stage,
  on: string,
  today: string,
  vote: Vote | null | undefined,
  approval: Approval | null | undefined,
): Refusal | null {
  const voted = VOTED_STAGES.includes(to);
  if (voted && !vote) return { key: 'recruitment.voteMissing' };
  if (vote) {
    if (vote.present > vote.eligible) return { key: 'recruitment.votePresent' };
    if (vote.for + vote.against + vote.abstain > vote.present) return { key: 'recruitment.voteCount' };
    if (voted && vote.present * 2 <= vote.eligible)
      return { key: 'recruitment.quorum', params: { present: vote.present, eligible: vote.eligible } };
    if (voted && vote.for * 2 <= vote.eligible)
      return {
        key: 'recruitment.voteMajority',
        params: { for: vote.for, eligible: vote.eligible, need: Math.floor(vote.eligible / 2) + 1 },
      };
  }
  if (voted && !approval) return { key: 'recruitment.approvalMissing' };
  if (approval && (approval.on < on || approval.on > today))
    return { key: 'recruitment.approvalDate', params: { date: on } };
  return null;
}
