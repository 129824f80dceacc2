/** What other modules may use of organizations (the module's face). */
export { partyOrgs, units } from './schema.js';
export { provideOrgFigures, type OrgFigureSources } from './figures.js';
export { fourParty, listOwnersCommittees, listUnits } from './partners.service.js';
export { listFlags } from './flags.service.js';
export { getPartyOrg, listPartyOrgs } from './party-org.service.js';
export type { FourParty, OwnersCommittee, PartyOrg, Unit } from './contract.js';
/** Rule flags of a subtree as other modules see them (the meetings' agenda proposals, issue 13 item 2). */
export { flagsUnder, type FlagRef } from './flags.service.js';
export type { Flag, FlagKind } from './contract.js';
