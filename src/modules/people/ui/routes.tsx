import { HomeOutlined, IdcardOutlined, TeamOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { ConsoleRoute } from '../../../web/app/module-routes';

/** Console pages of the people module (menu group 人员). */
export const consoleRoutes: ConsoleRoute[] = [
  {
    path: 'people/residents',
    labelKey: 'people.nav.residents',
    permission: 'resident.read',
    group: 'people',
    icon: <TeamOutlined />,
    Component: lazy(() => import('./ResidentsPage')),
  },
  {
    path: 'people/households',
    labelKey: 'people.nav.households',
    permission: 'resident.read',
    group: 'people',
    icon: <HomeOutlined />,
    Component: lazy(() => import('./HouseholdsPage')),
  },
  {
    path: 'people/households/:id',
    labelKey: 'people.nav.household',
    permission: 'resident.read',
    group: 'people',
    menu: false,
    Component: lazy(() => import('./HouseholdPage')),
  },
  {
    path: 'people/me',
    labelKey: 'people.nav.me',
    permission: 'resident.self',
    group: 'people',
    icon: <IdcardOutlined />,
    Component: lazy(() => import('./MyRecordPage')),
  },
];
