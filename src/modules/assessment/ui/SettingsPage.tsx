import { EditOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../../web/api/client';
import type { TerritoryRef } from '../../../web/api/types';
import { FormModal } from '../../../web/components/FormModal';
import { errorText } from '../../../web/components/formErrors';
import { PageTitle } from '../../../web/components/PageTitle';
import { TerritoryTreeSelect } from '../../../web/components/TerritoryTreeSelect';
import { useCan } from '../../../web/app/auth';
import { AsTabs } from './shared';
import type { Centre, Checklist, ChecklistDetail, ChecklistPage, Period, WorkloadItem } from './types';
import { chinaToday } from '../../../web/components/format';

type CentreRow = Centre;

const DOMAINS = ['organisation', 'leadership', 'members', 'activities', 'venues', 'services', 'system', 'guarantee'];
const thisYear = () => Number(chinaToday().slice(0, 4));

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

/** 编辑 on a row the caller may change (the API says so: records kept above the caller are read-only here). */
function EditButton({ show, onClick, testId }: { show: boolean; onClick: () => void; testId: string }) {
  const { t } = useTranslation();
  if (!show) return null;
  return (
    <Button size="small" icon={<EditOutlined />} data-testid={testId} onClick={onClick}>
      {t('assessment.settings.edit')}
    </Button>
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
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<ChecklistDetail | null>(null);
  const list = useQuery({
    queryKey: ['assessment', 'checklists', page],
    queryFn: () => api.get<ChecklistPage>('/api/assessment/checklists', { page, pageSize: 20 }),
  });
  const edit = async (id: number) => {
    try {
      setEditing(await api.get<ChecklistDetail>(`/api/assessment/checklists/${id}`));
    } catch (e) {
      message.error(errorText(e));
    }
  };
  type V = {
    domain: string;
    title: string;
    year: number;
    advancedMin: number;
    passMin: number;
    items: { id?: number; title: string; weight: number; maxScore: number; evidenceRequired?: boolean }[];
  };
  const locked = (editing?.scoredOrgs ?? 0) > 0;
  const close = () => {
    setCreating(false);
    setEditing(null);
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
          {
            title: '',
            width: 90,
            render: (_, c) => (
              <EditButton show={c.mayEdit} testId={`as-edit-checklist-${c.id}`} onClick={() => void edit(c.id)} />
            ),
          },
        ]}
      />
      <FormModal<V>
        open={creating || !!editing}
        title={t(editing ? 'assessment.settings.editChecklist' : 'assessment.settings.newChecklist')}
        testId="as-checklist-form"
        width={720}
        initialValues={
          editing
            ? {
                domain: editing.domain,
                title: editing.title,
                year: editing.year,
                advancedMin: editing.advancedMin,
                passMin: editing.passMin,
                items: editing.items.map((i) => ({
                  id: i.id,
                  title: i.title,
                  weight: i.weight,
                  maxScore: i.maxScore,
                  evidenceRequired: i.evidenceRequired,
                })),
              }
            : {
                domain: 'organisation',
                year: thisYear(),
                advancedMin: 90,
                passMin: 70,
                items: [{ title: '', weight: 10, maxScore: 10, evidenceRequired: true }],
              }
        }
        submit={(v) => {
          const items = v.items.map((i) => ({ ...i, evidenceRequired: !!i.evidenceRequired }));
          if (!editing) return api.post('/api/assessment/checklists', { ...v, items });
          // Items and grade lines are left out once an organisation has been scored on the list (the API keeps them).
          const { items: _items, advancedMin, passMin, ...rest } = v;
          return api.patch(
            `/api/assessment/checklists/${editing.id}`,
            locked ? rest : { ...rest, advancedMin, passMin, items },
          );
        }}
        onDone={async () => {
          close();
          await qc.invalidateQueries({ queryKey: ['assessment', 'checklists'] });
        }}
        onCancel={close}
      >
        {locked && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            message={t('assessment.settings.lockedHint')}
            data-testid="as-checklist-locked"
          />
        )}
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
            <InputNumber min={1} max={100} disabled={locked} data-testid="as-checklist-advanced" />
          </Form.Item>
          <Form.Item name="passMin" label={t('assessment.settings.passMin')} rules={[{ required: true }]}>
            <InputNumber min={0} max={99} disabled={locked} data-testid="as-checklist-pass" />
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
                  <Form.Item name={[f.name, 'id']} hidden>
                    <InputNumber />
                  </Form.Item>
                  <Form.Item name={[f.name, 'title']} label={t('assessment.field.item')} rules={[{ required: true }]}>
                    <Input
                      style={{ width: 220 }}
                      maxLength={100}
                      disabled={locked}
                      data-testid={`as-item-title-${f.name}`}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'weight']}
                    label={t('assessment.field.weight')}
                    rules={[{ required: true }]}
                  >
                    <InputNumber min={1} max={100} disabled={locked} data-testid={`as-item-weight-${f.name}`} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'maxScore']} label={t('assessment.field.max')} rules={[{ required: true }]}>
                    <InputNumber min={1} max={100} disabled={locked} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'evidenceRequired']} valuePropName="checked" label=" ">
                    <Checkbox disabled={locked}>{t('assessment.settings.evidenceRequired')}</Checkbox>
                  </Form.Item>
                  {fields.length > 1 && !locked && <MinusCircleOutlined onClick={() => remove(f.name)} />}
                </Space>
              ))}
              {!locked && (
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  data-testid="as-item-add"
                  onClick={() => add({ weight: 10, maxScore: 10, evidenceRequired: false })}
                >
                  {t('assessment.settings.addItem')}
                </Button>
              )}
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
  const [editing, setEditing] = useState<Period | null>(null);
  const list = useQuery({
    queryKey: ['assessment', 'periods'],
    queryFn: () => api.get<Period[]>('/api/assessment/rating-periods'),
  });
  const close = () => {
    setCreating(false);
    setEditing(null);
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <NewButton testId="as-new-period" onClick={() => setCreating(true)} />
      <Table<Period & { mayEdit: boolean }>
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
          {
            title: '',
            width: 90,
            render: (_, p) => (
              <EditButton show={p.mayEdit} testId={`as-edit-period-${p.id}`} onClick={() => setEditing(p)} />
            ),
          },
        ]}
      />
      <FormModal<{ name: string; startsOn: string; endsOn: string; supervisorWeight: number }>
        open={creating || !!editing}
        title={t(editing ? 'assessment.settings.editPeriod' : 'assessment.settings.newPeriod')}
        testId="as-period-form"
        initialValues={
          editing
            ? {
                name: editing.name,
                startsOn: editing.startsOn,
                endsOn: editing.endsOn,
                supervisorWeight: editing.supervisorWeight,
              }
            : { supervisorWeight: 30 }
        }
        submit={(v) =>
          editing
            ? api.patch(`/api/assessment/rating-periods/${editing.id}`, v)
            : api.post('/api/assessment/rating-periods', v)
        }
        onDone={async () => {
          close();
          await qc.invalidateQueries({ queryKey: ['assessment', 'periods'] });
        }}
        onCancel={close}
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
          <InputNumber min={0} max={100} addonAfter="%" data-testid="as-period-weight" />
        </Form.Item>
      </FormModal>
    </Space>
  );
}

function WorkloadItems() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<WorkloadItem | null>(null);
  const list = useQuery({
    queryKey: ['assessment', 'workload'],
    queryFn: () => api.get<WorkloadItem[]>('/api/assessment/workload-items'),
  });
  const close = () => {
    setCreating(false);
    setEditing(null);
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <NewButton testId="as-new-workload" onClick={() => setCreating(true)} />
      <Table<WorkloadItem>
        rowKey="id"
        size="small"
        data-testid="as-workload-items"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: t('assessment.field.code'), dataIndex: 'code', width: 100 },
          { title: t('assessment.field.matter'), dataIndex: 'title' },
          { title: t('assessment.field.department'), dataIndex: 'department' },
          {
            title: t('assessment.field.status'),
            render: (_, i) =>
              i.active ? (
                <Tag color="green">{t('assessment.settings.active')}</Tag>
              ) : (
                <Tag data-testid={`as-workload-withdrawn-${i.id}`}>{t('assessment.settings.withdrawn')}</Tag>
              ),
          },
          {
            title: '',
            width: 90,
            render: (_, i) => (
              <EditButton show={i.mayEdit} testId={`as-edit-workload-${i.id}`} onClick={() => setEditing(i)} />
            ),
          },
        ]}
      />
      <FormModal<{ code: string; title: string; department: string; active?: boolean }>
        open={creating || !!editing}
        title={t(editing ? 'assessment.settings.editWorkload' : 'assessment.settings.newWorkload')}
        testId="as-workload-form"
        initialValues={
          editing
            ? { code: editing.code, title: editing.title, department: editing.department, active: editing.active }
            : undefined
        }
        submit={(v) =>
          editing
            ? api.patch(`/api/assessment/workload-items/${editing.id}`, { ...v, active: !!v.active })
            : api.post('/api/assessment/workload-items', { code: v.code, title: v.title, department: v.department })
        }
        onDone={async () => {
          close();
          await qc.invalidateQueries({ queryKey: ['assessment', 'workload'] });
        }}
        onCancel={close}
      >
        <Form.Item name="code" label={t('assessment.field.code')} rules={[{ required: true }]}>
          <Input maxLength={20} data-testid="as-workload-code" />
        </Form.Item>
        <Form.Item name="title" label={t('assessment.field.matter')} rules={[{ required: true }]}>
          <Input maxLength={100} data-testid="as-workload-title" />
        </Form.Item>
        <Form.Item name="department" label={t('assessment.field.department')} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        {editing && (
          <Form.Item name="active" label={t('assessment.settings.activeSwitch')} valuePropName="checked">
            <Switch data-testid="as-workload-active" />
          </Form.Item>
        )}
      </FormModal>
    </Space>
  );
}

function Centres() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<CentreRow | null>(null);
  const list = useQuery({
    queryKey: ['assessment', 'centres'],
    queryFn: () => api.get<CentreRow[]>('/api/assessment/centres'),
  });
  type V = {
    place?: TerritoryRef;
    name: string;
    areaM2: number;
    openingHours: string;
    address?: string;
    rooms: { id?: number; name: string; capacity: number }[];
  };
  const close = () => {
    setCreating(false);
    setEditing(null);
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <NewButton testId="as-new-centre" onClick={() => setCreating(true)} />
      <Table<CentreRow>
        rowKey="id"
        size="small"
        data-testid="as-centres"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: t('assessment.field.place'), dataIndex: 'place' },
          { title: t('assessment.settings.name'), dataIndex: 'name' },
          { title: t('assessment.field.area'), render: (_, c) => `${c.areaM2} m²` },
          { title: t('assessment.field.hours'), dataIndex: 'openingHours' },
          {
            title: t('assessment.field.room'),
            render: (_, c) => c.rooms.map((r) => `${r.name}（${r.capacity}）`).join('、'),
          },
          {
            title: '',
            width: 90,
            render: (_, c) => (
              <EditButton show={c.mayEdit} testId={`as-edit-centre-${c.id}`} onClick={() => setEditing(c)} />
            ),
          },
        ]}
      />
      <FormModal<V>
        open={creating || !!editing}
        title={t(editing ? 'assessment.settings.editCentre' : 'assessment.settings.newCentre')}
        testId="as-centre-form"
        width={640}
        fieldMap={{ territoryId: 'place' }}
        initialValues={
          editing
            ? {
                name: editing.name,
                areaM2: editing.areaM2,
                openingHours: editing.openingHours,
                address: editing.address ?? undefined,
                rooms: editing.rooms.map((r) => ({ id: r.id, name: r.name, capacity: r.capacity })),
              }
            : { openingHours: '周一至周日 8:30-20:00', rooms: [{ name: '', capacity: 30 }] }
        }
        submit={(v) =>
          editing
            ? api.patch(`/api/assessment/centres/${editing.id}`, {
                name: v.name,
                areaM2: v.areaM2,
                openingHours: v.openingHours,
                address: v.address?.trim() ? v.address : null,
                rooms: v.rooms ?? [],
              })
            : api.post('/api/assessment/centres', {
                territoryId: v.place?.id,
                name: v.name,
                areaM2: v.areaM2,
                openingHours: v.openingHours,
                ...(v.address ? { address: v.address } : {}),
                rooms: v.rooms ?? [],
              })
        }
        onDone={async () => {
          close();
          await qc.invalidateQueries({ queryKey: ['assessment', 'centres'] });
        }}
        onCancel={close}
      >
        {editing ? (
          <Form.Item label={t('assessment.field.place')} extra={t('assessment.settings.placeFixed')}>
            {editing.place}
          </Form.Item>
        ) : (
          <Form.Item name="place" label={t('assessment.field.place')} rules={[{ required: true }]}>
            <TerritoryTreeSelect />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('assessment.settings.name')} rules={[{ required: true }]}>
          <Input maxLength={100} data-testid="as-centre-name" />
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
                  <Form.Item name={[f.name, 'id']} hidden>
                    <InputNumber />
                  </Form.Item>
                  <Form.Item name={[f.name, 'name']} label={t('assessment.field.room')} rules={[{ required: true }]}>
                    <Input maxLength={100} data-testid={`as-room-name-${f.name}`} />
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
