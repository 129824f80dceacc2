/** What other modules may use of cadres and community workers (the module's face). */
export { cadreAssignments, cadreWorkRecords, communityWorkers, reserveTalents } from './schema.js';
