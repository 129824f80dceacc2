import type { GongzhiModule } from '../../kernel/http/types.js';
import { open311Routes } from './open311.routes.js';
import './messages.js';
import './permissions.js';

/**
 * Open311 GeoReport v2 with mySociety's updates (issue 16 point 5) and the learned dispatch (point 6): API keys
 * for outside clients, problem reports placed through the service-orders face, category and handler suggestions.
 */
export const open311Module: GongzhiModule = {
  name: 'open311',
  routes: open311Routes,
};
