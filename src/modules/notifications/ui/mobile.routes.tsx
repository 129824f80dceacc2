import { lazy } from 'react';
import type { MobileRoute } from '../../../web/mobile/mobile-routes';

/** Resident page of notifications: my messages. */
export const mobileRoutes: MobileRoute[] = [
  { path: 'notifications', Component: lazy(() => import('./mobile/NotificationsPage')) },
];
