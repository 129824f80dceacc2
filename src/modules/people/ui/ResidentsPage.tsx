import { DeleteOutlined, EditOutlined, EyeOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import {
  App,
  Button,
  Descriptions,
  Form,
  Input,
  Popconfirm,
  Select,
  Space,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../../web/api/client';
import type { TerritoryRef } from '../../../web/api/types';
import { queryClient } from '../../../web/app/queryClient';
import { FilterBar } from '../../../web/components/FilterBar';
import { PagedTable, type Filters } from '../../../web/components/PagedTable';
import { PageTitle } from '../../../web/components/PageTitle';
import { TerritoryTreeSelect } from '../../../web/components/TerritoryTreeSelect';
import { ExportButton, ImportButton } from './ledger';
import { ResidentFormModal } from './ResidentFormModal';
import { CareTags, Masked } from './shared';
import { ageOf, RESIDENT_TAGS, type Resident, type ResidentTag } from './types';
import { useCan } from '../../../web/app/auth';

interface FilterValues {
  area?: TerritoryRef;
  q?: string;
  number?: string;
  tag?: ResidentTag;
}

/** A full mobile number or ID number typed into one search box goes to the matching keyed-hash filter. */
function numberFilter(raw: string | undefined): { phone?: string; idNumber?: string } {
  const v = (raw ?? '').replace(/[\s-]/g, '');
  if (!v) return {};
  return /^1\d{10}$/.test(v) ? { phone: v } : { idNumber: v };
}

/** 居民管理: residents of the account's subtree, numbers masked; search by full phone / ID number; ledgers. */
export default function ResidentsPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const has = useCan();
  const [filters, setFilters] = useState<Filters>({});
  const [editing, setEditing] = useState<Resident | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['people', 'residents'] });

  const reveal = useMutation({
    mutationFn: (r: Resident) =>
      api.post<{ id: number; phone: string | null; idNumber: string | null }>(`/api/people/residents/${r.id}/reveal`),
    onSuccess: (v, r) =>
      modal.info({
        title: t('people.revealTitle', { name: r.name }),
        width: 460,
        content: (
          <div data-testid="reveal-result">
            <Descriptions column={1} size="small" style={{ marginTop: 8 }}>
              <Descriptions.Item label={t('people.field.phone')}>{v.phone ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('people.field.idNumber')}>{v.idNumber ?? '—'}</Descriptions.Item>
            </Descriptions>
            <Typography.Text type="secondary">{t('people.revealAudited')}</Typography.Text>
          </div>
        ),
      }),
    onError: (e) => message.error(e.message),
  });
  const remove = useMutation({
    mutationFn: (r: Resident) => api.delete(`/api/people/residents/${r.id}`),
    onSuccess: () => {
      message.success(t('people.deleted'));
      refresh();
    },
    onError: (e) => message.error(e.message),
  });

  const columns: TableColumnsType<Resident> = [
    {
      title: t('people.field.name'),
      dataIndex: 'name',
      width: 120,
      fixed: 'left',
      render: (name: string, r) => (
        <Space size={4}>
          <span>{name}</span>
          {r.isPartyMember && (
            <Tag color="red" bordered={false}>
              {t('people.partyMember')}
            </Tag>
          )}
        </Space>
      ),
    },
    {
      title: t('people.field.gender'),
      dataIndex: 'gender',
      width: 64,
      render: (g: Resident['gender']) => (g ? t(`people.gender.${g}`) : '—'),
    },
    {
      title: t('people.field.age'),
      dataIndex: 'birthDate',
      width: 64,
      align: 'right',
      render: (b: string | null) => ageOf(b) ?? '—',
    },
    {
      title: t('people.field.address'),
      dataIndex: 'address',
      width: 300,
      ellipsis: { showTitle: true },
      render: (a: string, r) => <Link to={`/people/households/${r.householdId}`}>{a}</Link>,
    },
    {
      title: t('people.field.relation'),
      dataIndex: 'relation',
      width: 110,
      render: (v: Resident['relation']) => (v ? t(`people.relation.${v}`) : '—'),
    },
    {
      title: t('people.field.phone'),
      dataIndex: 'phone',
      width: 130,
      render: (v: string | null) => <Masked value={v} />,
    },
    {
      title: t('people.field.idNumber'),
      dataIndex: 'idNumber',
      width: 190,
      render: (v: string | null) => <Masked value={v} />,
    },
    {
      title: t('people.field.tags'),
      dataIndex: 'tags',
      width: 170,
      render: (v: ResidentTag[]) => <CareTags tags={v} />,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      // wide enough for the buttons this account gets
      width:
        24 + (has('resident.reveal') ? 104 : 0) + (has('resident.update') ? 76 : 0) + (has('resident.delete') ? 76 : 0),
      fixed: 'right',
      render: (_, r) => (
        <Space size={0}>
          {has('resident.reveal') && (
            <Popconfirm
              title={t('people.revealConfirm')}
              description={t('people.revealConfirmHelp')}
              onConfirm={() => reveal.mutate(r)}
              okText={t('people.reveal')}
            >
              <Button type="link" size="small" icon={<EyeOutlined />} data-testid={`reveal-${r.id}`}>
                {t('people.reveal')}
              </Button>
            </Popconfirm>
          )}
          {has('resident.update') && (
            <Button
              type="link"
              size="small"
              icon={<EditOutlined />}
              onClick={() => {
                setEditing(r);
                setFormOpen(true);
              }}
            >
              {t('common.edit')}
            </Button>
          )}
          {has('resident.delete') && (
            <Popconfirm title={t('people.deleteConfirm', { name: r.name })} onConfirm={() => remove.mutate(r)}>
              <Button type="link" size="small" danger icon={<DeleteOutlined />}>
                {t('common.delete')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="residents-page">
      <PageTitle
        title={t('people.residentsTitle')}
        help={t('people.residentsHelp')}
        extra={
          <Space>
            {has('resident.create') && (
              <ImportButton
                base="/api/people/residents"
                title={t('people.residentLedger')}
                onDone={refresh}
                testId="residents-import"
              />
            )}
            {has('resident.export') && (
              <ExportButton
                path="/api/people/residents/export.xlsx"
                params={filters}
                fileName={`${t('people.residentLedger')}.xlsx`}
                testId="residents-export"
              />
            )}
            {has('resident.create') && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => {
                  setEditing(null);
                  setFormOpen(true);
                }}
                data-testid="resident-new"
              >
                {t('people.newResident')}
              </Button>
            )}
          </Space>
        }
      />
      <FilterBar<FilterValues>
        testId="resident-filter"
        onSearch={(v) =>
          setFilters({ territoryId: v.area?.id, q: v.q?.trim() || undefined, tag: v.tag, ...numberFilter(v.number) })
        }
      >
        <Form.Item name="area" style={{ width: 240 }}>
          <TerritoryTreeSelect placeholder={t('people.filterArea')} />
        </Form.Item>
        <Form.Item name="q">
          <Input
            placeholder={t('people.filterName')}
            allowClear
            style={{ width: 140 }}
            data-testid="resident-filter-q"
          />
        </Form.Item>
        <Form.Item name="number">
          <Input
            placeholder={t('people.filterNumber')}
            allowClear
            style={{ width: 240 }}
            data-testid="resident-filter-number"
          />
        </Form.Item>
        <Form.Item name="tag">
          <Select
            placeholder={t('people.filterTag')}
            allowClear
            style={{ width: 140 }}
            options={RESIDENT_TAGS.map((g) => ({ value: g, label: t(`people.tag.${g}`) }))}
          />
        </Form.Item>
      </FilterBar>
      <PagedTable<Resident>
        queryKey={['people', 'residents']}
        path="/api/people/residents"
        filters={filters}
        columns={columns}
        rowKey={(r) => r.id}
        testId="residents-table"
        scrollX={1400}
      />
      <ResidentFormModal open={formOpen} resident={editing} onClose={() => setFormOpen(false)} onSaved={refresh} />
    </div>
  );
}
