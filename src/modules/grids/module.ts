import type { GongzhiModule } from '../../kernel/http/types.js';
import { seedGrids } from './grids.seed.js';
import { gridRoutes } from './grids.routes.js';
import './messages.js';
import './permissions.js';

/** Grids 网格 (SPEC module 2): polygons, grid workers, liaison households, building leads, locate. */
export const gridsModule: GongzhiModule = {
  name: 'grids',
  routes: gridRoutes,
  seedDemo: seedGrids,
};
