import { useQuery } from '@tanstack/react-query';
import { Select, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../../web/api/client';
import type { Page, Territory } from '../../../web/api/types';

/** Communities of the account's subtree (at most 200), for filters and forms. */
export function CommunitySelect({
  value,
  onChange,
  testId,
  allowClear = true,
}: {
  value?: number;
  onChange?: (v: number | undefined) => void;
  testId?: string;
  allowClear?: boolean;
}) {
  const { t } = useTranslation();
  const communities = useQuery({
    queryKey: ['territories', 'communities'],
    queryFn: () => api.get<Page<Territory>>('/api/territories', { level: 'community', pageSize: 200 }),
    staleTime: 5 * 60_000,
  });
  return (
    <Select<number>
      data-testid={testId}
      style={{ minWidth: 180 }}
      allowClear={allowClear}
      placeholder={t('cadres.pickCommunity')}
      loading={communities.isPending}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      options={(communities.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
      showSearch={{ optionFilterProp: 'label' }}
    />
  );
}

const POST_COLORS = { head: 'red', deputy: 'orange', staff: 'blue' } as const;

/** 社区正职 / 社区副职 / 其他社区工作者 as a coloured tag. */
export function PostTag({ post }: { post: keyof typeof POST_COLORS }) {
  const { t } = useTranslation();
  return <Tag color={POST_COLORS[post]}>{t(`cadres.post.${post}`)}</Tag>;
}

/** `key` → `{ value, label }` options of a closed list translated under `cadres.<group>.`. */
export function useOptions(group: string, values: readonly string[]) {
  const { t } = useTranslation();
  return values.map((v) => ({ value: v, label: t(`cadres.${group}.${v}`) }));
}

export const text = (s: string | undefined | null) => (s?.trim() ? s.trim() : null);
