import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  DatePicker,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Table,
  Tag,
  type TableColumnsType,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../web/api/client';
import { useCan } from '../../../web/app/auth';
import { FilterBar } from '../../../web/components/FilterBar';
import { showFormError } from '../../../web/components/formErrors';
import { PagedTable } from '../../../web/components/PagedTable';
import { PageTitle } from '../../../web/components/PageTitle';
import type { TerritoryRef } from '../../../web/api/types';
import { TerritoryTreeSelect } from '../../../web/components/TerritoryTreeSelect';
import { LedgerButton } from './LedgerButton';
import { CoTabs, useUrlFilters } from './shared';
import {
  AGREEMENT_NEXT,
  AGREEMENT_STATUS_COLORS,
  AGREEMENT_STATUSES,
  DELIVERABLE_STATE_COLORS,
  type Agreement,
} from './types';

type Deliverable = Agreement['deliverables'][number];
interface ReportValues {
  status: 'done' | 'notDone';
  doneOn?: Dayjs;
  evidence: string;
}

function ReportModal({ a, d, onClose }: { a: Agreement; d: Deliverable; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<ReportValues>();
  const status = Form.useWatch('status', form);
  const save = useMutation({
    mutationFn: (v: ReportValues) =>
      api.post(`/api/co-building/agreements/${a.id}/deliverables/${d.id}/report`, {
        status: v.status,
        doneOn: v.status === 'done' ? (v.doneOn?.format('YYYY-MM-DD') ?? null) : null,
        evidence: v.evidence,
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['coBuilding'] });
      onClose();
    },
    onError: (e) => showFormError(form, e, message),
  });
  return (
    <Modal
      open
      title={t('coBuilding.agreement.report', { title: d.title })}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
    >
      <Form form={form} layout="vertical" initialValues={{ status: 'done' }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="status" label={t('coBuilding.field.status')}>
          <Radio.Group
            options={(['done', 'notDone'] as const).map((s) => ({
              value: s,
              label: t(`coBuilding.deliverableState.${s === 'done' ? 'onTime' : s}`),
            }))}
          />
        </Form.Item>
        {status !== 'notDone' && (
          <Form.Item name="doneOn" label={t('coBuilding.agreement.doneOn')}>
            <DatePicker />
          </Form.Item>
        )}
        <Form.Item name="evidence" label={t('coBuilding.agreement.evidence')} rules={[{ required: true, max: 2000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

const FILTER_KEYS = [
  'territoryId',
  'unitId',
  'allianceId',
  'year',
  'status',
  'signedFrom',
  'signedTo',
  'fulfilledFrom',
  'fulfilledTo',
];

/**
 * 契约化共建: agreements of the area, 商约 → 签约 → 公示 → 履约 → 评约; each deliverable's state, the computed
 * score (decision 018) and the residents' ratings. Opened from the figures (agreements signed) and an alliance.
 */
export default function AgreementsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [filters, setFilters] = useUrlFilters(FILTER_KEYS);
  const [reporting, setReporting] = useState<{ a: Agreement; d: Deliverable } | null>(null);
  const move = useMutation({
    mutationFn: ({ id, to }: { id: number; to: string }) => api.post(`/api/co-building/agreements/${id}/move`, { to }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['coBuilding'] }),
    onError: (e) => void message.error(e instanceof Error ? e.message : String(e)),
  });
  const manage = can('coBuilding.manage');
  const columns: TableColumnsType<Agreement> = [
    { title: t('coBuilding.field.title'), dataIndex: 'title' },
    { title: t('coBuilding.alliance.place'), key: 'community', width: 120, render: (_, a) => a.community.name },
    { title: t('coBuilding.alliance.unit'), key: 'unit', render: (_, a) => a.unit.name },
    { title: t('coBuilding.alliance.title'), key: 'alliance', render: (_, a) => a.alliance?.name ?? '—' },
    { title: t('coBuilding.agreement.year'), dataIndex: 'year', width: 70 },
    {
      title: t('coBuilding.field.status'),
      dataIndex: 'status',
      width: 90,
      render: (s: string) => <Tag color={AGREEMENT_STATUS_COLORS[s]}>{t(`coBuilding.agreementStatus.${s}`)}</Tag>,
    },
    { title: t('coBuilding.agreement.signedOn'), dataIndex: 'signedOn', width: 110, render: (v) => v ?? '—' },
    {
      title: t('coBuilding.agreement.score'),
      key: 'score',
      width: 110,
      render: (_, a) => (a.score === null ? '—' : a.score),
    },
    {
      title: t('coBuilding.field.rating'),
      key: 'rating',
      width: 110,
      render: (_, a) => (a.ratingMean === null ? '—' : `${a.ratingMean} (${a.ratingCount})`),
    },
    {
      title: '',
      key: 'move',
      width: 110,
      render: (_, a) => {
        const next = AGREEMENT_NEXT[a.status];
        return (
          manage &&
          next && (
            <Popconfirm
              title={t('coBuilding.agreement.moveConfirm', { to: t(`coBuilding.agreementStatus.${next}`) })}
              onConfirm={() => move.mutate({ id: a.id, to: next })}
            >
              <Button size="small" data-testid={`agreement-move-${a.id}`}>
                → {t(`coBuilding.agreementStatus.${next}`)}
              </Button>
            </Popconfirm>
          )
        );
      },
    },
  ];
  return (
    <div data-testid="co-agreements-page">
      <PageTitle title={t('coBuilding.agreement.title')} help={t('coBuilding.agreement.help')} />
      <CoTabs />
      <FilterBar<{ status?: string; year?: string; community?: TerritoryRef }>
        testId="agreement-filter"
        onSearch={(v) =>
          setFilters({ ...filters, status: v.status, year: v.year?.trim(), territoryId: v.community?.id })
        }
        extra={<LedgerButton list="agreements" filters={filters} />}
      >
        <Form.Item name="community" label={t('coLedger.community')} style={{ minWidth: 220 }}>
          <TerritoryTreeSelect testId="agreement-filter-community" />
        </Form.Item>
        <Form.Item name="status" label={t('coBuilding.field.status')}>
          <Select
            allowClear
            style={{ width: 120 }}
            options={AGREEMENT_STATUSES.map((s) => ({ value: s, label: t(`coBuilding.agreementStatus.${s}`) }))}
          />
        </Form.Item>
        <Form.Item name="year" label={t('coBuilding.agreement.year')}>
          <Input allowClear style={{ width: 90 }} />
        </Form.Item>
      </FilterBar>
      {(filters.signedFrom || filters.signedTo) && (
        <p>{t('coBuilding.agreement.signedBetween', { from: filters.signedFrom ?? '', to: filters.signedTo ?? '' })}</p>
      )}
      <PagedTable<Agreement>
        queryKey={['coBuilding', 'agreements']}
        path="/api/co-building/agreements"
        filters={filters}
        columns={columns}
        rowKey={(a) => a.id}
        testId="agreement-table"
        scrollX={1200}
        expandable={{
          expandedRowRender: (a: Agreement) => (
            <Table<Deliverable>
              size="small"
              pagination={false}
              rowKey="id"
              dataSource={a.deliverables}
              columns={[
                { title: t('coBuilding.agreement.deliverable'), dataIndex: 'title' },
                { title: t('coBuilding.field.dueOn'), dataIndex: 'dueOn', width: 110 },
                {
                  title: t('coBuilding.field.state'),
                  dataIndex: 'state',
                  width: 100,
                  render: (s: string) => (
                    <Tag color={DELIVERABLE_STATE_COLORS[s]}>{t(`coBuilding.deliverableState.${s}`)}</Tag>
                  ),
                },
                { title: t('coBuilding.agreement.doneOn'), dataIndex: 'doneOn', width: 110, render: (v) => v ?? '—' },
                { title: t('coBuilding.agreement.evidence'), dataIndex: 'evidence', render: (v) => v ?? '—' },
                {
                  title: '',
                  width: 90,
                  render: (_, d) =>
                    manage &&
                    a.status === 'fulfilling' &&
                    d.status === 'pending' && (
                      <Button size="small" type="link" onClick={() => setReporting({ a, d })}>
                        {t('coBuilding.agreement.reportShort')}
                      </Button>
                    ),
                },
              ]}
            />
          ),
        }}
      />
      {reporting && <ReportModal a={reporting.a} d={reporting.d} onClose={() => setReporting(null)} />}
    </div>
  );
}
