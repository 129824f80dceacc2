import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Empty, Table, type TableColumnsType, type TableProps } from 'antd';
import { useState, type Key, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { Page } from '../api/types';
import { formatNumber } from './format';

export type Filters = Record<string, string | number | undefined>;

interface PagedTableProps<T> {
  /** Base query key; invalidate it after a change to refresh every page of this list. */
  queryKey: readonly unknown[];
  path: string;
  filters?: Filters;
  columns: TableColumnsType<T>;
  rowKey: (row: T) => Key;
  testId: string;
  defaultPageSize?: number;
  expandable?: TableProps<T>['expandable'];
  scrollX?: number;
  emptyText?: ReactNode;
  enabled?: boolean;
}

/** A server-paginated antd Table over a `Page<T>` route (`?page&pageSize&…filters`). */
export function PagedTable<T extends object>({
  queryKey,
  path,
  filters = {},
  columns,
  rowKey,
  testId,
  defaultPageSize = 20,
  expandable,
  scrollX,
  emptyText,
  enabled = true,
}: PagedTableProps<T>) {
  const { t } = useTranslation();
  const signature = JSON.stringify(filters);
  const [state, setState] = useState({ signature, page: 1, pageSize: defaultPageSize });
  // New filters start again from page 1 (derived state, no extra render pass through an effect).
  if (state.signature !== signature) setState({ ...state, signature, page: 1 });
  const { page, pageSize } = state;

  const query = useQuery({
    queryKey: [...queryKey, 'list', path, filters, page, pageSize],
    queryFn: ({ signal }) => api.get<Page<T>>(path, { ...filters, page, pageSize }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
  const data = query.data;
  // A deletion can leave us past the last page: step back.
  if (data && data.items.length === 0 && data.total > 0 && page > 1 && !query.isFetching) {
    setState({ ...state, page: Math.max(1, Math.ceil(data.total / pageSize)) });
  }

  return (
    <div data-testid={testId}>
      {query.isError && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={query.error.message}
          action={
            <Button size="small" onClick={() => void query.refetch()}>
              {t('common.retry')}
            </Button>
          }
        />
      )}
      <Table<T>
        rowKey={rowKey}
        columns={columns}
        dataSource={data?.items ?? []}
        loading={query.isFetching}
        expandable={expandable}
        scroll={scrollX ? { x: scrollX } : undefined}
        locale={{
          emptyText: query.isPending ? (
            ' '
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText ?? t('common.noData')} />
          ),
        }}
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showQuickJumper: (data?.total ?? 0) > pageSize * 5,
          showTotal: (total) => t('common.total', { count: total, formatted: formatNumber(total) }),
          onChange: (p, ps) => setState({ signature, page: ps !== pageSize ? 1 : p, pageSize: ps }),
        }}
      />
    </div>
  );
}
