export { dualRegistrations, partyMembers } from './schema.js';
