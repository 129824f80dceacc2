import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Dialog, List, PullToRefresh, Tabs, Tag, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { api, isApiError } from '../../../../web/api/client';
import type { Page } from '../../../../web/api/types';
import { useCan, useMe } from '../../../../web/app/auth';
import { formatDateTime } from '../../../../web/components/format';
import { Spinner } from '../../../../web/mobile/Spinner';
import { shownKind, type Order } from '../../../../web/mobile/types';
import { STATUS_COLOR } from './status';

/** The handler's lists: what was sent to me or my unit, what I am working on, open micro-wishes to claim, and what I finished. */
const LISTS = {
  toAccept: { inbox: 'toAccept', status: 'dispatched' },
  doing: { inbox: 'mine', status: 'accepted,inProgress' },
  wishes: { kind: 'microWish', status: 'open' },
  done: { inbox: 'mine', status: 'resolved,rated,closed' },
} as const;
type ListKey = keyof typeof LISTS;
const KEYS = Object.keys(LISTS) as ListKey[];
const isListKey = (v: string | null): v is ListKey => v !== null && v in LISTS;

type Deadlines = Order & { respondBy?: string; resolveBy?: string; overdue?: boolean };

function useList(key: ListKey, enabled: boolean) {
  return useQuery({
    queryKey: ['m', 'orders', 'tasks', key],
    queryFn: ({ signal }) => api.get<Page<Deadlines>>('/api/orders', { ...LISTS[key], pageSize: 50 }, signal),
    enabled,
  });
}

/** 任务: orders for party members, unit contacts and other handlers on a phone (接单, 认领微心愿, 办结). */
export default function TasksPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { data: me } = useMe();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const tab: ListKey = isListKey(params.get('tab')) ? (params.get('tab') as ListKey) : 'toAccept';
  const canHandle = can('order.handle');
  const canClaim = can('order.claim');
  const [busy, setBusy] = useState<number | null>(null);
  const lists = {
    toAccept: useList('toAccept', canHandle),
    doing: useList('doing', canHandle || canClaim),
    wishes: useList('wishes', canClaim),
    done: useList('done', tab === 'done'),
  };
  const shown = KEYS.filter((k) => (k === 'toAccept' ? canHandle : k === 'wishes' ? canClaim : true));
  const current = lists[tab];

  const claim = async (o: Order) => {
    const ok = await Dialog.confirm({
      content: t('mobile.tasks.claimConfirm', { title: o.title }),
      confirmText: t('mobile.tasks.claim'),
      cancelText: t('mobile.tasks.cancel'),
    });
    if (!ok) return;
    setBusy(o.id);
    try {
      await api.post(`/api/orders/${o.id}/claim`, {});
      await qc.invalidateQueries({ queryKey: ['m', 'orders'] });
      Toast.show({ icon: 'success', content: t('mobile.tasks.claimed') });
      void navigate(`/m/orders/${o.id}`, { state: { from: '/m/tasks?tab=doing' } });
    } catch (e) {
      Toast.show({ content: isApiError(e) ? e.message : String(e) });
    } finally {
      setBusy(null);
    }
  };

  if (!me) return <Spinner />;
  return (
    <div data-testid="m-tasks">
      <div className="gzm-hero">
        <h1>{t('mobile.tasks.title')}</h1>
        <p>{t('mobile.tasks.subtitle')}</p>
      </div>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        style={{ background: '#fff', '--title-font-size': '17px' }}
      >
        {shown.map((k) => {
          const n = k === 'done' ? undefined : lists[k].data?.total;
          return (
            <Tabs.Tab
              key={k}
              title={
                <Badge content={n ? (n > 99 ? '99+' : n) : null} style={{ '--right': '-12px', '--top': '2px' }}>
                  <span data-testid={`m-tasks-tab-${k}`}>{t(`mobile.tasks.tabs.${k}`)}</span>
                </Badge>
              }
            />
          );
        })}
      </Tabs>
      <PullToRefresh onRefresh={() => qc.invalidateQueries({ queryKey: ['m', 'orders', 'tasks'] })}>
        {current.isLoading && <Spinner />}
        {current.data && current.data.items.length === 0 && (
          <div className="gzm-center">{t(`mobile.tasks.empty.${tab}`)}</div>
        )}
        {current.data && current.data.items.length > 0 && (
          <List data-testid={`m-tasks-${tab}`} style={{ '--font-size': '18px' }}>
            {current.data.items.map((o) => {
              const due = o.status === 'open' || o.status === 'dispatched' ? o.respondBy : o.resolveBy;
              return (
                <List.Item
                  key={o.id}
                  onClick={() => navigate(`/m/orders/${o.id}`, { state: { from: `/m/tasks?tab=${tab}` } })}
                  data-testid={`m-task-${o.id}`}
                  description={
                    <>
                      <div>
                        {t(`mobile.order.kinds.${shownKind(o)}`)} ·{' '}
                        {t(`mobile.order.categories.${o.category}`, { defaultValue: o.category })} · {o.community.name}
                      </div>
                      {due && !['resolved', 'rated', 'closed'].includes(o.status) && (
                        <div style={{ color: o.overdue ? '#c8102e' : undefined }}>
                          {o.overdue ? t('mobile.tasks.overdue') : t('mobile.tasks.due', { at: formatDateTime(due) })}
                        </div>
                      )}
                    </>
                  }
                  extra={
                    tab === 'wishes' ? (
                      <Button
                        color="primary"
                        size="middle"
                        loading={busy === o.id}
                        onClick={(e) => {
                          e.stopPropagation();
                          void claim(o);
                        }}
                        data-testid={`m-claim-${o.id}`}
                      >
                        {t('mobile.tasks.claim')}
                      </Button>
                    ) : (
                      <Tag color={STATUS_COLOR[o.status]}>{t(`orders.status.${o.status}`)}</Tag>
                    )
                  }
                  arrowIcon={tab !== 'wishes'}
                >
                  {o.title}
                </List.Item>
              );
            })}
          </List>
        )}
      </PullToRefresh>
    </div>
  );
}
