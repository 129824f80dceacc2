import { useQuery } from '@tanstack/react-query';
import { Form, Input, Select, Spin, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api } from '../../../web/api/client';
import type { Page } from '../../../web/api/types';
import { FilterBar } from '../../../web/components/FilterBar';
import { PagedTable, type Filters } from '../../../web/components/PagedTable';
import { PageTitle } from '../../../web/components/PageTitle';
import { formatDateTime } from '../../../web/components/format';
import { CommunitySelect, KindTag, WorkersTable } from './shared';
import { GRID_KINDS, type GridKind, type GridRow, type GridWorker } from './types';

interface FilterValues {
  communityId?: number;
  kind?: GridKind;
  q?: string;
}

function GridWorkers({ gridId }: { gridId: number }) {
  const workers = useQuery({
    queryKey: ['grids', 'workers', gridId],
    queryFn: () => api.get<Page<GridWorker>>('/api/grids/workers', { gridId, pageSize: 200 }),
  });
  if (!workers.data) return <Spin size="small" />;
  return <WorkersTable workers={workers.data.items} testId={`grid-workers-${gridId}`} />;
}

/** 网格列表: grids of the scope with their worker counts and the 30–50 liaison check per worker. */
export default function GridListPage() {
  const { t } = useTranslation();
  // A drill-down link (the dashboard's grid count) carries its filter in the URL.
  const [params] = useSearchParams();
  const [filters, setFilters] = useState<Filters>(() =>
    Object.fromEntries(
      ['territoryId', 'communityId', 'kind'].flatMap((k) => (params.get(k) ? [[k, params.get(k)!]] : [])),
    ),
  );
  const columns: TableColumnsType<GridRow> = [
    { title: t('grids.field.name'), dataIndex: 'name' },
    { title: t('grids.field.kind'), dataIndex: 'kind', render: (k: GridKind) => <KindTag kind={k} />, width: 130 },
    { title: t('grids.field.community'), key: 'community', render: (_, g) => g.community.name },
    { title: t('grids.field.department'), dataIndex: 'department', render: (d: string | null) => d ?? '—' },
    { title: t('grids.field.workers'), dataIndex: 'workerCount', align: 'right', width: 90 },
    {
      title: t('grids.field.flagged'),
      key: 'flagged',
      width: 140,
      render: (_, g) =>
        g.workerCount === 0 ? (
          g.kind === 'basic' ? (
            <Tag color="warning">{t('grids.noWorkers')}</Tag>
          ) : (
            '—'
          )
        ) : g.flaggedWorkerCount > 0 ? (
          <Tag color="error">{t('grids.flaggedCount', { count: g.flaggedWorkerCount })}</Tag>
        ) : (
          <Tag color="success">30–50</Tag>
        ),
    },
    { title: t('common.updatedAt'), dataIndex: 'updatedAt', render: (v: string) => formatDateTime(v), width: 180 },
  ];
  return (
    <div data-testid="grid-list-page">
      <PageTitle title={t('grids.listTitle')} help={t('grids.listHelp')} />
      <FilterBar<FilterValues>
        testId="grid-filter"
        onSearch={(v) => setFilters({ communityId: v.communityId, kind: v.kind, q: v.q?.trim() || undefined })}
      >
        <Form.Item name="communityId" label={t('grids.field.community')}>
          <CommunitySelect />
        </Form.Item>
        <Form.Item name="kind" label={t('grids.field.kind')}>
          <Select
            allowClear
            style={{ width: 150 }}
            options={GRID_KINDS.map((k) => ({ value: k, label: t(`grids.kind.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="q" label={t('grids.field.q')}>
          <Input allowClear style={{ width: 180 }} />
        </Form.Item>
      </FilterBar>
      <PagedTable<GridRow>
        queryKey={['grids']}
        path="/api/grids"
        filters={filters}
        columns={columns}
        rowKey={(g) => g.id}
        testId="grid-table"
        expandable={{
          expandedRowRender: (g) => <GridWorkers gridId={g.id} />,
          rowExpandable: (g) => g.workerCount > 0,
        }}
      />
    </div>
  );
}
