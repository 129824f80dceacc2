import type { App } from '../../kernel/http/types.js';
import {
  MarkRead,
  MarkReadResult,
  NotificationListQuery,
  NotificationPage,
  Preferences,
  UpdatePreferences,
} from './contract.js';
import { getPreferences, listNotifications, markRead, updatePreferences } from './notifications.service.js';

const tags = ['notifications'];
/** Every signed-in account has its own notifications: no permission beyond being signed in. */
const own = { access: 'authenticated' } as const;

export async function notificationRoutes(app: App): Promise<void> {
  app.get(
    '/api/notifications',
    {
      config: own,
      schema: {
        tags,
        summary: 'My notifications, newest first, with my unread count',
        querystring: NotificationListQuery,
        response: { 200: NotificationPage },
      },
    },
    async (req) => listNotifications(req.ctx(), req.query),
  );

  app.post(
    '/api/notifications/read',
    {
      config: own,
      schema: {
        tags,
        summary: 'Mark my notifications as read: { ids } or { all: true }',
        body: MarkRead,
        response: { 200: MarkReadResult },
      },
    },
    async (req) => markRead(req.ctx(), req.body),
  );

  app.get(
    '/api/notifications/preferences',
    {
      config: own,
      schema: { tags, summary: 'How I hear: one message per event, or a daily digest', response: { 200: Preferences } },
    },
    async (req) => getPreferences(req.ctx()),
  );

  app.put(
    '/api/notifications/preferences',
    {
      config: own,
      schema: {
        tags,
        summary: 'Choose instant messages or a daily digest (hour in China time, default 18)',
        body: UpdatePreferences,
        response: { 200: Preferences },
      },
    },
    async (req) => updatePreferences(req.ctx(), req.body),
  );
}
