import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Checkbox, Form, Input, InputNumber, Select, Space, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../../web/api/client';
import type { TerritoryRef } from '../../../web/api/types';
import { FormModal } from '../../../web/components/FormModal';
import { PageTitle } from '../../../web/components/PageTitle';
import { TerritoryTreeSelect } from '../../../web/components/TerritoryTreeSelect';
import { useCan } from '../../../web/app/auth';
import { AsTabs } from './shared';
import type { Centre, Period } from './types';
import { chinaToday } from '../../../web/components/format';

const DOMAINS = ['organisation', 'leadership', 'members', 'activities', 'venues', 'services', 'system', 'guarantee'];
const thisYear = () => Number(chinaToday().slice(0, 4));

interface Checklist {
  id: number;
  domain: string;
  title: string;
  year: number;
  rule: string;
  items?: { id: number; title: string; weight: number; maxScore: number; evidenceRequired: boolean }[];
}

/** 考评设置: the forms behind the API-only parts — checklists, rating periods, the workload list, service centres. */
export default function SettingsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'checklists';
  return (
    <Card>
      <PageTitle title={t('assessment.settings.title')} />
      <AsTabs />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        items={[
          { key: 'checklists', label: t('assessment.settings.checklists'), children: <Checklists /> },
          { key: 'periods', label: t('assessment.settings.periods'), children: <Periods /> },
          { key: 'workload', label: t('assessment.settings.workload'), children: <WorkloadItems /> },
          { key: 'centres', label: t('assessment.settings.centres'), children: <Centres /> },
        ].map((i) => ({ ...i, label: <span data-testid={`as-settings-${i.key}`}>{i.label}</span> }))}
      />
    </Card>
  );
}

function NewButton({ onClick, testId }: { onClick: () => void; testId: string }) {
  const { t } = useTranslation();
  const can = useCan();
  if (!can('assessment.manage')) return null;
  return (
    <Button type="primary" icon={<PlusOutlined />} data-testid={testId} onClick={onClick}>
      {t('assessment.settings.new')}
    </Button>
  );
}

function Checklists() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const list = useQuery({
    queryKey: ['assessment', 'checklists', page],
    queryFn: () => api.get<{ items: Checklist[]; total: number }>('/api/assessment/checklists', { page, pageSize: 20 }),
  });
  type V = {
    domain: string;
    title: string;
    year: number;
    advancedMin: number;
    passMin: number;
    items: { title: string; weight: number; maxScore: number; evidenceRequired?: boolean }[];
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <NewButton testId="as-new-checklist" onClick={() => setCreating(true)} />
      <Table<Checklist>
        rowKey="id"
        size="small"
        data-testid="as-checklists"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage }}
        columns={[
          { title: t('assessment.settings.year'), dataIndex: 'year', width: 80 },
          { title: t('assessment.settings.domain'), render: (_, c) => t(`assessment.domain.${c.domain}`) },
          { title: t('assessment.settings.name'), dataIndex: 'title' },
          { title: t('assessment.ruleLabel'), dataIndex: 'rule' },
        ]}
      />
      <FormModal<V>
        open={creating}
        title={t('assessment.settings.newChecklist')}
        testId="as-checklist-form"
        width={720}
        initialValues={{
          domain: 'organisation',
          year: thisYear(),
          advancedMin: 90,
          passMin: 70,
          items: [{ title: '', weight: 10, maxScore: 10, evidenceRequired: true }],
        }}
        submit={(v) =>
          api.post('/api/assessment/checklists', {
            ...v,
            items: v.items.map((i) => ({ ...i, evidenceRequired: !!i.evidenceRequired })),
          })
        }
        onDone={async () => {
          setCreating(false);
          await qc.invalidateQueries({ queryKey: ['assessment', 'checklists'] });
        }}
        onCancel={() => setCreating(false)}
      >
        <Space wrap>
          <Form.Item name="domain" label={t('assessment.settings.domain')} rules={[{ required: true }]}>
            <Select
              style={{ width: 160 }}
              options={DOMAINS.map((d) => ({ value: d, label: t(`assessment.domain.${d}`) }))}
            />
          </Form.Item>
          <Form.Item name="year" label={t('assessment.settings.year')} rules={[{ required: true }]}>
            <InputNumber min={2000} max={2100} />
          </Form.Item>
          <Form.Item name="advancedMin" label={t('assessment.settings.advancedMin')} rules={[{ required: true }]}>
            <InputNumber min={1} max={100} />
          </Form.Item>
          <Form.Item name="passMin" label={t('assessment.settings.passMin')} rules={[{ required: true }]}>
            <InputNumber min={0} max={99} />
          </Form.Item>
        </Space>
        <Form.Item name="title" label={t('assessment.settings.name')} rules={[{ required: true }]}>
          <Input maxLength={100} data-testid="as-checklist-title" />
        </Form.Item>
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, 'title']} label={t('assessment.field.item')} rules={[{ required: true }]}>
                    <Input style={{ width: 220 }} maxLength={100} data-testid={`as-item-title-${f.name}`} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'weight']}
                    label={t('assessment.field.weight')}
                    rules={[{ required: true }]}
                  >
                    <InputNumber min={1} max={100} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'maxScore']} label={t('assessment.field.max')} rules={[{ required: true }]}>
                    <InputNumber min={1} max={100} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'evidenceRequired']} valuePropName="checked" label=" ">
                    <Checkbox>{t('assessment.settings.evidenceRequired')}</Checkbox>
                  </Form.Item>
                  {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(f.name)} />}
                </Space>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ weight: 10, maxScore: 10, evidenceRequired: false })}
              >
                {t('assessment.settings.addItem')}
              </Button>
            </>
          )}
        </Form.List>
      </FormModal>
    </Space>
  );
}

function Periods() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [creating, setCreating] = useState(false);
  const list = useQuery({
    queryKey: ['assessment', 'periods'],
    queryFn: () => api.get<Period[]>('/api/assessment/rating-periods'),
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <NewButton testId="as-new-period" onClick={() => setCreating(true)} />
      <Table<Period>
        rowKey="id"
        size="small"
        data-testid="as-periods"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: t('assessment.settings.name'), dataIndex: 'name' },
          { title: t('assessment.settings.startsOn'), dataIndex: 'startsOn' },
          { title: t('assessment.settings.endsOn'), dataIndex: 'endsOn' },
          { title: t('assessment.settings.supervisorWeight'), render: (_, p) => `${p.supervisorWeight}%` },
        ]}
      />
      <FormModal<{ name: string; startsOn: string; endsOn: string; supervisorWeight: number }>
        open={creating}
        title={t('assessment.settings.newPeriod')}
        testId="as-period-form"
        initialValues={{ supervisorWeight: 30 }}
        submit={(v) => api.post('/api/assessment/rating-periods', v)}
        onDone={async () => {
          setCreating(false);
          await qc.invalidateQueries({ queryKey: ['assessment', 'periods'] });
        }}
        onCancel={() => setCreating(false)}
      >
        <Form.Item name="name" label={t('assessment.settings.name')} rules={[{ required: true }]}>
          <Input maxLength={100} data-testid="as-period-name" />
        </Form.Item>
        <Form.Item name="startsOn" label={t('assessment.settings.startsOn')} rules={[{ required: true }]}>
          <Input type="date" data-testid="as-period-starts" />
        </Form.Item>
        <Form.Item name="endsOn" label={t('assessment.settings.endsOn')} rules={[{ required: true }]}>
          <Input type="date" data-testid="as-period-ends" />
        </Form.Item>
        <Form.Item name="supervisorWeight" label={t('assessment.settings.supervisorWeight')}>
          <InputNumber min={0} max={100} addonAfter="%" />
        </Form.Item>
      </FormModal>
    </Space>
  );
}

interface WorkloadItem {
  id: number;
  code: string;
  title: string;
  department: string;
  active: boolean;
}

function WorkloadItems() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [creating, setCreating] = useState(false);
  const list = useQuery({
    queryKey: ['assessment', 'workload'],
    queryFn: () => api.get<WorkloadItem[]>('/api/assessment/workload-items'),
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <NewButton testId="as-new-workload" onClick={() => setCreating(true)} />
      <Table<WorkloadItem>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: t('assessment.field.code'), dataIndex: 'code', width: 100 },
          { title: t('assessment.field.matter'), dataIndex: 'title' },
          { title: t('assessment.field.department'), dataIndex: 'department' },
          {
            title: t('assessment.field.status'),
            render: (_, i) => (i.active ? <Tag color="green">{t('assessment.accepted')}</Tag> : <Tag>—</Tag>),
          },
        ]}
      />
      <FormModal<{ code: string; title: string; department: string }>
        open={creating}
        title={t('assessment.settings.newWorkload')}
        submit={(v) => api.post('/api/assessment/workload-items', v)}
        onDone={async () => {
          setCreating(false);
          await qc.invalidateQueries({ queryKey: ['assessment', 'workload'] });
        }}
        onCancel={() => setCreating(false)}
      >
        <Form.Item name="code" label={t('assessment.field.code')} rules={[{ required: true }]}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="title" label={t('assessment.field.matter')} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="department" label={t('assessment.field.department')} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
      </FormModal>
    </Space>
  );
}

function Centres() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [creating, setCreating] = useState(false);
  const list = useQuery({
    queryKey: ['assessment', 'centres'],
    queryFn: () => api.get<Centre[]>('/api/assessment/centres'),
  });
  type V = {
    place?: TerritoryRef;
    name: string;
    areaM2: number;
    openingHours: string;
    address?: string;
    rooms: { name: string; capacity: number }[];
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <NewButton testId="as-new-centre" onClick={() => setCreating(true)} />
      <Table<Centre>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: t('assessment.field.place'), dataIndex: 'place' },
          { title: t('assessment.settings.name'), dataIndex: 'name' },
          { title: t('assessment.field.area'), render: (_, c) => `${c.areaM2} m²` },
          { title: t('assessment.field.hours'), dataIndex: 'openingHours' },
          { title: t('assessment.field.room'), render: (_, c) => c.rooms.map((r) => r.name).join('、') },
        ]}
      />
      <FormModal<V>
        open={creating}
        title={t('assessment.settings.newCentre')}
        width={640}
        fieldMap={{ territoryId: 'place' }}
        initialValues={{ openingHours: '周一至周日 8:30-20:00', rooms: [{ name: '', capacity: 30 }] }}
        submit={(v) =>
          api.post('/api/assessment/centres', {
            territoryId: v.place?.id,
            name: v.name,
            areaM2: v.areaM2,
            openingHours: v.openingHours,
            ...(v.address ? { address: v.address } : {}),
            rooms: v.rooms ?? [],
          })
        }
        onDone={async () => {
          setCreating(false);
          await qc.invalidateQueries({ queryKey: ['assessment', 'centres'] });
        }}
        onCancel={() => setCreating(false)}
      >
        <Form.Item name="place" label={t('assessment.field.place')} rules={[{ required: true }]}>
          <TerritoryTreeSelect />
        </Form.Item>
        <Form.Item name="name" label={t('assessment.settings.name')} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="areaM2" label={t('assessment.field.area')} rules={[{ required: true }]}>
            <InputNumber min={1} max={1_000_000} addonAfter="m²" />
          </Form.Item>
          <Form.Item name="openingHours" label={t('assessment.field.hours')} rules={[{ required: true }]}>
            <Input maxLength={100} style={{ width: 260 }} />
          </Form.Item>
        </Space>
        <Form.Item name="address" label={t('assessment.settings.address')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.List name="rooms">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline">
                  <Form.Item name={[f.name, 'name']} label={t('assessment.field.room')} rules={[{ required: true }]}>
                    <Input maxLength={100} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'capacity']}
                    label={t('assessment.field.capacity')}
                    rules={[{ required: true }]}
                  >
                    <InputNumber min={1} max={10_000} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ capacity: 30 })}>
                {t('assessment.settings.addRoom')}
              </Button>
            </>
          )}
        </Form.List>
      </FormModal>
    </Space>
  );
}
