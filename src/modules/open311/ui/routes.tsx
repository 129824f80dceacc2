import { ApiOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { ConsoleRoute } from '../../../web/app/module-routes';

/** Console page of open311: the security admin's API keys for Open311 clients. */
export const consoleRoutes: ConsoleRoute[] = [
  {
    path: 'open311/clients',
    rank: 90,
    labelKey: 'open311.nav.clients',
    permission: 'apiClient.manage',
    icon: <ApiOutlined />,
    Component: lazy(() => import('./ClientsPage')),
  },
];
