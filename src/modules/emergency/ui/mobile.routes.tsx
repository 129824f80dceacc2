import { lazy } from 'react';
import type { MobileRoute } from '../../../web/mobile/mobile-routes';

/** Members' page in emergency mode: my tasks with check-in. */
export const mobileRoutes: MobileRoute[] = [
  {
    path: 'emergency',
    Component: lazy(() => import('./mobile/MyTasksPage')),
    tabBar: true,
    rank: 55,
    tab: {
      titleKey: 'emergency.mobile.tab',
      icon: 'M12 3l9 16H3z M12 10v4 M12 17v.5',
      testId: 'm-tab-emergency',
      anyPermission: ['emergency.tasks'],
    },
  },
];
