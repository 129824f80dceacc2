import type { GongzhiModule } from '../../kernel/http/types.js';
import { allianceRoutes } from './alliances.routes.js';
import { challengeRoutes } from './challenges.routes.js';
import { ledgerRoutes } from './ledgers.routes.js';
import { timelineRoutes } from './timeline.routes.js';
import { coBuildingRoutes } from './co-building.routes.js';
import { seedCoBuilding } from './co-building.seed.js';
import { seedChallenges } from './challenges.seed.js';
import { CO_BUILDING_FIGURES, SHARED_ITEM_FIGURES } from './dashboard.figures.js';
import './messages.js';
import './permissions.js';
import { AUDIT_LABELS } from './audit-labels.js';
import { sharedItemRoutes } from './shared-items.routes.js';
import { seedSharedItems } from './shared-items.seed.js';
import { sharedItemsTick } from './shared-items.service.js';
import './shared-items.messages.js';

/** Co-building 共驻共建 (issue 12): needs, resources and projects 三张清单 with matching and figures; alliances 党建联盟. */
export const coBuildingModule: GongzhiModule = {
  name: 'co-building',
  auditLabels: AUDIT_LABELS,
  routes: async (app) => {
    await ledgerRoutes(app); // Excel ledgers 台账 of every list (decision 047)
    await coBuildingRoutes(app);
    await allianceRoutes(app);
    await sharedItemRoutes(app); // 便民共享服务柜 (decision 042)
    await challengeRoutes(app);
    await timelineRoutes(app);
  },
  seedDemo: async (db) => {
    await seedCoBuilding(db);
    await seedSharedItems(db); // 便民共享服务柜 at 临洮街中街社区 and 文亭巷社区 (decision 042)
    await seedChallenges(db); // 揭榜挂帅 in every state (seeds 003, 004; decision 041)
  },
  figures: [...CO_BUILDING_FIGURES, ...SHARED_ITEM_FIGURES],
  // 便民共享服务柜: reminders the day before a loan is due and once when overdue (`SHARED_ITEMS_SCHEDULER_SECONDS`).
  schedulers: [
    {
      name: 'shared items reminders',
      seconds: (c) => c.SHARED_ITEMS_SCHEDULER_SECONDS,
      pass: ({ db, clock }) => sharedItemsTick(db, clock),
    },
  ],
};
