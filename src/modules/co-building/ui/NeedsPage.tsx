import { BulbOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Alert, Button, DatePicker, Form, Input, Modal, Select, Space, Tag, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../../web/api/client';
import type { TerritoryRef } from '../../../web/api/types';
import { useCan } from '../../../web/app/auth';
import { FilterBar } from '../../../web/components/FilterBar';
import { formatDateTime } from '../../../web/components/format';
import { showFormError } from '../../../web/components/formErrors';
import { PagedTable } from '../../../web/components/PagedTable';
import { PageTitle } from '../../../web/components/PageTitle';
import { TerritoryTreeSelect } from '../../../web/components/TerritoryTreeSelect';
import { LedgerButton } from './LedgerButton';
import { CoTabs, NeedStatusTag, useUrlFilters } from './shared';
import {
  CO_CATEGORIES,
  NEED_SOURCES,
  NEED_STATUSES,
  type CreateNeedBody,
  type Need,
  type NeedDetail,
  type NeedProposal,
} from './types';

interface NewNeedValues {
  title: string;
  description?: string;
  category: string;
  place?: TerritoryRef;
  source: (typeof NEED_SOURCES)[number];
  sourceNote?: string;
}

function NewNeedModal({ proposal, onClose }: { proposal?: NeedProposal; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<NewNeedValues>();
  const create = useMutation({
    mutationFn: (v: NewNeedValues) => {
      const body: CreateNeedBody = {
        title: v.title,
        description: v.description || null,
        category: v.category as CreateNeedBody['category'],
        territoryId: proposal ? proposal.compound.id : (v.place?.id ?? null),
        source: proposal ? 'recurringOrders' : v.source,
        sourceOrderIds: proposal?.orderIds ?? [],
        sourceNote: v.sourceNote || null,
      };
      return api.post<NeedDetail>('/api/co-building/needs', body);
    },
    onSuccess: (res) => {
      void qc.invalidateQueries({ queryKey: ['coBuilding'] });
      onClose();
      void navigate(`/co-building/needs/${res.id}`);
    },
    onError: (e) => showFormError(form, e, message, { territoryId: 'place' }),
  });
  const source = Form.useWatch('source', form);
  return (
    <Modal
      open
      title={t('coBuilding.newNeed')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      width={620}
      destroyOnHidden
    >
      {proposal && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('coBuilding.fromProposal', {
            compound: proposal.compound.name,
            category: t(`coBuilding.category.${proposal.category}`, { defaultValue: proposal.category }),
            count: proposal.count,
          })}
        />
      )}
      <Form<NewNeedValues>
        form={form}
        layout="vertical"
        data-testid="need-form"
        initialValues={{
          source: 'resident',
          category: proposal?.category ?? 'environment',
          title: proposal
            ? t('coBuilding.proposalTitle', {
                compound: proposal.compound.name,
                category: t(`coBuilding.category.${proposal.category}`, { defaultValue: proposal.category }),
              })
            : '',
        }}
        onFinish={(v) => create.mutate(v)}
      >
        <Form.Item name="title" label={t('coBuilding.field.title')} rules={[{ required: true, max: 100 }]}>
          <Input data-testid="need-title" />
        </Form.Item>
        <Form.Item name="description" label={t('coBuilding.field.description')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Space align="start" wrap>
          <Form.Item name="category" label={t('coBuilding.field.category')}>
            <Select
              style={{ width: 160 }}
              options={CO_CATEGORIES.map((c) => ({ value: c, label: t(`coBuilding.category.${c}`) }))}
            />
          </Form.Item>
          {!proposal && (
            <Form.Item name="source" label={t('coBuilding.field.source')}>
              <Select
                style={{ width: 160 }}
                options={NEED_SOURCES.filter((s) => s !== 'recurringOrders').map((s) => ({
                  value: s,
                  label: t(`coBuilding.source.${s}`),
                }))}
              />
            </Form.Item>
          )}
        </Space>
        {!proposal && (
          <Form.Item name="place" label={t('coBuilding.field.place')} rules={[{ required: true }]}>
            <TerritoryTreeSelect testId="need-place" />
          </Form.Item>
        )}
        {(source === 'meeting' || source === 'survey') && (
          <Form.Item name="sourceNote" label={t('coBuilding.field.sourceNote')} rules={[{ required: true }]}>
            <Input placeholder={t('coBuilding.sourceNotePlaceholder')} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** 高频诉求: clusters of recurring orders that could become needs. */
function Proposals({ onPick }: { onPick: (p: NeedProposal) => void }) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['coBuilding', 'proposals'],
    queryFn: () => api.get<NeedProposal[]>('/api/co-building/need-proposals', { minOrders: 3, days: 30 }),
  });
  const fresh = (q.data ?? []).filter((p) => p.existingNeedId === null);
  if (!fresh.length) return null;
  return (
    <Alert
      type="warning"
      showIcon
      icon={<BulbOutlined />}
      style={{ marginBottom: 16 }}
      data-testid="need-proposals"
      title={t('coBuilding.proposalsTitle')}
      description={
        <Space orientation="vertical" size={4} style={{ width: '100%' }}>
          {fresh.map((p) => (
            <Space key={`${p.compound.id}-${p.category}`} wrap>
              <span>
                {t('coBuilding.proposalLine', {
                  community: p.community.name,
                  compound: p.compound.name,
                  category: t(`coBuilding.category.${p.category}`, { defaultValue: p.category }),
                  count: p.count,
                })}
              </span>
              <Button
                size="small"
                type="link"
                onClick={() => onPick(p)}
                data-testid={`proposal-${p.compound.id}-${p.category}`}
              >
                {t('coBuilding.makeNeed')}
              </Button>
            </Space>
          ))}
        </Space>
      }
    />
  );
}

const FILTER_KEYS = ['territoryId', 'status', 'category', 'source', 'q', 'from', 'to', 'closedFrom', 'closedTo'];

/** 需求清单: needs of the account's area, with the recurring-order proposals on top. */
export default function NeedsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [filters, setFilters] = useUrlFilters(FILTER_KEYS);
  const [creating, setCreating] = useState<{ proposal?: NeedProposal } | null>(null);
  const columns: TableColumnsType<Need> = [
    {
      title: t('coBuilding.field.title'),
      dataIndex: 'title',
      render: (title: string, n) => (
        <Link to={`/co-building/needs/${n.id}`} data-testid={`need-link-${n.id}`}>
          {title}
        </Link>
      ),
    },
    {
      title: t('coBuilding.field.category'),
      dataIndex: 'category',
      width: 110,
      render: (c: string) => t(`coBuilding.category.${c}`, { defaultValue: c }),
    },
    { title: t('coBuilding.field.place'), key: 'place', render: (_, n) => `${n.community.name} · ${n.place.name}` },
    {
      title: t('coBuilding.field.source'),
      dataIndex: 'source',
      width: 130,
      render: (s: string) => <Tag>{t(`coBuilding.source.${s}`)}</Tag>,
    },
    {
      title: t('coBuilding.field.status'),
      dataIndex: 'status',
      width: 120,
      render: (s: string) => <NeedStatusTag status={s} />,
    },
    {
      title: t('coBuilding.field.project'),
      key: 'project',
      render: (_, n) => (n.project ? <Link to={`/co-building/projects/${n.project.id}`}>{n.project.name}</Link> : '—'),
    },
    {
      title: t('coBuilding.field.createdAt'),
      dataIndex: 'createdAt',
      width: 170,
      render: (v: string) => formatDateTime(v),
    },
  ];
  return (
    <div data-testid="co-needs-page">
      <PageTitle
        title={t('coBuilding.needsTitle')}
        help={t('coBuilding.needsHelp')}
        extra={
          can('coBuilding.raise') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating({})} data-testid="need-new">
              {t('coBuilding.newNeed')}
            </Button>
          )
        }
      />
      <CoTabs />
      {can('coBuilding.raise') && <Proposals onPick={(p) => setCreating({ proposal: p })} />}
      <FilterBar<{
        status?: string;
        category?: string;
        q?: string;
        community?: TerritoryRef;
        period?: [Dayjs | null, Dayjs | null] | null;
      }>
        testId="need-filter"
        onSearch={(v) =>
          setFilters({
            ...filters,
            status: v.status,
            category: v.category,
            q: v.q?.trim(),
            territoryId: v.community?.id,
            from: v.period?.[0]?.format('YYYY-MM-DD'),
            to: v.period?.[1]?.format('YYYY-MM-DD'),
          })
        }
        extra={<LedgerButton list="needs" filters={filters} />}
      >
        <Form.Item name="community" label={t('coLedger.community')} style={{ minWidth: 220 }}>
          <TerritoryTreeSelect testId="need-filter-community" />
        </Form.Item>
        <Form.Item name="status" label={t('coBuilding.field.status')}>
          <Select
            allowClear
            style={{ width: 130 }}
            options={NEED_STATUSES.map((s) => ({ value: s, label: t(`coBuilding.needStatus.${s}`) }))}
          />
        </Form.Item>
        <Form.Item name="category" label={t('coBuilding.field.category')}>
          <Select
            allowClear
            style={{ width: 130 }}
            options={CO_CATEGORIES.map((c) => ({ value: c, label: t(`coBuilding.category.${c}`) }))}
          />
        </Form.Item>
        <Form.Item name="period" label={t('coLedger.period')}>
          <DatePicker.RangePicker data-testid="need-filter-period" />
        </Form.Item>
        <Form.Item name="q" label={t('coBuilding.field.q')}>
          <Input allowClear style={{ width: 160 }} />
        </Form.Item>
      </FilterBar>
      <PagedTable<Need>
        queryKey={['coBuilding', 'needs']}
        path="/api/co-building/needs"
        filters={filters}
        columns={columns}
        rowKey={(n) => n.id}
        testId="need-table"
        scrollX={1100}
      />
      {creating && <NewNeedModal proposal={creating.proposal} onClose={() => setCreating(null)} />}
    </div>
  );
}
