import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Form, Input, Popconfirm, Select, Space, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../../web/api/client';
import { queryClient } from '../../../web/app/queryClient';
import { FilterBar } from '../../../web/components/FilterBar';
import { LevelTag } from '../../../web/components/LevelTag';
import { PagedTable, type Filters } from '../../../web/components/PagedTable';
import { PageTitle } from '../../../web/components/PageTitle';
import { formatDate } from '../../../web/components/format';
import { ExportButton, ImportButton } from '../../people/ui';
import { UNIT_KINDS } from '../constants';
import { OwnersFormModal, ResidentsGroupFormModal, UnitFormModal } from './PartnerForms';
import { OrgKindTag } from './shared';
import type { OwnersCommittee, ResidentsGroup, Unit, UnitKind } from './types';
import { useCan } from '../../../web/app/auth';

function useRemove(path: string) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return useMutation({
    mutationFn: (id: number) => api.delete(`${path}/${id}`),
    onSuccess: async () => {
      message.success(t('organizations.common.deleted'));
      await queryClient.invalidateQueries({ queryKey: ['organizations'] });
    },
    onError: (e) => message.error(e.message),
  });
}

function UnitsTab() {
  const { t } = useTranslation();
  const manage = useCan()('unit.manage');
  const [filters, setFilters] = useState<Filters>({});
  const [editing, setEditing] = useState<Unit | null | undefined>(undefined);
  const remove = useRemove('/api/organizations/units');
  return (
    <>
      <FilterBar<{ kind?: UnitKind; red?: string; q?: string }>
        testId="units-filter"
        onSearch={(v) => setFilters({ kind: v.kind, red: v.red, q: v.q?.trim() || undefined })}
        extra={
          <Space>
            {manage && (
              <ImportButton
                base="/api/organizations/units"
                title={t('organizations.units.ledger')}
                onDone={() => void queryClient.invalidateQueries({ queryKey: ['organizations'] })}
                testId="units-import"
              />
            )}
            <ExportButton
              path="/api/organizations/units/export.xlsx"
              params={filters}
              fileName={`${t('organizations.units.ledger')}.xlsx`}
              testId="units-export"
            />
            {manage && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="unit-add">
                {t('organizations.units.add')}
              </Button>
            )}
          </Space>
        }
      >
        <Form.Item name="kind" label={t('organizations.field.kind')}>
          <Select
            allowClear
            style={{ width: 140 }}
            options={UNIT_KINDS.map((k) => ({ value: k, label: t(`organizations.unitKind.${k}`) }))}
            data-testid="units-filter-kind"
          />
        </Form.Item>
        <Form.Item name="red" label={t('organizations.field.red')}>
          <Select
            allowClear
            style={{ width: 180 }}
            options={[
              { value: 'true', label: t('organizations.units.redOnly') },
              { value: 'false', label: t('organizations.units.notRed') },
            ]}
            data-testid="units-filter-red"
          />
        </Form.Item>
        <Form.Item name="q" label={t('organizations.field.q')}>
          <Input allowClear style={{ width: 180 }} />
        </Form.Item>
      </FilterBar>
      <PagedTable<Unit>
        queryKey={['organizations', 'units']}
        path="/api/organizations/units"
        filters={filters}
        rowKey={(u) => u.id}
        testId="units-table"
        scrollX={1100}
        columns={[
          {
            title: t('organizations.field.name'),
            render: (_, u) => (
              <Space size={4} wrap>
                <Typography.Text strong>{u.name}</Typography.Text>
                {u.isRedProperty && <Tag color="red">{t('organizations.units.redTag')}</Tag>}
                {u.isNewOrganization && <Tag>{t('organizations.field.newOrganization')}</Tag>}
              </Space>
            ),
          },
          { title: t('organizations.field.kind'), width: 110, render: (_, u) => t(`organizations.unitKind.${u.kind}`) },
          {
            title: t('organizations.field.place'),
            width: 150,
            render: (_, u) => (
              <span>
                <LevelTag level={u.territory.level} />
                {u.territory.name}
              </span>
            ),
          },
          {
            title: t('organizations.field.partyOrg'),
            render: (_, u) =>
              u.partyOrg ? (
                <Link to={`/party-orgs?id=${u.partyOrg.id}`}>
                  <OrgKindTag kind={u.partyOrg.kind} />
                  {u.partyOrg.name}
                </Link>
              ) : (
                <Typography.Text type="secondary">{t('organizations.common.none')}</Typography.Text>
              ),
          },
          { title: t('organizations.field.contactName'), width: 90, render: (_, u) => u.contactName ?? '—' },
          { title: t('organizations.field.contactPhone'), width: 130, render: (_, u) => u.contactPhone ?? '—' },
          {
            title: t('organizations.field.compounds'),
            width: 90,
            align: 'right',
            render: (_, u) => (u.kind === 'propertyCompany' ? u.compoundCount : '—'),
          },
          ...(manage
            ? [
                {
                  title: '',
                  width: 96,
                  render: (_: unknown, u: Unit) => (
                    <Space size={0}>
                      <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(u)} />
                      <Popconfirm
                        title={t('organizations.common.confirmDelete', { name: u.name })}
                        onConfirm={() => remove.mutate(u.id)}
                      >
                        <Button type="link" size="small" danger icon={<DeleteOutlined />} />
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <UnitFormModal open={editing !== undefined} unit={editing} onClose={() => setEditing(undefined)} />
    </>
  );
}

function OwnersTab() {
  const { t } = useTranslation();
  const manage = useCan()('unit.manage');
  const [editing, setEditing] = useState<OwnersCommittee | null>(null);
  const remove = useRemove('/api/organizations/owners-committees');
  return (
    <>
      <PagedTable<OwnersCommittee>
        queryKey={['organizations', 'owners']}
        path="/api/organizations/owners-committees"
        rowKey={(o) => o.id}
        testId="owners-table"
        columns={[
          { title: t('organizations.field.name'), dataIndex: 'name' },
          {
            title: t('organizations.compound.title'),
            render: (_, o) => <Link to={`/compounds?id=${o.compound.id}`}>{o.compound.name}</Link>,
          },
          { title: t('organizations.field.chair'), render: (_, o) => `${o.chairName ?? '—'} ${o.chairPhone ?? ''}` },
          {
            title: t('organizations.field.term'),
            render: (_, o) => `${formatDate(o.termStart)} ~ ${formatDate(o.termEnd)}`,
          },
          { title: t('organizations.field.membersCount'), dataIndex: 'membersCount', align: 'right', width: 90 },
          ...(manage
            ? [
                {
                  title: '',
                  width: 96,
                  render: (_: unknown, o: OwnersCommittee) => (
                    <Space size={0}>
                      <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(o)} />
                      <Popconfirm
                        title={t('organizations.common.confirmDelete', { name: o.name })}
                        onConfirm={() => remove.mutate(o.id)}
                      >
                        <Button type="link" size="small" danger icon={<DeleteOutlined />} />
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && (
        <OwnersFormModal open compound={editing.compound} committee={editing} onClose={() => setEditing(null)} />
      )}
    </>
  );
}

function GroupsTab() {
  const { t } = useTranslation();
  const manage = useCan()('unit.manage');
  const [editing, setEditing] = useState<ResidentsGroup | null | undefined>(undefined);
  const remove = useRemove('/api/organizations/residents-groups');
  return (
    <>
      {manage && (
        <div style={{ textAlign: 'right', marginBottom: 12 }}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
            {t('organizations.compound.addGroup')}
          </Button>
        </div>
      )}
      <PagedTable<ResidentsGroup>
        queryKey={['organizations', 'groups']}
        path="/api/organizations/residents-groups"
        rowKey={(g) => g.id}
        testId="groups-table"
        columns={[
          { title: t('organizations.field.name'), dataIndex: 'name' },
          {
            title: t('organizations.field.place'),
            render: (_, g) => (
              <span>
                <LevelTag level={g.territory.level} />
                {g.territory.name}
              </span>
            ),
          },
          { title: t('organizations.field.leader'), render: (_, g) => g.leaderName ?? '—' },
          { title: t('organizations.field.leaderPhone'), render: (_, g) => g.leaderPhone ?? '—' },
          ...(manage
            ? [
                {
                  title: '',
                  width: 96,
                  render: (_: unknown, g: ResidentsGroup) => (
                    <Space size={0}>
                      <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(g)} />
                      <Popconfirm
                        title={t('organizations.common.confirmDelete', { name: g.name })}
                        onConfirm={() => remove.mutate(g.id)}
                      >
                        <Button type="link" size="small" danger icon={<DeleteOutlined />} />
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <ResidentsGroupFormModal open={editing !== undefined} group={editing} onClose={() => setEditing(undefined)} />
    </>
  );
}

/** 驻区单位与共建: units (with red property), owners' committees and residents' groups of the subtree. */
export default function UnitsPage() {
  const { t } = useTranslation();
  return (
    <div data-testid="units-page">
      <PageTitle title={t('organizations.units.title')} help={t('organizations.units.help')} />
      <Tabs
        items={[
          { key: 'units', label: t('organizations.units.tabUnits'), children: <UnitsTab /> },
          { key: 'owners', label: t('organizations.units.tabOwners'), children: <OwnersTab /> },
          { key: 'groups', label: t('organizations.units.tabGroups'), children: <GroupsTab /> },
        ]}
      />
    </div>
  );
}
