import type { GongzhiModule } from '../../kernel/http/types.js';
import './messages.js';
import './permissions.js';
import { partyMemberRoutes } from './party-members.routes.js';

/**
 * Party members 党员: kinds, home branch, posts; dual registration 双报到 and dual evaluation 双评议 (SPEC
 * module 3, issue 3 item 7). Its demo data is loaded by the people seed, right after the residents it links to.
 */
export const partyMembersModule: GongzhiModule = { name: 'party-members', routes: partyMemberRoutes };
