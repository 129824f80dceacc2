import { useQuery } from '@tanstack/react-query';
import { Badge, Button, List, NavBar, Selector, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api, isApiError } from '../../../../web/api/client';
import { queryClient } from '../../../../web/app/queryClient';
import { formatDateTime } from '../../../../web/components/format';
import {
  markRead,
  NOTIFICATIONS_KEY,
  POLL_MS,
  targetOf,
  type AppNotification,
  type NotificationPage,
  type NotificationPreferences,
} from '../api';

const PAGE = 20;

/** 我的消息: the resident's notifications (newest first), mark all read, instant or daily digest. */
export default function NotificationsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [size, setSize] = useState(PAGE);
  const list = useQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'm', size],
    queryFn: () => api.get<NotificationPage>('/api/notifications', { pageSize: size }),
    refetchInterval: POLL_MS,
  });
  const prefs = useQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'preferences'],
    queryFn: () => api.get<NotificationPreferences>('/api/notifications/preferences'),
  });

  const open = async (n: AppNotification, link?: string) => {
    if (!n.readAt) await markRead({ ids: [n.id] }).catch(() => undefined);
    if (link) void navigate(link);
  };
  const setMode = async (mode: NotificationPreferences['mode']) => {
    try {
      const next = await api.put<NotificationPreferences>('/api/notifications/preferences', { mode });
      queryClient.setQueryData([...NOTIFICATIONS_KEY, 'preferences'], next);
      await queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY });
      Toast.show({ icon: 'success', content: t('notifications.mobile.saved') });
    } catch (e) {
      Toast.show({ content: isApiError(e) ? e.message : String(e) });
    }
  };
  const items = list.data?.items ?? [];

  return (
    <div data-testid="m-notifications">
      <NavBar
        onBack={() => navigate('/m/me')}
        right={
          list.data?.unread ? (
            <Button
              size="small"
              fill="none"
              color="primary"
              onClick={() => void markRead({ all: true })}
              data-testid="m-notifications-read-all"
            >
              {t('notifications.mobile.readAll')}
            </Button>
          ) : null
        }
      >
        {t('notifications.mobile.title')}
      </NavBar>
      <List className="gzm-section">
        <List.Item
          description={
            <Selector<NotificationPreferences['mode']>
              columns={2}
              value={prefs.data ? [prefs.data.mode] : []}
              onChange={(v) => v[0] && void setMode(v[0])}
              options={[
                { label: t('notifications.mobile.instant'), value: 'instant' },
                { label: t('notifications.mobile.digest'), value: 'dailyDigest' },
              ]}
            />
          }
        >
          {t('notifications.mobile.mode')}
        </List.Item>
      </List>
      {items.length === 0 && !list.isLoading ? (
        <div className="gzm-center">{t('notifications.mobile.empty')}</div>
      ) : (
        <List className="gzm-section">
          {items.map((n) => (
            <List.Item
              key={n.id}
              data-testid={`m-notification-${n.id}`}
              prefix={
                <Badge content={n.readAt ? null : Badge.dot}>
                  <span style={{ display: 'inline-block', width: 8 }} />
                </Badge>
              }
              title={<span style={{ fontWeight: n.readAt ? 400 : 600, color: '#333', fontSize: 17 }}>{n.title}</span>}
              description={
                <>
                  {n.kind === 'digest' && n.items ? (
                    n.items.map((i, k) => (
                      <div key={k} onClick={() => void open(n, targetOf(i, true))} style={{ padding: '2px 0' }}>
                        · {i.title}：{i.body}
                      </div>
                    ))
                  ) : (
                    <div>{n.body}</div>
                  )}
                  <div style={{ fontSize: 13, marginTop: 4 }}>{formatDateTime(n.createdAt)}</div>
                </>
              }
              arrow={n.kind !== 'digest' && !!n.orderId}
              onClick={() => void open(n, n.kind !== 'digest' && n.orderId ? targetOf(n, true) : undefined)}
            />
          ))}
        </List>
      )}
      {!!list.data && list.data.total > items.length && (
        <div className="gzm-pad">
          <Button block onClick={() => setSize((s) => s + PAGE)} loading={list.isFetching}>
            {t('notifications.mobile.more')}
          </Button>
        </div>
      )}
    </div>
  );
}
