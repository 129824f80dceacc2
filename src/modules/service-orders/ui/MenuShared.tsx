import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../web/api/client';
import type { Page } from '../../../web/api/types';
import { useMe } from '../../../web/app/auth';
import { useDebounced } from '../../../web/components/useDebounced';
import { ORDER_CATEGORIES } from '../constants';

interface Named {
  id: number;
  name: string;
}

/** The communities of the caller's subtree (menus and rules belong to communities), searched on the server. */
export function useCommunities(q = '') {
  return useQuery({
    queryKey: ['orders', 'config', 'communities', q],
    queryFn: ({ signal }) =>
      api.get<Page<Named>>('/api/territories', { level: 'community', q: q || undefined, pageSize: 100 }, signal),
    staleTime: 5 * 60_000,
  });
}

/**
 * The community a config page works on: the caller's own community when bound to one (or the only one in
 * scope), otherwise none until picked.
 */
export function useDefaultCommunity(): number | undefined {
  const { data: me } = useMe();
  const all = useCommunities();
  if (me?.territory.level === 'community') return me.territory.id;
  if (all.data && all.data.total === 1) return all.data.items[0]?.id;
  return undefined;
}

/** Picks a community of the caller's subtree, searched by name. */
export function CommunitySelect({
  value,
  onChange,
  allowClear,
  placeholder,
  testId,
  style,
}: {
  value?: number | undefined;
  onChange?: (v: number | undefined) => void;
  allowClear?: boolean;
  placeholder?: string;
  testId?: string;
  style?: CSSProperties;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebounced(search);
  const list = useCommunities(q);
  const all = useCommunities();
  const options = [...(list.data?.items ?? [])];
  const picked = all.data?.items.find((c) => c.id === value);
  if (picked && !options.some((o) => o.id === picked.id)) options.unshift(picked);
  return (
    <Select<number>
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={value}
      onChange={(v) => onChange?.(v)}
      allowClear={allowClear}
      loading={list.isFetching}
      placeholder={placeholder ?? t('orderConfig.pickCommunity')}
      options={options.map((c) => ({ value: c.id, label: c.name }))}
      data-testid={testId}
      style={{ width: '100%', ...style }}
    />
  );
}

/** The names of the communities in scope by id (for a list over all of them). */
export function useCommunityNames(): (id: number) => string {
  const all = useCommunities();
  return (id) => all.data?.items.find((c) => c.id === id)?.name ?? `#${id}`;
}

/** Picks a unit of the caller's subtree (驻区单位), searched by name on the server. */
export function UnitSelect({
  value,
  onChange,
  initial,
  testId,
  allowClear,
  placeholder,
}: {
  value?: number | null | undefined;
  onChange?: (v: number | undefined) => void;
  initial?: Named | null;
  testId?: string;
  allowClear?: boolean;
  placeholder?: string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebounced(search);
  const list = useQuery({
    queryKey: ['orders', 'config', 'units', q],
    queryFn: ({ signal }) =>
      api.get<Page<Named>>('/api/organizations/units', { q: q || undefined, pageSize: 50 }, signal),
    staleTime: 60_000,
  });
  const options = [...(list.data?.items ?? [])];
  if (initial && !options.some((o) => o.id === initial.id)) options.unshift(initial);
  return (
    <Select<number>
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v)}
      allowClear={allowClear}
      loading={list.isFetching}
      placeholder={placeholder ?? t('orderConfig.unitContacts.pickUnit')}
      options={options.map((u) => ({ value: u.id, label: u.name }))}
      data-testid={testId}
      style={{ width: '100%' }}
    />
  );
}

/** Category options: the known codes, translated (the API accepts other codes too). */
export function useCategoryOptions() {
  const { t } = useTranslation();
  return ORDER_CATEGORIES.map((c) => ({ value: c, label: t(`orderConfig.categories.${c}`) }));
}
export function useCategoryLabel(): (c: string) => string {
  const { t } = useTranslation();
  return (c) => t(`orderConfig.categories.${c}`, { defaultValue: c });
}
