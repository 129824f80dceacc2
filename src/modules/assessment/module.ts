import type { GongzhiModule } from '../../kernel/http/types.js';
import { assessmentRoutes } from './assessment.routes.js';
import { reminderPass } from './cycle.service.js';
import { seedAssessment } from './assessment.seed.js';
import { ASSESSMENT_FIGURES } from './figures.js';
import './messages.js';
import './permissions.js';
import { AUDIT_LABELS } from './audit-labels.js';

/** Assessment and supervision 考评督导 (issue 14): standardisation, public rating, workload list, service centres. */
export const assessmentModule: GongzhiModule = {
  name: 'assessment',
  auditLabels: AUDIT_LABELS,
  routes: assessmentRoutes,
  seedDemo: seedAssessment,
  // The monthly reminder list 月度提醒清单 goes out by itself on the 1st (`ASSESSMENT_REMINDER_SECONDS`; 0 = off).
  schedulers: [
    {
      name: 'assessment monthly reminders',
      seconds: (c) => c.ASSESSMENT_REMINDER_SECONDS,
      pass: ({ db, clock }) => reminderPass(db, clock),
    },
  ],
  figures: ASSESSMENT_FIGURES,
};
