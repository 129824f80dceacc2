import { PrinterOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Input,
  List,
  Modal,
  Progress,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../../web/api/client';
import { useCan } from '../../../web/app/auth';
import { formatDateTime } from '../../../web/components/format';
import { PageSpin } from '../../../web/components/Loading';
import { PageTitle } from '../../../web/components/PageTitle';
import { CONSULTATION_COLORS, type Consultation, type MeetingListItem } from './types';

const ORDER_CATEGORIES = ['environment', 'repair', 'safety', 'parking', 'greening', 'property', 'elderly', 'other'];

function useConsultationMutation<V>(fn: (v: V) => Promise<unknown>, onDone?: () => void) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['consultations'] });
      onDone?.();
    },
    onError: (e) => message.error(e instanceof Error ? e.message : String(e)),
  });
}

/** Staff summarise: the result, optionally turned into a service order. */
function ConcludeModal({ c, onClose }: { c: Consultation; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ result: string; category?: string }>();
  const conclude = useConsultationMutation(
    (v: { result: string; category?: string }) =>
      api.post(`/api/consultations/${c.id}/conclude`, {
        result: v.result,
        order: v.category ? { category: v.category } : null,
      }),
    onClose,
  );
  return (
    <Modal
      open
      title={t('meetings.consultation.conclude')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={conclude.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => conclude.mutate(v)}>
        <Form.Item name="result" label={t('meetings.consultation.result')} rules={[{ required: true, max: 5000 }]}>
          <Input.TextArea rows={5} data-testid="consultation-result" />
        </Form.Item>
        <Form.Item
          name="category"
          label={t('meetings.consultation.toOrder')}
          extra={t('meetings.consultation.toOrderHelp')}
        >
          <Select
            allowClear
            options={ORDER_CATEGORIES.map((k) => ({ value: k, label: t(`meetings.category.${k}`) }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** One consultation 协商议事: notice, tally, residents' comments (hide with a reason), meeting, result. */
export default function ConsultationPage() {
  const { t } = useTranslation();
  const can = useCan();
  const { modal } = App.useApp();
  const id = Number(useParams().id);
  const q = useQuery({
    queryKey: ['consultations', id],
    queryFn: () => api.get<Consultation>(`/api/consultations/${id}`),
  });
  const meetings = useQuery({
    queryKey: ['consultations', 'meetings'],
    queryFn: () => api.get<{ items: MeetingListItem[] }>('/api/meetings?status=planned,held&pageSize=50'),
    enabled: can('meeting.manage'),
  });
  const [concluding, setConcluding] = useState(false);
  const [meetingId, setMeetingId] = useState<number>();
  const hide = useConsultationMutation((v: { commentId: number; reason: string }) =>
    api.post(`/api/consultations/${id}/comments/${v.commentId}/hide`, { reason: v.reason }),
  );
  const toMeeting = useConsultationMutation((mid: number) =>
    api.post(`/api/consultations/${id}/meeting`, { meetingId: mid }),
  );
  const withdraw = useConsultationMutation((reason: string) =>
    api.post(`/api/consultations/${id}/withdraw`, { reason }),
  );
  if (!q.data) return <PageSpin />;
  const c = q.data;
  const manage = can('meeting.manage');
  const askReason = (title: string, then: (reason: string) => void) => {
    let reason = '';
    modal.confirm({
      title,
      content: (
        <Input
          placeholder={t('meetings.consultation.reason')}
          onChange={(e) => (reason = e.target.value)}
          data-testid="reason-input"
        />
      ),
      onOk: () => (reason.trim().length >= 2 ? then(reason.trim()) : Promise.reject(new Error('reason'))),
    });
  };
  const totalVotes = c.tally.reduce((s, x) => s + x.votes, 0);
  return (
    <div data-testid="consultation-page">
      <PageTitle
        title={c.title}
        extra={
          <Space>
            <Link to={`/consultations/${c.id}/notice`}>
              <Button icon={<PrinterOutlined />}>{t('meetings.consultation.printNotice')}</Button>
            </Link>
            {manage && c.status === 'open' && !c.commenting && (
              <Button type="primary" onClick={() => setConcluding(true)} data-testid="consultation-conclude">
                {t('meetings.consultation.conclude')}
              </Button>
            )}
            {manage && c.status === 'open' && (
              <Button danger onClick={() => askReason(t('meetings.consultation.withdraw'), (r) => withdraw.mutate(r))}>
                {t('meetings.consultation.withdraw')}
              </Button>
            )}
          </Space>
        }
      />
      <Descriptions bordered size="small" column={2} data-testid="consultation-info">
        <Descriptions.Item label={t('meetings.consultation.place')}>{c.territory.name}</Descriptions.Item>
        <Descriptions.Item label={t('meetings.field.status')}>
          <Tag color={CONSULTATION_COLORS[c.status]}>
            {c.status === 'open' && !c.commenting
              ? t('meetings.consultation.awaiting')
              : t(`meetings.consultation.status.${c.status}`)}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('meetings.consultation.period')} span={2}>
          {formatDateTime(c.opensAt)} — {formatDateTime(c.closesAt)}
        </Descriptions.Item>
        <Descriptions.Item label={t('meetings.consultation.notice')} span={2}>
          <div style={{ whiteSpace: 'pre-wrap' }}>{c.notice}</div>
        </Descriptions.Item>
        <Descriptions.Item label={t('meetings.consultation.participants')}>
          {t('meetings.consultation.participation', {
            people: c.participants,
            comments: c.comments,
            voters: c.voters,
          })}
        </Descriptions.Item>
        <Descriptions.Item label={t('meetings.consultation.meeting')}>
          {c.meeting ? (
            <Space direction="vertical" size={0}>
              <Link to={`/meetings/${c.meeting.id}`}>{c.meeting.title}</Link>
              {c.meeting.decisions.map((d) => (
                <Typography.Text key={d} type="secondary">
                  {t('meetings.consultation.decided')}：{d}
                </Typography.Text>
              ))}
            </Space>
          ) : manage && c.status === 'open' ? (
            <Space.Compact>
              <Select
                style={{ width: 260 }}
                placeholder={t('meetings.consultation.pickMeeting')}
                value={meetingId}
                onChange={setMeetingId}
                data-testid="consultation-meeting"
                options={(meetings.data?.items ?? []).map((m) => ({
                  value: m.id,
                  label: `${m.title}（${formatDateTime(m.startsAt)}）`,
                }))}
              />
              <Button disabled={!meetingId} onClick={() => meetingId && toMeeting.mutate(meetingId)}>
                {t('meetings.consultation.putToMeeting')}
              </Button>
            </Space.Compact>
          ) : (
            '—'
          )}
        </Descriptions.Item>
        {c.result && (
          <Descriptions.Item label={t('meetings.consultation.result')} span={2}>
            <div style={{ whiteSpace: 'pre-wrap' }} data-testid="consultation-result-text">
              {c.result}
            </div>
            {c.order && (
              <div>
                {t('meetings.consultation.order')}：<Link to={`/orders/${c.order.id}`}>{c.order.title}</Link>{' '}
                <Tag>{t(`orders.status.${c.order.status}`, { defaultValue: c.order.status })}</Tag>
              </div>
            )}
          </Descriptions.Item>
        )}
      </Descriptions>
      {c.options.length > 0 && (
        <Card title={t('meetings.consultation.tally')} size="small" style={{ marginTop: 16 }} data-testid="tally">
          {c.tally.map((x) => (
            <div key={x.option} style={{ display: 'flex', gap: 12, alignItems: 'center' }}>
              <span style={{ width: 140 }}>{x.option}</span>
              <Progress
                percent={totalVotes ? Math.round((x.votes / totalVotes) * 1000) / 10 : 0}
                format={() => t('meetings.consultation.votes', { n: x.votes })}
                style={{ flex: 1 }}
              />
            </div>
          ))}
        </Card>
      )}
      <Card
        title={t('meetings.consultation.commentList', { n: c.comments })}
        size="small"
        style={{ marginTop: 16 }}
        data-testid="comments"
      >
        <Alert type="info" showIcon message={t('meetings.consultation.commentRule')} style={{ marginBottom: 8 }} />
        {c.commentList.length === 0 ? (
          <Empty />
        ) : (
          <List
            dataSource={c.commentList}
            renderItem={(x) => (
              <List.Item
                key={x.id}
                actions={
                  manage && !x.hidden
                    ? [
                        <a
                          key="hide"
                          data-testid={`hide-${x.id}`}
                          onClick={() =>
                            askReason(t('meetings.consultation.hide'), (reason) =>
                              hide.mutate({ commentId: x.id, reason }),
                            )
                          }
                        >
                          {t('meetings.consultation.hide')}
                        </a>,
                      ]
                    : []
                }
              >
                <List.Item.Meta
                  title={
                    <Space>
                      <span>{x.author}</span>
                      <Typography.Text type="secondary">{formatDateTime(x.createdAt)}</Typography.Text>
                    </Space>
                  }
                  description={
                    x.hidden ? (
                      <Typography.Text type="secondary" italic>
                        {t('meetings.consultation.hidden', { reason: x.hiddenReason ?? '' })}
                      </Typography.Text>
                    ) : (
                      <span style={{ color: 'rgba(0,0,0,.85)' }}>{x.text}</span>
                    )
                  }
                />
              </List.Item>
            )}
          />
        )}
      </Card>
      {concluding && <ConcludeModal c={c} onClose={() => setConcluding(false)} />}
    </div>
  );
}
