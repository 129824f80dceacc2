import type { GongzhiModule } from '../../kernel/http/types.js';
import { seedNotifications } from './notifications.seed.js';
import { notificationRoutes } from './notifications.routes.js';
import { digestPass, notify } from './notifications.service.js';
import { onOrderNotices } from '../service-orders/index.js';
import { enUS, zhCN } from './messages.js';
import { AUDIT_LABELS } from './audit-labels.js';

/** In-app notifications 消息通知 (issue 5 item 10): one message per event, or a daily digest. */
export const notificationsModule: GongzhiModule = {
  name: 'notifications',
  auditLabels: AUDIT_LABELS,
  messages: { 'zh-CN': zhCN, 'en-US': enUS },
  routes: notificationRoutes,
  // Daily digests (`NOTIFICATION_DIGEST_SECONDS`, default 60; 0 = off).
  schedulers: [
    {
      name: 'notification digest',
      seconds: (c) => c.NOTIFICATION_DIGEST_SECONDS,
      pass: ({ db, clock }) => digestPass(db, clock),
    },
  ],
  // The order moves' notices are stored here (service-orders does not know this module).
  setup: () => onOrderNotices(notify),
  seedDemo: seedNotifications,
};
