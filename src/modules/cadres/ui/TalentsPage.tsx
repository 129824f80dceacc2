import { PlusOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Button,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  Tag,
  type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../../web/api/client';
import { useCan } from '../../../web/app/auth';
import { queryClient } from '../../../web/app/queryClient';
import { FormModal } from '../../../web/components/FormModal';
import { PagedTable, type Filters } from '../../../web/components/PagedTable';
import { PageTitle } from '../../../web/components/PageTitle';
import { CommunitySelect, text, useOptions } from './shared';
import {
  TALENT_SOURCES,
  TALENT_STATUSES,
  TRAINING_KINDS,
  type CreateTalentBody,
  type RecordTrainingBody,
  type Talent,
  type TalentDetail,
} from './types';

const PARAMS = ['territoryId', 'source', 'status', 'current', 'trained'] as const;
const STATUS_COLORS: Record<string, string> = {
  pool: 'default',
  training: 'blue',
  appointed: 'green',
  left: 'default',
};
const day = (d: Dayjs | null | undefined) => d?.format('YYYY-MM-DD');

interface FilterValues {
  territoryId?: number;
  source?: string;
  status?: string;
}
interface CreateValues {
  name: string;
  communityId?: number;
  source: CreateTalentBody['source'];
  birthYear?: number | null;
  enteredOn: Dayjs;
  note?: string;
}
interface TrainingValues {
  kind: RecordTrainingBody['kind'];
  title: string;
  period?: [Dayjs | null, Dayjs | null] | null;
}

function TalentDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const [training, setTraining] = useState(false);
  const kinds = useOptions('training', TRAINING_KINDS);
  const statuses = useOptions('talentStatus', TALENT_STATUSES);
  const q = useQuery({
    queryKey: ['cadres', 'talent', id],
    queryFn: () => api.get<TalentDetail>(`/api/cadres/talents/${id}`),
    enabled: id !== null,
  });
  const p = q.data;
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['cadres'] });
  const manage = can('cadre.manage');
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={640}
      title={p ? `${p.name} · ${p.community.name}` : ''}
      extra={
        manage &&
        p?.status !== 'left' && (
          <Button type="primary" onClick={() => setTraining(true)} data-testid="talent-record-training">
            {t('cadres.talents.recordTraining')}
          </Button>
        )
      }
    >
      {p && (
        <>
          <Descriptions size="small" column={2} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('cadres.field.source')}>{t(`cadres.source.${p.source}`)}</Descriptions.Item>
            <Descriptions.Item label={t('cadres.field.status')}>
              {manage ? (
                <Select
                  size="small"
                  style={{ width: 110 }}
                  value={p.status}
                  options={statuses}
                  onChange={async (status) => {
                    await api.patch(`/api/cadres/talents/${p.id}`, { status });
                    await refresh();
                  }}
                />
              ) : (
                t(`cadres.talentStatus.${p.status}`)
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('cadres.field.birthYear')}>{p.birthYear ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('cadres.field.enteredOn')}>{p.enteredOn}</Descriptions.Item>
            <Descriptions.Item label={t('cadres.field.note')} span={2}>
              {p.note ?? '—'}
            </Descriptions.Item>
          </Descriptions>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={p.training}
            locale={{ emptyText: t('cadres.talents.trainingNone') }}
            columns={[
              {
                title: t('cadres.field.trainingKind'),
                dataIndex: 'kind',
                width: 100,
                render: (k: string) => t(`cadres.training.${k}`),
              },
              { title: t('cadres.field.trainingTitle'), dataIndex: 'title' },
              {
                title: t('cadres.field.trainingPeriod'),
                key: 'period',
                width: 210,
                render: (_, x) => `${x.fromOn} – ${x.toOn ?? t('cadres.ongoing')}`,
              },
            ]}
          />
        </>
      )}
      <FormModal<TrainingValues>
        open={training}
        title={t('cadres.talents.recordTraining')}
        initialValues={{ kind: 'course', period: [dayjs(), null] }}
        submit={(v) =>
          api.post(`/api/cadres/talents/${id}/trainings`, {
            kind: v.kind,
            title: v.title ?? '',
            fromOn: day(v.period?.[0]) ?? '',
            toOn: day(v.period?.[1]) ?? null,
          } satisfies RecordTrainingBody)
        }
        onDone={async () => {
          setTraining(false);
          await refresh();
        }}
        onCancel={() => setTraining(false)}
        fieldMap={{ fromOn: 'period', toOn: 'period' }}
      >
        <Form.Item name="kind" label={t('cadres.field.trainingKind')}>
          <Select options={kinds} />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('cadres.field.trainingTitle')}
          rules={[{ required: true, message: t('cadres.required') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="period" label={t('cadres.field.trainingPeriod')}>
          <DatePicker.RangePicker allowEmpty={[false, true]} />
        </Form.Item>
      </FormModal>
    </Drawer>
  );
}

/** 后备人才: the reserve pool of the subtree with source, training and status. */
export default function TalentsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<number | null>(null);
  const [form] = Form.useForm<FilterValues>();
  const sources = useOptions('source', TALENT_SOURCES);
  const statuses = useOptions('talentStatus', TALENT_STATUSES);
  const filters = useMemo(() => {
    const f: Filters = {};
    for (const k of PARAMS) {
      const v = params.get(k);
      if (v) f[k] = v;
    }
    return f;
  }, [params]);
  useEffect(() => {
    form.setFieldsValue({
      territoryId: params.get('territoryId') ? Number(params.get('territoryId')) : undefined,
      source: params.get('source') ?? undefined,
      status: params.get('status') ?? undefined,
    });
  }, [params, form]);
  const search = (v: FilterValues) => {
    const next = new URLSearchParams();
    if (v.territoryId) next.set('territoryId', String(v.territoryId));
    if (v.source) next.set('source', v.source);
    if (v.status) next.set('status', v.status);
    setParams(next);
  };
  const columns: TableColumnsType<Talent> = [
    {
      title: t('cadres.field.name'),
      key: 'name',
      render: (_, p) => (
        <Button type="link" style={{ paddingInline: 0 }} onClick={() => setOpen(p.id)} data-testid={`talent-${p.id}`}>
          {p.name}
        </Button>
      ),
    },
    { title: t('cadres.field.community'), key: 'community', render: (_, p) => p.community.name },
    { title: t('cadres.field.source'), dataIndex: 'source', render: (s: string) => t(`cadres.source.${s}`) },
    { title: t('cadres.field.birthYear'), dataIndex: 'birthYear', width: 90, render: (y: number | null) => y ?? '—' },
    { title: t('cadres.field.enteredOn'), dataIndex: 'enteredOn', width: 110 },
    { title: t('cadres.field.trainings'), dataIndex: 'trainings', width: 90 },
    {
      title: t('cadres.field.status'),
      dataIndex: 'status',
      width: 90,
      render: (s: string) => <Tag color={STATUS_COLORS[s]}>{t(`cadres.talentStatus.${s}`)}</Tag>,
    },
  ];
  return (
    <div data-testid="cadre-talents-page">
      <PageTitle
        title={t('cadres.talents.title')}
        help={t('cadres.talents.help')}
        extra={
          can('cadre.manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="talent-add">
              {t('cadres.talents.add')}
            </Button>
          )
        }
      />
      <Form<FilterValues> form={form} layout="inline" onFinish={search} style={{ rowGap: 12, marginBottom: 16 }}>
        <Form.Item name="territoryId" label={t('cadres.field.community')}>
          <CommunitySelect />
        </Form.Item>
        <Form.Item name="source" label={t('cadres.field.source')}>
          <Select allowClear style={{ width: 160 }} options={sources} />
        </Form.Item>
        <Form.Item name="status" label={t('cadres.field.status')}>
          <Select allowClear style={{ width: 110 }} options={statuses} />
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
      <PagedTable<Talent>
        queryKey={['cadres', 'talents']}
        path="/api/cadres/talents"
        filters={filters}
        rowKey={(p) => p.id}
        testId="talent-table"
        emptyText={t('cadres.talents.none')}
        columns={columns}
      />
      <TalentDrawer id={open} onClose={() => setOpen(null)} />
      <FormModal<CreateValues>
        open={creating}
        title={t('cadres.talents.add')}
        initialValues={{ source: 'gridWorker', enteredOn: dayjs() }}
        submit={(v) =>
          api.post('/api/cadres/talents', {
            name: v.name ?? '',
            communityId: v.communityId ?? 0,
            source: v.source,
            birthYear: v.birthYear ?? null,
            enteredOn: day(v.enteredOn) ?? '',
            note: text(v.note),
          } satisfies CreateTalentBody)
        }
        onDone={async () => {
          setCreating(false);
          await queryClient.invalidateQueries({ queryKey: ['cadres'] });
        }}
        onCancel={() => setCreating(false)}
      >
        <Form.Item
          name="name"
          label={t('cadres.field.name')}
          rules={[{ required: true, message: t('cadres.required') }]}
        >
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item
          name="communityId"
          label={t('cadres.field.community')}
          rules={[{ required: true, message: t('cadres.required') }]}
        >
          <CommunitySelect allowClear={false} />
        </Form.Item>
        <Space size="large" wrap>
          <Form.Item name="source" label={t('cadres.field.source')}>
            <Select style={{ width: 180 }} options={sources} />
          </Form.Item>
          <Form.Item name="birthYear" label={t('cadres.field.birthYear')}>
            <InputNumber min={1940} max={2010} />
          </Form.Item>
          <Form.Item name="enteredOn" label={t('cadres.field.enteredOn')}>
            <DatePicker allowClear={false} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
        </Space>
        <Form.Item name="note" label={t('cadres.field.note')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </FormModal>
    </div>
  );
}
