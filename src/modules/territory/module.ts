import type { GongzhiModule } from '../../kernel/http/types.js';
import './messages.js';
import { territoryRoutes } from './territory.routes.js';

/** Territory 区域: the place tree every account and record hangs on (SPEC module 1). */
export const territoryModule: GongzhiModule = {
  name: 'territory',
  routes: territoryRoutes,
};
