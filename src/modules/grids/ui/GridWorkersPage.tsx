import { DeleteOutlined, EditOutlined, HomeOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import {
  App,
  Button,
  Checkbox,
  Drawer,
  Form,
  Input,
  List,
  Popconfirm,
  Radio,
  Select,
  Space,
  TreeSelect,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../web/api/client';
import type { Page, Territory } from '../../../web/api/types';
import { useCan } from '../../../web/app/auth';
import { queryClient } from '../../../web/app/queryClient';
import { FilterBar } from '../../../web/components/FilterBar';
import { FormModal } from '../../../web/components/FormModal';
import { PagedTable, type Filters } from '../../../web/components/PagedTable';
import { PageTitle } from '../../../web/components/PageTitle';
import { useDebounced } from '../../../web/components/useDebounced';
import { CommunitySelect, LiaisonTag } from './shared';
import { LIAISON_MAX, LIAISON_MIN, type GridRow, type GridWorker } from './types';
import type { WireOf } from '../../../web/api/wire';
import type * as C from '../contract';

const KEY = ['grids', 'workers'] as const;
type WorkerKind = GridWorker['kind'];
interface WorkerValues {
  gridId: number;
  name: string;
  kind: WorkerKind;
  phone?: string | null;
}
type Liaisons = WireOf<typeof C.LiaisonList>;
const invalidate = () => queryClient.invalidateQueries({ queryKey: ['grids'] });

/** Grids of the caller's scope, searched by name (the worker's grid). */
function GridSelect({ value, onChange }: { value?: number; onChange?: (v: number) => void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebounced(search);
  const grids = useQuery({
    queryKey: ['grids', 'pick', q],
    queryFn: ({ signal }) => api.get<Page<GridRow>>('/api/grids', { q: q || undefined, pageSize: 50 }, signal),
  });
  return (
    <Select<number>
      data-testid="worker-form-grid"
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={value}
      onChange={(v) => onChange?.(v)}
      loading={grids.isFetching}
      placeholder={t('grids.workers.pickGrid')}
      options={(grids.data?.items ?? []).map((g) => ({ value: g.id, label: `${g.community.name} · ${g.name}` }))}
    />
  );
}

interface TreeNode {
  id: number;
  pId: number;
  value: number;
  title: string;
  isLeaf: boolean;
  checkable: boolean;
  disableCheckbox: boolean;
  selectable: boolean;
}

/**
 * The worker's community as a tree loaded level by level (compound → building → unit → household); only households
 * can be ticked.
 */
function HouseholdPicker({
  communityId,
  workerId,
  value,
  onChange,
}: {
  communityId: number;
  workerId: number;
  value?: number[];
  onChange?: (v: number[]) => void;
}) {
  const { t } = useTranslation();
  const [nodes, setNodes] = useState<TreeNode[]>([]);
  const load = async (parentId: number) => {
    const page = await api.get<Page<Territory>>('/api/territories', { parentId, pageSize: 200 });
    // Households someone already follows are shown with that worker's name and cannot be ticked (one worker each).
    const followed = page.items.some((c) => c.level === 'household')
      ? (
          await api.get<{ items: { householdId: number; workerId: number; workerName: string }[] }>(
            '/api/grids/liaisons',
            { under: parentId },
          )
        ).items
      : [];
    const by = new Map(followed.map((f) => [f.householdId, f]));
    const add = page.items.map((c) => {
      const f = by.get(c.id);
      const title = f
        ? `${c.name}（${f.workerId === workerId ? t('grids.workers.alreadyMine') : f.workerName}）`
        : c.name;
      return {
        id: c.id,
        pId: parentId,
        value: c.id,
        title,
        isLeaf: c.level === 'household',
        checkable: c.level === 'household',
        disableCheckbox: !!f,
        selectable: false,
      };
    });
    setNodes((prev) => [...prev.filter((n) => !add.some((a) => a.id === n.id)), ...add]);
  };
  useEffect(() => {
    setNodes([]);
    void load(communityId);
    // load only reads the community and the marks; a new community is what must reload the tree.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [communityId]);
  return (
    <TreeSelect<number[]>
      data-testid="liaison-picker"
      style={{ width: '100%' }}
      treeDataSimpleMode={{ id: 'id', pId: 'pId', rootPId: communityId }}
      treeData={nodes}
      loadData={(node) => load(Number(node.value))}
      treeCheckable
      showCheckedStrategy={TreeSelect.SHOW_CHILD}
      value={value}
      onChange={(v) => onChange?.(v)}
      placeholder={t('grids.workers.pickHouseholds')}
      maxTagCount={6}
      popupMatchSelectWidth
      listHeight={360}
      virtual={false}
    />
  );
}

/** A worker's liaison households 联系户: the 30–50 check, the list, remove one, add several from the community. */
function LiaisonDrawer({
  worker,
  communityId,
  canManage,
  onClose,
}: {
  worker: GridWorker;
  communityId: number | undefined;
  canManage: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [picked, setPicked] = useState<number[]>([]);
  const [round, setRound] = useState(0); // the picker is drawn afresh after each assignment
  const key = [...KEY, worker.id, 'households'];
  const list = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => api.get<Liaisons>(`/api/grids/workers/${worker.id}/households`, undefined, signal),
  });
  const assign = useMutation({
    mutationFn: (householdIds: number[]) =>
      api.post<Liaisons>(`/api/grids/workers/${worker.id}/households`, { householdIds }),
    onSuccess: async () => {
      message.success(t('common.saved'));
      setPicked([]);
      setRound((r) => r + 1);
      await invalidate();
    },
    onError: (e) => message.error(e.message),
  });
  const remove = useMutation({
    mutationFn: (householdId: number) => api.delete(`/api/grids/workers/${worker.id}/households/${householdId}`),
    onSuccess: async () => {
      setRound((r) => r + 1);
      await invalidate();
    },
    onError: (e) => message.error(e.message),
  });
  const data = list.data;
  return (
    <Drawer
      open
      onClose={onClose}
      size={560}
      title={t('grids.workers.liaisonsOf', { name: worker.name })}
      data-testid="liaison-drawer"
      destroyOnHidden
    >
      <Space orientation="vertical" style={{ width: '100%' }} size="middle">
        <Space>
          {data && <LiaisonTag count={data.count} flag={data.liaisonFlag} />}
          <Typography.Text type="secondary">
            {t('grids.workers.liaisonRule', { min: LIAISON_MIN, max: LIAISON_MAX })}
          </Typography.Text>
        </Space>
        {canManage && communityId !== undefined && (
          <Space.Compact style={{ width: '100%' }}>
            <HouseholdPicker
              key={round}
              communityId={communityId}
              workerId={worker.id}
              value={picked}
              onChange={setPicked}
            />
            <Button
              type="primary"
              disabled={!picked.length}
              loading={assign.isPending}
              onClick={() => assign.mutate(picked)}
              data-testid="liaison-add"
            >
              {t('grids.workers.addHouseholds')}
            </Button>
          </Space.Compact>
        )}
        <List
          size="small"
          bordered
          loading={list.isPending}
          dataSource={data?.items ?? []}
          locale={{ emptyText: t('grids.workers.noLiaisons') }}
          data-testid="liaison-list"
          renderItem={(h) => (
            <List.Item
              actions={
                canManage
                  ? [
                      <Popconfirm
                        key="rm"
                        title={t('grids.workers.confirmUnassign', { label: h.label })}
                        onConfirm={() => remove.mutate(h.householdId)}
                      >
                        <Button type="link" size="small" danger>
                          {t('grids.workers.unassign')}
                        </Button>
                      </Popconfirm>,
                    ]
                  : []
              }
            >
              <HomeOutlined style={{ marginInlineEnd: 8, color: '#8c8c8c' }} />
              {h.label}
            </List.Item>
          )}
        />
      </Space>
    </Drawer>
  );
}

/** 网格员管理: the grid workers of the scope, each with the 30–50 liaison-household check; add, edit, remove, assign households. */
export default function GridWorkersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const canManage = useCan()('grid.manageWorkers');
  const [filters, setFilters] = useState<Filters>({});
  const [editing, setEditing] = useState<GridWorker | 'new' | null>(null);
  const [liaisons, setLiaisons] = useState<GridWorker | null>(null);
  // The community of the worker whose households are open (from the worker's grid).
  const grid = useQuery({
    queryKey: ['grids', 'one', liaisons?.gridId],
    queryFn: ({ signal }) => api.get<GridRow>(`/api/grids/${liaisons!.gridId}`, undefined, signal),
    enabled: liaisons !== null,
  });
  const saveWorker = (v: WorkerValues) => {
    const phone = v.phone?.trim() ? v.phone.trim() : null;
    if (editing === 'new' || editing === null) return api.post('/api/grids/workers', { ...v, phone });
    // A number shown masked was not put in the form: left empty, the stored number stays.
    const keep = phone === null && !!editing.phone?.includes('*');
    const { phone: _p, ...rest } = v;
    return api.patch(`/api/grids/workers/${editing.id}`, keep ? rest : { ...rest, phone });
  };
  const remove = useMutation({
    mutationFn: (w: GridWorker) => api.delete(`/api/grids/workers/${w.id}`),
    onSuccess: async () => {
      message.success(t('grids.workers.removed'));
      await invalidate();
    },
    onError: (e) => message.error(e.message),
  });
  const open = (w: GridWorker | 'new') => setEditing(w);
  // A masked number is not sent back: the field starts empty and keeps the stored number unless retyped.
  const initialValues: Partial<WorkerValues> =
    editing && editing !== 'new'
      ? {
          gridId: editing.gridId,
          name: editing.name,
          kind: editing.kind,
          phone: editing.phone?.includes('*') ? undefined : (editing.phone ?? undefined),
        }
      : { kind: 'fullTime' };

  return (
    <div data-testid="grid-workers-page">
      <PageTitle
        title={t('grids.workers.title')}
        help={t('grids.workers.help', { min: LIAISON_MIN, max: LIAISON_MAX })}
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')} data-testid="worker-add">
              {t('grids.workers.add')}
            </Button>
          )
        }
      />
      <FilterBar<{ communityId?: number; flagged?: boolean }>
        testId="worker-filter"
        onSearch={(v) => setFilters({ communityId: v.communityId, flagged: v.flagged ? 'true' : undefined })}
      >
        <Form.Item name="communityId" label={t('grids.field.community')}>
          <CommunitySelect />
        </Form.Item>
        <Form.Item name="flagged" valuePropName="checked">
          <Checkbox data-testid="worker-filter-flagged">
            {t('grids.workers.onlyFlagged', { min: LIAISON_MIN, max: LIAISON_MAX })}
          </Checkbox>
        </Form.Item>
      </FilterBar>
      <PagedTable<GridWorker>
        queryKey={KEY}
        path="/api/grids/workers"
        filters={filters}
        rowKey={(w) => w.id}
        testId="worker-table"
        emptyText={t('grids.noWorkers')}
        columns={[
          {
            title: t('grids.workers.name'),
            dataIndex: 'name',
            render: (n: string) => <span style={{ whiteSpace: 'nowrap' }}>{n}</span>,
          },
          {
            title: t('grids.workers.kind'),
            dataIndex: 'kind',
            width: 90,
            render: (k: WorkerKind) => t(`grids.workerKind.${k}`),
          },
          { title: t('grids.workers.grid'), dataIndex: 'gridName' },
          {
            title: t('grids.field.phone'),
            dataIndex: 'phone',
            render: (p: string | null) => <span style={{ whiteSpace: 'nowrap' }}>{p ?? '—'}</span>,
          },
          {
            title: `${t('grids.field.liaison')}（${LIAISON_MIN}–${LIAISON_MAX}）`,
            key: 'liaison',
            render: (_, w) => (
              <Button
                type="link"
                size="small"
                style={{ paddingInline: 0 }}
                onClick={() => setLiaisons(w)}
                data-testid={`worker-liaisons-${w.id}`}
              >
                <LiaisonTag count={w.liaisonCount} flag={w.liaisonFlag} />
              </Button>
            ),
          },
          ...(canManage
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 150,
                  render: (_: unknown, w: GridWorker) => (
                    <Space size={0}>
                      <Button
                        type="link"
                        size="small"
                        icon={<EditOutlined />}
                        onClick={() => open(w)}
                        data-testid={`worker-edit-${w.id}`}
                      >
                        {t('common.edit')}
                      </Button>
                      <Popconfirm
                        title={t('grids.workers.confirmRemove', { name: w.name })}
                        onConfirm={() => remove.mutate(w)}
                      >
                        <Button type="link" size="small" danger icon={<DeleteOutlined />}>
                          {t('common.delete')}
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <FormModal<WorkerValues>
        open={editing !== null}
        title={editing === 'new' ? t('grids.workers.add') : t('grids.workers.edit')}
        initialValues={initialValues}
        submit={saveWorker}
        onDone={async () => {
          setEditing(null);
          await invalidate();
        }}
        onCancel={() => setEditing(null)}
        testId="worker-form"
      >
        <Form.Item
          name="gridId"
          label={t('grids.workers.grid')}
          rules={[{ required: true, message: t('grids.workers.pickGrid') }]}
        >
          <GridSelect />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('grids.workers.name')}
          rules={[{ required: true, whitespace: true, message: t('grids.workers.nameRequired') }]}
        >
          <Input maxLength={50} data-testid="worker-form-name" />
        </Form.Item>
        <Form.Item name="kind" label={t('grids.workers.kind')} rules={[{ required: true }]}>
          <Radio.Group
            options={(['fullTime', 'partTime'] as const).map((k) => ({ value: k, label: t(`grids.workerKind.${k}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('grids.field.phone')}
          extra={editing !== 'new' && editing?.phone?.includes('*') ? t('grids.workers.phoneKept') : undefined}
        >
          <Input maxLength={20} inputMode="tel" data-testid="worker-form-phone" />
        </Form.Item>
      </FormModal>
      {liaisons && (
        <LiaisonDrawer
          worker={liaisons}
          communityId={grid.data?.community.id}
          canManage={canManage}
          onClose={() => setLiaisons(null)}
        />
      )}
    </div>
  );
}
