/** What other modules' pages may use of grids' UI: the grid map (import it lazily, it brings the map library). */
export { GridMapView } from './GridMapView';
export type { GridMapData } from './types';
