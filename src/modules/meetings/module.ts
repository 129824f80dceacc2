import type { GongzhiModule } from '../../kernel/http/types.js';
import { seedMeetings } from './meetings.seed.js';
import { meetingRoutes } from './meetings.routes.js';
import { orgLifeRoutes } from './org-life.routes.js';
import { consultationRoutes } from './consultations.routes.js';
import { MEETING_FIGURES } from './dashboard.figures.js';
import './messages.js';
import './permissions.js';
import { AUDIT_LABELS } from './audit-labels.js';

/** Meetings that decide and follow up, organisational life 三会一课 and study records 学习档案 (issue 13). */
export const meetingsModule: GongzhiModule = {
  name: 'meetings',
  auditLabels: AUDIT_LABELS,
  routes: async (app) => {
    await meetingRoutes(app);
    await orgLifeRoutes(app);
    await consultationRoutes(app);
  },
  seedDemo: seedMeetings,
  figures: MEETING_FIGURES,
};
