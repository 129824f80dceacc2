/** What the shell uses of notifications' UI: the console's bell and the resident page's latest messages. */
export { NotificationBell } from './NotificationBell';
export { useLatestNotifications } from './api';
