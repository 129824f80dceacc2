import { BarChartOutlined, FileSearchOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { ConsoleRoute } from '../../../web/app/module-routes';

/** Console pages of visits 走访 (menu group 网格): the visits list with its form, and coverage per grid worker. */
export const consoleRoutes: ConsoleRoute[] = [
  {
    path: 'visits',
    labelKey: 'visits.nav.list',
    permission: 'visit.read',
    group: 'grids',
    rank: 120,
    icon: <FileSearchOutlined />,
    Component: lazy(() => import('./VisitsPage')),
  },
  {
    path: 'visits/coverage',
    labelKey: 'visits.nav.coverage',
    permission: 'visit.coverage',
    group: 'grids',
    rank: 121,
    icon: <BarChartOutlined />,
    Component: lazy(() => import('./CoveragePage')),
  },
];
