import { PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Input,
  List,
  Modal,
  QRCode,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../../web/api/client';
import { useCan } from '../../../web/app/auth';
import { formatDateTime } from '../../../web/components/format';
import { showFormError } from '../../../web/components/formErrors';
import { PageSpin } from '../../../web/components/Loading';
import { PageTitle } from '../../../web/components/PageTitle';
import { ActionItemsTable } from './ActionItems';
import { STATUS_COLORS, type AgendaItem, type Meeting, type OwnerChoice, type Proposal } from './types';

const ruleLabel = (t: (k: string) => string, ruleKey: string) => t(`meetings.rule.${ruleKey.replace(':', '_')}`);

function useMeetingMutation<V>(_id: number, fn: (v: V) => Promise<unknown>, onDone?: () => void) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['meetings'] });
      onDone?.();
    },
    onError: (e) => message.error(e instanceof Error ? e.message : String(e)),
  });
}

function ActionItemForm({
  meetingId,
  decisionId,
  onDone,
}: {
  meetingId: number;
  decisionId: number;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ title: string; owner: string; dueAt: Dayjs }>();
  const owners = useQuery({
    queryKey: ['meetings', meetingId, 'owners'],
    queryFn: () => api.get<OwnerChoice[]>(`/api/meetings/${meetingId}/owners`),
  });
  const add = useMutation({
    mutationFn: (v: { title: string; owner: string; dueAt: Dayjs }) => {
      const [kind, id] = v.owner.split(':');
      return api.post(`/api/meetings/decisions/${decisionId}/action-items`, {
        title: v.title,
        ownerKind: kind,
        ownerId: Number(id),
        dueAt: v.dueAt.toISOString(),
      });
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['meetings'] });
      onDone();
    },
    onError: (e) => showFormError(form, e, message, { ownerId: 'owner', ownerKind: 'owner' }),
  });
  return (
    <Form form={form} layout="inline" onFinish={(v) => add.mutate(v)} style={{ rowGap: 8, marginTop: 8 }}>
      <Form.Item name="title" rules={[{ required: true }]}>
        <Input
          placeholder={t('meetings.field.actionTitle')}
          style={{ width: 220 }}
          data-testid={`act-title-${decisionId}`}
        />
      </Form.Item>
      <Form.Item name="owner" rules={[{ required: true }]}>
        <Select
          placeholder={t('meetings.field.owner')}
          style={{ width: 220 }}
          data-testid={`act-owner-${decisionId}`}
          options={(owners.data ?? []).map((o) => ({
            value: `${o.kind}:${o.id}`,
            label: `${o.name}（${t(`meetings.ownerKind.${o.kind}`)}）`,
          }))}
        />
      </Form.Item>
      <Form.Item name="dueAt" rules={[{ required: true }]}>
        <DatePicker placeholder={t('meetings.field.dueAt')} data-testid={`act-due-${decisionId}`} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={add.isPending} data-testid={`act-add-${decisionId}`}>
        {t('meetings.addActionItem')}
      </Button>
    </Form>
  );
}

function AgendaCard({ m, item, index }: { m: Meeting; item: AgendaItem; index: number }) {
  const { t } = useTranslation();
  const can = useCan();
  const editable = can('meeting.manage') && (m.status === 'planned' || m.status === 'held');
  const [minutes, setMinutes] = useState(item.minutes ?? '');
  const [decision, setDecision] = useState('');
  const [adding, setAdding] = useState<number | null>(null);
  const [correcting, setCorrecting] = useState(false);
  const saveMinutes = useMeetingMutation(m.id, (v: string) =>
    api.put(`/api/meetings/${m.id}/agenda/${item.id}/minutes`, { minutes: v }),
  );
  const addDecision = useMeetingMutation(
    m.id,
    (v: string) => api.post(`/api/meetings/${m.id}/agenda/${item.id}/decisions`, { text: v }),
    () => setDecision(''),
  );
  const correct = useMeetingMutation(
    m.id,
    (v: { minutes: string; reason: string }) =>
      api.post(`/api/meetings/${m.id}/corrections`, { agendaItemId: item.id, ...v }),
    () => setCorrecting(false),
  );
  return (
    <Card
      size="small"
      data-testid={`agenda-${index}`}
      title={
        <Space wrap>
          <span>
            {t('meetings.itemNo', { n: index + 1 })} {item.title}
          </span>
          <Tag color={item.source === 'staff' ? 'default' : 'purple'}>{t(`meetings.source.${item.source}`)}</Tag>
        </Space>
      }
      style={{ marginBottom: 12 }}
    >
      {item.orders.length > 0 && (
        <div style={{ marginBottom: 8 }}>
          <Typography.Text type="secondary">{t('meetings.linkedOrders')}：</Typography.Text>
          {item.orders.map((o) => (
            <Link key={o.id} to={`/orders/${o.id}`} style={{ marginInlineEnd: 8 }}>
              <Tag>
                #{o.id} {o.title}（{t(`orders.status.${o.status}`, { defaultValue: o.status })}）
              </Tag>
            </Link>
          ))}
        </div>
      )}
      <OpenMatterLinks need={item.need} flag={item.flag} testId={`matter-link-agenda-${index}`} />
      {item.carriedOver && (
        <div style={{ marginBottom: 8 }}>
          <Typography.Text type="secondary">{t('meetings.carriedOver')}：</Typography.Text>
          <Tag color={STATUS_COLORS[item.carriedOver.status]}>
            {t(`meetings.actionStatus.${item.carriedOver.status}`)}
          </Tag>
        </div>
      )}
      <Typography.Title level={5}>{t('meetings.minutes')}</Typography.Title>
      {editable ? (
        <Space.Compact style={{ width: '100%' }}>
          <Input.TextArea
            rows={2}
            value={minutes}
            onChange={(e) => setMinutes(e.target.value)}
            data-testid={`minutes-${index}`}
            placeholder={t('meetings.minutesPlaceholder')}
          />
          <Button
            onClick={() => saveMinutes.mutate(minutes)}
            loading={saveMinutes.isPending}
            data-testid={`minutes-save-${index}`}
          >
            {t('common.save')}
          </Button>
        </Space.Compact>
      ) : (
        <Space align="start">
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{item.minutes || '—'}</Typography.Paragraph>
          {m.status === 'approved' && can('meeting.manage') && (
            <Button size="small" onClick={() => setCorrecting(true)} data-testid={`correct-${index}`}>
              {t('meetings.correct')}
            </Button>
          )}
        </Space>
      )}
      <Typography.Title level={5} style={{ marginTop: 12 }}>
        {t('meetings.decisions')}
      </Typography.Title>
      {item.decisions.length === 0 && <Typography.Text type="secondary">{t('meetings.noDecisions')}</Typography.Text>}
      {item.decisions.map((d, k) => (
        <div key={d.id} style={{ marginBottom: 12 }} data-testid={`decision-${index}-${k}`}>
          <Typography.Text strong>
            {k + 1}. {d.text}
          </Typography.Text>
          <ActionItemsTable items={d.actionItems} />
          {editable &&
            (adding === d.id ? (
              <ActionItemForm meetingId={m.id} decisionId={d.id} onDone={() => setAdding(null)} />
            ) : (
              <Button
                size="small"
                type="link"
                icon={<PlusOutlined />}
                onClick={() => setAdding(d.id)}
                data-testid={`act-new-${d.id}`}
              >
                {t('meetings.addActionItem')}
              </Button>
            ))}
        </div>
      ))}
      {editable && (
        <Space.Compact style={{ width: '100%', marginTop: 8 }}>
          <Input
            value={decision}
            onChange={(e) => setDecision(e.target.value)}
            placeholder={t('meetings.decisionPlaceholder')}
            data-testid={`decision-input-${index}`}
          />
          <Button
            type="primary"
            disabled={!decision.trim()}
            onClick={() => addDecision.mutate(decision)}
            data-testid={`decision-add-${index}`}
          >
            {t('meetings.addDecision')}
          </Button>
        </Space.Compact>
      )}
      {correcting && (
        <CorrectionModal
          initial={item.minutes ?? ''}
          onClose={() => setCorrecting(false)}
          onSubmit={(v) => correct.mutate(v)}
        />
      )}
    </Card>
  );
}

function CorrectionModal(props: {
  initial: string;
  onClose: () => void;
  onSubmit: (v: { minutes: string; reason: string }) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ minutes: string; reason: string }>();
  return (
    <Modal open title={t('meetings.correct')} onCancel={props.onClose} onOk={() => form.submit()} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ minutes: props.initial }} onFinish={props.onSubmit}>
        <Form.Item name="minutes" label={t('meetings.minutes')} rules={[{ required: true }]}>
          <Input.TextArea rows={4} />
        </Form.Item>
        <Form.Item name="reason" label={t('meetings.correctionReason')} rules={[{ required: true, min: 2 }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The open need or structure flag an agenda item (or proposal) is linked to, with where to see or fix it. */
function OpenMatterLinks(props: { need: AgendaItem['need']; flag: AgendaItem['flag']; testId: string }) {
  const { t } = useTranslation();
  const { need, flag } = props;
  if (!need && !flag) return null;
  return (
    <span style={{ marginBottom: 8, display: 'inline-block' }} data-testid={props.testId}>
      {need && (
        <Link to={`/co-building/needs/${need.id}`}>
          <Tag color="cyan">
            {t('meetings.linkedNeed')} #{need.id}（
            {t(`coBuilding.needStatus.${need.status}`, { defaultValue: need.status })}）
          </Tag>
        </Link>
      )}
      {flag &&
        (flag.open && flag.link ? (
          <Link to={flag.link}>
            <Tag color="orange">
              {t('meetings.linkedFlag')} · {t('meetings.openRecord')}
            </Tag>
          </Link>
        ) : (
          <Tag color="green">{t('meetings.flagFixed')}</Tag>
        ))}
    </span>
  );
}

function Proposals({ m }: { m: Meeting }) {
  const { t } = useTranslation();
  const [own, setOwn] = useState('');
  const proposals = useQuery({
    queryKey: ['meetings', m.id, 'proposals'],
    queryFn: () =>
      api.get<{ rule: { minCount: number; days: number }; items: Proposal[] }>(`/api/meetings/${m.id}/proposals`),
  });
  const add = useMeetingMutation(
    m.id,
    (p: {
      title: string;
      source: string;
      orderIds?: number[];
      actionItemId?: number | null;
      needId?: number;
      flag?: { kind: string; id: number };
    }) => api.post(`/api/meetings/${m.id}/agenda`, p),
    () => setOwn(''),
  );
  const rule = proposals.data?.rule;
  return (
    <Card
      size="small"
      title={t('meetings.proposals')}
      extra={rule && <Typography.Text type="secondary">{t('meetings.hotspotRule', rule)}</Typography.Text>}
      style={{ marginBottom: 16 }}
      data-testid="proposals"
    >
      <List<Proposal>
        size="small"
        dataSource={proposals.data?.items ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('meetings.noProposals')} /> }}
        renderItem={(p, k) => (
          <List.Item
            actions={[
              <Button
                key="add"
                size="small"
                onClick={() =>
                  add.mutate({
                    title: p.title,
                    source: p.source,
                    orderIds: p.orders.map((o) => o.id),
                    actionItemId: p.actionItemId,
                    ...(p.need ? { needId: p.need.id } : {}),
                    ...(p.flag ? { flag: { kind: p.flag.kind, id: p.flag.id } } : {}),
                  })
                }
                data-testid={`proposal-add-${k}`}
              >
                {t('meetings.addToAgenda')}
              </Button>,
            ]}
          >
            <Space wrap>
              <Tag color="purple">{t(`meetings.source.${p.source}`)}</Tag>
              <span>{p.title}</span>
              {p.orders.length > 0 && (
                <Typography.Text type="secondary">
                  {t('meetings.orderCount', { count: p.orders.length })}
                </Typography.Text>
              )}
              <OpenMatterLinks need={p.need} flag={p.flag} testId={`matter-link-proposal-${k}`} />
            </Space>
          </List.Item>
        )}
      />
      <Space.Compact style={{ width: '100%', marginTop: 8 }}>
        <Input
          value={own}
          onChange={(e) => setOwn(e.target.value)}
          placeholder={t('meetings.ownItem')}
          data-testid="own-item"
        />
        <Button
          disabled={!own.trim()}
          onClick={() => add.mutate({ title: own, source: 'staff' })}
          data-testid="own-item-add"
        >
          {t('meetings.addToAgenda')}
        </Button>
      </Space.Compact>
    </Card>
  );
}

/** One meeting: invitees and sign-in, agenda proposed from open matters, minutes, decisions, action items. */
export default function MeetingPage() {
  const { t } = useTranslation();
  const can = useCan();
  const id = Number(useParams().id);
  const q = useQuery({ queryKey: ['meetings', id], queryFn: () => api.get<Meeting>(`/api/meetings/${id}`) });
  const move = useMeetingMutation(id, (mv: string) => api.post(`/api/meetings/${id}/move`, { move: mv }));
  const attend = useMeetingMutation(id, (v: { inviteeId: number; attended: boolean }) =>
    api.post(`/api/meetings/${id}/attendance`, v),
  );
  if (!q.data) return <PageSpin />;
  const m = q.data;
  const manage = can('meeting.manage');
  const editable = manage && (m.status === 'planned' || m.status === 'held');
  const attended = m.invitees.filter((i) => i.attended).length;
  return (
    <div data-testid="meeting-page">
      <PageTitle
        title={m.title}
        extra={
          <Space>
            <Link to={`/meetings/${m.id}/notice`}>
              <Button icon={<PrinterOutlined />} data-testid="meeting-notice">
                {t('meetings.notice.print')}
              </Button>
            </Link>
            <Link to={`/meetings/${m.id}/print`}>
              <Button icon={<PrinterOutlined />} data-testid="meeting-print">
                {t('meetings.print')}
              </Button>
            </Link>
            {manage && m.status === 'planned' && (
              <>
                <Button onClick={() => move.mutate('cancel')}>{t('meetings.moveBtn.cancel')}</Button>
                <Button type="primary" onClick={() => move.mutate('hold')} data-testid="meeting-hold">
                  {t('meetings.moveBtn.hold')}
                </Button>
              </>
            )}
            {manage && m.status === 'held' && (
              <Button type="primary" onClick={() => move.mutate('approve')} data-testid="meeting-approve">
                {t('meetings.moveBtn.approve')}
              </Button>
            )}
          </Space>
        }
      />
      <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start', marginBottom: 16, flexWrap: 'wrap' }}>
        <Descriptions bordered size="small" column={2} style={{ flex: 1, minWidth: 480 }} data-testid="meeting-info">
          <Descriptions.Item label={t('meetings.field.type')}>{t(`meetings.type.${m.typeKey}`)}</Descriptions.Item>
          <Descriptions.Item label={t('meetings.field.status')}>
            <Tag color={STATUS_COLORS[m.status]} data-testid="meeting-status">
              {t(`meetings.status.${m.status}`)}
            </Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('meetings.field.territory')}>{m.territory.name}</Descriptions.Item>
          <Descriptions.Item label={t('meetings.field.startsAt')}>{formatDateTime(m.startsAt)}</Descriptions.Item>
          <Descriptions.Item label={t('meetings.field.place')}>{m.place ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('meetings.field.attendance')}>
            {attended} / {m.invitees.length}
          </Descriptions.Item>
        </Descriptions>
        {m.signInCode && (
          <Card size="small" style={{ width: 220, textAlign: 'center' }} data-testid="sign-in-code">
            <QRCode
              value={`${window.location.origin}/m/meetings?signIn=${m.id}&code=${m.signInCode}`}
              size={140}
              style={{ margin: '0 auto' }}
            />
            <Typography.Text>
              {t('meetings.signInCode')}：
              <Typography.Text strong copyable>
                {m.signInCode}
              </Typography.Text>
            </Typography.Text>
          </Card>
        )}
      </div>
      <Card size="small" title={t('meetings.invitees')} style={{ marginBottom: 16 }}>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={m.invitees}
          data-testid="invitees"
          columns={[
            { title: t('meetings.field.invitee'), dataIndex: 'name' },
            { title: t('meetings.field.rule'), dataIndex: 'ruleKey', render: (r: string) => ruleLabel(t, r) },
            {
              title: t('meetings.field.account'),
              key: 'acc',
              render: (_, i) =>
                i.account?.name ?? <Typography.Text type="secondary">{t('meetings.noAccount')}</Typography.Text>,
            },
            {
              title: t('meetings.field.attended'),
              key: 'att',
              width: 220,
              render: (_, i) => (
                <Space>
                  <Switch
                    size="small"
                    checked={i.attended}
                    disabled={!editable}
                    onChange={(v) => attend.mutate({ inviteeId: i.id, attended: v })}
                    data-testid={`attend-${i.id}`}
                  />
                  {i.attended && i.signedInBy && (
                    <Typography.Text type="secondary">
                      {t(`meetings.signedInBy.${i.signedInBy}`)} {formatDateTime(i.signedInAt)}
                    </Typography.Text>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {editable && <Proposals m={m} />}
      <Typography.Title level={4}>{t('meetings.agenda')}</Typography.Title>
      {m.agenda.length === 0 && <Empty description={t('meetings.noAgenda')} />}
      {m.agenda.map((item, k) => (
        <AgendaCard key={item.id} m={m} item={item} index={k} />
      ))}
      {m.corrections.length > 0 && (
        <Card size="small" title={t('meetings.corrections')} data-testid="corrections">
          {m.corrections.map((c) => (
            <div key={c.id}>
              {formatDateTime(c.at)} {c.by ?? ''}：{c.reason}
            </div>
          ))}
        </Card>
      )}
    </div>
  );
}
