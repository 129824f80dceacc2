import { lazy } from 'react';
import type { MobileRoute } from '../../../web/mobile/mobile-routes';

/** Volunteers' pages: activities to join, sign up, check in and out, my hours, my points and stars. */
export const mobileRoutes: MobileRoute[] = [
  {
    path: 'volunteering',
    Component: lazy(() => import('./mobile/VolunteerPage')),
    tabBar: true,
    rank: 40,
    tab: {
      titleKey: 'volunteering.mobile.tab',
      icon: 'M12 21s-7-4.5-9.5-9A5.5 5.5 0 0 1 12 6a5.5 5.5 0 0 1 9.5 6c-2.5 4.5-9.5 9-9.5 9z',
      testId: 'm-tab-volunteering',
      anyPermission: ['volunteering.join'],
    },
  },
  {
    path: 'volunteering/certificate',
    Component: lazy(() => import('./mobile/CertificatePage')),
  },
];
