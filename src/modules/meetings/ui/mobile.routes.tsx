import { lazy } from 'react';
import type { MobileRoute } from '../../../web/mobile/mobile-routes';

/** Resident and party-member pages of meetings: invitations, sign-in, leave, minutes, study record. */
export const mobileRoutes: MobileRoute[] = [
  {
    path: 'meetings',
    Component: lazy(() => import('./mobile/MyMeetingsPage')),
    tabBar: true,
    rank: 50,
    tab: {
      titleKey: 'meetings.mobile.tab',
      icon: 'M4 5h16v14H4z M8 3v4 M16 3v4 M4 10h16',
      testId: 'm-tab-meetings',
      anyPermission: ['meeting.attend'],
    },
  },
];
