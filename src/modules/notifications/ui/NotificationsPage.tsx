import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { App, Badge, Button, Card, Empty, List, Radio, Segmented, Select, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, isApiError } from '../../../web/api/client';
import { queryClient } from '../../../web/app/queryClient';
import { formatDateTime } from '../../../web/components/format';
import { PageTitle } from '../../../web/components/PageTitle';
import {
  markRead,
  NOTIFICATIONS_KEY,
  POLL_MS,
  targetOf,
  type AppNotification,
  type NotificationPage,
  type NotificationPreferences,
} from './api';
import { errorText } from '../../../web/components/formErrors';

const PREFS_KEY = [...NOTIFICATIONS_KEY, 'preferences'] as const;

/** How the account hears: one message per event, or one digest a day at an hour (China time). */
function PreferencesCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const prefs = useQuery({
    queryKey: PREFS_KEY,
    queryFn: () => api.get<NotificationPreferences>('/api/notifications/preferences'),
  });
  const [mode, setMode] = useState<NotificationPreferences['mode']>('instant');
  const [hour, setHour] = useState(18);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (prefs.data) {
      setMode(prefs.data.mode);
      setHour(prefs.data.digestHour);
    }
  }, [prefs.data]);
  const dirty =
    !!prefs.data && (prefs.data.mode !== mode || (mode === 'dailyDigest' && prefs.data.digestHour !== hour));
  const save = async () => {
    setSaving(true);
    try {
      const next = await api.put<NotificationPreferences>('/api/notifications/preferences', { mode, digestHour: hour });
      queryClient.setQueryData(PREFS_KEY, next);
      await queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY });
      void message.success(t('notifications.prefs.saved'));
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card
      size="small"
      title={t('notifications.prefs.title')}
      style={{ marginBottom: 16 }}
      data-testid="notification-prefs"
    >
      {prefs.isLoading ? (
        <Spin />
      ) : (
        <Space wrap size={16} align="center">
          <Radio.Group
            value={mode}
            onChange={(e) => setMode(e.target.value as NotificationPreferences['mode'])}
            data-testid="notification-mode"
          >
            <Radio value="instant">{t('notifications.prefs.instant')}</Radio>
            <Radio value="dailyDigest">{t('notifications.prefs.dailyDigest')}</Radio>
          </Radio.Group>
          {mode === 'dailyDigest' && (
            <Space size={8}>
              <span>{t('notifications.prefs.hour')}</span>
              <Select
                style={{ width: 100 }}
                value={hour}
                onChange={setHour}
                options={Array.from({ length: 24 }, (_, h) => ({
                  value: h,
                  label: `${String(h).padStart(2, '0')}:00`,
                }))}
                data-testid="notification-hour"
              />
              <Typography.Text type="secondary">{t('notifications.prefs.timeZone')}</Typography.Text>
            </Space>
          )}
          <Button
            type="primary"
            disabled={!dirty}
            loading={saving}
            onClick={() => void save()}
            data-testid="notification-prefs-save"
          >
            {t('notifications.prefs.save')}
          </Button>
        </Space>
      )}
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
        {t('notifications.prefs.help')}
      </Typography.Paragraph>
    </Card>
  );
}

function Item({ n }: { n: AppNotification }) {
  const { t } = useTranslation();
  const open = async () => {
    if (!n.readAt) await markRead({ ids: [n.id] }).catch(() => undefined);
  };
  return (
    <List.Item
      data-testid={`notification-row-${n.id}`}
      style={{ background: n.readAt ? undefined : '#fff7f6', paddingInline: 12, alignItems: 'flex-start' }}
      actions={[
        !n.readAt && (
          <Button key="read" size="small" type="link" onClick={() => void open()}>
            {t('notifications.markRead')}
          </Button>
        ),
      ].filter(Boolean)}
    >
      <List.Item.Meta
        avatar={n.readAt ? <Badge status="default" /> : <Badge status="error" />}
        title={
          n.kind === 'digest' || !n.orderId ? (
            <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
          ) : (
            <Link to={targetOf(n)} onClick={() => void open()} style={{ fontWeight: n.readAt ? 500 : 600 }}>
              {n.title}
            </Link>
          )
        }
        description={
          <Space direction="vertical" size={2} style={{ width: '100%' }}>
            {n.kind === 'digest' && n.items ? (
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {n.items.map((i, k) => (
                  <li key={k}>
                    <Link to={targetOf(i)} onClick={() => void open()}>
                      {i.title}
                    </Link>
                    <Typography.Text type="secondary">{` ${i.body} · ${formatDateTime(i.at)}`}</Typography.Text>
                  </li>
                ))}
              </ul>
            ) : (
              <Typography.Text>{n.body}</Typography.Text>
            )}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(n.createdAt)}
            </Typography.Text>
          </Space>
        }
      />
    </List.Item>
  );
}

/** 消息通知: all my notifications, unread first filter, mark all read, and how I want to hear. */
export default function NotificationsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [filter, setFilter] = useState<'all' | 'unread'>('all');
  const [page, setPage] = useState(1);
  const pageSize = 20;
  const list = useQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'page', filter, page],
    queryFn: () =>
      api.get<NotificationPage>('/api/notifications', {
        page,
        pageSize,
        unread: filter === 'unread' ? true : undefined,
      }),
    placeholderData: keepPreviousData,
    refetchInterval: POLL_MS,
  });
  const readAll = async () => {
    try {
      const r = await markRead({ all: true });
      void message.success(t('notifications.readAllDone', { count: r.updated }));
    } catch (e) {
      void message.error(isApiError(e) ? e.message : String(e));
    }
  };
  return (
    <div data-testid="notifications-page">
      <PageTitle
        title={t('notifications.title')}
        help={t('notifications.help')}
        extra={
          <Button onClick={() => void readAll()} disabled={!list.data?.unread} data-testid="notifications-read-all">
            {t('notifications.readAll')}
          </Button>
        }
      />
      <PreferencesCard />
      <Segmented<'all' | 'unread'>
        style={{ marginBottom: 12 }}
        value={filter}
        onChange={(v) => {
          setFilter(v);
          setPage(1);
        }}
        options={[
          { value: 'all', label: t('notifications.filter.all') },
          { value: 'unread', label: `${t('notifications.filter.unread')}${list.data ? ` (${list.data.unread})` : ''}` },
        ]}
      />
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <List
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} /> }}
          renderItem={(n) => <Item key={n.id} n={n} />}
          pagination={
            (list.data?.total ?? 0) > pageSize
              ? {
                  current: page,
                  pageSize,
                  total: list.data?.total ?? 0,
                  onChange: setPage,
                  showSizeChanger: false,
                  style: { padding: '0 12px 12px' },
                }
              : false
          }
        />
      </Card>
    </div>
  );
}
