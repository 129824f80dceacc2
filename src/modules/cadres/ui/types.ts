/** Shapes of the cadres API as the pages read them: the module's zod contract (../contract.ts) on the wire. */
import type { BodyOf, WireOf } from '../../../web/api/wire';
import type * as C from '../contract';

export {
  ASSIGNMENT_KINDS,
  DEGREE_LEVELS,
  POSTS,
  TALENT_SOURCES,
  TALENT_STATUSES,
  TRAINING_KINDS,
  WORKER_STATUSES,
} from '../constants';
export { ORDER_CATEGORIES } from '../../service-orders/constants';

export type Worker = WireOf<typeof C.Worker>;
export type WorkerDetail = WireOf<typeof C.WorkerDetail>;
export type CreateWorkerBody = BodyOf<typeof C.CreateWorker>;
export type UpdateWorkerBody = BodyOf<typeof C.UpdateWorker>;
export type ChangePostBody = BodyOf<typeof C.ChangePost>;
export type Assignment = WireOf<typeof C.Assignment>;
export type AssignmentDetail = WireOf<typeof C.AssignmentDetail>;
export type CreateAssignmentBody = BodyOf<typeof C.CreateAssignment>;
export type RecordWorkBody = BodyOf<typeof C.RecordWork>;
export type Talent = WireOf<typeof C.Talent>;
export type TalentDetail = WireOf<typeof C.TalentDetail>;
export type CreateTalentBody = BodyOf<typeof C.CreateTalent>;
export type RecordTrainingBody = BodyOf<typeof C.RecordTraining>;
