import { DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { api, isApiError } from '../../../web/api/client';
import type { TerritoryRef } from '../../../web/api/types';
import { useCan, useMe } from '../../../web/app/auth';
import { FilterBar } from '../../../web/components/FilterBar';
import { formatDateTime } from '../../../web/components/format';
import { errorText, showFormError } from '../../../web/components/formErrors';
import { PagedTable, type Filters } from '../../../web/components/PagedTable';
import { PageTitle } from '../../../web/components/PageTitle';
import { TerritoryTreeSelect } from '../../../web/components/TerritoryTreeSelect';
import {
  ENTRY_STATUSES,
  POINT_SOURCES,
  STATUS_COLORS,
  type Entry,
  type RankingRow,
  type Rule,
  type Rules,
} from './types';

function ManualModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ accountId?: number; memberId?: number; points: number; reason: string }>();
  const create = useMutation({
    mutationFn: (v: { accountId?: number; memberId?: number; points: number; reason: string }) =>
      api.post('/api/points/manual', v),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['volunteering'] });
      onClose();
    },
    onError: (e) => showFormError(form, e, message),
  });
  return (
    <Modal
      open
      title={t('volunteering.points.manual')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)}>
        <Space>
          <Form.Item name="accountId" label={t('volunteering.field.accountId')}>
            <InputNumber min={1} />
          </Form.Item>
          <Form.Item name="memberId" label={t('volunteering.field.memberId')}>
            <InputNumber min={1} />
          </Form.Item>
          <Form.Item name="points" label={t('volunteering.field.points')} rules={[{ required: true }]}>
            <InputNumber min={-500} max={500} />
          </Form.Item>
        </Space>
        <Form.Item name="reason" label={t('volunteering.field.reason')} rules={[{ required: true, min: 4 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Ledger() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const me = useMe().data?.id;
  const qc = useQueryClient();
  const [params] = useSearchParams();
  const [filters, setFilters] = useState<Filters>({ status: params.get('status') ?? undefined });
  const [manual, setManual] = useState(false);
  const decide = useMutation({
    mutationFn: ({ id, ok }: { id: number; ok: boolean }) =>
      api.post(`/api/points/entries/${id}/${ok ? 'approve' : 'reject'}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['volunteering'] }),
    onError: (e) => void message.error(isApiError(e) ? e.message : String(e)),
  });
  const columns: TableColumnsType<Entry> = [
    { title: t('volunteering.field.at'), dataIndex: 'at', width: 160, render: (v: string) => formatDateTime(v) },
    { title: t('volunteering.field.name'), dataIndex: 'name', width: 130 },
    { title: t('volunteering.field.branch'), key: 'b', width: 170, render: (_, e) => e.branch?.name ?? '—' },
    {
      title: t('volunteering.field.source'),
      dataIndex: 'source',
      width: 130,
      render: (s: string) => t(`volunteering.source.${s}`),
    },
    {
      title: t('volunteering.field.points'),
      key: 'p',
      width: 110,
      align: 'right',
      render: (_, e) => (e.points < e.requested ? `${e.points} (${e.requested})` : e.points),
    },
    { title: t('volunteering.field.reason'), dataIndex: 'reason', render: (v: string | null, e) => v ?? e.ref },
    {
      title: t('volunteering.field.status'),
      dataIndex: 'status',
      width: 100,
      render: (s: string) => <Tag color={STATUS_COLORS[s]}>{t(`volunteering.entryStatus.${s}`)}</Tag>,
    },
    {
      key: 'x',
      width: 160,
      render: (_, e) =>
        e.status === 'pending' &&
        can('points.manual') &&
        e.requestedBy !== me && (
          <Space>
            <Button size="small" type="primary" onClick={() => decide.mutate({ id: e.id, ok: true })}>
              {t('volunteering.points.approve')}
            </Button>
            <Button size="small" danger onClick={() => decide.mutate({ id: e.id, ok: false })}>
              {t('volunteering.points.reject')}
            </Button>
          </Space>
        ),
    },
  ];
  return (
    <>
      <FilterBar<{ source?: string; status?: string; q?: string }>
        testId="points-filter"
        extra={
          <Space>
            <a href="/api/volunteering/export.xlsx?kind=points">
              <Button icon={<DownloadOutlined />}>{t('volunteering.export')}</Button>
            </a>
            {can('points.manual') && (
              <Button onClick={() => setManual(true)} data-testid="points-manual">
                {t('volunteering.points.manual')}
              </Button>
            )}
          </Space>
        }
        onSearch={(v) => setFilters({ source: v.source, status: v.status, q: v.q?.trim() || undefined })}
      >
        <Form.Item name="source" label={t('volunteering.field.source')}>
          <Select
            allowClear
            style={{ width: 150 }}
            options={POINT_SOURCES.map((s) => ({ value: s, label: t(`volunteering.source.${s}`) }))}
          />
        </Form.Item>
        <Form.Item name="status" label={t('volunteering.field.status')}>
          <Select
            allowClear
            style={{ width: 120 }}
            options={ENTRY_STATUSES.map((s) => ({ value: s, label: t(`volunteering.entryStatus.${s}`) }))}
          />
        </Form.Item>
        <Form.Item name="q" label={t('volunteering.field.q')}>
          <Input allowClear style={{ width: 140 }} />
        </Form.Item>
      </FilterBar>
      <PagedTable<Entry>
        queryKey={['volunteering', 'entries']}
        path="/api/points/entries"
        filters={{
          territoryId: params.get('territoryId') ?? undefined,
          from: params.get('from') ?? undefined,
          to: params.get('to') ?? undefined,
          ...filters,
        }}
        columns={columns}
        rowKey={(e) => e.id}
        testId="points-table"
        scrollX={1100}
      />
      {manual && <ManualModal onClose={() => setManual(false)} />}
    </>
  );
}

function Rankings() {
  const { t } = useTranslation();
  const [branch, setBranch] = useState<number | null>(null);
  const q = useQuery({
    queryKey: ['volunteering', 'rankings', branch],
    queryFn: () =>
      api.get<{ year: number; branch: { name: string } | null; rows: RankingRow[] }>(
        '/api/points/rankings',
        branch ? { branchId: branch } : {},
      ),
  });
  return (
    <>
      {branch && (
        <Button style={{ marginBottom: 12 }} onClick={() => setBranch(null)}>
          {t('volunteering.points.backToBranches')}
        </Button>
      )}
      <Table<RankingRow>
        size="small"
        rowKey={(r) => String(r.id)}
        pagination={false}
        loading={q.isLoading}
        dataSource={q.data?.rows ?? []}
        data-testid="points-rankings"
        columns={[
          { title: t('volunteering.field.rank'), dataIndex: 'rank', width: 70 },
          {
            title: branch ? t('volunteering.field.name') : t('volunteering.field.branch'),
            dataIndex: 'name',
            render: (n: string, r) => (branch ? n : <a onClick={() => setBranch(Number(r.id))}>{n}</a>),
          },
          ...(branch
            ? [
                {
                  title: t('volunteering.field.stars'),
                  dataIndex: 'stars',
                  width: 120,
                  render: (s: number) => '★'.repeat(s),
                },
              ]
            : [{ title: t('volunteering.field.people'), dataIndex: 'people', width: 90, align: 'right' as const }]),
          { title: t('volunteering.field.points'), dataIndex: 'points', width: 100, align: 'right' },
        ]}
      />
      <Alert
        style={{ marginTop: 12 }}
        type="info"
        message={t('volunteering.starRule', { t: '0 / 30 / 60 / 100 / 150' })}
      />
    </>
  );
}

function RulesTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const [district, setDistrict] = useState<TerritoryRef | undefined>();
  const [draft, setDraft] = useState<Rule[] | null>(null);
  const q = useQuery({
    queryKey: ['volunteering', 'rules', district?.id],
    queryFn: () => api.get<Rules>('/api/points/rules', { districtId: district!.id }),
    enabled: !!district,
  });
  const save = useMutation({
    mutationFn: (rules: Rule[]) => api.put<Rules>('/api/points/rules', { districtId: district!.id, rules }),
    onSuccess: () => {
      setDraft(null);
      void q.refetch();
    },
    onError: (e) => void message.error(errorText(e)),
  });
  const rules = draft ?? q.data?.rules ?? [];
  const edit = can('points.rules');
  const set = (i: number, patch: Partial<Rule>) => setDraft(rules.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        {t('volunteering.field.district')}
        <TerritoryTreeSelect value={district} onChange={(v) => (setDistrict(v), setDraft(null))} />
      </Space>
      {q.error && (
        <Alert type="warning" message={isApiError(q.error) ? (q.error.fields[0]?.message ?? q.error.message) : ''} />
      )}
      {q.data && (
        <>
          <Alert
            style={{ marginBottom: 12 }}
            type={q.data.own ? 'success' : 'info'}
            message={q.data.own ? t('volunteering.points.own') : t('volunteering.points.defaults')}
          />
          <Table<Rule>
            size="small"
            rowKey="source"
            pagination={false}
            dataSource={rules}
            columns={[
              {
                title: t('volunteering.field.source'),
                dataIndex: 'source',
                render: (s: string) => t(`volunteering.source.${s}`),
              },
              {
                title: t('volunteering.field.unitPts'),
                key: 'p',
                render: (_, r, i) =>
                  edit ? (
                    <InputNumber
                      min={0}
                      max={1000}
                      value={r.points}
                      onChange={(v) => set(i, { points: v ?? 0 })}
                      addonAfter={t(`volunteering.unit.${r.unit}`)}
                    />
                  ) : (
                    `${r.points} ${t(`volunteering.unit.${r.unit}`)}`
                  ),
              },
              {
                title: t('volunteering.field.cap'),
                key: 'c',
                render: (_, r, i) =>
                  edit ? (
                    <InputNumber
                      min={0}
                      value={r.cap ?? undefined}
                      onChange={(v) => set(i, { cap: v ?? null })}
                      addonAfter={t(`volunteering.period.${r.capPeriod}`)}
                    />
                  ) : (
                    `${r.cap ?? '—'} ${t(`volunteering.period.${r.capPeriod}`)}`
                  ),
              },
            ]}
          />
          {edit && (
            <Button
              type="primary"
              style={{ marginTop: 12 }}
              disabled={!draft}
              loading={save.isPending}
              onClick={() => save.mutate(rules)}
            >
              {t('volunteering.points.saveRules')}
            </Button>
          )}
        </>
      )}
    </>
  );
}

/** 积分与星级: the one points ledger (with manual points and their second approver), rankings per branch, rules. */
export default function PointsPage() {
  const { t } = useTranslation();
  return (
    <div data-testid="vol-points-page">
      <PageTitle title={t('volunteering.points.title')} help={t('volunteering.points.help')} />
      <Tabs
        items={[
          { key: 'ledger', label: t('volunteering.points.ledger'), children: <Ledger /> },
          { key: 'rankings', label: t('volunteering.points.rankings'), children: <Rankings /> },
          { key: 'rules', label: t('volunteering.points.rules'), children: <RulesTab /> },
        ]}
      />
    </div>
  );
}
