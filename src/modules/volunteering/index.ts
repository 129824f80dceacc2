/** What other modules may use of volunteering (the module's face). */
/** Credits points by the district's rules into the one points ledger (orders, wishes, meetings may call it). */
export {
  awardPoints,
  pointsOfRef,
  resolvePerson,
  settlePoints,
  type AwardInput,
  type Person,
  type SettleInput,
} from './points.service.js';
/** Teams and posts with their members (for the emergency module's 平战结合 activation). */
export { listTeams, teamMembers } from './teams.service.js';
export { starsOf } from './constants.js';
export type { TeamKind } from './constants.js';
export type { TeamListItem, TeamMember } from './contract.js';
