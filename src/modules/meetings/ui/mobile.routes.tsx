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
  {
    path: 'consultations',
    Component: lazy(() => import('./mobile/ConsultationsMobilePage')),
    tabBar: true,
    rank: 51,
    tab: {
      titleKey: 'meetings.consultation.mobile.tab',
      icon: 'M4 4h16v11H8l-4 4z M8 9h8 M8 12h5',
      testId: 'm-tab-consultations',
      anyPermission: ['consultation.join'],
    },
  },
];
