export { gridsAt } from './grid-index.service.js';
export { gridMap } from './grids.service.js';
export { gridWorkers, grids } from './schema.js';
export {
  compoundAt,
  demoPoints,
  gridExtent,
  kmFromBBox,
  placeAt,
  type DemoPoint,
  type PlaceAt,
} from './places.service.js';
export { compoundAreas, liaisonHouseholds } from './schema.js';
