/** What other modules (and the future dashboard) may use of co-building. */
export { coBuildingFigures } from './co-building.service.js';
export type { Figures as CoBuildingFigures, FigureQuery as CoBuildingFigureQuery } from './contract.js';
/** Raising a need from elsewhere (the dashboard's hotspots: a recurring problem becomes a need in one step). */
export { createNeed } from './co-building.service.js';
export { CO_CATEGORIES, type CoCategory } from './constants.js';
export type { NeedDetail } from './contract.js';
/** Open needs of a subtree (the meetings' agenda proposals, issue 13 item 2). */
export { openNeedsUnder, type OpenNeedRef } from './co-building.service.js';
