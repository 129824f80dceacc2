import { PlusOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, InputNumber, Select, Space, Typography, type TableColumnsType } from 'antd';
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
import { CommunitySelect, PostTag, text, useOptions } from './shared';
import { DEGREE_LEVELS, POSTS, WORKER_STATUSES, type CreateWorkerBody, type Worker, type WorkerDetail } from './types';

const PARAMS = ['territoryId', 'post', 'grade', 'status', 'q'] as const;

interface FilterValues {
  territoryId?: number;
  post?: string;
  grade?: number;
  status?: string;
  q?: string;
}
interface CreateValues {
  name: string;
  phone?: string;
  communityId?: number;
  startedOn: Dayjs;
  degree: CreateWorkerBody['degree'];
  post: CreateWorkerBody['post'];
  title?: string;
}

/** 社区工作者: the register on 三岗十八级 with filters in the URL (the dashboard drills down here) and 登记. */
export default function WorkersPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<FilterValues>();
  const posts = useOptions('post', POSTS);
  const degrees = useOptions('degree', DEGREE_LEVELS);
  const statuses = useOptions('status', WORKER_STATUSES);

  const filters = useMemo(() => {
    const f: Filters = {};
    for (const k of PARAMS) {
      const v = params.get(k);
      if (v) f[k] = v;
    }
    return f;
  }, [params]);
  useEffect(() => {
    const n = (k: string) => (params.get(k) ? Number(params.get(k)) : undefined);
    form.setFieldsValue({
      territoryId: n('territoryId'),
      post: params.get('post') ?? undefined,
      grade: n('grade'),
      status: params.get('status') ?? undefined,
      q: params.get('q') ?? undefined,
    });
  }, [params, form]);
  const search = (v: FilterValues) => {
    const next = new URLSearchParams();
    for (const k of PARAMS) {
      const x = v[k];
      if (x !== undefined && x !== null && x !== '') next.set(k, String(x));
    }
    setParams(next);
  };

  const create = (v: CreateValues) =>
    api.post<WorkerDetail>('/api/cadres/workers', {
      name: v.name ?? '',
      phone: text(v.phone),
      communityId: v.communityId ?? 0,
      startedOn: v.startedOn?.format('YYYY-MM-DD') ?? '',
      degree: v.degree,
      post: v.post,
      title: text(v.title),
    } satisfies CreateWorkerBody);

  const columns: TableColumnsType<Worker> = [
    {
      title: t('cadres.field.name'),
      key: 'name',
      render: (_, w) => (
        <Link to={`/cadres/workers/${w.id}`} data-testid={`worker-${w.id}`}>
          {w.name}
        </Link>
      ),
    },
    { title: t('cadres.field.community'), key: 'community', render: (_, w) => w.community.name },
    {
      title: t('cadres.field.post'),
      key: 'post',
      render: (_, w) => (
        <Space size={4} wrap>
          {w.current ? <PostTag post={w.current.post} /> : '—'}
          {w.title && <Typography.Text type="secondary">{w.title}</Typography.Text>}
        </Space>
      ),
    },
    {
      title: t('cadres.field.grade'),
      key: 'grade',
      width: 150,
      render: (_, w) =>
        w.current ? (
          <span style={{ whiteSpace: 'nowrap' }}>
            {t('cadres.gradeOf', { grade: w.current.grade })}
            <Typography.Text type="secondary"> · {t('cadres.bandOf', { band: w.current.band })}</Typography.Text>
          </span>
        ) : (
          '—'
        ),
    },
    {
      title: t('cadres.field.years'),
      key: 'years',
      width: 160,
      render: (_, w) =>
        w.current ? t('cadres.yearsOf', { years: w.current.years, counted: w.current.countedYears }) : '—',
    },
    { title: t('cadres.field.startedOn'), dataIndex: 'startedOn', width: 110 },
    { title: t('cadres.field.nextOn'), key: 'nextOn', width: 110, render: (_, w) => w.current?.nextOn ?? '—' },
    { title: t('cadres.field.phone'), dataIndex: 'phone', width: 130, render: (p: string | null) => p ?? '—' },
    {
      title: t('cadres.field.status'),
      dataIndex: 'status',
      width: 80,
      render: (s: string) => t(`cadres.status.${s}`),
    },
  ];

  return (
    <div data-testid="cadre-workers-page">
      <PageTitle
        title={t('cadres.workers.title')}
        help={t('cadres.workers.help')}
        extra={
          can('cadre.manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="worker-add">
              {t('cadres.workers.add')}
            </Button>
          )
        }
      />
      <Form<FilterValues> form={form} layout="inline" onFinish={search} style={{ rowGap: 12, marginBottom: 16 }}>
        <Form.Item name="territoryId" label={t('cadres.field.community')}>
          <CommunitySelect testId="worker-filter-community" />
        </Form.Item>
        <Form.Item name="post" label={t('cadres.field.post')}>
          <Select allowClear style={{ width: 150 }} options={posts} data-testid="worker-filter-post" />
        </Form.Item>
        <Form.Item name="grade" label={t('cadres.field.grade')}>
          <InputNumber min={1} max={18} style={{ width: 80 }} data-testid="worker-filter-grade" />
        </Form.Item>
        <Form.Item name="status" label={t('cadres.field.status')}>
          <Select allowClear style={{ width: 100 }} options={statuses} />
        </Form.Item>
        <Form.Item name="q" label={t('cadres.field.name')}>
          <Input allowClear style={{ width: 120 }} maxLength={40} />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="worker-filter-submit">
              {t('common.search')}
            </Button>
            <Button icon={<ReloadOutlined />} onClick={() => setParams(new URLSearchParams())}>
              {t('common.reset')}
            </Button>
          </Space>
        </Form.Item>
      </Form>
      <PagedTable<Worker>
        queryKey={['cadres', 'workers']}
        path="/api/cadres/workers"
        filters={filters}
        rowKey={(w) => w.id}
        testId="worker-table"
        emptyText={t('cadres.workers.none')}
        columns={columns}
        scrollX={1100}
      />
      <FormModal<CreateValues>
        open={creating}
        title={t('cadres.workers.add')}
        width={560}
        initialValues={{ degree: 'none', post: 'staff' }}
        submit={create}
        onDone={async () => {
          setCreating(false);
          await queryClient.invalidateQueries({ queryKey: ['cadres'] });
        }}
        onCancel={() => setCreating(false)}
        testId="worker-form"
      >
        <Form.Item
          name="name"
          label={t('cadres.field.name')}
          rules={[{ required: true, message: t('cadres.required') }]}
        >
          <Input maxLength={40} data-testid="worker-form-name" />
        </Form.Item>
        <Form.Item
          name="communityId"
          label={t('cadres.field.community')}
          rules={[{ required: true, message: t('cadres.required') }]}
        >
          <CommunitySelect allowClear={false} testId="worker-form-community" />
        </Form.Item>
        <Space size="large" wrap>
          <Form.Item name="post" label={t('cadres.field.post')} rules={[{ required: true }]}>
            <Select style={{ width: 170 }} options={posts} data-testid="worker-form-post" />
          </Form.Item>
          <Form.Item name="title" label={t('cadres.field.title')}>
            <Input maxLength={40} style={{ width: 220 }} placeholder={t('cadres.titlePlaceholder')} />
          </Form.Item>
        </Space>
        <Space size="large" wrap>
          <Form.Item
            name="startedOn"
            label={t('cadres.field.startedOn')}
            rules={[{ required: true, message: t('cadres.required') }]}
          >
            <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="worker-form-started" />
          </Form.Item>
          <Form.Item name="degree" label={t('cadres.field.degree')} tooltip={t('cadres.degreeHelp')}>
            <Select style={{ width: 150 }} options={degrees} data-testid="worker-form-degree" />
          </Form.Item>
        </Space>
        <Form.Item name="phone" label={t('cadres.field.phone')}>
          <Input maxLength={11} data-testid="worker-form-phone" />
        </Form.Item>
        <Typography.Paragraph type="secondary">{t('cadres.derivedNote')}</Typography.Paragraph>
      </FormModal>
    </div>
  );
}
