import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Tag,
  type TableColumnsType,
} from 'antd';
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
import { ACTIVITY_KINDS, ACTIVITY_STATUSES, STATUS_COLORS, type Activity, type ActivityListItem } from './types';

interface NewValues {
  kind: string;
  place?: TerritoryRef;
  title: string;
  description?: string;
  room: string;
  lng?: number;
  lat?: number;
  radiusM?: number;
  shifts: { label: string; range: [Dayjs, Dayjs]; capacity: number }[];
}

function NewActivityModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<NewValues>();
  const create = useMutation({
    mutationFn: (v: NewValues) =>
      api.post<Activity>('/api/volunteering/activities', {
        kind: v.kind,
        territoryId: v.place?.id,
        title: v.title,
        description: v.description || null,
        place: v.room,
        lng: v.lng ?? null,
        lat: v.lat ?? null,
        ...(v.radiusM ? { radiusM: v.radiusM } : {}),
        shifts: v.shifts.map((s) => ({
          label: s.label,
          startsAt: s.range[0].toISOString(),
          endsAt: s.range[1].toISOString(),
          capacity: s.capacity,
        })),
      }),
    onSuccess: (a) => {
      void qc.invalidateQueries({ queryKey: ['volunteering'] });
      onClose();
      void navigate(`/volunteering/activities/${a.id}`);
    },
    onError: (e) => showFormError(form, e, message, { territoryId: 'place', place: 'room' }),
  });
  return (
    <Modal
      open
      title={t('volunteering.activities.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      width={720}
      destroyOnHidden
    >
      <Form<NewValues>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'volunteer', radiusM: 300, shifts: [{ label: '上午', capacity: 10 }] }}
        onFinish={(v) => create.mutate(v)}
      >
        <Space style={{ display: 'flex' }} align="start">
          <Form.Item name="kind" label={t('volunteering.field.kind')}>
            <Select
              style={{ width: 160 }}
              data-testid="vol-kind"
              options={ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`volunteering.kind.${k}`) }))}
            />
          </Form.Item>
          <Form.Item name="place" label={t('volunteering.field.territory')} rules={[{ required: true }]}>
            <TerritoryTreeSelect testId="vol-territory" />
          </Form.Item>
        </Space>
        <Form.Item name="title" label={t('volunteering.field.title')} rules={[{ required: true, max: 200 }]}>
          <Input data-testid="vol-title" />
        </Form.Item>
        <Form.Item name="description" label={t('volunteering.field.description')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="room" label={t('volunteering.field.place')} rules={[{ required: true, max: 200 }]}>
          <Input data-testid="vol-place" />
        </Form.Item>
        <Space align="start">
          <Form.Item name="lng" label={t('volunteering.field.lng')}>
            <InputNumber style={{ width: 150 }} step={0.0001} />
          </Form.Item>
          <Form.Item name="lat" label={t('volunteering.field.lat')}>
            <InputNumber style={{ width: 150 }} step={0.0001} />
          </Form.Item>
          <Form.Item name="radiusM" label={t('volunteering.field.radius')}>
            <InputNumber min={20} max={5000} />
          </Form.Item>
        </Space>
        <Form.List name="shifts">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="start">
                  <Form.Item
                    name={[f.name, 'label']}
                    label={t('volunteering.field.label')}
                    rules={[{ required: true }]}
                  >
                    <Input style={{ width: 100 }} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'range']}
                    label={t('volunteering.field.range')}
                    rules={[{ required: true }]}
                  >
                    <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'capacity']}
                    label={t('volunteering.field.capacity')}
                    rules={[{ required: true }]}
                  >
                    <InputNumber min={1} max={10000} />
                  </Form.Item>
                  {fields.length > 1 && (
                    <MinusCircleOutlined style={{ marginTop: 38 }} onClick={() => remove(f.name)} />
                  )}
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ label: '', capacity: 10 })}>
                {t('volunteering.field.shifts')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

interface FilterValues {
  kind?: string;
  status?: string;
  q?: string;
}

/** 志愿活动: activities of the account's area with places taken and hours confirmed. */
export default function ActivitiesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [params] = useSearchParams();
  const fixed: Filters = {
    territoryId: params.get('territoryId') ?? undefined,
    teamId: params.get('teamId') ?? undefined,
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
  };
  const [filters, setFilters] = useState<Filters>({});
  const [creating, setCreating] = useState(false);
  const columns: TableColumnsType<ActivityListItem> = [
    {
      title: t('volunteering.field.title'),
      dataIndex: 'title',
      render: (title: string, a) => (
        <Link to={`/volunteering/activities/${a.id}`} data-testid={`vol-link-${a.id}`}>
          {title}
        </Link>
      ),
    },
    {
      title: t('volunteering.field.kind'),
      dataIndex: 'kind',
      width: 130,
      render: (k: string) => t(`volunteering.kind.${k}`),
    },
    { title: t('volunteering.field.territory'), key: 'territory', width: 150, render: (_, a) => a.territory.name },
    { title: t('volunteering.field.team'), key: 'team', width: 170, render: (_, a) => a.team?.name ?? '—' },
    {
      title: t('volunteering.field.time'),
      dataIndex: 'startsAt',
      width: 160,
      render: (v: string) => formatDateTime(v),
    },
    {
      title: t('volunteering.field.status'),
      dataIndex: 'status',
      width: 100,
      render: (s: string) => <Tag color={STATUS_COLORS[s]}>{t(`volunteering.status.${s}`)}</Tag>,
    },
    {
      title: t('volunteering.field.places'),
      key: 'places',
      width: 90,
      align: 'right',
      render: (_, a) => `${a.taken}/${a.capacity}`,
    },
    { title: t('volunteering.field.hours'), dataIndex: 'confirmedHours', width: 130, align: 'right' },
  ];
  return (
    <div data-testid="vol-activities-page">
      <PageTitle
        title={t('volunteering.activities.title')}
        help={t('volunteering.activities.help')}
        extra={
          can('volunteering.manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="vol-new">
              {t('volunteering.activities.new')}
            </Button>
          )
        }
      />
      <FilterBar<FilterValues>
        testId="vol-filter"
        onSearch={(v) => setFilters({ kind: v.kind, status: v.status, q: v.q?.trim() || undefined })}
      >
        <Form.Item name="kind" label={t('volunteering.field.kind')}>
          <Select
            allowClear
            style={{ width: 150 }}
            options={ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`volunteering.kind.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="status" label={t('volunteering.field.status')}>
          <Select
            allowClear
            style={{ width: 120 }}
            options={ACTIVITY_STATUSES.map((s) => ({ value: s, label: t(`volunteering.status.${s}`) }))}
          />
        </Form.Item>
        <Form.Item name="q" label={t('volunteering.field.q')}>
          <Input allowClear style={{ width: 160 }} />
        </Form.Item>
      </FilterBar>
      <PagedTable<ActivityListItem>
        queryKey={['volunteering', 'activities']}
        path="/api/volunteering/activities"
        filters={{ ...fixed, ...filters }}
        columns={columns}
        rowKey={(a) => a.id}
        testId="vol-table"
        scrollX={1100}
      />
      {creating && <NewActivityModal onClose={() => setCreating(false)} />}
    </div>
  );
}
