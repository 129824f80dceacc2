import type { GongzhiModule } from '../../kernel/http/types.js';
import { seedAttachments } from './attachments.seed.js';
import { seedServiceOrders } from './service-orders.seed.js';
import { placeDemoOrders } from './places.seed.js';
import { serviceOrderRoutes } from './service-orders.routes.js';
import { permissions } from './permissions.js';
import { attachmentsEnUS, attachmentsZhCN } from './attachments.messages.js';
import { enUS, zhCN } from './messages.js';
import { tick } from './scheduler.js';
import { retentionPass } from './retention.js';
import { storeFrom } from './attachments.store.js';
import { foldRollupSlots } from './rollups.js';
import { chinaDay } from '../../kernel/clock.js';
import { AUDIT_LABELS } from './audit-labels.js';
import { SERVICE_LOOP_FIGURES } from './dashboard.figures.js';

/** Service orders 服务工单 (issue 5): menu services, problem reports, micro-wishes; routing, time limits, figures. */
export const serviceOrdersModule: GongzhiModule = {
  name: 'service-orders',
  auditLabels: AUDIT_LABELS,
  permissions,
  messages: { 'zh-CN': { ...zhCN, ...attachmentsZhCN }, 'en-US': { ...enUS, ...attachmentsEnUS } },
  routes: serviceOrderRoutes,
  figures: SERVICE_LOOP_FIGURES,
  // Time limits: reminders and escalation (`ORDER_SCHEDULER_SECONDS`, default 60; 0 = off).
  schedulers: [
    { name: 'order scheduler', seconds: (c) => c.ORDER_SCHEDULER_SECONDS, pass: ({ db, clock }) => tick(db, clock) },
    // The rollup's slots of past periods folded back into one row per key (decision 031).
    {
      name: 'rollup fold',
      seconds: (c) => c.ORDER_SCHEDULER_SECONDS,
      pass: ({ db, clock }) => foldRollupSlots(db, chinaDay(clock.now())),
    },
    // Retention of closed records: personal data of orders finished RETENTION_CLOSED_YEARS ago (decision 035).
    {
      name: 'retention',
      seconds: (c) => c.RETENTION_PASS_SECONDS,
      pass: ({ db, clock, config }) => retentionPass(db, clock, config.RETENTION_CLOSED_YEARS, storeFrom(config)),
    },
  ],
  seedDemo: async (db) => {
    await seedServiceOrders(db);
    await seedAttachments(db); // demo photos on orders (attachments.seed.ts)
  },
  // Demo orders on the map (places.seed.ts), after every module: mediation, visits and emergency seed orders too.
  seedDemoFinal: placeDemoOrders,
};
