import { DeleteOutlined, EyeOutlined, LinkOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  type FormInstance,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Popconfirm,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../../web/api/client';
import type { Page } from '../../../web/api/types';
import { useCan } from '../../../web/app/auth';
import { PageSpin } from '../../../web/components/Loading';
import { formatDate, formatDateTime } from '../../../web/components/format';
import { showFormError } from '../../../web/components/formErrors';
import { PageTitle } from '../../../web/components/PageTitle';
import { OutcomeTag, StatusTag } from './CasesPage';
import {
  MEDIATION_OUTCOMES,
  PARTY_ROLES,
  type CaseDetail,
  type MediationOutcome,
  type Party,
  type PartyRole,
  type Team,
} from './types';

const WORKING = ['accepted', 'inProgress'];
const FINISHED = ['resolved', 'rated', 'closed'];

function useCaseMutation<V>(_id: number, fn: (v: V) => Promise<unknown>, form?: FormInstance, after?: () => void) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['mediation'] });
      message.success(t('mediation.saved'));
      form?.resetFields();
      after?.();
    },
    onError: (e) => (form ? showFormError(form, e, message) : message.error(e.message)),
  });
}

function AssignModal({ c, onClose }: { c: CaseDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ teamId: number; mediatorId?: number; note?: string }>();
  const teams = useQuery({
    queryKey: ['mediation', 'teams', 'of', c.order.community.id],
    queryFn: () =>
      api.get<Page<Team>>('/api/mediation/teams', { communityId: c.order.community.id, active: 'true', pageSize: 100 }),
  });
  const teamId = Form.useWatch('teamId', form);
  const team = teams.data?.items.find((x) => x.id === teamId);
  const assign = useCaseMutation(
    c.order.id,
    (v: { teamId: number; mediatorId?: number; note?: string }) =>
      api.post(`/api/mediation/cases/${c.order.id}/assign`, {
        teamId: v.teamId,
        mediatorId: v.mediatorId ?? null,
        note: v.note || null,
      }),
    form,
    onClose,
  );
  return (
    <Modal
      open
      title={t('mediation.assign')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={assign.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => assign.mutate(v)} data-testid="assign-form">
        <Form.Item name="teamId" label={t('mediation.field.team')} rules={[{ required: true }]}>
          <Select
            data-testid="assign-team"
            loading={teams.isPending}
            options={(teams.data?.items ?? []).map((x) => ({
              value: x.id,
              label: `${x.name}（${t('mediation.membersCount', { count: x.members.length })}）`,
            }))}
            onChange={() => form.setFieldValue('mediatorId', undefined)}
          />
        </Form.Item>
        <Form.Item name="mediatorId" label={t('mediation.field.mediator')}>
          <Select
            allowClear
            options={(team?.members ?? []).map((m) => ({
              value: m.id,
              label: `${m.name} · ${t(`mediation.role.${m.role}`)}`,
            }))}
          />
        </Form.Item>
        <Form.Item name="note" label={t('mediation.field.note')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Parties({ c, record }: { c: CaseDetail; record: boolean }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const can = useCan();
  const id = c.order.id;
  const [form] = Form.useForm<{ name: string; role: PartyRole; contact?: string }>();
  const [shown, setShown] = useState<Record<number, string | null>>({});
  const add = useCaseMutation(
    id,
    (v: { name: string; role: PartyRole; contact?: string }) =>
      api.post(`/api/mediation/cases/${id}/parties`, {
        name: v.name,
        role: v.role,
        ...(v.contact ? { contact: v.contact } : {}),
      }),
    form,
  );
  const remove = useCaseMutation(id, (partyId: number) => api.delete(`/api/mediation/cases/${id}/parties/${partyId}`));
  const open = !FINISHED.includes(c.order.status);
  const reveal = (p: Party) =>
    modal.confirm({
      title: t('mediation.revealConfirm'),
      onOk: async () => {
        const r = await api.post<{ id: number; contact: string | null }>(
          `/api/mediation/cases/${id}/parties/${p.id}/reveal`,
        );
        setShown((s) => ({ ...s, [p.id]: r.contact }));
      },
    });
  return (
    <Card title={t('mediation.sectionParties')} size="small" data-testid="case-parties">
      <Table<Party>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={c.case.parties}
        columns={[
          { title: t('mediation.field.partyName'), dataIndex: 'name' },
          {
            title: t('mediation.field.partyRole'),
            dataIndex: 'role',
            render: (r: PartyRole) => (
              <Tag color={r === 'applicant' ? 'blue' : r === 'respondent' ? 'volcano' : 'default'}>
                {t(`mediation.partyRole.${r}`)}
              </Tag>
            ),
          },
          {
            title: t('mediation.field.contact'),
            key: 'contact',
            render: (_, p) =>
              p.id in shown ? (
                <Typography.Text data-testid="party-revealed">
                  {t('mediation.revealed', { contact: shown[p.id] ?? '—' })}
                </Typography.Text>
              ) : (
                <Space>
                  {p.contact ?? '—'}
                  {p.contact && can('mediation.reveal') && (
                    <Button
                      size="small"
                      type="link"
                      icon={<EyeOutlined />}
                      onClick={() => reveal(p)}
                      data-testid={`party-reveal-${p.id}`}
                      title={t('mediation.reveal')}
                    />
                  )}
                </Space>
              ),
          },
          { title: t('mediation.field.note'), dataIndex: 'note', render: (n: string | null) => n ?? '' },
          ...(record && open
            ? [
                {
                  title: '',
                  key: 'x',
                  width: 50,
                  render: (_: unknown, p: Party) => (
                    <Popconfirm
                      title={t('mediation.removePartyConfirm', { name: p.name })}
                      onConfirm={() => remove.mutate(p.id)}
                    >
                      <Button size="small" danger type="text" icon={<DeleteOutlined />} />
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
      {record && open && (
        <Form
          form={form}
          layout="inline"
          style={{ marginTop: 12, rowGap: 8 }}
          initialValues={{ role: 'other' }}
          onFinish={(v) => add.mutate(v)}
          data-testid="party-form"
        >
          <Form.Item name="name" rules={[{ required: true, message: t('mediation.field.partyName') }]}>
            <Input placeholder={t('mediation.field.partyName')} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="role">
            <Select
              style={{ width: 120 }}
              options={PARTY_ROLES.map((r) => ({ value: r, label: t(`mediation.partyRole.${r}`) }))}
            />
          </Form.Item>
          <Form.Item name="contact">
            <Input placeholder={t('mediation.field.contact')} style={{ width: 150 }} />
          </Form.Item>
          <Button htmlType="submit" loading={add.isPending}>
            {t('mediation.addParty')}
          </Button>
        </Form>
      )}
    </Card>
  );
}

function Sessions({ c, record }: { c: CaseDetail; record: boolean }) {
  const { t } = useTranslation();
  const id = c.order.id;
  const [form] = Form.useForm<{ heldAt: Dayjs; place: string; attendees: string[]; notes: string }>();
  const add = useCaseMutation(
    id,
    (v: { heldAt: Dayjs; place: string; attendees: string[]; notes: string }) =>
      api.post(`/api/mediation/cases/${id}/sessions`, {
        heldAt: v.heldAt.toISOString(),
        place: v.place,
        attendees: v.attendees,
        notes: v.notes,
      }),
    form,
  );
  const names = [
    ...new Set([...(c.case.mediator ? [c.case.mediator.name] : []), ...c.case.parties.map((p) => p.name)]),
  ];
  return (
    <Card title={t('mediation.sectionSessions')} size="small" data-testid="case-sessions">
      {c.case.sessions.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('mediation.noSessions')} />
      ) : (
        <Timeline
          items={c.case.sessions.map((s) => ({
            color: 'blue',
            content: (
              <div>
                <Typography.Text strong>{formatDateTime(s.heldAt)}</Typography.Text>
                <Typography.Text type="secondary"> · {s.place}</Typography.Text>
                <div>{s.notes}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('mediation.field.attendees')}：{s.attendees.join('、')}
                  {s.recordedBy ? ` · ${s.recordedBy.name}` : ''}
                </Typography.Text>
              </div>
            ),
          }))}
        />
      )}
      {record && WORKING.includes(c.order.status) && (
        <Form
          form={form}
          layout="vertical"
          initialValues={{ heldAt: dayjs(), attendees: names }}
          onFinish={(v) => add.mutate(v)}
          data-testid="session-form"
        >
          <Space align="start" wrap>
            <Form.Item name="heldAt" label={t('mediation.field.heldAt')} rules={[{ required: true }]}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
            </Form.Item>
            <Form.Item name="place" label={t('mediation.field.sessionPlace')} rules={[{ required: true }]}>
              <Input style={{ width: 200 }} data-testid="session-place" />
            </Form.Item>
          </Space>
          <Form.Item
            name="attendees"
            label={t('mediation.field.attendees')}
            extra={t('mediation.attendeesHelp')}
            rules={[{ required: true }]}
          >
            <Select mode="tags" tokenSeparators={[',', '，', '、']} />
          </Form.Item>
          <Form.Item name="notes" label={t('mediation.field.notes')} rules={[{ required: true }]}>
            <Input.TextArea rows={3} maxLength={2000} data-testid="session-notes" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={add.isPending} data-testid="session-submit">
            {t('mediation.addSession')}
          </Button>
        </Form>
      )}
    </Card>
  );
}

function AgreementCard({ c, record }: { c: CaseDetail; record: boolean }) {
  const { t } = useTranslation();
  const id = c.order.id;
  const [form] = Form.useForm<{ text: string; signedOn: Dayjs }>();
  const save = useCaseMutation(id, (v: { text: string; signedOn: Dayjs }) =>
    api.put(`/api/mediation/cases/${id}/agreement`, { text: v.text, signedOn: v.signedOn.format('YYYY-MM-DD') }),
  );
  const a = c.case.agreement;
  return (
    <Card title={t('mediation.sectionAgreement')} size="small" data-testid="case-agreement">
      {a ? (
        <div>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>{a.text}</Typography.Paragraph>
          <Typography.Text type="secondary">
            {t('mediation.field.signedOn')}：{formatDate(a.signedOn)}
          </Typography.Text>
        </div>
      ) : (
        <Typography.Text type="secondary">{t('mediation.noAgreement')}</Typography.Text>
      )}
      {record && WORKING.includes(c.order.status) && (
        <Form
          form={form}
          layout="vertical"
          style={{ marginTop: 12 }}
          initialValues={{ text: a?.text, signedOn: a?.signedOn ? dayjs(a.signedOn) : dayjs() }}
          onFinish={(v) => save.mutate(v)}
          data-testid="agreement-form"
        >
          <Form.Item name="text" label={t('mediation.field.agreementText')} rules={[{ required: true }]}>
            <Input.TextArea rows={3} maxLength={2000} data-testid="agreement-text" />
          </Form.Item>
          <Space>
            <Form.Item name="signedOn" label={t('mediation.field.signedOn')} rules={[{ required: true }]}>
              <DatePicker />
            </Form.Item>
            <Button htmlType="submit" loading={save.isPending} data-testid="agreement-submit">
              {t('mediation.saveAgreement')}
            </Button>
          </Space>
        </Form>
      )}
    </Card>
  );
}

function OutcomeCard({ c, record }: { c: CaseDetail; record: boolean }) {
  const { t } = useTranslation();
  const id = c.order.id;
  const [form] = Form.useForm<{ outcome: MediationOutcome; note: string; followUpDueOn?: Dayjs }>();
  const [visit] = Form.useForm<{ visitedOn: Dayjs; note: string }>();
  const done = useCaseMutation(
    id,
    (v: { outcome: MediationOutcome; note: string; followUpDueOn?: Dayjs }) =>
      api.post(`/api/mediation/cases/${id}/outcome`, {
        outcome: v.outcome,
        note: v.note,
        followUpDueOn: v.followUpDueOn ? v.followUpDueOn.format('YYYY-MM-DD') : null,
      }),
    form,
  );
  const follow = useCaseMutation(
    id,
    (v: { visitedOn: Dayjs; note: string }) =>
      api.post(`/api/mediation/cases/${id}/follow-up`, { visitedOn: v.visitedOn.format('YYYY-MM-DD'), note: v.note }),
    visit,
  );
  const k = c.case;
  return (
    <Card title={t('mediation.sectionOutcome')} size="small" data-testid="case-outcome">
      {k.outcome ? (
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('mediation.field.outcome')}>
            <OutcomeTag outcome={k.outcome} /> {formatDateTime(k.outcomeAt)}
          </Descriptions.Item>
          <Descriptions.Item label={t('mediation.field.outcomeNote')}>{k.outcomeNote}</Descriptions.Item>
          <Descriptions.Item label={t('mediation.field.followUpNote')}>
            {k.followUp.visitedOn ? (
              <span>
                <Tag color="success">{t('mediation.followUpDone')}</Tag>
                {formatDate(k.followUp.visitedOn)} {k.followUp.note}
              </span>
            ) : k.followUp.dueOn ? (
              <Tag color="warning">{t('mediation.followUpPending', { date: formatDate(k.followUp.dueOn) })}</Tag>
            ) : (
              '—'
            )}
          </Descriptions.Item>
        </Descriptions>
      ) : (
        <Typography.Text type="secondary">{t('mediation.noOutcome')}</Typography.Text>
      )}
      {record && WORKING.includes(c.order.status) && (
        <Form
          form={form}
          layout="vertical"
          style={{ marginTop: 12 }}
          onFinish={(v) => done.mutate(v)}
          data-testid="outcome-form"
        >
          <Alert type="info" showIcon title={t('mediation.agreementHint')} style={{ marginBottom: 12 }} />
          <Space align="start" wrap>
            <Form.Item name="outcome" label={t('mediation.field.outcome')} rules={[{ required: true }]}>
              <Select
                style={{ width: 180 }}
                data-testid="outcome-select"
                options={MEDIATION_OUTCOMES.map((o) => ({ value: o, label: t(`mediation.outcome.${o}`) }))}
              />
            </Form.Item>
            <Form.Item name="followUpDueOn" label={t('mediation.field.followUpDueOn')}>
              <DatePicker />
            </Form.Item>
          </Space>
          <Form.Item name="note" label={t('mediation.field.outcomeNote')} rules={[{ required: true }]}>
            <Input.TextArea rows={2} maxLength={2000} data-testid="outcome-note" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={done.isPending} data-testid="outcome-submit">
            {t('mediation.recordOutcome')}
          </Button>
        </Form>
      )}
      {record && FINISHED.includes(c.order.status) && !k.followUp.visitedOn && (
        <Form
          form={visit}
          layout="inline"
          style={{ marginTop: 12, rowGap: 8 }}
          initialValues={{ visitedOn: dayjs() }}
          onFinish={(v) => follow.mutate(v)}
          data-testid="followup-form"
        >
          <Form.Item name="visitedOn" rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="note" rules={[{ required: true, message: t('mediation.field.followUpNote') }]}>
            <Input placeholder={t('mediation.field.followUpNote')} style={{ width: 280 }} />
          </Form.Item>
          <Button htmlType="submit" loading={follow.isPending}>
            {t('mediation.recordFollowUp')}
          </Button>
        </Form>
      )}
    </Card>
  );
}

/** 调解案件: one case with its parties, sessions, agreement, outcome and follow-up, and the order's timeline. */
export default function CasePage() {
  const { t } = useTranslation();
  const can = useCan();
  const id = Number(useParams().id);
  const [assigning, setAssigning] = useState(false);
  const q = useQuery({
    queryKey: ['mediation', 'case', id],
    queryFn: () => api.get<CaseDetail>(`/api/mediation/cases/${id}`),
    enabled: Number.isInteger(id) && id > 0,
  });
  const accept = useCaseMutation(id, () => api.post(`/api/orders/${id}/accept`, {}));
  if (q.isError) return <Alert type="error" showIcon title={q.error.message} />;
  if (!q.data) return <PageSpin />;
  const c = q.data;
  const o = c.order;
  const record = can('mediation.record');
  return (
    <div data-testid="mediation-case-page">
      <PageTitle
        title={o.title}
        help={
          <Space wrap>
            <StatusTag status={o.status} overdue={o.overdue} />
            <span>
              #{o.id} · {t(`mediation.category.${o.category}`, { defaultValue: o.category })} · {o.community.name}
            </span>
            <Link to={`/orders/${o.id}`}>
              <LinkOutlined /> {t('mediation.orderLink')}
            </Link>
          </Space>
        }
        extra={
          <Space>
            {o.status === 'submitted' && can('mediation.assign') && (
              <Button type="primary" onClick={() => setAssigning(true)} data-testid="case-assign">
                {t('mediation.assign')}
              </Button>
            )}
            {o.status === 'dispatched' && can('order.handle') && (
              <Button
                type="primary"
                loading={accept.isPending}
                onClick={() => accept.mutate(undefined)}
                data-testid="case-accept"
              >
                {t('mediation.accept')}
              </Button>
            )}
          </Space>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card size="small">
              <Descriptions size="small" column={{ xs: 1, md: 2 }}>
                <Descriptions.Item label={t('mediation.field.team')}>
                  {c.case.team
                    ? `${c.case.team.name}${c.case.mediator ? `（${c.case.mediator.name}）` : ''}`
                    : t('mediation.noTeam')}
                </Descriptions.Item>
                <Descriptions.Item label={t('mediation.field.place')}>{o.territory.name}</Descriptions.Item>
                <Descriptions.Item label={t('mediation.field.reporter')}>{o.reporter?.name ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('mediation.field.createdAt')}>
                  {formatDateTime(o.createdAt)}
                </Descriptions.Item>
                <Descriptions.Item label={t('mediation.field.respondBy')}>
                  {formatDateTime(o.respondBy)}
                </Descriptions.Item>
                <Descriptions.Item label={t('mediation.field.resolveBy')}>
                  {formatDateTime(o.resolveBy)}
                </Descriptions.Item>
                {o.rating && (
                  <Descriptions.Item label={t('mediation.field.rating')}>
                    {t(`mediation.rating.${o.rating}`)} {o.ratingComment ?? ''}
                  </Descriptions.Item>
                )}
                <Descriptions.Item label={t('mediation.field.description')} span={2}>
                  {o.description ?? '—'}
                </Descriptions.Item>
              </Descriptions>
            </Card>
            <Parties c={c} record={record} />
            <Sessions c={c} record={record} />
            <AgreementCard c={c} record={record} />
            <OutcomeCard c={c} record={record} />
          </Space>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={t('mediation.timeline')} data-testid="case-timeline">
            <Timeline
              items={o.timeline.map((e) => ({
                color: e.action === 'escalate' ? 'red' : e.action === 'resolve' ? 'green' : 'blue',
                content: (
                  <div>
                    <Typography.Text strong>
                      {t(`mediation.action.${e.action}`, { defaultValue: e.action })}
                    </Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {' '}
                      {formatDateTime(e.at)}
                      {e.actor ? ` · ${e.actor.name}` : ''}
                    </Typography.Text>
                    {e.note && <div>{e.note}</div>}
                  </div>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
      {assigning && <AssignModal c={c} onClose={() => setAssigning(false)} />}
    </div>
  );
}
