import type { GongzhiModule } from '../../kernel/http/types.js';
import { sql } from 'drizzle-orm';
import { provideOrgFigures } from '../organizations/index.js';
import { partyMemberRoutes } from './party-members.routes.js';
import { seedPartyMembers } from './party-members.seed.js';
import { partyMembers } from './schema.js';
import { permissions } from './permissions.js';
import { enUS, zhCN } from './messages.js';
import { AUDIT_LABELS } from './audit-labels.js';

import { PARTY_MEMBER_FIGURES } from './dashboard.figures.js';
/**
 * Party members 党员: kinds, home branch, posts; dual registration 双报到 and dual evaluation 双评议 (SPEC
 * module 3, issue 3 item 7). Its demo data follows the people seed (it links members to the demo residents).
 */
export const partyMembersModule: GongzhiModule = {
  name: 'party-members',
  auditLabels: AUDIT_LABELS,
  permissions,
  messages: { 'zh-CN': zhCN, 'en-US': enUS },
  routes: partyMemberRoutes,
  figures: PARTY_MEMBER_FIGURES,
  seedDemo: seedPartyMembers,
  // Organizations' pages count members (per home branch, per building) through these.
  setup: () =>
    provideOrgFigures({
      membersOfOrg: (orgId) =>
        sql<number>`(select count(*)::int from ${partyMembers} pm where pm.home_branch_id = ${orgId})`,
      membersUnder: (path) =>
        sql<number>`(select count(*)::int from ${partyMembers} pm where pm.scope_path ~>=~ ${path} and pm.scope_path ~<~ (${path} || ':'))`,
    }),
};
