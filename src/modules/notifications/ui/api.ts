import { useQuery } from '@tanstack/react-query';
import { api } from '../../../web/api/client';
import { queryClient } from '../../../web/app/queryClient';
import type { WireOf } from '../../../web/api/wire';
import type * as C from '../contract';

/** A notification as the API renders it (texts already in the reader's language): the contract on the wire. */
export type AppNotification = WireOf<typeof C.Notification>;
export type DigestItem = NonNullable<AppNotification['items']>[number];
export type NotificationPage = WireOf<typeof C.NotificationPage>;
export type NotificationPreferences = WireOf<typeof C.Preferences>;

export const NOTIFICATIONS_KEY = ['notifications'] as const;
/** The bell and the mobile badge poll this often. */
export const POLL_MS = 45_000;

/** The latest notifications and the unread count, polled while the page is open. */
export function useLatestNotifications(pageSize = 8, enabled = true) {
  return useQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'latest', pageSize],
    queryFn: () => api.get<NotificationPage>('/api/notifications', { pageSize }),
    refetchInterval: POLL_MS,
    enabled,
  });
}

export async function markRead(body: { ids: number[] } | { all: true }) {
  const r = await api.post<WireOf<typeof C.MarkReadResult>>('/api/notifications/read', body);
  await queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY });
  return r;
}

/** Where a notification leads: its order (console `/orders/:id`, mobile `/m/orders/:id`) or the list. */
export function targetOf(n: { link: string | null; orderId: number | null }, mobile = false): string {
  const link = n.link ?? (n.orderId ? `/orders/${n.orderId}` : '/notifications');
  return mobile ? `/m${link}` : link;
}
