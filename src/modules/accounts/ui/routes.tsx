import { TeamOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { ConsoleRoute } from '../../../web/app/module-routes';

/** Console page of the accounts module: accounts, their roles and the four-eyes grants. */
export const consoleRoutes: ConsoleRoute[] = [
  {
    path: 'accounts',
    // After the module pages, before the audit log and the account's own page (as before the move).
    rank: 900,
    labelKey: 'nav.accounts',
    permission: 'account.read',
    icon: <TeamOutlined />,
    Component: lazy(() => import('./AccountsPage')),
  },
];
