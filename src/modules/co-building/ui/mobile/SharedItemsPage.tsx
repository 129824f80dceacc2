import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Dialog, List, PullToRefresh, Stepper, Tag, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api, isApiError } from '../../../../web/api/client';
import type { Page } from '../../../../web/api/types';
import { Spinner } from '../../../../web/mobile/Spinner';
import { addDays, chinaToday } from '../../../../web/components/format';

export interface CabinetItem {
  id: number;
  name: string;
  category: string;
  condition: string;
  location: string;
  description: string | null;
  status: 'available' | 'lent' | 'lost' | 'damaged' | 'retired';
  maxDays: number;
  latestDue: string;
  place: { id: number; name: string };
}
const COLOR: Record<string, string> = { available: 'success', lent: 'warning', lost: 'danger', damaged: 'danger' };

/** 共享柜: the shared items of the resident's community; borrow one until a due day (decision 042). */
export default function SharedItemsPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [busy, setBusy] = useState<number | null>(null);
  const q = useQuery({
    queryKey: ['m', 'cabinet'],
    queryFn: ({ signal }) => api.get<Page<CabinetItem>>('/api/co-building/cabinet', { pageSize: 100 }, signal),
  });

  const borrow = async (item: CabinetItem) => {
    let days = Math.min(3, item.maxDays);
    const ok = await Dialog.confirm({
      title: t('mShared.borrowTitle', { name: item.name }),
      content: (
        <div data-testid="m-borrow-dialog">
          <p>{t('mShared.whereToReturn', { location: item.location })}</p>
          <p>{t('mShared.days', { max: item.maxDays })}</p>
          <Stepper
            defaultValue={days}
            min={1}
            max={item.maxDays}
            digits={0}
            onChange={(v) => (days = v ?? 1)}
            data-testid="m-borrow-days"
          />
        </div>
      ),
      confirmText: t('mShared.borrow'),
      cancelText: t('mShared.cancel'),
    });
    if (!ok) return;
    setBusy(item.id);
    try {
      await api.post(`/api/co-building/cabinet/${item.id}/borrow`, { dueOn: addDays(chinaToday(), days) });
      await qc.invalidateQueries({ queryKey: ['m', 'cabinet'] });
      await qc.invalidateQueries({ queryKey: ['m', 'my-loans'] });
      Toast.show({ icon: 'success', content: t('mShared.borrowed') });
      void navigate('/m/shared/loans');
    } catch (e) {
      Toast.show({ content: isApiError(e) ? e.message : String(e) });
      await qc.invalidateQueries({ queryKey: ['m', 'cabinet'] });
    } finally {
      setBusy(null);
    }
  };

  return (
    <div data-testid="m-shared">
      <div className="gzm-hero">
        <h1>{t('mShared.title')}</h1>
        <p>{t('mShared.subtitle')}</p>
      </div>
      <div style={{ padding: '8px 16px' }}>
        <Button size="small" onClick={() => void navigate('/m/shared/loans')} data-testid="m-shared-my-loans">
          {t('mShared.myLoans')}
        </Button>
      </div>
      <PullToRefresh onRefresh={() => qc.invalidateQueries({ queryKey: ['m', 'cabinet'] })}>
        {q.isLoading && <Spinner />}
        {q.data && q.data.items.length === 0 && <div className="gzm-center">{t('mShared.empty')}</div>}
        {q.data && q.data.items.length > 0 && (
          <List style={{ '--font-size': '18px' }} data-testid="m-shared-list">
            {q.data.items.map((i) => (
              <List.Item
                key={i.id}
                data-testid={`m-item-${i.id}`}
                description={
                  <>
                    <div>
                      {t(`mShared.category.${i.category}`)} · {i.place.name} · {i.location}
                    </div>
                    {i.description && <div>{i.description}</div>}
                    <div>{t('mShared.maxDays', { n: i.maxDays })}</div>
                  </>
                }
                extra={
                  i.status === 'available' ? (
                    <Button
                      color="primary"
                      size="middle"
                      loading={busy === i.id}
                      onClick={() => void borrow(i)}
                      data-testid={`m-borrow-${i.id}`}
                    >
                      {t('mShared.borrow')}
                    </Button>
                  ) : (
                    <Tag color={COLOR[i.status] ?? 'default'}>{t(`mShared.status.${i.status}`)}</Tag>
                  )
                }
              >
                {i.name}
              </List.Item>
            ))}
          </List>
        )}
      </PullToRefresh>
    </div>
  );
}
