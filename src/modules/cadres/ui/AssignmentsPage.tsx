import { PlusOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../../web/api/client';
import { useCan } from '../../../web/app/auth';
import { queryClient } from '../../../web/app/queryClient';
import { FormModal } from '../../../web/components/FormModal';
import { PagedTable, type Filters } from '../../../web/components/PagedTable';
import { PageTitle } from '../../../web/components/PageTitle';
import { CommunitySelect, text, useOptions } from './shared';
import {
  ASSIGNMENT_KINDS,
  ORDER_CATEGORIES,
  type Assignment,
  type AssignmentDetail,
  type CreateAssignmentBody,
  type RecordWorkBody,
} from './types';

const PARAMS = ['territoryId', 'kind', 'activeOn', 'from', 'to', 'q'] as const;

interface FilterValues {
  territoryId?: number;
  kind?: string;
  activeOn?: Dayjs | null;
  range?: [Dayjs | null, Dayjs | null] | null;
  q?: string;
}
interface CreateValues {
  cadreName: string;
  unitName: string;
  position?: string;
  kind: CreateAssignmentBody['kind'];
  communityId?: number;
  period?: [Dayjs | null, Dayjs | null] | null;
  duties?: string;
}
interface WorkValues {
  workedOn: Dayjs;
  found?: string;
  handled?: string;
  toOrder?: boolean;
  category?: string;
  title?: string;
}

const day = (d: Dayjs | null | undefined) => d?.format('YYYY-MM-DD');

function OrderFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name="category"
        label={t('cadres.field.category')}
        rules={[{ required: true, message: t('cadres.required') }]}
      >
        <Select
          options={ORDER_CATEGORIES.map((c) => ({ value: c, label: t(`orders.category.${c}`, { defaultValue: c }) }))}
        />
      </Form.Item>
      <Form.Item name="title" label={t('cadres.field.orderTitle')}>
        <Input maxLength={100} />
      </Form.Item>
    </>
  );
}

/** One assignment: the cadre, the period and duties, the visits with what was found and handled. */
function AssignmentDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const [recording, setRecording] = useState(false);
  const [ordering, setOrdering] = useState<number | null>(null);
  const q = useQuery({
    queryKey: ['cadres', 'assignment', id],
    queryFn: () => api.get<AssignmentDetail>(`/api/cadres/assignments/${id}`),
    enabled: id !== null,
  });
  const a = q.data;
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['cadres'] }),
      queryClient.invalidateQueries({ queryKey: ['orders'] }),
    ]);
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={720}
      title={a ? `${a.cadreName} · ${a.unitName}` : ''}
      extra={
        can('cadre.record') && (
          <Button type="primary" onClick={() => setRecording(true)} data-testid="assignment-record-work">
            {t('cadres.assignments.recordWork')}
          </Button>
        )
      }
    >
      {a && (
        <>
          <Descriptions size="small" column={2} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('cadres.field.kind')}>{t(`cadres.kind.${a.kind}`)}</Descriptions.Item>
            <Descriptions.Item label={t('cadres.field.community')}>{a.community.name}</Descriptions.Item>
            <Descriptions.Item label={t('cadres.field.position')}>{a.position ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('cadres.field.period')}>
              {a.fromOn} – {a.toOn ?? t('cadres.ongoing')}
            </Descriptions.Item>
            <Descriptions.Item label={t('cadres.field.duties')} span={2}>
              {a.duties ?? '—'}
            </Descriptions.Item>
          </Descriptions>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={a.work}
            data-testid="assignment-work"
            tableLayout="fixed"
            locale={{ emptyText: t('cadres.assignments.workNone') }}
            columns={[
              { title: t('cadres.field.workedOn'), dataIndex: 'workedOn', width: 110 },
              { title: t('cadres.field.found'), dataIndex: 'found', render: (x: string | null) => x ?? '—' },
              { title: t('cadres.field.handled'), dataIndex: 'handled', render: (x: string | null) => x ?? '—' },
              {
                title: t('cadres.field.order'),
                key: 'order',
                width: 120,
                render: (_, r) =>
                  r.order ? (
                    <Space size={4}>
                      <Link to={`/orders/${r.order.id}`}>#{r.order.id}</Link>
                      <Tag>{t(`orders.status.${r.order.status}`, { defaultValue: r.order.status })}</Tag>
                    </Space>
                  ) : r.found && can('cadre.record') ? (
                    <Button type="link" size="small" style={{ paddingInline: 0 }} onClick={() => setOrdering(r.id)}>
                      {t('cadres.assignments.toOrder')}
                    </Button>
                  ) : (
                    '—'
                  ),
              },
            ]}
          />
        </>
      )}
      <FormModal<WorkValues>
        open={recording}
        title={t('cadres.assignments.recordWork')}
        initialValues={{ workedOn: dayjs(), toOrder: false }}
        submit={(v) =>
          api.post(`/api/cadres/assignments/${id}/work`, {
            workedOn: day(v.workedOn) ?? '',
            found: text(v.found),
            handled: text(v.handled),
            order: v.toOrder ? { category: v.category ?? '', title: text(v.title) } : null,
          } satisfies RecordWorkBody)
        }
        onDone={async () => {
          setRecording(false);
          await refresh();
        }}
        onCancel={() => setRecording(false)}
        fieldMap={{ order: 'category' }}
        testId="work-form"
      >
        {(f) => (
          <>
            <Form.Item
              name="workedOn"
              label={t('cadres.field.workedOn')}
              rules={[{ required: true, message: t('cadres.required') }]}
            >
              <DatePicker allowClear={false} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
            <Form.Item name="found" label={t('cadres.field.found')}>
              <Input.TextArea rows={2} maxLength={2000} data-testid="work-form-found" />
            </Form.Item>
            <Form.Item name="handled" label={t('cadres.field.handled')}>
              <Input.TextArea rows={2} maxLength={2000} data-testid="work-form-handled" />
            </Form.Item>
            <Form.Item name="toOrder" label={t('cadres.assignments.toOrder')} valuePropName="checked">
              <Switch />
            </Form.Item>
            <Form.Item noStyle shouldUpdate={(x, y) => x.toOrder !== y.toOrder}>
              {() => (f.getFieldValue('toOrder') ? <OrderFields /> : null)}
            </Form.Item>
          </>
        )}
      </FormModal>
      <FormModal<{ category: string; title?: string }>
        open={ordering !== null}
        title={t('cadres.assignments.toOrderTitle')}
        submit={(v) =>
          api.post(`/api/cadres/assignments/${id}/work/${ordering}/order`, {
            category: v.category,
            title: text(v.title),
          })
        }
        onDone={async () => {
          setOrdering(null);
          await refresh();
        }}
        onCancel={() => setOrdering(null)}
      >
        <OrderFields />
      </FormModal>
    </Drawer>
  );
}

/** 干部包联下沉: assignments of the subtree with their visits in a period; the dashboard drills down here. */
export default function AssignmentsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<number | null>(null);
  const [form] = Form.useForm<FilterValues>();
  const kinds = useOptions('kind', ASSIGNMENT_KINDS);

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
      territoryId: params.get('territoryId') ? Number(params.get('territoryId')) : undefined,
      kind: params.get('kind') ?? undefined,
      activeOn: params.get('activeOn') ? dayjs(params.get('activeOn')) : null,
      range: from || to ? [from ? dayjs(from) : null, to ? dayjs(to) : null] : null,
      q: params.get('q') ?? undefined,
    });
  }, [params, form]);
  const search = (v: FilterValues) => {
    const next = new URLSearchParams();
    const set = (k: string, x: string | undefined) => x && next.set(k, x);
    set('territoryId', v.territoryId ? String(v.territoryId) : undefined);
    set('kind', v.kind);
    set('activeOn', day(v.activeOn));
    set('from', day(v.range?.[0]));
    set('to', day(v.range?.[1]));
    set('q', v.q?.trim());
    setParams(next);
  };

  const columns: TableColumnsType<Assignment> = [
    {
      title: t('cadres.field.cadre'),
      key: 'cadre',
      render: (_, a) => (
        <Button
          type="link"
          style={{ paddingInline: 0 }}
          onClick={() => setOpen(a.id)}
          data-testid={`assignment-${a.id}`}
        >
          {a.cadreName}
        </Button>
      ),
    },
    {
      title: t('cadres.field.unit'),
      key: 'unit',
      render: (_, a) => (
        <span>
          {a.unitName}
          {a.position && <Typography.Text type="secondary"> · {a.position}</Typography.Text>}
        </span>
      ),
    },
    {
      title: t('cadres.field.kind'),
      dataIndex: 'kind',
      width: 80,
      render: (k: string) => <Tag color={k === 'liaison' ? 'red' : 'blue'}>{t(`cadres.kind.${k}`)}</Tag>,
    },
    { title: t('cadres.field.community'), key: 'community', render: (_, a) => a.community.name },
    {
      title: t('cadres.field.period'),
      key: 'period',
      width: 200,
      render: (_, a) => `${a.fromOn} – ${a.toOn ?? t('cadres.ongoing')}`,
    },
    { title: t('cadres.field.records'), dataIndex: 'records', width: 90 },
    { title: t('cadres.field.orders'), dataIndex: 'orders', width: 80 },
  ];

  const create = (v: CreateValues) =>
    api.post('/api/cadres/assignments', {
      cadreName: v.cadreName ?? '',
      unitName: v.unitName ?? '',
      position: text(v.position),
      kind: v.kind,
      communityId: v.communityId ?? 0,
      fromOn: day(v.period?.[0]) ?? '',
      toOn: day(v.period?.[1]) ?? null,
      duties: text(v.duties),
    } satisfies CreateAssignmentBody);

  const from = params.get('from');
  const to = params.get('to');
  return (
    <div data-testid="cadre-assignments-page">
      <PageTitle
        title={t('cadres.assignments.title')}
        help={t('cadres.assignments.help')}
        extra={
          can('cadre.manage') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="assignment-add"
            >
              {t('cadres.assignments.add')}
            </Button>
          )
        }
      />
      <Form<FilterValues> form={form} layout="inline" onFinish={search} style={{ rowGap: 12, marginBottom: 16 }}>
        <Form.Item name="territoryId" label={t('cadres.field.community')}>
          <CommunitySelect />
        </Form.Item>
        <Form.Item name="kind" label={t('cadres.field.kind')}>
          <Select allowClear style={{ width: 100 }} options={kinds} />
        </Form.Item>
        <Form.Item name="activeOn" label={t('cadres.field.activeOn')}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="range" label={t('cadres.field.dates')}>
          <DatePicker.RangePicker allowEmpty={[true, true]} />
        </Form.Item>
        <Form.Item name="q" label={t('cadres.field.keyword')}>
          <Input allowClear style={{ width: 140 }} maxLength={40} />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
              {t('common.search')}
            </Button>
            <Button icon={<ReloadOutlined />} onClick={() => setParams(new URLSearchParams())}>
              {t('common.reset')}
            </Button>
          </Space>
        </Form.Item>
      </Form>
      {(from || to) && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('cadres.assignments.periodRecords', { from: from ?? '…', to: to ?? '…' })}
        />
      )}
      <PagedTable<Assignment>
        queryKey={['cadres', 'assignments']}
        path="/api/cadres/assignments"
        filters={filters}
        rowKey={(a) => a.id}
        testId="assignment-table"
        emptyText={t('cadres.assignments.none')}
        columns={columns}
        scrollX={1000}
      />
      <AssignmentDrawer id={open} onClose={() => setOpen(null)} />
      <FormModal<CreateValues>
        open={creating}
        title={t('cadres.assignments.add')}
        width={560}
        initialValues={{ kind: 'liaison', period: [dayjs(), null] }}
        submit={create}
        onDone={async () => {
          setCreating(false);
          await queryClient.invalidateQueries({ queryKey: ['cadres'] });
        }}
        onCancel={() => setCreating(false)}
        fieldMap={{ fromOn: 'period', toOn: 'period' }}
        testId="assignment-form"
      >
        <Space size="large" wrap>
          <Form.Item
            name="cadreName"
            label={t('cadres.field.cadre')}
            rules={[{ required: true, message: t('cadres.required') }]}
          >
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="kind" label={t('cadres.field.kind')}>
            <Select style={{ width: 110 }} options={kinds} />
          </Form.Item>
        </Space>
        <Space size="large" wrap>
          <Form.Item
            name="unitName"
            label={t('cadres.field.unit')}
            rules={[{ required: true, message: t('cadres.required') }]}
          >
            <Input maxLength={100} style={{ width: 260 }} />
          </Form.Item>
          <Form.Item name="position" label={t('cadres.field.position')}>
            <Input maxLength={40} />
          </Form.Item>
        </Space>
        <Form.Item
          name="communityId"
          label={t('cadres.field.community')}
          rules={[{ required: true, message: t('cadres.required') }]}
        >
          <CommunitySelect allowClear={false} />
        </Form.Item>
        <Form.Item name="period" label={t('cadres.field.period')}>
          <DatePicker.RangePicker allowEmpty={[false, true]} />
        </Form.Item>
        <Form.Item name="duties" label={t('cadres.field.duties')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </FormModal>
    </div>
  );
}
