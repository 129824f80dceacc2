import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Form, Input, Modal, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
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
import type { AllianceDetail, AllianceSummary } from './types';

interface NewAllianceValues {
  name: string;
  description?: string;
  place?: TerritoryRef;
  foundedOn: Dayjs;
}

function NewAllianceModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<NewAllianceValues>();
  const create = useMutation({
    mutationFn: (v: NewAllianceValues) =>
      api.post<AllianceDetail>('/api/co-building/alliances', {
        name: v.name,
        description: v.description || null,
        territoryId: v.place?.id,
        foundedOn: v.foundedOn.format('YYYY-MM-DD'),
      }),
    onSuccess: (res) => {
      void qc.invalidateQueries({ queryKey: ['coBuilding'] });
      onClose();
      void navigate(`/co-building/alliances/${res.id}`);
    },
    onError: (e) => showFormError(form, e, message, { territoryId: 'place' }),
  });
  return (
    <Modal
      open
      title={t('coBuilding.alliance.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)} data-testid="alliance-form">
        <Form.Item name="place" label={t('coBuilding.alliance.place')} rules={[{ required: true }]}>
          <TerritoryTreeSelect />
        </Form.Item>
        <Form.Item name="name" label={t('coBuilding.alliance.name')} rules={[{ required: true, max: 100 }]}>
          <Input data-testid="alliance-name" />
        </Form.Item>
        <Form.Item name="foundedOn" label={t('coBuilding.alliance.foundedOn')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="description" label={t('coBuilding.field.description')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

const FILTER_KEYS = ['territoryId', 'on', 'q'];

/** 党建联盟: the alliances of the area with their member units, part-time members and chair on a day. */
export default function AlliancesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [filters, setFilters] = useUrlFilters(FILTER_KEYS);
  const [creating, setCreating] = useState(false);
  const columns: TableColumnsType<AllianceSummary> = [
    {
      title: t('coBuilding.alliance.name'),
      dataIndex: 'name',
      render: (name: string, a) => (
        <Link to={`/co-building/alliances/${a.id}`} data-testid={`alliance-link-${a.id}`}>
          {name}
        </Link>
      ),
    },
    { title: t('coBuilding.alliance.place'), key: 'place', width: 140, render: (_, a) => a.territory.name },
    { title: t('coBuilding.alliance.foundedOn'), dataIndex: 'foundedOn', width: 120 },
    { title: t('coBuilding.alliance.units'), dataIndex: 'unitCount', width: 100, align: 'right' },
    { title: t('coBuilding.alliance.members'), dataIndex: 'memberCount', width: 100, align: 'right' },
    { title: t('coBuilding.alliance.chair'), key: 'chair', render: (_, a) => a.chair?.name ?? '—' },
    { title: t('coBuilding.alliance.agreements'), dataIndex: 'agreementCount', width: 100, align: 'right' },
  ];
  return (
    <div data-testid="co-alliances-page">
      <PageTitle
        title={t('coBuilding.alliance.title')}
        help={t('coBuilding.alliance.help')}
        extra={
          can('coBuilding.manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="alliance-new">
              {t('coBuilding.alliance.new')}
            </Button>
          )
        }
      />
      <CoTabs />
      <FilterBar<{ q?: string; on?: Dayjs; community?: TerritoryRef }>
        testId="alliance-filter"
        onSearch={(v) =>
          setFilters({ ...filters, q: v.q?.trim(), on: v.on?.format('YYYY-MM-DD'), territoryId: v.community?.id })
        }
        extra={<LedgerButton list="alliances" filters={filters} />}
      >
        <Form.Item name="community" label={t('coLedger.community')} style={{ minWidth: 220 }}>
          <TerritoryTreeSelect testId="alliance-filter-community" />
        </Form.Item>
        <Form.Item name="q" label={t('coBuilding.field.q')}>
          <Input allowClear style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="on" label={t('coBuilding.alliance.on')}>
          <DatePicker allowClear />
        </Form.Item>
      </FilterBar>
      {filters.on && <p>{t('coBuilding.alliance.countsOn', { day: filters.on })}</p>}
      <PagedTable<AllianceSummary>
        queryKey={['coBuilding', 'alliances']}
        path="/api/co-building/alliances"
        filters={filters}
        columns={columns}
        rowKey={(a) => a.id}
        testId="alliance-table"
        scrollX={900}
      />
      {creating && <NewAllianceModal onClose={() => setCreating(false)} />}
    </div>
  );
}
