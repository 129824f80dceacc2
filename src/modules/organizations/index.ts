export { partyOrgs, units } from './schema.js';
export { provideOrgFigures, type OrgFigureSources } from './figures.js';
