import { InboxOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { ConsoleRoute } from '../../../web/app/module-routes';

/** Staff console pages of service orders 服务工单 (issue 5 item 9): the inbox, the order page and the walk-in form. */
export const consoleRoutes: ConsoleRoute[] = [
  {
    path: 'orders',
    rank: 10,
    labelKey: 'orders.nav.inbox',
    permission: 'order.read',
    group: 'orders',
    icon: <InboxOutlined />,
    Component: lazy(() => import('./OrdersPage')),
  },
  {
    // 代群众登记: staff register a walk-in's matter at the counter (the orders page links here).
    path: 'orders/new',
    labelKey: 'orders.nav.walkIn',
    permission: 'order.create',
    group: 'orders',
    menu: false,
    Component: lazy(() => import('./WalkInPage')),
  },
  {
    path: 'orders/:id',
    labelKey: 'orders.nav.detail',
    permission: 'order.read',
    group: 'orders',
    menu: false,
    Component: lazy(() => import('./OrderPage')),
  },
];
