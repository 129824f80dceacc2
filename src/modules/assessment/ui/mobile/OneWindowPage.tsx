import { useQuery } from '@tanstack/react-query';
import { Button, Card, Dialog, Empty, NavBar, SearchBar, Tabs, Tag, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api, isApiError } from '../../../../web/api/client';
import type { ServiceItem } from '../types';

type Item = ServiceItem;

/** 一窗受理: what the community centre handles, the materials to bring, the time limit, 最多跑一次. */
export default function OneWindowPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const [category, setCategory] = useState<'permit' | 'convenience'>('permit');
  const items = useQuery({
    queryKey: ['assessment', 'm', 'catalogue', q, category],
    queryFn: () => api.get<Item[]>('/api/assessment/service-items', { category, ...(q ? { q } : {}) }),
  });
  /** 一窗受理: the item becomes a service order in one step (decision 032); the resident follows it on /m/orders. */
  const start = async (i: Item) => {
    const go = await Dialog.confirm({
      content: t('assessment.mobile.startConfirm', { name: i.name }),
      confirmText: t('assessment.mobile.start'),
    });
    if (!go) return;
    try {
      const r = await api.post<{ orderId: number }>(`/api/assessment/service-items/${i.id}/start`, {});
      Toast.show({ icon: 'success', content: t('assessment.mobile.started') });
      void navigate(`/m/orders/${r.orderId}`);
    } catch (e) {
      Toast.show({ content: isApiError(e) ? e.message : String(e) });
    }
  };
  return (
    <div data-testid="m-one-window" style={{ paddingBottom: 16 }}>
      <NavBar onBack={() => void navigate('/m/rating')}>{t('assessment.mobile.catalogue')}</NavBar>
      <div style={{ padding: 12 }}>
        <SearchBar placeholder={t('assessment.mobile.searchItems')} onSearch={setQ} onClear={() => setQ('')} />
      </div>
      <Tabs activeKey={category} onChange={(k) => setCategory(k as 'permit' | 'convenience')}>
        <Tabs.Tab title={t('assessment.catalogue.permit')} key="permit" />
        <Tabs.Tab title={t('assessment.catalogue.convenience')} key="convenience" />
      </Tabs>
      {items.data?.length === 0 && <Empty />}
      {items.data?.map((i) => (
        <Card key={i.id} title={i.name} style={{ margin: '8px 12px' }} data-testid={`m-item-${i.id}`}>
          <div style={{ marginBottom: 4 }}>
            {i.atMostOnce && (
              <Tag color="success" style={{ marginRight: 6 }}>
                {t('assessment.catalogue.atMostOnce')}
              </Tag>
            )}
            <Tag color="default">
              {i.timeLimitDays === 0
                ? t('assessment.catalogue.immediate')
                : t('assessment.catalogue.days', { n: i.timeLimitDays })}
            </Tag>
          </div>
          <div style={{ color: '#666', fontSize: 13 }}>{i.department}</div>
          {i.materials.length > 0 && (
            <div style={{ fontSize: 13, marginTop: 4 }}>
              {t('assessment.catalogue.materials')}：{i.materials.join('、')}
            </div>
          )}
          <Button
            size="small"
            color="primary"
            fill="outline"
            style={{ marginTop: 8 }}
            onClick={() => void start(i)}
            data-testid={`m-start-${i.id}`}
          >
            {t('assessment.mobile.start')}
          </Button>
        </Card>
      ))}
    </div>
  );
}
