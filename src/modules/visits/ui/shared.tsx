import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../../web/api/client';
import type { Page } from '../../../web/api/types';
import type { GridRow, GridWorker, LiaisonList } from './types';

/** The grid workers of the caller's scope (a grid worker sees their community's), at most 200. */
export function useWorkers() {
  return useQuery({
    queryKey: ['visits', 'workers'],
    queryFn: ({ signal }) => api.get<Page<GridWorker>>('/api/grids/workers', { pageSize: 200 }, signal),
    staleTime: 60_000,
  });
}

/** The caller's own grid worker record (linked by account), if any. */
export function useMyWorker(accountId: number | undefined) {
  const workers = useWorkers();
  return {
    ...workers,
    worker: workers.data?.items.find((w) => accountId !== undefined && w.accountId === accountId) ?? null,
  };
}

/** The liaison households 联系户 of a worker: the places a visit is usually to. */
export function useLiaisons(workerId: number | undefined) {
  return useQuery({
    queryKey: ['visits', 'liaisons', workerId],
    queryFn: ({ signal }) => api.get<LiaisonList>(`/api/grids/workers/${workerId}/households`, undefined, signal),
    enabled: workerId !== undefined,
  });
}

export function WorkerSelect({
  value,
  onChange,
  testId,
  allowClear,
}: {
  value?: number;
  onChange?: (v: number | undefined) => void;
  testId?: string;
  allowClear?: boolean;
}) {
  const { t } = useTranslation();
  const workers = useWorkers();
  return (
    <Select<number>
      data-testid={testId}
      style={{ minWidth: 200 }}
      showSearch={{ optionFilterProp: 'label' }}
      allowClear={allowClear}
      value={value}
      onChange={(v) => onChange?.(v)}
      loading={workers.isFetching}
      placeholder={t('visits.pickWorker')}
      options={(workers.data?.items ?? []).map((w) => ({ value: w.id, label: `${w.name} · ${w.gridName}` }))}
    />
  );
}

/** The grids of the caller's scope (the list's grid filter). */
export function GridSelect({ value, onChange }: { value?: number; onChange?: (v: number | undefined) => void }) {
  const { t } = useTranslation();
  const grids = useQuery({
    queryKey: ['visits', 'grids'],
    queryFn: ({ signal }) => api.get<Page<GridRow>>('/api/grids', { pageSize: 200 }, signal),
    staleTime: 60_000,
  });
  return (
    <Select<number>
      data-testid="visit-filter-grid"
      style={{ minWidth: 180 }}
      showSearch={{ optionFilterProp: 'label' }}
      allowClear
      value={value}
      onChange={(v) => onChange?.(v)}
      loading={grids.isFetching}
      placeholder={t('visits.field.grid')}
      options={(grids.data?.items ?? []).map((g) => ({ value: g.id, label: `${g.community.name} · ${g.name}` }))}
    />
  );
}
