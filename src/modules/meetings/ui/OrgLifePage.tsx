import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../../../web/api/client';
import type { Page } from '../../../web/api/types';
import { useCan } from '../../../web/app/auth';
import { formatDateTime } from '../../../web/components/format';
import { showFormError } from '../../../web/components/formErrors';
import { PageTitle } from '../../../web/components/PageTitle';
import { ORG_LIFE_KINDS, type OrgLifeFigures, type OrgLifeSession } from './types';

interface NewSession {
  branchId: number;
  kind: string;
  title: string;
  heldAt: Dayjs;
  mode: 'online' | 'offline';
  place?: string;
}

/** Records a session of a branch of the account's area; its roster is the branch's members. */
function NewSessionModal({ branchId, onClose }: { branchId?: number; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<NewSession>();
  const branches = useQuery({
    queryKey: ['meetings', 'org-life', 'branches'],
    queryFn: () =>
      api.get<Page<{ id: number; name: string }>>('/api/organizations/party-orgs', { kind: 'branch', pageSize: 100 }),
  });
  const create = useMutation({
    mutationFn: (v: NewSession) =>
      api.post<OrgLifeSession>('/api/org-life/sessions', {
        branchId: v.branchId,
        kind: v.kind,
        title: v.title,
        heldAt: v.heldAt.toISOString(),
        mode: v.mode,
        place: v.place || null,
      }),
    onSuccess: (created) => {
      void qc.invalidateQueries({ queryKey: ['meetings', 'org-life'] });
      onClose();
      void navigate(`/org-life/sessions/${created.id}`);
    },
    onError: (e) => showFormError(form, e, message),
  });
  return (
    <Modal
      open
      title={t('meetings.session.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form<NewSession>
        form={form}
        layout="vertical"
        initialValues={{ branchId, kind: 'themeDay', mode: 'offline', heldAt: dayjs().startOf('minute') }}
        onFinish={(v) => create.mutate(v)}
      >
        <Form.Item name="branchId" label={t('meetings.session.branch')} rules={[{ required: true }]}>
          <Select
            showSearch
            optionFilterProp="label"
            loading={branches.isLoading}
            options={(branches.data?.items ?? []).map((b) => ({ value: b.id, label: b.name }))}
            data-testid="new-session-branch"
          />
        </Form.Item>
        <Form.Item name="kind" label={t('meetings.field.kind')} rules={[{ required: true }]}>
          <Select options={ORG_LIFE_KINDS.map((k) => ({ value: k, label: t(`meetings.orgLifeKind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="title" label={t('meetings.field.title')} rules={[{ required: true, max: 200 }]}>
          <Input data-testid="new-session-title" />
        </Form.Item>
        <Space style={{ display: 'flex' }} align="start" wrap>
          <Form.Item name="heldAt" label={t('meetings.session.heldAt')} rules={[{ required: true }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
          <Form.Item name="mode" label={t('meetings.field.mode')}>
            <Radio.Group
              optionType="button"
              options={(['offline', 'online'] as const).map((m) => ({ value: m, label: t(`meetings.mode.${m}`) }))}
            />
          </Form.Item>
        </Space>
        <Form.Item name="place" label={t('meetings.field.place')} rules={[{ max: 100 }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

/** 三会一课: figures per branch (sessions held, attendance rate with formula, missed sessions) and the sessions. */
export default function OrgLifePage() {
  const { t } = useTranslation();
  const can = useCan();
  const [creating, setCreating] = useState(false);
  const [params, setParams] = useSearchParams();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(Number(params.get('year')) || thisYear);
  const branchId = params.get('branchId') ? Number(params.get('branchId')) : undefined;
  // A drill-down link (the dashboard's org-life figures): the sessions of a subtree and period, by status.
  const drill = params.get('territoryId')
    ? {
        territoryId: params.get('territoryId')!,
        from: params.get('from') ?? undefined,
        to: params.get('to') ?? undefined,
        status: params.get('status') ?? undefined,
      }
    : undefined;
  const fig = useQuery({
    queryKey: ['meetings', 'org-life', 'figures', year],
    queryFn: () => api.get<OrgLifeFigures>('/api/org-life/figures', { year }),
  });
  const sessions = useQuery({
    queryKey: ['meetings', 'org-life', 'sessions', branchId, year, drill],
    queryFn: () =>
      api.get<Page<OrgLifeSession>>(
        '/api/org-life/sessions',
        drill
          ? { ...drill, pageSize: 100 }
          : {
              branchId,
              from: new Date(year, 0, 1).toISOString(),
              to: new Date(year + 1, 0, 1).toISOString(),
              pageSize: 100,
            },
      ),
    enabled: branchId !== undefined || drill !== undefined,
  });
  const f = fig.data;
  return (
    <div data-testid="org-life-page">
      <PageTitle
        title={t('meetings.orgLifeTitle')}
        help={t('meetings.orgLifeHelp')}
        extra={
          <Space>
            <Select
              value={year}
              style={{ width: 110 }}
              onChange={setYear}
              options={[thisYear - 2, thisYear - 1, thisYear].map((y) => ({ value: y, label: `${y}年` }))}
            />
            <a href={`/api/meetings/export.xlsx?kind=sessions&year=${year}`}>
              <Button icon={<DownloadOutlined />}>{t('meetings.exportSessions')}</Button>
            </a>
            {can('orgLife.manage') && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setCreating(true)}
                data-testid="new-session"
              >
                {t('meetings.session.new')}
              </Button>
            )}
          </Space>
        }
      />
      {f && (
        <>
          <Space size={48} style={{ marginBottom: 16 }} wrap>
            <Statistic title={t('meetings.fig.branches')} value={f.total.branches} />
            <Statistic title={t('meetings.fig.held')} value={f.total.held} />
            <Statistic title={t('meetings.fig.rate')} value={pct(f.total.attendanceRate)} />
            <Statistic
              title={t('meetings.fig.flagged')}
              value={f.total.flagged}
              styles={{ content: { color: f.total.flagged ? '#cf1322' : undefined } }}
            />
          </Space>
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={f.formula.attendanceRate}
            description={f.formula.missing}
          />
          <Table
            size="small"
            rowKey={(r) => r.branch.id}
            dataSource={[...f.branches].sort((a, b) => b.missing.length - a.missing.length || b.held - a.held)}
            data-testid="org-life-branches"
            pagination={{ pageSize: 20 }}
            columns={[
              { title: t('meetings.fig.branch'), key: 'b', render: (_, r) => r.branch.name },
              { title: t('meetings.field.territory'), key: 'tn', render: (_, r) => r.territory.name },
              {
                title: t('meetings.fig.held'),
                key: 'held',
                align: 'right',
                render: (_, r) => (
                  <a
                    onClick={() => setParams({ branchId: String(r.branch.id), year: String(year) })}
                    data-testid={`drill-${r.branch.id}`}
                  >
                    {r.held}
                  </a>
                ),
              },
              {
                title: t('meetings.fig.presentExpected'),
                key: 'pe',
                align: 'right',
                render: (_, r) => `${r.present} / ${r.expected}`,
              },
              { title: t('meetings.fig.rate'), key: 'rate', align: 'right', render: (_, r) => pct(r.attendanceRate) },
              {
                title: t('meetings.fig.missing'),
                key: 'missing',
                render: (_, r) =>
                  r.held === 0 && !r.missing.length ? (
                    <Tag>{t('meetings.fig.noRecords')}</Tag>
                  ) : r.missing.length ? (
                    r.missing.map((x) => (
                      <Tag color="error" key={`${x.kind}${x.period}`}>
                        {x.period} {t(`meetings.orgLifeKind.${x.kind}`)}
                      </Tag>
                    ))
                  ) : (
                    <Tag color="success">{t('meetings.fig.none')}</Tag>
                  ),
              },
            ]}
          />
        </>
      )}
      {(branchId !== undefined || drill !== undefined) && (
        <Card
          size="small"
          title={t('meetings.sessionsOfBranch')}
          style={{ marginTop: 16 }}
          data-testid="org-life-sessions"
        >
          <Table
            size="small"
            rowKey="id"
            dataSource={sessions.data?.items ?? []}
            pagination={false}
            columns={[
              { title: t('meetings.field.startsAt'), dataIndex: 'heldAt', render: (v: string) => formatDateTime(v) },
              {
                title: t('meetings.field.kind'),
                dataIndex: 'kind',
                render: (k: string) => t(`meetings.orgLifeKind.${k}`),
              },
              {
                title: t('meetings.field.title'),
                key: 'title',
                render: (_, s) => (
                  <Link to={`/org-life/sessions/${s.id}`} data-testid={`session-link-${s.id}`}>
                    {s.title}
                  </Link>
                ),
              },
              { title: t('meetings.field.mode'), dataIndex: 'mode', render: (k: string) => t(`meetings.mode.${k}`) },
              {
                title: t('meetings.field.status'),
                dataIndex: 'status',
                render: (k: string) => t(`meetings.session.status.${k}`),
              },
              {
                title: t('meetings.fig.presentExpected'),
                key: 'pe',
                align: 'right',
                render: (_, s) => `${s.present} / ${s.expected}（${t('meetings.leaveN', { n: s.leave })}）`,
              },
            ]}
          />
          <Typography.Text type="secondary">{t('meetings.drillHelp')}</Typography.Text>
        </Card>
      )}
      {creating && <NewSessionModal branchId={branchId} onClose={() => setCreating(false)} />}
    </div>
  );
}
