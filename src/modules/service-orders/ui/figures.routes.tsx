import { AppstoreOutlined, BarChartOutlined, BranchesOutlined, ContactsOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { ConsoleRoute } from '../../../web/app/module-routes';

/** Console pages of service orders for leaders and dispatchers: the figures, and the community's menu, routing rules and unit contacts. */
export const consoleRoutes: ConsoleRoute[] = [
  {
    path: 'orders/figures',
    rank: 20,
    labelKey: 'orderFigures.nav',
    permission: 'order.figures',
    group: 'orders',
    icon: <BarChartOutlined />,
    Component: lazy(() => import('./FiguresPage')),
  },
  {
    path: 'orders/menu',
    rank: 50,
    labelKey: 'orderConfig.nav.menu',
    permission: 'order.configure',
    group: 'orders',
    icon: <AppstoreOutlined />,
    Component: lazy(() => import('./MenuPage')),
  },
  {
    path: 'orders/rules',
    rank: 60,
    labelKey: 'orderConfig.nav.rules',
    permission: 'order.configure',
    group: 'orders',
    icon: <BranchesOutlined />,
    Component: lazy(() => import('./RulesPage')),
  },
  {
    path: 'orders/unit-contacts',
    rank: 70,
    labelKey: 'orderConfig.nav.unitContacts',
    permission: 'order.configure',
    group: 'orders',
    icon: <ContactsOutlined />,
    Component: lazy(() => import('./UnitContactsPage')),
  },
];
