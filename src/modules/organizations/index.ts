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
/** 三岗十八级 (decision 048): the community workers' grade rule, applied by the cadres module's register (054). */
export {
  gradeHistory,
  gradeOn,
  WORKER_GRADE_RULE,
  type Degree,
  type GradeChange,
  type WorkerFacts,
  type WorkerGrade,
  type WorkerPost,
} from './worker-grade.rules.js';
