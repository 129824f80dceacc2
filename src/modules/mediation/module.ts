import type { GongzhiModule } from '../../kernel/http/types.js';
import { seedMediation } from './mediation.seed.js';
import { mediationRoutes } from './mediation.routes.js';
import './messages.js';
import './permissions.js';

/** Mediation 调解 (issue 5 item 5): teams such as 金大姐说事室, and cases with parties, sessions, agreement, outcome. */
export const mediationModule: GongzhiModule = {
  name: 'mediation',
  routes: mediationRoutes,
  seedDemo: seedMediation,
};
