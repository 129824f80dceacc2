import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Form, Input, Modal, Select, Space, Tag, type TableColumnsType } from 'antd';
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
import { MEETING_STATUSES, MEETING_TYPE_KEYS, STATUS_COLORS, type Meeting, type MeetingListItem } from './types';

interface NewValues {
  typeKey: string;
  place?: TerritoryRef;
  title: string;
  startsAt: Dayjs;
  room?: string;
  deputies?: string;
  reps?: string;
}
const names = (s?: string) =>
  (s ?? '')
    .split(/[,，、\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);

function NewMeetingModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<NewValues>();
  const create = useMutation({
    mutationFn: (v: NewValues) =>
      api.post<Meeting>('/api/meetings', {
        typeKey: v.typeKey,
        territoryId: v.place?.id,
        title: v.title,
        startsAt: v.startsAt.toISOString(),
        place: v.room || null,
        guests: [
          ...names(v.deputies).map((name) => ({ name, group: 'deputies' })),
          ...names(v.reps).map((name) => ({ name, group: 'residentReps' })),
        ],
      }),
    onSuccess: (m) => {
      void qc.invalidateQueries({ queryKey: ['meetings'] });
      onClose();
      void navigate(`/meetings/${m.id}`);
    },
    onError: (e) => showFormError(form, e, message, { territoryId: 'place', place: 'room' }),
  });
  return (
    <Modal
      open
      title={t('meetings.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      width={640}
      destroyOnHidden
    >
      <Form<NewValues>
        form={form}
        layout="vertical"
        initialValues={{ typeKey: 'fourParty' }}
        onFinish={(v) => create.mutate(v)}
      >
        <Form.Item name="typeKey" label={t('meetings.field.type')} extra={t('meetings.typeHelp')}>
          <Select
            data-testid="meeting-type"
            options={MEETING_TYPE_KEYS.map((k) => ({ value: k, label: t(`meetings.type.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="place" label={t('meetings.field.territory')} rules={[{ required: true }]}>
          <TerritoryTreeSelect testId="meeting-territory" />
        </Form.Item>
        <Form.Item name="title" label={t('meetings.field.title')} rules={[{ required: true, max: 200 }]}>
          <Input data-testid="meeting-title" />
        </Form.Item>
        <Space style={{ display: 'flex' }} align="start">
          <Form.Item name="startsAt" label={t('meetings.field.startsAt')} rules={[{ required: true }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" data-testid="meeting-starts" />
          </Form.Item>
          <Form.Item name="room" label={t('meetings.field.place')}>
            <Input style={{ width: 260 }} />
          </Form.Item>
        </Space>
        <Form.Item name="deputies" label={t('meetings.field.deputies')} extra={t('meetings.guestsHelp')}>
          <Input />
        </Form.Item>
        <Form.Item name="reps" label={t('meetings.field.residentReps')}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface FilterValues {
  typeKey?: string;
  status?: string;
  range?: [Dayjs, Dayjs];
  q?: string;
}

/** 会议议事: meetings of the account's area, by type, status and date. */
export default function MeetingsPage() {
  const { t } = useTranslation();
  const can = useCan();
  // A drill-down link (the dashboard's meetings held) carries its filters in the URL.
  const [params] = useSearchParams();
  const [filters, setFilters] = useState<Filters>(() =>
    Object.fromEntries(
      ['territoryId', 'status', 'from', 'to'].flatMap((k) => (params.get(k) ? [[k, params.get(k)!]] : [])),
    ),
  );
  const [creating, setCreating] = useState(false);
  const columns: TableColumnsType<MeetingListItem> = [
    {
      title: t('meetings.field.title'),
      dataIndex: 'title',
      render: (title: string, m) => (
        <Link to={`/meetings/${m.id}`} data-testid={`meeting-link-${m.id}`}>
          {title}
        </Link>
      ),
    },
    {
      title: t('meetings.field.type'),
      dataIndex: 'typeKey',
      width: 150,
      render: (k: string) => t(`meetings.type.${k}`),
    },
    { title: t('meetings.field.territory'), key: 'territory', width: 160, render: (_, m) => m.territory.name },
    {
      title: t('meetings.field.startsAt'),
      dataIndex: 'startsAt',
      width: 160,
      render: (v: string) => formatDateTime(v),
    },
    {
      title: t('meetings.field.status'),
      dataIndex: 'status',
      width: 110,
      render: (s: string) => <Tag color={STATUS_COLORS[s]}>{t(`meetings.status.${s}`)}</Tag>,
    },
    {
      title: t('meetings.field.attendance'),
      key: 'att',
      width: 100,
      align: 'right',
      render: (_, m) => `${m.attended} / ${m.invited}`,
    },
    { title: t('meetings.field.decisions'), dataIndex: 'decisions', width: 90, align: 'right' },
    {
      title: t('meetings.field.actionItems'),
      key: 'acts',
      width: 120,
      align: 'right',
      render: (_, m) =>
        m.undoneActionItems ? (
          <Link to={`/meetings/action-items?meetingId=${m.id}`}>
            {t('meetings.undoneOf', { undone: m.undoneActionItems, total: m.actionItems })}
          </Link>
        ) : (
          m.actionItems
        ),
    },
  ];
  return (
    <div data-testid="meetings-page">
      <PageTitle
        title={t('meetings.title')}
        help={t('meetings.help')}
        extra={
          <Space>
            {(['meetings', 'decisions', 'actionItems'] as const).map((k) => (
              <a key={k} href={`/api/meetings/export.xlsx?kind=${k}`}>
                <Button icon={<DownloadOutlined />}>{t(`meetings.export.${k}`)}</Button>
              </a>
            ))}
            {can('meeting.manage') && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setCreating(true)}
                data-testid="meeting-new"
              >
                {t('meetings.new')}
              </Button>
            )}
          </Space>
        }
      />
      <FilterBar<FilterValues>
        testId="meeting-filter"
        onSearch={(v) =>
          setFilters({
            typeKey: v.typeKey,
            status: v.status,
            from: v.range?.[0]?.startOf('day').toISOString(),
            to: v.range?.[1]?.endOf('day').toISOString(),
            q: v.q?.trim() || undefined,
          })
        }
      >
        <Form.Item name="typeKey" label={t('meetings.field.type')}>
          <Select
            allowClear
            style={{ width: 170 }}
            data-testid="filter-type"
            options={MEETING_TYPE_KEYS.map((k) => ({ value: k, label: t(`meetings.type.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="status" label={t('meetings.field.status')}>
          <Select
            allowClear
            style={{ width: 130 }}
            options={MEETING_STATUSES.map((s) => ({ value: s, label: t(`meetings.status.${s}`) }))}
          />
        </Form.Item>
        <Form.Item name="range" label={t('meetings.field.date')}>
          <DatePicker.RangePicker />
        </Form.Item>
        <Form.Item name="q" label={t('meetings.field.q')}>
          <Input allowClear style={{ width: 160 }} />
        </Form.Item>
      </FilterBar>
      <PagedTable<MeetingListItem>
        queryKey={['meetings']}
        path="/api/meetings"
        filters={filters}
        columns={columns}
        rowKey={(m) => m.id}
        testId="meeting-table"
        scrollX={1100}
      />
      {creating && <NewMeetingModal onClose={() => setCreating(false)} />}
    </div>
  );
}
