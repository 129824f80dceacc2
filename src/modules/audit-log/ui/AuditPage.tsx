import { useQuery } from '@tanstack/react-query';
import { Card, DatePicker, Form, Input, Select, Space, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../web/api/client';
import type { AuditEntry } from '../../../web/api/types';
import { useRoleLabel } from '../../../web/app/auth';
import { FilterBar } from '../../../web/components/FilterBar';
import { JsonDiff } from '../../../web/components/JsonDiff';
import { PagedTable, type Filters } from '../../../web/components/PagedTable';
import { PageTitle } from '../../../web/components/PageTitle';
import { formatDateTime } from '../../../web/components/format';

interface AuditFilterForm {
  q?: string;
  action?: string;
  objectType?: string;
  actorId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

function toFilters(v: AuditFilterForm): Filters {
  const actorId = v.actorId?.trim();
  return {
    q: v.q?.trim() || undefined,
    action: v.action?.trim() || undefined,
    objectType: v.objectType?.trim() || undefined,
    actorId: actorId && /^\d+$/.test(actorId) ? Number(actorId) : actorId || undefined,
    from: v.range?.[0]?.toISOString(),
    to: v.range?.[1]?.toISOString(),
  };
}

const mono = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 12 };

/** The audit log of the account's subtree: who changed what, when, from where, with before/after. */
export default function AuditPage() {
  const { t } = useTranslation();
  const roleLabel = useRoleLabel();
  const [filters, setFilters] = useState<Filters>({});
  // The server names actions and objects in the account's language; the filters offer the same names.
  const labels = useQuery({
    queryKey: ['audit', 'labels'],
    queryFn: () =>
      api.get<{ actions: { value: string; label: string }[]; objects: { value: string; label: string }[] }>(
        '/api/audit/labels',
      ),
    staleTime: Infinity,
  });
  const options = (list?: { value: string; label: string }[]) =>
    (list ?? []).map((o) => ({ value: o.value, label: o.label, title: o.value }));

  const columns: TableColumnsType<AuditEntry> = [
    {
      title: t('audit.at'),
      dataIndex: 'at',
      width: 170,
      render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(v)}</span>,
    },
    {
      title: t('audit.actor'),
      key: 'actor',
      width: 220,
      render: (_, r) => (
        <Tooltip
          title={
            r.actorRoles.length
              ? t('audit.actorRoles', { roles: r.actorRoles.map(roleLabel).join(t('common.listSeparator')) })
              : undefined
          }
        >
          <span>{r.actorName}</span>
          {r.actorId !== null && (
            <Typography.Text type="secondary" style={{ marginInlineStart: 4, fontSize: 12 }}>
              #{r.actorId}
            </Typography.Text>
          )}
        </Tooltip>
      ),
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      width: 200,
      render: (v: string, r) => (
        <Tooltip title={<span style={mono}>{v}</span>}>
          <Tag color="processing" variant="filled">
            {r.actionLabel}
          </Tag>
        </Tooltip>
      ),
    },
    {
      title: t('audit.object'),
      key: 'object',
      width: 200,
      render: (_, r) => (
        <span>
          {r.objectLabel}
          {r.objectId !== null && (
            <Typography.Text type="secondary" style={mono}>
              {' '}
              #{r.objectId}
            </Typography.Text>
          )}
        </span>
      ),
    },
    {
      title: t('audit.ip'),
      dataIndex: 'ip',
      width: 140,
      render: (v: string | null) => <span style={mono}>{v ?? '—'}</span>,
    },
    {
      title: t('audit.requestId'),
      dataIndex: 'requestId',
      ellipsis: true,
      render: (v: string | null) =>
        v ? (
          <Typography.Text copyable={{ text: v }} style={mono}>
            {v}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <>
      <PageTitle title={t('nav.audit')} help={t('audit.help')} />
      <Card>
        <FilterBar<AuditFilterForm> onSearch={(v) => setFilters(toFilters(v))} testId="audit-filters">
          <Form.Item name="q">
            <Input placeholder={t('audit.qPlaceholder')} allowClear style={{ width: 200 }} data-testid="audit-q" />
          </Form.Item>
          <Form.Item name="action">
            <Select
              placeholder={t('audit.action')}
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={options(labels.data?.actions)}
              style={{ width: 190 }}
              data-testid="audit-action"
            />
          </Form.Item>
          <Form.Item name="objectType">
            <Select
              placeholder={t('audit.objectType')}
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={options(labels.data?.objects)}
              style={{ width: 160 }}
            />
          </Form.Item>
          <Form.Item name="actorId">
            <Input placeholder={t('audit.actorId')} allowClear style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="range">
            <DatePicker.RangePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              allowEmpty={[true, true]}
              placeholder={[t('audit.from'), t('audit.to')]}
            />
          </Form.Item>
        </FilterBar>
        <PagedTable<AuditEntry>
          testId="audit-table"
          queryKey={['audit']}
          path="/api/audit"
          filters={filters}
          columns={columns}
          rowKey={(r) => r.id}
          scrollX={1100}
          emptyText={t('audit.empty')}
          expandable={{
            expandedRowRender: (r) => (
              <Space orientation="vertical" style={{ width: '100%', padding: '4px 8px' }}>
                <JsonDiff before={r.before} after={r.after} />
              </Space>
            ),
            rowExpandable: (r) => r.before !== null || r.after !== null,
          }}
        />
      </Card>
    </>
  );
}
