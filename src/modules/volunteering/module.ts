import type { GongzhiModule } from '../../kernel/http/types.js';
import { VOLUNTEERING_FIGURES } from './figures.js';
import { VOL_MESSAGES } from './messages.js';
import { VOL_PERMISSIONS } from './permissions.js';
import { volunteeringRoutes } from './volunteering.routes.js';
import { seedVolunteering } from './volunteering.seed.js';
import { AUDIT_LABELS } from './audit-labels.js';
import { provideMemberPoints } from '../party-members/index.js';
import { memberLedger, memberTotalSql } from './member-points.js';

/** Volunteering and points 志愿服务与积分 (issue 15 items 1–3, 8; decision 022). */
export const volunteeringModule: GongzhiModule = {
  name: 'volunteering',
  auditLabels: AUDIT_LABELS,
  permissions: VOL_PERMISSIONS,
  messages: VOL_MESSAGES,
  routes: volunteeringRoutes,
  seedDemo: seedVolunteering,
  figures: VOLUNTEERING_FIGURES,
  // A party member's points figure and ledger on their page are this ledger's (issue 10 item 10).
  setup: () => provideMemberPoints({ total: memberTotalSql, ledger: memberLedger }),
};
