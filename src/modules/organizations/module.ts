import type { GongzhiModule } from '../../kernel/http/types.js';
import { organizationRoutes } from './organizations.routes.js';
import { seedOrganizations } from './organizations.seed.js';
import { permissions } from './permissions.js';
import { enUS, zhCN } from './messages.js';
import { AUDIT_LABELS } from './audit-labels.js';

import { ORGANIZATION_FIGURES } from './dashboard.figures.js';
/**
 * Organisations 组织: party organisations linked to places with their structure rules and flags, units and
 * partners (red property, owners' committees, residents' groups, the four-party set), leadership teams 两委
 * and the joint review of election candidates (SPEC module 1; seeds 000, 001, 004).
 */
export const organizationsModule: GongzhiModule = {
  name: 'organizations',
  auditLabels: AUDIT_LABELS,
  permissions,
  messages: { 'zh-CN': zhCN, 'en-US': enUS },
  routes: organizationRoutes,
  figures: ORGANIZATION_FIGURES,
  seedDemo: seedOrganizations,
};
