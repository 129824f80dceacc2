import { HeartOutlined, StarOutlined, TeamOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { ConsoleRoute } from '../../../web/app/module-routes';

/** Console pages of volunteering 志愿服务, teams and posts 队伍与岗位, points 积分. */
export const consoleRoutes: ConsoleRoute[] = [
  {
    path: 'volunteering/activities',
    rank: 70,
    labelKey: 'volunteering.nav.activities',
    permission: 'volunteering.read',
    icon: <HeartOutlined />,
    Component: lazy(() => import('./ActivitiesPage')),
  },
  {
    path: 'volunteering/activities/:id',
    labelKey: 'volunteering.nav.activity',
    permission: 'volunteering.read',
    menu: false,
    Component: lazy(() => import('./ActivityPage')),
  },
  {
    path: 'volunteering/hours',
    labelKey: 'volunteering.nav.hours',
    permission: 'volunteering.read',
    menu: false,
    Component: lazy(() => import('./HoursPage')),
  },
  {
    path: 'volunteering/teams',
    rank: 71,
    labelKey: 'volunteering.nav.teams',
    permission: 'volunteering.read',
    icon: <TeamOutlined />,
    Component: lazy(() => import('./TeamsPage')),
  },
  {
    path: 'volunteering/teams/:id',
    labelKey: 'volunteering.nav.team',
    permission: 'volunteering.read',
    menu: false,
    Component: lazy(() => import('./TeamPage')),
  },
  {
    path: 'volunteering/points',
    rank: 72,
    labelKey: 'volunteering.nav.points',
    permission: 'volunteering.read',
    icon: <StarOutlined />,
    Component: lazy(() => import('./PointsPage')),
  },
];
