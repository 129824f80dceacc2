import { CloseCircleOutlined, FormOutlined, ReloadOutlined, SearchOutlined, SendOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQueries, useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Badge,
  Button,
  DatePicker,
  Empty,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState, type Key } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../../../web/api/client';
import type { Page, Territory, TerritoryRef } from '../../../web/api/types';
import { useCan, useMe } from '../../../web/app/auth';
import { queryClient } from '../../../web/app/queryClient';
import { formatNumber } from '../../../web/components/format';
import { showFormError } from '../../../web/components/formErrors';
import { PageTitle } from '../../../web/components/PageTitle';
import { TerritoryTreeSelect } from '../../../web/components/TerritoryTreeSelect';
import {
  DeadlineCell,
  DispatchFields,
  handlerText,
  KindTag,
  OverdueTag,
  RelTime,
  StatusTag,
  toDispatchBody,
  useCategoryLabel,
  type TargetValues,
} from './shared';
import {
  INBOXES,
  ORDER_CATEGORIES,
  ORDER_KINDS,
  ORDER_ORIGINS,
  ORDER_STATUSES,
  type BulkReply,
  type Inbox,
  type Order,
  type OrderKind,
  type OrderStatus,
} from './types';

/** Every query parameter of GET /api/orders the page passes on from its URL (figures' drill-downs use the same names). */
const API_PARAMS = [
  'status',
  'kind',
  'category',
  'territoryId',
  'gridId',
  'noGrid',
  'direct',
  'counted',
  'unitId',
  'from',
  'to',
  'accepted',
  'resolved',
  'overdue',
  'respondedOnTime',
  'rating',
  'origin',
  'assignedToMe',
  'q',
] as const;
/** Parameters without a control of their own on the page: shown as removable tags. */
const EXTRA_PARAMS = [
  'gridId',
  'noGrid',
  'direct',
  'counted',
  'unitId',
  'accepted',
  'resolved',
  'overdue',
  'respondedOnTime',
  'rating',
  'assignedToMe',
] as const;

interface FilterValues {
  status?: OrderStatus[];
  kind?: OrderKind;
  category?: string;
  territory?: TerritoryRef;
  range?: [Dayjs | null, Dayjs | null] | null;
  origin?: Order['origin'];
  q?: string;
}

/** Which inboxes a role sees (the API answers each for anyone; the tabs follow the work each role does). */
function useInboxes(): Inbox[] {
  const can = useCan();
  const dispatcher = can('order.dispatch');
  const handler = can('order.handle') || can('order.claim');
  const staff = can('order.figures');
  return INBOXES.filter((i) => {
    if (i === 'toDispatch') return dispatcher;
    if (i === 'toAccept') return handler || dispatcher;
    if (i === 'overdue' || i === 'escalated') return staff;
    return true;
  });
}

/** 服务工单: inboxes by role with counts, filters carried in the URL, bulk dispatch and close. */
export default function OrdersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const { data: me } = useMe();
  const category = useCategoryLabel();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const inboxes = useInboxes();
  // A link that carries filters (a figure's drill-down) opens on 全部, so the list is exactly what the figure counted.
  const linked = API_PARAMS.some((k) => params.has(k));
  const inbox: Inbox = (inboxes as string[]).includes(params.get('inbox') ?? '')
    ? (params.get('inbox') as Inbox)
    : linked
      ? 'all'
      : (inboxes[0] ?? 'all');
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = Math.min(200, Math.max(1, Number(params.get('pageSize')) || 20));

  const filters = useMemo(() => {
    const f: Record<string, string> = {};
    for (const k of API_PARAMS) {
      const v = params.get(k);
      if (v) f[k] = v;
    }
    return f;
  }, [params]);
  const inboxQuery = (i: Inbox) => (i === 'all' ? {} : { inbox: i });

  const list = useQuery({
    queryKey: ['orders', 'list', filters, inbox, page, pageSize],
    queryFn: ({ signal }) =>
      api.get<Page<Order>>('/api/orders', { ...filters, ...inboxQuery(inbox), page, pageSize }, signal),
    placeholderData: keepPreviousData,
  });
  const counts = useQueries({
    queries: inboxes.map((i) => ({
      queryKey: ['orders', 'count', filters, i],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        api.get<Page<Order>>('/api/orders', { ...filters, ...inboxQuery(i), page: 1, pageSize: 1 }, signal),
    })),
  });

  // The territory filter shows a name: read it when the URL only carries the id (a drill-down link).
  const territoryId = params.get('territoryId');
  const territory = useQuery({
    queryKey: ['territories', 'one', territoryId],
    queryFn: () => api.get<Territory>(`/api/territories/${territoryId}`),
    enabled: !!territoryId && can('territory.read'),
    retry: false,
  });

  const [form] = Form.useForm<FilterValues>();
  useEffect(() => {
    const from = params.get('from');
    const to = params.get('to');
    form.setFieldsValue({
      status:
        params
          .get('status')
          ?.split(',')
          .filter((s): s is OrderStatus => (ORDER_STATUSES as readonly string[]).includes(s)) ?? undefined,
      kind: (params.get('kind') as OrderKind | null) ?? undefined,
      category: params.get('category') ?? undefined,
      territory: territory.data
        ? { id: territory.data.id, name: territory.data.name, level: territory.data.level }
        : undefined,
      range: from || to ? [from ? dayjs(from) : null, to ? dayjs(to).subtract(1, 'millisecond') : null] : null,
      origin: (params.get('origin') as Order['origin'] | null) ?? undefined,
      q: params.get('q') ?? undefined,
    });
  }, [params, territory.data, form]);

  const update = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next);
  };
  const search = (v: FilterValues) => {
    const [from, to] = v.range ?? [null, null];
    update({
      status: v.status?.length ? v.status.join(',') : undefined,
      kind: v.kind,
      category: v.category,
      territoryId: v.territory ? String(v.territory.id) : undefined,
      from: from ? from.startOf('day').toISOString() : undefined,
      to: to ? to.add(1, 'day').startOf('day').toISOString() : undefined,
      origin: v.origin,
      q: v.q?.trim() || undefined,
    });
  };
  const reset = () => {
    const next = new URLSearchParams();
    if (params.get('inbox')) next.set('inbox', params.get('inbox')!);
    setParams(next);
  };

  const [selected, setSelected] = useState<Key[]>([]);
  const [bulk, setBulk] = useState<'dispatch' | 'close' | null>(null);
  const [report, setReport] = useState<BulkReply | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['orders'] });
  const titles = new Map((list.data?.items ?? []).map((o) => [o.id, o.title]));

  const columns: TableColumnsType<Order> = [
    {
      title: t('orders.field.title'),
      key: 'title',
      render: (_, o) => (
        <Space orientation="vertical" size={2}>
          <Space size={4} wrap>
            <KindTag kind={o.kind} origin={o.origin} />
            {o.origin === 'patrol' && (
              <Tag color="cyan" data-testid={`order-origin-patrol-${o.id}`}>
                {t('orders.origin.patrol')}
              </Tag>
            )}
            <Link to={`/orders/${o.id}`} data-testid={`order-link-${o.id}`}>
              {o.title}
            </Link>
          </Space>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            #{o.id} · {category(o.category)}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('orders.field.status'),
      key: 'status',
      width: 170,
      render: (_, o) => (
        <Space size={[0, 4]} wrap>
          <StatusTag status={o.status} />
          {o.overdue && <OverdueTag />}
          {o.escalatedTo && (
            <Tag color="purple" data-testid="order-escalated">
              {t('orders.escalatedTo', { place: o.escalatedTo.name })}
            </Tag>
          )}
          {o.reopenCount > 0 && <Tag color="warning">{t('orders.reopened', { count: o.reopenCount })}</Tag>}
        </Space>
      ),
    },
    {
      title: t('orders.field.place'),
      key: 'place',
      width: 180,
      render: (_, o) => (
        <Space orientation="vertical" size={0}>
          <span>{o.community.name}</span>
          {o.territory.id !== o.community.id && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {o.territory.name}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('orders.field.reporter'),
      key: 'reporter',
      width: 150,
      render: (_, o) => <ReporterCell order={o} />,
    },
    { title: t('orders.field.handler'), key: 'handler', width: 200, render: (_, o) => handlerText(o.handler, t) },
    { title: t('orders.field.deadline'), key: 'deadline', width: 190, render: (_, o) => <DeadlineCell order={o} /> },
    {
      title: t('orders.field.createdAt'),
      dataIndex: 'createdAt',
      width: 120,
      render: (v: string) => <RelTime value={v} />,
    },
  ];

  const dispatcher = can('order.dispatch');
  const extraTags = EXTRA_PARAMS.filter((k) => params.get(k));

  return (
    <div data-testid="orders-page">
      <PageTitle
        title={t('orders.title')}
        help={t('orders.help')}
        extra={
          <Space>
            {/* 代群众登记: staff who may place orders (a walk-in at the counter has no account of their own). */}
            {can('order.create') && can('order.figures') && (
              <Button
                type="primary"
                icon={<FormOutlined />}
                onClick={() => void navigate('/orders/new')}
                data-testid="order-walk-in"
              >
                {t('orders.walkIn.open')}
              </Button>
            )}
            <Button icon={<ReloadOutlined />} onClick={refresh}>
              {t('orders.refresh')}
            </Button>
          </Space>
        }
      />
      <Tabs
        activeKey={inbox}
        onChange={(k) => update({ inbox: k === 'all' ? 'all' : k })}
        data-testid="order-inboxes"
        items={inboxes.map((i, n) => ({
          key: i,
          label: (
            <span data-testid={`inbox-${i}`}>
              {t(`orders.inbox.${i}`)}{' '}
              <Badge
                count={counts[n]?.data?.total ?? 0}
                showZero
                overflowCount={9999}
                color={i === 'overdue' || i === 'escalated' ? '#cf1322' : i === inbox ? '#c41d1d' : '#bfbfbf'}
                data-testid={`inbox-count-${i}`}
              />
            </span>
          ),
        }))}
      />
      <Form<FilterValues>
        form={form}
        layout="inline"
        onFinish={search}
        data-testid="order-filter"
        style={{ rowGap: 12, marginBottom: 12 }}
      >
        <Form.Item name="q">
          <Input placeholder={t('orders.filter.q')} allowClear style={{ width: 220 }} data-testid="order-filter-q" />
        </Form.Item>
        <Form.Item name="status">
          <Select
            mode="multiple"
            maxTagCount="responsive"
            placeholder={t('orders.field.status')}
            allowClear
            style={{ width: 200 }}
            options={ORDER_STATUSES.map((s) => ({ value: s, label: t(`orders.status.${s}`) }))}
            data-testid="order-filter-status"
          />
        </Form.Item>
        <Form.Item name="kind">
          <Select
            placeholder={t('orders.field.kind')}
            allowClear
            style={{ width: 130 }}
            options={ORDER_KINDS.map((k) => ({ value: k, label: t(`orders.kind.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="origin">
          <Select
            placeholder={t('orders.field.origin')}
            allowClear
            style={{ width: 120 }}
            options={ORDER_ORIGINS.map((k) => ({ value: k, label: t(`orders.origin.${k}`) }))}
            data-testid="order-filter-origin"
          />
        </Form.Item>
        <Form.Item name="category">
          <Select
            placeholder={t('orders.field.category')}
            allowClear
            style={{ width: 130 }}
            options={ORDER_CATEGORIES.map((c) => ({ value: c, label: category(c) }))}
          />
        </Form.Item>
        {can('territory.read') && (
          <Form.Item name="territory" style={{ width: 220 }}>
            <TerritoryTreeSelect placeholder={t('orders.filter.territory')} testId="order-filter-territory" />
          </Form.Item>
        )}
        <Form.Item name="range">
          <DatePicker.RangePicker
            allowEmpty={[true, true]}
            placeholder={[t('orders.filter.from'), t('orders.filter.to')]}
            style={{ width: 250 }}
          />
        </Form.Item>
        <Form.Item style={{ marginInlineEnd: 0 }}>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="order-filter-submit">
              {t('common.search')}
            </Button>
            <Button onClick={reset}>{t('common.reset')}</Button>
          </Space>
        </Form.Item>
      </Form>
      {extraTags.length > 0 && (
        <div style={{ marginBottom: 12 }} data-testid="order-extra-filters">
          <Typography.Text type="secondary" style={{ marginInlineEnd: 8 }}>
            {t('orders.filter.drill')}
          </Typography.Text>
          {extraTags.map((k) => (
            <Tag key={k} closable onClose={() => update({ [k]: undefined })} color="red">
              {t(`orders.filter.${k}`, { value: drillValue(k, params.get(k) ?? '', t) })}
            </Tag>
          ))}
        </div>
      )}
      {dispatcher && selected.length > 0 && (
        <Alert
          type="info"
          style={{ marginBottom: 12 }}
          data-testid="order-bulk-bar"
          title={
            <Space wrap>
              <span>{t('orders.bulk.selected', { count: selected.length })}</span>
              <Button
                size="small"
                type="primary"
                icon={<SendOutlined />}
                onClick={() => setBulk('dispatch')}
                data-testid="order-bulk-dispatch"
              >
                {t('orders.bulk.dispatch')}
              </Button>
              <Button
                size="small"
                icon={<CloseCircleOutlined />}
                onClick={() => setBulk('close')}
                data-testid="order-bulk-close"
              >
                {t('orders.bulk.close')}
              </Button>
              <Button size="small" type="link" onClick={() => setSelected([])}>
                {t('orders.bulk.clear')}
              </Button>
            </Space>
          }
        />
      )}
      {list.isError && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={list.error.message} />}
      <div data-testid="orders-table">
        <Table<Order>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          scroll={{ x: 1250 }}
          rowSelection={
            dispatcher ? { selectedRowKeys: selected, onChange: setSelected, preserveSelectedRowKeys: true } : undefined
          }
          locale={{
            emptyText: list.isPending ? (
              ' '
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('orders.empty')} />
            ),
          }}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100],
            showTotal: (total) => t('common.total', { count: total, formatted: formatNumber(total) }),
            onChange: (p, ps) =>
              update({ page: ps !== pageSize ? undefined : String(p), pageSize: ps === 20 ? undefined : String(ps) }),
          }}
        />
      </div>
      <BulkModal
        action={bulk}
        ids={selected.map(Number)}
        communityId={me?.territory.level === 'community' ? me.territory.id : undefined}
        onClose={() => setBulk(null)}
        onDone={(r) => {
          setBulk(null);
          setReport(r);
          setSelected(r.results.filter((x) => !x.ok).map((x) => x.id));
          refresh();
          if (r.failed === 0) message.success(t('orders.bulk.allDone', { count: r.total }));
        }}
      />
      <Modal
        open={report !== null && report.failed > 0}
        title={t('orders.bulk.report', { done: report?.total ?? 0, failed: report?.failed ?? 0 })}
        onCancel={() => setReport(null)}
        footer={<Button onClick={() => setReport(null)}>{t('orders.bulk.ok')}</Button>}
      >
        <div data-testid="order-bulk-report">
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={report?.results.filter((r) => !r.ok) ?? []}
            columns={[
              { title: '#', dataIndex: 'id', width: 80 },
              { title: t('orders.field.title'), key: 'title', render: (_, r) => titles.get(r.id) ?? '—' },
              { title: t('orders.bulk.reason'), key: 'reason', render: (_, r) => r.error?.message },
            ]}
          />
        </div>
      </Modal>
    </div>
  );
}

/** Who raised it: the account's name, or a walk-in's name with a tag and their masked phone. */
function ReporterCell({ order: o }: { order: Order }) {
  const { t } = useTranslation();
  if (o.reporter) return <span>{o.reporter.name}</span>;
  if (!o.reporterName) return <Typography.Text type="secondary">{t('orders.noReporter')}</Typography.Text>;
  return (
    <Space orientation="vertical" size={0} data-testid={`order-reporter-${o.id}`}>
      <Space size={4}>
        <span>{o.reporterName}</span>
        <Tag color="gold">{t('orders.walkIn.tag')}</Tag>
      </Space>
      {o.reporterPhone && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {o.reporterPhone}
        </Typography.Text>
      )}
    </Space>
  );
}

function drillValue(key: string, value: string, t: (k: string) => string): string {
  if (key === 'rating')
    return value
      .split(',')
      .map((r) => t(`orders.rating.${r}`))
      .join('、');
  if (value === 'true') return t('orders.filter.yes');
  if (value === 'false') return t('orders.filter.no');
  return value;
}

/** 批量派单 / 批量关闭: one call for up to 100 orders, each order moved (and audited) on its own. */
function BulkModal({
  action,
  ids,
  communityId,
  onClose,
  onDone,
}: {
  action: 'dispatch' | 'close' | null;
  ids: number[];
  communityId?: number;
  onClose: () => void;
  onDone: (r: BulkReply) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<TargetValues>();
  const run = useMutation({
    mutationFn: (v: TargetValues) =>
      api.post<BulkReply>(
        '/api/orders/bulk',
        action === 'dispatch'
          ? { ids, action, target: toDispatchBody(v) }
          : { ids, action: 'close', note: v.note?.trim() || null },
      ),
    onSuccess: (r) => {
      form.resetFields();
      onDone(r);
    },
    onError: (e) => void showFormError(form, e, message),
  });
  return (
    <Modal
      open={action !== null}
      title={t(action === 'close' ? 'orders.bulk.closeTitle' : 'orders.bulk.dispatchTitle', { count: ids.length })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t(action === 'close' ? 'orders.action.close' : 'orders.action.dispatch')}
      okButtonProps={{ loading: run.isPending, id: 'order-bulk-submit' }}
      destroyOnHidden
      width={620}
    >
      {ids.length > 100 && <Alert type="warning" style={{ marginBottom: 12 }} title={t('orders.bulk.tooMany')} />}
      <Form<TargetValues> form={form} layout="vertical" onFinish={(v) => run.mutate(v)} preserve={false}>
        {action === 'dispatch' ? (
          <DispatchFields communityId={communityId} />
        ) : (
          <Form.Item name="note" label={t('orders.field.note')}>
            <Input.TextArea rows={3} maxLength={2000} placeholder={t('orders.bulk.closeNote')} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
