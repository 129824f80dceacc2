import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Input, List, Rate, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../../web/api/client';
import { formatDateTime } from '../../../web/components/format';
import { PageTitle } from '../../../web/components/PageTitle';
import type { UnitRatings } from './types';

/** A unit contact's own units: ratings and comments (not who gave them), with a reply to each. */
export default function UnitRatingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ['assessment', 'unit-ratings'],
    queryFn: () => api.get<UnitRatings[]>('/api/assessment/my-unit-ratings'),
  });
  const [reply, setReply] = useState<Record<number, string>>({});
  const send = async (id: number) => {
    try {
      await api.post(`/api/assessment/ratings/${id}/reply`, { reply: reply[id] });
      void qc.invalidateQueries({ queryKey: ['assessment', 'unit-ratings'] });
    } catch (e) {
      void message.error(isApiError(e) ? e.message : String(e));
    }
  };
  return (
    <div data-testid="as-unit-ratings-page">
      <PageTitle title={t('assessment.unitRatingsTitle')} help={t('assessment.unitRatingsHelp')} />
      {q.data?.length === 0 && <Empty />}
      {q.data?.map((u) => (
        <Card key={u.unit.id} title={u.unit.name} size="small" style={{ marginBottom: 16 }}>
          <List
            dataSource={u.ratings}
            renderItem={(r) => (
              <List.Item data-testid={`as-rating-${r.id}`}>
                <Space direction="vertical" style={{ width: '100%' }}>
                  <Space>
                    <Rate disabled value={r.stars} />
                    <Typography.Text type="secondary">
                      {r.period} · {formatDateTime(r.createdAt)}
                    </Typography.Text>
                  </Space>
                  <span>{r.comment}</span>
                  {r.reply ? (
                    <Typography.Text type="success">
                      {t('assessment.reply')}：{r.reply}
                    </Typography.Text>
                  ) : (
                    <Space.Compact style={{ width: '100%' }}>
                      <Input
                        value={reply[r.id]}
                        onChange={(e) => setReply((x) => ({ ...x, [r.id]: e.target.value }))}
                        placeholder={t('assessment.replyHint')}
                      />
                      <Button type="primary" disabled={!reply[r.id]} onClick={() => void send(r.id)}>
                        {t('assessment.sendReply')}
                      </Button>
                    </Space.Compact>
                  )}
                </Space>
              </List.Item>
            )}
          />
        </Card>
      ))}
    </div>
  );
}
