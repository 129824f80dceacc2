import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Form, Input, Modal, Select, Tag, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../../../web/api/client';
import type { TerritoryRef } from '../../../web/api/types';
import { useCan } from '../../../web/app/auth';
import { FilterBar } from '../../../web/components/FilterBar';
import { formatDateTime } from '../../../web/components/format';
import { showFormError } from '../../../web/components/formErrors';
import { PagedTable, type Filters } from '../../../web/components/PagedTable';
import { PageTitle } from '../../../web/components/PageTitle';
import { TerritoryTreeSelect } from '../../../web/components/TerritoryTreeSelect';
import { CONSULTATION_COLORS, CONSULTATION_STATUSES, type Consultation, type ConsultationListItem } from './types';

interface NewValues {
  place?: TerritoryRef;
  title: string;
  notice: string;
  options?: string;
  closesAt: Dayjs;
}

function NewConsultationModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<NewValues>();
  const create = useMutation({
    mutationFn: (v: NewValues) =>
      api.post<Consultation>('/api/consultations', {
        territoryId: v.place?.id,
        title: v.title,
        notice: v.notice,
        options: (v.options ?? '')
          .split(/[\n,，、]+/)
          .map((x) => x.trim())
          .filter(Boolean),
        closesAt: v.closesAt.toISOString(),
      }),
    onSuccess: (c) => {
      void qc.invalidateQueries({ queryKey: ['consultations'] });
      onClose();
      void navigate(`/consultations/${c.id}`);
    },
    onError: (e) => showFormError(form, e, message, { territoryId: 'place' }),
  });
  return (
    <Modal
      open
      title={t('meetings.consultation.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      width={640}
      destroyOnHidden
    >
      <Form<NewValues> form={form} layout="vertical" onFinish={(v) => create.mutate(v)}>
        <Form.Item
          name="place"
          label={t('meetings.consultation.place')}
          extra={t('meetings.consultation.placeHelp')}
          rules={[{ required: true }]}
        >
          <TerritoryTreeSelect testId="consultation-territory" />
        </Form.Item>
        <Form.Item name="title" label={t('meetings.field.title')} rules={[{ required: true, max: 200 }]}>
          <Input data-testid="consultation-title" />
        </Form.Item>
        <Form.Item name="notice" label={t('meetings.consultation.notice')} rules={[{ required: true, max: 5000 }]}>
          <Input.TextArea rows={5} data-testid="consultation-notice" />
        </Form.Item>
        <Form.Item
          name="options"
          label={t('meetings.consultation.options')}
          extra={t('meetings.consultation.optionsHelp')}
        >
          <Input data-testid="consultation-options" />
        </Form.Item>
        <Form.Item name="closesAt" label={t('meetings.consultation.closesAt')} rules={[{ required: true }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" data-testid="consultation-closes" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface FilterValues {
  status?: string;
  range?: [Dayjs, Dayjs];
  q?: string;
}

/** 协商议事: topics put to the residents of a compound or community (decision 029). */
export default function ConsultationsPage() {
  const { t } = useTranslation();
  const can = useCan();
  // A drill-down link (the dashboard's consultation figures) carries its filters in the URL.
  const [params] = useSearchParams();
  const [filters, setFilters] = useState<Filters>(() =>
    Object.fromEntries(
      ['territoryId', 'status', 'from', 'to'].flatMap((k) => (params.get(k) ? [[k, params.get(k)!]] : [])),
    ),
  );
  const [creating, setCreating] = useState(false);
  const columns: TableColumnsType<ConsultationListItem> = [
    {
      title: t('meetings.field.title'),
      dataIndex: 'title',
      render: (title: string, c) => (
        <Link to={`/consultations/${c.id}`} data-testid={`consultation-link-${c.id}`}>
          {title}
        </Link>
      ),
    },
    { title: t('meetings.consultation.place'), key: 'territory', width: 150, render: (_, c) => c.territory.name },
    {
      title: t('meetings.consultation.period'),
      key: 'period',
      width: 300,
      render: (_, c) => `${formatDateTime(c.opensAt)} — ${formatDateTime(c.closesAt)}`,
    },
    {
      title: t('meetings.field.status'),
      dataIndex: 'status',
      width: 130,
      render: (s: string, c) => (
        <Tag color={CONSULTATION_COLORS[s]}>
          {s === 'open' && !c.commenting ? t('meetings.consultation.awaiting') : t(`meetings.consultation.status.${s}`)}
        </Tag>
      ),
    },
    { title: t('meetings.consultation.comments'), dataIndex: 'comments', width: 80, align: 'right' },
    { title: t('meetings.consultation.voters'), dataIndex: 'voters', width: 80, align: 'right' },
    { title: t('meetings.consultation.participants'), dataIndex: 'participants', width: 100, align: 'right' },
  ];
  return (
    <div data-testid="consultations-page">
      <PageTitle
        title={t('meetings.consultation.title')}
        help={t('meetings.consultation.help')}
        extra={
          can('meeting.manage') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="consultation-new"
            >
              {t('meetings.consultation.new')}
            </Button>
          )
        }
      />
      <FilterBar<FilterValues>
        testId="consultation-filter"
        onSearch={(v) =>
          setFilters({
            territoryId: filters.territoryId,
            status: v.status,
            from: v.range?.[0]?.startOf('day').toISOString(),
            to: v.range?.[1]?.endOf('day').toISOString(),
            q: v.q?.trim() || undefined,
          })
        }
      >
        <Form.Item name="status" label={t('meetings.field.status')}>
          <Select
            allowClear
            style={{ width: 130 }}
            options={CONSULTATION_STATUSES.map((s) => ({ value: s, label: t(`meetings.consultation.status.${s}`) }))}
          />
        </Form.Item>
        <Form.Item name="range" label={t('meetings.consultation.opensAt')}>
          <DatePicker.RangePicker />
        </Form.Item>
        <Form.Item name="q" label={t('meetings.field.q')}>
          <Input allowClear style={{ width: 160 }} />
        </Form.Item>
      </FilterBar>
      <PagedTable<ConsultationListItem>
        queryKey={['consultations']}
        path="/api/consultations"
        filters={filters}
        columns={columns}
        rowKey={(c) => c.id}
        testId="consultation-table"
        scrollX={1000}
      />
      {creating && <NewConsultationModal onClose={() => setCreating(false)} />}
    </div>
  );
}
