import { lazy } from 'react';
import type { MobileRoute } from '../../../web/mobile/mobile-routes';

/** Resident pages of assessment: rate public service units 评议 (西宁评议), the one-window catalogue, 述职评议. */
export const mobileRoutes: MobileRoute[] = [
  {
    path: 'rating',
    Component: lazy(() => import('./mobile/RatingPage')),
    tabBar: true,
    rank: 60,
    tab: {
      titleKey: 'assessment.mobile.tab',
      icon: 'M12 3l2.8 5.7 6.2.9-4.5 4.4 1.1 6.2L12 17.3 6.4 20.2l1.1-6.2L3 9.6l6.2-.9z',
      testId: 'm-tab-rating',
      anyPermission: ['assessment.rate'],
    },
  },
  { path: 'one-window', Component: lazy(() => import('./mobile/OneWindowPage')) },
  { path: 'annual-reviews', Component: lazy(() => import('./mobile/ReviewPage')) },
];
