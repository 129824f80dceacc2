import { AuditOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { ConsoleRoute } from '../../../web/app/module-routes';

/** Console page of the audit log: who did what, when, with the before/after of each change. */
export const consoleRoutes: ConsoleRoute[] = [
  {
    path: 'audit',
    rank: 910,
    labelKey: 'nav.audit',
    permission: 'audit.read',
    icon: <AuditOutlined />,
    Component: lazy(() => import('./AuditPage')),
  },
];
