import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Empty, List, ProgressBar, Selector, Space, Tag, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { api, isApiError } from '../../../../web/api/client';
import { formatDateTime } from '../../../../web/components/format';
import type { Consultation, ConsultationListItem } from '../types';

const fail = (e: unknown) => Toast.show({ content: isApiError(e) ? e.message : String(e) });

function Detail({ id }: { id: number }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [text, setText] = useState('');
  const q = useQuery({
    queryKey: ['consultations', 'm', id],
    queryFn: () => api.get<Consultation>(`/api/consultations/${id}`),
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['consultations', 'm'] });
  if (!q.data) return null;
  const c = q.data;
  const total = c.tally.reduce((s, x) => s + x.votes, 0);
  const send = async () => {
    try {
      await api.post(`/api/consultations/${id}/comments`, { text });
      setText('');
      Toast.show({ icon: 'success', content: t('meetings.consultation.mobile.sent') });
      refresh();
    } catch (e) {
      fail(e);
    }
  };
  const vote = async (option: number) => {
    try {
      await api.put(`/api/consultations/${id}/vote`, { option });
      Toast.show({ icon: 'success', content: t('meetings.consultation.mobile.voted') });
      refresh();
    } catch (e) {
      fail(e);
    }
  };
  return (
    <div data-testid={`m-consultation-${id}`}>
      <div style={{ whiteSpace: 'pre-wrap', margin: '8px 0' }}>{c.notice}</div>
      {c.result && (
        <Card title={t('meetings.consultation.result')} style={{ background: '#f6ffed', marginBottom: 8 }}>
          <div style={{ whiteSpace: 'pre-wrap' }} data-testid="m-consultation-result">
            {c.result}
          </div>
          {c.order && (
            <div>
              {t('meetings.consultation.order')}：{c.order.title}
            </div>
          )}
        </Card>
      )}
      {c.options.length > 0 && (
        <div style={{ margin: '8px 0' }}>
          <div style={{ fontWeight: 600 }}>{t('meetings.consultation.tally')}</div>
          {c.tally.map((x) => (
            <div key={x.option} style={{ margin: '4px 0' }}>
              {x.option} · {t('meetings.consultation.votes', { n: x.votes })}
              <ProgressBar percent={total ? (x.votes / total) * 100 : 0} />
            </div>
          ))}
          {c.commenting && (
            <Selector
              style={{ marginTop: 8 }}
              columns={2}
              value={c.myVote === null ? [] : [c.myVote]}
              options={c.options.map((label, value) => ({ label, value }))}
              onChange={(v) => v.length && void vote(v[0]!)}
              data-testid="m-vote"
            />
          )}
        </div>
      )}
      <List header={t('meetings.consultation.commentList', { n: c.comments })}>
        {c.commentList.map((x) => (
          <List.Item
            key={x.id}
            description={formatDateTime(x.createdAt)}
            prefix={
              <Tag color={x.mine ? 'primary' : 'default'}>
                {x.mine ? t('meetings.consultation.mobile.me') : x.author}
              </Tag>
            }
          >
            {x.hidden ? t('meetings.consultation.hidden', { reason: x.hiddenReason ?? '' }) : x.text}
          </List.Item>
        ))}
      </List>
      {c.commenting ? (
        <Space direction="vertical" block style={{ marginTop: 8 }}>
          <TextArea
            placeholder={t('meetings.consultation.mobile.commentPlaceholder')}
            value={text}
            onChange={setText}
            maxLength={1000}
            rows={3}
            data-testid="m-comment-text"
          />
          <Button
            block
            color="primary"
            disabled={!text.trim()}
            onClick={() => void send()}
            data-testid="m-comment-send"
          >
            {t('meetings.consultation.mobile.send')}
          </Button>
        </Space>
      ) : (
        <div style={{ color: '#999', marginTop: 8 }}>{t('meetings.consultation.mobile.closed')}</div>
      )}
    </div>
  );
}

/** 协商议事 on the phone: the consultations of the resident's compound and community; comment and vote. */
export default function ConsultationsMobilePage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [open, setOpen] = useState<number | null>(params.get('focus') ? Number(params.get('focus')) : null);
  const list = useQuery({
    queryKey: ['consultations', 'm', 'list'],
    queryFn: () => api.get<{ items: ConsultationListItem[] }>('/api/consultations?pageSize=50'),
  });
  const items = list.data?.items ?? [];
  return (
    <div data-testid="m-consultations" style={{ paddingBottom: 16 }}>
      {list.data && items.length === 0 && <Empty description={t('meetings.consultation.mobile.none')} />}
      {items.map((c) => (
        <Card
          key={c.id}
          title={c.title}
          style={{ margin: '8px 12px' }}
          onHeaderClick={() => setOpen(open === c.id ? null : c.id)}
          data-testid={`m-consultation-card-${c.id}`}
        >
          <div>
            {c.territory.name} · {t('meetings.consultation.closesAt')} {formatDateTime(c.closesAt)}
          </div>
          <Space style={{ marginTop: 4 }} wrap>
            <Tag color={c.commenting ? 'primary' : c.status === 'concluded' ? 'success' : 'default'}>
              {c.status === 'open' && !c.commenting
                ? t('meetings.consultation.awaiting')
                : t(`meetings.consultation.status.${c.status}`)}
            </Tag>
            <span>
              {t('meetings.consultation.participation', {
                people: c.participants,
                comments: c.comments,
                voters: c.voters,
              })}
            </span>
          </Space>
          {open === c.id ? (
            <Detail id={c.id} />
          ) : (
            <Button
              size="small"
              fill="none"
              color="primary"
              onClick={() => setOpen(c.id)}
              data-testid={`m-open-${c.id}`}
            >
              {t('meetings.consultation.mobile.comment')}
            </Button>
          )}
        </Card>
      ))}
    </div>
  );
}
