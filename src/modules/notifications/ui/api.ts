import { useQuery } from '@tanstack/react-query';
import { api } from '../../../web/api/client';
import { queryClient } from '../../../web/app/queryClient';

/** A notification as the API renders it (texts already in the reader's language). */
export interface DigestItem {
  kind: string;
  title: string;
  body: string;
  orderId: number | null;
  link: string | null;
  at: string;
}
export interface AppNotification {
  id: number;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  orderId: number | null;
  createdAt: string;
  readAt: string | null;
  items: DigestItem[] | null;
}
export interface NotificationPage {
  items: AppNotification[];
  total: number;
  page: number;
  pageSize: number;
  unread: number;
}
export interface NotificationPreferences {
  mode: 'instant' | 'dailyDigest';
  digestHour: number;
  timeZone: string;
}

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
  const r = await api.post<{ updated: number; unread: number }>('/api/notifications/read', body);
  await queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY });
  return r;
}

/** Where a notification leads: its order (console `/orders/:id`, mobile `/m/orders/:id`) or the list. */
export function targetOf(n: { link: string | null; orderId: number | null }, mobile = false): string {
  const link = n.link ?? (n.orderId ? `/orders/${n.orderId}` : '/notifications');
  return mobile ? `/m${link}` : link;
}
