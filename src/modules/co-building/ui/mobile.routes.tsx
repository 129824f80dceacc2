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
];
