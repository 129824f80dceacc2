/** What other modules may use of party members (the module's face). */
export { dualRegistrations, partyMembers } from './schema.js';
export { getMyMember } from './party-members.service.js';
export { branchRoster, membersOfAccount, type RosterMember } from './roster.js';
