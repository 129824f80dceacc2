import { useQuery } from '@tanstack/react-query';
import { Spin, TreeSelect, Typography } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { Page, Territory, TerritoryRef } from '../api/types';
import { LevelTag } from './LevelTag';

interface Node {
  id: number;
  pId: number | null;
  value: number;
  title: ReactNode;
  isLeaf: boolean;
  disabled?: boolean;
  selectable?: boolean;
}

const CHILD_PAGE = 200;

function label(t: TerritoryRef): ReactNode {
  return (
    <span>
      <LevelTag level={t.level} />
      {t.name}
    </span>
  );
}

interface Props {
  value?: TerritoryRef;
  onChange?: (value: TerritoryRef | undefined) => void;
  disabled?: boolean;
  testId?: string;
  placeholder?: string;
}

/**
 * Picks a territory from the account's own subtree: starts at `/api/territories/roots`, loads children on
 * expand, and searches the whole subtree on the server when the user types. The form value is a TerritoryRef.
 */
export function TerritoryTreeSelect({ value, onChange, disabled, testId, placeholder }: Props) {
  const { t } = useTranslation();
  const [nodes, setNodes] = useState<Node[]>([]);
  const [known, setKnown] = useState<Map<number, TerritoryRef>>(new Map());
  const [search, setSearch] = useState('');
  const [debounced, setDebounced] = useState('');

  useEffect(() => {
    const h = setTimeout(() => setDebounced(search.trim()), 300);
    return () => clearTimeout(h);
  }, [search]);

  const roots = useQuery({
    queryKey: ['territories', 'roots'],
    queryFn: () => api.get<{ items: Territory[] }>('/api/territories/roots'),
    staleTime: 5 * 60_000,
    enabled: !disabled,
  });

  const found = useQuery({
    queryKey: ['territories', 'search', debounced],
    queryFn: ({ signal }) => api.get<Page<Territory>>('/api/territories', { q: debounced, pageSize: 50 }, signal),
    enabled: debounced.length > 0,
  });

  const remember = (items: Territory[]) =>
    setKnown((prev) => {
      const next = new Map(prev);
      for (const i of items) next.set(i.id, { id: i.id, name: i.name, level: i.level });
      return next;
    });

  const toNode = (i: Territory): Node => ({
    id: i.id,
    pId: i.parentId,
    value: i.id,
    title: label(i),
    isLeaf: i.childCount === 0,
  });

  useEffect(() => {
    if (!roots.data) return;
    remember(roots.data.items);
    setNodes(roots.data.items.map((i) => ({ ...toNode(i), pId: null })));
    // toNode and remember are stable in behaviour; only new roots matter here.
  }, [roots.data]);

  useEffect(() => {
    if (found.data) remember(found.data.items);
  }, [found.data]);

  const loadData = async (node: { value?: string | number | null; id?: unknown }) => {
    const parentId = Number(node.value);
    const page = await api.get<Page<Territory>>('/api/territories', { parentId, pageSize: CHILD_PAGE });
    remember(page.items);
    setNodes((prev) => {
      const have = new Set(prev.map((n) => n.id));
      const added = page.items.filter((i) => !have.has(i.id)).map(toNode);
      if (page.total > page.items.length) {
        added.push({
          id: -parentId,
          pId: parentId,
          value: -parentId,
          title: (
            <Typography.Text type="secondary">
              {t('territory.moreBySearch', { count: page.total - page.items.length })}
            </Typography.Text>
          ),
          isLeaf: true,
          selectable: false,
          disabled: true,
        });
      }
      return [...prev, ...added];
    });
  };

  const searching = debounced.length > 0;
  const treeData: Node[] = searching
    ? (found.data?.items ?? []).map((i) => ({
        ...toNode(i),
        pId: null,
        isLeaf: true,
        title: (
          <span>
            <LevelTag level={i.level} />
            {i.name}
            {i.divisionCode && (
              <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 12 }}>
                {i.divisionCode}
              </Typography.Text>
            )}
          </span>
        ),
      }))
    : nodes;

  return (
    <TreeSelect
      data-testid={testId}
      disabled={disabled}
      placeholder={placeholder ?? t('territory.pick')}
      treeDataSimpleMode={{ id: 'id', pId: 'pId' }}
      treeData={treeData}
      loadData={searching ? undefined : loadData}
      labelInValue
      value={value ? { value: value.id, label: label(value) } : undefined}
      onChange={(v: { value: number; label?: ReactNode } | undefined) => {
        if (!v) return onChange?.(undefined);
        const ref = known.get(Number(v.value));
        if (ref) onChange?.(ref);
      }}
      showSearch={{
        searchValue: search,
        onSearch: setSearch,
        filterTreeNode: false,
      }}
      allowClear
      treeLine
      styles={{ popup: { root: { maxHeight: 420, overflow: 'auto' } } }}
      notFoundContent={
        roots.isPending || found.isFetching ? (
          <Spin size="small" />
        ) : roots.isError ? (
          roots.error.message
        ) : (
          t('common.noData')
        )
      }
      style={{ width: '100%' }}
    />
  );
}
