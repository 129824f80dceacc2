import { lazy } from 'react';
import type { MobileRoute } from '../../../web/mobile/mobile-routes';

/** A grid worker's visits on the phone 走访: record a visit, see this month's coverage. */
export const mobileRoutes: MobileRoute[] = [
  {
    path: 'visits',
    Component: lazy(() => import('./mobile/VisitsMobilePage')),
    tabBar: true,
    rank: 60,
    tab: {
      titleKey: 'visits.mobile.tab',
      icon: 'M3 11l9-7 9 7v9a1 1 0 0 1-1 1h-5v-6H9v6H4a1 1 0 0 1-1-1z',
      testId: 'm-tab-visits',
      anyPermission: ['visit.coverage'],
    },
  },
];
