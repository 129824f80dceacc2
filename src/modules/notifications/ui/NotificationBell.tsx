import { BellOutlined } from '@ant-design/icons';
import { App, Badge, Button, Empty, List, Popover, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { isApiError } from '../../../web/api/client';
import { formatDateTime } from '../../../web/components/format';
import { markRead, targetOf, useLatestNotifications, type AppNotification } from './api';

/** The console header's bell 消息: unread badge (polled), the latest few, "mark all read", and the full list. */
export function NotificationBell({ color }: { color: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const { data } = useLatestNotifications(8);
  const unread = data?.unread ?? 0;

  const go = async (n: AppNotification) => {
    setOpen(false);
    if (!n.readAt) await markRead({ ids: [n.id] }).catch(() => undefined);
    void navigate(n.kind === 'digest' ? '/notifications' : targetOf(n));
  };
  const readAll = async () => {
    try {
      await markRead({ all: true });
    } catch (e) {
      void message.error(isApiError(e) ? e.message : String(e));
    }
  };

  const content = (
    <div style={{ width: 360 }} data-testid="notification-popover">
      <div style={{ display: 'flex', alignItems: 'center', marginBottom: 8 }}>
        <Typography.Text strong style={{ flex: 1 }}>
          {t('notifications.title')}
        </Typography.Text>
        <Button
          size="small"
          type="link"
          disabled={!unread}
          onClick={() => void readAll()}
          data-testid="notification-read-all"
        >
          {t('notifications.readAll')}
        </Button>
      </div>
      {data?.items.length ? (
        <List
          size="small"
          style={{ maxHeight: 420, overflowY: 'auto' }}
          dataSource={data.items}
          renderItem={(n) => (
            <List.Item
              key={n.id}
              onClick={() => void go(n)}
              style={{
                cursor: 'pointer',
                paddingInline: 8,
                background: n.readAt ? undefined : '#fff7f6',
                borderRadius: 4,
              }}
              data-testid={`notification-${n.id}`}
            >
              <Space direction="vertical" size={0} style={{ width: '100%' }}>
                <Space size={6}>
                  {!n.readAt && <Badge status="error" />}
                  <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
                </Space>
                <Typography.Text
                  type="secondary"
                  ellipsis={{ tooltip: n.body }}
                  style={{ fontSize: 13, maxWidth: 330 }}
                >
                  {n.body.split('\n')[0]}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(n.createdAt)}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />
      )}
      <div style={{ textAlign: 'center', borderTop: '1px solid #f0f0f0', paddingTop: 8, marginTop: 4 }}>
        <Link to="/notifications" onClick={() => setOpen(false)} data-testid="notification-all">
          {t('notifications.viewAll')}
        </Link>
      </div>
    </div>
  );

  return (
    <Popover content={content} trigger="click" open={open} onOpenChange={setOpen} placement="bottomRight" arrow={false}>
      <Button type="text" aria-label={t('notifications.title')} data-testid="notification-bell" style={{ color }}>
        <Badge count={unread} overflowCount={99} size="small" offset={[4, -2]}>
          <BellOutlined style={{ color, fontSize: 18 }} />
        </Badge>
      </Button>
    </Popover>
  );
}
