import { lazy } from 'react';
import type { MobileRoute } from '../../../web/mobile/mobile-routes';

/** Resident pages of service orders: ask for a service or report a problem, follow an order; handlers' tasks. */
export const mobileRoutes: MobileRoute[] = [
  { path: 'orders/new/:kind', Component: lazy(() => import('./mobile/NewOrderPage')) },
  { path: 'orders/:id', Component: lazy(() => import('./mobile/OrderPage')) },
  {
    path: 'tasks',
    Component: lazy(() => import('./mobile/TasksPage')),
    tabBar: true,
    rank: 100,
    // Handlers (party members, unit contacts, grid workers, staff) get a tasks tab 任务.
    tab: {
      titleKey: 'mobile.tasks.tab',
      icon: 'M9 11l3 3 8-8M20 12v7a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h9',
      testId: 'm-tab-tasks',
      anyPermission: ['order.handle', 'order.claim'],
    },
  },
];
