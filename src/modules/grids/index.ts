export { gridMap, gridsAt } from './grids.service.js';
export { gridWorkers, grids } from './schema.js';
