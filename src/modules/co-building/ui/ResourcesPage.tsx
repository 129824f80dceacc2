import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Form,
  Input,
  InputNumber,
  Modal,
  Progress,
  Select,
  Space,
  Tag,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../web/api/client';
import type { TerritoryRef } from '../../../web/api/types';
import { useCan } from '../../../web/app/auth';
import { FilterBar } from '../../../web/components/FilterBar';
import { showFormError } from '../../../web/components/formErrors';
import { PagedTable } from '../../../web/components/PagedTable';
import { PageTitle } from '../../../web/components/PageTitle';
import { TerritoryTreeSelect } from '../../../web/components/TerritoryTreeSelect';
import { LedgerButton } from './LedgerButton';
import { CoTabs, useUrlFilters } from './shared';
import { CO_CATEGORIES, OFFERER_KINDS, RESOURCE_KINDS, type CreateResourceBody, type Resource } from './types';

interface Values {
  title: string;
  kind: (typeof RESOURCE_KINDS)[number];
  categories: (typeof CO_CATEGORIES)[number][];
  area?: TerritoryRef;
  offererKind: (typeof OFFERER_KINDS)[number];
  offererName: string;
  capacity: number;
  unitOfMeasure: string;
  availabilityNote?: string;
}

function NewResourceModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const create = useMutation({
    mutationFn: (v: Values) => {
      const body: CreateResourceBody = {
        title: v.title,
        kind: v.kind,
        categories: v.categories,
        territoryId: v.area?.id ?? 0,
        offererKind: v.offererKind,
        offererName: v.offererName,
        capacity: v.capacity,
        unitOfMeasure: v.unitOfMeasure,
        availabilityNote: v.availabilityNote || null,
      };
      return api.post<Resource>('/api/co-building/resources', body);
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['coBuilding'] });
      onClose();
    },
    onError: (e) => showFormError(form, e, message, { territoryId: 'area' }),
  });
  return (
    <Modal
      open
      title={t('coBuilding.newResource')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      width={620}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        data-testid="resource-form"
        initialValues={{ kind: 'hours', offererKind: 'member', categories: [], unitOfMeasure: '小时' }}
        onFinish={(v) => create.mutate(v)}
      >
        <Form.Item name="title" label={t('coBuilding.field.title')} rules={[{ required: true, max: 100 }]}>
          <Input />
        </Form.Item>
        <Space align="start" wrap>
          <Form.Item name="kind" label={t('coBuilding.field.kind')}>
            <Select
              style={{ width: 140 }}
              options={RESOURCE_KINDS.map((k) => ({ value: k, label: t(`coBuilding.kind.${k}`) }))}
            />
          </Form.Item>
          <Form.Item name="categories" label={t('coBuilding.field.categories')}>
            <Select
              mode="multiple"
              style={{ width: 300 }}
              options={CO_CATEGORIES.map((c) => ({ value: c, label: t(`coBuilding.category.${c}`) }))}
            />
          </Form.Item>
        </Space>
        <Form.Item name="area" label={t('coBuilding.field.area')} rules={[{ required: true }]}>
          <TerritoryTreeSelect />
        </Form.Item>
        <Space align="start" wrap>
          <Form.Item name="offererKind" label={t('coBuilding.field.offererKind')}>
            <Select
              style={{ width: 140 }}
              options={OFFERER_KINDS.filter((k) => k !== 'unit').map((k) => ({
                value: k,
                label: t(`coBuilding.offerer.${k}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="offererName" label={t('coBuilding.field.offererName')} rules={[{ required: true }]}>
            <Input style={{ width: 220 }} />
          </Form.Item>
        </Space>
        <Space align="start" wrap>
          <Form.Item name="capacity" label={t('coBuilding.field.capacity')} rules={[{ required: true }]}>
            <InputNumber min={1} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="unitOfMeasure" label={t('coBuilding.field.unitOfMeasure')} rules={[{ required: true }]}>
            <Input style={{ width: 100 }} />
          </Form.Item>
          <Form.Item name="availabilityNote" label={t('coBuilding.field.availability')}>
            <Input style={{ width: 220 }} placeholder="每周六 9:00–17:00" />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

const FILTER_KEYS = ['territoryId', 'kind', 'category', 'q', 'from', 'to', 'usedFrom', 'usedTo', 'available'];

/** 资源清单: what units, party organisations, members and residents offer, with the capacity left. */
export default function ResourcesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [filters, setFilters] = useUrlFilters(FILTER_KEYS);
  const [creating, setCreating] = useState(false);
  const columns: TableColumnsType<Resource> = [
    { title: t('coBuilding.field.title'), dataIndex: 'title' },
    {
      title: t('coBuilding.field.kind'),
      dataIndex: 'kind',
      width: 100,
      render: (k: string) => <Tag>{t(`coBuilding.kind.${k}`)}</Tag>,
    },
    {
      title: t('coBuilding.field.categories'),
      dataIndex: 'categories',
      render: (cs: string[]) =>
        cs.length ? cs.map((c) => <Tag key={c}>{t(`coBuilding.category.${c}`)}</Tag>) : t('coBuilding.general'),
    },
    {
      title: t('coBuilding.field.offerer'),
      key: 'o',
      render: (_, r) => `${t(`coBuilding.offerer.${r.offererKind}`)} · ${r.unit?.name ?? r.offererName}`,
    },
    { title: t('coBuilding.field.area'), key: 'a', render: (_, r) => r.area.name },
    {
      title: t('coBuilding.field.capacityLeft'),
      key: 'c',
      width: 200,
      render: (_, r) => (
        <Space orientation="vertical" size={0} style={{ width: '100%' }}>
          <span>
            {r.remaining} / {r.capacity} {r.unitOfMeasure}
          </span>
          <Progress percent={Math.round((r.usedCapacity * 100) / r.capacity)} size="small" />
        </Space>
      ),
    },
    {
      title: t('coBuilding.field.availability'),
      key: 'av',
      render: (_, r) =>
        [r.availableFrom && r.availableTo ? `${r.availableFrom} ~ ${r.availableTo}` : null, r.availabilityNote]
          .filter(Boolean)
          .join('，') || '—',
    },
  ];
  return (
    <div data-testid="co-resources-page">
      <PageTitle
        title={t('coBuilding.resourcesTitle')}
        help={t('coBuilding.resourcesHelp')}
        extra={
          can('coBuilding.manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="resource-new">
              {t('coBuilding.newResource')}
            </Button>
          )
        }
      />
      <CoTabs />
      <FilterBar<{ kind?: string; category?: string; q?: string; community?: TerritoryRef }>
        testId="resource-filter"
        onSearch={(v) =>
          setFilters({
            ...filters,
            kind: v.kind,
            category: v.category,
            q: v.q?.trim(),
            territoryId: v.community?.id,
          })
        }
        extra={<LedgerButton list="resources" filters={filters} />}
      >
        <Form.Item name="community" label={t('coLedger.community')} style={{ minWidth: 220 }}>
          <TerritoryTreeSelect testId="resource-filter-community" />
        </Form.Item>
        <Form.Item name="kind" label={t('coBuilding.field.kind')}>
          <Select
            allowClear
            style={{ width: 120 }}
            options={RESOURCE_KINDS.map((k) => ({ value: k, label: t(`coBuilding.kind.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="category" label={t('coBuilding.field.category')}>
          <Select
            allowClear
            style={{ width: 130 }}
            options={CO_CATEGORIES.map((c) => ({ value: c, label: t(`coBuilding.category.${c}`) }))}
          />
        </Form.Item>
        <Form.Item name="q" label={t('coBuilding.field.q')}>
          <Input allowClear style={{ width: 160 }} />
        </Form.Item>
      </FilterBar>
      <PagedTable<Resource>
        queryKey={['coBuilding', 'resources']}
        path="/api/co-building/resources"
        filters={filters}
        columns={columns}
        rowKey={(r) => r.id}
        testId="resource-table"
        scrollX={1200}
      />
      {creating && <NewResourceModal onClose={() => setCreating(false)} />}
    </div>
  );
}
