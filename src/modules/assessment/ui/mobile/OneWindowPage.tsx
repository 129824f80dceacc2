import { useQuery } from '@tanstack/react-query';
import { Card, Empty, NavBar, SearchBar, Tabs, Tag } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../../../../web/api/client';

interface Item {
  id: number;
  category: 'permit' | 'convenience';
  name: string;
  department: string;
  materials: string[];
  timeLimitDays: number;
  atMostOnce: boolean;
  place: string;
}

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
        </Card>
      ))}
    </div>
  );
}
