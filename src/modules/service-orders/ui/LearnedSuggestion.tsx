import { BulbOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Progress, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../../web/api/client';

/**
 * The learned dispatch's suggestion (issue 16 point 6, served by the open311 module at a URL, so this module
 * imports nothing of it): category and handler from the report's text with their confidence. Shown, never applied:
 * the dispatcher decides. Hidden when the route is absent, refused, or no model has been trained.
 */
interface LearnedSuggestionBody {
  available: boolean;
  modelId: number | null;
  samples: number;
  categories: { category: string; confidence: number }[];
  handlers: { handler: string; confidence: number }[];
}

export function LearnedSuggestion({ orderId, category }: { orderId: number; category: string }) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['orders', 'learned', orderId],
    queryFn: ({ signal }) =>
      api.get<LearnedSuggestionBody>(`/api/dispatch/orders/${orderId}/suggestion`, undefined, signal),
    retry: false,
  });
  const s = q.data;
  if (!s?.available || !s.categories.length) return null;
  const pct = (p: number) => Math.round(p * 100);
  const top = s.categories[0]!;
  return (
    <Alert
      type="info"
      showIcon
      icon={<BulbOutlined />}
      style={{ marginBottom: 16 }}
      data-testid="learned-suggestion"
      title={t('orders.learned.title')}
      description={
        <Space orientation="vertical" size={4} style={{ width: '100%' }}>
          <Space wrap>
            <span>{t('orders.learned.category')}</span>
            {s.categories.map((c) => (
              <Tag key={c.category} color={c === top ? 'blue' : undefined} data-testid="learned-category">
                {t(`orders.category.${c.category}`, { defaultValue: c.category })} {pct(c.confidence)}%
              </Tag>
            ))}
            {top.category !== category && <Tag color="orange">{t('orders.learned.differs')}</Tag>}
          </Space>
          <Progress percent={pct(top.confidence)} size="small" showInfo={false} />
          {s.handlers.length > 0 && (
            <Space wrap>
              <span>{t('orders.learned.handler')}</span>
              {s.handlers.map((h) => (
                <Tag key={h.handler}>
                  {h.handler} {pct(h.confidence)}%
                </Tag>
              ))}
            </Space>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('orders.learned.note', { samples: s.samples, model: s.modelId })}
          </Typography.Text>
        </Space>
      }
    />
  );
}
