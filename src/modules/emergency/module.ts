import type { GongzhiModule } from '../../kernel/http/types.js';
import { emergencyRoutes } from './emergency.routes.js';
import { seedEmergency } from './emergency.seed.js';
import { EMERGENCY_FIGURES } from './figures.js';
import { EMERGENCY_MESSAGES_EN, EMERGENCY_MESSAGES_ZH } from './messages.js';
import { EMERGENCY_PERMISSIONS } from './permissions.js';
import { recruitmentRoutes } from './recruitment.routes.js';
import { riverRoutes } from './river.routes.js';
import { AUDIT_LABELS } from './audit-labels.js';

/** Emergency mode 平战结合, river patrols 党建+河长制 and recruitment 发展党员 (issue 15 items 5–7, decision 026). */
export const emergencyModule: GongzhiModule = {
  name: 'emergency',
  auditLabels: AUDIT_LABELS,
  permissions: EMERGENCY_PERMISSIONS,
  messages: { 'zh-CN': EMERGENCY_MESSAGES_ZH, 'en-US': EMERGENCY_MESSAGES_EN },
  routes: async (app) => {
    await emergencyRoutes(app);
    await riverRoutes(app);
    await recruitmentRoutes(app);
  },
  figures: EMERGENCY_FIGURES,
  seedDemo: seedEmergency,
};
