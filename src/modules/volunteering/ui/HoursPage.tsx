import { DownloadOutlined } from '@ant-design/icons';
import { Button, Form, Input, Select, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { FilterBar } from '../../../web/components/FilterBar';
import { formatDateTime } from '../../../web/components/format';
import { PagedTable, type Filters } from '../../../web/components/PagedTable';
import { PageTitle } from '../../../web/components/PageTitle';
import { SIGNUP_STATUSES, STATUS_COLORS, type SignupRow } from './types';

/** 服务时长: sign-ups by residence community — the drill-down of the hours figure (status, node and period in the URL). */
export default function HoursPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const fixed: Filters = {
    territoryId: params.get('territoryId') ?? undefined,
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
  };
  const [filters, setFilters] = useState<Filters>({ status: params.get('status') ?? undefined });
  const columns: TableColumnsType<SignupRow> = [
    { title: t('volunteering.field.name'), dataIndex: 'name', width: 140 },
    {
      title: t('volunteering.field.activity'),
      key: 'a',
      render: (_, r) => <Link to={`/volunteering/activities/${r.activity.id}`}>{r.activity.name}</Link>,
    },
    {
      title: t('volunteering.field.shift'),
      key: 's',
      width: 200,
      render: (_, r) => `${r.shiftLabel} ${formatDateTime(r.startsAt)}`,
    },
    {
      title: t('volunteering.field.status'),
      dataIndex: 'status',
      width: 110,
      render: (v: string) => <Tag color={STATUS_COLORS[v]}>{t(`volunteering.signupStatus.${v}`)}</Tag>,
    },
    {
      title: t('volunteering.field.confirmed'),
      dataIndex: 'confirmedMinutes',
      width: 100,
      align: 'right',
      render: (v: number | null) => (v === null ? '—' : `${Math.round((v / 60) * 10) / 10} h`),
    },
    { title: t('volunteering.field.credit'), dataIndex: 'creditCommunity', width: 150 },
    {
      title: t('volunteering.field.report'),
      dataIndex: 'reportBranch',
      width: 150,
      render: (v: string | null) => v ?? '—',
    },
  ];
  return (
    <div data-testid="vol-hours-page">
      <PageTitle
        title={t('volunteering.hours.title')}
        help={t('volunteering.hours.help')}
        extra={
          <a
            href={`/api/volunteering/export.xlsx?${new URLSearchParams({
              kind: 'hours',
              ...Object.fromEntries(
                Object.entries({ ...fixed, ...filters })
                  .filter(([, v]) => v !== undefined)
                  .map(([k, v]) => [k, String(v)]),
              ),
            }).toString()}`}
          >
            <Button icon={<DownloadOutlined />}>{t('volunteering.export')}</Button>
          </a>
        }
      />
      <FilterBar<{ status?: string; q?: string }>
        testId="vol-hours-filter"
        onSearch={(v) => setFilters({ status: v.status, q: v.q?.trim() || undefined })}
      >
        <Form.Item name="status" label={t('volunteering.field.status')}>
          <Select
            allowClear
            style={{ width: 140 }}
            options={SIGNUP_STATUSES.map((s) => ({ value: s, label: t(`volunteering.signupStatus.${s}`) }))}
          />
        </Form.Item>
        <Form.Item name="q" label={t('volunteering.field.q')}>
          <Input allowClear style={{ width: 160 }} />
        </Form.Item>
      </FilterBar>
      <PagedTable<SignupRow>
        queryKey={['volunteering', 'hours']}
        path="/api/volunteering/signups"
        filters={{ ...fixed, ...filters }}
        columns={columns}
        rowKey={(r) => r.id}
        testId="vol-hours-table"
        scrollX={1000}
      />
    </div>
  );
}
