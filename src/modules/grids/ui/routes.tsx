import { AppstoreOutlined, BankOutlined, EditOutlined, EnvironmentOutlined, TeamOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { ConsoleRoute } from '../../../web/app/module-routes';

/** Console pages of the grids module (menu group 网格). */
export const consoleRoutes: ConsoleRoute[] = [
  {
    path: 'grids/map',
    labelKey: 'grids.nav.map',
    permission: 'grid.read',
    group: 'grids',
    icon: <EnvironmentOutlined />,
    Component: lazy(() => import('./GridMapPage')),
  },
  {
    path: 'grids',
    labelKey: 'grids.nav.list',
    permission: 'grid.read',
    group: 'grids',
    icon: <AppstoreOutlined />,
    Component: lazy(() => import('./GridListPage')),
  },
  {
    path: 'grids/workers',
    labelKey: 'grids.nav.workers',
    permission: 'grid.read',
    group: 'grids',
    icon: <TeamOutlined />,
    Component: lazy(() => import('./GridWorkersPage')),
  },
  {
    path: 'grids/buildings',
    labelKey: 'grids.nav.buildings',
    permission: 'grid.read',
    group: 'grids',
    icon: <BankOutlined />,
    Component: lazy(() => import('./BuildingsPage')),
  },
  {
    path: 'grids/editor',
    labelKey: 'grids.nav.editor',
    permission: 'grid.manage',
    group: 'grids',
    icon: <EditOutlined />,
    Component: lazy(() => import('./GridEditorPage')),
  },
];
