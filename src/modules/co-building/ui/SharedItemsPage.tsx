import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../../web/api/client';
import type { Page, TerritoryRef } from '../../../web/api/types';
import { useCan } from '../../../web/app/auth';
import { FilterBar } from '../../../web/components/FilterBar';
import { showFormError } from '../../../web/components/formErrors';
import { formatDateTime } from '../../../web/components/format';
import { PagedTable } from '../../../web/components/PagedTable';
import { PageTitle } from '../../../web/components/PageTitle';
import { TerritoryTreeSelect } from '../../../web/components/TerritoryTreeSelect';
import { LedgerButton } from './LedgerButton';
import { useUrlFilters } from './shared';
import {
  ITEM_CATEGORIES,
  ITEM_CONDITIONS,
  ITEM_STATUSES,
  ItemStatusTag,
  LoanStatusTag,
  ReceiveModal,
  type ItemCategory,
  type ItemCondition,
  type SharedItem,
  type SharedItemDetail,
  type SharedLoan,
} from './SharedItemsParts';

interface ItemValues {
  place?: TerritoryRef;
  name: string;
  category: ItemCategory;
  condition: ItemCondition;
  location: string;
  description?: string;
  maxDays: number;
}

/** 登记 / 编辑: an item at a community's service centre or cabinet. */
function ItemModal({ item, onClose }: { item?: SharedItem; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<ItemValues>();
  const save = useMutation({
    mutationFn: (v: ItemValues) => {
      const common = {
        name: v.name,
        category: v.category,
        location: v.location,
        description: v.description?.trim() || null,
        maxDays: v.maxDays,
      };
      return item
        ? api.patch<SharedItemDetail>(`/api/co-building/shared-items/${item.id}`, common)
        : api.post<SharedItemDetail>('/api/co-building/shared-items', {
            ...common,
            territoryId: v.place?.id ?? 0,
            condition: v.condition,
          });
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['coShared'] });
      message.success(t('coShared.saved'));
      onClose();
    },
    onError: (e) => showFormError(form, e, message, { territoryId: 'place' }),
  });
  return (
    <Modal
      open
      title={item ? t('coShared.editItem') : t('coShared.newItem')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'shared-item-save' }}
      confirmLoading={save.isPending}
      width={600}
      destroyOnHidden
    >
      <Form<ItemValues>
        form={form}
        layout="vertical"
        data-testid="shared-item-form"
        initialValues={
          item
            ? { ...item, description: item.description ?? undefined }
            : { category: 'tools', condition: 'good', maxDays: 7, location: '党群服务站 便民共享服务柜' }
        }
        onFinish={(v) => save.mutate(v)}
      >
        {!item && (
          <Form.Item name="place" label={t('coShared.field.place')} rules={[{ required: true }]}>
            <TerritoryTreeSelect testId="shared-item-place" />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('coShared.field.name')} rules={[{ required: true, max: 60 }]}>
          <Input data-testid="shared-item-name" />
        </Form.Item>
        <Space align="start" wrap>
          <Form.Item name="category" label={t('coShared.field.category')}>
            <Select
              style={{ width: 150 }}
              options={ITEM_CATEGORIES.map((c) => ({ value: c, label: t(`coShared.category.${c}`) }))}
            />
          </Form.Item>
          {!item && (
            <Form.Item name="condition" label={t('coShared.field.condition')}>
              <Select
                style={{ width: 120 }}
                options={ITEM_CONDITIONS.map((c) => ({ value: c, label: t(`coShared.condition.${c}`) }))}
              />
            </Form.Item>
          )}
          <Form.Item name="maxDays" label={t('coShared.field.maxDays')} rules={[{ required: true }]}>
            <InputNumber min={1} max={60} style={{ width: 120 }} />
          </Form.Item>
        </Space>
        <Form.Item name="location" label={t('coShared.field.location')} rules={[{ required: true, max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="description" label={t('coShared.field.description')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface LendValues {
  to: 'person' | 'account';
  borrowerAccountId?: number;
  borrowerName?: string;
  borrowerPhone?: string;
  dueOn: Dayjs;
  note?: string;
}
interface AccountRow {
  id: number;
  displayName: string;
  username: string;
}

/** 柜台借出: to a resident's account (when the caller may look accounts up) or to a person by name. */
function LendModal({ item, onClose }: { item: SharedItem; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const qc = useQueryClient();
  const [form] = Form.useForm<LendValues>();
  const to = Form.useWatch('to', form);
  const [q, setQ] = useState('');
  const accounts = useQuery({
    queryKey: ['coShared', 'residents', q],
    queryFn: ({ signal }) =>
      api.get<Page<AccountRow>>('/api/accounts', { role: 'resident', q: q || undefined, pageSize: 20 }, signal),
    enabled: to === 'account' && can('account.read'),
  });
  const lend = useMutation({
    mutationFn: (v: LendValues) =>
      api.post<SharedItemDetail>(`/api/co-building/shared-items/${item.id}/lend`, {
        dueOn: v.dueOn.format('YYYY-MM-DD'),
        ...(v.to === 'account'
          ? { borrowerAccountId: v.borrowerAccountId }
          : { borrowerName: v.borrowerName?.trim(), borrowerPhone: v.borrowerPhone?.trim() || undefined }),
        note: v.note?.trim() || undefined,
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['coShared'] });
      message.success(t('coShared.lent'));
      onClose();
    },
    onError: (e) => showFormError(form, e, message),
  });
  const latest = dayjs().add(item.maxDays, 'day');
  return (
    <Modal
      open
      title={t('coShared.lendTitle', { name: item.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('coShared.lend')}
      okButtonProps={{ 'data-testid': 'shared-lend-ok' }}
      confirmLoading={lend.isPending}
      destroyOnHidden
    >
      <Form<LendValues>
        form={form}
        layout="vertical"
        data-testid="shared-lend-form"
        initialValues={{ to: 'person', dueOn: dayjs().add(Math.min(3, item.maxDays), 'day') }}
        onFinish={(v) => lend.mutate(v)}
      >
        <Form.Item name="to" label={t('coShared.field.borrower')}>
          <Radio.Group>
            <Radio value="person">{t('coShared.toPerson')}</Radio>
            <Radio value="account" disabled={!can('account.read')}>
              {t('coShared.toAccount')}
            </Radio>
          </Radio.Group>
        </Form.Item>
        {to === 'account' ? (
          <Form.Item name="borrowerAccountId" label={t('coShared.field.account')} rules={[{ required: true }]}>
            <Select
              showSearch={{ filterOption: false, onSearch: setQ }}
              loading={accounts.isFetching}
              options={(accounts.data?.items ?? []).map((a) => ({
                value: a.id,
                label: `${a.displayName}（${a.username}）`,
              }))}
            />
          </Form.Item>
        ) : (
          <Space align="start" wrap>
            <Form.Item
              name="borrowerName"
              label={t('coShared.field.borrowerName')}
              rules={[{ required: true, max: 40 }]}
            >
              <Input style={{ width: 200 }} data-testid="shared-lend-name" />
            </Form.Item>
            <Form.Item
              name="borrowerPhone"
              label={t('coShared.field.phone')}
              rules={[{ pattern: /^1\d{10}$/, message: t('coShared.badPhone') }]}
            >
              <Input style={{ width: 180 }} data-testid="shared-lend-phone" />
            </Form.Item>
          </Space>
        )}
        <Form.Item
          name="dueOn"
          label={t('coShared.field.dueOn')}
          extra={t('coShared.maxDaysHint', { n: item.maxDays })}
          rules={[{ required: true }]}
        >
          <DatePicker
            data-testid="shared-lend-due"
            disabledDate={(d) => d.isBefore(dayjs(), 'day') || d.isAfter(latest, 'day')}
          />
        </Form.Item>
        <Form.Item name="note" label={t('coShared.field.note')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type Move = 'damaged' | 'lost' | 'retired' | 'available';
/** Which moves an item's status allows (shared-items.constants.ts ITEM_MOVES). */
const MOVES_FROM: Record<string, Move[]> = {
  available: ['damaged', 'lost', 'retired'],
  damaged: ['available', 'retired'],
  lost: ['available', 'retired'],
};

/** 标记损坏 / 遗失 / 报废, or back in service (修复 / 找回): always with a note. */
function MoveModal({
  item,
  to,
  loanId,
  onClose,
}: {
  item: SharedItem;
  to: Move;
  loanId?: number;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ note: string }>();
  const move = useMutation({
    mutationFn: ({ note }: { note: string }) =>
      loanId
        ? api.post<SharedItemDetail>(`/api/co-building/shared-loans/${loanId}/lost`, { note })
        : api.post<SharedItemDetail>(`/api/co-building/shared-items/${item.id}/status`, { to, note }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['coShared'] });
      onClose();
    },
    onError: (e) => showFormError(form, e, message),
  });
  const label = t(`coShared.move.${item.status === 'lost' && to === 'available' ? 'found' : to}`);
  return (
    <Modal
      open
      title={`${label} · ${item.name}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'shared-move-ok' }}
      confirmLoading={move.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => move.mutate(v)}>
        <Form.Item
          name="note"
          label={t('coShared.field.note')}
          rules={[{ required: true, whitespace: true, max: 500 }]}
        >
          <Input.TextArea rows={3} data-testid="shared-move-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** One item: its facts, the actions its state allows, its loans and its history. */
function ItemDrawer({ id, onClose }: { id: number; onClose: () => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const manage = can('coBuilding.manage');
  const [modal, setModal] = useState<
    | { kind: 'edit' | 'lend' }
    | { kind: 'move'; to: Move; loanId?: number }
    | { kind: 'receive'; loan: SharedLoan }
    | null
  >(null);
  const query = useQuery({
    queryKey: ['coShared', 'item', id],
    queryFn: ({ signal }) => api.get<SharedItemDetail>(`/api/co-building/shared-items/${id}`, undefined, signal),
  });
  const item = query.data;
  const open = item?.loans.find((l) => l.status === 'out' || l.status === 'returnRequested');
  const loanColumns: TableColumnsType<SharedLoan> = [
    {
      title: t('coShared.field.borrower'),
      key: 'b',
      render: (_, l) => `${l.borrower.name}${l.borrower.phone ? ` · ${l.borrower.phone}` : ''}`,
    },
    { title: t('coShared.field.lentAt'), dataIndex: 'lentAt', render: (v: string) => formatDateTime(v) },
    { title: t('coShared.field.dueOn'), dataIndex: 'dueOn' },
    { title: t('coShared.field.loanStatus'), key: 's', render: (_, l) => <LoanStatusTag loan={l} /> },
    {
      title: t('coShared.field.conditionIn'),
      dataIndex: 'conditionIn',
      render: (c: string | null) => (c ? t(`coShared.condition.${c}`) : '—'),
    },
  ];
  return (
    <Drawer
      open
      size={720}
      title={item?.name ?? '…'}
      onClose={onClose}
      destroyOnHidden
      loading={query.isLoading}
      extra={
        item &&
        manage && (
          <Space wrap data-testid="shared-item-actions">
            {item.status === 'available' && (
              <Button type="primary" onClick={() => setModal({ kind: 'lend' })} data-testid="shared-lend">
                {t('coShared.lend')}
              </Button>
            )}
            {open && (
              <Button
                type="primary"
                onClick={() => setModal({ kind: 'receive', loan: open })}
                data-testid="shared-receive"
              >
                {t('coShared.receive')}
              </Button>
            )}
            {open && (
              <Button danger onClick={() => setModal({ kind: 'move', to: 'lost', loanId: open.id })}>
                {t('coShared.move.lost')}
              </Button>
            )}
            {(MOVES_FROM[item.status] ?? []).map((to) => (
              <Button
                key={to}
                danger={to !== 'available'}
                onClick={() => setModal({ kind: 'move', to })}
                data-testid={`shared-move-${to}`}
              >
                {t(`coShared.move.${item.status === 'lost' && to === 'available' ? 'found' : to}`)}
              </Button>
            ))}
            <Button onClick={() => setModal({ kind: 'edit' })}>{t('common.edit')}</Button>
          </Space>
        )
      }
    >
      {item && (
        <div data-testid="shared-item-detail">
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('coShared.field.status')}>
              <ItemStatusTag status={item.status} />
            </Descriptions.Item>
            <Descriptions.Item label={t('coShared.field.condition')}>
              <span data-testid="shared-item-condition">{t(`coShared.condition.${item.condition}`)}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('coShared.field.category')}>
              {t(`coShared.category.${item.category}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('coShared.field.maxDays')}>
              {t('coShared.days', { n: item.maxDays })}
            </Descriptions.Item>
            <Descriptions.Item label={t('coShared.field.place')}>
              {item.community.name}
              {item.place.id !== item.community.id ? ` · ${item.place.name}` : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('coShared.field.location')}>{item.location}</Descriptions.Item>
            {item.description && (
              <Descriptions.Item label={t('coShared.field.description')} span={2}>
                {item.description}
              </Descriptions.Item>
            )}
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 20 }}>
            {t('coShared.loans', { n: item.loans.length })}
          </Typography.Title>
          <Table<SharedLoan>
            size="small"
            rowKey="id"
            columns={loanColumns}
            dataSource={item.loans}
            pagination={false}
            data-testid="shared-item-loans"
          />
          <Typography.Title level={5} style={{ marginTop: 20 }}>
            {t('coShared.history')}
          </Typography.Title>
          <Timeline
            data-testid="shared-item-history"
            items={item.events.map((e) => ({
              key: e.id,
              color: e.kind === 'damaged' || e.kind === 'lost' ? 'red' : e.kind === 'lent' ? 'blue' : 'green',
              content: (
                <div>
                  <Space wrap size={4}>
                    <strong>{t(`coShared.event.${e.kind}`)}</strong>
                    {e.condition && <Tag>{t(`coShared.condition.${e.condition}`)}</Tag>}
                    <Typography.Text type="secondary">
                      {formatDateTime(e.at)} · {e.actorName}
                    </Typography.Text>
                  </Space>
                  {e.note && <div>{e.note}</div>}
                </div>
              ),
            }))}
          />
        </div>
      )}
      {item && modal?.kind === 'edit' && <ItemModal item={item} onClose={() => setModal(null)} />}
      {item && modal?.kind === 'lend' && <LendModal item={item} onClose={() => setModal(null)} />}
      {item && modal?.kind === 'move' && (
        <MoveModal item={item} to={modal.to} loanId={modal.loanId} onClose={() => setModal(null)} />
      )}
      {modal?.kind === 'receive' && <ReceiveModal loan={modal.loan} onClose={() => setModal(null)} />}
    </Drawer>
  );
}

const FILTER_KEYS = ['territoryId', 'status', 'category', 'condition', 'q', 'createdTo'];

/** 便民共享服务柜: the items of the caller's area, with who has each and since when (decision 042). */
export default function SharedItemsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const [filters, setFilters] = useUrlFilters(FILTER_KEYS);
  const [creating, setCreating] = useState(false);
  const opened = Number(params.get('item')) || null;
  const openItem = (id: number | null) => {
    const next = new URLSearchParams(params);
    if (id) next.set('item', String(id));
    else next.delete('item');
    setParams(next);
  };
  const columns: TableColumnsType<SharedItem> = [
    {
      title: t('coShared.field.name'),
      dataIndex: 'name',
      render: (name: string, r) => (
        <Typography.Link onClick={() => openItem(r.id)} data-testid={`shared-item-${r.id}`}>
          {name}
        </Typography.Link>
      ),
    },
    {
      title: t('coShared.field.category'),
      dataIndex: 'category',
      width: 110,
      render: (c: string) => t(`coShared.category.${c}`),
    },
    {
      title: t('coShared.field.status'),
      dataIndex: 'status',
      width: 110,
      render: (_, r) => <ItemStatusTag status={r.status} />,
    },
    {
      title: t('coShared.field.condition'),
      dataIndex: 'condition',
      width: 90,
      render: (c: string) => t(`coShared.condition.${c}`),
    },
    {
      title: t('coShared.field.currentLoan'),
      key: 'loan',
      render: (_, r) =>
        r.loan ? (
          <span style={r.loan.overdue ? { color: '#cf1322' } : undefined}>
            {t('coShared.heldBy', { name: r.loan.borrowerName, day: r.loan.dueOn })}
            {r.loan.overdue && ` · ${t('coShared.overdue')}`}
          </span>
        ) : (
          '—'
        ),
    },
    { title: t('coShared.field.place'), key: 'p', render: (_, r) => r.community.name },
    { title: t('coShared.field.location'), dataIndex: 'location' },
    {
      title: t('coShared.field.loanCount'),
      dataIndex: 'loanCount',
      width: 90,
      render: (n: number, r) => <Link to={`/co-building/shared-loans?itemId=${r.id}`}>{n}</Link>,
    },
  ];
  return (
    <div data-testid="shared-items-page">
      <PageTitle
        title={t('coShared.itemsTitle')}
        help={t('coShared.itemsHelp')}
        extra={
          <Space>
            <Link to="/co-building/shared-loans">{t('coShared.nav.loans')}</Link>
            {can('coBuilding.manage') && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setCreating(true)}
                data-testid="shared-item-new"
              >
                {t('coShared.newItem')}
              </Button>
            )}
          </Space>
        }
      />
      <FilterBar<{ place?: TerritoryRef; status?: string; category?: string; q?: string }>
        testId="shared-item-filter"
        onSearch={(v) =>
          setFilters({
            territoryId: v.place?.id,
            status: v.status,
            category: v.category,
            q: v.q?.trim(),
          })
        }
        extra={<LedgerButton list="shared-items" filters={filters} />}
      >
        <Form.Item name="place" label={t('coShared.field.community')} style={{ minWidth: 220 }}>
          <TerritoryTreeSelect />
        </Form.Item>
        <Form.Item name="status" label={t('coShared.field.status')}>
          <Select
            allowClear
            style={{ width: 120 }}
            data-testid="shared-item-filter-status"
            options={ITEM_STATUSES.map((s) => ({ value: s, label: t(`coShared.status.${s}`) }))}
          />
        </Form.Item>
        <Form.Item name="category" label={t('coShared.field.category')}>
          <Select
            allowClear
            style={{ width: 120 }}
            options={ITEM_CATEGORIES.map((c) => ({ value: c, label: t(`coShared.category.${c}`) }))}
          />
        </Form.Item>
        <Form.Item name="q" label={t('coShared.field.q')}>
          <Input allowClear style={{ width: 160 }} data-testid="shared-item-filter-q" />
        </Form.Item>
      </FilterBar>
      <PagedTable<SharedItem>
        queryKey={['coShared', 'items']}
        path="/api/co-building/shared-items"
        filters={filters}
        columns={columns}
        rowKey={(r) => r.id}
        testId="shared-item-table"
        scrollX={1100}
      />
      {creating && <ItemModal onClose={() => setCreating(false)} />}
      {opened && <ItemDrawer id={opened} onClose={() => openItem(null)} />}
    </div>
  );
}
