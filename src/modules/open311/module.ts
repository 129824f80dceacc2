import type { GongzhiModule } from '../../kernel/http/types.js';
import { trainDispatchModel } from './dispatch.service.js';
import { open311Routes } from './open311.routes.js';
import { AUDIT_LABELS } from './audit-labels.js';
import './messages.js';
import './permissions.js';

/**
 * Open311 GeoReport v2 with mySociety's updates (issue 16 point 5) and the learned dispatch (point 6): API keys
 * for outside clients, problem reports placed through the service-orders face, category and handler suggestions.
 */
export const open311Module: GongzhiModule = {
  name: 'open311',
  auditLabels: AUDIT_LABELS,
  routes: open311Routes,
  // After the service orders' demo data (this module comes later in MODULES): the demo's first dispatch model, so
  // the dispatch drawer shows suggestions from the first start on.
  seedDemo: async (db) => {
    await trainDispatchModel(db);
  },
};
