import { useQuery } from '@tanstack/react-query';
import { Button, Card, List, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import type { Page } from '../../api/types';
import { useMe } from '../../app/auth';
import { formatDateTime } from '../../components/format';
import { STATUS_COLOR } from '../../../modules/service-orders/ui';
import { Spinner } from '../Spinner';
import { ORDER_KINDS, shownKind, type MyRecord, type MySignup, type Order } from '../types';

const KIND_COLOR = { menuService: '#1677ff', problem: '#fa8c16', microWish: '#eb2f96', mediation: '#13a8a8' } as const;
const KIND_GLYPH = { menuService: '单', problem: '报', microWish: '愿', mediation: '调' } as const;

/** Home: my household (or where my verification stands), what I can ask for, and my orders. */
export default function HomePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const verified = !!me?.permissions.includes('resident.self');
  const record = useQuery({
    queryKey: ['m', 'people', 'me'],
    queryFn: () => api.get<MyRecord>('/api/people/me'),
    enabled: verified,
  });
  const signup = useQuery({
    queryKey: ['m', 'signup', 'me'],
    queryFn: () => api.get<{ signup: MySignup | null }>('/api/signup/me'),
    enabled: !!me && !verified,
  });
  const canOrder = !!me?.permissions.includes('order.create');
  const orders = useQuery({
    queryKey: ['m', 'orders', 'mine'],
    queryFn: () => api.get<Page<Order>>('/api/orders', { inbox: 'mine', pageSize: 20 }),
    enabled: !!me?.permissions.includes('order.read'),
  });
  if (!me) return <Spinner />;
  const pending = signup.data?.signup;

  return (
    <div data-testid="m-home">
      <div className="gzm-hero">
        <h1>{t('mobile.home.hello', { name: me.displayName })}</h1>
        <p>{record.data?.household.address ?? pending?.household.address ?? me.territory.name}</p>
      </div>

      {verified && record.data && (
        <Card title={t('mobile.home.myHousehold')} className="gzm-section" data-testid="m-household">
          <div style={{ fontSize: 18 }}>{record.data.household.address}</div>
          <div className="gzm-muted">{t('mobile.home.members', { count: record.data.members.length + 1 })}</div>
        </Card>
      )}

      {!verified && pending && (
        <Card
          title={pending.status === 'rejected' ? t('mobile.home.rejected') : t('mobile.home.pending')}
          className="gzm-section"
          data-testid={`m-status-${pending.status}`}
        >
          <p style={{ margin: '0 0 12px' }}>
            {pending.status === 'rejected'
              ? t('mobile.home.rejectedText', { reason: pending.reason ?? '' })
              : t('mobile.home.pendingText', { address: pending.household.address })}
          </p>
          <Button
            block
            color={pending.status === 'rejected' ? 'primary' : 'default'}
            onClick={() => navigate('/m/household')}
          >
            {t('mobile.home.chooseAgain')}
          </Button>
        </Card>
      )}

      <div className="gzm-section-title">{t('mobile.home.services')}</div>
      <div className="gzm-actions">
        {ORDER_KINDS.map((k) => (
          <button
            key={k}
            type="button"
            className="gzm-action"
            disabled={!canOrder}
            style={canOrder ? undefined : { opacity: 0.5 }}
            onClick={() => navigate(`/m/orders/new/${k}`)}
            data-testid={`m-new-${k}`}
          >
            <span className="gzm-dot" style={{ background: KIND_COLOR[k] }}>
              {KIND_GLYPH[k]}
            </span>
            <b>{t(`mobile.order.kinds.${k}`)}</b>
            <span>{canOrder ? t(`mobile.order.kindHints.${k}`) : t('mobile.notVerified')}</span>
          </button>
        ))}
      </div>

      <div className="gzm-section-title">{t('mobile.home.myOrders')}</div>
      {orders.isLoading && <Spinner />}
      {orders.data && orders.data.items.length === 0 && <div className="gzm-center">{t('mobile.home.noOrders')}</div>}
      {orders.data && orders.data.items.length > 0 && (
        <List data-testid="m-orders">
          {orders.data.items.map((o) => (
            <List.Item
              key={o.id}
              onClick={() => navigate(`/m/orders/${o.id}`)}
              description={`${t(`mobile.order.kinds.${shownKind(o)}`)} · ${formatDateTime(o.createdAt)}`}
              extra={<Tag color={STATUS_COLOR[o.status]}>{t(`orders.status.${o.status}`)}</Tag>}
              arrowIcon
            >
              {o.title}
            </List.Item>
          ))}
        </List>
      )}
    </div>
  );
}
