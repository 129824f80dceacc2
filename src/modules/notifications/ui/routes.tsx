import { BellOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { ConsoleRoute } from '../../../web/app/module-routes';

/** 消息通知: reached from the header's bell, not from the menu. */
export const consoleRoutes: ConsoleRoute[] = [
  {
    path: 'notifications',
    labelKey: 'notifications.nav',
    menu: false,
    icon: <BellOutlined />,
    Component: lazy(() => import('./NotificationsPage')),
  },
];
