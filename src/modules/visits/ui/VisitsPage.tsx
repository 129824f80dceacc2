import { PlusOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  DatePicker,
  Form,
  Input,
  Select,
  Space,
  Switch,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../../web/api/client';
import type { TerritoryRef } from '../../../web/api/types';
import { useCan, useMe } from '../../../web/app/auth';
import { queryClient } from '../../../web/app/queryClient';
import { FormModal } from '../../../web/components/FormModal';
import { PagedTable, type Filters } from '../../../web/components/PagedTable';
import { PageTitle } from '../../../web/components/PageTitle';
import { TerritoryTreeSelect } from '../../../web/components/TerritoryTreeSelect';
import { GridSelect, useLiaisons, useMyWorker, WorkerSelect } from './shared';
import { ORDER_CATEGORIES, type FindingOrderBody, type RecordVisitBody, type Visit } from './types';

const KEY = ['visits'] as const;
/** Query parameters of GET /api/visits the page carries in its URL (the coverage drill-down sets some). */
const PARAMS = ['workerId', 'gridId', 'from', 'to', 'hasFinding', 'hasOrder', 'assigned'] as const;

interface FilterValues {
  workerId?: number;
  gridId?: number;
  range?: [Dayjs | null, Dayjs | null] | null;
  hasFinding?: 'true' | 'false';
  hasOrder?: 'true' | 'false';
}
interface RecordValues {
  workerId?: number;
  household?: number;
  other?: TerritoryRef;
  visitedOn: Dayjs;
  note?: string;
  finding?: string;
  followUp?: boolean;
  toOrder?: boolean;
  category?: string;
  title?: string;
}

const invalidate = () =>
  Promise.all([
    queryClient.invalidateQueries({ queryKey: ['visits'] }),
    queryClient.invalidateQueries({ queryKey: ['orders'] }),
  ]);
const text = (s: string | undefined) => (s?.trim() ? s.trim() : null);

/** Category and title of a finding turned into an order (the form's last fields, and the row action's dialog). */
function OrderFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name="category"
        label={t('visits.field.category')}
        rules={[{ required: true, message: t('visits.categoryRequired') }]}
      >
        <Select
          data-testid="visit-form-category"
          options={ORDER_CATEGORIES.map((c) => ({ value: c, label: t(`orders.category.${c}`, { defaultValue: c }) }))}
        />
      </Form.Item>
      <Form.Item name="title" label={t('visits.field.orderTitle')}>
        <Input maxLength={100} data-testid="visit-form-title" />
      </Form.Item>
    </>
  );
}

/** The household pickers: the worker's liaison households, or any household/building of the caller's subtree. */
function PlaceFields({ workerId }: { workerId: number | undefined }) {
  const { t } = useTranslation();
  const liaisons = useLiaisons(workerId);
  return (
    <>
      <Form.Item
        name="household"
        label={t('visits.field.placeLiaison')}
        extra={t('visits.placeHelp')}
        dependencies={['other']}
        rules={[
          ({ getFieldValue }) => ({
            validator: (_, value?: number) =>
              value || getFieldValue('other')
                ? Promise.resolve()
                : Promise.reject(new Error(t('visits.placeRequired'))),
          }),
        ]}
      >
        <Select<number>
          data-testid="visit-form-household"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          loading={liaisons.isFetching}
          placeholder={t('visits.pickPlace')}
          options={(liaisons.data?.items ?? []).map((h) => ({ value: h.householdId, label: h.label }))}
        />
      </Form.Item>
      <Form.Item name="other" label={t('visits.field.placeOther')}>
        <TerritoryTreeSelect testId="visit-form-other" placeholder={t('visits.pickPlace')} />
      </Form.Item>
    </>
  );
}

/** 走访记录: visits of the caller's subtree with filters in the URL, 记录走访, and a finding → an order. */
export default function VisitsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const { data: me } = useMe();
  const canRecord = can('visit.record');
  const mine = useMyWorker(me?.id);
  const staff = !mine.worker;
  const [params, setParams] = useSearchParams();
  const [recording, setRecording] = useState(false);
  const [ordering, setOrdering] = useState<Visit | null>(null);
  const [form] = Form.useForm<FilterValues>();

  const filters = useMemo(() => {
    const f: Filters = {};
    for (const k of PARAMS) {
      const v = params.get(k);
      if (v) f[k] = v;
    }
    return f;
  }, [params]);
  useEffect(() => {
    const from = params.get('from');
    const to = params.get('to');
    form.setFieldsValue({
      workerId: params.get('workerId') ? Number(params.get('workerId')) : undefined,
      gridId: params.get('gridId') ? Number(params.get('gridId')) : undefined,
      range: from || to ? [from ? dayjs(from) : null, to ? dayjs(to) : null] : null,
      hasFinding: (params.get('hasFinding') as 'true' | 'false' | null) ?? undefined,
      hasOrder: (params.get('hasOrder') as 'true' | 'false' | null) ?? undefined,
    });
  }, [params, form]);
  const search = (v: FilterValues) => {
    const next = new URLSearchParams();
    const [from, to] = v.range ?? [null, null];
    const set = (k: string, x: string | undefined) => x && next.set(k, x);
    set('workerId', v.workerId ? String(v.workerId) : undefined);
    set('gridId', v.gridId ? String(v.gridId) : undefined);
    set('from', from?.format('YYYY-MM-DD'));
    set('to', to?.format('YYYY-MM-DD'));
    set('hasFinding', v.hasFinding);
    set('hasOrder', v.hasOrder);
    setParams(next);
  };

  const record = (v: RecordValues) => {
    const territoryId = v.other?.id ?? v.household;
    const body: RecordVisitBody = {
      workerId: staff ? (v.workerId ?? null) : null,
      // An unpicked place goes as 0: the API answers it with a message under the place field.
      territoryId: territoryId ?? 0,
      visitedOn: v.visitedOn.format('YYYY-MM-DD'),
      note: text(v.note),
      finding: text(v.finding),
      followUp: !!v.followUp,
      order: v.toOrder ? { category: v.category ?? '', title: text(v.title) } : null,
    };
    return api.post<Visit>('/api/visits', body);
  };
  const toOrder = (v: FindingOrderBody) =>
    api.post<Visit>(`/api/visits/${ordering!.id}/order`, { category: v.category, title: text(v.title ?? undefined) });

  const yesNo = [
    { value: 'true', label: t('visits.yes') },
    { value: 'false', label: t('visits.no') },
  ];
  const columns: TableColumnsType<Visit> = [
    { title: t('visits.field.visitedOn'), dataIndex: 'visitedOn', width: 110 },
    {
      title: t('visits.field.visitor'),
      key: 'visitor',
      render: (_, v) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {v.visitorName}
          {v.gridName && <Typography.Text type="secondary"> · {v.gridName}</Typography.Text>}
        </span>
      ),
    },
    {
      title: t('visits.field.place'),
      key: 'place',
      render: (_, v) => (
        <span>
          {v.community.name} {v.placeName}
        </span>
      ),
    },
    { title: t('visits.field.note'), dataIndex: 'note', render: (n: string | null) => n ?? '—' },
    {
      title: t('visits.field.finding'),
      key: 'finding',
      render: (_, v) =>
        v.finding ? (
          <Space size={4} wrap>
            <span>{v.finding}</span>
            {v.followUp && <Tag color="orange">{t('visits.followUpTag')}</Tag>}
          </Space>
        ) : (
          '—'
        ),
    },
    {
      title: t('visits.field.order'),
      key: 'order',
      width: 150,
      render: (_, v) =>
        v.order ? (
          <Space size={4}>
            <Link to={`/orders/${v.order.id}`} data-testid={`visit-order-${v.id}`}>
              #{v.order.id}
            </Link>
            <Tag>{t(`orders.status.${v.order.status}`, { defaultValue: v.order.status })}</Tag>
          </Space>
        ) : v.finding && canRecord ? (
          <Button
            type="link"
            size="small"
            style={{ paddingInline: 0 }}
            onClick={() => setOrdering(v)}
            data-testid={`visit-to-order-${v.id}`}
          >
            {t('visits.toOrderAction')}
          </Button>
        ) : (
          '—'
        ),
    },
  ];

  const drilled = params.get('assigned') === 'true';
  return (
    <div data-testid="visits-page">
      <PageTitle
        title={t('visits.title')}
        help={t('visits.help')}
        extra={
          canRecord && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setRecording(true)} data-testid="visit-add">
              {t('visits.record')}
            </Button>
          )
        }
      />
      {drilled && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('visits.onlyAssigned')}
          action={
            <Button size="small" onClick={() => setParams(new URLSearchParams())}>
              {t('common.reset')}
            </Button>
          }
        />
      )}
      <Form<FilterValues>
        form={form}
        layout="inline"
        onFinish={search}
        data-testid="visit-filter"
        style={{ rowGap: 12, marginBottom: 16 }}
      >
        <Form.Item name="workerId" label={t('visits.field.worker')}>
          <WorkerSelect allowClear testId="visit-filter-worker" />
        </Form.Item>
        <Form.Item name="gridId" label={t('visits.field.grid')}>
          <GridSelect />
        </Form.Item>
        <Form.Item name="range" label={t('visits.field.dates')}>
          <DatePicker.RangePicker allowEmpty={[true, true]} />
        </Form.Item>
        <Form.Item name="hasFinding" label={t('visits.field.hasFinding')}>
          <Select allowClear style={{ width: 90 }} options={yesNo} data-testid="visit-filter-finding" />
        </Form.Item>
        <Form.Item name="hasOrder" label={t('visits.field.hasOrder')}>
          <Select allowClear style={{ width: 90 }} options={yesNo} data-testid="visit-filter-order" />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="visit-filter-submit">
              {t('common.search')}
            </Button>
            <Button icon={<ReloadOutlined />} onClick={() => setParams(new URLSearchParams())}>
              {t('common.reset')}
            </Button>
          </Space>
        </Form.Item>
      </Form>
      <PagedTable<Visit>
        queryKey={KEY}
        path="/api/visits"
        filters={filters}
        rowKey={(v) => v.id}
        testId="visit-table"
        emptyText={t('visits.noVisits')}
        columns={columns}
      />
      <FormModal<RecordValues>
        open={recording}
        title={t('visits.record')}
        width={560}
        initialValues={{ visitedOn: dayjs(), followUp: false, toOrder: false }}
        submit={record}
        onDone={async () => {
          setRecording(false);
          await invalidate();
        }}
        onCancel={() => setRecording(false)}
        fieldMap={{ territoryId: 'household', order: 'category' }}
        testId="visit-form"
      >
        {(f) => (
          <>
            {staff && (
              <Form.Item name="workerId" label={t('visits.field.worker')}>
                <WorkerSelect allowClear testId="visit-form-worker" />
              </Form.Item>
            )}
            <Form.Item noStyle shouldUpdate={(a, b) => a.workerId !== b.workerId}>
              {() => <PlaceFields workerId={staff ? f.getFieldValue('workerId') : mine.worker?.id} />}
            </Form.Item>
            <Form.Item
              name="visitedOn"
              label={t('visits.field.visitedOn')}
              rules={[{ required: true, message: t('visits.visitedOnRequired') }]}
            >
              <DatePicker
                disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                allowClear={false}
                data-testid="visit-form-date"
              />
            </Form.Item>
            <Form.Item name="note" label={t('visits.field.note')}>
              <Input.TextArea rows={2} maxLength={2000} data-testid="visit-form-note" />
            </Form.Item>
            <Form.Item
              name="finding"
              label={t('visits.field.finding')}
              dependencies={['toOrder']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_, value?: string) =>
                    getFieldValue('toOrder') && !value?.trim()
                      ? Promise.reject(new Error(t('visits.findingRequired')))
                      : Promise.resolve(),
                }),
              ]}
            >
              <Input.TextArea rows={2} maxLength={2000} data-testid="visit-form-finding" />
            </Form.Item>
            <Space size="large">
              <Form.Item name="followUp" label={t('visits.field.followUp')} valuePropName="checked">
                <Switch data-testid="visit-form-follow" />
              </Form.Item>
              <Form.Item
                name="toOrder"
                label={t('visits.field.toOrder')}
                valuePropName="checked"
                tooltip={t('visits.toOrderHelp')}
              >
                <Switch data-testid="visit-form-to-order" />
              </Form.Item>
            </Space>
            <Form.Item noStyle shouldUpdate={(a, b) => a.toOrder !== b.toOrder}>
              {() => (f.getFieldValue('toOrder') ? <OrderFields /> : null)}
            </Form.Item>
          </>
        )}
      </FormModal>
      <FormModal<FindingOrderBody>
        open={ordering !== null}
        title={t('visits.toOrderTitle')}
        submit={toOrder}
        onDone={async () => {
          setOrdering(null);
          await invalidate();
        }}
        onCancel={() => setOrdering(null)}
        testId="visit-order-form"
      >
        {ordering && (
          <Typography.Paragraph type="secondary">
            {ordering.community.name} {ordering.placeName}：{ordering.finding}
          </Typography.Paragraph>
        )}
        <OrderFields />
      </FormModal>
    </div>
  );
}
