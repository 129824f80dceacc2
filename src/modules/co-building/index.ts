/** What other modules (and the future dashboard) may use of co-building. */
export { coBuildingFigures } from './co-building.service.js';
export type { Figures as CoBuildingFigures, FigureQuery as CoBuildingFigureQuery } from './contract.js';
