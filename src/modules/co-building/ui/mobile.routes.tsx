import { lazy } from 'react';
import type { MobileRoute } from '../../../web/mobile/mobile-routes';

/** Resident pages of co-building: the 便民共享服务柜 of their community (browse, borrow) and their loans (decision 042). */
export const mobileRoutes: MobileRoute[] = [
  {
    path: 'shared',
    Component: lazy(() => import('./mobile/SharedItemsPage')),
    tabBar: true,
    rank: 200,
    tab: {
      titleKey: 'mShared.tab',
      icon: 'M4 4h16v16H4zM4 12h16M12 4v16',
      testId: 'm-tab-shared',
      anyPermission: ['coBuilding.borrow'],
    },
  },
  { path: 'shared/loans', Component: lazy(() => import('./mobile/SharedLoansPage')), tabBar: true },
  // 揭榜挂帅 and the community's public co-building timeline (issue 12 points 7 and 9, decision 041).
  {
    path: 'co-building',
    Component: lazy(() => import('./mobile/CoTimelinePage')),
    tabBar: true,
    rank: 190,
    tab: {
      titleKey: 'mCo.tab',
      icon: 'M12 3v18M5 7h7M12 12h7M5 17h7',
      testId: 'm-tab-co-building',
      anyPermission: ['coBuilding.timeline'],
    },
  },
  { path: 'co-building/challenges/:id', Component: lazy(() => import('./mobile/CoChallengePage')) },
];
