import { AlertOutlined, EnvironmentOutlined, UserAddOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { ConsoleRoute } from '../../../web/app/module-routes';

/** Console pages: emergency mode 平战结合 (list, live board) and river patrols 党建+河长制 (map, alerts, patrols). */
export const consoleRoutes: ConsoleRoute[] = [
  {
    path: 'emergency',
    rank: 70,
    labelKey: 'emergency.nav.main',
    permission: 'emergency.read',
    icon: <AlertOutlined />,
    Component: lazy(() => import('./EmergencyPage')),
  },
  {
    path: 'emergency/:id',
    labelKey: 'emergency.nav.board',
    permission: 'emergency.read',
    menu: false,
    Component: lazy(() => import('./BoardPage')),
  },
  {
    path: 'river',
    rank: 71,
    labelKey: 'river.nav.main',
    permission: 'river.read',
    icon: <EnvironmentOutlined />,
    Component: lazy(() => import('./RiverPage')),
  },
  {
    path: 'river/alerts',
    labelKey: 'river.tab.alerts',
    permission: 'river.read',
    menu: false,
    Component: lazy(() => import('./RiverAlertsPage')),
  },
  {
    path: 'river/patrols',
    labelKey: 'river.tab.patrols',
    permission: 'river.read',
    menu: false,
    Component: lazy(() => import('./RiverPatrolsPage')),
  },
  {
    path: 'recruitment',
    rank: 72,
    labelKey: 'recruitment.nav',
    permission: 'recruitment.manage',
    icon: <UserAddOutlined />,
    Component: lazy(() => import('./RecruitmentPage')),
  },
];
