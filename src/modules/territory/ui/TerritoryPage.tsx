import { DeleteOutlined, EditOutlined, EllipsisOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  List,
  Popconfirm,
  Row,
  Select,
  Skeleton,
  Space,
  Tree,
  Typography,
  type TableColumnsType,
  type TreeDataNode,
} from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState, type Key } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../../web/api/client';
import type { Page, Territory, TerritoryDetail } from '../../../web/api/types';
import { useCan } from '../../../web/app/auth';
import { queryClient } from '../../../web/app/queryClient';
import { FilterBar } from '../../../web/components/FilterBar';
import { LevelTag } from '../../../web/components/LevelTag';
import { PagedTable, type Filters } from '../../../web/components/PagedTable';
import { PageTitle } from '../../../web/components/PageTitle';
import { formatDateTime, formatNumber } from '../../../web/components/format';
import { CHILD_LEVELS } from './levels';
import { CreateTerritoryModal, EditTerritoryModal } from './TerritoryFormModal';

/** Children fetched per tree node; past this the "more…" leaf sends the user to the paginated list. */
const TREE_PAGE = 200;
const MORE = 'more:';

interface ChildList {
  ids: number[];
  total: number;
}

const fetchChildren = (parentId: number) =>
  api.get<Page<Territory>>('/api/territories', { parentId, pageSize: TREE_PAGE });

function useViewportHeight() {
  const [h, setH] = useState(() => window.innerHeight);
  useEffect(() => {
    const on = () => setH(window.innerHeight);
    window.addEventListener('resize', on);
    return () => window.removeEventListener('resize', on);
  }, []);
  return h;
}

function NodeTitle({ node }: { node: Territory }) {
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      <LevelTag level={node.level} />
      <span>{node.name}</span>
      {node.divisionCode && (
        <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 12 }}>
          {node.divisionCode}
        </Typography.Text>
      )}
    </span>
  );
}

/** 区域管理: the territory tree of the account's subtree on the left, the selected node and its children on the right. */
export default function TerritoryPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const viewport = useViewportHeight();
  const [params, setParams] = useSearchParams();
  const selectedId = Number(params.get('id')) || undefined;
  const select = useCallback(
    (id: number) =>
      setParams((p) => {
        const next = new URLSearchParams(p);
        next.set('id', String(id));
        return next;
      }),
    [setParams],
  );

  // ---- tree state: every known node, and the loaded children of each expanded one
  const [nodes, setNodes] = useState<Map<number, Territory>>(new Map());
  const [children, setChildren] = useState<Map<number, ChildList>>(new Map());
  const [expanded, setExpanded] = useState<Key[]>([]);
  const [loaded, setLoaded] = useState<Key[]>([]);
  const [search, setSearch] = useState('');

  const remember = useCallback((items: Territory[]) => {
    setNodes((prev) => {
      const next = new Map(prev);
      for (const i of items) next.set(i.id, i);
      return next;
    });
  }, []);

  const roots = useQuery({
    queryKey: ['territories', 'roots'],
    queryFn: () => api.get<{ items: Territory[] }>('/api/territories/roots'),
  });
  const rootItems = roots.data?.items;
  const rootIds = useMemo(() => new Set((rootItems ?? []).map((r) => r.id)), [rootItems]);

  const loadChildren = useCallback(
    async (parentId: number) => {
      const page = await fetchChildren(parentId);
      remember(page.items);
      setChildren((prev) => new Map(prev).set(parentId, { ids: page.items.map((i) => i.id), total: page.total }));
      setLoaded((prev) => (prev.includes(parentId) ? prev : [...prev, parentId]));
      return page;
    },
    [remember],
  );

  // The account's own node opens expanded and selected (unless the URL already names a node).
  const opened = useRef(false);
  useEffect(() => {
    if (!rootItems) return;
    remember(rootItems);
    const first = rootItems[0];
    if (!first || opened.current) return;
    opened.current = true;
    if (!selectedId) select(first.id);
    if (first.childCount > 0) {
      void loadChildren(first.id)
        .then(() => setExpanded((prev) => (prev.includes(first.id) ? prev : [...prev, first.id])))
        .catch(() => undefined);
    }
  }, [rootItems, remember, select, selectedId, loadChildren]);

  /** After a change under `parentId`: its own counts, its loaded children, and every list showing them. */
  const refreshUnder = useCallback(
    async (parentId: number | null) => {
      await queryClient.invalidateQueries({ queryKey: ['territories'] });
      if (parentId === null) return;
      const parent = await api.get<TerritoryDetail>(`/api/territories/${parentId}`).catch(() => undefined);
      if (parent) remember([parent]);
      await loadChildren(parentId);
      setExpanded((prev) => (prev.includes(parentId) ? prev : [...prev, parentId]));
    },
    [loadChildren, remember],
  );

  // ---- the selected node
  const detail = useQuery({
    queryKey: ['territories', 'detail', selectedId],
    queryFn: () => api.get<TerritoryDetail>(`/api/territories/${selectedId ?? ''}`),
    enabled: selectedId !== undefined,
  });
  const node = detail.data;

  // Reveal the selected node in the tree: load and expand its in-scope ancestors, top down.
  const revealed = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (!node || revealed.current === node.id || rootIds.size === 0) return;
    revealed.current = node.id;
    remember([node]);
    const chain = node.ancestors.map((a) => a.id);
    const start = chain.findIndex((id) => rootIds.has(id));
    if (start < 0) return;
    const path = chain.slice(start);
    void (async () => {
      for (const id of path) {
        if (!children.has(id)) await loadChildren(id).catch(() => undefined);
      }
      setExpanded((prev) => [...new Set([...prev, ...path])]);
    })();
    // `children` is read once per reveal; re-running on every load would fight the user's own collapsing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [node, rootIds, loadChildren, remember]);

  const treeData = useMemo(() => {
    const build = (id: number): TreeDataNode | undefined => {
      const n = nodes.get(id);
      if (!n) return undefined;
      const list = children.get(id);
      const kids = list?.ids.map(build).filter((k): k is TreeDataNode => !!k);
      if (list && kids && list.total > list.ids.length) {
        kids.push({
          key: `${MORE}${id}`,
          isLeaf: true,
          title: (
            <Typography.Link data-testid={`tree-more-${id}`}>
              <EllipsisOutlined />{' '}
              {t('territory.moreInList', {
                count: list.total - list.ids.length,
                formatted: formatNumber(list.total - list.ids.length),
              })}
            </Typography.Link>
          ),
        });
      }
      return { key: id, title: <NodeTitle node={n} />, isLeaf: n.childCount === 0, children: kids };
    };
    return (rootItems ?? []).map((r) => build(r.id)).filter((k): k is TreeDataNode => !!k);
  }, [rootItems, nodes, children, t]);

  const found = useQuery({
    queryKey: ['territories', 'search', search],
    queryFn: ({ signal }) => api.get<Page<Territory>>('/api/territories', { q: search, pageSize: 50 }, signal),
    enabled: search.length > 0,
  });

  // ---- changes
  const [creatingUnder, setCreatingUnder] = useState<Territory>();
  const [editing, setEditing] = useState<Territory>();
  const remove = useMutation({
    mutationFn: (n: Territory) => api.delete(`/api/territories/${n.id}`),
    onSuccess: async (_, n) => {
      message.success(t('territory.deletedOk', { name: n.name }));
      setNodes((prev) => {
        const next = new Map(prev);
        next.delete(n.id);
        return next;
      });
      if (selectedId === n.id && n.parentId !== null) select(n.parentId);
      await refreshUnder(n.parentId);
    },
    onError: (e) => message.error(e.message),
  });

  const [childFilters, setChildFilters] = useState<Filters>({});
  useEffect(() => setChildFilters({}), [selectedId]);

  const childLevels = node ? CHILD_LEVELS[node.level] : [];
  const canCreate = can('territory.create') && childLevels.length > 0;
  const canUpdate = can('territory.update');
  const canDelete = can('territory.delete');

  const deleteButton = (n: Territory, size: 'small' | 'middle' = 'small') => (
    <Popconfirm
      title={t('territory.deleteConfirm', { name: n.name })}
      description={n.childCount > 0 ? t('territory.deleteHasChildren') : undefined}
      okButtonProps={{ danger: true }}
      onConfirm={() => remove.mutateAsync(n).catch(() => undefined)}
    >
      <Button
        type={size === 'small' ? 'link' : 'default'}
        danger
        size={size}
        icon={<DeleteOutlined />}
        data-testid={`territory-delete-${n.id}`}
      >
        {t('common.delete')}
      </Button>
    </Popconfirm>
  );

  const columns: TableColumnsType<Territory> = [
    {
      title: t('territory.name'),
      dataIndex: 'name',
      render: (_, r) => (
        <Typography.Link onClick={() => select(r.id)} data-testid={`territory-open-${r.id}`}>
          {r.name}
        </Typography.Link>
      ),
    },
    {
      title: t('territory.levelLabel'),
      dataIndex: 'level',
      width: 120,
      render: (_, r) => <LevelTag level={r.level} />,
    },
    {
      title: t('territory.divisionCode'),
      dataIndex: 'divisionCode',
      width: 160,
      render: (v: string | null) => (v ? <Typography.Text copyable>{v}</Typography.Text> : '—'),
    },
    {
      title: t('territory.childCount'),
      dataIndex: 'childCount',
      width: 110,
      align: 'right',
      render: (v: number) => formatNumber(v),
    },
  ];
  if (canUpdate || canDelete) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 160,
      render: (_, r) => (
        <Space size={0}>
          {canUpdate && (
            <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(r)}>
              {t('common.edit')}
            </Button>
          )}
          {canDelete && deleteButton(r)}
        </Space>
      ),
    });
  }

  const crumbRoot = node ? node.ancestors.findIndex((a) => rootIds.has(a.id)) : -1;

  return (
    <>
      <PageTitle title={t('nav.territories')} help={t('territory.help')} />
      <Row gutter={16} wrap={false} style={{ alignItems: 'flex-start' }}>
        <Col flex="380px" style={{ minWidth: 0 }}>
          <Card
            title={t('territory.tree')}
            size="small"
            styles={{ body: { padding: '8px 8px 12px' } }}
            data-testid="territory-tree-card"
          >
            <Input.Search
              allowClear
              placeholder={t('territory.searchPlaceholder')}
              onSearch={(v) => setSearch(v.trim())}
              onChange={(e) => {
                if (!e.target.value) setSearch('');
              }}
              style={{ marginBottom: 8 }}
              data-testid="territory-search"
            />
            {search ? (
              <List<Territory>
                size="small"
                loading={found.isFetching}
                dataSource={found.data?.items ?? []}
                locale={{
                  emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('territory.noMatch')} />,
                }}
                style={{ maxHeight: viewport - 260, overflow: 'auto' }}
                footer={
                  found.data && found.data.total > found.data.items.length ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('territory.searchTruncated', {
                        shown: found.data.items.length,
                        total: formatNumber(found.data.total),
                      })}
                    </Typography.Text>
                  ) : undefined
                }
                renderItem={(i) => (
                  <List.Item
                    onClick={() => select(i.id)}
                    style={{
                      cursor: 'pointer',
                      background: i.id === selectedId ? '#fff1f0' : undefined,
                      paddingInline: 8,
                    }}
                  >
                    <NodeTitle node={i} />
                  </List.Item>
                )}
              />
            ) : roots.isPending ? (
              <Skeleton active paragraph={{ rows: 6 }} />
            ) : roots.isError ? (
              <Alert type="error" showIcon title={roots.error.message} />
            ) : treeData.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('territory.noRoots')} />
            ) : (
              <div data-testid="territory-tree">
                <Tree
                  blockNode
                  showLine={{ showLeafIcon: false }}
                  treeData={treeData}
                  height={Math.max(320, viewport - 250)}
                  expandedKeys={expanded}
                  loadedKeys={loaded}
                  onExpand={(keys) => setExpanded(keys)}
                  selectedKeys={selectedId !== undefined ? [selectedId] : []}
                  loadData={async (n) => {
                    if (typeof n.key === 'number' && !children.has(n.key)) await loadChildren(n.key);
                  }}
                  onSelect={(_, info) => {
                    const key = info.node.key;
                    if (typeof key === 'string' && key.startsWith(MORE)) select(Number(key.slice(MORE.length)));
                    else if (typeof key === 'number') select(key);
                  }}
                />
              </div>
            )}
          </Card>
        </Col>
        <Col flex="auto" style={{ minWidth: 0 }}>
          {selectedId === undefined ? (
            <Card>
              <Empty description={t('territory.pickOne')} />
            </Card>
          ) : detail.isError ? (
            <Card>
              <Alert type="error" showIcon title={detail.error.message} />
            </Card>
          ) : !node ? (
            <Card>
              <Skeleton active />
            </Card>
          ) : (
            <Space orientation="vertical" size={16} style={{ width: '100%' }}>
              <Card
                data-testid="territory-detail"
                title={
                  <Space size={6}>
                    <LevelTag level={node.level} />
                    <span>{node.name}</span>
                  </Space>
                }
                extra={
                  <Space>
                    {canUpdate && (
                      <Button icon={<EditOutlined />} onClick={() => setEditing(node)} data-testid="territory-edit">
                        {t('common.edit')}
                      </Button>
                    )}
                    {canDelete && !rootIds.has(node.id) && deleteButton(node, 'middle')}
                  </Space>
                }
              >
                <Breadcrumb
                  style={{ marginBottom: 16 }}
                  items={[...node.ancestors, node].map((a, i) => ({
                    key: a.id,
                    title:
                      i >= crumbRoot && crumbRoot >= 0 && a.id !== node.id ? (
                        <Typography.Link onClick={() => select(a.id)}>{a.name}</Typography.Link>
                      ) : (
                        a.name
                      ),
                  }))}
                />
                <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small">
                  <Descriptions.Item label={t('territory.levelLabel')}>
                    {t(`territory.level.${node.level}`)}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('territory.divisionCode')}>
                    {node.divisionCode ? <Typography.Text copyable>{node.divisionCode}</Typography.Text> : '—'}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('territory.childCount')}>
                    {formatNumber(node.childCount)}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('common.createdAt')}>{formatDateTime(node.createdAt)}</Descriptions.Item>
                  <Descriptions.Item label={t('common.updatedAt')}>{formatDateTime(node.updatedAt)}</Descriptions.Item>
                  <Descriptions.Item label={t('territory.id')}>{node.id}</Descriptions.Item>
                </Descriptions>
              </Card>
              <Card
                title={t('territory.children')}
                extra={
                  canCreate && (
                    <Button
                      type="primary"
                      icon={<PlusOutlined />}
                      onClick={() => setCreatingUnder(node)}
                      data-testid="territory-create"
                    >
                      {t('territory.createChild')}
                    </Button>
                  )
                }
              >
                {childLevels.length === 0 && node.childCount === 0 ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('territory.isLeafLevel')} />
                ) : (
                  <>
                    <FilterBar<{ q?: string; level?: string }>
                      key={node.id}
                      testId="territory-filters"
                      onSearch={(v) => setChildFilters({ q: v.q?.trim() || undefined, level: v.level || undefined })}
                    >
                      <Form.Item name="q">
                        <Input placeholder={t('territory.qPlaceholder')} allowClear style={{ width: 200 }} />
                      </Form.Item>
                      {childLevels.length > 1 && (
                        <Form.Item name="level">
                          <Select
                            allowClear
                            placeholder={t('territory.levelLabel')}
                            style={{ width: 140 }}
                            options={childLevels.map((l) => ({ value: l, label: t(`territory.level.${l}`) }))}
                          />
                        </Form.Item>
                      )}
                    </FilterBar>
                    <PagedTable<Territory>
                      testId="territory-children-table"
                      queryKey={['territories']}
                      path="/api/territories"
                      filters={{ parentId: node.id, ...childFilters }}
                      columns={columns}
                      rowKey={(r) => r.id}
                      emptyText={t('territory.noChildren')}
                    />
                  </>
                )}
              </Card>
            </Space>
          )}
        </Col>
      </Row>
      <CreateTerritoryModal
        parent={creatingUnder}
        onClose={() => setCreatingUnder(undefined)}
        onCreated={(c) => void refreshUnder(c.parentId)}
      />
      <EditTerritoryModal
        node={editing}
        onClose={() => setEditing(undefined)}
        onSaved={(s) => {
          remember([s]);
          void queryClient.invalidateQueries({ queryKey: ['territories'] });
        }}
      />
    </>
  );
}
