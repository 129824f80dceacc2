import type { GongzhiModule } from '../../kernel/http/types.js';
import { peopleRoutes } from './people.routes.js';
import { seedPeople } from './people.seed.js';
import { permissions } from './permissions.js';
import { enUS, zhCN } from './messages.js';
import { AUDIT_LABELS } from './audit-labels.js';

/** People 人员: residents and households, with personal numbers encrypted and masked (SPEC module 3, issue 3 item 6). */
export const peopleModule: GongzhiModule = {
  name: 'people',
  auditLabels: AUDIT_LABELS,
  permissions,
  messages: { 'zh-CN': zhCN, 'en-US': enUS },
  routes: peopleRoutes,
  seedDemo: seedPeople,
};
