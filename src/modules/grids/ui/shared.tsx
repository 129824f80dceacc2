import { useQuery } from '@tanstack/react-query';
import { Select, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../../web/api/client';
import type { Page, Territory } from '../../../web/api/types';
import { KIND_COLORS, LIAISON_MAX, LIAISON_MIN, type GridKind, type GridWorker } from './types';

export function KindTag({ kind }: { kind: GridKind }) {
  const { t } = useTranslation();
  return (
    <Tag color={KIND_COLORS[kind]} style={{ marginInlineEnd: 0 }}>
      {t(`grids.kind.${kind}`)}
    </Tag>
  );
}

/** The 30–50 liaison check of seed 002: green inside the range, red outside it. */
export function LiaisonTag({ count, flag }: { count: number; flag: GridWorker['liaisonFlag'] }) {
  const { t } = useTranslation();
  if (flag === 'under') return <Tag color="error">{t('grids.liaisonUnder', { count })}</Tag>;
  if (flag === 'over') return <Tag color="error">{t('grids.liaisonOver', { count })}</Tag>;
  return <Tag color="success">{t('grids.liaisonOk', { count })}</Tag>;
}

/** The workers of one grid with kind, phone (as the API masks it) and their liaison households. */
export function WorkersTable({ workers, testId }: { workers: GridWorker[]; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Table<GridWorker>
      data-testid={testId}
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={workers}
      locale={{ emptyText: t('grids.noWorkers') }}
      columns={[
        {
          title: t('grids.field.workers'),
          dataIndex: 'name',
          render: (name: string, w) => (
            <span style={{ whiteSpace: 'nowrap' }}>
              {name}
              <Tag style={{ marginInlineStart: 6 }} color={w.kind === 'fullTime' ? 'blue' : 'purple'}>
                {t(`grids.workerKind.${w.kind}`)}
              </Tag>
            </span>
          ),
        },
        {
          title: t('grids.field.phone'),
          dataIndex: 'phone',
          render: (p: string | null) => <span style={{ whiteSpace: 'nowrap' }}>{p ?? '—'}</span>,
        },
        {
          title: (
            <span
              style={{ whiteSpace: 'nowrap' }}
            >{`${t('grids.field.liaison')}（${LIAISON_MIN}–${LIAISON_MAX}）`}</span>
          ),
          key: 'liaison',
          render: (_, w) => <LiaisonTag count={w.liaisonCount} flag={w.liaisonFlag} />,
        },
      ]}
    />
  );
}

/** Communities of the account's subtree (for filters), at most 200. */
export function useCommunities() {
  return useQuery({
    queryKey: ['territories', 'communities'],
    queryFn: () => api.get<Page<Territory>>('/api/territories', { level: 'community', pageSize: 200 }),
    staleTime: 5 * 60_000,
  });
}

export function CommunitySelect({
  value,
  onChange,
  allowAll = true,
  testId,
}: {
  value?: number;
  onChange?: (v: number | undefined) => void;
  allowAll?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  const communities = useCommunities();
  return (
    <Select<number>
      data-testid={testId}
      style={{ minWidth: 200 }}
      allowClear={allowAll}
      placeholder={allowAll ? t('grids.allCommunities') : t('grids.field.community')}
      loading={communities.isPending}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      options={(communities.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
      showSearch={{ optionFilterProp: 'label' }}
    />
  );
}

export const Muted = ({ children }: { children: React.ReactNode }) => (
  <Typography.Text type="secondary">{children}</Typography.Text>
);
