import { SafetyCertificateOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { ConsoleRoute } from '../../../web/app/module-routes';

export const consoleRoutes: ConsoleRoute[] = [
  {
    path: 'people/signups',
    labelKey: 'signup.nav.requests',
    permission: 'signup.review',
    group: 'people',
    icon: <SafetyCertificateOutlined />,
    Component: lazy(() => import('./SignupRequestsPage')),
  },
];
