import type { GongzhiModule } from '../../kernel/http/types.js';
import './messages.js';
import { seedNotifications } from './notifications.seed.js';
import { notificationRoutes } from './notifications.routes.js';
import { notify } from './notifications.service.js';
import { onOrderNotices } from '../service-orders/index.js';

/** In-app notifications 消息通知 (issue 5 item 10): one message per event, or a daily digest. */
export const notificationsModule: GongzhiModule = {
  name: 'notifications',
  routes: notificationRoutes,
  // The order moves' notices are stored here (service-orders does not know this module).
  setup: () => onOrderNotices(notify),
  seedDemo: seedNotifications,
};
