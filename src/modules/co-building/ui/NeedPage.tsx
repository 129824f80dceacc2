import { CheckOutlined, CloseOutlined, ProjectOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Progress,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
  DatePicker,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../../web/api/client';
import { useCan } from '../../../web/app/auth';
import { formatDateTime } from '../../../web/components/format';
import { showFormError } from '../../../web/components/formErrors';
import { PageSpin } from '../../../web/components/Loading';
import { PageTitle } from '../../../web/components/PageTitle';
import { CoTabs, NeedStatusTag } from './shared';
import { MATCH_FACTORS, type CreateProjectBody, type NeedDetail, type ProjectDetail, type Suggestion } from './types';

type Decide = { kind: 'accept' | 'reject'; s: Suggestion };

function DecideModal({ need, decide, onClose }: { need: NeedDetail; decide: Decide; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ amount?: number; reason?: string }>();
  const r = decide.s.resource;
  const save = useMutation({
    mutationFn: (v: { amount?: number; reason?: string }) =>
      decide.kind === 'accept'
        ? api.post(`/api/co-building/needs/${need.id}/accept`, {
            resourceId: r.id,
            amount: v.amount,
            reason: v.reason || null,
          })
        : api.post(`/api/co-building/needs/${need.id}/reject`, { resourceId: r.id, reason: v.reason }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['coBuilding'] });
      onClose();
    },
    onError: (e) => showFormError(form, e, message),
  });
  return (
    <Modal
      open
      title={t(decide.kind === 'accept' ? 'coBuilding.acceptTitle' : 'coBuilding.rejectTitle', { name: r.title })}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} data-testid="decide-form">
        {decide.kind === 'accept' && (
          <Form.Item
            name="amount"
            label={t('coBuilding.field.amount', { unit: r.unitOfMeasure, remaining: r.remaining })}
            rules={[{ required: true }]}
            initialValue={Math.min(1, r.remaining)}
          >
            <InputNumber min={1} max={r.remaining} style={{ width: 200 }} data-testid="decide-amount" />
          </Form.Item>
        )}
        <Form.Item
          name="reason"
          label={t('coBuilding.field.reason')}
          rules={decide.kind === 'reject' ? [{ required: true }] : []}
        >
          <Input.TextArea rows={2} maxLength={500} data-testid="decide-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface ProjectValues {
  title: string;
  ownerName: string;
  budget?: number;
  period: [Dayjs, Dayjs];
}
function NewProjectModal({ need, onClose }: { need: NeedDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<ProjectValues>();
  const create = useMutation({
    mutationFn: (v: ProjectValues) => {
      const body: CreateProjectBody = {
        title: v.title,
        needIds: [need.id],
        ownerName: v.ownerName,
        budget: v.budget ?? 0,
        startOn: v.period[0].format('YYYY-MM-DD'),
        dueOn: v.period[1].format('YYYY-MM-DD'),
      };
      return api.post<ProjectDetail>('/api/co-building/projects', body);
    },
    onSuccess: (p) => {
      void qc.invalidateQueries({ queryKey: ['coBuilding'] });
      onClose();
      void navigate(`/co-building/projects/${p.id}`);
    },
    onError: (e) => showFormError(form, e, message, { startOn: 'period', dueOn: 'period' }),
  });
  return (
    <Modal
      open
      title={t('coBuilding.newProject')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form<ProjectValues>
        form={form}
        layout="vertical"
        data-testid="project-form"
        initialValues={{ title: need.title, period: [dayjs(), dayjs().add(30, 'day')] }}
        onFinish={(v) => create.mutate(v)}
      >
        <Form.Item name="title" label={t('coBuilding.field.projectTitle')} rules={[{ required: true, max: 100 }]}>
          <Input data-testid="project-title" />
        </Form.Item>
        <Form.Item name="ownerName" label={t('coBuilding.field.owner')} rules={[{ required: true, max: 60 }]}>
          <Input data-testid="project-owner" />
        </Form.Item>
        <Form.Item name="budget" label={t('coBuilding.field.budget')}>
          <InputNumber min={0} style={{ width: 200 }} addonAfter="元" />
        </Form.Item>
        <Form.Item name="period" label={t('coBuilding.field.period')} rules={[{ required: true }]}>
          <DatePicker.RangePicker />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** One need: what it is, where it came from, the ranked resources with their reasons, and the decisions taken. */
export default function NeedPage() {
  const { t } = useTranslation();
  const can = useCan();
  const id = Number(useParams().id);
  const [decide, setDecide] = useState<Decide | null>(null);
  const [projecting, setProjecting] = useState(false);
  const need = useQuery({
    queryKey: ['coBuilding', 'need', id],
    queryFn: () => api.get<NeedDetail>(`/api/co-building/needs/${id}`),
  });
  const sugg = useQuery({
    queryKey: ['coBuilding', 'need', id, 'suggestions'],
    queryFn: () => api.get<Suggestion[]>(`/api/co-building/needs/${id}/suggestions`),
  });
  if (!need.data) return <PageSpin />;
  const n = need.data;
  const open = n.status === 'open' || n.status === 'matched';
  const manage = can('coBuilding.manage');
  return (
    <div data-testid="co-need-page">
      <PageTitle
        title={n.title}
        extra={
          manage &&
          open && (
            <Button
              type="primary"
              icon={<ProjectOutlined />}
              onClick={() => setProjecting(true)}
              data-testid="need-to-project"
            >
              {t('coBuilding.newProject')}
            </Button>
          )
        }
      />
      <CoTabs />
      <Descriptions bordered size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('coBuilding.field.status')}>
          <NeedStatusTag status={n.status} />
        </Descriptions.Item>
        <Descriptions.Item label={t('coBuilding.field.category')}>
          {t(`coBuilding.category.${n.category}`, { defaultValue: n.category })}
        </Descriptions.Item>
        <Descriptions.Item label={t('coBuilding.field.place')}>
          {n.community.name} · {n.place.name}
        </Descriptions.Item>
        <Descriptions.Item label={t('coBuilding.field.source')}>
          {t(`coBuilding.source.${n.source}`)}
          {n.sourceNote ? `（${n.sourceNote}）` : ''}
          {n.sourceOrderIds.length > 0 && (
            <Space size={4} wrap style={{ marginInlineStart: 8 }}>
              {n.sourceOrderIds.map((o) => (
                <Link key={o} to={`/orders/${o}`}>
                  #{o}
                </Link>
              ))}
            </Space>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('coBuilding.field.project')}>
          {n.project ? <Link to={`/co-building/projects/${n.project.id}`}>{n.project.name}</Link> : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('coBuilding.field.createdAt')}>{formatDateTime(n.createdAt)}</Descriptions.Item>
        {n.description && (
          <Descriptions.Item label={t('coBuilding.field.description')} span={3}>
            {n.description}
          </Descriptions.Item>
        )}
      </Descriptions>

      {open && (
        <Card
          size="small"
          title={t('coBuilding.suggestions')}
          extra={<Typography.Text type="secondary">{t('coBuilding.formulaLine')}</Typography.Text>}
          style={{ marginBottom: 16 }}
        >
          <Table<Suggestion>
            size="small"
            rowKey={(s) => s.resource.id}
            dataSource={sugg.data ?? []}
            loading={sugg.isFetching}
            pagination={false}
            data-testid="suggestion-table"
            locale={{ emptyText: t('coBuilding.noSuggestions') }}
            columns={[
              {
                title: t('coBuilding.field.resource'),
                key: 'r',
                render: (_, s) => (
                  <Space orientation="vertical" size={0}>
                    <b>{s.resource.title}</b>
                    <Typography.Text type="secondary">
                      {s.resource.offererName} · {s.resource.area.name} · {t('coBuilding.remaining')}{' '}
                      {s.resource.remaining}/{s.resource.capacity} {s.resource.unitOfMeasure}
                    </Typography.Text>
                  </Space>
                ),
              },
              {
                title: t('coBuilding.field.score'),
                dataIndex: 'score',
                width: 90,
                render: (v: number) => <Tag color="blue">{v.toFixed(2)}</Tag>,
              },
              {
                title: t('coBuilding.field.reasons'),
                key: 'f',
                render: (_, s) => (
                  <Space wrap size={[12, 4]}>
                    {MATCH_FACTORS.map((f) => (
                      <Tooltip
                        key={f}
                        title={t('coBuilding.factorTip', {
                          value: s.factors[f].toFixed(2),
                          weight: s.weights[f],
                          points: (s.factors[f] * s.weights[f]).toFixed(3),
                        })}
                      >
                        <span style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
                          <span style={{ fontSize: 12 }}>
                            {t(`coBuilding.factor.${f}`)}×{s.weights[f]}
                          </span>
                          <Progress
                            percent={Math.round(s.factors[f] * 100)}
                            size={[60, 6]}
                            showInfo={false}
                            strokeColor={s.factors[f] >= 0.75 ? '#52c41a' : s.factors[f] >= 0.4 ? '#faad14' : '#ff4d4f'}
                          />
                        </span>
                      </Tooltip>
                    ))}
                  </Space>
                ),
              },
              ...(manage
                ? [
                    {
                      title: t('common.actions'),
                      key: 'a',
                      width: 170,
                      render: (_: unknown, s: Suggestion) => (
                        <Space>
                          <Button
                            size="small"
                            type="primary"
                            icon={<CheckOutlined />}
                            onClick={() => setDecide({ kind: 'accept', s })}
                            data-testid={`accept-${s.resource.id}`}
                          >
                            {t('coBuilding.accept')}
                          </Button>
                          <Button
                            size="small"
                            icon={<CloseOutlined />}
                            onClick={() => setDecide({ kind: 'reject', s })}
                            data-testid={`reject-${s.resource.id}`}
                          >
                            {t('coBuilding.reject')}
                          </Button>
                        </Space>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </Card>
      )}

      <Card size="small" title={t('coBuilding.decisions')}>
        <Table
          size="small"
          rowKey={(m) => m.id}
          dataSource={n.matches}
          pagination={false}
          data-testid="match-table"
          locale={{ emptyText: t('coBuilding.noDecisions') }}
          columns={[
            { title: t('coBuilding.field.resource'), key: 'r', render: (_, m) => m.resource.name },
            {
              title: t('coBuilding.field.decision'),
              dataIndex: 'decision',
              width: 100,
              render: (d: string) => (
                <Tag color={d === 'accepted' ? 'success' : 'default'}>{t(`coBuilding.decision.${d}`)}</Tag>
              ),
            },
            {
              title: t('coBuilding.field.amountShort'),
              key: 'a',
              width: 120,
              render: (_, m) => (m.decision === 'accepted' ? `${m.amount} ${m.unitOfMeasure}` : '—'),
            },
            { title: t('coBuilding.field.score'), dataIndex: 'score', width: 80, render: (v: number) => v.toFixed(2) },
            { title: t('coBuilding.field.reason'), dataIndex: 'reason', render: (r: string | null) => r ?? '—' },
            {
              title: t('coBuilding.field.createdAt'),
              dataIndex: 'createdAt',
              width: 170,
              render: (v: string) => formatDateTime(v),
            },
          ]}
        />
      </Card>
      {decide && <DecideModal need={n} decide={decide} onClose={() => setDecide(null)} />}
      {projecting && <NewProjectModal need={n} onClose={() => setProjecting(false)} />}
    </div>
  );
}
