import { IdcardOutlined, TeamOutlined, TrophyOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { ConsoleRoute } from '../../../web/app/module-routes';

/** Console pages of cadres and community workers (menu group 人员管理, decision 054). */
export const consoleRoutes: ConsoleRoute[] = [
  {
    path: 'cadres/workers',
    labelKey: 'cadres.nav.workers',
    permission: 'cadre.read',
    group: 'people',
    rank: 130,
    icon: <IdcardOutlined />,
    Component: lazy(() => import('./WorkersPage')),
  },
  {
    path: 'cadres/workers/:id',
    labelKey: 'cadres.nav.worker',
    permission: 'cadre.read',
    group: 'people',
    menu: false,
    Component: lazy(() => import('./WorkerPage')),
  },
  {
    path: 'cadres/assignments',
    labelKey: 'cadres.nav.assignments',
    permission: 'cadre.read',
    group: 'people',
    rank: 131,
    icon: <TeamOutlined />,
    Component: lazy(() => import('./AssignmentsPage')),
  },
  {
    path: 'cadres/talents',
    labelKey: 'cadres.nav.talents',
    permission: 'cadre.read',
    group: 'people',
    rank: 132,
    icon: <TrophyOutlined />,
    Component: lazy(() => import('./TalentsPage')),
  },
];
