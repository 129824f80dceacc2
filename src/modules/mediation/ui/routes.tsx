import { TeamOutlined, CommentOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { ConsoleRoute } from '../../../web/app/module-routes';

/** Console pages of mediation 调解 (menu group 服务工单): cases, one case, teams. */
export const consoleRoutes: ConsoleRoute[] = [
  {
    path: 'mediation/cases',
    rank: 30,
    labelKey: 'mediation.nav.cases',
    permission: 'mediation.read',
    group: 'orders',
    icon: <CommentOutlined />,
    Component: lazy(() => import('./CasesPage')),
  },
  {
    path: 'mediation/cases/:id',
    labelKey: 'mediation.nav.case',
    permission: 'mediation.read',
    group: 'orders',
    menu: false,
    Component: lazy(() => import('./CasePage')),
  },
  {
    path: 'mediation/teams',
    rank: 40,
    labelKey: 'mediation.nav.teams',
    permission: 'mediationTeam.read',
    group: 'orders',
    icon: <TeamOutlined />,
    Component: lazy(() => import('./TeamsPage')),
  },
];
