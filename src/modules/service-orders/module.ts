import type { GongzhiModule } from '../../kernel/http/types.js';
import './messages.js';
import './permissions.js';
import { seedAttachments } from './attachments.seed.js';
import { seedServiceOrders } from './service-orders.seed.js';
import { serviceOrderRoutes } from './service-orders.routes.js';

/** Service orders 服务工单 (issue 5): menu services, problem reports, micro-wishes; routing, time limits, figures. */
export const serviceOrdersModule: GongzhiModule = {
  name: 'service-orders',
  routes: serviceOrderRoutes,
  seedDemo: async (db) => {
    await seedServiceOrders(db);
    await seedAttachments(db); // demo photos on orders (attachments.seed.ts)
  },
};
