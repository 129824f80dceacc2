/** What other modules' pages may use of grids' UI: the grid map (import it lazily, it brings the map library). */
export { GridMapView } from './GridMapView';
export type { Geometry as GridGeometry, GridMapData } from './types';
export { gridLabels, orientSeries, viewSpan } from './orient';
