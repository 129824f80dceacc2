import { lazy } from 'react';
import type { MobileRoute } from '../../../web/mobile/mobile-routes';

/** Resident pages of sign-up: register with a phone number, choose (or change) one's household, read the
 * user agreement and privacy notice. */
export const mobileRoutes: MobileRoute[] = [
  { path: 'signup', Component: lazy(() => import('./mobile/SignupPage')), signIn: false },
  { path: 'privacy', Component: lazy(() => import('./mobile/PrivacyPage')), signIn: false },
  { path: 'household', Component: lazy(() => import('./mobile/ChooseHouseholdPage')) },
];
