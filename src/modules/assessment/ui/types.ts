/**
 * The assessment API as the console reads it: the module's zod contract as JSON (decision 034), types only so no
 * server code enters the bundle. A field added to a contract reaches these types; one a page mishandles fails tsc.
 */
import type { WireOf } from '../../../web/api/wire';
import type * as C from '../contract';

export type Checklist = WireOf<typeof C.Checklist>;
export type ChecklistPage = WireOf<typeof C.ChecklistPage>;
export type ChecklistDetail = WireOf<typeof C.ChecklistDetail>;
export type AssessmentRow = WireOf<typeof C.AssessmentRow>;
export type AssessmentPage = WireOf<typeof C.AssessmentPage>;
export type AssessmentDetail = WireOf<typeof C.AssessmentDetail>;
export type RoundScore = NonNullable<AssessmentDetail['items'][number]['self']>;
export type Ref = AssessmentRow['org'];
export type Period = WireOf<typeof C.Period>;
export type Ranking = WireOf<typeof C.Ranking>;
export type RankRow = Ranking['units'][number];
export type Rateable = WireOf<typeof C.Rateable>;
export type UnitRatings = WireOf<typeof C.UnitRatings>;
export type WorkloadItem = WireOf<typeof C.WorkloadItem>;
export type SentTask = WireOf<typeof C.SentTask>;
export type SentTaskPage = WireOf<typeof C.SentTaskPage>;
export type TasksByDepartment = WireOf<typeof C.TasksByDepartment>;
export type Centre = WireOf<typeof C.Centre>;
export type ServiceItem = WireOf<typeof C.ServiceItem>;

/** Decision 032: key tasks, reminders, visits, annual reviews. */
export type KeyTask = WireOf<typeof C.KeyTask>;
export type KeyTaskPage = WireOf<typeof C.KeyTaskPage>;
export type Responsibility = WireOf<typeof C.Responsibility>;
export type Reminders = WireOf<typeof C.Reminders>;
export type Visit = WireOf<typeof C.Visit>;
export type VisitPage = WireOf<typeof C.VisitPage>;
export type Finding = Visit['findings'][number];
export type Review = WireOf<typeof C.Review>;
/** GET /annual-reviews/:id/ratings: the ratings behind a review's score, raters never named (decision 045). */
export type ReviewRatings = WireOf<typeof C.ReviewRatings>;

export const GRADE_COLORS: Record<string, string> = { advanced: 'green', pass: 'blue', lagging: 'red' };
