import { z } from 'zod';
import type { App } from '../../kernel/http/types.js';
import { sendXlsx } from '../../kernel/ledger/ledger.js';
import {
  addReviewProblems,
  checkKeyTask,
  closeReview,
  createKeyTask,
  createVisit,
  getReview,
  getVisit,
  listKeyTasks,
  listReviewRatings,
  listReviews,
  listVisits,
  openReview,
  pushReminders,
  rateReview,
  reminders,
  scoreVisit,
  responsibilityList,
  submitKeyTask,
  submitReport,
} from './cycle.service.js';
import { exportCycleLedger } from './ledgers.js';
import {
  AddProblems,
  AddRectification,
  CheckKeyTask,
  CreateKeyTask,
  CreateVisit,
  KeyTaskQuery,
  LedgerQuery,
  OpenReview,
  PushReminders,
  RateReview,
  ReminderQuery,
  ResponsibilityQuery,
  ReviewQuery,
  ReviewRatingQuery,
  StartServiceItem,
  SubmitKeyTask,
  SubmitReport,
  VisitQuery,
  ScoreVisit,
  AddSupervisor,
  AssessmentQuery,
  BookingQuery,
  BookRoom,
  ChecklistQuery,
  CreateCentre,
  CreateChecklist,
  CreatePeriod,
  CreateServiceUnit,
  CreateServiceItem,
  CreateWorkloadItem,
  FinishRectification,
  IdParam,
  OpenAssessment,
  RateUnit,
  ReplyRating,
  SendTask,
  ServiceItemQuery,
  SentTaskQuery,
  SubmitScores,
  UpdateCentre,
  UpdateChecklist,
  UpdatePeriod,
  UpdateWorkloadItem,
  AssessmentDetail,
  AssessmentPage,
  Centre,
  ChecklistDetail,
  ChecklistPage,
  KeyTaskPage,
  Period,
  Ranking,
  Rateable,
  Reminders,
  Responsibility,
  Review,
  ReviewRatings,
  SentTaskPage,
  ServiceItem,
  TasksByDepartment,
  UnitRatings,
  Visit,
  VisitPage,
  WorkloadItem,
} from './contract.js';
import { createServiceItem, listServiceItems, startServiceItem } from './catalogue.service.js';
import {
  addSupervisor,
  createPeriod,
  createServiceUnit,
  listPeriods,
  listServiceUnits,
  myUnitRatings,
  ranking,
  rateable,
  rateUnit,
  replyRating,
  updatePeriod,
} from './rating.service.js';
import {
  addRectification,
  createChecklist,
  finishRectification,
  getAssessment,
  getChecklist,
  listAssessments,
  listChecklists,
  openAssessment,
  submitScores,
  updateChecklist,
} from './standardisation.service.js';
import {
  bookRoom,
  cancelBooking,
  createCentre,
  createWorkloadItem,
  listCentres,
  listSentTasks,
  listWorkloadItems,
  roomBookings,
  sendTask,
  tasksByDepartment,
  updateCentre,
  updateWorkloadItem,
} from './workload.service.js';

const tags = ['assessment'];
const perm = (permission: string) => ({ access: { permission } });
const P = '/api/assessment';

/** Assessment and supervision 考评督导 (issue 14). */
export async function assessmentRoutes(app: App): Promise<void> {
  // Standardisation 规范化建设 -------------------------------------------------------------------------------------
  app.get(
    `${P}/checklists`,
    {
      config: perm('assessment.read'),
      schema: { tags, summary: 'Checklists', querystring: ChecklistQuery, response: { 200: ChecklistPage } },
    },
    async (req) => listChecklists(req.ctx(), req.query),
  );
  app.post(
    `${P}/checklists`,
    { config: perm('assessment.manage'), schema: { tags, summary: 'Edit a checklist', body: CreateChecklist } },
    async (req, reply) => reply.status(201).send(await createChecklist(req.ctx(), req.body)),
  );
  app.get(
    `${P}/checklists/:id`,
    {
      config: perm('assessment.read'),
      schema: { tags, summary: 'One checklist', params: IdParam, response: { 200: ChecklistDetail } },
    },
    async (req) => getChecklist(req.ctx(), req.params.id),
  );
  app.patch(
    `${P}/checklists/:id`,
    {
      config: perm('assessment.manage'),
      schema: { tags, summary: 'Edit a checklist and its items', params: IdParam, body: UpdateChecklist },
    },
    async (req) => updateChecklist(req.ctx(), req.params.id, req.body),
  );
  app.post(
    `${P}/checklists/:id/assessments`,
    {
      config: perm('assessment.manage'),
      schema: { tags, summary: 'Open an assessment of an organisation', params: IdParam, body: OpenAssessment },
    },
    async (req, reply) => reply.status(201).send(await openAssessment(req.ctx(), req.params.id, req.body)),
  );
  app.get(
    `${P}/assessments`,
    {
      config: perm('assessment.read'),
      schema: { tags, summary: 'Assessments', querystring: AssessmentQuery, response: { 200: AssessmentPage } },
    },
    async (req) => listAssessments(req.ctx(), req.query),
  );
  app.get(
    `${P}/assessments/:id`,
    {
      config: perm('assessment.read'),
      schema: { tags, summary: 'One assessment', params: IdParam, response: { 200: AssessmentDetail } },
    },
    async (req) => getAssessment(req.ctx(), req.params.id),
  );
  for (const [path, round, permission] of [
    ['self-check', 'self', 'assessment.check'],
    ['peer-review', 'peer', 'assessment.check'],
    ['superior-review', 'superior', 'assessment.manage'],
    ['recheck', 'recheck', 'assessment.manage'],
  ] as const)
    app.post(
      `${P}/assessments/:id/${path}`,
      {
        config: perm(permission),
        schema: { tags, summary: `Scores of the ${round} round`, params: IdParam, body: SubmitScores },
      },
      async (req) => submitScores(req.ctx(), req.params.id, round, req.body),
    );
  app.post(
    `${P}/assessments/:id/rectification`,
    {
      config: perm('assessment.manage'),
      schema: { tags, summary: 'Rectification items of a weak organisation', params: IdParam, body: AddRectification },
    },
    async (req, reply) => reply.status(201).send(await addRectification(req.ctx(), req.params.id, req.body)),
  );
  app.post(
    `${P}/rectification-items/:id/done`,
    {
      config: perm('assessment.check'),
      schema: { tags, summary: 'A rectification item done', params: IdParam, body: FinishRectification },
    },
    async (req) => finishRectification(req.ctx(), req.params.id, req.body.evidence),
  );

  // Public rating 评议 -------------------------------------------------------------------------------------------
  app.get(
    `${P}/rating-periods`,
    {
      config: perm('assessment.read'),
      schema: { tags, summary: 'Rating periods', response: { 200: z.array(Period) } },
    },
    async (req) => listPeriods(req.ctx()),
  );
  app.post(
    `${P}/rating-periods`,
    { config: perm('assessment.manage'), schema: { tags, summary: 'Open a rating period', body: CreatePeriod } },
    async (req, reply) => reply.status(201).send(await createPeriod(req.ctx(), req.body)),
  );
  app.patch(
    `${P}/rating-periods/:id`,
    {
      config: perm('assessment.manage'),
      schema: { tags, summary: 'Edit a rating period', params: IdParam, body: UpdatePeriod },
    },
    async (req) => updatePeriod(req.ctx(), req.params.id, req.body),
  );
  app.get(
    `${P}/rating-periods/:id/ranking`,
    {
      config: perm('assessment.read'),
      schema: { tags, summary: 'Scores, top ten, bottom ten', params: IdParam, response: { 200: Ranking } },
    },
    async (req) => ranking(req.ctx(), req.params.id),
  );
  app.get(
    `${P}/service-units`,
    { config: perm('assessment.read'), schema: { tags, summary: 'Public service units rated' } },
    async (req) => listServiceUnits(req.ctx()),
  );
  app.post(
    `${P}/service-units`,
    { config: perm('assessment.manage'), schema: { tags, summary: 'Add a service unit', body: CreateServiceUnit } },
    async (req, reply) => reply.status(201).send(await createServiceUnit(req.ctx(), req.body)),
  );
  app.post(
    `${P}/supervisors`,
    { config: perm('assessment.manage'), schema: { tags, summary: 'Name a supervisor 监督员', body: AddSupervisor } },
    async (req, reply) => reply.status(201).send(await addSupervisor(req.ctx(), req.body.accountId)),
  );
  app.get(
    `${P}/rateable`,
    {
      config: perm('assessment.rate'),
      schema: { tags, summary: 'Open periods and units I may rate', response: { 200: Rateable } },
    },
    async (req) => rateable(req.ctx()),
  );
  app.post(
    `${P}/ratings`,
    { config: perm('assessment.rate'), schema: { tags, summary: 'Rate a unit', body: RateUnit } },
    async (req, reply) => reply.status(201).send(await rateUnit(req.ctx(), req.body)),
  );
  app.get(
    `${P}/my-unit-ratings`,
    {
      config: perm('assessment.reply'),
      schema: { tags, summary: "My units' ratings (raters not shown)", response: { 200: z.array(UnitRatings) } },
    },
    async (req) => myUnitRatings(req.ctx()),
  );
  app.post(
    `${P}/ratings/:id/reply`,
    {
      config: perm('assessment.reply'),
      schema: { tags, summary: 'Reply to a rating', params: IdParam, body: ReplyRating },
    },
    async (req) => replyRating(req.ctx(), req.params.id, req.body.reply),
  );

  // Workload list 减负清单 ----------------------------------------------------------------------------------------
  app.get(
    `${P}/workload-items`,
    {
      config: perm('assessment.read'),
      schema: { tags, summary: 'The approved workload list', response: { 200: z.array(WorkloadItem) } },
    },
    async (req) => listWorkloadItems(req.ctx()),
  );
  app.post(
    `${P}/workload-items`,
    {
      config: perm('assessment.manage'),
      schema: { tags, summary: 'Add a matter to the list', body: CreateWorkloadItem },
    },
    async (req, reply) => reply.status(201).send(await createWorkloadItem(req.ctx(), req.body)),
  );
  app.patch(
    `${P}/workload-items/:id`,
    {
      config: perm('assessment.manage'),
      schema: { tags, summary: 'Edit or withdraw a matter of the list', params: IdParam, body: UpdateWorkloadItem },
    },
    async (req) => updateWorkloadItem(req.ctx(), req.params.id, req.body),
  );
  app.get(
    `${P}/sent-tasks`,
    {
      config: perm('assessment.read'),
      schema: { tags, summary: 'Tasks sent down', querystring: SentTaskQuery, response: { 200: SentTaskPage } },
    },
    async (req) => listSentTasks(req.ctx(), req.query),
  );
  app.post(
    `${P}/sent-tasks`,
    { config: perm('assessment.sendTask'), schema: { tags, summary: 'Send a task to a community', body: SendTask } },
    async (req, reply) => reply.status(201).send(await sendTask(req.ctx(), req.body)),
  );
  app.get(
    `${P}/sent-tasks/by-department`,
    {
      config: perm('assessment.read'),
      schema: { tags, summary: 'Matters sent down by department', response: { 200: TasksByDepartment } },
    },
    async (req) => tasksByDepartment(req.ctx()),
  );

  // Service centres 党群服务中心 -----------------------------------------------------------------------------------
  app.get(
    `${P}/centres`,
    {
      config: perm('assessment.read'),
      schema: { tags, summary: 'Service centres, rooms and use', response: { 200: z.array(Centre) } },
    },
    async (req) => listCentres(req.ctx()),
  );
  app.post(
    `${P}/centres`,
    { config: perm('assessment.manage'), schema: { tags, summary: 'Add a centre with rooms', body: CreateCentre } },
    async (req, reply) => reply.status(201).send(await createCentre(req.ctx(), req.body)),
  );
  app.patch(
    `${P}/centres/:id`,
    {
      config: perm('assessment.manage'),
      schema: { tags, summary: 'Edit a centre and its rooms', params: IdParam, body: UpdateCentre },
    },
    async (req) => updateCentre(req.ctx(), req.params.id, req.body),
  );
  app.get(
    `${P}/rooms/:id/bookings`,
    {
      config: perm('assessment.book'),
      schema: { tags, summary: 'Bookings of a room', params: IdParam, querystring: BookingQuery },
    },
    async (req) => roomBookings(req.ctx(), req.params.id, req.query),
  );
  app.post(
    `${P}/rooms/:id/bookings`,
    { config: perm('assessment.book'), schema: { tags, summary: 'Book a room', params: IdParam, body: BookRoom } },
    async (req, reply) => reply.status(201).send(await bookRoom(req.ctx(), req.params.id, req.body)),
  );
  app.post(
    `${P}/bookings/:id/cancel`,
    { config: perm('assessment.book'), schema: { tags, summary: 'Cancel a booking', params: IdParam } },
    async (req) => cancelBooking(req.ctx(), req.params.id),
  );

  // One-window catalogue 一窗受理 ---------------------------------------------------------------------------------
  app.get(
    `${P}/service-items`,
    {
      config: { access: 'authenticated' as const },
      schema: {
        tags,
        summary: 'One-window catalogue: items, materials, time limits',
        querystring: ServiceItemQuery,
        response: { 200: z.array(ServiceItem) },
      },
    },
    async (req) => listServiceItems(req.ctx(), req.query),
  );
  app.post(
    `${P}/service-items`,
    { config: perm('assessment.manage'), schema: { tags, summary: 'Add a catalogue item', body: CreateServiceItem } },
    async (req, reply) => reply.status(201).send(await createServiceItem(req.ctx(), req.body)),
  );
  app.post(
    `${P}/service-items/:id/start`,
    {
      config: { access: { permission: 'order.create' }, idempotent: true },
      schema: { tags, summary: 'Start a catalogue item as a service order', params: IdParam, body: StartServiceItem },
    },
    async (req, reply) => reply.status(201).send(await startServiceItem(req.ctx(), req.params.id, req.body)),
  );

  // Key tasks 重点任务, responsibility lists 责任清单, monthly reminders 月度提醒清单 (decision 032) -----------------------
  app.get(
    `${P}/key-tasks`,
    {
      config: perm('assessment.read'),
      schema: {
        tags,
        summary: 'Key tasks and responsibility items',
        querystring: KeyTaskQuery,
        response: { 200: KeyTaskPage },
      },
    },
    async (req) => listKeyTasks(req.ctx(), req.query),
  );
  app.post(
    `${P}/key-tasks`,
    {
      config: perm('assessment.manage'),
      schema: { tags, summary: 'Set a task for an organisation', body: CreateKeyTask },
    },
    async (req, reply) => reply.status(201).send(await createKeyTask(req.ctx(), req.body)),
  );
  app.post(
    `${P}/key-tasks/:id/submit`,
    {
      config: perm('assessment.check'),
      schema: { tags, summary: 'Hand in the evidence of a task', params: IdParam, body: SubmitKeyTask },
    },
    async (req) => submitKeyTask(req.ctx(), req.params.id, req.body.evidence),
  );
  app.post(
    `${P}/key-tasks/:id/check`,
    {
      config: perm('assessment.manage'),
      schema: { tags, summary: 'Accept or return a task', params: IdParam, body: CheckKeyTask },
    },
    async (req) => checkKeyTask(req.ctx(), req.params.id, req.body),
  );
  app.get(
    `${P}/responsibility-lists`,
    {
      config: perm('assessment.read'),
      schema: {
        tags,
        summary: 'Responsibility lists per organisation',
        querystring: ResponsibilityQuery,
        response: { 200: Responsibility },
      },
    },
    async (req) => responsibilityList(req.ctx(), req.query.year),
  );
  app.get(
    `${P}/reminders`,
    {
      config: perm('assessment.read'),
      schema: { tags, summary: 'Monthly reminder list', querystring: ReminderQuery, response: { 200: Reminders } },
    },
    async (req) => reminders(req.ctx(), req.query.month),
  );
  app.post(
    `${P}/reminders/push`,
    { config: perm('assessment.manage'), schema: { tags, summary: 'Push the monthly reminders', body: PushReminders } },
    async (req) => pushReminders(req.ctx(), req.body.month),
  );

  // Visits 督导 / 观摩 ---------------------------------------------------------------------------------------------
  app.get(
    `${P}/visits`,
    {
      config: perm('assessment.read'),
      schema: {
        tags,
        summary: 'Supervision and observation visits',
        querystring: VisitQuery,
        response: { 200: VisitPage },
      },
    },
    async (req) => listVisits(req.ctx(), req.query),
  );
  app.post(
    `${P}/visits`,
    { config: perm('assessment.manage'), schema: { tags, summary: 'Record a visit with findings', body: CreateVisit } },
    async (req, reply) => reply.status(201).send(await createVisit(req.ctx(), req.body)),
  );
  app.get(
    `${P}/visits/:id`,
    {
      config: perm('assessment.read'),
      schema: { tags, summary: 'One visit', params: IdParam, response: { 200: Visit } },
    },
    async (req) => getVisit(req.ctx(), req.params.id),
  );
  app.post(
    `${P}/visits/:id/scores`,
    {
      config: perm('assessment.manage'),
      schema: { tags, summary: 'A visitor scores a 观摩 (once each)', params: IdParam, body: ScoreVisit },
    },
    async (req, reply) => reply.status(201).send(await scoreVisit(req.ctx(), req.params.id, req.body)),
  );

  // Annual review 述职评议 ------------------------------------------------------------------------------------------
  app.get(
    `${P}/annual-reviews`,
    {
      config: { access: { anyOf: ['assessment.read', 'assessment.reviewRate'] } },
      schema: { tags, summary: 'Annual reviews', querystring: ReviewQuery, response: { 200: z.array(Review) } },
    },
    async (req) => listReviews(req.ctx(), req.query.year),
  );
  app.post(
    `${P}/annual-reviews`,
    { config: perm('assessment.manage'), schema: { tags, summary: 'Open an annual review', body: OpenReview } },
    async (req, reply) => reply.status(201).send(await openReview(req.ctx(), req.body)),
  );
  app.get(
    `${P}/annual-reviews/:id`,
    {
      config: { access: { anyOf: ['assessment.read', 'assessment.reviewRate'] } },
      schema: { tags, summary: 'One annual review with its score', params: IdParam, response: { 200: Review } },
    },
    async (req) => getReview(req.ctx(), req.params.id),
  );
  app.get(
    `${P}/annual-reviews/:id/ratings`,
    {
      config: perm('assessment.read'),
      schema: {
        tags,
        summary: "The ratings behind a review's score (raters not shown)",
        params: IdParam,
        querystring: ReviewRatingQuery,
        response: { 200: ReviewRatings },
      },
    },
    async (req) => listReviewRatings(req.ctx(), req.params.id, req.query),
  );
  app.post(
    `${P}/annual-reviews/:id/report`,
    {
      config: perm('assessment.check'),
      schema: { tags, summary: "The secretary's report", params: IdParam, body: SubmitReport },
    },
    async (req) => submitReport(req.ctx(), req.params.id, req.body.report),
  );
  app.post(
    `${P}/annual-reviews/:id/ratings`,
    {
      config: perm('assessment.reviewRate'),
      schema: { tags, summary: 'A member or resident rates the report', params: IdParam, body: RateReview },
    },
    async (req, reply) => reply.status(201).send(await rateReview(req.ctx(), req.params.id, req.body, 'public')),
  );
  app.post(
    `${P}/annual-reviews/:id/superior-rating`,
    {
      config: perm('assessment.manage'),
      schema: { tags, summary: 'The superior rates the report', params: IdParam, body: RateReview },
    },
    async (req, reply) => reply.status(201).send(await rateReview(req.ctx(), req.params.id, req.body, 'superior')),
  );
  app.post(
    `${P}/annual-reviews/:id/close`,
    { config: perm('assessment.manage'), schema: { tags, summary: 'Close and score a review', params: IdParam } },
    async (req) => closeReview(req.ctx(), req.params.id),
  );
  app.post(
    `${P}/annual-reviews/:id/problems`,
    {
      config: perm('assessment.manage'),
      schema: { tags, summary: 'Problems raised become rectification items', params: IdParam, body: AddProblems },
    },
    async (req, reply) => reply.status(201).send(await addReviewProblems(req.ctx(), req.params.id, req.body)),
  );
  app.get(
    `${P}/ledgers`,
    {
      config: perm('assessment.read'),
      schema: { tags, summary: 'Ledgers of the annual cycle to Excel', querystring: LedgerQuery },
    },
    async (req, reply) =>
      sendXlsx(
        reply,
        `assessment-${req.query.kind}`,
        await exportCycleLedger(req.ctx(), req.query.kind, req.query.year),
      ),
  );
}
