import { ApartmentOutlined, FlagOutlined, InboxOutlined, SwapOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { ConsoleRoute } from '../../../web/app/module-routes';

/** Console pages of co-building 共驻共建: the three lists, the 挂图作战 board, the figures. */
export const consoleRoutes: ConsoleRoute[] = [
  {
    path: 'co-building/needs',
    rank: 60,
    labelKey: 'coBuilding.nav.main',
    permission: 'coBuilding.read',
    icon: <ApartmentOutlined />,
    Component: lazy(() => import('./NeedsPage')),
  },
  {
    path: 'co-building/needs/:id',
    labelKey: 'coBuilding.nav.need',
    permission: 'coBuilding.read',
    menu: false,
    Component: lazy(() => import('./NeedPage')),
  },
  {
    path: 'co-building/resources',
    labelKey: 'coBuilding.tab.resources',
    permission: 'coBuilding.read',
    menu: false,
    Component: lazy(() => import('./ResourcesPage')),
  },
  {
    path: 'co-building/projects',
    labelKey: 'coBuilding.tab.projects',
    permission: 'coBuilding.read',
    menu: false,
    Component: lazy(() => import('./ProjectsPage')),
  },
  {
    path: 'co-building/projects/:id',
    labelKey: 'coBuilding.nav.project',
    permission: 'coBuilding.read',
    menu: false,
    Component: lazy(() => import('./ProjectPage')),
  },
  {
    path: 'co-building/alliances',
    labelKey: 'coBuilding.tab.alliances',
    permission: 'coBuilding.read',
    menu: false,
    Component: lazy(() => import('./AlliancesPage')),
  },
  {
    path: 'co-building/alliances/:id',
    labelKey: 'coBuilding.nav.alliance',
    permission: 'coBuilding.read',
    menu: false,
    Component: lazy(() => import('./AlliancePage')),
  },
  {
    path: 'co-building/agreements',
    labelKey: 'coBuilding.tab.agreements',
    permission: 'coBuilding.read',
    menu: false,
    Component: lazy(() => import('./AgreementsPage')),
  },
  {
    path: 'co-building/figures',
    labelKey: 'coBuilding.tab.figures',
    permission: 'coBuilding.read',
    menu: false,
    Component: lazy(() => import('./FiguresPage')),
  },
  {
    path: 'co-building/shared-items',
    rank: 60,
    labelKey: 'coShared.nav.items',
    permission: 'coBuilding.read',
    icon: <InboxOutlined />,
    Component: lazy(() => import('./SharedItemsPage')),
  },
  {
    path: 'co-building/shared-loans',
    rank: 60,
    labelKey: 'coShared.nav.loans',
    permission: 'coBuilding.read',
    icon: <SwapOutlined />,
    Component: lazy(() => import('./SharedLoansPage')),
  },
  // 揭榜挂帅 challenges (issue 12 point 7, decision 041).
  {
    path: 'co-building/challenges',
    rank: 61,
    labelKey: 'coChallenge.nav',
    permission: 'coBuilding.challengeRead',
    icon: <FlagOutlined />,
    Component: lazy(() => import('./ChallengesPage')),
  },
  {
    path: 'co-building/challenges/:id',
    labelKey: 'coChallenge.navOne',
    permission: 'coBuilding.challengeRead',
    menu: false,
    Component: lazy(() => import('./ChallengePage')),
  },
];
