/** What other modules may use of party members (the module's face). */
export { dualRegistrations, partyMembers } from './schema.js';
export { getMyMember } from './party-members.service.js';
export { branchRoster, membersOfAccount, type RosterMember } from './roster.js';
/** Dual evaluations 双评议, read by volunteering's star rule (decision 022). */
export { dualEvaluations } from './schema.js';
/** The points figure and ledger of a member come from volunteering's points ledger, handed in by its setup. */
export { provideMemberPoints, type MemberPointEntry } from './points-source.js';
